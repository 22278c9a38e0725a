"""The life of a fixture HTTP server (Tests/TestSupport/FixtureHTTPServer.swift starts them):
print the port, serve until stdin closes or the test process is gone, then exit.

The parent check matters: another child of the test process may inherit our stdin's write end
(a watchdog shell, say), and then EOF never comes.
"""
import json
import os
import sys
import threading
import time


def serve(server):
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    parent = os.getppid()

    def watch_parent():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    sys.stdin.read()
    os._exit(0)


def reply(handler, status, body, headers=None, content_type="application/json"):
    """One whole HTTP answer from a fake vendor: `body` as bytes, text, or a value sent as JSON."""
    if isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode()
    else:
        data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)
