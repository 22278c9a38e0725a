import PackKit

/// What a pack proposes when the user says nothing: its `defaults.yaml` resource. Lets
/// `edgehost run --pack X` work with no setup.
public struct PackDefaults: Sendable {
    public var ticker: String?
    public var assetType: String?
    public var horizon: String?
    public var cadence: String?
    public var indicatorSet: String?
    public var adapter: ComponentRef?
    /// Adapter query keys of the default model (`source` for a file adapter, `chain`, …).
    public var query: [String: JSON]
    public var preview: (start: String, end: String)?
    public var build: (start: String, end: String)?
    public var qualityGate: ComponentRef?
    public var riskProfiles: [String]
    public var defaultRiskProfile: String?
    public var allowedHours: [Int]
    /// Which action each label value calls for (`UP: call`): a trade on that class earns the
    /// matrix's `outcome_<action>`; `none` means no trade.
    public var actions: [String: String]
    /// One line on what the default run's numbers mean (its market, effects and costs), which
    /// `edgehost run` prints under its summary when the model uses the default adapter.
    public var about: String?
    /// What `edgehost run` does with the pack: `model` (preview → build → train → backtest →
    /// alerts, the default) or `discovery` (discover → blueprints → strategy backtests).
    public var workflow: Workflow = .model
    /// The discovery workflow's defaults; nil for model packs.
    public var discovery: DiscoveryDefaults?
    /// Per-row event outputs in the alerts (`event_outputs:`); nil for packs without them.
    public var eventOutputs: EventOutputSpec?
    /// `register_on_run: true`: `edgehost run` registers the trained model and promotes it to
    /// active, so a live monitor has an active model (`PipelineRun`).
    public var registerOnRun = false
    /// `prior: { feature, label }`: a probability feature the binary model's trees correct
    /// (`TrainingPrior`); nil = XGBoost's constant start.
    public var prior: TrainingPrior?
    /// `training:` booster settings over the host's defaults (`TrainingOverrides`).
    public var training = TrainingOverrides()
    /// `labeler_lookback_minutes: { <labeler id>: minutes }`: the history before a decision
    /// that the pack's labeler reads, for the live monitor's per-cycle tail (`LabelerTail`,
    /// checked at start-up). Not the descriptor's `lookback_ns`, which would also make every
    /// batch build per-date partitions (`MatrixPartitions`).
    public var labelerLookbackMinutes: [String: Int] = [:]

    public enum Workflow: String, Sendable, CaseIterable { case model, discovery }

    public static let resourceName = "defaults.yaml"

    public init(pack: LoadedPack) throws(WorkspaceError) {
        guard let bytes = pack.resources[PackDefaults.resourceName] else {
            self.init()
            return
        }
        try self.init(yaml: String(decoding: bytes, as: UTF8.self), source: "pack \(pack.id): \(PackDefaults.resourceName)", pack: pack.id)
    }

    public init() {
        query = [:]
        riskProfiles = []
        allowedHours = []
        actions = [:]
    }

    /// Reads a pack's defaults resource; `source` names it in errors.
    public init(yaml: String, source: String, pack: String) throws(WorkspaceError) {
        self.init()
        var r = try ObjectReader(try YAMLDocument.parse(yaml, source: source), context: source)
        if let model = r.value("model") {
            var m = try ObjectReader(model, context: "\(source): model")
            ticker = try m.optionalString("ticker")
            assetType = try m.optionalString("asset_type")
            horizon = try m.optionalString("horizon")
            cadence = try m.optionalString("cadence")
            indicatorSet = try m.optionalString("indicator_set")
            try m.finish()
        }
        adapter = try r.value("adapter").map { j throws(WorkspaceError) in try ComponentRef(j, defaultPack: pack, context: "\(source): adapter") }
        query = try r.object("query")
        preview = try Self.range(r.value("preview"), "\(source): preview")
        build = try Self.range(r.value("build"), "\(source): build")
        qualityGate = try r.value("quality_gate").map { j throws(WorkspaceError) in try ComponentRef(j, defaultPack: pack, context: "\(source): quality_gate") }
        riskProfiles = try r.array("risk_profiles").compactMap(\.stringValue)
        defaultRiskProfile = try r.optionalString("default_risk_profile")
        allowedHours = try r.array("allowed_hours").map { hour throws(WorkspaceError) in
            // Int(_:) traps on NaN or a huge number: check the value first.
            guard let h = hour.doubleValue, (0...23).contains(h), h.rounded() == h else {
                throw WorkspaceError("\(source): allowed_hours: \(EscapedText.text(hour.text)) is not an hour 0–23")
            }
            return Int(h)
        }
        for (label, action) in try r.object("actions") {
            guard let name = action.stringValue else { throw WorkspaceError("\(source): actions: '\(label)' must name an action (e.g. call, put, none)") }
            actions[label] = name
        }
        about = try r.optionalString("about")
        if let name = try r.optionalString("workflow") {
            guard let w = Workflow(rawValue: name) else {
                throw WorkspaceError("\(source): workflow: '\(EscapedText.text(name))' is not one of \(Workflow.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            workflow = w
        }
        discovery = try r.value("discovery").map { j throws(WorkspaceError) in try DiscoveryDefaults(j, source: source) }
        if workflow == .discovery, discovery == nil { throw WorkspaceError("\(source): workflow discovery needs a discovery: section") }
        eventOutputs = try r.value("event_outputs").map { j throws(WorkspaceError) in try EventOutputSpec(j, source: source) }
        switch r.value("register_on_run") {
        case nil: registerOnRun = false
        case .bool(let b)?: registerOnRun = b
        case let other?: throw WorkspaceError("\(source): register_on_run must be true or false, got \(EscapedText.text(other.text))")
        }
        prior = try r.value("prior").map { j throws(WorkspaceError) in try TrainingPrior(j, source: source) }
        training = try r.value("training").map { j throws(WorkspaceError) in try TrainingOverrides(j, source: source) } ?? TrainingOverrides()
        for (labeler, minutes) in try r.object("labeler_lookback_minutes").sorted(by: { $0.key < $1.key }) {
            // Int(_:) traps on NaN or a huge number: check the value first.
            guard let m = minutes.doubleValue, (1...100_000).contains(m), m.rounded() == m else {
                throw WorkspaceError("\(source): labeler_lookback_minutes: '\(EscapedText.text(labeler))' must be a whole number of minutes 1–100000, got \(EscapedText.text(minutes.text))")
            }
            labelerLookbackMinutes[labeler] = Int(m)
        }
        try r.finish()
    }

    /// The training policy of the pack's models on `hours`, with the pack's prior and settings.
    public func trainingPolicy(hours: [Int]) -> TrainingPolicy {
        var policy = TrainingPolicy(allowedHours: hours)
        policy.prior = prior
        training.apply(to: &policy)
        return policy
    }

    private static func range(_ json: JSON?, _ context: String) throws(WorkspaceError) -> (start: String, end: String)? {
        guard let json else { return nil }
        var r = try ObjectReader(json, context: context)
        let range = (try r.string("start"), try r.string("end"))
        try r.finish()
        return range
    }
}
