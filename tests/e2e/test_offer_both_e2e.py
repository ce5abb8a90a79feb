"""Issue #10 item 4: where two answers could both be wanted, the bot offers both instead of guessing."""

from __future__ import annotations

import pytest

# (message, language, the pair offered); the pairs are data/ambiguous_pairs.yml. "i need a lawyer"
# and "necesito un abogado" were the first choice, but the model picks right_to_lawyer for them
# confidently (0.77-0.98), so two other messages that honestly fit a pair are used. Which messages
# the model is unsure about moves with the training data: when one stops being offered both, pick
# another that fits both answers as honestly (never one from a held-out set).
AMBIGUOUS = [
    ("my son is in a shelter, what are his rights", "en", {"/rights_in_custody", "/caregiver_help"}),
    ("busco abogado", "es", {"/right_to_lawyer", "/find_legal_aid"}),
]
LEAD_IN = {"en": "I can help with both:", "es": "Puedo ayudarte con las dos cosas:"}


@pytest.mark.parametrize("message,lang,payloads", AMBIGUOUS)
def test_ambiguous_request_gets_both_answers_as_buttons(stack, message, lang, payloads):
    sender = stack.new_sender()
    replies = stack.rest(sender, message)
    assert {b["payload"] for r in replies for b in r.get("buttons", [])} == payloads, replies
    assert replies[-1]["text"].endswith(LEAD_IN[lang])
    last = stack.bot_events(sender)[-1]["metadata"]
    assert (last["topic"], last["lang"]) == ("clarify", lang)
    # Either button leads to its answer, in the same language.
    stack.rest(sender, sorted(payloads)[1])
    assert stack.bot_events(sender)[-1]["metadata"]["topic"] == sorted(payloads)[1][1:]


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
