import Foundation
import PackKit

/// The first thing a replay found not as recorded: an input's digest, else a feature value, else
/// a probability, else another field of the decision. Values are printed in full (`ReplayText`).
public struct ReplayDifference: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case input = "input hash", feature, probability, field
    }

    public var kind: Kind
    /// What differs: "data file bars/SPY.csv (…)", "feature ret_30m", "probability UP", "field action".
    public var name: String
    public var recorded: String
    public var replayed: String

    public var line: String { "\(kind.rawValue) differs: \(name): recorded \(recorded), replayed \(replayed)" }
    public var json: JSON { .object(["kind": .string(kind.rawValue), "name": .string(name), "recorded": .string(recorded), "replayed": .string(replayed)]) }
}

/// Values as a replay prints them: numbers with 17 significant digits and their IEEE-754 bits,
/// so "equal" means bit for bit.
public enum ReplayText {
    public static func number(_ x: Double) -> String {
        // Whole numbers (hours, counts) are exact as integers; the rest show their bits.
        if x.rounded() == x, abs(x) < 9e15, x.sign == .plus || x != 0 { return String(Int64(x)) }
        return String(format: "%.17g", x) + " (0x" + String(x.bitPattern, radix: 16) + ")"
    }

    public static func value(_ v: JSON?) -> String {
        switch v {
        case nil: "(absent)"
        case .number(let x)?: number(x)
        case .string(let s)?: JSON.quote(s)
        case .object(let o)?: "{" + o.keys.sorted().map { "\(JSON.quote($0)): \(value(o[$0]))" }.joined(separator: ", ") + "}"
        case .array(let a)?: "[" + a.map { value($0) }.joined(separator: ", ") + "]"
        case let other?: other.text
        }
    }

    /// Equal as written: a replayed value is compared after the same JSON writing as the record
    /// (NaN and infinities are null, integers lose no bits), so ±0 and NaN compare as stored.
    static func same(_ a: JSON?, _ b: JSON?) -> Bool {
        a.map(stored) == b.map(stored)
    }

    static func stored(_ v: JSON) -> JSON { (try? JSON.parse(v.text)) ?? v }
}

/// Two decisions field by field, in the replay's order: features, then probabilities, then
/// every other field (sorted), skipping `ignored`.
enum DecisionComparison {
    static func first(recorded: JSON, replayed: JSON, probabilityFields: [String], ignored: Set<String> = []) -> ReplayDifference? {
        if let d = members(recorded["features"], replayed["features"], kind: .feature, prefix: "") { return d }
        for field in probabilityFields {
            let (a, b) = (recorded[field], replayed[field])
            if case .object = a ?? .null, let d = members(a, b, kind: .probability, prefix: field + ".") { return d }
            if !ReplayText.same(a, b) { return ReplayDifference(kind: .probability, name: field, recorded: ReplayText.value(a), replayed: ReplayText.value(b)) }
        }
        guard case .object(let r) = recorded, case .object(let p) = replayed else { return nil }
        let skip = ignored.union(["features"]).union(probabilityFields)
        for field in Set(r.keys).union(p.keys).subtracting(skip).sorted() where !ReplayText.same(r[field], p[field]) {
            return ReplayDifference(kind: .field, name: field, recorded: ReplayText.value(r[field]), replayed: ReplayText.value(p[field]))
        }
        return nil
    }

    /// The first member of two objects that differs (sorted names).
    static func members(_ a: JSON?, _ b: JSON?, kind: ReplayDifference.Kind, prefix: String) -> ReplayDifference? {
        guard case .object(let x)? = a, case .object(let y)? = b else {
            if ReplayText.same(a, b) { return nil }
            return ReplayDifference(kind: kind, name: prefix.isEmpty ? "features" : String(prefix.dropLast()), recorded: ReplayText.value(a), replayed: ReplayText.value(b))
        }
        for name in Set(x.keys).union(y.keys).sorted() where !ReplayText.same(x[name], y[name]) {
            return ReplayDifference(kind: kind, name: prefix + name, recorded: ReplayText.value(x[name]), replayed: ReplayText.value(y[name]))
        }
        return nil
    }
}
