import Foundation
import Host
import MarketKit
import PackKit

/// One parser under fuzz: a name (the corpus folder), a dictionary of tokens the mutator
/// splices in, and the call. A thrown error is a clean refusal; only a trap, a signal, a
/// hang past the timeout or memory past the limit is a finding.
struct FuzzTarget {
    let name: String
    let tokens: [String]
    let run: (Data) throws -> Void
}

/// Parsers that only take a path read the input from one scratch file, rewritten per execution.
final class ScratchFile: @unchecked Sendable {
    let folder: String

    init() {
        folder = NSTemporaryDirectory() + "edgehost-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Writes `data` as `name` in the scratch folder and returns its path.
    func write(_ data: Data, as name: String) throws -> String {
        let path = folder + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

let csvTokens = [",", "\n", "\r\n", "\"", "NaN", "nan", "inf", "-inf", "1e19", "1e300", "-1", "0", "1e-320", "9223372036854775807",
                 "0001-01-01T00:00:00Z", "2300-01-01T13:30:00Z", "9999-12-31", "2024-07-01T13:30:00Z", "2024-07-01 09:30:00",
                 "1719840600", "1719840600000000000", "20240701", "\u{FEFF}", "\0"]
let yamlTokens = ["&a ", "*a", "&b [*a, *a, *a, *a, *a, *a, *a, *a]", "*b", "<<: *a", "- ", ": ", "{", "}", "[", "]", "\n  ",
                  "!!binary", "!!float", ".nan", ".inf", "~", "null", "'", "\"", "? ", "|", ">", "---", "...", "%YAML 1.1", "1e999"]
let jsonTokens = ["{", "}", "[", "]", ",", ":", "\"", "\\u0000", "\\ud800", "1e999999", "-0", "null", "true", "1e29",
                  "\"pack\"", "\"zeroedge\"", "\"model_id\"", "\"..\"", "\"query\"", "{}", "[[[[[[[[[[", "]]]]]]]]]]"]

func fuzzTargets(_ scratch: ScratchFile) -> [FuzzTarget] {
    [
        FuzzTarget(name: "bars-csv", tokens: csvTokens) { data in
            _ = try MinuteBarsFile.read(path: try scratch.write(data, as: "bars.csv"))
        },
        FuzzTarget(name: "chain-spxw-csv", tokens: csvTokens + ["quotedate", "expiration", "type", "strike", "C", "P"]) { data in
            _ = try ChainFile.read(path: try scratch.write(data, as: "chain.csv"))
        },
        // Lean files are named by their date.
        FuzzTarget(name: "chain-lean-csv", tokens: csvTokens + ["#expiry", "strike", "right", "C", "P"]) { data in
            _ = try ChainFile.read(path: try scratch.write(data, as: "20240701.csv"))
        },
        FuzzTarget(name: "indicator-set-yaml", tokens: yamlTokens + ["id: ", "features:", "name: ", "params:", "labeler:"]) { data in
            _ = try IndicatorSet(yaml: String(decoding: data, as: UTF8.self), source: "fuzz.yaml", defaultPack: "zeroedge")
        },
        // What `--risk-file` does with the file: parse, then require a mapping.
        FuzzTarget(name: "risk-yaml", tokens: yamlTokens + ["threshold_floor: ", "max_trades_per_day: "]) { data in
            guard case .object = try YAMLDocument.parse(String(decoding: data, as: UTF8.self), source: "risk.yaml") else { return }
        },
        // What `models create --json-body` does with the body.
        FuzzTarget(name: "model-json", tokens: jsonTokens + ["\"ticker\"", "\"horizon\"", "\"adapter\"", "\"labeler\""]) { data in
            _ = try ModelConfig(json: try JSON.parse(String(decoding: data, as: UTF8.self)), context: "model body")
        },
        FuzzTarget(name: "ledger-line", tokens: jsonTokens + ["\"ts\"", "\"action\"", "\"slot\"", "\"rollout\"", "\"champion\""]) { data in
            _ = try LedgerLine(json: try JSON.parse(String(decoding: data, as: UTF8.self)))
        },
        FuzzTarget(name: "elf", tokens: ["\u{7F}ELF", "\0\0\0\0", "\u{FF}\u{FF}\u{FF}\u{FF}", "\u{0B}\0\0\0", "\u{40}\0"]) { data in
            _ = try ELFFile(path: try scratch.write(data, as: "pack.elf"))
        },
    ]
}
