import Indicators
import PackKit

/// The host's own indicators (TA-Lib conventions), offered under the pack id `builtin` so an
/// indicator set names them like any pack's: `{ pack: builtin, indicator: rsi }`.
public enum BuiltinIndicatorSet {
    public static let packID = "builtin"

    /// Descriptors in the same form packs give, so listings and validation treat them alike.
    public static var components: [ComponentInfo] { BuiltinIndicators.all.map(info) }

    static func info(_ b: BuiltinIndicator) -> ComponentInfo {
        ComponentInfo(
            id: b.id, version: b.version, description: b.summary,
            params: b.parameters.map { p in
                ParamSpec(name: p.name, type: p.kind == .int ? .int : .float,
                          defaultJSON: JSON.number(p.defaultValue).text,
                          min: p.min.isFinite ? p.min : nil, max: p.max.isFinite ? p.max : nil, description: p.summary)
            },
            inputs: b.inputs.map { $0 == "ts" ? .timestamp("ts") : .float64($0) },
            outputs: b.outputs.map { .float64($0, allowsNaN: true) },
            causality: causality(b))
    }

    /// The default parameters' history (`BuiltinIndicator.history`), which the host checks.
    static func causality(_ b: BuiltinIndicator) -> Causality {
        let history = (try? b.history()) ?? HistoryNeed(bars: 0)
        return Causality(lookbackBars: Int64(history.bars), lookbackNanoseconds: history.nanoseconds)
    }

    /// Computes builtin `id` on `input`; outputs are named as the indicator declares them.
    public static func compute(_ id: String, on input: Frame, params: [String: Double] = [:]) throws -> Frame {
        guard let indicator = BuiltinIndicators.named(id) else {
            let known = BuiltinIndicators.all.map(\.id).joined(separator: ", ")
            throw PluginError(.unknownComponent, file: nil, "no builtin indicator '\(id)' (have: \(known))")
        }
        let columns = try indicator.inputs.filter { $0 != "ts" }.map { ($0, try input.float64($0)) }
        let ts = indicator.inputs.contains("ts") ? try input.timestamps() : Int64Column([])
        let rows = input.rowCount
        let storage = (0..<indicator.outputs.count).map { _ in UnsafeMutableBufferPointer<Double>.allocate(capacity: max(rows, 1)) }
        defer { storage.forEach { $0.deallocate() } }
        let outputs = storage.map { UnsafeMutableBufferPointer(rebasing: $0[0..<rows]) }
        try withBuffers(columns) { buffers in
            try ts.withUnsafeBufferPointer { tsBuffer in
                try indicator.compute(ts: tsBuffer, columns: buffers, params: params, outputs: outputs)
            }
        }
        return try Frame(zip(indicator.outputs, outputs).map { name, buffer in
            .float64(name, Float64Column(count: rows) { out in _ = out.initialize(from: buffer) })
        })
    }

    /// Exposes every column's storage at once (nested `withUnsafeBufferPointer` calls).
    private static func withBuffers<R>(_ columns: [(String, Float64Column)], _ body: ([String: UnsafeBufferPointer<Double>]) throws -> R) throws -> R {
        func go(_ index: Int, _ acc: [String: UnsafeBufferPointer<Double>]) throws -> R {
            guard index < columns.count else { return try body(acc) }
            return try columns[index].1.withUnsafeBufferPointer { buffer in
                var next = acc
                next[columns[index].0] = buffer
                return try go(index + 1, next)
            }
        }
        return try go(0, [:])
    }
}
