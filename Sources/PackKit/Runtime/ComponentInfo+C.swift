import PluginAPI

/// Descriptors to and from their C form. Both sides use this file: packs write descriptors
/// with `cDescriptor(in:)`, the host reads them with `init(cDescriptor:)`.
extension ComponentInfo {
    /// A C descriptor whose memory lives in `arena`.
    func cDescriptor(in arena: CArena) -> UnsafeMutablePointer<edgehost_component_desc_t> {
        let params = params.map { p in
            arena.value(edgehost_param_desc_t(
                header: .current(for: edgehost_param_desc_t.self), name: arena.string(p.name),
                type: p.type.rawValue, required: p.defaultJSON == nil ? 1 : 0,
                default_json: p.defaultJSON.map(arena.string), min: p.min ?? .nan, max: p.max ?? .nan,
                description: arena.string(p.description)))
        }
        func columns(_ specs: [ColumnSpec]) -> UnsafePointer<UnsafePointer<edgehost_column_desc_t>?>? {
            arena.pointers(specs.map { c in
                arena.value(edgehost_column_desc_t(
                    header: .current(for: edgehost_column_desc_t.self), name: arena.string(c.name),
                    format: arena.string(c.format), flags: c.flags, reserved: 0,
                    description: arena.string(c.description)))
            })
        }
        return arena.value(edgehost_component_desc_t(
            header: .current(for: edgehost_component_desc_t.self),
            id: arena.string(id), version: arena.string(version), description: arena.string(description),
            params: arena.pointers(params), param_count: UInt32(params.count),
            input_count: UInt32(inputs.count), inputs: columns(inputs), outputs: columns(outputs),
            output_count: UInt32(outputs.count), reserved: 0,
            lookback_bars: causality.lookbackBars, lookback_ns: causality.lookbackNanoseconds,
            availability_lag_ns: causality.availabilityLagNanoseconds,
            horizon_bars: causality.horizonBars, horizon_ns: causality.horizonNanoseconds))
    }

    /// Reads a C descriptor after checking its header and those of its parts.
    public init(cDescriptor d: UnsafePointer<edgehost_component_desc_t>) throws(ABIError) {
        try ABIError.check(UnsafeRawPointer(d), as: edgehost_component_desc_t.self, what: "component descriptor")
        let desc = d.pointee
        let id = String(optionalCString: desc.id)
        var params: [ParamSpec] = []
        for i in 0..<Int(desc.param_count) {
            guard let p = desc.params?[i] else { throw ABIError("component '\(id)': parameter \(i) is NULL") }
            try ABIError.check(UnsafeRawPointer(p), as: edgehost_param_desc_t.self, what: "parameter \(i) of '\(id)'")
            guard let type = ParamType(rawValue: p.pointee.type) else {
                throw ABIError("component '\(id)': parameter '\(String(optionalCString: p.pointee.name))' has unknown type \(p.pointee.type)")
            }
            params.append(ParamSpec(
                name: String(optionalCString: p.pointee.name), type: type,
                defaultJSON: p.pointee.required != 0 ? nil : p.pointee.default_json.map { String(cString: $0) },
                min: p.pointee.min.isNaN ? nil : p.pointee.min, max: p.pointee.max.isNaN ? nil : p.pointee.max,
                description: String(optionalCString: p.pointee.description)))
        }
        func columns(_ list: UnsafePointer<UnsafePointer<edgehost_column_desc_t>?>?, _ count: UInt32, _ role: String) throws(ABIError) -> [ColumnSpec] {
            var out: [ColumnSpec] = []
            for i in 0..<Int(count) {
                guard let c = list?[i] else { throw ABIError("component '\(id)': \(role) \(i) is NULL") }
                try ABIError.check(UnsafeRawPointer(c), as: edgehost_column_desc_t.self, what: "\(role) \(i) of '\(id)'")
                out.append(ColumnSpec(flags: c.pointee.flags, name: String(optionalCString: c.pointee.name),
                                      format: String(optionalCString: c.pointee.format),
                                      description: String(optionalCString: c.pointee.description)))
            }
            return out
        }
        self.init(id: id, version: String(optionalCString: desc.version), description: String(optionalCString: desc.description),
                  params: params, inputs: try columns(desc.inputs, desc.input_count, "input"),
                  outputs: try columns(desc.outputs, desc.output_count, "output"),
                  causality: Causality(lookbackBars: desc.lookback_bars, lookbackNanoseconds: desc.lookback_ns,
                                       availabilityLagNanoseconds: desc.availability_lag_ns,
                                       horizonBars: desc.horizon_bars, horizonNanoseconds: desc.horizon_ns))
    }
}

extension ColumnSpec {
    var flags: UInt32 {
        (allowsNaN ? EDGEHOST_COLUMN_ALLOW_NAN : 0) | (allowsInfinity ? EDGEHOST_COLUMN_ALLOW_INF : 0)
            | (isOptional ? EDGEHOST_COLUMN_OPTIONAL : 0)
    }

    init(flags: UInt32, name: String, format: String, description: String) {
        self.init(name: name, format: format, allowsNaN: flags & EDGEHOST_COLUMN_ALLOW_NAN != 0,
                  allowsInfinity: flags & EDGEHOST_COLUMN_ALLOW_INF != 0,
                  isOptional: flags & EDGEHOST_COLUMN_OPTIONAL != 0, description: description)
    }
}

extension String {
    /// A Swift string from a possibly NULL C string ("" for NULL).
    public init(optionalCString p: UnsafePointer<CChar>?) {
        self = p.map { String(cString: $0) } ?? ""
    }
}

/// A struct from the other side of the ABI failed its version or size check, or was NULL.
public struct ABIError: Error, CustomStringConvertible, Sendable {
    /// Which rule the struct broke.
    public enum Reason: Sendable {
        case majorVersion, structSize, malformed
    }

    public var reason: Reason
    public var message: String
    public init(_ message: String, reason: Reason = .malformed) {
        self.reason = reason
        self.message = message
    }
    public var description: String { message }

    /// Checks the header at `p` for the struct `T`: same major version, size covering `T`
    /// (or `minimumSize`, the ABI 1.0 size of a struct that grew since).
    public static func check<T>(_ p: UnsafeRawPointer?, as _: T.Type, what: String, minimumSize: Int? = nil) throws(ABIError) {
        guard let p else { throw ABIError("\(what) is NULL") }
        let header = p.load(as: edgehost_struct_header_t.self)
        guard header.abi_major == EDGEHOST_ABI_MAJOR else {
            throw ABIError("\(what) was built for ABI \(header.abi_major).\(header.abi_minor), this host speaks ABI \(EDGEHOST_ABI_MAJOR).\(EDGEHOST_ABI_MINOR)",
                           reason: .majorVersion)
        }
        let needed = minimumSize ?? MemoryLayout<T>.size
        guard Int(header.struct_size) >= needed else {
            throw ABIError("\(what) declares struct_size \(header.struct_size), host needs at least \(needed) bytes (ABI \(header.abi_major).\(header.abi_minor))",
                           reason: .structSize)
        }
    }
}
