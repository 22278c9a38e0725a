import Foundation
import Testing

/// Issue 13's "accepted without complaint" and "unclear errors", through the real binary:
/// each is a clear message, a non-zero exit and no crash.
@Suite struct BadInputTests {
    static let model = "spy_opt_0dte_hourly"

    /// Expects a refusal (exit 65 for bad input or 64 for a bad option value, README "Exit codes";
    /// not a signal) whose standard error holds `fragment`.
    func expectRefused(_ out: CLITests.Output, _ fragment: String, _ what: String) {
        #expect(out.status == 65 || out.status == 64, "\(what): exit \(out.status)\n\(out.stderr)")
        #expect(out.stderr.contains(fragment), "\(what): \(out.stderr)")
    }

    @Test func aliasBombInIndicatorSetAndRiskFile() throws {
        let wb = Workbench()
        #expect(wb.createModel().status == 0)
        let bomb = (0..<9).map { level -> String in
            let name = String(UnicodeScalar(UInt8(97 + level)))
            let item = level == 0 ? "lol" : "*" + String(UnicodeScalar(UInt8(96 + level)))
            return "\(name): &\(name) [\(Array(repeating: item, count: 9).joined(separator: ","))]"
        }.joined(separator: "\n") + "\n"
        // The model's own indicator set, which replaces the pack's.
        try wb.write("id: mine\n" + bomb, to: "packs/zeroedge/indicator_sets/\(Self.model).yaml")
        let show = wb.run(["models", "show", Self.model])
        expectRefused(show, "line 8: the document expands to more than 1000000 nodes", "indicator set")
        #expect(show.stderr.contains("indicator_sets/\(Self.model).yaml"), "\(show.stderr)")
        try FileManager.default.removeItem(atPath: wb.path("packs/zeroedge/indicator_sets/\(Self.model).yaml"))
        try wb.write(bomb, to: "risk.yaml")
        let risk = wb.run(["sweep", "--model", Self.model, "--risk-file", wb.path("risk.yaml")])
        expectRefused(risk, "\(wb.path("risk.yaml")), line 7: the document expands to more than 1000000 nodes", "--risk-file")
        try wb.write("a: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n", to: "deep.yaml")
        expectRefused(wb.run(["sweep", "--model", Self.model, "--risk-file", wb.path("deep.yaml")]), "nested deeper than the limit of 64 levels", "depth")
    }

    @Test func badModelFieldsAndJSON() throws {
        let wb = Workbench()
        expectRefused(wb.createModel(["--adapter", "sim", "--adapter-param", "seed=1e29"]),
                      "parameter 'seed' = 1e+29 is too large for an integer", "seed")
        let body = #"{"pack":"zeroedge","ticker":"SPY"}"#
        let cases: [(String, String)] = [
            (#"{"pack":"zeroedge","pack":"crypto"}"#, #"line 1, column 20: duplicate key "pack""#),
            ("{\"pack\":\"zeroedge\",\n}", "line 2, column 1: trailing comma before '}'"),
            (#"{"pack":"zeroedge","query":{"seed":1e999999}}"#, "number 1e999999 out of range"),
            ("\u{1B}]0;pwned\u{07}", #"unexpected '\x1b]0;pwned\x07'"#),
        ]
        for (text, fragment) in cases {
            let out = wb.run(["models", "create", "--json-body", "-"], stdin: text)
            expectRefused(out, fragment, text)
            #expect(!out.stderr.contains("\u{1B}"))
        }
        #expect(wb.run(["models", "create", "--json-body", "-"], stdin: body).status == 0)
        try wb.write("id: mine\nfeatures:\n  - {name: '', indicator: rsi, pack: builtin}\n", to: "packs/zeroedge/indicator_sets/spy_opt_0dte_hourly.yaml")
        expectRefused(wb.run(["models", "show", Self.model]), "features[0]: the feature name is empty", "empty name")
    }

    @Test func badOptions() throws {
        let wb = Workbench()
        #expect(wb.createModel().status == 0)
        expectRefused(wb.run(["train", "--model", Self.model, "--allowed-hours", ""]), "--allowed-hours is empty", "hours")
        expectRefused(wb.run(["train", "--model", Self.model, "--allowed-hours", "13,,14"]), "got '13,,14'", "hours")
        expectRefused(wb.run(["registry", "history", "--model", Self.model, "--at", "2024-02-31T25:61:00Z"]),
                      "--at takes a real ISO-8601 UTC instant", "--at")
        // 8 hours give 255 hour sets: × 40 thresholds × 3 risk profiles is 30,600 configurations, past the cap.
        let thresholds = (50..<90).map { String(format: "%.2f", Double($0) / 100) }.joined(separator: ",")
        let sweep = wb.run(["sweep", "--model", Self.model, "--allowed-hours", "9,10,11,12,13,14,15,16", "--thresholds", thresholds])
        expectRefused(sweep, "the sweep grid has 30600 configurations (3 risk profiles × 255 hour sets × 40 thresholds × 1 top-%)", "sweep")
        try wb.write("ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,545,546,544,545,1000\n", to: "bars.csv")
        let sweepRules = { (args: [String]) in CLITests.run("\(CLITests.buildDir)/edgehost", ["sweep-rules", "--bars", wb.path("bars.csv")] + args) }
        let rules = sweepRules(["--thresholds", Array(repeating: "1", count: 200).joined(separator: ","),
                                "--holds", Array(repeating: "5", count: 60).joined(separator: ",")])
        expectRefused(rules, "the sweep grid has 12000 configurations (200 thresholds × 60 holds), more than the limit of 10000: narrow the grid or raise --max-configs", "sweep-rules")
        let raised = sweepRules(["--thresholds", "1,2", "--holds", "5", "--max-configs", "2"])
        #expect(raised.status == 0 && raised.stderr.contains("sweep: 2 configurations (2 thresholds × 1 holds)"), "\(raised.stderr)")
    }

    @Test func badBars() throws {
        let wb = Workbench()
        let header = "ts,open,high,low,close,volume\n"
        let cases: [(String, String)] = [
            ("2024-07-01T13:30:00Z,545,546,-1,545,1000\n", "bars.csv:2: low -1 is not a positive price"),
            ("2024-07-01T13:30:00Z,545,546,544,545,-5\n", "bars.csv:2: volume -5 is negative"),
            ("2024-07-01T13:30:00Z,0,0,0,0,0\n", "bars.csv:2: open 0 is not a positive price"),
        ]
        for (row, fragment) in cases {
            try wb.write(header + row, to: "bars.csv")
            #expect(wb.createModel(["--adapter", "csv", "--source", wb.path("bars.csv"), "--chain", "sim", "--replace"]).status == 0)
            expectRefused(wb.run(["preview", "--model", Self.model, "--start", "2024-07-01", "--end", "2024-07-01"]), fragment, row)
        }
        // A byte-order mark (Excel's) is not a missing header.
        try wb.write("\u{FEFF}" + header + "2024-07-01T13:30:00Z,545,546,544,545,1000\n", to: "bars.csv")
        let bom = wb.run(["preview", "--model", Self.model, "--start", "2024-07-01", "--end", "2024-07-01"])
        #expect(!bom.stderr.contains("missing header"), "\(bom.stderr)")
    }

    @Test func foldersThatAreFiles() throws {
        let wb = Workbench()
        try wb.write("not a folder\n", to: "file")
        let models = CLITests.edgehost("models", "list", "--workspace", wb.path("file"))
        expectRefused(models, "the workspace \(wb.path("file")) is a file, not a folder", "workspace")
        let below = CLITests.edgehost("models", "list", "--workspace", wb.path("file/sub"))
        expectRefused(below, "cannot be a folder: \(wb.path("file")) is a file", "workspace below a file")
        let registry = CLITests.run("\(CLITests.buildDir)/edgehost", ["registry", "history", "--model", Self.model, "--registry", wb.path("file")])
        expectRefused(registry, "the registry \(wb.path("file")) is a file, not a folder", "registry")
        #expect(!models.stderr.contains("NSCocoaErrorDomain") && !registry.stderr.contains("NSCocoaErrorDomain"))
        #expect(wb.createModel().status == 0)
        expectRefused(wb.run(["alerts", "--model", Self.model, "--registry", wb.path("file")]), "the registry \(wb.path("file")) is a file", "alerts")
        expectRefused(wb.run(["registry", "guard", "--model", Self.model, "--registry", wb.path("file")]), "the registry \(wb.path("file")) is a file", "guard")
    }
}
