import Foundation
import PackKit

extension JSON {
    /// Indented, sorted-key text for files people read; equal values give equal bytes.
    public var prettyText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A number, or null when it is NaN or infinite (JSON has no such values).
    public static func finite(_ x: Double) -> JSON { x.isFinite ? .number(x) : .null }

    /// `x` rounded to `digits` decimals, for figures people read (percentages, ratios).
    public static func rounded(_ x: Double, _ digits: Int = 4) -> JSON {
        guard x.isFinite else { return .null }
        let scale = pow(10, Double(digits))
        return .number((x * scale).rounded() / scale)
    }

    public static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }
}
