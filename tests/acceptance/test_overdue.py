"""An undelivered legal-aid request is mentioned on the user's next message, once, with the
organization's direct contact (bot/channels/turn.py), on the stack as `make run` starts it.

This module starts its own bot whose handoff worker cannot deliver (the organization's secret
differs from the receiver's, so every delivery is refused) and whose overdue delay is a quarter of a
minute (the quiet time between checks follows it): the test waits that once for two users.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator

import pytest

from bot import content
from bot.channels.sms import plain_letters, to_gsm_friendly
from bot.handoff import QUIET_SECONDS
from scripts.launcher import Launched, launch
from tests.acceptance.flows import ORG, drive_handoff_to, sent
from tests.acceptance.journey import REST, SMS, Conversation

OVERDUE_MINUTES = 0.25


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, receiver) -> Iterator[Launched]:  # overrides the package's
    wrong_secret = secrets.token_urlsafe(24)  # the receiver refuses every signed delivery
    env = {"KYR_HANDOFF_OVERDUE_MINUTES": str(OVERDUE_MINUTES)}
    launched = launch(tmp_path_factory.mktemp("overdue"), receiver.port, wrong_secret, extra_env=env)
    try:
        yield launched
    finally:
        launched.stop()


USERS = [
    (REST, "en", "i want a lawyer to call me back", "yes", "thanks"),
    (SMS, "es", "quiero que un abogado me llame", "si", "gracias"),
]


def test_the_next_message_after_an_undelivered_request_tells_the_user_once(live: Launched) -> None:
    started = time.time()
    users = []
    try:
        for channel, lang, start, yes, later in USERS:
            user = Conversation(live, channel, lang)
            users.append(user)
            drive_handoff_to(user, "confirm", start)
            reference = re.search(r"KYR-[0-9A-Z]{5}", user.say(yes, sent("sms")).text)
            assert reference, "no reference shown"
            quiet = user.client.send(later)  # not overdue yet: nothing said
            assert reference.group(0) not in quiet.text
        # Overdue after OVERDUE_MINUTES; a conversation found with nothing overdue is not asked again
        # for min(QUIET_SECONDS, the overdue delay) (bot.handoff): wait for both, once.
        quiet_until = time.time() + min(QUIET_SECONDS, OVERDUE_MINUTES * 60) + 1
        time.sleep(max(0.0, max(started + OVERDUE_MINUTES * 60 + 2, quiet_until) - time.time()))
        for user, (channel, lang, _, _, later) in zip(users, USERS):
            head = content.t("handoff.overdue_with_contact", lang, reference="REF", org=ORG, contacts="")
            head = head.split("REF")[0]  # "About your request "
            head = plain_letters(to_gsm_friendly(head)) if channel == SMS else head
            first = user.client.send(later)
            assert first.text.startswith(head + "KYR-"), f"[{channel}/{lang}] no overdue notice: {first.text[:200]!r}"
            assert ORG in first.text.split("\n\n")[0]
            again = user.client.send(later)
            assert "KYR-" not in again.text, f"[{channel}/{lang}] the notice was repeated"
    finally:
        for user in users:
            user.close()
