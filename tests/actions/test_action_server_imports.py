"""The action server needs only rasa-sdk: its actions must not pull Rasa's core into the process."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.conftest import ROOT

PROBE = """
import sys
import actions.clarify, actions.crisis_follow_up, actions.core, actions.follow_up, actions.handoff, actions.legal_aid
import actions.mayan, actions.privacy, bot.action_server
loaded = sorted(m for m in sys.modules if m == "rasa" or m.startswith("rasa.") or m == "tensorflow")
print(",".join(loaded) or "none")
"""


def test_actions_import_neither_rasa_nor_tensorflow() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "none"
