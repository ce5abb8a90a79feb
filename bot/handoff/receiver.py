"""Reference receiver for partner organizations (and our tests).

    KYR_PARTNER_SECRET=... python -m bot.handoff.receiver --port 8099 --secret-env KYR_PARTNER_SECRET --store ./received

Verifies ``X-KYR-Signature`` (HMAC-SHA256 over ``timestamp + "." + body``) and a timestamp within
5 minutes (401 otherwise), checks the document against the schema (422), deduplicates on ``id``
(a retry gets 200 again, stored once) and stores each new handoff as ``<store>/<id>.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bot.handoff import crypto
from bot.handoff.payload import PayloadError, validate

log = logging.getLogger("kyr.handoff.receiver")
MAX_BODY = 64 * 1024


class Receiver:
    """An in-process receiver: ``start()`` on loopback, read ``received``, ``stop()``."""

    def __init__(
        self,
        secret: str,
        host: str = "127.0.0.1",
        port: int = 0,
        store: Path | None = None,
        max_skew: int = crypto.MAX_SKEW_SECONDS,
    ) -> None:
        self.secret = secret
        self.host = host
        self.port = port
        self.store = Path(store) if store else None
        self.max_skew = max_skew
        self.received: list[dict[str, Any]] = []  # unique handoffs, in arrival order
        self.requests = 0  # every POST, including rejected and duplicate ones
        self.rejected = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        if self.store:
            self.store.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/kyr/handoffs"

    def handle(self, headers: Any, body: bytes) -> tuple:
        """(status, response dict) for one POST; pure enough to test without a socket."""
        with self._lock:
            self.requests += 1
        if not crypto.verify(
            self.secret,
            headers.get(crypto.TIMESTAMP_HEADER),
            headers.get(crypto.SIGNATURE_HEADER),
            body,
            max_skew=self.max_skew,
        ):
            with self._lock:
                self.rejected += 1
            return 401, {"error": "bad signature or timestamp"}
        try:
            doc = json.loads(body)
            validate(doc)
        except (ValueError, PayloadError) as exc:
            with self._lock:
                self.rejected += 1
            return 422, {"error": str(exc)}
        with self._lock:
            if any(d["id"] == doc["id"] for d in self.received) or (
                self.store and (self.store / f"{doc['id']}.json").exists()
            ):
                return 200, {"status": "duplicate", "id": doc["id"]}
            self.received.append(doc)
            if self.store:
                tmp = self.store / f".{doc['id']}.tmp"
                # Owner-only: a stored handoff holds a child's contact details.
                with os.fdopen(
                    os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8"
                ) as out:
                    out.write(json.dumps(doc, ensure_ascii=False))
                tmp.replace(self.store / f"{doc['id']}.json")
        return 200, {"status": "accepted", "id": doc["id"], "reference": doc["reference"]}

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                try:
                    length = int(self.headers.get("Content-Length") or 0)
                except ValueError:
                    length = -1
                if length < 0:  # a negative length made rfile.read() wait for the whole stream
                    self._reply(400, {"error": "bad Content-Length"})
                    return
                if length > MAX_BODY:
                    self._reply(413, {"error": "too large"})
                    return
                status, reply = receiver.handle(self.headers, self.rfile.read(length))
                self._reply(status, reply)

            def _reply(self, status: int, reply: dict[str, Any]) -> None:
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:  # keep request lines out of logs
                pass

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.handoff.receiver", description="KYR handoff reference receiver"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--secret-env", required=True, help="name of the env var holding the shared secret")
    parser.add_argument("--store", default="received-handoffs", help="directory for received JSON files")
    args = parser.parse_args(argv)
    secret = os.environ.get(args.secret_env)
    if not secret:
        print(f"{args.secret_env} is not set: export the shared secret and start again", file=sys.stderr)
        return 2
    receiver = Receiver(secret, args.host, args.port, Path(args.store)).start()
    print(f"listening on {receiver.url}, storing in {args.store}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        receiver.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
