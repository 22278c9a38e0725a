#!/usr/bin/env python3
"""A stand-in for api.polygon.io, for the polygon adapter's tests (stdlib only).

Binds 127.0.0.1 on a free port and prints the port as the first line of stdout. Serves the
recorded-format responses of this folder by route; "{base}" in a file becomes this server's
origin (plus the scenario prefix), so next_url links come back here.

A first path segment picks a scenario, e.g. /rate-limited/v2/aggs/...:
  unauthorized       401 with Polygon's error body
  forbidden          403 NOT_AUTHORIZED (plan without the data)
  rate-limited       429 with Retry-After: 0, always
  rate-limited-once  429 with Retry-After: 0 on the first request, then the normal answer
  server-error       500 with an error body
  malformed          200 with the first page cut in half
  status-error       200 with {"status": "ERROR", ...}
  echo-key           400 whose error text repeats the Authorization header
  redirect           302 to the same route on http://localhost:<port> (another origin)
  slow               the normal answer after 3 seconds
  loop               the normal first page whose next_url points at itself
  elsewhere          the normal answers, with next_url naming https://api.polygon.io
  huge-close         the normal answers, the second bar's close 1e300
  nan-close          the normal answers, the second bar's close NaN (not JSON, as a broken server sends it)

GET /__requests answers what the server saw: [{"path": ..., "authorization": ...}, ...].
Exits when stdin closes, so a crashed test leaves no server behind.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import fixture_server  # noqa: E402  (Tests/Fixtures/fixture_server.py: port, stdin, parent)

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = {"unauthorized", "forbidden", "rate-limited", "rate-limited-once", "server-error", "malformed",
             "status-error", "echo-key", "redirect", "slow", "loop", "elsewhere", "huge-close", "nan-close"}
# (path, is a follow-up page) -> file
ROUTES = {
    ("/v2/aggs/ticker/SPY/range/1/minute/2024-07-01/2024-07-01", False): "aggs-SPY-2024-07-01.json",
    ("/v2/aggs/ticker/SPY/range/1/minute/1719840720000/1719892800000", True): "aggs-SPY-2024-07-01-page2.json",
    ("/v2/aggs/ticker/SPY/range/1/minute/2024-07-04/2024-07-04", False): "aggs-SPY-2024-07-04.json",
    ("/v3/snapshot/options/SPY", False): "chain-SPY-2024-07-01.json",
    ("/v3/snapshot/options/SPY", True): "chain-SPY-2024-07-01-page2.json",
}
REQUEST_ID = "9f1c2b7e5d4a3c2b1a0f9e8d7c6b5a49"

lock = threading.Lock()
seen = []
hits = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/__requests":
            with lock:
                return self.send_json(200, seen)
        auth = self.headers.get("Authorization")
        with lock:
            seen.append({"path": self.path, "authorization": auth})
        url = urlsplit(self.path)
        first, _, rest = url.path.lstrip("/").partition("/")
        scenario, path = (first, "/" + rest) if first in SCENARIOS else ("", url.path)
        with lock:
            hits[scenario] = hits.get(scenario, 0) + 1
            count = hits[scenario]
        error = {"status": "ERROR", "request_id": REQUEST_ID}
        if scenario == "unauthorized":
            return self.send_json(401, dict(error, error="Unknown API Key"))
        if scenario == "forbidden":
            return self.send_json(403, {"status": "NOT_AUTHORIZED", "request_id": REQUEST_ID,
                                        "message": "You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing"})
        if scenario == "rate-limited" or (scenario == "rate-limited-once" and count == 1):
            return self.send_json(429, dict(error, error="You've exceeded the maximum requests per minute, please wait or "
                                                         "upgrade your subscription to continue. https://polygon.io/pricing"),
                                  {"Retry-After": "0"})
        if scenario == "server-error":
            return self.send_json(500, dict(error, error="Internal server error: upstream aggregates store unavailable"))
        if scenario == "status-error":
            return self.send_json(200, dict(error, error="Could not find aggregates for this ticker and range"))
        if scenario == "echo-key":
            return self.send_json(400, dict(error, error="Malformed credentials: %s" % auth))
        if scenario == "redirect":
            location = "http://localhost:%d%s" % (self.server.server_address[1], self.path[len("/redirect"):])
            return self.send_json(302, dict(error, error="moved"), {"Location": location})
        if scenario == "slow":
            time.sleep(3)
        query = parse_qs(url.query)
        name = ROUTES.get((path, "cursor" in query))
        if name is None:
            return self.send_json(404, {"status": "NOT_FOUND", "request_id": REQUEST_ID, "message": "Route not found: " + path})
        if path.startswith("/v3/snapshot/options/") and "cursor" not in query and query.get("expiration_date") != ["2024-07-01"]:
            return self.send_json(200, {"status": "OK", "request_id": REQUEST_ID, "results": []})
        with open(os.path.join(HERE, name)) as f:
            text = f.read()
        origin = "http://127.0.0.1:%d" % self.server.server_address[1] + ("/" + scenario if scenario else "")
        text = text.replace("{base}", "https://api.polygon.io" if scenario == "elsewhere" else origin)
        if scenario == "loop":
            page = json.loads(text)
            page["next_url"] = origin + self.path[len("/" + scenario):]
            text = json.dumps(page)
        if scenario in ("huge-close", "nan-close") and path.startswith("/v2/aggs/") and "cursor" not in query:
            page = json.loads(text)
            page["results"][1]["c"] = 1e300 if scenario == "huge-close" else float("nan")
            text = json.dumps(page)
        if scenario == "malformed":
            text = text[: len(text) // 2]
        self.send_text(200, text)

    def send_json(self, status, value, headers=None):
        self.send_text(status, json.dumps(value), headers)

    def send_text(self, status, text, headers=None):
        fixture_server.reply(self, status, text, headers)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fixture_server.serve(server)


if __name__ == "__main__":
    main()
