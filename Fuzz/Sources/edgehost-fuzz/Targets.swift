import DBN
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
/// Each file stays open and is rewritten in place (pwrite, then ftruncate): opening with
/// O_TRUNC cost 6 ms on the CI disk, which held path targets to 110 executions a second.
final class ScratchFile: @unchecked Sendable {
    let folder: String
    private var descriptors: [String: Int32] = [:]

    init() {
        folder = NSTemporaryDirectory() + "edgehost-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Writes `data` as `name` in the scratch folder and returns its path.
    func write(_ data: Data, as name: String) throws -> String {
        let path = folder + "/" + name
        let fd = try descriptors[name] ?? open(path)
        descriptors[name] = fd
        let written = data.withUnsafeBytes { pwrite(fd, $0.baseAddress, data.count, 0) }
        guard written == data.count, ftruncate(fd, off_t(data.count)) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }

    private func open(_ path: String) throws -> Int32 {
        let fd = Foundation.open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        return fd
    }

    func remove() {
        for fd in descriptors.values { close(fd) }
        try? FileManager.default.removeItem(atPath: folder)
    }
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
        FuzzTarget(name: "registry-entry-json", tokens: jsonTokens + ["\"model_id\"", "\"version\"", "\"mode\"", "\"rng_seed\"", "\"canary_fraction\""]) { data in
            let json = try JSON.parse(String(decoding: data, as: UTF8.self))
            _ = try? RegistryEntry(json: json)
            _ = try RolloutConfig(json: json)
        },
        // The built matrix, as train/backtest/alerts read it back (a hand edit is outside input).
        FuzzTarget(name: "matrix-csv", tokens: csvTokens + ["ts", "label", "label_end_ts", "outcome_call", "2024-07-01T14:00:00Z"]) { data in
            _ = try Matrix.read(path: try scratch.write(data, as: "training_matrix_built.csv"))
        },
        FuzzTarget(name: "signals-csv", tokens: csvTokens + [SignalsFile.header, SignalsFile.legacyHeader, "0123456789abcdef"]) { data in
            _ = try SignalsFile.read(try scratch.write(data, as: "signals.csv"))
        },
        FuzzTarget(name: "pack-defaults-yaml", tokens: yamlTokens + ["allowed_hours: ", "risk_profiles: ", "actions:", "model:", "adapter:"]) { data in
            _ = try PackDefaults(yaml: String(decoding: data, as: UTF8.self), source: "defaults.yaml", pack: "zeroedge")
        },
        FuzzTarget(name: "dotenv", tokens: ["=", "\n", "#", "export ", "\"", "'", "POLYGON_API_KEY", "\r\n", "\u{FEFF}"]) { data in
            _ = HostEnvironment(process: [:], dotEnvPath: try scratch.write(data, as: ".env")).value("POLYGON_API_KEY")
        },
        // Instants and dates typed on the command line (`--at`, `--start`, EDGEHOST_TODAY).
        FuzzTarget(name: "instant", tokens: ["2024-02-31T25:61:00Z", "9999-12-31T23:59:59Z", "0000-01-01", "T", "Z", ":", "-", "today"]) { data in
            let text = String(decoding: data, as: UTF8.self)
            _ = Timestamps.parseInstant(text)
            _ = try Timestamps.parseDate(text, environment: [:])
        },
        // Databento DBN, plain or zstd (seeds: small files of ../shared/data/es/dbn); small reads and
        // batches so chunk and batch boundaries move with the input.
        FuzzTarget(name: "dbn", tokens: ["DBN\u{1}", "DBN\u{2}", "DBN\u{3}", "\u{0}\u{0}\u{0}\u{0}", "\u{7F}\u{7F}\u{7F}\u{7F}",
                                         "\u{A}", "\u{E}", "\u{13}", "\u{16}", "\u{18}", "\u{0}", "GLBX.MDP3"]) { data in
            let decoder = try DBNDecoder(source: DBNDataSource([UInt8](data)), file: "fuzz.dbn", readSize: 4096)
            while try decoder.nextBatch(maxRecords: 7) != nil {}
        },
        // Strategy blueprints (`backtest-strategy --strategies FILE.yaml`), as the catalogue reads them.
        FuzzTarget(name: "strategy-yaml", tokens: yamlTokens + ["name: ", "event_type: ", "verb: ", "mean_revert", "horizon_bars: ", "stop_bps: "]) { data in
            let source = "strategy.yaml"
            _ = try StrategyBlueprint(json: try YAMLDocument.parse(String(decoding: data, as: UTF8.self), source: source), source: source)
        },
        // Phase 2's candidates.csv, read back when `discover --event-type` re-gates a run.
        FuzzTarget(name: "candidates-csv", tokens: csvTokens + [CandidatesFile.header.joined(separator: ","), "mean_revert", "true", "all"]) { data in
            _ = try CandidatesFile.read(try scratch.write(data, as: "candidates.csv"))
        },
        // The features file `monitor drift` reads (ts + one column per feature).
        FuzzTarget(name: "features-csv", tokens: csvTokens + ["ts", "ret_1", "2024-01-01T00:05:00Z"]) { data in
            _ = try FeatureTable.read(path: try scratch.write(data, as: "features.csv"))
        },
        FuzzTarget(name: "elf", tokens: ["\u{7F}ELF", "\0\0\0\0", "\u{FF}\u{FF}\u{FF}\u{FF}", "\u{0B}\0\0\0", "\u{40}\0"]) { data in
            _ = try ELFFile(path: try scratch.write(data, as: "pack.elf"))
        },
    ] + cHelperTargets() + cryptoTargets(scratch) + alpacaTargets()
}
