import Foundation
import MarketKit
import PackKit

/// Out-of-sample discipline: an evaluation of a discovery run's blueprints must not use the
/// days the run discovered them on. `validate-oos` reads the window from the run manifest.
public enum OutOfSampleWindow {
    /// The discovery window of `runID`, or an error when the run has none.
    public static func discoveryWindow(workspace: Workspace, runID: String) throws -> (start: Int32, end: Int32) {
        try RunLedger.check(runID: runID)
        let path = workspace.path("runs", runID, "run_manifest.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkspaceError("\(path): no such run manifest: run `edgehost discover --run-id \(runID)` first")
        }
        let manifest = try JSON.parse(String(decoding: data, as: UTF8.self))
        guard let start = manifest["discovery"]?["start"]?.stringValue.flatMap({ MarketDate.parse($0) }),
              let end = manifest["discovery"]?["end"]?.stringValue.flatMap({ MarketDate.parse($0) }) else {
            throw WorkspaceError("\(path): records no discovery window (run \(runID) is not a discovery run)")
        }
        return (start, end)
    }

    /// Passes when `evalStart...evalEnd` shares no day with the run's discovery window; else
    /// an error with exit status 1 (a check that said no) naming both windows.
    @discardableResult
    public static func check(workspace: Workspace, runID: String, evalStart: Int32, evalEnd: Int32) throws -> String {
        guard evalStart <= evalEnd else {
            throw WorkspaceError("--eval-start \(Timestamps.date(evalStart)) is after --eval-end \(Timestamps.date(evalEnd))")
        }
        let window = try discoveryWindow(workspace: workspace, runID: runID)
        let text = "evaluation \(Timestamps.date(evalStart))..\(Timestamps.date(evalEnd)), discovery \(Timestamps.date(window.start))..\(Timestamps.date(window.end))"
        guard evalEnd < window.start || evalStart > window.end else {
            throw EdgehostError(code: "oos-overlap", object: "run \(runID)",
                                "the evaluation window overlaps the discovery window (\(text)): choose days outside it", exit: .checkFailed)
        }
        return "out of sample: \(text) do not overlap"
    }
}
