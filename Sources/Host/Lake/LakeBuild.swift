import Foundation
import PackKit

/// The lake's three stages over a window for several symbols, as discovery and the strategy
/// backtests read their data: ingest and clean cover the window plus the features' history,
/// features the window. `eventSeries` turns the features partitions into the arrays discovery
/// and the strategies measure, so a run reads the adapter once (and not at all when the lake
/// is up to date).
public struct LakeBuild {
    public var lake: Lake
    public var symbols: [String]
    public var start: Int32, end: Int32
    public var progress: Progress = .silent

    public init(lake: Lake, symbols: [String], start: Int32, end: Int32) throws {
        guard start <= end else { throw WorkspaceError("--start \(Timestamps.date(start)) is after --end \(Timestamps.date(end))") }
        guard !symbols.isEmpty else { throw WorkspaceError("--symbols lists no symbol") }
        for symbol in symbols { try ModelID.check(symbol, what: "symbol") }
        self.lake = lake
        self.symbols = symbols
        self.start = start
        self.end = end
    }

    /// The days ingest and clean cover: the window and the features' history before it.
    public func historyDays() throws -> ClosedRange<Int32> { (start - Int32(try lake.warmUpDays()))...end }

    public func ingest() throws -> [LakeStageReport] {
        let days = try historyDays()
        return try each("ingest") { try lake.ingest($0, days: days) }
    }

    public func clean() throws -> [LakeStageReport] {
        let days = try historyDays()
        return try each("clean") { try lake.clean($0, days: days) }
    }

    /// The features partitions of the window; with `runID`, also each symbol's drift features
    /// file `runs/<run>/features/<symbol>.csv` (ts and the indicator set's features).
    public func features(runID: String? = nil) throws -> (reports: [LakeStageReport], tables: [LakeTable], files: [String]) {
        var tables: [LakeTable] = [], files: [String] = []
        let reports = try each("features") { symbol in
            let (report, table) = try lake.features(symbol, window: start...end)
            tables.append(table)
            if let runID {
                let detectorColumns = Set(try EventSeries.detectors(of: lake.pack).flatMap { [$0.flagOutput, $0.stateOutput] })
                let names = table.names.filter { !LakeBuild.barColumns.contains($0) && !detectorColumns.contains($0) }
                if !names.isEmpty {
                    let path = try DriftFiles.features(workspace: lake.workspace, runID: runID, symbol: symbol)
                    try table.selecting(names, what: "\(symbol) features").write(to: path)
                    files.append(path)
                }
            }
            return report
        }
        return (reports, tables, files)
    }

    /// Columns of an adapter's bars, not features.
    static let barColumns: Set<String> = ["open", "high", "low", "close", "volume", "funding_rate"]

    /// The window's bars and events per symbol (the detectors of `eventTypes`, nil = all), from
    /// the features stage's tables (in `symbols` order).
    public func eventSeries(_ tables: [LakeTable], eventTypes: [String]? = nil, warnings: [String] = []) throws -> EventSeries {
        let detectors = try EventSeries.detectors(of: lake.pack, eventTypes: eventTypes)
        let series = try zip(symbols, tables).map { symbol, table -> EventSeries.SymbolSeries in
            let what = "\(symbol) features (lake/features/\(symbol)/\(lake.timeframe))"
            func column(_ name: String) throws -> [Double] { try table.selecting([name], what: what).columns[0] }
            var events: [String: EventSeries.EventColumns] = [:]
            for d in detectors { events[d.eventType] = EventSeries.EventColumns(flag: try column(d.flagOutput), state: try column(d.stateOutput)) }
            return EventSeries.SymbolSeries(symbol: symbol, ts: table.ts, open: try column("open"), high: try column("high"), low: try column("low"),
                                            close: try column("close"), volume: try column("volume"), events: events, dataSHA: "").withDataSHA()
        }
        return EventSeries(pack: lake.pack.id, adapter: lake.adapterID, market: lake.market, start: start, end: end, detectors: detectors,
                           symbols: series, warnings: warnings)
    }

    private func each(_ stage: String, _ body: (String) throws -> LakeStageReport) throws -> [LakeStageReport] {
        var out: [LakeStageReport] = []
        for (i, symbol) in symbols.enumerated() {
            progress.update("\(stage) \(symbol)", i, of: symbols.count)
            out.append(try body(symbol))
        }
        progress.finish()
        return out
    }
}
