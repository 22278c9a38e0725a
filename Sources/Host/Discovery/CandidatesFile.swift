import Foundation

/// `reports/phase2/<run>/<EVENT>/candidates.csv`: one row per candidate in a fixed order,
/// numbers in Swift's shortest round-trip form (read back bit for bit), NaN as an empty field,
/// reasons joined by `;` (no commas, so no quoting), `\n` line ends. pandas reads it as is.
public enum CandidatesFile {
    public static let header = ["event_type", "horizon", "verb", "state", "n_events", "gross_bps", "cost_bps", "net_bps", "hit_rate",
                                "nw_t", "p_value", "bh_q", "net_ci_low_bps", "net_ci_high_bps", "gate_phase2_final", "reasons"]

    public static func text(_ candidates: [Candidate]) -> String {
        var lines = [header.joined(separator: ",")]
        for c in candidates {
            let numbers = [c.grossBps, c.costBps, c.netBps, c.hitRate, c.t, c.p, c.q, c.netLowBps, c.netHighBps].map(number)
            lines.append(([c.eventType, "\(c.horizon)", c.verb.rawValue, c.state, "\(c.n)"] + numbers
                          + [c.passes ? "true" : "false", c.reasons.joined(separator: ";")]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

    /// The candidates of a file this type wrote; an error names the file and line otherwise.
    public static func read(_ path: String) throws -> [Candidate] {
        guard let data = FileManager.default.contents(atPath: path) else { throw WorkspaceError("\(path): cannot read") }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first.map(String.init) == header.joined(separator: ",") else {
            throw WorkspaceError("\(path): not a candidates file (its header is not \(header.joined(separator: ",")))")
        }
        return try lines.dropFirst().enumerated().map { index, line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func fail() -> WorkspaceError { WorkspaceError("\(path): line \(index + 2) is malformed") }
            guard f.count == header.count, let horizon = Int(f[1]), let verb = Candidate.Verb(rawValue: f[2]), let n = Int(f[4]) else { throw fail() }
            func x(_ i: Int) throws -> Double {
                if f[i].isEmpty { return .nan }
                guard let v = Double(f[i]) else { throw fail() }
                return v
            }
            var c = Candidate(eventType: f[0], horizon: horizon, verb: verb, state: f[3], n: n, grossBps: try x(5), costBps: try x(6),
                              netBps: try x(7), hitRate: try x(8), t: try x(9), p: try x(10), netLowBps: try x(12), netHighBps: try x(13))
            c.q = try x(11)
            c.passes = f[14] == "true"
            c.reasons = f[15].split(separator: ";").map(String.init)
            return c
        }
    }
}
