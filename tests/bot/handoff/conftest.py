"""Fixtures: an isolated outbox, keys, a fake directory (example.org / loopback) and a receiver."""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from bot.handoff import payload
from bot.handoff.outbox import Outbox
from bot.handoff.receiver import Receiver

PARTNER_SECRET = "test-partner-secret-not-real"
FAKE_PHONE = "+15555550123"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KYR_SECRETS_DIR", str(tmp_path / "secrets"))
    monkeypatch.setenv("KYR_HANDOFF_KEY", Fernet.generate_key().decode())
    monkeypatch.setenv("KYR_SENDER_HASH_KEY", "test-sender-hash-key")
    monkeypatch.setenv("KYR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{tmp_path / 'handoffs.db'}")
    monkeypatch.setenv("KYR_TEST_PARTNER_SECRET", PARTNER_SECRET)
    monkeypatch.setenv("KYR_HANDOFF_RETRY_BASE_SECONDS", "1")
    monkeypatch.delenv("KYR_SMTP_HOST", raising=False)
    return tmp_path


def write_directory(path: Path, webhook_url: str, email: bool = False) -> Path:
    email_line = "      email: intake@example.org\n" if email else ""
    path.write_text(f"""
version: 1
entries:
  - id: fake_legal_aid
    name: Fake Legal Aid for Kids
    kind: legal_services
    serves: [youth_in_custody, released_youth, caregivers]
    where: [TX, AZ]
    languages: [es, en, mayan]
    interpreters: true
    contacts:
      - {{type: phone, value: "1-555-555-0199"}}
      - {{type: website, value: "https://legal-aid.example.org"}}
      - {{type: phone, value: "1-555-555-0100", show_to_users: false}}
    handoff:
      webhook: {{url: "{webhook_url}", secret_env: KYR_TEST_PARTNER_SECRET}}
{email_line}      respond_within_hours: 48
    source: "test fixture"
    last_verified: 2026-01-01
  - id: fake_national_helpline
    name: Fake National Helpline
    kind: helpline
    serves: [released_youth, caregivers]
    where: national
    contacts:
      - {{type: phone, value: "1-555-555-0142"}}
    source: "test fixture"
    last_verified: 2026-01-01
""")
    return path


@pytest.fixture
def partner_secret() -> str:
    return PARTNER_SECRET


@pytest.fixture
def receiver() -> Receiver:
    r = Receiver(PARTNER_SECRET).start()
    yield r
    r.stop()


@pytest.fixture
def directory_path(env: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write_directory(env / "directory.yml", receiver.url)
    monkeypatch.setenv("KYR_DIRECTORY_PATH", str(path))
    return path


@pytest.fixture
def outbox(env: Path) -> Outbox:
    return Outbox(f"sqlite:///{env / 'handoffs.db'}", lease_seconds=60)


@pytest.fixture
def make_doc() -> Callable[..., dict[str, Any]]:
    def _make(**overrides: Any) -> dict[str, Any]:
        args: dict[str, Any] = dict(
            org_id="fake_legal_aid",
            language="es",
            topics=["right_to_lawyer"],
            role="youth",
            in_custody=True,
            state="TX",
            age_group="under_18",
            contact_method="sms",
            contact_value=FAKE_PHONE,
            consent_given_at=payload.rfc3339(dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.timezone.utc)),
            consent_text_id="handoff.consent_summary",
            consent_text_version="1",
        )
        args.update(overrides)
        consent = payload.Consent(
            args.pop("consent_given_at"), args.pop("consent_text_id"), args.pop("consent_text_version")
        )
        ids = {k: args.pop(k) for k in ("handoff_id", "reference", "created_at") if k in args}
        return payload.build(payload.Request(**args), consent, **ids)

    return _make


class SmtpSink:
    """A minimal SMTP server on loopback that keeps every message it receives (tests only)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        import socket
        import threading

        self.tls = tls  # offers STARTTLS with this server context when given
        self.messages: list = []
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(5)
        self.port = self._sock.getsockname()[1]
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            try:
                self._session(conn)
            except (OSError, ValueError):  # e.g. the client refused our certificate
                pass
            finally:
                conn.close()

    def _session(self, conn) -> None:
        f = conn.makefile("rwb")

        def say(line: str) -> None:
            f.write(line.encode() + b"\r\n")
            f.flush()

        say("220 sink ESMTP")
        while True:
            line = f.readline()
            if not line:
                break
            cmd = line.decode().strip().upper()
            if cmd.startswith(("EHLO", "HELO")):
                if self.tls is not None and not hasattr(conn, "cipher"):
                    say("250-sink")
                    say("250 STARTTLS")
                else:
                    say("250 sink")
            elif cmd == "STARTTLS" and self.tls is not None:
                say("220 ready")
                conn = self.tls.wrap_socket(conn, server_side=True)
                f = conn.makefile("rwb")
            elif cmd.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                say("250 OK")
            elif cmd == "DATA":
                say("354 go ahead")
                data = b""
                while not data.endswith(b"\r\n.\r\n"):
                    chunk = f.readline()
                    if not chunk:
                        break
                    data += chunk
                self.messages.append(data[:-5].decode())
                say("250 queued")
            elif cmd == "QUIT":
                say("221 bye")
                break
            else:
                say("502 not implemented")

    def close(self) -> None:
        self._stop = True
        self._sock.close()


@pytest.fixture
def smtp_sink(monkeypatch: pytest.MonkeyPatch) -> SmtpSink:
    """A plain-text sink on loopback (the only place plain SMTP is allowed: KYR_SMTP_TLS=none)."""
    sink = SmtpSink()
    monkeypatch.setenv("KYR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KYR_SMTP_PORT", str(sink.port))
    monkeypatch.setenv("KYR_SMTP_FROM", "bot@example.org")
    monkeypatch.setenv("KYR_SMTP_TLS", "none")
    yield sink
    sink.close()


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost / 127.0.0.1 (tests only) and its key, as PEM files."""
    import datetime as _dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@pytest.fixture
def tls_sink(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> SmtpSink:
    """A sink that offers STARTTLS with a self-signed certificate; KYR_SMTP_TLS left at its default."""
    import ssl

    cert, key = self_signed_cert(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sink = SmtpSink(tls=context)
    sink.cert_path = cert
    monkeypatch.setenv("KYR_SMTP_HOST", "localhost")
    monkeypatch.setenv("KYR_SMTP_PORT", str(sink.port))
    monkeypatch.setenv("KYR_SMTP_FROM", "bot@example.org")
    monkeypatch.delenv("KYR_SMTP_TLS", raising=False)
    monkeypatch.delenv("KYR_SMTP_CA_FILE", raising=False)
    yield sink
    sink.close()
