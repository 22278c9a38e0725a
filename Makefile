# The two commands of the README: `make run` and `make test`. Both install what is missing.
SWIFT ?= swift
BIN_DEBUG = .build/debug/edgehost
BIN_RELEASE = .build/release/edgehost

.PHONY: run test bench build release deps deps-test deps-bench clean fuzz fuzz-short template-test

# Per need: the run needs apt packages only; tests and benchmarks add PostgreSQL and the Python oracles.
deps:
	@sh scripts/install-deps.sh run

deps-test:
	@sh scripts/install-deps.sh test

deps-bench:
	@sh scripts/install-deps.sh bench

# Builds the host and every pack (`--product edgehost` alone would skip the packs).
build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The pipeline on the pack's embedded simulated data, with its defaults (workspace ./edgehost-work).
run: build
	$(BIN_DEBUG) run --pack zeroedge

# One build, with the tests: a plain `swift build` before it would compile Hummingbird twice
# (SwiftPM builds it differently with and without --build-tests).
test: deps-test
	$(SWIFT) build --build-tests
	@SWIFT=$(SWIFT) sh scripts/template-test.sh --start
	$(SWIFT) test --skip-build
	@$(MAKE) --no-print-directory fuzz-short
	@sh scripts/server-fuzz.sh $(BIN_DEBUG) 5
	@sh scripts/browser-test.sh $(BIN_DEBUG)
	@sh scripts/template-test.sh --wait

# One JSON object per line.
bench: deps-bench release
	@$(BIN_RELEASE) bench abi
	@$(BIN_RELEASE) bench indicators --spy ../shared/data/spy/SPY_1m_2024.csv > .build/indicators-edgehost.jsonl
	@python3 Benchmarks/indicators/compare.py .build/indicators-edgehost.jsonl ../shared/data/spy/SPY_1m_2024.csv
	@$(BIN_RELEASE) bench matrix --source ../shared/data/spy/SPY_1m_2024.csv
	@$(BIN_RELEASE) bench matrix --adapter sim --start 2024-01-02 --end 2024-12-31
	@python3 Benchmarks/run/bench_run.py $(BIN_RELEASE)
	@sh Benchmarks/train/bench.sh $(BIN_RELEASE)
	@python3 Benchmarks/sweep_rules/compare.py $(BIN_RELEASE)
	@python3 Tests/Fixtures/registry/crash_test.py --edgehost $(BIN_RELEASE) --iterations 200
	@sh Benchmarks/server/bench.sh $(BIN_RELEASE)
	@python3 Benchmarks/dbn/bench_dbn.py $(BIN_RELEASE)
	@$(BIN_RELEASE) bench matrix --pack es0dte --indicator-set es0dte_level_touch_v1 --adapter sim --start 2024-03-01 --end 2024-03-29
	@python3 Benchmarks/discovery/bench.py $(BIN_RELEASE)
	@python3 Benchmarks/discovery/bench.py $(BIN_RELEASE) --pack crypto
	@python3 Benchmarks/strategy/compare.py $(BIN_RELEASE)
	@$(BIN_RELEASE) bench live --decisions 10000 --strikes 40 > .build/live-edgehost.jsonl
	@python3 Benchmarks/live/peer.py .build/live-edgehost.jsonl

clean:
	rm -rf .build .build-template

# Fuzzing (README "Fuzzing"): every parser target, one JSON line each; a finding is saved in
# Fuzz/findings/ and fails the run. `make test` runs the short pass, bounded by runs.
FUZZ_BIN = .build/debug/edgehost-fuzz
FUZZ_RUNS ?= 1000000
fuzz:
	$(SWIFT) build --product edgehost-fuzz
	@sh Fuzz/run.sh $(FUZZ_BIN) $(FUZZ_RUNS)

fuzz-short:
	$(SWIFT) build --product edgehost-fuzz
	@sh Fuzz/run.sh $(FUZZ_BIN) 10000

# The Swift pack template built and tested outside this Package.swift (README "Testing your pack").
template-test: build
	@SWIFT=$(SWIFT) sh scripts/template-test.sh
