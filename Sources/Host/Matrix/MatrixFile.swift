import Foundation
import MarketKit
import PackKit

extension Matrix {
    /// Reads a matrix written by `csv()`: what training, backtests and alerts start from.
    /// Anything else (a hand-edited file, a different layout) fails naming the file and line.
    public static func read(path: String, market: Market = .nyse) throws -> Matrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkspaceError("\(path): no built matrix here: run `edgehost build` first")
        }
        var lines = TextFile.decode(data).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let headerLine = lines.first else { throw WorkspaceError("\(path): empty file, not a matrix") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let (labelAt, outcomeNames) = try layout(header, path: path)
        // A keyed matrix (several decisions per instant) has `key` second; its keys never hold a comma.
        let first = header.count > 1 && header[1] == RowFeatures.key ? 2 : 1
        var m = Matrix(ts: [], featureNames: Array(header[first..<labelAt]), features: Array(repeating: [], count: labelAt - first),
                       labels: [], labelEnd: [], outcomeNames: outcomeNames, outcomes: Array(repeating: [], count: outcomeNames.count),
                       market: market)
        if first == 2 { m.keys = [] }
        for (n, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            func fail(_ what: String) -> WorkspaceError { WorkspaceError("\(path): line \(n + 1): \(what)") }
            guard fields.count == header.count else { throw fail("\(fields.count) fields, the header has \(header.count)") }
            guard let ts = Timestamps.parseInstant(String(fields[0])) else { throw fail("'\(EscapedText.text(fields[0]))' is not a UTC timestamp") }
            guard let end = Timestamps.parseInstant(String(fields[labelAt + 1])) else {
                throw fail("'\(EscapedText.text(fields[labelAt + 1]))' is not a UTC timestamp")
            }
            m.ts.append(ts)
            if first == 2 { m.keys?.append(String(fields[1])) }
            m.labelEnd.append(end)
            m.labels.append(String(fields[labelAt]))
            for f in 0..<(labelAt - first) {
                guard let x = number(fields[f + first]) else { throw fail("\(EscapedText.text(header[f + first])) '\(EscapedText.text(fields[f + first]))' is not a number") }
                m.features[f].append(x)
            }
            for o in outcomeNames.indices {
                guard let x = number(fields[labelAt + 2 + o]) else {
                    throw fail("\(EscapedText.text(outcomeNames[o])) '\(EscapedText.text(fields[labelAt + 2 + o]))' is not a number")
                }
                m.outcomes[o].append(x)
            }
        }
        return m
    }

    private static func number(_ field: Substring) -> Double? {
        switch field {
        case "": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(field)
        }
    }

    /// Where the label sits in a matrix header, and the outcome columns after it.
    private static func layout(_ header: [String], path: String) throws -> (labelAt: Int, outcomeNames: [String]) {
        guard header.first == "ts", let labelAt = header.firstIndex(of: "label"), labelAt + 1 < header.count,
              header[labelAt + 1] == "label_end_ts" else {
            throw WorkspaceError("\(path): line 1: not a training matrix (expected ts, features…, label, label_end_ts, outcome_…)")
        }
        let outcomeNames = Array(header[(labelAt + 2)...])
        guard outcomeNames.allSatisfy({ $0.hasPrefix("outcome_") }) else {
            throw WorkspaceError("\(path): line 1: columns after label_end_ts must be outcome_…")
        }
        return (labelAt, outcomeNames)
    }

    /// The feature schema of the matrix file at `path`, from its header line alone (the rest is not read).
    public static func featureSchemaSHA(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WorkspaceError("\(path): no built matrix here: run `edgehost build` first")
        }
        defer { try? handle.close() }
        var bytes = Data()
        while !bytes.contains(10), let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty { bytes.append(chunk) }
        let line = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
        let header = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let (labelAt, _) = try layout(header, path: path)
        let first = header.count > 1 && header[1] == RowFeatures.key ? 2 : 1
        return schemaSHA(Array(header[first..<labelAt]))
    }

    /// The feature columns' names and order, hashed: a model only scores matrices with the same schema.
    public var featureSchemaSHA: String { Matrix.schemaSHA(featureNames) }

    static func schemaSHA(_ names: [String]) -> String { Hashing.sha256(names.joined(separator: "\n")) }
}
