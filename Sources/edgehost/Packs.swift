import ArgumentParser
import Host

struct Packs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the packs on the plugin path, or show one.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Table of packs: id, version, ABI, component counts, path.")

        @OptionGroup var global: GlobalOptions
        // Accepted like every subcommand's, though packs do not live in a workspace.
        @OptionGroup var ws: WorkspaceOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            let catalogue = try global.catalogue()
            print(json ? PackListing.json(catalogue) : PackListing.table(catalogue), terminator: json ? "\n" : "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every descriptor of a pack, with parameters and causality.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var ws: WorkspaceOptions
        @Argument(help: "Pack id, as `edgehost packs` lists it (or `builtin`).") var id: String

        func run() throws {
            print(try PackListing.show(try global.catalogue(), id: id), terminator: "")
        }
    }
}

struct Pack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tools for pack authors.",
        subcommands: [Verify.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the conformance kit on a built pack.",
            discussion: """
                Checks: an ELF shared object exporting exactly edgehost_pack_entry; ABI version and \
                struct sizes; init and descriptors; parameter defaults; every indicator on golden \
                bars (output length, NaN/Inf rules, NaN budget, determinism across two runs, \
                prefix-truncation invariance: values before a cut must not change when later data \
                is removed); labelers' label_end_ts after each decision; risk-profile budgets. \
                Exits 1 when a check fails.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Path of the pack's shared library.") var path: String

        func run() throws {
            try global.apply()
            let report = PackVerifier.verify(path: path)
            print(report.text, terminator: "")
            if !report.passed { throw ExitCode.failure }
        }
    }
}
