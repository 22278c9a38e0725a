import PluginAPI

/// Creates the C instance struct for component `id` of `kind`, or nil when there is none.
func makeInstance(kind: String, id: String, params: Params, definition: PackDefinition) throws -> UnsafeMutableRawPointer? {
    func make<T>(_ value: T) -> UnsafeMutableRawPointer {
        let p = UnsafeMutablePointer<T>.allocate(capacity: 1)
        p.initialize(to: value)
        return UnsafeMutableRawPointer(p)
    }
    switch kind {
    case EDGEHOST_INDICATOR_V1:
        guard let c = definition.indicators.first(where: { $0.info.id == id }) else { return nil }
        return make(edgehost_indicator_t(header: .current(for: edgehost_indicator_t.self), state: InstanceState(c, params).retained,
                                         last_error: indicatorLastError, destroy: indicatorDestroy, compute: indicatorCompute,
                                         lookback: indicatorLookback))
    case EDGEHOST_LABELER_V1:
        guard let c = definition.labelers.first(where: { $0.info.id == id }) else { return nil }
        return make(edgehost_labeler_t(header: .current(for: edgehost_labeler_t.self), state: InstanceState(c, params).retained,
                                       last_error: labelerLastError, destroy: labelerDestroy, label: labelerLabel,
                                       horizon: labelerHorizon))
    case EDGEHOST_DATA_ADAPTER_V1:
        guard let c = definition.adapters.first(where: { $0.info.id == id }) else { return nil }
        return make(edgehost_data_adapter_t(header: .current(for: edgehost_data_adapter_t.self), state: InstanceState(c, params).retained,
                                            last_error: adapterLastError, destroy: adapterDestroy, open: adapterOpen,
                                            market: adapterMarket))
    case EDGEHOST_GATE_V1:
        guard let c = definition.gates.first(where: { $0.info.id == id }) else { return nil }
        return make(edgehost_gate_t(header: .current(for: edgehost_gate_t.self), state: InstanceState(c, params).retained,
                                    last_error: gateLastError, destroy: gateDestroy, evaluate: gateEvaluate))
    case EDGEHOST_RISK_PROFILE_V1:
        guard let c = definition.riskProfiles.first(where: { $0.info.id == id }) else { return nil }
        return make(edgehost_risk_profile_t(header: .current(for: edgehost_risk_profile_t.self), state: InstanceState(c, params).retained,
                                            last_error: riskLastError, destroy: riskDestroy, budgets: riskBudgets))
    default:
        return nil
    }
}

// Each kind needs its own C callbacks because the instance types differ; the bodies are one line.

private let indicatorLastError: edgehost_indicator_last_error_fn = {
    InstanceState<Indicator>.from($0?.pointee.state).error.cString
}
private let indicatorDestroy: edgehost_indicator_destroy_fn = {
    InstanceState<Indicator>.release($0?.pointee.state)
    $0?.deallocate()
}
private let indicatorCompute: edgehost_indicator_compute_fn = { instance, inSchema, inArray, outSchema, outArray in
    let state = InstanceState<Indicator>.from(instance?.pointee.state)
    return state.run {
        let (schema, array) = try requireOutput(outSchema, outArray)
        try state.component.compute(try borrowedFrame(inSchema, inArray), state.params).exportArrow(schema: schema, array: array)
    }
}

private let indicatorLookback: edgehost_indicator_lookback_fn = { instance, bars, ns in
    let state = InstanceState<Indicator>.from(instance?.pointee.state)
    return state.run {
        let c = state.component.info.causality
        try report(try state.component.lookback?(state.params) ?? Reach(bars: c.lookbackBars, nanoseconds: c.lookbackNanoseconds), bars, ns)
    }
}

private let labelerLastError: edgehost_labeler_last_error_fn = {
    InstanceState<Labeler>.from($0?.pointee.state).error.cString
}
private let labelerDestroy: edgehost_labeler_destroy_fn = {
    InstanceState<Labeler>.release($0?.pointee.state)
    $0?.deallocate()
}
private let labelerLabel: edgehost_labeler_label_fn = { instance, inSchema, inArray, outSchema, outArray in
    let state = InstanceState<Labeler>.from(instance?.pointee.state)
    return state.run {
        let (schema, array) = try requireOutput(outSchema, outArray)
        try state.component.label(try borrowedFrame(inSchema, inArray), state.params).exportArrow(schema: schema, array: array)
    }
}

private let labelerHorizon: edgehost_labeler_horizon_fn = { instance, bars, ns in
    let state = InstanceState<Labeler>.from(instance?.pointee.state)
    return state.run {
        let c = state.component.info.causality
        try report(try state.component.horizon?(state.params) ?? Reach(bars: c.horizonBars, nanoseconds: c.horizonNanoseconds), bars, ns)
    }
}

/// Stores an instance's lookback or horizon in the host's out-parameters.
private func report(_ value: Reach, _ bars: UnsafeMutablePointer<Int64>?, _ ns: UnsafeMutablePointer<Int64>?) throws {
    guard let bars, let ns else { throw ComponentError("output pointers are NULL") }
    bars.pointee = value.bars
    ns.pointee = value.nanoseconds
}

private let adapterLastError: edgehost_data_adapter_last_error_fn = {
    InstanceState<DataAdapter>.from($0?.pointee.state).error.cString
}
private let adapterDestroy: edgehost_data_adapter_destroy_fn = {
    InstanceState<DataAdapter>.release($0?.pointee.state)
    $0?.deallocate()
}
private let adapterOpen: edgehost_data_adapter_open_fn = { instance, query, out in
    let state = InstanceState<DataAdapter>.from(instance?.pointee.state)
    return state.run {
        guard let out else { throw ComponentError("output stream is NULL") }
        let source = try state.component.open(try JSON.parse(String(optionalCString: query)), state.params)
        try StreamExport.export(source, declared: state.component.info.outputs, into: out)
    }
}

private let adapterMarket: edgehost_data_adapter_market_fn = { instance in
    UnsafePointer(InstanceState<DataAdapter>.from(instance?.pointee.state).component.market?.pointer)
}

private let gateLastError: edgehost_gate_last_error_fn = {
    InstanceState<Gate>.from($0?.pointee.state).error.cString
}
private let gateDestroy: edgehost_gate_destroy_fn = {
    InstanceState<Gate>.release($0?.pointee.state)
    $0?.deallocate()
}
private let gateEvaluate: edgehost_gate_evaluate_fn = { instance, facts, out in
    let state = InstanceState<Gate>.from(instance?.pointee.state)
    return state.run {
        let verdict = try state.component.evaluate(try JSON.parse(String(optionalCString: facts)), state.params)
        state.output.set(verdict.json.text)
        out?.pointee = state.output.cString
    }
}

private let riskLastError: edgehost_risk_profile_last_error_fn = {
    InstanceState<RiskProfile>.from($0?.pointee.state).error.cString
}
private let riskDestroy: edgehost_risk_profile_destroy_fn = {
    InstanceState<RiskProfile>.release($0?.pointee.state)
    $0?.deallocate()
}
private let riskBudgets: edgehost_risk_profile_budgets_fn = { instance, out in
    let state = InstanceState<RiskProfile>.from(instance?.pointee.state)
    return state.run {
        let budgets = try state.component.budgets(state.params)
        state.output.set(JSON.object(budgets.mapValues(JSON.number)).text)
        out?.pointee = state.output.cString
    }
}
