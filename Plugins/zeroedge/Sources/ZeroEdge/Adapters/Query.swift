import Indicators
import MarketKit
import PackKit

/// The query every zeroedge adapter takes, parsed once with clear errors. Unknown keys are
/// ignored so a host can pass one query to several adapters.
struct AdapterQuery: Sendable, Equatable {
    var symbol: String
    /// Inclusive New York dates, days since 1970-01-01.
    var start: Int32
    var end: Int32
    /// A file or folder to read (csv, chain-csv).
    var source: String?
    /// "sim" (default), "none", or a path to chain files.
    var chain: String
    /// "market" (default) or "chain".
    var dataset: String

    static let datasets = ["market", "chain"]

    init(_ json: JSON) throws(ComponentError) {
        try self.init(json, defaultDataset: "market")
    }

    init(_ json: JSON, defaultDataset: String) throws(ComponentError) {
        let fields = try QueryFields(json)
        func string(_ key: String) throws(ComponentError) -> String? { try fields.string(key) }
        symbol = try string("symbol") ?? "SPY"
        guard !symbol.isEmpty else { throw ComponentError("query 'symbol' must not be empty") }
        start = try fields.date("start")
        end = try fields.date("end")
        guard start <= end else {
            throw ComponentError("query 'start' (\(MarketDate.format(start))) is after 'end' (\(MarketDate.format(end)))")
        }
        source = try string("source")
        if source?.isEmpty == true { throw ComponentError("query 'source' must not be empty") }
        chain = try string("chain") ?? "sim"
        guard !chain.isEmpty else { throw ComponentError("query 'chain' must be \"sim\", \"none\" or a path, got ''") }
        dataset = try string("dataset") ?? defaultDataset
        guard Self.datasets.contains(dataset) else {
            throw ComponentError("query 'dataset' must be \"market\" or \"chain\", got '\(dataset)'")
        }
    }

    /// UTC nanoseconds from New York midnight of `start` up to New York midnight after `end`.
    var nanosecondRange: Range<Int64> {
        NewYorkCalendar.nanosecondRange(ofDay: start).lowerBound..<NewYorkCalendar.nanosecondRange(ofDay: end).upperBound
    }

    /// The source path, or an error naming the adapter that needs it.
    func requiredSource(for adapter: String) throws(ComponentError) -> String {
        guard let source else { throw ComponentError("adapter '\(adapter)' needs query 'source' (a file or folder path)") }
        return source
    }
}
