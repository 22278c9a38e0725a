#!/usr/bin/env python3
"""A stand-in for api.binance.com and fapi.binance.com, for the crypto pack's binance adapter
tests (stdlib only).

Response shapes follow Binance's API documentation (developers.binance.com, "Spot API → Market
data endpoints → Kline/Candlestick data": GET /api/v3/klines answers an array of
[openTime, "open", "high", "low", "close", "volume", closeTime, "quoteAssetVolume", trades,
"takerBuyBaseAssetVolume", "takerBuyQuoteAssetVolume", "0"]; "USDS-M Futures → Get Funding Rate
History": GET /fapi/v1/fundingRate answers [{"symbol", "fundingRate", "fundingTime",
"markPrice"}]; "Limits": 429 and 418 carry Retry-After, every answer X-MBX-USED-WEIGHT-1M;
errors are {"code": -1003, "msg": "..."}). The bars are generated here: BTCUSDT 5-minute klines
from 2024-01-01 00:00 UTC, close = 42000 + 10 * i, with bars 100..102 missing (a gap).

Binds 127.0.0.1 on a free port and prints the port as the first line of stdout. A first path
segment picks a scenario, e.g. /throttled-once/api/v3/klines:
  ok               the normal answers
  throttled-once   429 with Retry-After: 0 on the first request, then the normal answers
  throttled        429 with Retry-After: 0, always
  banned           418 with Retry-After: 120
  broken           500 with an error body, always
  fail-third       the normal answers for two requests, then 503 always
  malformed        200 with the first page cut in half
  heavy            the normal answers with X-MBX-USED-WEIGHT-1M: 5995
GET /__requests answers the paths the server saw. Exits when stdin closes.
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import fixture_server  # noqa: E402  (Tests/Fixtures/fixture_server.py: port, stdin, parent)

ORIGIN_MS = 1704067200000  # 2024-01-01T00:00:00Z
STEP_MS = 300000
MISSING = {100, 101, 102}
SCENARIOS = {"ok", "throttled-once", "throttled", "banned", "broken", "fail-third", "malformed", "heavy"}

lock = threading.Lock()
seen = []
hits = {}


def kline(i):
    t = ORIGIN_MS + i * STEP_MS
    c = 42000 + 10 * i
    return [t, f"{c - 5:.2f}", f"{c + 20:.2f}", f"{c - 25:.2f}", f"{c:.2f}", f"{1 + i % 7}.50000",
            t + STEP_MS - 1, f"{(1 + i % 7) * c:.4f}", 100 + i, "0.75000", f"{0.75 * c:.4f}", "0"]


def klines(q):
    start, end, limit = int(q["startTime"][0]), int(q.get("endTime", ["9" * 15])[0]), int(q.get("limit", ["500"])[0])
    i = max(0, -(-(start - ORIGIN_MS) // STEP_MS))
    rows = []
    while len(rows) < limit and ORIGIN_MS + i * STEP_MS <= end and i < 2000:
        if i not in MISSING:
            rows.append(kline(i))
        i += 1
    return rows


def funding(q):
    symbol, start, end, limit = q["symbol"][0], int(q["startTime"][0]), int(q["endTime"][0]), int(q.get("limit", ["100"])[0])
    rows = []
    t = ORIGIN_MS - 8 * 3600000
    k = 0
    while t <= end and len(rows) < limit:
        if t >= start:
            rows.append({"symbol": symbol, "fundingRate": f"{0.0001 * (1 + k % 3):.8f}", "fundingTime": t, "markPrice": "42000.00000000"})
        t += 8 * 3600000
        k += 1
    return rows


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=None):
        fixture_server.reply(self, status, body, headers)

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/__requests":
            with lock:
                return self.send(200, list(seen))
        segments = parts.path.split("/")
        scenario = segments[1] if len(segments) > 1 and segments[1] in SCENARIOS else "ok"
        route = "/" + "/".join(segments[2:]) if len(segments) > 1 and segments[1] in SCENARIOS else parts.path
        with lock:
            seen.append(self.path)
            hits[scenario] = hits.get(scenario, 0) + 1
            n = hits[scenario]
        weight = {"X-MBX-USED-WEIGHT-1M": "5995" if scenario == "heavy" else str(2 * n)}
        if scenario == "throttled" or (scenario == "throttled-once" and n == 1):
            return self.send(429, {"code": -1003, "msg": "Too many requests; current limit of IP is 6000 requests per minute."},
                             {"Retry-After": "0", **weight})
        if scenario == "banned":
            return self.send(418, {"code": -1003, "msg": "Way too many requests; IP banned until 1704070000000."},
                             {"Retry-After": "120", **weight})
        if scenario == "broken" or (scenario == "fail-third" and n > 2):
            return self.send(503 if scenario == "fail-third" else 500, {"code": -1001, "msg": "Internal error; unable to process your request."}, weight)
        q = parse_qs(parts.query)
        if route == "/api/v3/klines":
            body = json.dumps(klines(q)).encode()
        elif route == "/fapi/v1/fundingRate":
            body = json.dumps(funding(q)).encode()
        else:
            return self.send(404, {"code": -1100, "msg": f"no route {route}"}, weight)
        if scenario == "malformed" and n == 1:
            body = body[: len(body) // 2]
        self.send(200, body, weight)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fixture_server.serve(server)


if __name__ == "__main__":
    main()
