import Foundation
import MarketKit
import PackKit

/// A pack's bars and event detectors over a window, per symbol, as plain arrays: what
/// discovery measures and what a strategy backtest replays.
///
/// Event detectors are the pack's indicators whose id starts with `event.` (`event.vol_shock`:
/// event type `VOL_SHOCK`). Each outputs `<name>_flag` (1 at the bar where the event becomes
/// known, else 0; NaN in warm-up) and `<name>_state` (0 range/low-vol, 1 range/high-vol,
/// 2 trend/low-vol, 3 trend/high-vol). They run through the host's indicator path, so the
/// prefix-truncation and history-invariance checks of a build apply to them too.
///
/// ```swift
/// let series = try EventSeries.load(catalogue: catalogue, pack: "crypto", symbols: ["BTCUSDT"],
///                                   start: MarketDate.parse("2024-01-01")!, end: MarketDate.parse("2024-03-31")!)
/// let btc = series.symbols[0]            // btc.ts, btc.open, …, btc.events["VOL_SHOCK"]?.flag
/// ```
public struct EventSeries: Sendable {
    /// One detector's two columns, row for row with the bars.
    public struct EventColumns: Sendable {
        public var flag: [Double]
        public var state: [Double]
    }

    /// One symbol's bars inside the window (warm-up rows removed) and its events.
    public struct SymbolSeries: Sendable {
        public var symbol: String
        public var ts: [Int64]
        public var open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]
        /// By event type (`VOL_SHOCK`).
        public var events: [String: EventColumns]
        /// SHA-256 of the window's bars (ts and OHLCV bytes): the data a result was measured on.
        public var dataSHA: String
    }

    /// A detector of the pack: indicator id, event type and its output names.
    public struct Detector: Sendable {
        public var indicator: String
        public var eventType: String
        public var flagOutput: String
        public var stateOutput: String
        /// Declared availability lag: the event is usable from its bar's close plus this.
        public var lagNanoseconds: Int64
    }

    public var pack: String
    public var adapter: String
    public var market: Market
    public var start: Int32, end: Int32
    public var detectors: [Detector]
    public var symbols: [SymbolSeries]
    /// Warnings the adapter logged while reading (gaps, dropped rows).
    public var warnings: [String]

    public var eventTypes: [String] { detectors.map(\.eventType) }

    public static let detectorPrefix = "event."
    public static let stateNames = ["range_lowvol", "range_highvol", "trend_lowvol", "trend_highvol"]

    /// The detectors a pack declares, checked for their two outputs.
    public static func detectors(of pack: LoadedPack) throws -> [Detector] {
        try (pack.components[.indicator] ?? []).filter { $0.id.hasPrefix(detectorPrefix) }.map { info in
            let name = String(info.id.dropFirst(detectorPrefix.count))
            let (flag, state) = ("\(name)_flag", "\(name)_state")
            let outputs = info.outputs.map(\.name)
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
                  outputs.contains(flag), outputs.contains(state) else {
                throw WorkspaceError("pack '\(pack.id)': event detector '\(info.id)' must be named event.<lower-case letters, digits, _> and output '\(flag)' and '\(state)' (it outputs: \(outputs.joined(separator: ", ")))")
            }
            return Detector(indicator: info.id, eventType: name.uppercased(), flagOutput: flag, stateOutput: state,
                            lagNanoseconds: info.causality.availabilityLagNanoseconds)
        }
    }

    /// The detectors of `eventTypes` (nil = all); a pack without any, or an unknown type, is an error.
    static func detectors(of pack: LoadedPack, eventTypes: [String]?) throws -> [Detector] {
        var detectors = try detectors(of: pack)
        guard !detectors.isEmpty else {
            throw WorkspaceError("pack '\(pack.id)' has no event detectors (indicators named '\(detectorPrefix)*')")
        }
        if let wanted = eventTypes {
            for type in wanted where !detectors.contains(where: { $0.eventType == type.uppercased() }) {
                throw WorkspaceError("pack '\(pack.id)' has no event type '\(type)' (it has: \(detectors.map(\.eventType).joined(separator: ", ")))")
            }
            detectors = detectors.filter { d in wanted.contains { $0.uppercased() == d.eventType } }
        }
        return detectors
    }

    /// Loads `symbols` over the trading days `start...end` (of the adapter's market) through the
    /// pack's adapter (`adapter`, default the pack's default adapter), computes the event
    /// detectors (all, or those of `eventTypes`) with the host's causality checks, and keeps
    /// the rows inside the window. History for the detectors' lookback is fetched before `start`.
    /// `query` adds adapter query keys (`source` for a file adapter).
    public static func load(catalogue: PackCatalogue, pack packID: String, adapter adapterID: String? = nil,
                            adapterParams: [String: JSON] = [:], query: [String: JSON] = [:], symbols: [String],
                            start: Int32, end: Int32, eventTypes: [String]? = nil, checkCausality: Bool = true,
                            progress: Progress = .silent) throws -> EventSeries {
        guard start <= end else { throw WorkspaceError("--start \(Timestamps.date(start)) is after --end \(Timestamps.date(end))") }
        guard !symbols.isEmpty else { throw WorkspaceError("--symbols lists no symbol") }
        let pack = try catalogue.pack(packID)
        let detectors = try detectors(of: pack, eventTypes: eventTypes)
        let adapterID = try adapterID ?? PackDefaults(pack: pack).adapter?.id ?? pack.components[.dataAdapter]?.first?.id ?? {
            throw WorkspaceError("pack '\(packID)' has no data adapter")
        }()
        let adapter = try PackDataAdapter(pack: pack, id: adapterID, params: adapterParams)
        let market = try adapter.market()
        // One computer per output, so the causality checks cover both columns.
        let computers = try detectors.map { d in
            try [d.flagOutput, d.stateOutput].map { output in
                try FeatureComputer(FeatureSpec(name: output, pack: packID, indicator: d.indicator, params: [:], output: output), catalogue: catalogue)
            }
        }
        let warmUpDays = MatrixBuilder.warmUpDays(computers.flatMap { $0 }, market: market)
        var series: [SymbolSeries] = []
        var warnings: [String] = []
        for (index, symbol) in symbols.enumerated() {
            progress.update("events \(symbol)", index, of: symbols.count)
            var q = query
            q["symbol"] = .string(symbol)
            q["start"] = .string(Timestamps.date(start - Int32(warmUpDays)))
            q["end"] = .string(Timestamps.date(end))
            let (bars, logged) = try Log.capturingPackWarnings { try adapter.read(.object(q)) }
            warnings += logged.map { "\(symbol): \($0)" }
            series.append(try symbolSeries(symbol, bars: bars, detectors: detectors, computers: computers, market: market,
                                           start: start, end: end, checkCausality: checkCausality, adapter: "\(packID).\(adapterID)"))
        }
        progress.finish()
        return EventSeries(pack: packID, adapter: adapterID, market: market, start: start, end: end, detectors: detectors,
                           symbols: series, warnings: warnings)
    }

    private static func symbolSeries(_ symbol: String, bars: Frame, detectors: [Detector], computers: [[FeatureComputer]],
                                      market: Market, start: Int32, end: Int32, checkCausality: Bool, adapter: String) throws -> SymbolSeries {
        guard bars.rowCount > 0 else {
            // No bars (a day the source does not cover): an empty series, reported as such by phase 1.
            let empty = EventColumns(flag: [], state: [])
            return SymbolSeries(symbol: symbol, ts: [], open: [], high: [], low: [], close: [], volume: [],
                                events: Dictionary(uniqueKeysWithValues: detectors.map { ($0.eventType, empty) }), dataSHA: "").withDataSHA()
        }
        let ts = try bars.timestamps()
        var findings = CausalityFindings(checked: checkCausality)
        var events: [String: EventColumns] = [:]
        for (detector, pair) in zip(detectors, computers) {
            var columns: [[Double]] = []
            for computer in pair {
                let input = try computer.inputs(from: bars)
                let values = try computer.compute(input)
                if checkCausality { try findings.checkFeature(computer, input: input, values: values, ts: ts) }
                columns.append(Array(values))
            }
            events[detector.eventType] = EventColumns(flag: columns[0], state: columns[1])
        }
        // The window's rows: warm-up history before `start` only fed the detectors.
        let rows = ts.indices.filter { (start...end).contains(market.day(ts[$0])) }
        func keep(_ name: String) throws -> [Double] {
            let column = try bars.float64(name)
            return rows.map { column[$0] }
        }
        guard bars["open"] != nil else {
            throw WorkspaceError("adapter '\(adapter)' returned no 'open' column for \(symbol) (it has: \(bars.columnNames.joined(separator: ", ")))")
        }
        let kept = SymbolSeries(
            symbol: symbol, ts: rows.map { ts[$0] },
            open: try keep("open"), high: try keep("high"), low: try keep("low"), close: try keep("close"), volume: try keep("volume"),
            events: events.mapValues { columns in EventColumns(flag: rows.map { columns.flag[$0] }, state: rows.map { columns.state[$0] }) },
            dataSHA: "")
        return kept.withDataSHA()
    }
}

extension EventSeries.SymbolSeries {
    /// The same series with `dataSHA` set from its bars' bytes.
    func withDataSHA() -> Self {
        var data = Data()
        ts.withUnsafeBytes { data.append(contentsOf: $0) }
        for column in [open, high, low, close, volume] { column.withUnsafeBytes { data.append(contentsOf: $0) } }
        var copy = self
        copy.dataSHA = Hashing.sha256(data)
        return copy
    }
}
