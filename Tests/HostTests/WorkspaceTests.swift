import Foundation
@testable import Host
import PackKit
import Testing

@Suite struct WorkspaceTests {
    func tempWorkspace() -> Workspace {
        Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-ws-\(UUID().uuidString)").path)
    }

    @Test func sha256KnownAnswers() {
        #expect(Hashing.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hashing.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // FIPS 180-4's two-block message and a million 'a's.
        #expect(Hashing.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Hashing.sha256(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Around the padding's block boundaries, and across a file's regions, coreutils' sha256sum
    /// is the oracle.
    @Test func sha256AgreesWithSha256sum() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for count in [1, 55, 56, 63, 64, 65, 119, 120, 128, 4_099] {
            let file = folder.appendingPathComponent("\(count).bin")
            try Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sha256sum", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(try Hashing.sha256(path: file.path) == String(output.prefix(64)), "\(count) bytes")
        }
    }

    @Test func timestampsAndDates() throws {
        #expect(Timestamps.iso(1_719_842_400_000_000_000) == "2024-07-01T14:00:00Z")
        #expect(Timestamps.iso(-1_000_000_000) == "1969-12-31T23:59:59Z")
        let day = try Timestamps.parseDate("2024-07-01")
        #expect(Timestamps.date(day) == "2024-07-01")
        for bad in ["2024-13-01", "2024-02-30", "24-07-01", "yesterday", "2024-7-1"] {
            #expect(throws: WorkspaceError.self) { try Timestamps.parseDate(bad) }
        }
        // 10:00 New York is 14:00Z in summer and 15:00Z in winter.
        #expect(Timestamps.newYorkHour(1_719_842_400_000_000_000) == 10)
        #expect(Timestamps.newYorkHour(1_704_812_400_000_000_000) == 10)
    }

    @Test func yamlKeepsDatesAsTextAndTypesScalars() throws {
        let json = try YAMLDocument.parse("start: 2024-07-01\nn: 14\nx: 0.5\nb: true\ns: '14'\nname: 0dte\n", source: "t.yaml")
        #expect(json["start"] == .string("2024-07-01"))
        #expect(json["n"] == .number(14) && json["x"] == .number(0.5) && json["b"] == .bool(true))
        #expect(json["s"] == .string("14") && json["name"] == .string("0dte"))
    }

    @Test func yamlErrorsNameTheSource() {
        for (text, fragment) in [("a: [1, 2\n", "t.yaml: invalid YAML"), ("a: 1\na: 2\n", "duplicated key(s): 'a'"), ("", "empty")] {
            do {
                _ = try YAMLDocument.parse(text, source: "t.yaml")
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.message.contains("t.yaml"), "\(error)")
                #expect(error.message.contains(fragment), "\(error)")
            }
        }
    }

    @Test func indicatorSetRejectsTyposAndRepeats() {
        let good = "id: s\nfeatures:\n  - { name: a, indicator: rsi, pack: builtin }\n"
        #expect((try? IndicatorSet(yaml: good, source: "s.yaml", defaultPack: "p"))?.features.count == 1)
        let cases = [
            ("id: s\nfeatures:\n  - { name: a, indicatr: rsi }\n", "'indicator' is required (given: indicatr, name)"),
            ("id: s\nfeaturs: []\n", "unknown key 'featurs'"),
            ("id: s\nfeatures:\n  - { name: a, indicator: rsi }\n  - { name: a, indicator: ema }\n", "appears twice"),
            ("id: s\nfeatures: []\n", "no feature"),
            ("id: s\nfeatures:\n  - { name: label, indicator: rsi }\n", "must be letters"),
        ]
        for (text, fragment) in cases {
            do {
                _ = try IndicatorSet(yaml: text, source: "s.yaml", defaultPack: "p")
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.message.contains(fragment), "\(error)")
            }
        }
    }

    @Test func matrixCSVIsCanonical() {
        let m = Matrix(ts: [1_719_842_400_000_000_000], featureNames: ["a", "b"], features: [[0.1], [.nan]],
                       labels: ["UP, maybe"], labelEnd: [1_719_864_000_000_000_000], outcomeNames: ["outcome_call"], outcomes: [[-1]])
        let text = String(decoding: m.csv(), as: UTF8.self)
        #expect(text == "ts,a,b,label,label_end_ts,outcome_call\n2024-07-01T14:00:00Z,0.1,,\"UP, maybe\",2024-07-01T20:00:00Z,-1.0\n")
    }

    @Test func atomicWriteLeavesNoTemporaryFile() throws {
        let ws = tempWorkspace()
        let path = ws.path("a", "b", "c.txt")
        try AtomicFile.write("one", to: path)
        try AtomicFile.write("two", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path("a", "b")) == ["c.txt"])
    }

    @Test func ledgerSkipsOnlyWhenInputsAndOutputsAreUnchanged() throws {
        let ws = tempWorkspace()
        let output = ws.path("reports", "r.json")
        try AtomicFile.write("{}", to: output)
        let stage = RunLedger.Stage(model: "m", name: "preview", inputs: .object(["x": .number(1)]))
        let first = RunLedger(workspace: ws, runID: "run-1")
        #expect(first.unchanged(stage) == nil)
        try first.record(stage, status: "ok", started: Date(), ended: Date(), outputs: [output])
        #expect(RunLedger(workspace: ws, runID: "run-2").unchanged(stage) == "run-1")
        #expect(RunLedger(workspace: ws).unchanged(RunLedger.Stage(model: "m", name: "preview", inputs: .object(["x": .number(2)]))) == nil)
        try AtomicFile.write("{\"edited\": true}", to: output)
        #expect(RunLedger(workspace: ws).unchanged(stage) == nil)
        let manifest = try JSON.parse(try String(contentsOfFile: ws.path("runs", "run-1", "preview.json"), encoding: .utf8))
        #expect(manifest["status"] == .string("ok") && manifest["outputs"]?["reports/r.json"] != nil)
    }

    @Test func modelIDAndBodyValidation() throws {
        let config = try ModelConfig(pack: "zeroedge", ticker: "SPY", assetType: "opt", horizon: "0dte", cadence: "hourly",
                                     indicatorSet: "zeroedge_pin_drift_v1", adapter: ComponentRef(pack: "zeroedge", id: "sim"))
        #expect(config.modelID == "spy_opt_0dte_hourly")
        let round = try ModelConfig(json: config.json, context: "t")
        #expect(round == config)
        do {
            _ = try ModelConfig(json: .object(["pack": .string("zeroedge"), "ticker": .string("SPY"), "colour": .string("red")]), context: "body")
            Issue.record("unknown key accepted")
        } catch {
            #expect("\(error)".contains("'colour'") || "\(error)".contains("required"), "\(error)")
        }
    }
}
