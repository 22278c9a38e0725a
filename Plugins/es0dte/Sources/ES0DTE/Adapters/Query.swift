import MarketKit
import PackKit

/// The query the es0dte adapters take: inclusive dates `start`..`end` (YYYY-MM-DD) and, for
/// files, `source`. Unknown keys are ignored (the host passes one query to any adapter).
struct ESQuery {
    var start: Int32
    var end: Int32
    var source: String?

    init(_ json: JSON) throws {
        let fields = try QueryFields(json)
        start = try fields.date("start")
        end = try fields.date("end")
        guard start <= end else { throw ComponentError("query 'start' (\(MarketDate.format(start))) is after 'end' (\(MarketDate.format(end)))") }
        guard end - start <= 3660 else { throw ComponentError("query spans \(end - start + 1) days; at most 10 years") }
        source = try fields.string("source")
    }
}

/// The adapters' market: CME Globex in Chicago, 1-minute bars, known one minute after they start.
let esMarket = AdapterMarket(timeZone: "America/Chicago", calendar: "cme-globex", barNanoseconds: SessionClock.minute)
let esCausality = Causality(availabilityLagNanoseconds: SessionClock.minute)
