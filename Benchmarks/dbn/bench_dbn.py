"""DBN decoding throughput: edgehost (`edgehost dbn info`, which decodes every record into column
batches and counts them) against Databento's reference decoder databento-dbn (pinned in
Tests/oracles/requirements.txt) in the same run, on the ESH4 MBO file and on a synthetic file of
10 million MBO records (written by `generate` below into .build/dbn-bench/, not committed).

Peers, each in its own process (peak RSS per process):
  - databento-dbn `DBNDecoder` fed 1 MiB chunks, iterating the records it returns (Python objects);
    this is the goal's peer (ratio_vs_databento_dbn);
  - numpy.frombuffer of the decompressed bytes with the reference's record dtype, per chunk: the
    zero-copy ndarray view databento's DBNStore.to_ndarray() builds; a memcpy bound, shown for scale.

usage: python3 Benchmarks/dbn/bench_dbn.py EDGEHOST_BIN [--records N]
One JSON object per line.
"""
import json
import os
import struct
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MBO_FILE = os.path.join(REPO, "..", "shared", "data", "es", "dbn", "esh4-glbx-mdp3-20231225.mbo.dbn.zst")
CHUNK = 1 << 20


def generate(path, records):
    """A DBN v3 MBO file of `records` records (deterministic), zstd in frames of 1 M records."""
    import numpy as np
    import zstandard
    import databento_dbn as dbn

    metadata = b"GLBX.MDP3".ljust(16, b"\0") + struct.pack("<HQQQBBBH", 0, 1703462400 * 10**9, 1703548800 * 10**9, 0, 1, 0, 0, 71)
    metadata += b"\0" * 53 + struct.pack("<IIIII", 0, 0, 0, 0, 0)
    header = b"DBN\x03" + struct.pack("<I", len(metadata)) + metadata
    dtype = np.dtype(dbn.MBOMsg._dtypes)
    rng = np.random.default_rng(17)
    compressor = zstandard.ZstdCompressor(level=1)
    tmp = path + ".part"
    with open(tmp, "wb") as out:
        out.write(compressor.compress(header))
        step = 1_000_000
        for first in range(0, records, step):
            n = min(step, records - first)
            block = np.zeros(n, dtype=dtype)
            block["length"] = dtype.itemsize // 4
            block["rtype"] = 0xA0
            block["publisher_id"] = 1
            block["instrument_id"] = 17077
            ts = 1703462400 * 10**9 + (np.arange(first, first + n, dtype=np.uint64) * np.uint64(8_000))
            block["ts_event"] = ts
            block["ts_recv"] = ts + np.uint64(150)
            block["order_id"] = rng.integers(1, 2**40, n, dtype=np.uint64)
            block["price"] = (4_700_000 + rng.integers(-400, 400, n)) * 1_000_000
            block["size"] = rng.integers(1, 50, n, dtype=np.uint32)
            block["flags"] = 130
            block["action"] = np.frombuffer(b"AAACCMTF", dtype="S1")[rng.integers(0, 8, n)]
            block["side"] = np.frombuffer(b"AB", dtype="S1")[rng.integers(0, 2, n)]
            block["ts_in_delta"] = rng.integers(1_000, 30_000, n, dtype=np.int32)
            block["sequence"] = np.arange(first, first + n, dtype=np.uint32)
            out.write(compressor.compress(block.tobytes()))
    os.replace(tmp, path)


def decompressed_chunks(path):
    import zstandard
    with open(path, "rb") as f:
        reader = zstandard.ZstdDecompressor().stream_reader(f, read_across_frames=True)
        while True:
            chunk = reader.read(CHUNK)
            if not chunk:
                return
            yield chunk


def peer(kind, path):
    """Runs in a child process: decodes `path` and prints the record count."""
    import databento_dbn as dbn
    count = 0
    if kind == "databento-dbn":
        decoder = dbn.DBNDecoder()
        for chunk in decompressed_chunks(path):
            decoder.write(chunk)
            for record in decoder.decode():
                count += 1
        count -= 1  # the metadata
    else:
        import numpy as np
        pending, dtype, metadata_done = b"", None, False
        for chunk in decompressed_chunks(path):
            pending += chunk
            if not metadata_done:
                length = 8 + struct.unpack_from("<I", pending, 4)[0]
                pending, metadata_done = pending[length:], True
                dtype = np.dtype(dbn.MBOMsg._dtypes)
            usable = len(pending) // dtype.itemsize * dtype.itemsize
            columns = np.frombuffer(pending[:usable], dtype=dtype)
            count += len(columns)
            pending = pending[usable:]
    print(count)


def measure(command):
    """Runs `command` under a tiny wrapper that reports the child's peak RSS."""
    wrapper = ("import os,subprocess,sys,time,resource;t=time.perf_counter();"
               "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);w=time.perf_counter()-t;"
               "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(p.returncode,w,u.ru_utime+u.ru_stime,u.ru_maxrss);print(p.stdout);print(p.stderr,file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", wrapper] + command, capture_output=True, text=True)
    first, _, rest = out.stdout.partition("\n")
    code, wall, cpu, rss_kb = first.split()
    if code != "0":
        sys.exit(f"{' '.join(command)} failed: {out.stderr}")
    return float(wall), float(cpu), int(rss_kb) / 1024, rest


def bench(binary, path, name):
    wall, cpu, rss, out = measure([binary, "dbn", "info", path])
    records = int(next(line.split()[1] for line in out.splitlines() if line.startswith("records:")))
    peer_wall, peer_cpu, peer_rss, peer_out = measure([sys.executable, __file__, "--peer", "databento-dbn", path])
    numpy_wall, numpy_cpu, numpy_rss, numpy_out = measure([sys.executable, __file__, "--peer", "numpy", path])
    assert int(peer_out.split()[0]) == records, (peer_out, records)
    assert int(numpy_out.split()[0]) == records, (numpy_out, records)
    print(json.dumps({
        "bench": f"dbn.decode.{name}", "records": records, "compressed_mb": round(os.path.getsize(path) / 2**20, 1),
        "edgehost_records_per_s": round(records / cpu), "edgehost_cpu_s": round(cpu, 3), "edgehost_wall_s": round(wall, 3),
        "edgehost_peak_rss_mb": round(rss, 1),
        "peer": "databento-dbn 0.72.0 DBNDecoder, record iteration (1 MiB chunks)",
        "peer_records_per_s": round(records / peer_cpu), "peer_cpu_s": round(peer_cpu, 3), "peer_wall_s": round(peer_wall, 3),
        "peer_peak_rss_mb": round(peer_rss, 1),
        "ratio_vs_databento_dbn": round(peer_cpu / cpu, 2),
        "numpy_frombuffer_records_per_s": round(records / numpy_cpu), "numpy_peak_rss_mb": round(numpy_rss, 1),
        "edgehost_measures": "`edgehost dbn info`: every record into typed column batches",
        "rate_basis": "records per CPU second (user+sys) of each process, start-up included: the machine is shared",
    }), flush=True)


def main():
    if sys.argv[1] == "--peer":
        return peer(sys.argv[2], sys.argv[3])
    binary = sys.argv[1]
    records = int(sys.argv[sys.argv.index("--records") + 1]) if "--records" in sys.argv else 10_000_000
    bench(binary, MBO_FILE, "esh4_mbo")
    folder = os.path.join(REPO, ".build", "dbn-bench")
    os.makedirs(folder, exist_ok=True)
    synthetic = os.path.join(folder, f"synthetic-mbo-{records}.dbn.zst")
    if not os.path.exists(synthetic):
        generate(synthetic, records)
    bench(binary, synthetic, f"synthetic_{records}")


if __name__ == "__main__":
    main()
