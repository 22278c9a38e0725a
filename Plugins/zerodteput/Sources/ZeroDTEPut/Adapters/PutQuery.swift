import MarketKit
import PackKit

/// The query the zerodteput adapters take: inclusive New York dates `start`..`end`
/// (YYYY-MM-DD) and, for files, `source`. Unknown keys are ignored (the host passes one query
/// to any adapter).
struct PutQuery {
    var start: Int32
    var end: Int32
    var source: String?

    init(_ json: JSON) throws {
        func date(_ key: String) throws -> Int32 {
            guard let text = json[key]?.stringValue else { throw ComponentError("query '\(key)' is required (a date YYYY-MM-DD), got \(json.text)") }
            guard let day = MarketDate.parse(text) else { throw ComponentError("query '\(key)' must be a date YYYY-MM-DD, got '\(text)'") }
            return day
        }
        start = try date("start")
        end = try date("end")
        guard start <= end else { throw ComponentError("query 'start' (\(MarketDate.format(start))) is after 'end' (\(MarketDate.format(end)))") }
        guard end - start <= 3660 else { throw ComponentError("query spans \(end - start + 1) days; at most 10 years") }
        source = json["source"]?.stringValue
    }
}

/// Bars are known one minute after they start (their close).
let putCausality = Causality(availabilityLagNanoseconds: MarketFrame.bar)
