"""Issue #10 item 4: where two answers could both be wanted, the bot offers both instead of guessing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.replies import offered_answers
from bot.nlu.ambiguity import offered_pair
from scripts.launcher import launch
from tests.e2e.conftest import LaunchedStack

# Messages that honestly fit two answers of a pair in data/ambiguous_pairs.yml. Whether the model
# is unsure enough about a given one moves with every training (TensorFlow on several threads is not
# bit-reproducible), so with the real pairs file the test checks the rule on each: offered exactly
# when the stored ranking says so. Never take these from a held-out set.
CANDIDATES = [
    ("my son is in a shelter, what are his rights", "en"),
    ("i am the parent, what rights does my daughter have in custody", "en"),
    ("where do i find a lawyer or do i get one free", "en"),
    ("what is in my file and can i get a copy", "en"),
    ("is therapy private, what should i tell", "en"),
    ("What does ORR check before someone can be a sponsor?", "en"),
    ("busco abogado", "es"),
    ("quiero un abogado", "es"),  # out of scope until the right_to_lawyer / human_handoff pair (2026-12-05)
    ("i want a lawyer", "en"),
    ("soy la mamá, qué derechos tiene mi hija en el albergue", "es"),
    ("qué hay en mi expediente y cómo pido una copia", "es"),
]
LEAD_IN = {"en": "I can help with both:", "es": "Puedo ayudarte con las dos cosas:"}
# The whole path (NLU step, rule, action, buttons, either answer) on a server whose pairs file offers
# any two of the lawyer intents at any ratio (KYR_AMBIGUOUS_PAIRS), so it hangs on no confidence.
LAWYER_INTENTS = ("right_to_lawyer", "find_legal_aid", "human_handoff", "lawyer_privacy")
LAWYER_PAIRS = [[a, b] for i, a in enumerate(LAWYER_INTENTS) for b in LAWYER_INTENTS[i + 1 :]]


def _last_parse(stack, sender: str) -> dict:
    return [e for e in stack.tracker(sender)["events"] if e.get("event") == "user"][-1]["parse_data"]


def _assert_offer(stack, sender: str, replies: list, pair: tuple[str, str], lang: str) -> None:
    # The pair's two answers, then what data/ambiguous_pairs.yml's also_offer adds (the lawyer finder).
    pairs_file = stack.env.get("KYR_AMBIGUOUS_PAIRS")
    expected = offered_answers(pair, Path(pairs_file) if pairs_file else None)
    assert [b["payload"] for r in replies for b in r.get("buttons", [])] == [f"/{i}" for i in expected], replies
    assert replies[-1]["text"].endswith(LEAD_IN[lang])
    last = stack.bot_events(sender)[-1]["metadata"]
    assert (last["topic"], last["lang"]) == ("clarify", lang)
    # Either button leads to its answer, in the same language.
    stack.rest(sender, f"/{pair[1]}")
    answered = stack.bot_events(sender)[-1]["metadata"]
    assert (answered["topic"], answered["lang"]) == (pair[1], lang)


@pytest.fixture(scope="module")
def any_ratio_stack(tmp_path_factory):
    base = tmp_path_factory.mktemp("offer_stack")
    pairs = base / "pairs.yml"
    pairs.write_text(yaml.safe_dump({"min_ratio": 0.0, "pairs": LAWYER_PAIRS}))
    launched = launch(base, extra_env={"KYR_AMBIGUOUS_PAIRS": str(pairs)})
    try:
        yield LaunchedStack(launched)
    finally:
        launched.stop()


@pytest.mark.parametrize("message,lang", [("i need a lawyer", "en"), ("necesito un abogado", "es")])
def test_a_lawyer_request_gets_both_answers_as_buttons(any_ratio_stack, message, lang):
    sender = any_ratio_stack.new_sender()
    replies = any_ratio_stack.rest(sender, message)
    pair = offered_pair(_last_parse(any_ratio_stack, sender), Path(any_ratio_stack.env["KYR_AMBIGUOUS_PAIRS"]))
    assert pair is not None, "the model's top two intents are no longer a lawyer pair: pick another message"
    _assert_offer(any_ratio_stack, sender, replies, pair, lang)


def test_with_the_real_pairs_an_offer_follows_the_rule(stack):
    for message, lang in CANDIDATES:
        sender = stack.new_sender()
        replies = stack.rest(sender, message)
        pair = offered_pair(_last_parse(stack, sender))
        if pair is None:
            assert stack.bot_events(sender)[-1]["metadata"]["topic"] != "clarify", message
        else:
            _assert_offer(stack, sender, replies, pair, lang)


def test_a_clear_request_is_answered_directly(stack):
    sender = stack.new_sender()
    stack.rest(sender, "do I have the right to a free lawyer in immigration court?")
    assert stack.bot_events(sender)[-1]["metadata"]["topic"] == "right_to_lawyer"


@pytest.mark.parametrize("message", ["i need a lawyer", "necesito un abogado"])
def test_a_confident_pick_of_the_lawyer_pair_still_offers_the_other_as_a_button(stack, message):
    sender = stack.new_sender()
    replies = stack.rest(sender, message)
    assert stack.bot_events(sender)[-1]["metadata"]["topic"] in ("right_to_lawyer", "clarify")
    assert "/find_legal_aid" in {b["payload"] for r in replies for b in r.get("buttons", [])}
