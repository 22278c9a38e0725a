import Foundation
import Testing

/// `make run` installs what the run needs and nothing of the tests' Python oracles.
@Suite struct InstallDepsTests {
    static func plan(_ mode: String) -> CLITests.Output {
        CLITests.run("/bin/sh", ["\(CLITests.repoRoot)/scripts/install-deps.sh", mode], environment: ["EDGEHOST_DEPS_DRY_RUN": "1"])
    }

    @Test func runNeedsNoOracleButTestAndBenchDo() throws {
        let run = Self.plan("run")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("libxgboost-dev"))
        for word in ["pip", "python", "postgresql", "vectorbt"] { #expect(!run.stdout.contains(word), "'\(word)' in: \(run.stdout)") }
        for mode in ["test", "bench"] {
            let out = Self.plan(mode)
            #expect(out.status == 0 && out.stdout.contains("pip install") && out.stdout.contains("postgresql"), "\(mode): \(out.stdout)")
        }
        #expect(Self.plan("everything").status == 64)
        // `make run` reaches the script through `build: deps` only, in run mode.
        let makefile = try String(contentsOfFile: "\(CLITests.repoRoot)/Makefile", encoding: .utf8)
        #expect(makefile.contains("run: build\n") && makefile.contains("build: deps\n"))
        #expect(makefile.contains("deps:\n\t@sh scripts/install-deps.sh run\n"))
        #expect(makefile.contains("test: deps-test\n") && makefile.contains("bench: deps-bench release"))
    }
}
