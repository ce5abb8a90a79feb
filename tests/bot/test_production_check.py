"""KYR_ENV=production refuses development keys and placeholders (issue #15, low: secrets fail open)."""

from __future__ import annotations

import subprocess
import sys

from cryptography.fernet import Fernet

from bot.production_check import problems
from tests.e2e.conftest import ROOT

GOOD = {
    "KYR_ENV": "production",
    "KYR_SENDER_HASH_KEY": "s" * 40,
    "KYR_ACTION_SECRET": "a" * 40,
    "KYR_CONVERSATION_ID_KEY": "c" * 40,
    "KYR_HANDOFF_KEY": f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}",
    "TWILIO_ACCOUNT_SID": "AC" + "1f" * 16,
    "TWILIO_AUTH_TOKEN": "t" * 32,
    "TWILIO_NUMBER": "+12025550987",
    "KYR_PUBLIC_URL": "https://chat.example.org",
    "KYR_TWILIO_WEBHOOK_URL": "https://chat.example.org/webhooks/twilio/webhook",
}


def test_development_needs_nothing():
    assert problems({}) == []


def test_a_complete_production_environment_passes():
    assert problems(GOOD) == []


def test_each_missing_or_placeholder_value_is_named():
    bad = {
        **GOOD,
        "KYR_HANDOFF_KEY": "not-a-key",
        "KYR_ACTION_SECRET": "",
        "KYR_CONVERSATION_ID_KEY": "short",
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_NUMBER": "+15555550100",
        "KYR_PUBLIC_URL": "http://x",
    }
    found = "\n".join(problems(bad))
    for name in (
        "KYR_HANDOFF_KEY",
        "KYR_ACTION_SECRET",
        "KYR_CONVERSATION_ID_KEY",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_NUMBER",
        "KYR_PUBLIC_URL",
    ):
        assert name in found
    assert "not-a-key" not in found  # values are never printed


def test_the_worker_refuses_to_start_in_an_unsafe_production_environment(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "KYR_ENV": "production", "KYR_SECRETS_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "worker", "--once"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Refusing to start the handoff worker" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no key was generated
