from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.handoff import worker
from bot.handoff.outbox import Outbox
from bot.handoff.receiver import Receiver
from bot.legal_aid.directory import load_directory
from tests.bot.handoff.conftest import write_directory

SENDER = "web-test-sender-2"
ROOT = Path(__file__).resolve().parents[3]


def test_delivers_one_signed_payload(outbox: Outbox, receiver: Receiver, directory_path, make_doc):
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"])
    counts = worker.run_once(outbox, load_directory(directory_path))
    assert counts == {"claimed": 1, "delivered": 1, "failed": 0}
    assert receiver.received == [doc]
    assert outbox.get_status(doc["id"]).status == "delivered"
    assert worker.run_once(outbox, load_directory(directory_path))["claimed"] == 0


def test_receiver_down_then_up_delivers_exactly_once(outbox: Outbox, env, partner_secret, make_doc):
    port = Receiver(partner_secret).start()  # find a free port, then free it: the receiver is "down"
    url, port_no = port.url, port.port
    port.stop()
    directory = load_directory(write_directory(env / "dir.yml", url))
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"], now=1000)
    counts = worker.run_once(outbox, directory, now=1000)
    assert counts["failed"] == 1
    status = outbox.get_status(doc["id"])
    assert status.last_error_class == "connection_error" and status.status == "pending"
    assert 1000 < status.next_attempt_at <= 1001  # base 1 s backoff with jitter
    assert worker.run_once(outbox, directory, now=1000.1)["claimed"] == 0  # not due yet
    up = Receiver(partner_secret, port=port_no).start()
    try:
        assert worker.run_once(outbox, directory, now=1002)["delivered"] == 1
        assert worker.run_once(outbox, directory, now=5000)["claimed"] == 0
        assert [d["id"] for d in up.received] == [doc["id"]]
    finally:
        up.stop()


def test_backoff_grows_exponentially_with_jitter_and_cap(monkeypatch):
    import random

    monkeypatch.setenv("KYR_HANDOFF_RETRY_BASE_SECONDS", "10")
    monkeypatch.setenv("KYR_HANDOFF_RETRY_MAX_SECONDS", "100")
    rng = random.Random(1)
    delays = [worker.backoff_seconds(n, rng) for n in (1, 2, 3, 4, 5, 6)]
    assert 5 <= delays[0] <= 10 and 10 <= delays[1] <= 20 and 20 <= delays[2] <= 40
    assert all(50 <= d <= 100 for d in delays[4:])


def test_missing_secret_keeps_retrying_without_losing(outbox: Outbox, directory_path, make_doc, monkeypatch):
    monkeypatch.delenv("KYR_TEST_PARTNER_SECRET")
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"])
    worker.run_once(outbox, load_directory(directory_path))
    status = outbox.get_status(doc["id"])
    assert status.status == "pending" and status.last_error_class == "missing_secret"


def test_email_channel_via_smtp_sink(outbox: Outbox, env, receiver, smtp_sink, make_doc):
    directory = load_directory(write_directory(env / "dir.yml", receiver.url, email=True))
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook", "email"])
    assert worker.run_once(outbox, directory)["delivered"] == 1
    assert len(smtp_sink.messages) == 1 and len(receiver.received) == 1
    mail = smtp_sink.messages[0]
    assert doc["reference"] in mail and "intake@example.org" in mail and doc["id"] in mail


def test_email_down_then_webhook_not_sent_twice(outbox: Outbox, env, receiver, make_doc, monkeypatch):
    monkeypatch.setenv("KYR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KYR_SMTP_PORT", "1")  # nothing listens there
    directory = load_directory(write_directory(env / "dir.yml", receiver.url, email=True))
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook", "email"], now=0)
    worker.run_once(outbox, directory, now=0)
    worker.run_once(outbox, directory, now=10_000)
    assert receiver.requests == 1  # the delivered webhook channel is not repeated
    assert outbox.get_status(doc["id"]).delivered_channels == ["webhook"]


def _black_hole() -> socket.socket:
    """Accepts TCP connections and never answers: a delivery that hangs."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(5)
    return s


def test_worker_killed_mid_delivery_then_another_delivers_once(outbox: Outbox, env, receiver, make_doc):
    hole = _black_hole()
    hang_dir = write_directory(env / "hang.yml", f"http://127.0.0.1:{hole.getsockname()[1]}/hook")
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"])
    proc_env = {**os.environ, "KYR_DIRECTORY_PATH": str(hang_dir), "RASA_TELEMETRY_ENABLED": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "worker", "--once"],
        cwd=ROOT,
        env=proc_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 20
        while time.time() < deadline and not outbox.get_status(doc["id"]).leased:
            time.sleep(0.1)
        assert outbox.get_status(doc["id"]).leased, "worker did not claim the handoff"
        proc.send_signal(signal.SIGKILL)  # killed while waiting for the partner's answer
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        hole.close()
    good = load_directory(write_directory(env / "good.yml", receiver.url))
    assert worker.run_once(outbox, good)["claimed"] == 0  # still leased by the dead worker
    after_lease = time.time() + 121
    assert worker.run_once(outbox, good, now=after_lease)["delivered"] == 1
    assert [d["id"] for d in receiver.received] == [doc["id"]]


def test_worker_cli_once_delivers(outbox: Outbox, directory_path, receiver, make_doc):
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"])
    result = subprocess.run(
        [sys.executable, "-m", "bot", "worker", "--once"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stderr
    assert [d["id"] for d in receiver.received] == [doc["id"]]
    assert "+1555" not in result.stdout + result.stderr


# -- E-mail only over verified TLS (issue #15, medium 8) ---------------------------------------
def _email_once(outbox: Outbox, env, receiver, make_doc) -> tuple[dict, object]:
    directory = load_directory(write_directory(env / "dir.yml", receiver.url, email=True))
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["email"], now=0)
    worker.run_once(outbox, directory, now=0)
    return doc, outbox.get_status(doc["id"])


def test_email_is_never_sent_in_plain_text_by_default(outbox: Outbox, env, receiver, smtp_sink, make_doc, monkeypatch):
    monkeypatch.delenv("KYR_SMTP_TLS")  # the default: STARTTLS required; this server does not offer it
    _, status = _email_once(outbox, env, receiver, make_doc)
    assert smtp_sink.messages == []
    assert status.status == "pending" and status.last_error_class == "smtp_no_starttls"


def test_plain_smtp_is_refused_to_any_host_but_loopback(monkeypatch):
    monkeypatch.setenv("KYR_SMTP_TLS", "none")
    assert worker.smtp_tls_mode("127.0.0.1") == "none"
    for host in ("smtp.example.org", "10.0.0.5"):
        with pytest.raises(worker.DeliveryError, match="smtp_tls_required"):
            worker.smtp_tls_mode(host)
    monkeypatch.setenv("KYR_SMTP_TLS", "maybe")
    with pytest.raises(worker.DeliveryError, match="smtp_tls_mode_invalid"):
        worker.smtp_tls_mode("smtp.example.org")


def test_a_certificate_that_does_not_verify_stops_the_email(outbox: Outbox, env, receiver, tls_sink, make_doc):
    _, status = _email_once(outbox, env, receiver, make_doc)
    assert tls_sink.messages == []
    assert status.status == "pending" and status.last_error_class == "smtp_tls_error"


def test_email_goes_through_starttls_with_a_trusted_certificate(
    outbox: Outbox, env, receiver, tls_sink, make_doc, monkeypatch
):
    monkeypatch.setenv("KYR_SMTP_CA_FILE", str(tls_sink.cert_path))
    doc, status = _email_once(outbox, env, receiver, make_doc)
    assert status.status == "delivered", status.last_error_class
    assert len(tls_sink.messages) == 1 and doc["reference"] in tls_sink.messages[0]


def test_a_redirect_is_a_failed_delivery_not_a_get_marked_delivered(
    outbox: Outbox, env, receiver: Receiver, make_doc, tmp_path
):
    """Issue 15 (low): urllib followed a 301 as a GET without the body, and its 2xx marked the
    handoff delivered although the partner never got it."""
    import http.server
    import threading

    gets = []

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(301)
            self.send_header("Location", receiver.url)
            self.end_headers()

        def do_GET(self) -> None:
            gets.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        directory = write_directory(tmp_path / "redirect.yml", f"http://127.0.0.1:{server.server_port}/kyr/handoffs")
        doc = make_doc()
        outbox.enqueue(doc, SENDER, ["webhook"])
        assert worker.run_once(outbox, load_directory(directory)) == {"claimed": 1, "delivered": 0, "failed": 1}
        status = outbox.get_status(doc["id"])
        assert status.status != "delivered" and status.last_error_class == "http_301"
        assert receiver.received == [] and gets == []
    finally:
        server.shutdown()
