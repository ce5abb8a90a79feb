"""Every configurable value, read from the environment (see README "Configuration").

Defaults are the embedded, local ones: SQLite files under ``var/`` of the project,
no external service. Functions, not constants, so tests can change the environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _number(name: str, default: float, cast: type, kind: str) -> Any:
    """``cast`` of the environment variable ``name``, ``default`` when unset or empty."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return cast(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be {kind}, got {raw!r}") from exc


def _int(name: str, default: int) -> int:
    return int(_number(name, default, int, "a whole number"))


def _float(name: str, default: float) -> float:
    return float(_number(name, default, float, "a number"))


def data_dir() -> Path:
    """Where the bot writes its databases (created on demand)."""
    path = Path(os.environ.get("KYR_DATA_DIR") or PROJECT_ROOT / "var")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)  # owner-only when we create it
    return path


def tracker_db_url() -> str:
    return os.environ.get("KYR_TRACKER_DB_URL") or f"sqlite:///{data_dir() / 'conversations.db'}"


def handoff_db_url() -> str:
    return os.environ.get("KYR_HANDOFF_DB_URL") or f"sqlite:///{data_dir() / 'handoffs.db'}"


def redis_url() -> str | None:
    """Redis shared by several Rasa servers (lock store, SMS option memory, rate limits), e.g.
    redis://localhost:6379/0. Unset: one process keeps them in memory (`make run`)."""
    return os.environ.get("KYR_REDIS_URL") or None


def window_cache_size() -> int:
    """Conversations whose recent turns the Rasa server keeps in memory (redacted, as stored)."""
    return _int("KYR_WINDOW_CACHE_SIZE", 500)


def conversation_retention_hours() -> int:
    """Conversations are deleted after this many hours without a new message."""
    return _int("KYR_CONVERSATION_RETENTION_HOURS", 24)


def handoff_retention_days() -> int:
    """Delivered handoffs are purged this many days after delivery."""
    return _int("KYR_HANDOFF_RETENTION_DAYS", 7)


def handoff_overdue_minutes() -> float:
    """After this long undelivered, the user is told and given the direct contact (fractions allowed:
    the acceptance test of the notice waits a quarter of a minute, not a whole one)."""
    return _float("KYR_HANDOFF_OVERDUE_MINUTES", 60)


def handoff_lease_seconds() -> int:
    """How long a worker owns a handoff it is delivering; if it dies, another worker retries after this.
    Keep it well above one delivery (HTTP timeout 10 s per channel) or a slow delivery is sent twice
    (the receiver deduplicates on the handoff id, so that costs a request, never a second handoff)."""
    return _int("KYR_HANDOFF_LEASE_SECONDS", 120)


def handoff_retry_base_seconds() -> float:
    """First retry delay of a failed handoff delivery; doubles per attempt (with jitter)."""
    return _float("KYR_HANDOFF_RETRY_BASE_SECONDS", 10)


def handoff_retry_max_seconds() -> float:
    return _float("KYR_HANDOFF_RETRY_MAX_SECONDS", 3600)


def content_max_age_days() -> int:
    """Review limit: an answer's last_reviewed, a source's last_checked or a directory entry's
    last_verified older than this fails the content check."""
    return _int("KYR_CONTENT_MAX_AGE_DAYS", 180)


def rate_limit_messages() -> int:
    """Messages one conversation may send per ``rate_limit_window_seconds`` on REST and socket.io."""
    return _int("KYR_RATE_LIMIT_MESSAGES", 30)


def rate_limit_client_messages() -> int:
    """Messages (and new conversation ids) one client address may send per window. High: many
    children in one shelter may share one address."""
    return _int("KYR_RATE_LIMIT_CLIENT_MESSAGES", 600)


def rate_limit_window_seconds() -> int:
    return _int("KYR_RATE_LIMIT_WINDOW_SECONDS", 300)


def handoff_max_per_conversation() -> int:
    """Legal-aid requests one conversation may send in 24 hours."""
    return _int("KYR_HANDOFF_MAX_PER_CONVERSATION", 3)


def handoff_max_per_hour() -> int:
    """Legal-aid requests the whole service may send in one hour (a flood must not reach partners)."""
    return _int("KYR_HANDOFF_MAX_PER_HOUR", 60)


def ambiguous_pairs_file() -> Path:
    """The intent pairs offered together when the classifier is unsure between them, and the ratio."""
    return Path(os.environ.get("KYR_AMBIGUOUS_PAIRS") or PROJECT_ROOT / "data" / "ambiguous_pairs.yml")


def locales_dir() -> Path:
    """The content files the bot speaks from; another folder lets editors try a change first."""
    return Path(os.environ.get("KYR_LOCALES_DIR") or PROJECT_ROOT / "data" / "locales")


def max_message_chars() -> int:
    """Longest user message accepted on any channel; longer ones are cut with a notice."""
    return _int("KYR_MAX_MESSAGE_CHARS", 1000)


def public_base_url() -> str:
    """Base URL of the web chat, used in caseworker links."""
    return (os.environ.get("KYR_PUBLIC_URL") or "http://localhost:5005").rstrip("/")


def sms_number() -> str:
    """The bot's SMS number, used in sms: links (fake 555 number by default)."""
    return os.environ.get("KYR_SMS_NUMBER") or "+15555550100"
