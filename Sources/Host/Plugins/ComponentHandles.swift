import PackKit
import PluginAPI

/// Calls a table-in, table-out pack function with host-owned Arrow structs, turning a bad
/// status into an error that names the pack, the component and the pack's own message.
private func callTableFunction(_ input: Frame, context: String, file: String,
                               lastError: () -> UnsafePointer<CChar>?,
                               _ call: (UnsafePointer<ArrowSchema>, UnsafePointer<ArrowArray>,
                                        UnsafeMutablePointer<ArrowSchema>, UnsafeMutablePointer<ArrowArray>) -> edgehost_status_t) throws(PluginError) -> Frame {
    var inSchema = ArrowSchema(), inArray = ArrowArray(), outSchema = ArrowSchema(), outArray = ArrowArray()
    input.exportArrow(schema: &inSchema, array: &inArray)
    defer {
        inSchema.release?(&inSchema)
        inArray.release?(&inArray)
    }
    let status = call(&inSchema, &inArray, &outSchema, &outArray)
    guard status == EDGEHOST_OK else {
        outSchema.release?(&outSchema)
        outArray.release?(&outArray)
        throw PluginError(.componentFailed, file: file, status: status, "\(context) failed with status \(PluginError.statusText(status)): \(String(optionalCString: lastError()))")
    }
    guard outSchema.release != nil, outArray.release != nil else {
        throw PluginError(.badOutput, file: file, "\(context) returned success but no output table")
    }
    do {
        return try Frame(arrowSchema: &outSchema, array: &outArray, ownership: .take)
    } catch {
        throw PluginError(.badOutput, file: file, "\(context) returned a malformed table: \(error.message)")
    }
}

/// The C instance struct of one component kind: what the generic handle needs to create and
/// describe it, so the host has one handle type instead of one per kind.
public protocol PackComponentInstance {
    static var kind: ComponentKind { get }
    /// Singular name used in messages ("indicator", "risk profile").
    static var noun: String { get }
    /// The ABI 1.0 size of the struct: a 1.0 instance is this large, the members after it
    /// are read only when its `struct_size` covers them.
    static var minimumSize: Int { get }
}

extension PackComponentInstance {
    public static var minimumSize: Int { MemoryLayout<Self>.size }

    // Every instance struct starts with EDGEHOST_INSTANCE_COMMON (abi_checks.c asserts the
    // layout), so `last_error` and `destroy` sit at the same offsets in every kind and take
    // the instance pointer: one implementation serves all kinds. The gate's layout names them.
    static func lastError(_ instance: UnsafeMutablePointer<Self>) -> UnsafePointer<CChar>? {
        let offset = MemoryLayout<edgehost_gate_t>.offset(of: \edgehost_gate_t.last_error)!
        typealias LastError = @convention(c) (UnsafeRawPointer?) -> UnsafePointer<CChar>?
        return UnsafeRawPointer(instance).load(fromByteOffset: offset, as: LastError?.self)?(UnsafeRawPointer(instance))
    }

    static func destroy(_ instance: UnsafeMutablePointer<Self>) {
        let offset = MemoryLayout<edgehost_gate_t>.offset(of: \edgehost_gate_t.destroy)!
        typealias Destroy = @convention(c) (UnsafeMutableRawPointer?) -> Void
        UnsafeRawPointer(instance).load(fromByteOffset: offset, as: Destroy?.self)?(UnsafeMutableRawPointer(instance))
    }
}

extension edgehost_data_adapter_t: PackComponentInstance {
    public static var kind: ComponentKind { .dataAdapter }
    public static var noun: String { "data adapter" }
    public static var minimumSize: Int { MemoryLayout<Self>.offset(of: \.market)! }
}

extension edgehost_indicator_t: PackComponentInstance {
    public static var kind: ComponentKind { .indicator }
    public static var noun: String { "indicator" }
    public static var minimumSize: Int { MemoryLayout<Self>.offset(of: \.lookback)! }
}

extension edgehost_labeler_t: PackComponentInstance {
    public static var kind: ComponentKind { .labeler }
    public static var noun: String { "labeler" }
    public static var minimumSize: Int { MemoryLayout<Self>.offset(of: \.horizon)! }
}

extension edgehost_gate_t: PackComponentInstance {
    public static var kind: ComponentKind { .gate }
    public static var noun: String { "gate" }
}

extension edgehost_risk_profile_t: PackComponentInstance {
    public static var kind: ComponentKind { .riskProfile }
    public static var noun: String { "risk profile" }
}

/// An instance of one component of a loaded pack; destroys it when released.
public final class ComponentHandle<Instance: PackComponentInstance>: @unchecked Sendable {
    public let pack: LoadedPack
    public let info: ComponentInfo
    let instance: UnsafeMutablePointer<Instance>

    public init(pack: LoadedPack, id: String, params: [String: JSON] = [:]) throws(PluginError) {
        (instance, info) = try pack.create(Instance.kind, id, params: params, as: Instance.self)
        self.pack = pack
    }

    var context: String { "\(Instance.noun) '\(pack.id).\(info.id)'" }

    /// The error a failed call gives: the component, the status and the pack's own message.
    func failure(_ status: edgehost_status_t) -> PluginError {
        PluginError(.componentFailed, file: pack.path, status: status, "\(context) failed with status \(PluginError.statusText(status)): \(String(optionalCString: Instance.lastError(instance)))")
    }

    /// Calls a table-in, table-out function of the instance (see `callTableFunction`).
    func callTable(_ input: Frame,
                   _ call: (UnsafePointer<ArrowSchema>, UnsafePointer<ArrowArray>,
                            UnsafeMutablePointer<ArrowSchema>, UnsafeMutablePointer<ArrowArray>) -> edgehost_status_t) throws(PluginError) -> Frame {
        try callTableFunction(input, context: context, file: pack.path, lastError: { Instance.lastError(instance) }, call)
    }

    deinit { Instance.destroy(instance) }

    /// The descriptor's causality with `bars` and `nanoseconds` replaced by what the ABI 1.1
    /// function `member` reports (an instance's lookback or horizon from its parameters); a
    /// 1.0 instance, whose `struct_size` stops before the member, or a NULL member keeps them.
    func causality<F>(_ member: KeyPath<Instance, F?>, bars: WritableKeyPath<Causality, Int64>,
                      nanoseconds: WritableKeyPath<Causality, Int64>,
                      _ call: (F, UnsafeMutablePointer<Int64>, UnsafeMutablePointer<Int64>) -> edgehost_status_t) throws(PluginError) -> Causality {
        var c = info.causality
        let size = Int(UnsafeRawPointer(instance).load(as: edgehost_struct_header_t.self).struct_size)
        guard let offset = MemoryLayout<Instance>.offset(of: member), size >= offset + MemoryLayout<F?>.size,
              let function = instance.pointee[keyPath: member] else { return c }
        var b: Int64 = 0, ns: Int64 = 0
        let status = call(function, &b, &ns)
        guard status == EDGEHOST_OK else { throw failure(status) }
        guard b >= 0, ns >= 0 else {
            throw PluginError(.badOutput, file: pack.path, "\(context) reported a negative lookback or horizon (\(b) bars, \(ns) ns)")
        }
        c[keyPath: bars] = b
        c[keyPath: nanoseconds] = ns
        return c
    }
}

public typealias PackDataAdapter = ComponentHandle<edgehost_data_adapter_t>
public typealias PackIndicator = ComponentHandle<edgehost_indicator_t>
public typealias PackLabeler = ComponentHandle<edgehost_labeler_t>
public typealias PackGate = ComponentHandle<edgehost_gate_t>
public typealias PackRiskProfile = ComponentHandle<edgehost_risk_profile_t>

extension ComponentHandle where Instance == edgehost_indicator_t {
    /// The instance's causality: its lookback from its parameters (ABI 1.1), else the descriptor's.
    public func causality() throws(PluginError) -> Causality {
        try causality(\.lookback, bars: \.lookbackBars, nanoseconds: \.lookbackNanoseconds) { $0(UnsafePointer(instance), $1, $2) }
    }

    /// Runs the indicator on `input`; the result has the declared outputs, row for row.
    ///
    /// Row count and column types are always checked. `checkValues: false` skips the NaN/Inf
    /// scan for a caller that scans every value itself anyway (the matrix profile does).
    public func compute(_ input: Frame, checkValues: Bool = true) throws(PluginError) -> Frame {
        let output = try callTable(input) { instance.pointee.compute(instance, $0, $1, $2, $3) }
        try OutputChecks.validate(output, rows: input.rowCount, declared: info.outputs, context: context, file: pack.path, checkValues: checkValues)
        return output
    }
}

extension ComponentHandle where Instance == edgehost_labeler_t {
    /// The instance's causality: its horizon from its parameters (ABI 1.1), else the descriptor's.
    public func causality() throws(PluginError) -> Causality {
        try causality(\.horizon, bars: \.horizonBars, nanoseconds: \.horizonNanoseconds) { $0(UnsafePointer(instance), $1, $2) }
    }

    /// Decisions with `ts`, `label_end_ts`, `label` and outcome columns.
    public func label(_ bars: Frame) throws(PluginError) -> Frame {
        let output = try callTable(bars) { instance.pointee.label(instance, $0, $1, $2, $3) }
        try OutputChecks.validate(output, rows: nil, declared: info.outputs, context: context, file: pack.path)
        return output
    }
}

extension ComponentHandle where Instance == edgehost_gate_t {
    /// The gate's verdict JSON: `{"status": "pass|warn|fail", "reasons": [...]}`.
    public func evaluate(_ facts: JSON) throws(PluginError) -> JSON {
        var out: UnsafePointer<CChar>?
        let status = instance.pointee.evaluate(instance, facts.text, &out)
        guard status == EDGEHOST_OK else { throw failure(status) }
        guard let out, let verdict = try? JSON.parse(String(cString: out)), verdict["status"]?.stringValue != nil else {
            throw PluginError(.badOutput, file: pack.path, "\(context) returned no valid verdict JSON")
        }
        return verdict
    }
}

extension ComponentHandle where Instance == edgehost_risk_profile_t {
    public func budgets() throws(PluginError) -> JSON {
        var out: UnsafePointer<CChar>?
        let status = instance.pointee.budgets(instance, &out)
        guard status == EDGEHOST_OK, let out, let json = try? JSON.parse(String(cString: out)) else { throw failure(status) }
        return json
    }
}
