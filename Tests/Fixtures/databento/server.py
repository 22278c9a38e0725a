#!/usr/bin/env python3
"""A stand-in for hist.databento.com, for `edgehost lake fetch` (DatabentoHistorical) tests (stdlib only).

Shapes follow the official client, databento/databento-python (Apache-2.0):
  - databento/historical/api/timeseries.py: get_range is POST {base}/v0/timeseries.get_range with
    form fields dataset, start, end, symbols, schema, stype_in, stype_out, encoding=dbn,
    compression=zstd[, limit], HTTP basic auth with the key as user name and an empty password;
  - databento/common/http.py and common/error.py: an error answer's JSON body is
    {"detail": ...}, either a string or {"case", "message", "status_code", "docs", "payload"};
  - tests/test_historical_batch.py: 429 with "Retry-After: 0".
The DBN answer is a real Databento file: ../shared/data/es/dbn/databento-python/test_data.trades.dbn.zst
(from databento-python tests/data/GLBX.MDP3).

The key the fake accepts is "db-TESTKEY0123456789abcdefghijk". A first path segment picks a scenario:
  (none)            200 with the DBN file, if the request is well-formed and authorised
  rate-limited      429 with Retry-After: 0, always
  rate-limited-once 429 with Retry-After: 0 on the first request, then the normal answer
  truncated         200 with the DBN file cut in the middle of a record
  echo-key          422 whose message repeats the Authorization header
Unauthorised requests get 401; a symbol other than ESH1 gets 422 (symbology_invalid_request).
GET /__requests answers what the server saw: [{"path", "form", "authorization"}, ...].
"""
import base64
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import fixture_server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DBN_FILE = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "es", "dbn", "databento-python", "test_data.trades.dbn.zst")
KEY = "db-TESTKEY0123456789abcdefghijk"
SCENARIOS = {"rate-limited", "rate-limited-once", "truncated", "echo-key"}

lock = threading.Lock()
seen = []
hits = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, case, message, docs="", headers=()):
        body = {"detail": {"case": case, "message": message, "status_code": status, "docs": docs, "payload": {}}}
        self.send(status, json.dumps(body).encode(), headers=headers)

    def do_GET(self):
        if self.path == "/__requests":
            with lock:
                self.send(200, json.dumps(seen).encode())
        else:
            self.send(404, b'{"detail":"Not Found"}')

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        parts = self.path.strip("/").split("/")
        scenario = parts[0] if parts and parts[0] in SCENARIOS else ""
        route = "/" + "/".join(parts[1:] if scenario else parts)
        authorization = self.headers.get("Authorization", "")
        with lock:
            seen.append({"path": self.path, "form": form, "authorization": authorization})
            hits[scenario] = hits.get(scenario, 0) + 1
            count = hits[scenario]
        if route != "/v0/timeseries.get_range":
            return self.send(404, b'{"detail":"Not Found"}')
        if authorization != "Basic " + base64.b64encode((KEY + ":").encode()).decode():
            return self.send(401, b'{"detail":"Authentication failed."}')
        if scenario == "echo-key":
            return self.error(422, "auth_echo", "got authorization " + authorization)
        if scenario == "rate-limited" or (scenario == "rate-limited-once" and count == 1):
            return self.error(429, "rate_limited", "Too many requests.", headers=[("Retry-After", "0")])
        if form.get("encoding") != "dbn" or form.get("compression") != "zstd" or not form.get("dataset"):
            return self.error(422, "validation_error", "encoding must be dbn and compression zstd")
        if form.get("symbols") != "ESH1":
            return self.error(422, "symbology_invalid_request", "None of the symbols could be resolved: " + form.get("symbols", ""),
                              "https://databento.com/docs/standards-and-conventions/symbology")
        with open(DBN_FILE, "rb") as f:
            data = f.read()
        if scenario == "truncated":
            data = zstd_cut(data)
        self.send(200, data, "application/octet-stream")


def zstd_cut(data):
    """The file minus its last 40 bytes: a zstd stream that ends inside a frame."""
    return data[:-40]


if __name__ == "__main__":
    fixture_server.serve(ThreadingHTTPServer(("127.0.0.1", 0), Handler))
