import Foundation
@testable import Host
import MarketKit
import PackKit
import PluginAPI
import Testing

/// Two C test packs for markets other than NYSE (Tests/Fixtures/packs/markets): BTCUSDT-like
/// 5-minute bars every day in UTC ("24x7") and ES-like 5-minute bars on CME Globex (17:00 the
/// day before to 16:00 Chicago, Sunday–Friday). Each runs preview → build → train → backtest →
/// alerts over eight weeks that hold both 2024 daylight-saving switch… the March one, and Good
/// Friday (Globex closed).
@Suite(.serialized) struct MarketPipelineTests {
    static let catalogue: Result<PackCatalogue, any Error> = Result {
        try Fixtures.catalogue([try Fixtures.cPack("market_24x7"), try Fixtures.cPack("market_cme")])
    }

    static func run(_ pack: String) throws -> (Workspace, PipelineRun.Outcome) {
        let ws = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-market-\(UUID().uuidString)").path)
        var run = PipelineRun(pack: pack)
        run.runID = "market-\(pack)"
        run.start = MarketDate.parse("2024-03-04")!
        run.end = MarketDate.parse("2024-04-26")!
        return (ws, try run.run(catalogue: try catalogue.get(), workspace: ws))
    }

    static let crypto = Result { try run("crypto247") }
    static let globex = Result { try run("globexes") }

    static func json(_ path: String) throws -> JSON { try JSON.parse(try String(contentsOfFile: path, encoding: .utf8)) }

    /// Every stage ran; the profile records the market; the matrix carries it to later stages.
    func check(_ outcome: PipelineRun.Outcome, _ ws: Workspace, zone: String, calendar: String) throws -> Matrix {
        #expect(outcome.stoppedBy == nil)
        #expect([outcome.preview.status, outcome.build?.status, outcome.trained?.status].allSatisfy { $0 != "fail" })
        let model = outcome.modelID
        let profile = try Self.json(try ws.profileFile(model))
        #expect(profile["market"]?["time_zone"]?.stringValue == zone && profile["market"]?["calendar"]?.stringValue == calendar)
        #expect(profile["market"]?["bar_ns"]?.intValue == 300_000_000_000)
        let matrix = try ws.builtMatrix(model).read()
        #expect(matrix.market.timeZone == zone && matrix.market.calendarID == calendar)
        return matrix
    }

    /// Walk-forward over every row: each fold's test block starts on the first bar of a trading
    /// day, and no trading day is split between training and test.
    func foldStarts(_ matrix: Matrix) throws -> [Int64] {
        let folds = try WalkForward.folds(matrix, rows: Array(0..<matrix.rowCount), splits: 5, embargo: 0)
        for f in folds {
            let test = Set(f.testRows.map { matrix.market.day(matrix.ts[$0]) })
            let train = Set(f.trainRows.map { matrix.market.day(matrix.ts[$0]) })
            #expect(test.isDisjoint(with: train), "fold \(f.index)")
        }
        return folds.map(\.testStart)
    }

    /// Hours of the backtest's hour tables and of the alerts, which must be the allowed local hours.
    func reportedHours(_ outcome: PipelineRun.Outcome, _ ws: Workspace) throws -> Set<Int> {
        let report = try Self.json(try ws.backtestReport(outcome.modelID))
        guard case .array(let configs)? = report["configurations"] else { Issue.record("no configurations"); return [] }
        var hours = Set<Int>()
        for c in configs { if case .array(let rows)? = c["hours"] { hours.formUnion(rows.compactMap { $0["hour"]?.intValue }) } }
        hours.formUnion(outcome.alerts?.signals.map(\.hour) ?? [])
        return hours
    }

    @Test func a24x7DayIsAUTCDayOf288Bars() throws {
        let (ws, outcome) = try Self.crypto.get()
        let matrix = try check(outcome, ws, zone: "UTC", calendar: "24x7")
        // Coverage: every UTC day keeps all 288 five-minute bars, weekends included.
        let coverage = try #require(outcome.build?.report["coverage"])
        guard case .array(let days)? = coverage["days"] else { Issue.record("no days"); return }
        #expect(days.count == 54)
        #expect(days.allSatisfy { $0["bars"]?.intValue == 288 }, "\(days.filter { $0["bars"]?.intValue != 288 })")
        #expect(coverage["median_bars_per_day"]?.intValue == 288)
        // Folds split at UTC midnight.
        let starts = try foldStarts(matrix)
        #expect(starts.count == 5 && starts.allSatisfy { $0 % 86_400_000_000_000 == 0 }, "\(starts.map(Timestamps.iso))")
        // The hour table's hours are UTC hours, the pack's allowed [14, 15].
        let hours = try reportedHours(outcome, ws)
        #expect(!hours.isEmpty && hours.isSubset(of: [14, 15]), "\(hours)")
        #expect(TradingHours.rows(matrix, allowed: [14]).allSatisfy { (matrix.ts[$0] / 3_600_000_000_000) % 24 == 14 })
        // The alerts score the newest UTC day.
        let last = try #require(matrix.ts.last)
        #expect(outcome.alerts?.session == MarketDate.parse("2024-04-26") && matrix.market.day(last) == MarketDate.parse("2024-04-26"))
    }

    @Test func globexDaysStartAt17ChicagoAndHoursAreChicagos() throws {
        let (ws, outcome) = try Self.globex.get()
        let matrix = try check(outcome, ws, zone: "America/Chicago", calendar: "cme-globex")
        let chicago = try #require(ZoneClock(identifier: "America/Chicago"))
        // Sessions: 23 hours of 5-minute bars (276), none on Good Friday or weekends; Sunday's
        // evening bars count for Monday.
        let coverage = try #require(outcome.build?.report["coverage"])
        guard case .array(let days)? = coverage["days"] else { Issue.record("no days"); return }
        let bars = Dictionary(uniqueKeysWithValues: days.compactMap { d in d["date"]?.stringValue.map { ($0, d["bars"]?.intValue ?? 0) } })
        #expect(bars["2024-03-11"] == 276 && bars["2024-03-29"] == nil && bars["2024-03-10"] == nil && bars["2024-03-09"] == nil)
        #expect(days.count == 39)
        // Folds split at the 17:00 Chicago session open, before and after the DST switch.
        let starts = try foldStarts(matrix)
        #expect(starts.count == 5 && starts.allSatisfy { chicago.minuteOfDay(nanoseconds: $0) == 17 * 60 }, "\(starts.map(Timestamps.iso))")
        // Hours are Chicago's: the allowed [8, 9] (13–15 UTC), in the hour table and the alerts.
        let hours = try reportedHours(outcome, ws)
        #expect(!hours.isEmpty && hours.isSubset(of: [8, 9]), "\(hours)")
        #expect(TradingHours.rows(matrix, allowed: [8]).allSatisfy { chicago.hour(nanoseconds: matrix.ts[$0]) == 8 })
        let last = try #require(matrix.ts.last)
        #expect(outcome.alerts?.session == MarketDate.parse("2024-04-26") && matrix.market.day(last) == MarketDate.parse("2024-04-26"))
    }

    /// The calendar service from Swift (PackKit's wrapper over the host's table).
    @Test func calendarServiceFromSwift() throws {
        let table = HostAPITable(packID: "test", environment: HostEnvironment(process: [:]))
        let api = UnsafePointer(table.pointer)
        let cme = AdapterMarket(timeZone: "America/Chicago", calendar: "cme-globex", barNanoseconds: 60_000_000_000)
        // Sunday 2024-03-10 17:00 CDT (22:00 UTC), hours after the switch.
        let sunday = 1_710_108_000_000_000_000 as Int64
        let local = try #require(HostCalendar.localTime(sunday, zone: "America/Chicago", host: api))
        #expect(local.year == 2024 && local.month == 3 && local.day == 10 && local.hour == 17 && local.utcOffsetSeconds == -5 * 3600 && local.weekday == 0)
        let session = try #require(HostCalendar.session(containing: sunday, market: cme, host: api))
        #expect(session.day == MarketDate.parse("2024-03-11") && session.open == sunday && session.contains)
        let goodFriday = try #require(HostCalendar.session(on: MarketDate.parse("2024-03-29")!, market: cme, host: api))
        #expect(goodFriday.open == nil && !goodFriday.contains)
        #expect(HostCalendar.instant(day: MarketDate.parse("2024-03-10")!, minute: 17 * 60, zone: "America/Chicago", host: api) == sunday)
        #expect(HostCalendar.localTime(sunday, zone: "Not/AZone", host: api) == nil)
        let bad = AdapterMarket(timeZone: "UTC", calendar: "moon", barNanoseconds: 0)
        #expect(HostCalendar.session(on: 0, market: bad, host: api) == nil)
    }

    /// A 1.0 adapter (struct without `market`) still loads and is read as NYSE in New York.
    @Test func aFrozen10AdapterIsNYSE() throws {
        let catalogue = try Fixtures.catalogue([try Fixtures.cPack("cpack10")])
        let adapter = try PackDataAdapter(pack: try catalogue.pack("cexample"), id: "csv-bars")
        #expect(try adapter.market() == .nyse)
    }
}
