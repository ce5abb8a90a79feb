"""The answer a message's own words chose in place of the out-of-scope answer: the feelings, health-care or
pregnancy answer (bot.nlu.feelings, entity ``feeling``) or a definition (bot.nlu.definitions, entity ``term``).
Every place that would say "I can't answer that" (the NLG, a form's question, a form answer with no form asking,
an unsure guess) gives that answer instead, and its follow-ups ("why?") are about it."""

from __future__ import annotations

from bot.nlu.definitions import definition_answer, definition_answers
from bot.nlu.feelings import WELLBEING, wellbeing_answer

PLACED_ANSWERS = WELLBEING | definition_answers()


def placed_answer(parse: dict) -> str | None:
    """The answer a parsed message's ``feeling`` or ``term`` entity names, or None."""
    return wellbeing_answer(parse) or definition_answer(parse)
