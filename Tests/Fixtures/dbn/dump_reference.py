"""Dumps a DBN file with Databento's reference decoder (databento-dbn, pinned in
Tests/oracles/requirements.txt) as JSON lines, for Tests/DBNTests to compare field by field.

Line 1 is the metadata; each further line one record: {"rtype": ..., "<field>": "<value>", ...}.
Every value is a string (integers in decimal, c_char as its character) so 64-bit values survive
JSON. Records are decoded as the file's own version (no upgrade).

usage: python3 dump_reference.py FILE [--limit N]
       python3 dump_reference.py --layouts   (each record class: size and field offsets, one JSON line)
"""
import json
import sys

import databento_dbn as dbn


def value(v):
    if hasattr(v, "value"):  # enums (RType, Publisher, Side, UserDefinedInstrument…)
        v = v.value
    # The status flags (is_trading, …) are c_char 'Y'/'N'/'~' in the file; the reference reads them as bool/None.
    if isinstance(v, bool):
        return "Y" if v else "N"
    if v is None:
        return "~"
    return str(v)


def record_fields(record):
    out = {}
    for name, _ in type(record)._dtypes:
        if name == "length" or name.startswith("_"):
            continue
        stem, _, level = name.rpartition("_")
        if stem and level.isdigit() and len(level) == 2 and hasattr(record, "levels"):
            out[name] = value(getattr(record.levels[int(level)], stem))
        else:
            out[name] = value(getattr(record, name))
    return out


LAYOUT_CLASSES = [
    "MBOMsg", "TradeMsg", "MBP1Msg", "MBP10Msg", "BBOMsg", "CMBP1Msg", "CBBOMsg", "OHLCVMsg", "StatusMsg",
    "ImbalanceMsg", "InstrumentDefMsgV1", "InstrumentDefMsgV2", "InstrumentDefMsg", "StatMsgV1", "StatMsg",
    "ErrorMsgV1", "ErrorMsg", "SymbolMappingMsgV1", "SymbolMappingMsg", "SystemMsgV1", "SystemMsg",
]


def layouts():
    """Offsets from the reference's packed numpy dtype (its `_dtypes` spell out every reserved byte)."""
    import numpy as np
    for name in LAYOUT_CLASSES:
        dtype = np.dtype(getattr(dbn, name)._dtypes)
        fields = {f: str(dtype.fields[f][1]) for f in dtype.names if f != "length" and not f.startswith("_")}
        sys.stdout.write(json.dumps({"class": name, "size": str(dtype.itemsize), "fields": fields}, sort_keys=True) + "\n")


def main():
    if sys.argv[1] == "--layouts":
        return layouts()
    path = sys.argv[1]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    decoder = dbn.DBNDecoder(upgrade_policy=dbn.VersionUpgradePolicy.AS_IS)
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:4] == b"\x28\xb5\x2f\xfd":
        # databento-dbn's decoder takes plain DBN; every zstd frame is decompressed first.
        import io
        import zstandard
        raw = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw), read_across_frames=True).read()
    decoder.write(raw)
    records = decoder.decode()
    metadata, records = records[0], records[1:]
    meta = {
        "version": metadata.version, "dataset": metadata.dataset,
        "schema": value(metadata.schema) if metadata.schema is not None else None,
        "start": str(metadata.start), "end": str(metadata.end) if metadata.end is not None else None,
        "limit": str(metadata.limit) if metadata.limit else None,
        "stype_in": value(metadata.stype_in) if metadata.stype_in is not None else None,
        "stype_out": value(metadata.stype_out), "ts_out": metadata.ts_out,
        "symbols": list(metadata.symbols), "partial": list(metadata.partial), "not_found": list(metadata.not_found),
        "mappings": {k: [[str(i["start_date"]), str(i["end_date"]), i["symbol"]] for i in v]
                     for k, v in metadata.mappings.items()},
        "record_count": len(records),
    }
    out = sys.stdout
    out.write(json.dumps(meta, sort_keys=True) + "\n")
    for record in records[:limit]:
        out.write(json.dumps(record_fields(record), sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
