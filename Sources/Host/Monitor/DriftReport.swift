import Foundation
import PackKit

/// `edgehost monitor drift`: each feature's live window against its reference window.
///
/// The live window is the last `liveDays` × 24 h of the features ending at the newest row
/// (inclusive); the reference window the `referenceDays` × 24 h just before it. A feature is
/// flagged when its PSI exceeds `maxPSI` or its KS statistic `maxKS`.
public struct DriftReport: Sendable {
    public struct Row: Sendable {
        public let feature: String
        public let referenceCount, liveCount: Int
        public let psi, ks: Double
        public let flagged: Bool
    }

    public let rows: [Row]
    public let referenceStart, liveStart, liveEnd: Int64
    public let maxPSI, maxKS: Double

    public var drifted: Bool { rows.contains(where: \.flagged) }

    public init(_ table: FeatureTable, referenceDays: Double, liveDays: Double, maxPSI: Double = 0.3, maxKS: Double = 0.2) throws {
        guard referenceDays > 0, liveDays > 0, referenceDays < 100_000, liveDays < 100_000 else {
            throw WorkspaceError("--reference-window-days and --live-window-days must be positive and under 100000")
        }
        guard let newest = table.ts.last else { throw WorkspaceError("the features file has no rows") }
        let day = 86_400.0 * 1e9
        let liveFrom = newest - Int64(liveDays * day), referenceFrom = liveFrom - Int64(referenceDays * day)
        (liveEnd, liveStart, referenceStart) = (newest, liveFrom, referenceFrom)
        let live = table.ts.indices.filter { table.ts[$0] > liveFrom }
        let reference = table.ts.indices.filter { table.ts[$0] > referenceFrom && table.ts[$0] <= liveFrom }
        guard !reference.isEmpty else {
            throw WorkspaceError("no feature rows in the reference window (\(Timestamps.iso(referenceFrom)) .. \(Timestamps.iso(liveFrom))): the features start at \(Timestamps.iso(table.ts[0]))")
        }
        self.maxPSI = maxPSI
        self.maxKS = maxKS
        rows = zip(table.names, table.columns).map { name, column in
            let r = reference.map { column[$0] }, l = live.map { column[$0] }
            let psi = DriftStatistics.psi(reference: r, live: l), ks = DriftStatistics.ks(r, l)
            return Row(feature: name, referenceCount: r.filter { !$0.isNaN }.count, liveCount: l.filter { !$0.isNaN }.count,
                       psi: psi, ks: ks, flagged: psi > maxPSI || ks > maxKS)
        }
    }

    public var json: JSON {
        .object([
            "reference_window": .object(["start": .string(Timestamps.iso(referenceStart)), "end": .string(Timestamps.iso(liveStart))]),
            "live_window": .object(["start": .string(Timestamps.iso(liveStart)), "end": .string(Timestamps.iso(liveEnd))]),
            "thresholds": .object(["psi": .number(maxPSI), "ks": .number(maxKS)]), "drifted": .bool(drifted),
            "features": .array(rows.map { r in
                .object(["feature": .string(r.feature), "reference_rows": .number(Double(r.referenceCount)), "live_rows": .number(Double(r.liveCount)),
                         "psi": .finite(r.psi), "ks": .finite(r.ks), "flagged": .bool(r.flagged)])
            }),
        ])
    }

    /// The table people read.
    public var table: String {
        var out = "feature                          psi        ks   ref  live  flag\n"
        for r in rows {
            let name = r.feature.count > 30 ? String(r.feature.prefix(29)) + "…" : r.feature
            out += name.padding(toLength: 30, withPad: " ", startingAt: 0)
            out += String(format: " %9.4f %9.4f %5d %5d  ", r.psi, r.ks, r.referenceCount, r.liveCount) + (r.flagged ? "DRIFT\n" : "ok\n")
        }
        return out
    }
}
