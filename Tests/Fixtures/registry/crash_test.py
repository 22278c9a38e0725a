#!/usr/bin/env python3
"""Crash test of the model registry: SIGKILL `edgehost registry promote/rollback` at random
moments and check that `edgehost registry verify` passes after every kill and that no ledger
line is ever half-written.

    python3 Tests/Fixtures/registry/crash_test.py --edgehost .build/debug/edgehost [--iterations 200]
        [--workspace DIR] [--seed 7]

Without --workspace it makes one with `edgehost run --pack zeroedge`. It registers the trained
model three times (--force), then alternates promote (forced, to a random version) and rollback,
killing each 0-50 ms (seeded) after the binary's start-up time (measured as the fastest of
three `edgehost --version`, less 10 ms; --startup-ms overrides it), so that the kills land in
the command's own work rather than in the dynamic loader. Prints one JSON line; exit 1 when
anything failed.
ITERATIONS in the environment overrides the default of --iterations.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

MODEL = "spy_opt_0dte_hourly"


def ledger_lines(registry):
    """Every line of the ledger; raises when one does not parse or the file ends mid-line."""
    path = os.path.join(registry, "ledger.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        raise AssertionError("ledger ends in a half-written line: %r" % data[-80:])
    lines = data.decode().splitlines()
    for n, line in enumerate(lines, 1):
        obj = json.loads(line)
        for key in ("ts", "action", "model_id", "from_version", "to_version", "reason", "actor"):
            if key not in obj:
                raise AssertionError("ledger line %d lacks %s: %s" % (n, key, line))
    return lines


def startup_time(edgehost):
    """The fastest of three runs of `edgehost --version`, less 10 ms (never negative)."""
    best = None
    for _ in range(3):
        start = time.monotonic()
        subprocess.run([edgehost, "--version"], capture_output=True)
        elapsed = time.monotonic() - start
        best = elapsed if best is None else min(best, elapsed)
    return max(0.0, best - 0.01)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edgehost", required=True)
    parser.add_argument("--iterations", type=int, default=int(os.environ.get("ITERATIONS", "200")))
    parser.add_argument("--workspace")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--startup-ms", type=float)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="edgehost-crash-")
    workspace = args.workspace or os.path.join(scratch, "work")
    registry = os.path.join(scratch, "registry")
    env = dict(os.environ, EDGEHOST_REGISTRY=registry)

    def edgehost(*argv, check=True):
        out = subprocess.run([args.edgehost, *argv, "--workspace", workspace], env=env, capture_output=True, text=True)
        if check and out.returncode != 0:
            sys.exit("edgehost %s failed (%d): %s" % (" ".join(argv), out.returncode, out.stderr))
        return out

    try:
        if not args.workspace:
            edgehost("run", "--pack", "zeroedge")
        for n in range(3):
            edgehost("registry", "register", "--model", MODEL, "--force", "--notes", "crash test %d" % n)
        edgehost("registry", "promote", "--to", "active", "--id", MODEL + "@v1", "--force", "--reason", "crash test setup")

        startup = args.startup_ms / 1000 if args.startup_ms is not None else startup_time(args.edgehost)
        print("start-up offset %.0f ms" % (startup * 1000), file=sys.stderr)
        rng = random.Random(args.seed)
        kills = completed = failures = interrupted = 0
        problems = []
        for i in range(args.iterations):
            before = len(ledger_lines(registry))
            if i % 2 == 0:
                argv = ["registry", "promote", "--to", "active", "--id", "%s@v%d" % (MODEL, rng.randint(1, 3)),
                        "--force", "--reason", "crash %d" % i]
            else:
                argv = ["registry", "rollback", "--model", MODEL, "--reason", "crash %d" % i]
            delay = startup + rng.uniform(0, 0.05)
            proc = subprocess.Popen([args.edgehost, *argv, "--workspace", workspace], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            if proc.returncode == -signal.SIGKILL:
                kills += 1
            else:
                completed += 1
            verify = edgehost("registry", "verify", check=False)
            if "note:" in verify.stdout:
                interrupted += 1  # killed between its ledger line and its manifest
            try:
                after = len(ledger_lines(registry))
                if after < before:
                    raise AssertionError("the ledger shrank from %d to %d lines" % (before, after))
                if verify.returncode != 0:
                    raise AssertionError("verify failed: " + verify.stderr.strip())
            except (AssertionError, ValueError) as error:
                failures += 1
                problems.append("iteration %d: %s" % (i, error))
        print(json.dumps({"bench": "registry.crash_test", "iterations": args.iterations, "kills": kills,
                          "completed": completed, "verify_failures": failures, "unit": "runs"}))
        print("%d kill(s) left the manifest behind the ledger (repaired by the next write)" % interrupted, file=sys.stderr)
        for p in problems[:10]:
            print(p, file=sys.stderr)
        return 1 if failures else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
