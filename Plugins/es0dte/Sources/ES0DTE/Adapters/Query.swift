import MarketKit
import PackKit

/// The query the es0dte adapters take: inclusive dates `start`..`end` (YYYY-MM-DD) and, for
/// files, `source`. Unknown keys are ignored (the host passes one query to any adapter).
struct ESQuery {
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

/// The adapters' market: CME Globex in Chicago, 1-minute bars, known one minute after they start.
let esMarket = AdapterMarket(timeZone: "America/Chicago", calendar: "cme-globex", barNanoseconds: SessionClock.minute)
let esCausality = Causality(availabilityLagNanoseconds: SessionClock.minute)
