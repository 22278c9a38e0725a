import Foundation
import Testing

/// `edgehost models create|list|show`: flags, the seed's JSON body, and clear errors.
@Suite struct ModelCommandTests {
    @Test func createListShow() throws {
        let wb = Workbench()
        let created = wb.createModel()
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("created model spy_opt_0dte_hourly"))
        #expect(wb.createModel().stdout.contains("unchanged model spy_opt_0dte_hourly"))
        let body = #"{"pack":"zeroedge","ticker":"SPY","asset_type":"opt","horizon":"0dte","cadence":"hourly","indicator_set":"zeroedge_headfake_reversal_v2","model_id":"spy_v2"}"#
        let fromStdin = wb.run(["models", "create", "--json-body", "-"], stdin: body)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        let list = wb.run(["models", "list"])
        #expect(list.stdout.contains("spy_opt_0dte_hourly") && list.stdout.contains("spy_v2"))
        let show = wb.run(["models", "show", "spy_v2"])
        #expect(show.status == 0 && show.stdout.contains("\"config_sha\"") && show.stdout.contains("zeroedge_headfake_reversal_v2"))
        let stored = try #require(wb.json("models/spy_opt_0dte_hourly.json"))
        #expect(stored["indicator_set"] as? String == "zeroedge_pin_drift_v1")
        // Another set under the same id needs --replace.
        let clash = wb.createModel(set: "zeroedge_headfake_reversal_v2")
        #expect(clash.status == 65 && clash.stderr.contains("--replace"))
    }

    @Test func badModelsAreRefusedClearly() {
        let wb = Workbench()
        let cases: [([String], String)] = [
            (["--pack", "nope"], "no pack 'nope'"),
            (["--pack", "zeroedge", "--indicator-set", "nope_v9"], "has no indicator set 'nope_v9'"),
            (["--pack", "zeroedge", "--adapter", "sim", "--adapter-param", "colour=red"], "unknown parameter 'colour'"),
            (["--pack", "zeroedge", "--adapter", "nope"], "has no adapter 'nope'"),
            (["--pack", "zeroedge", "--ticker", "S P Y"], "ticker 'S P Y' is invalid"),
        ]
        for (args, fragment) in cases {
            let out = wb.run(["models", "create"] + args)
            #expect(out.status == 65, "\(args)")
            #expect(out.stderr.contains(fragment), "\(args): \(out.stderr)")
        }
        let body = wb.run(["models", "create", "--json-body", "-"], stdin: #"{"pack":"zeroedge","colour":"red"}"#)
        #expect(body.status == 65 && body.stderr.contains("unknown key 'colour'"), "\(body.stderr)")
        #expect(!wb.exists("models/spy_opt_0dte_hourly.json"))
        let missing = wb.run(["preview", "--model", "nope"])
        #expect(missing.status == 65 && missing.stderr.contains("no model 'nope'"))
    }
}
