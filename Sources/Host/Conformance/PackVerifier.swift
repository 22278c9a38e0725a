import Foundation
import PackKit

/// The conformance kit behind `edgehost pack verify`: what every pack, ours or a third
/// party's, must pass before the host will trust it with real data.
public enum PackVerifier {
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String

        public init(name: String, passed: Bool, detail: String) {
            self.name = name
            self.passed = passed
            self.detail = detail
        }
    }

    public struct Report: Sendable {
        public var path: String
        public var checks: [Check]
        public var passed: Bool { checks.allSatisfy(\.passed) }

        public var text: String {
            var out = "verifying \(path)\n"
            for c in checks { out += "  \(c.passed ? "ok  " : "FAIL")  \(c.name)\(c.detail.isEmpty ? "" : ": \(c.detail)")\n" }
            let failed = checks.filter { !$0.passed }.count
            return out + (failed == 0 ? "PASS: \(checks.count) checks\n" : "FAIL: \(failed) of \(checks.count) checks failed\n")
        }
    }

    public static func verify(path: String, environment: HostEnvironment = HostEnvironment()) -> Report {
        var report = Report(path: path, checks: [])
        func add(_ name: String, _ passed: Bool, _ detail: String = "") {
            report.checks.append(Check(name: name, passed: passed, detail: detail))
        }
        let pack: LoadedPack
        do {
            let elf = try ELFFile(path: path)
            add("ELF shared object", true)
            let extra = elf.exportedSymbols.filter { $0 != "edgehost_pack_entry" }
            add("exactly one exported symbol", elf.exportedSymbols == ["edgehost_pack_entry"],
                extra.isEmpty ? "edgehost_pack_entry" : "also exports \(extra.prefix(10).joined(separator: ", ")); link with Plugins/exports.map")
            let probe = try LoadedPack.probe(path: path)
            add("ABI version and struct sizes", true, "pack '\(probe.id)', ABI \(probe.entry.pointee.header.abi_major).\(probe.entry.pointee.header.abi_minor)")
            pack = try LoadedPack.open(probe, environment: environment)
            add("init and descriptors", true, ComponentKind.allCases.map { "\(pack.components[$0]?.count ?? 0) \($0.label)" }.joined(separator: ", "))
        } catch {
            add("load", false, "\(error)")
            return report
        }
        report.checks += componentChecks(pack)
        return report
    }

    /// The checks of a pack already loaded (from a file, or in-process by PackTestKit): its
    /// components, not its file.
    public static func verify(pack: LoadedPack) -> Report {
        Report(path: pack.path, checks: componentChecks(pack))
    }

    static func componentChecks(_ pack: LoadedPack) -> [Check] {
        var checks: [Check] = []
        func add(_ name: String, _ passed: Bool, _ detail: String = "") {
            checks.append(Check(name: name, passed: passed, detail: detail))
        }
        for kind in ComponentKind.allCases {
            for info in pack.components[kind] ?? [] {
                add("\(kind.label.dropLast()) '\(info.id)' parameter defaults", defaultsValid(info), "")
            }
        }
        for info in pack.components[.indicator] ?? [] {
            for check in verifyIndicator(pack, info) { checks.append(check) }
        }
        for info in pack.components[.labeler] ?? [] {
            checks.append(verifyLabeler(pack, info))
        }
        for info in pack.components[.riskProfile] ?? [] {
            let result = Result { try PackRiskProfile(pack: pack, id: info.id).budgets() }
            add("risk profile '\(info.id)' budgets", (try? result.get())?.isObject == true, (try? result.get().text) ?? "\(result)")
        }
        return checks
    }

    private static func defaultsValid(_ info: ComponentInfo) -> Bool {
        (try? ParameterValidator.complete([:], against: info.params.filter { $0.defaultJSON != nil }, component: info.id)) != nil
    }

    /// Output length and NaN rules (checked by the handle), NaN budget, determinism and
    /// prefix-truncation invariance, on golden bars (or `bars`: PackTestKit's other markets).
    public static func verifyIndicator(_ pack: LoadedPack, _ info: ComponentInfo, bars: Frame? = nil) -> [Check] {
        let name = "indicator '\(info.id)'"
        do {
            let indicator = try PackIndicator(pack: pack, id: info.id)
            let input = try bars ?? GoldenFrames.bars(market: Self.market(pack), extraColumns: info.inputs.filter { $0.format == "g" }.map(\.name))
            let first = try indicator.compute(input)
            let second = try indicator.compute(input)
            var checks = [Check(name: "\(name) output length and NaN/Inf rules", passed: true, detail: "\(first.rowCount) rows")]
            let nondeterministic = first.columns.first { c in
                guard case .float64(let a) = c.data, case .float64(let b)? = second[c.name] else { return false }
                return zip(a, b).contains { !CausalityCheck.sameBits($0, $1) }
            }
            checks.append(Check(name: "\(name) deterministic", passed: nondeterministic == nil,
                                detail: nondeterministic.map { "output '\($0.name)' differs between two runs on the same input" } ?? ""))
            checks.append(nanBudget(name, first, warmup: Int(try indicator.causality().lookbackBars)))
            let violation = try CausalityCheck.check(input: input, full: first, cuts: CausalityCheck.cuts(rows: input.rowCount)) {
                try indicator.compute($0)
            }
            checks.append(Check(name: "\(name) prefix-truncation invariance", passed: violation == nil,
                                detail: violation.map { "indicator '\(info.id)' \($0)" } ?? ""))
            // A window ends before the data does: an indicator that reads the future would fail it
            // for that reason, which the check above already names.
            if violation == nil { checks.append(try historyInvariance(name, info.id, indicator, input: input, full: first)) }
            return checks
        } catch {
            return [Check(name: "\(name) runs on golden bars", passed: false, detail: "\(error)")]
        }
    }

    /// With only its declared lookback before a row, each output is its full-history value (the
    /// check a build runs, on the golden bars).
    private static func historyInvariance(_ name: String, _ id: String, _ indicator: PackIndicator, input: Frame, full: Frame) throws -> Check {
        let causality = try indicator.causality()
        let lookback = HistoryInvariance.Lookback(bars: Int(causality.lookbackBars), nanoseconds: causality.lookbackNanoseconds)
        let ts = try input.timestamps()
        let name = "\(name) history invariance"
        guard !HistoryInvariance.points(ts: ts, lookback: lookback).isEmpty else {
            return Check(name: name, passed: true, detail: "not checked: its lookback (\(lookback)) is longer than the \(input.rowCount) golden bars; the build checks it")
        }
        let violation = try HistoryInvariance.check(input: input, full: full, ts: ts, lookback: lookback) { try indicator.compute($0) }
        return Check(name: name, passed: violation == nil, detail: violation.map { "indicator '\(id)' \($0)" } ?? "lookback \(lookback)")
    }

    /// After the declared warm-up, at most half of each output may be NaN, and never all of it.
    private static func nanBudget(_ name: String, _ output: Frame, warmup: Int) -> Check {
        for column in output.columns {
            guard case .float64(let values) = column.data, values.count > warmup else { continue }
            let tail = values[warmup...]
            let nan = tail.filter(\.isNaN).count
            if nan * 2 > tail.count {
                return Check(name: "\(name) NaN budget", passed: false,
                             detail: "output '\(column.name)' is NaN in \(nan) of \(tail.count) rows after its \(warmup)-bar lookback (budget: 50%)")
            }
        }
        return Check(name: "\(name) NaN budget", passed: true, detail: "")
    }

    /// Decisions come from the input, labels end after their decision, and two runs agree.
    public static func verifyLabeler(_ pack: LoadedPack, _ info: ComponentInfo, bars golden: Frame? = nil) -> Check {
        let name = "labeler '\(info.id)' causality"
        do {
            let labeler = try PackLabeler(pack: pack, id: info.id)
            let bars = try golden ?? GoldenFrames.bars(market: Self.market(pack), extraColumns: info.inputs.filter { $0.format == "g" }.map(\.name))
            let out = try labeler.label(bars)
            let ts = try out.timestamps(), end = try out.timestamps("label_end_ts")
            // Decisions are instants (the host joins each to the last row known by then), so
            // they need not be bar times, but they must lie after the data starts.
            let first = try bars.timestamps()[0]
            if let row = (0..<ts.count).first(where: { end[$0] <= ts[$0] }) {
                return Check(name: name, passed: false, detail: "row \(row): label_end_ts \(end[row]) is not after its decision time \(ts[row])")
            }
            // Keyed labelers (README "Several decisions per instant") repeat a ts with increasing keys.
            let keys = out["key"] == nil ? nil : try out.utf8("key")
            func increasing(_ i: Int) -> Bool { ts[i] > ts[i - 1] || (ts[i] == ts[i - 1] && keys.map { $0[i] > $0[i - 1] } == true) }
            if let row = (0..<ts.count).first(where: { ts[$0] < first || ($0 > 0 && !increasing($0)) }) {
                return Check(name: name, passed: false, detail: "row \(row): decision ts is before the first input bar or not increasing in (ts, key)")
            }
            // The label checks a build runs (horizon in ns and bars, relabel invariance), with
            // each availability lag the pack's adapters declare (none: 0).
            let lags = Set((pack.components[.dataAdapter] ?? []).map(\.causality.availabilityLagNanoseconds))
            var findings = CausalityFindings(checked: true)
            for lag in lags.isEmpty ? [0] : lags.sorted() {
                _ = try LabelColumns.label(bars, with: labeler, adapterLag: lag, check: true, findings: &findings)
            }
            let horizon = try labeler.causality()
            return Check(name: name, passed: true, detail: "\(out.rowCount) decisions, horizon \(horizon.horizonBars) bars / \(horizon.horizonNanoseconds / 1_000_000_000)s, \(findings.labelDecisionsCompared) relabelled decisions compared")
        } catch {
            return Check(name: name, passed: false, detail: "\(error)")
        }
    }
}

extension JSON {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
