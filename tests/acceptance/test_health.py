"""A child who only says they are sick or that something hurts gets the health-care answer (tell staff, a nurse,
doctor or dentist; 911 when it is bad), not the crisis answer (QA session 30, row 2: "my tooth hurts" and "me
duele la cabeza" got the suicide and trafficking lines). Danger told beside the pain still gets the crisis answer."""

from __future__ import annotations

import pytest

from tests.acceptance.journey import CRISIS, REST, SMS, SOCKETIO, answer

COMPLAINTS = [
    (SMS, "en", "my tooth hurts"),
    (REST, "en", "my stomach hurts"),
    (SMS, "es", "me duele la cabeza"),
    (SOCKETIO, "es", "hola, me duele mucho la muela"),
    (REST, "pt", "to com dor de dente"),
    (SOCKETIO, "fr", "j'ai mal au ventre"),
    (SMS, "ht", "tèt mwen fè m mal"),
]


@pytest.mark.parametrize("channel,lang,message", COMPLAINTS, ids=[f"{c}-{lang}-{m}" for c, lang, m in COMPLAINTS])
def test_a_child_who_is_sick_or_hurts_gets_the_health_answer(talk, channel, lang, message):
    user = talk(channel, lang)
    user.say(message, answer("health_care", first=True))


def test_pain_told_with_danger_still_gets_the_crisis_answer(talk):
    user = talk(REST, "en")
    user.say("my stomach hurts because he kicked me", CRISIS)


def test_after_an_answer_a_headache_gets_the_health_answer(talk):
    user = talk(REST, "es")
    user.say("mi terapia es privada?", answer("therapy_privacy", first=True))
    user.say("me duele la cabeza", answer("health_care"))
