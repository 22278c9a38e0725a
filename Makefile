# The two commands of the README: `make run` and `make test`. Both install what is missing.
SWIFT ?= swift
BIN_DEBUG = .build/debug/edgehost
BIN_RELEASE = .build/release/edgehost

.PHONY: run test bench build release deps clean

deps:
	@sh scripts/install-deps.sh

# Builds the host and every pack (`--product edgehost` alone would skip the packs).
build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Until the pipeline lands (issue: trainer/backtester), `run` shows the shipped packs and
# runs the conformance kit on each.
run: build
	$(BIN_DEBUG) packs
	$(BIN_DEBUG) packs show zeroedge
	$(BIN_DEBUG) pack verify .build/debug/libzeroedge.so
	$(BIN_DEBUG) pack verify .build/debug/libswiftexample.so

test: build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# One JSON object per line.
bench: release
	@$(BIN_RELEASE) bench abi
	@$(BIN_RELEASE) bench indicators --spy ../shared/data/spy/SPY_1m_2024.csv > .build/indicators-edgehost.jsonl
	@python3 Benchmarks/indicators/compare.py .build/indicators-edgehost.jsonl ../shared/data/spy/SPY_1m_2024.csv

clean:
	rm -rf .build
