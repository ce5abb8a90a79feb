"""The answer a message's own words chose in place of the out-of-scope answer: the feelings, health-care or
pregnancy answer (bot.nlu.feelings, entity ``feeling``), a definition (bot.nlu.definitions, entity ``term``) or the
answer to an everyday question (bot.nlu.everyday_questions, entity ``term`` too).
Every place that would say "I can't answer that" (the NLG, a form's question, a form answer with no form asking,
an unsure guess) gives that answer instead, and its follow-ups ("why?") are about it."""

from __future__ import annotations

from bot.nlu.definitions import definition_answer, definition_answers
from bot.nlu.everyday_questions import everyday_answers
from bot.nlu.feelings import WELLBEING, wellbeing_answer

PLACED_ANSWERS = WELLBEING | definition_answers() | everyday_answers()


def placed_answer(parse: dict) -> str | None:
    """The answer a parsed message's ``term`` or ``feeling`` entity names, or None. The ``term`` first: "je veux
    rentrer chez moi" says a feeling too, but asks whether the child can go back (session 45)."""
    return definition_answer(parse) or wellbeing_answer(parse)
