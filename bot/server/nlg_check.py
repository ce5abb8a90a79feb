"""Start-up self-check: every response the model's domain can utter renders in every language.

The Rasa server launcher (``bot.server.rasa_server``) runs it on the model it is about to serve and
refuses to start, naming the response, language and channel, when one has no content: a user
must never meet the out-of-scope answer (or a raw i18n key) where a form question belongs.
``python -m bot check-responses --model models/`` runs the same check alone.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.content import MissingContent
from bot.nlu.languages import SUPPORTED
from bot.server.nlg import SMS_CHANNEL, I18nNLG, NoContent

# Rendering differs between SMS (short forms, numbered options) and every other channel.
CHANNELS = ("rest", SMS_CHANNEL)
# A dotted content key left in a reply ("legal_aid.ask_state", "answers.menu") means a lookup fell through.
_RAW_KEY = re.compile(r"^(i18n:)?[a-z_]+(\.[a-z0-9_]+)+$")


def response_names(domain: Domain) -> list[str]:
    """Every ``utter_*`` the domain defines or names as an action, plus each form question."""
    names = set(domain.responses) | {a for a in domain.user_actions if a.startswith("utter_")}
    for form in domain.form_names:
        for slot in domain.required_slots_for_form(form):
            if f"action_ask_{slot}" not in domain.user_actions:
                names.add(f"utter_ask_{slot}")
    return sorted(names)


def _tracker_in(lang: str, domain: Domain) -> DialogueStateTracker:
    """A conversation whose language is ``lang`` (the bot's last reply was in it)."""
    return DialogueStateTracker.from_events(
        "self-check",
        [SessionStarted(), ActionExecuted("action_listen"), BotUttered("", metadata={"topic": "menu", "lang": lang})],
        slots=domain.slots,
    )


def problems(
    domain: Domain, languages: Sequence[str] = SUPPORTED, channels: Iterable[str] = CHANNELS, nlg: I18nNLG | None = None
) -> list[str]:
    """One line per response, language and channel that does not render a usable reply."""
    nlg = nlg or I18nNLG()
    found: list[str] = []
    for name in response_names(domain):
        for lang in languages:
            for channel in channels:
                where = f"{name} in '{lang}' on {channel}"
                try:
                    message = nlg.render(name, _tracker_in(lang, domain), channel, domain.responses)
                except NoContent:
                    found.append(f"{where}: no content (not an answer in data/locales, not a response in domain.yml)")
                    continue
                except MissingContent as exc:
                    found.append(f"{where}: missing text {exc}")
                    continue
                texts = [message.get("text") or ""] + [b.get("title") or "" for b in message.get("buttons") or []]
                if not texts[0].strip():
                    found.append(f"{where}: empty text")
                bad = [t for t in texts if "i18n:" in t or _RAW_KEY.match(t.strip())]
                if bad:
                    found.append(f"{where}: unresolved content key {bad[0]!r}")
                if message.get("lang") != lang:
                    found.append(f"{where}: rendered in '{message.get('lang')}'")
    return found


def domain_of_model(model: str) -> Domain:
    """The domain stored in a model archive (a directory means its newest model, as ``rasa run``)."""
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.model import get_local_model

    return LocalModelStorage.metadata_from_archive(Path(get_local_model(model))).domain


def check_model(model: str) -> list[str]:
    return problems(domain_of_model(model))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot check-responses", description=__doc__)
    parser.add_argument("--model", default="models", help="model archive, or a folder (its newest model)")
    args = parser.parse_args(argv)
    found = check_model(args.model)
    for line in found:
        print(f"missing: {line}")
    print(f"{len(found)} response problem(s)" if found else "every response renders in every language")
    return 1 if found else 0
