import Foundation
import PackKit

extension Lake {
    /// The feature stage's columns: the pack's indicator set (its defaults' `indicator_set`,
    /// when it has one) and every event detector's flag and state, one computer each.
    func featureComputers() throws -> [FeatureComputer] {
        var specs: [FeatureSpec] = []
        if let name = try PackDefaults(pack: pack).indicatorSet {
            let resource = "indicator_sets/\(name).yaml"
            guard let bytes = pack.resources[resource] else { throw WorkspaceError("pack '\(pack.id)': defaults name the indicator set '\(name)' but it ships no \(resource)") }
            specs = try IndicatorSet(yaml: String(decoding: bytes, as: UTF8.self), source: "pack \(pack.id): \(resource)", defaultPack: pack.id).features
        }
        for d in try EventSeries.detectors(of: pack) {
            for output in [d.flagOutput, d.stateOutput] {
                specs.append(FeatureSpec(name: output, pack: pack.id, indicator: d.indicator, params: [:], output: output))
            }
        }
        return try specs.map { try FeatureComputer($0, catalogue: catalogue) }
    }

    /// Days of history the features need before a window's first day.
    public func warmUpDays() throws -> Int { MatrixBuilder.warmUpDays(try featureComputers(), market: market) }

    /// `features`: the cleaned bars of `symbol` from `window.lowerBound − warmUpDays()` on, with
    /// every feature computed (the host's causality checks apply), → one features partition per
    /// day of `window` (bars, then the features). A day's input hash chains the cleaned
    /// partitions from the first day of history to it. Returns the window's rows.
    public func features(_ symbol: String, window: ClosedRange<Int32>) throws -> (report: LakeStageReport, table: LakeTable) {
        let computers = try featureComputers()
        let history = (window.lowerBound - Int32(MatrixBuilder.warmUpDays(computers, market: market)))...window.upperBound
        let params: JSON = .object(["features": .array(computers.map { $0.spec.json }), "history_start": .string(Timestamps.date(history.lowerBound))])
        var chain = Hashing.sha256(params.text)
        var inputs: [Int32: String] = [:]
        for day in history {
            let cleaned = partition(.cleaned, symbol, day)
            guard let m = LakeManifest.read(cleaned) else {
                throw EdgehostError(code: "missing-partition", object: cleaned.folder,
                                    "no cleaned partition for \(symbol) \(Timestamps.date(day)): run `edgehost lake clean` first", exit: .badInput)
            }
            chain = Hashing.sha256("\(chain) \(m.outputSHA)")
            inputs[day] = chain
        }
        if !force {
            let kept = window.compactMap { partition(.features, symbol, $0).unchanged(inputSHA: inputs[$0]!) }
            if kept.count == window.count {
                let table = try LakeTable.concatenated(try window.map { try partition(.features, symbol, $0).read() }, what: "\(symbol) features")
                return (LakeStageReport(stage: .features, symbol: symbol, written: 0, skipped: kept.count, rows: table.count), table)
            }
        }
        let bars = try LakeTable.concatenated(try history.map { try partition(.cleaned, symbol, $0).read() }, what: "\(symbol) cleaned bars")
        let computed = try compute(computers, on: bars)
        var rowsByDay: [Int32: [Int]] = [:]
        for (row, t) in computed.ts.enumerated() where window.contains(market.day(t)) { rowsByDay[market.day(t), default: []].append(row) }
        var tables: [LakeTable] = []
        for day in window {
            let table = computed.rows(rowsByDay[day] ?? [])
            var manifest = LakeManifest(stage: .features, pack: pack, symbol: symbol, timeframe: timeframe, day: day, params: params, inputSHA: inputs[day]!)
            manifest.counts = .object(["features": .strings(computers.map(\.spec.name)),
                                       "nan": .object(Dictionary(uniqueKeysWithValues: zip(table.names, table.columns)
                                           .filter { name, _ in !bars.names.contains(name) }.map { ($0, JSON.number(Double($1.filter(\.isNaN).count))) }))])
            try partition(.features, symbol, day).write(table, manifest: manifest)
            tables.append(table)
        }
        let table = try LakeTable.concatenated(tables, what: "\(symbol) features")
        return (LakeStageReport(stage: .features, symbol: symbol, written: window.count, skipped: 0, rows: table.count), table)
    }

    /// `bars` with one column per computer appended, each checked for causality when asked.
    func compute(_ computers: [FeatureComputer], on bars: LakeTable) throws -> LakeTable {
        var out = bars
        guard bars.count > 0 else {
            out.names += computers.map(\.spec.name)
            out.columns += computers.map { _ in [] }
            return out
        }
        let frame = try bars.frame()
        let ts = try frame.timestamps()
        var findings = CausalityFindings(checked: checkCausality)
        for computer in computers {
            let input = try computer.inputs(from: frame)
            let values = try computer.compute(input)
            if checkCausality { try findings.checkFeature(computer, input: input, values: values, ts: ts) }
            out.names.append(computer.spec.name)
            out.columns.append(Array(values))
        }
        return out
    }
}
