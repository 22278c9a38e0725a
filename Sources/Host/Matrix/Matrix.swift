import Foundation
import MarketKit
import PackKit

/// The training matrix: one row per decision, `ts` first (then `key` when the labeler keys its
/// decisions beyond time, `RowFeatures`), then features, the label, the label's end and the
/// realised outcome of each action.
public struct Matrix: Sendable {
    public var ts: [Int64]
    public var featureNames: [String]
    /// `features[f][row]`; NaN = not known at the decision.
    public var features: [[Double]]
    public var labels: [String]
    public var labelEnd: [Int64]
    public var outcomeNames: [String]
    public var outcomes: [[Double]]
    /// The market of the bars behind it (not in the CSV; the profile records it): its
    /// trading days and local hours are every day and hour the stages use.
    public var market: Market = .nyse
    /// Each decision's key beyond `ts` (a level, a strike); nil for one decision per instant,
    /// whose CSV has no `key` column.
    public var keys: [String]? = nil

    public var rowCount: Int { ts.count }

    public var header: [String] { ["ts"] + (keys == nil ? [] : [RowFeatures.key]) + featureNames + ["label", "label_end_ts"] + outcomeNames }

    /// The canonical bytes: comma-separated, `\n` line ends, timestamps in ISO-8601 UTC,
    /// numbers in Swift's shortest round-trip form, NaN as an empty field (pandas reads NaN).
    /// `matrix_sha` is the digest of exactly these bytes.
    public func csv() -> Data {
        var out = Data()
        out.reserveCapacity(rowCount * (featureNames.count + outcomeNames.count + 4) * 12)
        out.append(contentsOf: header.map(Matrix.field).joined(separator: ",").utf8)
        out.append(10)
        for row in 0..<rowCount {
            var line = Timestamps.iso(ts[row])
            if let keys { line += ","; line += Matrix.field(keys[row]) }
            for column in features { line += ","; line += Matrix.number(column[row]) }
            line += ","; line += Matrix.field(labels[row])
            line += ","; line += Timestamps.iso(labelEnd[row])
            for column in outcomes { line += ","; line += Matrix.number(column[row]) }
            out.append(contentsOf: line.utf8)
            out.append(10)
        }
        return out
    }

    static func number(_ x: Double) -> String {
        if x.isNaN { return "" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return x.description
    }

    /// RFC 4180 quoting where needed.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
