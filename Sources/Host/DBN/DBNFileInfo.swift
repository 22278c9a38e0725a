import DBN

/// What `edgehost dbn info` shows: the metadata of a DBN file and its records counted by type.
public struct DBNFileInfo: Sendable {
    public var path: String
    public var metadata: DBNMetadata
    public var compressed: Bool
    public var recordCount: Int
    /// Records per layout name (`MboMsg`, …), in order of first appearance.
    public var recordsByLayout: [(String, Int)]

    /// Reads the whole file (streaming, constant memory) to count its records.
    public static func read(path: String) throws -> DBNFileInfo {
        try EdgehostError.reportingDBN {
            let decoder = try DBNDecoder(path: path)
            var counts: [(String, Int)] = []
            var total = 0
            while let batch = try decoder.nextBatch() {
                total += batch.count
                if let i = counts.firstIndex(where: { $0.0 == batch.layoutName }) {
                    counts[i].1 += batch.count
                } else {
                    counts.append((batch.layoutName, batch.count))
                }
            }
            return DBNFileInfo(path: path, metadata: decoder.metadata, compressed: decoder.isCompressed,
                               recordCount: total, recordsByLayout: counts)
        }
    }

    /// The report as text lines.
    public var lines: [String] {
        let m = metadata
        var lines = [
            "file:        \(path)\(compressed ? " (zstd)" : "")",
            "version:     DBN \(m.version)",
            "dataset:     \(m.dataset)",
            "schema:      \(m.schema?.name ?? "mixed")",
            "start:       \(DBNFormat.timestamp(m.start) ?? "-")",
            "end:         \(m.end.flatMap(DBNFormat.timestamp) ?? "-")",
            "limit:       \(m.limit.map(String.init) ?? "none")",
            "stype:       \(m.stypeIn?.name ?? "mixed") -> \(m.stypeOut.name)",
            "ts_out:      \(m.tsOut)",
            "symbols:     \(m.symbols.joined(separator: ", "))",
        ]
        if !m.partial.isEmpty { lines.append("partial:     \(m.partial.joined(separator: ", "))") }
        if !m.notFound.isEmpty { lines.append("not found:   \(m.notFound.joined(separator: ", "))") }
        lines.append("mappings:    \(m.mappings.count)")
        for mapping in m.mappings {
            for interval in mapping.intervals {
                lines.append("  \(mapping.rawSymbol) -> \(interval.symbol)  \(DBNFormat.date(interval.startDate))"
                             + " .. \(DBNFormat.date(interval.endDate))")
            }
        }
        lines.append("records:     \(recordCount)")
        for (layout, count) in recordsByLayout { lines.append("  \(layout): \(count)") }
        return lines
    }
}
