import Foundation
import PackKit
@testable import ZeroDTEPut

enum Fixtures {
    static let spxwChains: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().path + "/shared/data/options/SPXW_eod_chains_2018.csv"
    }()

    /// An adapter's frames with its declared defaults and the test's parameters.
    static func run(_ adapter: DataAdapter, _ query: [String: JSON], params extra: [String: JSON] = [:]) throws -> Frame {
        var values: [String: JSON] = [:]
        for spec in adapter.info.params { if let d = spec.defaultJSON { values[spec.name] = try JSON.parse(d) } }
        let source = try adapter.open(.object(query), Params(values.merging(extra) { $1 }))
        var frames: [Frame] = []
        while let frame = try source.next() { frames.append(frame) }
        return try Frame(concatenating: frames)
    }

    /// Decision rows of the simulated market, built straight from the pack's code (no host).
    static func rows(start: String, end: String, seed: Int = 5, effects: String = "all") throws -> BreachRows {
        let frame = try run(simAdapter, ["start": .string(start), "end": .string(end)],
                            params: ["seed": .number(Double(seed)), "effects": .string(effects)])
        return LadderScanner(rules: BreachRules(), bars: try PutBars(frame)).scan()
    }

    /// Spearman's rank correlation (average ranks for ties).
    static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        func ranks(_ x: [Double]) -> [Double] {
            let order = x.indices.sorted { x[$0] < x[$1] }
            var r = [Double](repeating: 0, count: x.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count, x[order[j + 1]] == x[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 }
                i = j + 1
            }
            return r
        }
        let ra = ranks(a), rb = ranks(b)
        let ma = ra.reduce(0, +) / Double(ra.count), mb = rb.reduce(0, +) / Double(rb.count)
        var cov = 0.0, va = 0.0, vb = 0.0
        for i in ra.indices { cov += (ra[i] - ma) * (rb[i] - mb); va += (ra[i] - ma) * (ra[i] - ma); vb += (rb[i] - mb) * (rb[i] - mb) }
        return cov / (va * vb).squareRoot()
    }
}
