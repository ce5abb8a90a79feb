"""Issue #10 item 4: where two answers could both be wanted, the bot offers both instead of guessing."""

from __future__ import annotations

import pytest

from bot.nlu.ambiguity import offered_pair

# Messages that honestly fit two answers of a pair in data/ambiguous_pairs.yml. Whether the model
# is unsure enough about a given one moves with every training (TensorFlow on several threads is not
# bit-reproducible), so the test checks the rule on each (offered exactly when the stored ranking
# says so) and needs at least one offer among them. Never take these from a held-out set.
CANDIDATES = [
    ("my son is in a shelter, what are his rights", "en"),
    ("i am the parent, what rights does my daughter have in custody", "en"),
    ("i need a lawyer", "en"),
    ("where do i find a lawyer or do i get one free", "en"),
    ("what is in my file and can i get a copy", "en"),
    ("is therapy private, what should i tell", "en"),
    ("busco abogado", "es"),
    ("necesito un abogado", "es"),
    ("soy la mamá, qué derechos tiene mi hija en el albergue", "es"),
    ("qué hay en mi expediente y cómo pido una copia", "es"),
]
LEAD_IN = {"en": "I can help with both:", "es": "Puedo ayudarte con las dos cosas:"}


def _last_parse(stack, sender: str) -> dict:
    return [e for e in stack.tracker(sender)["events"] if e.get("event") == "user"][-1]["parse_data"]


def test_an_unsure_pair_gets_both_answers_as_buttons_and_a_sure_one_an_answer(stack):
    offers = 0
    for message, lang in CANDIDATES:
        sender = stack.new_sender()
        replies = stack.rest(sender, message)
        pair = offered_pair(_last_parse(stack, sender))
        last = stack.bot_events(sender)[-1]["metadata"]
        if pair is None:
            assert last["topic"] != "clarify", (message, last)
            continue
        offers += 1
        assert {b["payload"] for r in replies for b in r.get("buttons", [])} == {f"/{i}" for i in pair}, replies
        assert replies[-1]["text"].endswith(LEAD_IN[lang])
        assert (last["topic"], last["lang"]) == ("clarify", lang)
        # Either button leads to its answer, in the same language.
        stack.rest(sender, f"/{pair[1]}")
        assert stack.bot_events(sender)[-1]["metadata"]["topic"] == pair[1]
    assert offers >= 1, "no candidate was offered both answers: add messages that honestly fit a pair"


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
