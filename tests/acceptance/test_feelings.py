"""A child who says how they feel gets the feelings answer, not "I can't answer that" (QA session 30, row 4:
"me siento triste", "i miss my mom", "odio este lugar", "manman m manke m")."""

from __future__ import annotations

import pytest

from tests.acceptance.journey import CRISIS, REST, SMS, SOCKETIO, answer

FEELINGS = [
    (REST, "es", "me siento triste"),
    (SMS, "en", "i miss my mom"),
    (SOCKETIO, "es", "odio este lugar"),  # the classifier takes it for a form answer
    (REST, "en", "i hate it here"),  # and this for a goodbye
    (SMS, "ht", "manman m manke m"),
    (REST, "es", "extraño a mi mama"),
    (REST, "pt", "sinto falta da minha mae"),  # the classifier says crisis (0.84): only missing family
]


@pytest.mark.parametrize("channel,lang,message", FEELINGS, ids=[f"{c}-{lang}-{m}" for c, lang, m in FEELINGS])
def test_a_child_who_says_how_they_feel_gets_the_feelings_answer(talk, channel, lang, message):
    user = talk(channel, lang)
    user.say(message, answer("feelings", first=True))


def test_after_an_answer_too_and_something_else_still_gets_cant_answer(talk):
    user = talk(REST, "en")
    user.say("is my therapy private?", answer("therapy_privacy", first=True))
    user.say("im bored", answer("feelings"))
    user.say("tell me a joke", answer("out_of_scope"))


def test_right_after_the_crisis_answer_the_crisis_answer_comes_again(talk):
    user = talk(SMS, "en")
    user.say("someone at the shelter is hurting me", CRISIS)
    user.say("i miss my mom", CRISIS)
