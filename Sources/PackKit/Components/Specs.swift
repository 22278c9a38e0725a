/// The type of a component parameter; parameters cross the ABI as JSON.
public enum ParamType: Int32, Sendable, CaseIterable {
    case int = 1, float = 2, bool = 3, string = 4

    public var name: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .string: "string"
        }
    }
}

/// One declared parameter: name, type, default (as a JSON literal), bounds.
public struct ParamSpec: Sendable, Equatable {
    public var name: String
    public var type: ParamType
    /// JSON literal of the default (`"14"`, `"true"`, `"\"close\""`); nil when required.
    public var defaultJSON: String?
    public var min: Double?
    public var max: Double?
    public var description: String

    public init(name: String, type: ParamType, defaultJSON: String?, min: Double? = nil, max: Double? = nil, description: String = "") {
        self.name = name
        self.type = type
        self.defaultJSON = defaultJSON
        self.min = min
        self.max = max
        self.description = description
    }

    public static func int(_ name: String, default value: Int, min: Int? = nil, max: Int? = nil, _ description: String = "") -> ParamSpec {
        ParamSpec(name: name, type: .int, defaultJSON: String(value), min: min.map(Double.init), max: max.map(Double.init), description: description)
    }

    public static func float(_ name: String, default value: Double, min: Double? = nil, max: Double? = nil, _ description: String = "") -> ParamSpec {
        ParamSpec(name: name, type: .float, defaultJSON: "\(value)", min: min, max: max, description: description)
    }

    public static func bool(_ name: String, default value: Bool, _ description: String = "") -> ParamSpec {
        ParamSpec(name: name, type: .bool, defaultJSON: value ? "true" : "false", description: description)
    }

    public static func string(_ name: String, default value: String?, _ description: String = "") -> ParamSpec {
        ParamSpec(name: name, type: .string, defaultJSON: value.map(JSON.quote), description: description)
    }
}

/// One input or output column of a component.
public struct ColumnSpec: Sendable, Equatable {
    public var name: String
    /// Arrow format string ("g", "l", "tsn:UTC", "u", "b").
    public var format: String
    public var allowsNaN: Bool
    public var allowsInfinity: Bool
    public var isOptional: Bool
    public var description: String

    public init(name: String, format: String, allowsNaN: Bool = false, allowsInfinity: Bool = false,
                isOptional: Bool = false, description: String = "") {
        self.name = name
        self.format = format
        self.allowsNaN = allowsNaN
        self.allowsInfinity = allowsInfinity
        self.isOptional = isOptional
        self.description = description
    }

    public static func float64(_ name: String, allowsNaN: Bool = false, _ description: String = "") -> ColumnSpec {
        ColumnSpec(name: name, format: "g", allowsNaN: allowsNaN, description: description)
    }

    public static func timestamp(_ name: String, _ description: String = "") -> ColumnSpec {
        ColumnSpec(name: name, format: "tsn:UTC", description: description)
    }

    public static func utf8(_ name: String, _ description: String = "") -> ColumnSpec {
        ColumnSpec(name: name, format: "u", description: description)
    }
}

/// What a component may look at, declared so the host can enforce it.
public struct Causality: Sendable, Equatable {
    /// History needed before the first valid output.
    public var lookbackBars: Int64
    public var lookbackNanoseconds: Int64
    /// Indicators: a value stamped t may be used from t + lag.
    public var availabilityLagNanoseconds: Int64
    /// Labelers: how far past the decision the label looks.
    public var horizonBars: Int64
    public var horizonNanoseconds: Int64

    public init(lookbackBars: Int64 = 0, lookbackNanoseconds: Int64 = 0, availabilityLagNanoseconds: Int64 = 0,
                horizonBars: Int64 = 0, horizonNanoseconds: Int64 = 0) {
        self.lookbackBars = lookbackBars
        self.lookbackNanoseconds = lookbackNanoseconds
        self.availabilityLagNanoseconds = availabilityLagNanoseconds
        self.horizonBars = horizonBars
        self.horizonNanoseconds = horizonNanoseconds
    }

    public static let none = Causality()
}

/// Everything the host needs to list, validate and plan a component without running it.
public struct ComponentInfo: Sendable, Equatable {
    public var id: String
    public var version: String
    public var description: String
    public var params: [ParamSpec]
    public var inputs: [ColumnSpec]
    public var outputs: [ColumnSpec]
    public var causality: Causality

    public init(id: String, version: String = "1.0.0", description: String, params: [ParamSpec] = [],
                inputs: [ColumnSpec] = [], outputs: [ColumnSpec], causality: Causality = .none) {
        self.id = id
        self.version = version
        self.description = description
        self.params = params
        self.inputs = inputs
        self.outputs = outputs
        self.causality = causality
    }
}
