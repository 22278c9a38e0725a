#!/usr/bin/env python3
"""A stand-in for data.alpaca.markets, for zerodteput's `alpaca` adapter tests (stdlib only).

Binds 127.0.0.1 on a free port and prints the port (Tests/Fixtures/fixture_server.py).

Where each shape comes from (Alpaca's official client alpaca-py, github.com/alpacahq/alpaca-py, Apache-2.0):
  - GET /v2/stocks/bars?symbols=SPY&timeframe=1Min&start&end&limit&feed[&page_token]
    -> {"bars": {"SPY": [{"t", "o", "h", "l", "c", "v", "n", "vw"}]}, "next_page_token": "<base64>" | null}
    (tests/data/test_historical_stock_data.py test_get_bars; alpaca/common/rest.py _data_get: page_token / next_page_token);
  - GET /v1beta1/options/snapshots/{underlying}?feed&type&expiration_date&root_symbol&limit[&page_token]
    -> {"snapshots": {"SPXW240701P05400000": {"latestQuote": {"ap", "as", "ax", "bp", "bs", "bx", "c", "t"},
        "latestTrade": {"c", "p", "s", "t", "x"}, "greeks": {"delta", "gamma", "rho", "theta", "vega"},
        "impliedVolatility"}}, "next_page_token"}
    (tests/data/test_historical_option_data.py test_get_option_chain; alpaca/data/requests.py OptionChainRequest);
  - headers APCA-API-KEY-ID / APCA-API-SECRET-KEY (alpaca/common/rest.py _get_default_headers);
  - error bodies {"code": <8 digits>, "message": ...} (alpaca/common/exceptions.py APIError; the 401 body of
    tests/broker/broker_client/test_accounts_routes.py); rate-limit headers X-RateLimit-Limit / -Remaining /
    -Reset (epoch seconds), as Alpaca's rate-limit documentation names them.

The data are made up (a smooth SPY path on 2024-07-01 and Black-Scholes puts around it), not recorded prices:
only the formats are Alpaca's. The chain snapshot's newest quote is 2024-07-01T17:00:00.259610112Z (13:00 New York).

Keys the fake accepts: KEY_ID / SECRET below; anything else gets 401.
A first path segment picks a scenario, e.g. /rate-limited-once/v2/stocks/bars:
  rate-limited        429 (X-RateLimit-Remaining: 0, X-RateLimit-Reset: now + 1), always
  rate-limited-once   429 on the first request, then the normal answers
  server-error        500, always
  server-error-once   503 on the first request, then the normal answers
  malformed           the second bars page cut in half
  echo-key            422 whose message repeats the APCA-API-SECRET-KEY header
  loop                the second bars page repeats the first page's next_page_token
GET /__requests answers what the server saw: [{"path", "key_id"}, ...].
"""
import json
import math
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import fixture_server  # noqa: E402

KEY_ID = "AKTEST0123456789ABCD"
SECRET = "sEcReT-test-0123456789abcdefghijklmnop"
SCENARIOS = {"rate-limited", "rate-limited-once", "server-error", "server-error-once", "malformed", "echo-key", "loop"}
OPEN_MS = 1719840600000  # 2024-07-01T13:30:00Z, the session's open
TOKEN = "U1BZfE18MjAyNC0wNy0wMVQxNjo0NTowMC4wMDAwMDAwMDBa"  # base64 "SPY|M|2024-07-01T16:45:00.000000000Z", like Alpaca's
SNAPSHOT_T = "2024-07-01T17:00:00.259610112Z"

lock = threading.Lock()
seen = []
hits = {}


def iso(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ms // 1000))


def bar(k):
    """Minute k of the session: a smooth path near 545, two decimals like Alpaca's prices."""
    mid = 545.0 + 0.8 * math.sin(k / 37.0) + 0.004 * k
    o, c = round(mid - 0.03, 2), round(mid + 0.02, 2)
    return {"t": iso(OPEN_MS + k * 60000), "o": o, "h": round(max(o, c) + 0.05, 2), "l": round(min(o, c) - 0.05, 2),
            "c": c, "v": 1200 + 7 * k, "n": 40 + k % 9, "vw": round(mid, 4)}


BARS = [bar(k) for k in range(390)]


def ncdf(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def put(strike):
    """A 0DTE SPXW put at 13:00 New York, spot the 12:59 bar's close x 10, priced by Black-Scholes."""
    spot, years = BARS[209]["c"] * 10, 3.0 / (252 * 6.5)
    iv = 0.11 + 0.0009 * max(0, spot - strike) / 5
    s = iv * math.sqrt(years)
    d1 = (math.log(spot / strike) + s * s / 2) / s
    price = strike * ncdf(-(d1 - s)) - spot * ncdf(-d1)
    pdf = math.exp(-d1 * d1 / 2) / math.sqrt(2 * math.pi)
    bid, ask = max(0.05, round(price - 0.05 - 0.02 * price, 2)), round(price + 0.05 + 0.02 * price, 2) + 0.1
    symbol = "SPXW240701P%08d" % int(strike * 1000)
    minutes = int(strike) % 7  # quotes of different ages; the newest is SNAPSHOT_T
    return symbol, {
        "greeks": {"delta": ncdf(d1) - 1, "gamma": pdf / (spot * s), "rho": -strike * years * ncdf(-(d1 - s)) / 100,
                   "theta": -spot * pdf * iv / (2 * math.sqrt(years)) / 365, "vega": spot * pdf * math.sqrt(years) / 100},
        "impliedVolatility": iv,
        "latestQuote": {"ap": round(ask, 2), "as": 50 + int(strike) % 40, "ax": "C", "bp": bid, "bs": 20 + int(strike) % 30, "bx": "C",
                        "c": "A", "t": SNAPSHOT_T if minutes == 0 else "2024-07-01T16:5%d:12.5Z" % minutes},
        "latestTrade": {"c": "I", "p": round(price, 2), "s": 1, "t": "2024-07-01T16:48:03.034908416Z", "x": "C"},
    }


PUTS = dict(put(k) for k in range(5250, 5475, 5))
# Another root on the same underlying, which a root_symbol=SPXW request must not return.
PUTS_OTHER_ROOT = {"SPX240719P05400000": dict(PUTS["SPXW240701P05400000"])}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/__requests":
            with lock:
                return self.send_json(200, seen)
        url = urlsplit(self.path)
        first, _, rest = url.path.lstrip("/").partition("/")
        scenario, path = (first, "/" + rest) if first in SCENARIOS else ("", url.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        key_id, secret = self.headers.get("APCA-API-KEY-ID"), self.headers.get("APCA-API-SECRET-KEY")
        with lock:
            seen.append({"path": self.path, "key_id": key_id})
            hits[scenario] = hits.get(scenario, 0) + 1
            count = hits[scenario]
        if key_id != KEY_ID or secret != SECRET:
            return self.send_json(401, {"code": 40110000, "message": "request is not authorized"})
        if scenario == "echo-key":
            return self.send_json(422, {"code": 42210000, "message": "invalid secret %s" % secret})
        if scenario == "rate-limited" or (scenario == "rate-limited-once" and count == 1):
            return self.send_json(429, {"code": 42910000, "message": "rate limit exceeded"},
                                  {"X-RateLimit-Limit": "200", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 1)})
        if scenario == "server-error" or (scenario == "server-error-once" and count == 1):
            return self.send_json(500 if scenario == "server-error" else 503, {"code": 50010000, "message": "internal server error occurred"})
        if path == "/v2/stocks/bars":
            return self.bars(query, scenario)
        if path.startswith("/v1beta1/options/snapshots/"):
            return self.chain(path[len("/v1beta1/options/snapshots/"):], query)
        self.send_json(404, {"code": 40410000, "message": "endpoint not found"})

    def bars(self, query, scenario):
        if query.get("timeframe") != "1Min":
            return self.send_json(422, {"code": 42210000, "message": "invalid timeframe"})
        if query.get("feed") not in ("iex", "sip"):
            return self.send_json(422, {"code": 42210000, "message": "invalid feed"})
        symbols = query.get("symbols", "")
        rows = BARS if symbols == "SPY" else []
        # Two pages: the morning to 12:44 New York, then the rest (as a limit of 195 would cut them).
        if "page_token" not in query:
            page = {"bars": {symbols: rows[:195]} if rows else {}, "next_page_token": TOKEN if rows else None}
        elif query["page_token"] == TOKEN:
            page = {"bars": {symbols: rows[195:]}, "next_page_token": TOKEN if scenario == "loop" else None}
        else:
            return self.send_json(400, {"code": 40010001, "message": "invalid page_token"})
        text = json.dumps(page)
        if scenario == "malformed" and "page_token" in query:
            text = text[: len(text) // 2]
        self.send_text(200, text, {"X-RateLimit-Limit": "200", "X-RateLimit-Remaining": "199", "X-RateLimit-Reset": str(int(time.time()) + 60)})

    def chain(self, underlying, query):
        if query.get("feed") not in (None, "indicative", "opra"):
            return self.send_json(422, {"code": 42210000, "message": "invalid feed"})
        snapshots = {}
        if underlying == "SPX" and query.get("expiration_date") == "2024-07-01" and query.get("type") in (None, "put"):
            snapshots = dict(PUTS) if query.get("root_symbol") == "SPXW" else dict(PUTS, **PUTS_OTHER_ROOT)
        names = sorted(snapshots)
        # Two pages, cut in the middle, the second one keyed by a page token.
        half = len(names) // 2
        if query.get("page_token") == "chain-2":
            page = {"snapshots": {n: snapshots[n] for n in names[half:]}, "next_page_token": None}
        else:
            page = {"snapshots": {n: snapshots[n] for n in names[:half]}, "next_page_token": "chain-2" if names else None}
        self.send_json(200, page)

    def send_json(self, status, value, headers=None):
        self.send_text(status, json.dumps(value), headers)

    def send_text(self, status, text, headers=None):
        fixture_server.reply(self, status, text, headers, content_type="application/json; charset=UTF-8")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fixture_server.serve(server)
