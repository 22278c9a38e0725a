import Foundation
import MarketKit
import PackKit

/// The features-only build of the live monitor: the decisions the labeler emits on the data
/// known at the clock, with exactly the features the build gives them (the same feature
/// computers and the same join, `MatrixBuilder.join`), and no labels: a live decision's outcome
/// lies in the future. The labeler is asked for decision times and row features only; the ABI
/// requires a labeler to emit each decision from the data up to it whatever follows (the build
/// checks it by cutting the data), so a decision and its `x_` features come out the same now
/// as in a later batch build.
public final class CandidateBuilder: @unchecked Sendable {
    public let plan: ModelPlan
    private let builder: MatrixBuilder
    private let computers: [FeatureComputer]
    let labeler: PackLabeler
    /// The adapter's availability lag: a bar stamped t is known from t + this.
    public let adapterLag: Int64
    /// The adapter's market: the sessions and hours of the decisions.
    public let market: Market
    /// The labeler's declared lookback (`LabelerTail`), and the same once `verifyTail` found
    /// it true: only then does a call hand the labeler the day's tail instead of every bar.
    let declaredTail: LabelerTail?
    var tail: LabelerTail?

    public convenience init(plan: ModelPlan) throws {
        let labeler = plan.labeler
        let minutes = try PackDefaults(pack: try plan.catalogue.pack(labeler.pack)).labelerLookbackMinutes[labeler.id]
        let info = try plan.catalogue.pack(labeler.pack).info(.labeler, labeler.id)
        try self.init(plan: plan, declaring: LabelerTail(descriptor: info.causality, minutes: minutes))
    }

    /// `declaring` stands for the labeler's declared lookback (the tests' false claims).
    init(plan: ModelPlan, declaring declared: LabelerTail?) throws {
        self.plan = plan
        declaredTail = declared
        builder = MatrixBuilder(plan: plan)
        computers = try plan.indicatorSet.features.map { try FeatureComputer($0, catalogue: plan.catalogue) }
        let adapter = try PackDataAdapter(pack: try plan.catalogue.pack(plan.adapter.pack), id: plan.adapter.id, params: plan.adapter.params)
        labeler = try PackLabeler(pack: try plan.catalogue.pack(plan.labeler.pack), id: plan.labeler.id, params: plan.labeler.params)
        adapterLag = adapter.info.causality.availabilityLagNanoseconds
        market = try adapter.market()
    }

    /// What one call found: the candidate rows (labels empty) and the decisions dropped as warm-up.
    public struct Candidates: Sendable {
        public var matrix: Matrix
        public var warmUpDropped: Int
    }

    /// The decisions of trading day `day` at or before `clock` that `bars` (the data known at
    /// the clock) yield, minus the instants all of whose rows `skip` names (already scored), with their features. The
    /// feature names are the build's even when no row is left (the schema check reads them).
    public func candidates(_ bars: Frame, day: Int32, clock: Int64, skip: (Int64, String?) -> Bool) throws -> Candidates {
        var findings = CausalityFindings(checked: false)
        let ts = try bars.timestamps()
        let from = tail?.start(ts, day: day, market: market) ?? 0
        let decisions = try LabelColumns.label(from > 0 ? bars.rows(from..<bars.rowCount) : bars, with: labeler, adapterLag: adapterLag,
                                               check: false, findings: &findings)
        let names = try builder.featureNames(computers, decisions: decisions)
        let due = decisions.ts.indices.filter { decisions.ts[$0] <= clock && market.day(decisions.ts[$0]) == day }
        // An instant comes back whole while any of its rows (strikes) is new: a ladder's ranks
        // need all its rows together; the caller's upsert keeps the rows it already has.
        let open = Set(due.filter { !skip(decisions.ts[$0], decisions.keys?[$0]) }.map { decisions.ts[$0] })
        let rows = due.filter { open.contains(decisions.ts[$0]) }
        var matrix = Matrix(ts: [], featureNames: names, features: names.map { _ in [] }, labels: [], labelEnd: [], outcomeNames: [],
                            outcomes: [], market: market)
        guard !rows.isEmpty else { return Candidates(matrix: matrix, warmUpDropped: 0) }
        let values = try computers.map { try $0.compute(try $0.inputs(from: bars)) }
        let (keep, features, warmUp) = MatrixBuilder.join(computers, values: values, ts: ts, decisions: decisions, rows: rows,
                                                          adapterLag: adapterLag, market: market)
        matrix.ts = keep.map { decisions.ts[$0] }
        matrix.features = features + decisions.rowFeatures.map { x in keep.map { x[$0] } }
        matrix.labels = keep.map { _ in "" }
        matrix.labelEnd = keep.map { decisions.ts[$0] }
        matrix.keys = decisions.keys.map { k in keep.map { k[$0] } }
        return Candidates(matrix: matrix, warmUpDropped: warmUp.decisions)
    }
}
