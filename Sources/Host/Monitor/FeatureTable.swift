import Foundation

/// A features file for drift: `ts,<feature>,<feature>,…`, ts ISO-8601 UTC (`2023-01-01T00:05:00Z`)
/// increasing, values numbers, empty or `nan` for missing.
public struct FeatureTable: Sendable {
    public let ts: [Int64]
    public let names: [String]
    /// columns[f][row]
    public let columns: [[Double]]

    public init(ts: [Int64], names: [String], columns: [[Double]]) {
        self.ts = ts
        self.names = names
        self.columns = columns
    }

    public static func read(path: String) throws -> FeatureTable {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw EdgehostError(code: "missing-features", object: path, "cannot read the features file: \(error.localizedDescription)", exit: .io)
        }
        var lines = text.split(whereSeparator: \.isNewline).makeIterator()
        guard let header = lines.next()?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
              header.first == "ts", header.count >= 2 else {
            throw WorkspaceError("\(path):1: expected a header 'ts,<feature>,…'")
        }
        let names = Array(header.dropFirst())
        var ts: [Int64] = [], columns = Array(repeating: [Double](), count: names.count)
        var line = 1
        while let row = lines.next() {
            line += 1
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else { throw WorkspaceError("\(path):\(line): expected \(header.count) fields, got \(fields.count)") }
            guard let t = Timestamps.parseInstant(String(fields[0])) else { throw WorkspaceError("\(path):\(line): bad timestamp '\(fields[0].prefix(40))'") }
            guard ts.last.map({ t > $0 }) ?? true else { throw WorkspaceError("\(path):\(line): ts \(fields[0]) is not after the previous row's") }
            ts.append(t)
            for (f, field) in fields.dropFirst().enumerated() {
                if field.isEmpty || field.lowercased() == "nan" { columns[f].append(.nan); continue }
                guard let x = Double(field), x.isFinite else { throw WorkspaceError("\(path):\(line): '\(names[f])' is not a number: '\(field.prefix(40))'") }
                columns[f].append(x)
            }
        }
        return FeatureTable(ts: ts, names: names, columns: columns)
    }
}
