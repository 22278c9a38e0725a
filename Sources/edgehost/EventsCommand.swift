import ArgumentParser
import Foundation
import Host
import PackKit

/// `edgehost events --pack es0dte --date D [--json]`: one session's decisions as the pack's
/// labeler makes them (no build, no model).
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List one session's decisions (events) of a pack's labeler: event id, its text columns, outcome.",
        discussion: """
            Reads the session and the week before it through the pack's default adapter (or --adapter), runs the
            labeler of the pack's default indicator set, and prints the decisions of that session. For es0dte:
            event_id, level_kind, direction, outcome (BREAK / BOUNCE / TIMEOUT) and the realised returns.

            Example:
              edgehost events --pack es0dte --date 2024-03-05
              edgehost events --pack es0dte --date 2013-10-08 --adapter lean-csv --source ../shared/data/es/minute --json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var data: DataOptions
    @Option(help: "Pack id.") var pack: String
    @Option(help: ArgumentHelp("The session's date, YYYY-MM-DD.", valueName: "date")) var date: String
    @Flag(help: "A JSON array instead of a table.") var json = false

    func run() throws {
        let catalogue = try global.catalogue()
        let listing = try EventListing(pack: pack, date: try Timestamps.parseDate(date), catalogue: catalogue, workspace: ws.resolved,
                                       adapter: try data.adapterRef(pack: pack, current: nil), query: try data.query)
        for warning in listing.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json {
            print(listing.json.prettyText)
        } else {
            for line in listing.lines { print(line) }
            FileHandle.standardError.write(Data("\(listing.events.count) event(s) on \(date)\n".utf8))
        }
    }
}
