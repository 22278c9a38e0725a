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
        throw PluginError(.componentFailed, file: file, "\(context) failed with status \(status): \(String(optionalCString: lastError()))")
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

/// An indicator instance of a loaded pack.
public final class PackIndicator: @unchecked Sendable {
    public let pack: LoadedPack
    public let info: ComponentInfo
    private let instance: UnsafeMutablePointer<edgehost_indicator_t>

    public init(pack: LoadedPack, id: String, params: [String: JSON] = [:]) throws(PluginError) {
        (instance, info) = try pack.create(.indicator, id, params: params, as: edgehost_indicator_t.self)
        self.pack = pack
    }

    var context: String { "indicator '\(pack.id).\(info.id)'" }

    /// Runs the indicator on `input`; the result has the declared outputs, row for row.
    ///
    /// Row count and column types are always checked. `checkValues: false` skips the NaN/Inf
    /// scan for a caller that scans every value itself anyway (the matrix profile does).
    public func compute(_ input: Frame, checkValues: Bool = true) throws(PluginError) -> Frame {
        let output = try callTableFunction(input, context: context, file: pack.path, lastError: { instance.pointee.last_error(instance) }) {
            instance.pointee.compute(instance, $0, $1, $2, $3)
        }
        try OutputChecks.validate(output, rows: input.rowCount, declared: info.outputs, context: context, file: pack.path, checkValues: checkValues)
        return output
    }

    deinit { instance.pointee.destroy(instance) }
}

/// A labeler instance of a loaded pack.
public final class PackLabeler: @unchecked Sendable {
    public let pack: LoadedPack
    public let info: ComponentInfo
    private let instance: UnsafeMutablePointer<edgehost_labeler_t>

    public init(pack: LoadedPack, id: String, params: [String: JSON] = [:]) throws(PluginError) {
        (instance, info) = try pack.create(.labeler, id, params: params, as: edgehost_labeler_t.self)
        self.pack = pack
    }

    /// Decisions with `ts`, `label_end_ts`, `label` and outcome columns.
    public func label(_ bars: Frame) throws(PluginError) -> Frame {
        let context = "labeler '\(pack.id).\(info.id)'"
        let output = try callTableFunction(bars, context: context, file: pack.path, lastError: { instance.pointee.last_error(instance) }) {
            instance.pointee.label(instance, $0, $1, $2, $3)
        }
        try OutputChecks.validate(output, rows: nil, declared: info.outputs, context: context, file: pack.path)
        return output
    }

    deinit { instance.pointee.destroy(instance) }
}

/// A gate instance of a loaded pack.
public final class PackGate: @unchecked Sendable {
    public let pack: LoadedPack
    public let info: ComponentInfo
    private let instance: UnsafeMutablePointer<edgehost_gate_t>

    public init(pack: LoadedPack, id: String, params: [String: JSON] = [:]) throws(PluginError) {
        (instance, info) = try pack.create(.gate, id, params: params, as: edgehost_gate_t.self)
        self.pack = pack
    }

    /// The gate's verdict JSON: `{"status": "pass|warn|fail", "reasons": [...]}`.
    public func evaluate(_ facts: JSON) throws(PluginError) -> JSON {
        var out: UnsafePointer<CChar>?
        let status = instance.pointee.evaluate(instance, facts.text, &out)
        let context = "gate '\(pack.id).\(info.id)'"
        guard status == EDGEHOST_OK else {
            throw PluginError(.componentFailed, file: pack.path, "\(context) failed with status \(status): \(String(optionalCString: instance.pointee.last_error(instance)))")
        }
        guard let out, let verdict = try? JSON.parse(String(cString: out)), verdict["status"]?.stringValue != nil else {
            throw PluginError(.badOutput, file: pack.path, "\(context) returned no valid verdict JSON")
        }
        return verdict
    }

    deinit { instance.pointee.destroy(instance) }
}

/// A risk-profile instance of a loaded pack.
public final class PackRiskProfile: @unchecked Sendable {
    public let pack: LoadedPack
    public let info: ComponentInfo
    private let instance: UnsafeMutablePointer<edgehost_risk_profile_t>

    public init(pack: LoadedPack, id: String, params: [String: JSON] = [:]) throws(PluginError) {
        (instance, info) = try pack.create(.riskProfile, id, params: params, as: edgehost_risk_profile_t.self)
        self.pack = pack
    }

    public func budgets() throws(PluginError) -> JSON {
        var out: UnsafePointer<CChar>?
        let status = instance.pointee.budgets(instance, &out)
        let context = "risk profile '\(pack.id).\(info.id)'"
        guard status == EDGEHOST_OK, let out, let json = try? JSON.parse(String(cString: out)) else {
            throw PluginError(.componentFailed, file: pack.path, "\(context) failed with status \(status): \(String(optionalCString: instance.pointee.last_error(instance)))")
        }
        return json
    }

    deinit { instance.pointee.destroy(instance) }
}
