import Foundation
import PackKit

/// Rows of one lake partition: `ts` (ns, UTC) and named number columns, row for row.
///
/// On disk a partition is `part.csv`: a header `ts,<column>,…`, then one row per bar with `ts`
/// as ISO 8601 UTC (`2024-01-01T00:05:00Z`) and numbers in Swift's shortest round-trip form
/// (empty = NaN). Writing the same table twice gives the same bytes, and reading gives back the
/// same doubles. The layout is the one `monitor drift` reads (`FeatureTable`).
public struct LakeTable: Sendable, Equatable {
    public var ts: [Int64]
    public var names: [String]
    /// columns[c][row]
    public var columns: [[Double]]

    public init(ts: [Int64], names: [String], columns: [[Double]]) {
        self.ts = ts
        self.names = names
        self.columns = columns
    }

    public var count: Int { ts.count }

    public func column(_ name: String) -> [Double]? { names.firstIndex(of: name).map { columns[$0] } }

    /// The rows at `rows`, in that order.
    public func rows(_ rows: [Int]) -> LakeTable {
        LakeTable(ts: rows.map { ts[$0] }, names: names, columns: columns.map { c in rows.map { c[$0] } })
    }

    /// The columns `wanted`, in that order (absent names are an error naming what there is).
    public func selecting(_ wanted: [String], what: String) throws -> LakeTable {
        let picked = try wanted.map { name in
            try column(name) ?? { throw WorkspaceError("\(what): no column '\(name)' (it has: \(names.joined(separator: ", ")))") }()
        }
        return LakeTable(ts: ts, names: wanted, columns: picked)
    }

    /// `tables` one after the other; they must have the same columns.
    public static func concatenated(_ tables: [LakeTable], what: String) throws -> LakeTable {
        guard var out = tables.first else { return LakeTable(ts: [], names: [], columns: []) }
        for table in tables.dropFirst() {
            guard table.names == out.names else {
                throw WorkspaceError("\(what): partitions have different columns (\(out.names.joined(separator: ",")) vs \(table.names.joined(separator: ",")))")
            }
            out.ts += table.ts
            for c in out.columns.indices { out.columns[c] += table.columns[c] }
        }
        return out
    }

    /// An adapter's frame: `ts` and every float64 column (other column types are not kept).
    public init(frame: Frame, what: String) throws {
        guard frame["ts"] != nil else { throw WorkspaceError("\(what): the frame has no 'ts' column") }
        ts = Array(try frame.timestamps())
        names = frame.columns.compactMap { column in
            if case .float64 = column.data { return column.name }
            return nil
        }
        columns = try names.map { Array(try frame.float64($0)) }
    }

    public func frame() throws -> Frame {
        try Frame([.timestamp("ts", ts)] + zip(names, columns).map { .float64($0, $1) })
    }

    public var csv: String {
        var out = (["ts"] + names).joined(separator: ",") + "\n"
        for row in ts.indices {
            out += Timestamps.iso(ts[row])
            for column in columns {
                let x = column[row]
                out += x.isNaN ? "," : ",\(x)"
            }
            out += "\n"
        }
        return out
    }

    /// Writes `csv` in one rename. Sub-second stamps are refused: the text keeps seconds.
    public func write(to path: String) throws {
        if let i = ts.firstIndex(where: { $0 % 1_000_000_000 != 0 }) {
            throw WorkspaceError("\(path): row \(i + 1) has a sub-second timestamp (\(ts[i]) ns); lake partitions keep seconds")
        }
        try AtomicFile.write(csv, to: path)
    }

    public static func read(path: String) throws -> LakeTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EdgehostError(code: "missing-partition", object: path, "cannot read the lake partition", exit: .io)
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws -> LakeTable {
        func bad(_ line: Int, _ message: String) -> EdgehostError {
            EdgehostError(code: "bad-partition", object: "\(path):\(line)", message + " (the lake is rebuilt by re-running the stage with --force)", exit: .badInput)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard let header = lines.next()?.split(separator: ",", omittingEmptySubsequences: false).map(String.init), header.first == "ts" else {
            throw bad(1, "expected a header 'ts,<column>,…'")
        }
        var table = LakeTable(ts: [], names: Array(header.dropFirst()), columns: Array(repeating: [], count: header.count - 1))
        var line = 1
        while let row = lines.next() {
            line += 1
            if row.isEmpty { continue }
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw bad(line, "expected \(header.count) fields, got \(fields.count)")
            }
            guard let t = Timestamps.parseInstant(String(fields[0])) else {
                throw bad(line, "bad timestamp '\(fields[0].prefix(40))'")
            }
            table.ts.append(t)
            for (c, field) in fields.dropFirst().enumerated() {
                if field.isEmpty { table.columns[c].append(.nan); continue }
                guard let x = Double(field) else {
                    throw bad(line, "'\(table.names[c])' is not a number: '\(field.prefix(40))'")
                }
                table.columns[c].append(x)
            }
        }
        return table
    }
}
