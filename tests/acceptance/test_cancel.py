"""Cancel at each step of both forms: nothing is sent, and the conversation goes on normally."""

from __future__ import annotations

import pytest

from tests.acceptance.flows import drive_handoff_to
from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_LANGUAGE,
    ASK_STATE,
    HANDOFF_CANCELLED,
    LEGAL_AID_CANCELLED,
    REST,
    SMS,
    SOCKETIO,
    answer,
    label,
)
from tests.support import outbox

LEGAL_AID_STEPS = [  # (channel, language, start, answers before cancelling, how the user cancels)
    (REST, "en", "I need to find a free lawyer near me", [], "cancel"),
    (REST, "es", "necesito encontrar ayuda legal gratis", ["estoy en un albergue"], "cancelar"),
    (SMS, "es", "necesito encontrar ayuda legal gratis", ["estoy en un albergue", "Texas"], "cancelar"),
    # No cancel word: a sentence the classifier is sure means cancel, and that answers no question.
    (SOCKETIO, "en", "find a lawyer near me", [], "please stop asking me questions"),
    (
        SMS,
        "es",
        "necesito encontrar ayuda legal gratis",
        ["estoy en un albergue"],
        "cambie de opinion, ya no quiero seguir",
    ),
]
QUESTION = {
    "en": ("who can see my case file?", "case_file_access"),
    "es": ("¿quién puede ver mi expediente?", "case_file_access"),
}


@pytest.mark.parametrize(
    "channel,lang,start,answers,cancel",
    LEGAL_AID_STEPS,
    ids=[f"{c}-{lang}-step{len(a) + 1}" for c, lang, _, a, _ in LEGAL_AID_STEPS],
)
def test_cancel_legal_aid_questions(talk, channel, lang, start, answers, cancel):
    user = talk(channel, lang)
    user.say(start, ASK_CUSTODY)
    for typed, next_question in zip(answers, [ASK_STATE, ASK_LANGUAGE]):
        user.say(typed, next_question)
    user.say(cancel, LEGAL_AID_CANCELLED)
    question, topic = QUESTION[lang]
    user.say(question, answer(topic))  # not a form question, not the fallback


HANDOFF_STEPS = [  # (channel, language, step cancelled, by button or typed)
    (REST, "en", "role", "button"),
    (REST, "es", "in_custody", "typed"),
    (SOCKETIO, "en", "state", "button"),
    (REST, "es", "age", "button"),
    (SMS, "en", "contact", "button"),
    (SOCKETIO, "es", "phone", "typed"),
    (REST, "en", "confirm", "typed"),
    (SMS, "es", "confirm", "button"),
    (SMS, "es", "state", "sentence"),
    (REST, "en", "age", "sentence"),
]
START = {"en": "i want a lawyer to call me", "es": "quiero que un abogado me llame"}
TYPED_CANCEL = {"en": "cancel", "es": "cancelar"}
SAID_CANCEL = {"en": "i changed my mind, i don't want to continue", "es": "ya no quiero seguir con las preguntas"}


@pytest.mark.parametrize(
    "channel,lang,step,how", HANDOFF_STEPS, ids=[f"{c}-{lang}-{step}-{how}" for c, lang, step, how in HANDOFF_STEPS]
)
def test_cancel_handoff_questions(live, talk, receiver, channel, lang, step, how):
    before, queued_before = len(receiver.received), outbox.queued(live.data_dir)
    user = talk(channel, lang)
    drive_handoff_to(user, step, START[lang])
    if how == "button":
        user.press(label("handoff.cancel"), HANDOFF_CANCELLED)
    else:
        user.say((TYPED_CANCEL if how == "typed" else SAID_CANCEL)[lang], HANDOFF_CANCELLED)
    question, topic = QUESTION[lang]
    user.say(question, answer(topic))  # not a form question, not the fallback
    # Nothing queued (a consented handoff is queued before the reply), so nothing is ever sent.
    assert outbox.queued(live.data_dir) == queued_before
    assert receiver.received[before:] == []
