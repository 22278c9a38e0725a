import ArgumentParser
import Foundation
import Host

/// `edgehost dbn info|dump`: look inside Databento DBN files (versions 1–3, plain or .zst).
struct DBNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbn",
        abstract: "Look inside Databento DBN files (.dbn, .dbn.zst; DBN versions 1, 2, 3).",
        discussion: """
            Examples:
              edgehost dbn info ../shared/data/es/dbn/esh4-glbx-mdp3-20231225.mbo.dbn.zst
              edgehost dbn dump ../shared/data/es/dbn/databento-python/test_data.trades.dbn.zst --json
              edgehost dbn dump FILE --limit 10 --csv
            """,
        subcommands: [Info.self, Dump.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Version, dataset, schema, time range, symbology, symbols, mappings and record count.")

        @Argument(help: ArgumentHelp("A .dbn or .dbn.zst file.", valueName: "file")) var file: String

        func run() throws {
            for line in try DBNFileInfo.read(path: file).lines { print(line) }
        }
    }

    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Records as CSV (default) or JSON lines: prices as decimals, times as ISO 8601 with nanoseconds.")

        @Argument(help: ArgumentHelp("A .dbn or .dbn.zst file.", valueName: "file")) var file: String
        @Option(help: "Write at most this many records.") var limit: Int?
        @Flag(help: "CSV with a header line (the default).") var csv = false
        @Flag(help: "One JSON object per record.") var json = false

        func validate() throws {
            if csv && json { throw ValidationError("choose one of --csv and --json") }
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more (got \(limit))") }
        }

        func run() throws {
            var output = OutputBuffer()
            defer { output.flush() }
            try DBNDump(format: json ? .json : .csv, limit: limit).run(path: file) { output.append($0) }
        }
    }
}

/// Buffers stdout lines so a dump of millions of records writes in large blocks.
private struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ line: String) {
        bytes.append(contentsOf: line.utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
