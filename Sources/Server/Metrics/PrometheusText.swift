/// Prometheus text exposition (format 0.0.4) for the series the server reads from files at
/// each scrape rather than counting itself (registry, live state, drift, kill switch).
struct PrometheusText {
    typealias Sample = (labels: [(String, String)], value: Double)
    private(set) var text = ""

    mutating func family(_ name: String, _ type: String, _ help: String, _ samples: [Sample]) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        for sample in samples {
            let labels = sample.labels.map { "\($0.0)=\"\(Self.escaped($0.1))\"" }.joined(separator: ",")
            text += "\(name)\(labels.isEmpty ? "" : "{\(labels)}") \(Self.number(sample.value))\n"
        }
    }

    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : x > 0 ? "+Inf" : "-Inf" }
        return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
