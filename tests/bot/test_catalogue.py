"""The catalogue (bot/catalogue.py, read from data/topics.yml) agrees with domain.yml, the locale
files and the rules: a topic added in one place and forgotten in another fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import catalogue, content
from bot.nlu.definitions import definition_answers
from bot.nlu.everyday_questions import everyday_answers
from bot.nlu.languages import SUPPORTED

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
INTENTS = {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}
RESPONSES = set(DOMAIN["responses"])
ACTIONS = set(DOMAIN.get("actions") or [])
# Dialogue steps answered by a custom action rather than an intent of their own.
ACTION_STEPS = {"clarify": "action_offer_both", "personal_details": "action_form_answer_alone"}
# Dialogue steps the NLG gives in place of another response (bot.server.nlg): "me siento triste" is answered
# with `feelings` where the out-of-scope answer would be.
NLG_STEPS = {
    "feelings": "utter_out_of_scope",
    "health_care": "utter_out_of_scope",
    "pregnancy": "utter_out_of_scope",
    # soon after the crisis answer, in place of the crisis answer again or a telling topic (bot.conversation)
    "telling_after_danger": "utter_crisis",
    # soon after the crisis answer, in place of the greeting or "I can't answer that" (bot.conversation)
    "danger_check_in": "utter_menu",
    # soon after a crisis answer about photos, in place of the crisis answer again or any other (bot.conversation)
    "sextortion": "utter_crisis",
    # a language the chat does not speak (bot.nlu.components.other_languages), and the button of an answer that is no
    # intent: out_of_scope with the answer in the follow_up entity (bot.content.replies.button_payload)
    "other_language": "utter_out_of_scope",
    **{answer: "utter_out_of_scope" for answer in definition_answers()},
    **{answer: "utter_out_of_scope" for answer in everyday_answers()},
}


def _rule_pairs() -> set[tuple[str, str]]:
    """(intent, first action after it) for every step pair in data/stories/*.yml."""
    pairs = set()
    for path in sorted((ROOT / "data" / "stories").glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in (doc.get("rules") or []) + (doc.get("stories") or []):
            steps = block.get("steps") or []
            for step, following in zip(steps, steps[1:]):
                if "intent" in step and "action" in following:
                    pairs.add((step["intent"], following["action"]))
    return pairs


RULES = _rule_pairs()


@pytest.fixture(autouse=True)
def _real_content() -> None:
    content.load(force=True)


@pytest.mark.parametrize("topic", sorted(catalogue.topic_ids()))
def test_each_topic_is_an_intent_with_a_response_a_rule_and_an_answer_in_every_language(topic: str) -> None:
    assert topic in INTENTS, f"domain.yml intents lack {topic}"
    assert f"utter_{topic}" in RESPONSES, f"domain.yml responses lack utter_{topic}"
    assert (topic, f"utter_{topic}") in RULES, f"no rule answers {topic} with utter_{topic}"
    for lang in SUPPORTED:
        assert content.has(f"answers.{topic}.short", lang), f"answers.{lang}.yml lacks {topic}"


@pytest.mark.parametrize("step", sorted(catalogue.dialogue_ids()))
def test_each_dialogue_step_is_an_intent_or_an_action(step: str) -> None:
    if step in ACTION_STEPS:
        assert ACTION_STEPS[step] in ACTIONS
    elif step in NLG_STEPS:
        assert NLG_STEPS[step] in RESPONSES
    else:
        assert step in INTENTS, f"domain.yml intents lack {step}"


@pytest.mark.parametrize("step", catalogue.dialogue_answers())
def test_answered_dialogue_steps_have_a_response_and_an_answer_in_every_language(step: str) -> None:
    assert NLG_STEPS.get(step, f"utter_{step}") in RESPONSES
    for lang in SUPPORTED:
        assert content.has(f"answers.{step}.short", lang), f"answers.{lang}.yml lacks {step}"


def test_every_answer_in_the_locale_files_is_in_the_catalogue() -> None:
    known = catalogue.topic_ids() | catalogue.dialogue_ids()
    for lang in SUPPORTED:
        assert set(content.answer_ids(lang)) <= known, f"answers.{lang}.yml has ids topics.yml does not list"


def test_topics_and_dialogue_steps_do_not_overlap_and_links_never_delete_or_hand_off() -> None:
    assert not catalogue.topic_ids() & catalogue.dialogue_ids()
    assert not {"delete_my_data", "human_handoff", "menu"} & catalogue.linkable_ids()
    assert "find_legal_aid" in catalogue.linkable_ids()  # opens the legal-aid questions (session 40)
    assert "crisis" in catalogue.linkable_ids() and "therapy_privacy" in catalogue.linkable_ids()


def test_replies_built_from_user_input_are_not_kept_as_written() -> None:
    fixed = catalogue.fixed_text_ids()
    assert {"find_legal_aid", "human_handoff"}.isdisjoint(fixed)
    assert {"menu", "crisis", "delete_my_data", "therapy_privacy"} <= fixed


def test_generated_values_are_recognised_and_user_text_is_not() -> None:
    assert not catalogue.is_generated_value("sealed:abc")  # not a Fernet token: typed by a user
    assert catalogue.is_generated_value("KYR-7K2QX")
    assert catalogue.is_generated_value("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert not catalogue.is_generated_value("KYR-12345")  # 1 is not in the reference alphabet
    assert not catalogue.is_generated_value("555-0100")
    assert not catalogue.is_generated_value(None)


def test_a_dialogue_step_without_a_reply_kind_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "topics.yml"
    bad.write_text("topics: {}\ndialogue:\n  menu: just text\n", encoding="utf-8")
    monkeypatch.setattr(catalogue, "TOPICS_FILE", bad)
    catalogue._catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="menu"):
            catalogue.topic_ids()
    finally:
        catalogue._catalogue.cache_clear()
