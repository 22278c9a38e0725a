import ArgumentParser
import Foundation
import Host

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove runtime outputs (runs, reports, events) or everything including the lake, after asking.",
        discussion: """
            Lists what would go, with file counts and sizes, and asks before removing anything; --yes skips \
            the question (for scripts). Only these folders directly under the workspace are ever removed: \
            --runtime runs/, reports/, events/; --all also lake/. Without an answer (no terminal) and without \
            --yes nothing is removed and the exit status is 1.
            """)

    @OptionGroup var ws: WorkspaceOptions
    @Flag(help: "Remove runs/, reports/ and events/.") var runtime = false
    @Flag(help: "Remove runs/, reports/, events/ and lake/.") var all = false
    @Flag(help: "Do not ask.") var yes = false

    func validate() throws {
        guard runtime != all else { throw ValidationError("give exactly one of --runtime or --all") }
    }

    func run() throws {
        let workspace = ws.resolved
        let targets = WorkspaceClean.targets(workspace, all: all)
        guard !targets.isEmpty else {
            print("nothing to remove in \(workspace.root)")
            return
        }
        print("edgehost clean \(all ? "--all" : "--runtime") will remove, in \(workspace.root):")
        for t in targets { print("  \(workspace.relative(t.path))/  (\(t.files) file(s), \(t.bytes) bytes)") }
        if !yes {
            print("Remove these? [y/N] ", terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                print(answer == nil ? "\nno answer: nothing removed (use --yes in scripts)" : "nothing removed")
                throw ExitCode.failure
            }
        }
        try WorkspaceClean.remove(targets, workspace: workspace)
        print("removed \(targets.count) folder(s)")
    }
}
