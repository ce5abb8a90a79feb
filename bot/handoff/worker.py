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
import time
import urllib.error
import urllib.request
import uuid
from email.message import EmailMessage
from typing import Any, Dict, List, Mapping, Optional

from bot import settings
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


def backoff_seconds(attempts: int, rng: random.Random = random.SystemRandom()) -> float:
    """Exponential (base * 2^(n-1)), capped, with jitter in [50%, 100%] so workers don't stampede."""
    delay = min(settings.handoff_retry_max_seconds(), settings.handoff_retry_base_seconds() * (2 ** max(0, attempts - 1)))
    return delay * (0.5 + rng.random() / 2)


def deliver_webhook(org: Org, doc: Mapping[str, Any]) -> None:
    assert org.handoff and org.handoff.webhook_url
    secret = os.environ.get(org.handoff.webhook_secret_env or "")
    if not secret:
        raise DeliveryError("missing_secret")  # ops: set the env var the directory names, then retry
    body = crypto.body_bytes(doc)
    request = urllib.request.Request(org.handoff.webhook_url, data=body, method="POST",
                                     headers={**crypto.signed_headers(secret, body), "User-Agent": "kyr-handoff/1"})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
            if not 200 <= response.status < 300:
                raise DeliveryError(f"http_{response.status}")
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"http_{exc.code}") from None
    except (socket.timeout, TimeoutError):
        raise DeliveryError("timeout") from None
    except (urllib.error.URLError, ConnectionError, OSError):
        raise DeliveryError("connection_error") from None


def deliver_email(org: Org, doc: Mapping[str, Any]) -> None:
    assert org.handoff and org.handoff.email
    host = os.environ.get("KYR_SMTP_HOST")
    if not host:
        raise DeliveryError("smtp_not_configured")  # ops: set KYR_SMTP_HOST/PORT/USER/PASSWORD/FROM
    port = int(os.environ.get("KYR_SMTP_PORT") or 25)
    message = EmailMessage()
    message["From"] = os.environ.get("KYR_SMTP_FROM") or "kyr-bot@localhost"
    message["To"] = org.handoff.email
    message["Subject"] = f"New legal-aid handoff {doc['reference']}"
    message["Message-ID"] = f"<{doc['id']}@kyr-handoff>"  # stable across retries: mail clients dedupe
    message["X-KYR-Handoff-Id"] = str(doc["id"])
    message.set_content(
        f"A young person or caregiver asked, with consent, to be contacted by your organization.\n"
        f"Reference: {doc['reference']}\nThe handoff (JSON, see the partner guide) follows.\n\n"
        + json.dumps(doc, indent=2, ensure_ascii=False))
    try:
        with smtplib.SMTP(host, port, timeout=HTTP_TIMEOUT_SECONDS) as smtp:
            if (os.environ.get("KYR_SMTP_STARTTLS") or "").lower() in ("1", "true", "yes"):
                smtp.starttls()
            if os.environ.get("KYR_SMTP_USER"):
                smtp.login(os.environ["KYR_SMTP_USER"], os.environ.get("KYR_SMTP_PASSWORD", ""))
            smtp.send_message(message)
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"smtp_{exc.smtp_code}") from None
    except (smtplib.SMTPException, OSError):
        raise DeliveryError("smtp_error") from None


CHANNELS = {"webhook": deliver_webhook, "email": deliver_email}


def deliver_one(outbox: Outbox, directory: Directory, item: Claimed, now: Optional[float] = None) -> bool:
    """Try every channel not yet done; True when the handoff is fully delivered."""
    org = directory.get(item.org_id)
    errors: List[str] = []
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
        log.warning("handoff %s to %s failed (%s), attempt %d, retry in %.0fs",
                    item.id, item.org_id, ",".join(errors), item.attempts, wait)
    return False


def run_once(outbox: Optional[Outbox] = None, directory: Optional[Directory] = None,
             now: Optional[float] = None, worker_id: Optional[str] = None) -> Dict[str, int]:
    outbox = outbox or Outbox.from_settings()
    directory = directory or get_directory()
    worker_id = worker_id or f"{socket.gethostname()}-{os.getpid()}"
    counts = {"claimed": 0, "delivered": 0, "failed": 0}
    for item in outbox.claim_due(now, worker_id=worker_id):
        counts["claimed"] += 1
        counts["delivered" if deliver_one(outbox, directory, item, now) else "failed"] += 1
    return counts


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot worker", description="Deliver the handoff outbox.")
    parser.add_argument("--once", action="store_true", help="deliver what is due, then exit")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls (default 2)")
    parser.add_argument("--worker-id", default=None)
    args = parser.parse_args(argv)
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
