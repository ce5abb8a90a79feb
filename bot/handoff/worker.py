"""Deliver the handoff outbox: ``python -m bot worker [--once] [--interval S]``.

At-least-once: a row is leased, delivered to each of the organization's channels (signed webhook
and/or e-mail), then marked delivered. If this process dies anywhere in between, the lease
expires and this or another worker retries with the same handoff ``id``. Failures back off
exponentially with jitter (capped) and are never dropped. Logs carry ids and error classes only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import signal
import smtplib
import socket
import ssl
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any

from bot import production_check, settings
from bot.handoff import crypto
from bot.handoff.outbox import Claimed, Outbox
from bot.legal_aid.directory import Directory, Org, get_directory

log = logging.getLogger("kyr.handoff.worker")
HTTP_TIMEOUT_SECONDS = 10


class DeliveryError(Exception):
    """A channel did not accept the handoff; ``error_class`` is safe to log and store."""

    def __init__(self, error_class: str) -> None:
        super().__init__(error_class)
        self.error_class = error_class


_RNG = random.SystemRandom()  # jitter needs no reproducibility; one shared instance


def backoff_seconds(attempts: int, rng: random.Random = _RNG) -> float:
    """Exponential (base * 2^(n-1)), capped, with jitter in [50%, 100%] so workers don't stampede."""
    delay = min(
        settings.handoff_retry_max_seconds(), settings.handoff_retry_base_seconds() * (2 ** max(0, attempts - 1))
    )
    return delay * (0.5 + rng.random() / 2)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: urllib would follow a 301/302 as a GET without the body, and the
    2xx of that GET would mark a handoff delivered that no partner received (issue #15)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def deliver_webhook(org: Org, doc: Mapping[str, Any]) -> None:
    assert org.handoff and org.handoff.webhook_url
    secret = os.environ.get(org.handoff.webhook_secret_env or "")
    if not secret:
        raise DeliveryError("missing_secret")  # ops: set the env var the directory names, then retry
    body = crypto.body_bytes(doc)
    request = urllib.request.Request(
        org.handoff.webhook_url,
        data=body,
        method="POST",
        headers={**crypto.signed_headers(secret, body), "User-Agent": "kyr-handoff/1"},
    )
    try:
        with _OPENER.open(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
            if not 200 <= response.status < 300:
                raise DeliveryError(f"http_{response.status}")
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"http_{exc.code}") from None
    except TimeoutError:
        raise DeliveryError("timeout") from None
    except (urllib.error.URLError, ConnectionError, OSError):
        raise DeliveryError("connection_error") from None


SMTP_TLS_MODES = ("starttls", "ssl", "none")
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def smtp_tls_mode(host: str) -> str:
    """``KYR_SMTP_TLS``: starttls (default), ssl (implicit TLS, port 465) or none.

    A handoff holds a child's contact details: it never crosses a network in plain text. "none"
    is accepted only for a relay on this machine (a local MTA that does TLS itself, or a test sink).
    """
    mode = (os.environ.get("KYR_SMTP_TLS") or "starttls").strip().lower()
    if mode not in SMTP_TLS_MODES:
        raise DeliveryError("smtp_tls_mode_invalid")  # ops: KYR_SMTP_TLS must be starttls, ssl or none
    if mode == "none" and host.lower() not in _LOOPBACK_HOSTS:
        raise DeliveryError("smtp_tls_required")  # ops: plain SMTP only to a relay on loopback
    return mode


def smtp_tls_context() -> ssl.SSLContext:
    """Certificate and host name verified (the system's CAs, or KYR_SMTP_CA_FILE for a private CA)."""
    context = ssl.create_default_context(cafile=os.environ.get("KYR_SMTP_CA_FILE") or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def deliver_email(org: Org, doc: Mapping[str, Any]) -> None:
    assert org.handoff and org.handoff.email
    host = os.environ.get("KYR_SMTP_HOST")
    if not host:
        raise DeliveryError("smtp_not_configured")  # ops: set KYR_SMTP_HOST/PORT/USER/PASSWORD/FROM
    mode = smtp_tls_mode(host)
    port = int(os.environ.get("KYR_SMTP_PORT") or {"starttls": 587, "ssl": 465, "none": 25}[mode])
    message = EmailMessage()
    message["From"] = os.environ.get("KYR_SMTP_FROM") or "kyr-bot@localhost"
    message["To"] = org.handoff.email
    message["Subject"] = f"New legal-aid handoff {doc['reference']}"
    message["Message-ID"] = f"<{doc['id']}@kyr-handoff>"  # stable across retries: mail clients dedupe
    message["X-KYR-Handoff-Id"] = str(doc["id"])
    message.set_content(
        f"A young person or caregiver asked, with consent, to be contacted by your organization.\n"
        f"Reference: {doc['reference']}\nThe handoff (JSON, see the partner guide) follows.\n\n"
        + json.dumps(doc, indent=2, ensure_ascii=False)
    )
    try:
        if mode == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=HTTP_TIMEOUT_SECONDS, context=smtp_tls_context()
            )
        else:
            client = smtplib.SMTP(host, port, timeout=HTTP_TIMEOUT_SECONDS)
        with client as smtp:
            if mode == "starttls":
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    raise DeliveryError("smtp_no_starttls")  # never fall back to plain text
                smtp.starttls(context=smtp_tls_context())
                smtp.ehlo()
            if os.environ.get("KYR_SMTP_USER"):
                smtp.login(os.environ["KYR_SMTP_USER"], os.environ.get("KYR_SMTP_PASSWORD", ""))
            smtp.send_message(message)
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"smtp_{exc.smtp_code}") from None
    except ssl.SSLError:  # includes a certificate that does not verify
        raise DeliveryError("smtp_tls_error") from None
    except (smtplib.SMTPException, OSError):
        raise DeliveryError("smtp_error") from None


CHANNELS = {"webhook": deliver_webhook, "email": deliver_email}


def deliver_one(outbox: Outbox, directory: Directory, item: Claimed, now: float | None = None) -> bool:
    """Try every channel not yet done; True when the handoff is fully delivered."""
    org = directory.get(item.org_id)
    errors: list[str] = []
    for channel in item.channels:
        if channel in item.delivered_channels:
            continue
        if org is None or channel not in (org.handoff.channels if org.handoff else []):
            errors.append("channel_not_configured")  # ops: restore the org's channel in the directory
            continue
        try:
            CHANNELS[channel](org, item.payload)
        except DeliveryError as exc:
            errors.append(exc.error_class)
            continue
        if outbox.mark_delivered(item.id, channel):
            log.info("handoff %s delivered to %s", item.id, item.org_id)
            return True
    if errors:
        wait = backoff_seconds(item.attempts)
        outbox.mark_failed(item.id, errors[0], (now or time.time()) + wait)
        log.warning(
            "handoff %s to %s failed (%s), attempt %d, retry in %.0fs",
            item.id,
            item.org_id,
            ",".join(errors),
            item.attempts,
            wait,
        )
    return False


def run_once(
    outbox: Outbox | None = None,
    directory: Directory | None = None,
    now: float | None = None,
    worker_id: str | None = None,
) -> dict[str, int]:
    outbox = outbox or Outbox.from_settings()
    directory = directory or get_directory()
    worker_id = worker_id or f"{socket.gethostname()}-{os.getpid()}"
    counts = {"claimed": 0, "delivered": 0, "failed": 0}
    for item in outbox.claim_due(now, worker_id=worker_id):
        counts["claimed"] += 1
        counts["delivered" if deliver_one(outbox, directory, item, now) else "failed"] += 1
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot worker", description="Deliver the handoff outbox.")
    parser.add_argument("--once", action="store_true", help="deliver what is due, then exit")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls (default 2)")
    parser.add_argument("--worker-id", default=None)
    args = parser.parse_args(argv)
    production_check.refuse_to_start_if_unsafe("handoff worker")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    worker_id = args.worker_id or f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    outbox = Outbox.from_settings()
    stopping = {"now": False}

    def _stop(*_: Any) -> None:
        stopping["now"] = True  # finish the current delivery, then exit (a lease covers a hard kill)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    log.info("handoff worker %s started (db %s)", worker_id, outbox.engine.url.render_as_string(hide_password=True))
    while True:
        try:
            counts = run_once(outbox, get_directory(), worker_id=worker_id)
        except Exception as exc:  # a DB hiccup or bad directory must not kill the worker: log and poll again
            log.error("handoff worker loop failed: %s (will retry)", type(exc).__name__)
            counts = {}
        if args.once or stopping["now"]:
            return 0
        if not counts.get("claimed"):
            time.sleep(args.interval)
