"""The start-up self-check, and the root cause it guards: Rasa's custom NLG gets no domain."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot import content, form_answers
from bot.server.nlg import I18nNLG
from bot.server.nlg_check import problems, response_names
from tests.e2e.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture()
def real_content():
    content.load(content.LOCALES_DIR, force=True)
    yield
    content.load(content.LOCALES_DIR, force=True)


def spanish_tracker() -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "s",
        [SessionStarted(), ActionExecuted("action_listen"), BotUttered("", metadata={"topic": "menu", "lang": "es"})],
        slots=DOMAIN.slots,
    )


def test_every_response_of_the_domain_renders_in_every_language(real_content):
    assert problems(DOMAIN) == []


def test_form_questions_are_checked_even_when_only_the_form_names_them():
    names = response_names(DOMAIN)
    assert "utter_ask_custody_status" in names and "utter_ask_handoff_role" in names
    assert "utter_ask_handoff_confirm" not in names  # asked by action_ask_handoff_confirm


@pytest.mark.asyncio
async def test_nlg_built_as_rasa_run_builds_it_renders_form_questions(real_content):
    """`rasa run` creates the NLG before loading the model, with no domain, and never updates it;
    the domain's responses reach it with every render (``domain_responses``)."""
    nlg = I18nNLG(domain=None)
    message = await nlg.generate("utter_ask_us_state", spanish_tracker(), "rest", domain_responses=DOMAIN.responses)
    assert message["text"] == content.t("legal_aid.ask_state", "es")
    assert message["lang"] == "es" and message["topic"] == "find_legal_aid"
    assert [b["payload"] for b in message["buttons"]] == [form_answers.payload("skip")]


def test_a_missing_translation_is_named_with_response_language_and_channel(tmp_path, real_content):
    locales = tmp_path / "locales"
    shutil.copytree(content.LOCALES_DIR, locales)
    data = yaml.safe_load((locales / "legal_aid.es.yml").read_text(encoding="utf-8"))
    del data["es"]["ask_state"]
    (locales / "legal_aid.es.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    content.load(locales, force=True)
    found = problems(DOMAIN)
    assert any(line.startswith("utter_ask_us_state in 'es' on rest") for line in found), found
    assert not any("'en'" in line for line in found)


def test_a_response_with_no_content_anywhere_is_reported(real_content):
    domain = Domain.from_dict({**DOMAIN.as_dict(), "actions": [*DOMAIN.user_actions, "utter_nowhere"]})
    assert any(line.startswith("utter_nowhere in 'en' on rest: no content") for line in problems(domain))


@pytest.mark.e2e
def test_the_launched_server_refuses_to_start_and_names_the_missing_response(tmp_path):
    """The real launcher (as `make run` starts it) on the real model, with one Spanish question removed."""
    from scripts import train_if_needed

    locales = tmp_path / "locales"
    shutil.copytree(content.LOCALES_DIR, locales)
    data = yaml.safe_load((locales / "handoff.es.yml").read_text(encoding="utf-8"))
    del data["es"]["ask_role"]
    (locales / "handoff.es.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    env = {
        **__import__("os").environ,
        "KYR_LOCALES_DIR": str(locales),
        "KYR_DATA_DIR": str(tmp_path / "data"),
        "KYR_SECRETS_DIR": str(tmp_path / "secrets"),
        "RASA_TELEMETRY_ENABLED": "false",
    }
    result = subprocess.run(
        [
            str(ROOT / ".venv/bin/python"),
            "-m",
            "bot.server.rasa_server",
            "run",
            "--model",
            str(train_if_needed.model_path()),
            "--port",
            "1",
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Refusing to start" in result.stderr
    assert "utter_ask_handoff_role in 'es' on rest" in result.stderr
