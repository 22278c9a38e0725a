import Indicators
import PackKit

/// One feature ready to run: the indicator instance (a pack's, through the ABI, or a builtin)
/// with validated parameters, fed only the columns it declares.
public final class FeatureComputer: @unchecked Sendable {
    public let spec: FeatureSpec
    public let info: ComponentInfo
    public let output: String
    /// Bars of history the indicator needs, and wall time, with these parameters.
    public let lookbackBars: Int
    public let lookbackNanoseconds: Int64
    private let run: (Frame) throws -> Frame

    public init(_ spec: FeatureSpec, catalogue: PackCatalogue) throws {
        self.spec = spec
        info = try FeatureComputer.info(spec, catalogue: catalogue)
        output = try FeatureComputer.outputName(spec, info: info)
        let params = try ParameterValidator.complete(spec.params, against: info.params, component: "feature '\(spec.name)'")
        if spec.pack == BuiltinIndicatorSet.packID {
            let numbers = params.compactMapValues(\.doubleValue)
            // The history for invariance, not the leading-NaN count: a recursive one needs more.
            let history = try BuiltinIndicators.named(spec.indicator)?.history(numbers) ?? HistoryNeed(bars: 0)
            lookbackBars = history.bars
            lookbackNanoseconds = history.nanoseconds
            let id = spec.indicator
            run = { try BuiltinIndicatorSet.compute(id, on: $0, params: numbers) }
        } else {
            let instance = try PackIndicator(pack: try catalogue.pack(spec.pack), id: spec.indicator, params: params)
            // The instance's lookback from its parameters (ABI 1.1), else the descriptor's.
            let causality = try instance.causality()
            lookbackBars = Int(causality.lookbackBars)
            lookbackNanoseconds = causality.lookbackNanoseconds
            // Values are scanned by the matrix profile anyway; skip the second scan.
            run = { try instance.compute($0, checkValues: false) }
        }
    }

    static func info(_ spec: FeatureSpec, catalogue: PackCatalogue) throws -> ComponentInfo {
        if spec.pack == BuiltinIndicatorSet.packID {
            guard let info = BuiltinIndicatorSet.components.first(where: { $0.id == spec.indicator }) else {
                let known = BuiltinIndicatorSet.components.map(\.id).joined(separator: ", ")
                throw PluginError(.unknownComponent, file: nil, "feature '\(spec.name)': no builtin indicator '\(spec.indicator)' (have: \(known))")
            }
            return info
        }
        return try catalogue.pack(spec.pack).info(.indicator, spec.indicator)
    }

    static func outputName(_ spec: FeatureSpec, info: ComponentInfo) throws -> String {
        let names = info.outputs.map(\.name)
        if let wanted = spec.output {
            guard names.contains(wanted) else {
                throw WorkspaceError("feature '\(spec.name)': \(spec.pack).\(spec.indicator) has no output '\(wanted)' (outputs: \(names.joined(separator: ", ")))")
            }
            return wanted
        }
        guard names.count == 1 else {
            throw WorkspaceError("feature '\(spec.name)': \(spec.pack).\(spec.indicator) has several outputs (\(names.joined(separator: ", "))); choose one with `output:`")
        }
        return names[0]
    }

    /// The indicator's input columns taken from `market`: exactly what it declared.
    public func inputs(from market: Frame) throws -> Frame {
        var names: [String] = []
        for column in info.inputs {
            if market[column.name] != nil { names.append(column.name) } else if !column.isOptional {
                throw WorkspaceError("feature '\(spec.name)': \(spec.pack).\(spec.indicator) needs column '\(column.name)', which the data does not have (it has: \(market.columnNames.joined(separator: ", ")))")
            }
        }
        return try market.selecting(names)
    }

    /// The feature's values on `input` (already narrowed by `inputs(from:)`), row for row.
    public func compute(_ input: Frame) throws -> Float64Column {
        try computeAll(input).float64(output)
    }

    /// Every output of the indicator on `input`.
    public func computeAll(_ input: Frame) throws -> Frame { try run(input) }
}
