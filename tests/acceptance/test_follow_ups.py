"""Follow-ups about the previous answer: "I don't understand" and "why? / who told you that?" (QA session 30:
0 of 34 got a useful reply), outside and inside the legal-aid questions and right after the crisis answer."""

from __future__ import annotations

import pytest

from tests.acceptance.journey import (
    ASK_CUSTODY,
    ASK_LANGUAGE,
    ASK_STATE,
    CRISIS,
    REST,
    SMS,
    SOCKETIO,
    answer,
    say,
    simpler,
    sources,
)

# (channel, language, question, its topic, "I don't understand", "who told you that?")
FOLLOW_UPS = [
    (REST, "en", "is what i tell my counselor private?", "therapy_privacy", "i dont understand", "who told you that"),
    (SMS, "es", "mi terapia es privada?", "therapy_privacy", "no entiendo", "por que?"),
    (SOCKETIO, "en", "can ice get my therapy notes?", "therapy_notes_ice", "what does that mean", "is that true"),
    (REST, "es", "quien puede ver mi expediente?", "case_file_access", "dilo mas simple", "quien te dijo eso"),
    (REST, "pt", "o que eu falo pra minha terapeuta é segredo?", "therapy_privacy", "nao entendi", "por que?"),
    (
        SOCKETIO,
        "fr",
        "est-ce que ce que je dis à ma psy est secret?",
        "therapy_privacy",
        "je comprends pas",
        "pourquoi",
    ),
    (REST, "ht", "sa m di terapis la, se sekrè?", "therapy_privacy", "m pa konprann", "poukisa"),
    # Session 36: training examples the classifier of session 35 answered "I can't answer" ("que quiere decir
    # eso", "de donde sacaste eso", "ça veut dire quoi"); bot.nlu.components.known_examples answers a whole
    # training example as labelled, whatever a training makes of it.
    (SMS, "es", "quien puede ver mi expediente?", "case_file_access", "que quiere decir eso", "de donde sacaste eso"),
    (REST, "fr", "qui peut voir mon dossier?", "case_file_access", "ça veut dire quoi", "tu tiens ça d'où"),
]


@pytest.mark.parametrize(
    "channel,lang,question,topic,unclear,why", FOLLOW_UPS, ids=[f"{c}-{lang}-{t}" for c, lang, _, t, _, _ in FOLLOW_UPS]
)
def test_after_an_answer_simpler_then_its_sources(talk, channel, lang, question, topic, unclear, why):
    user = talk(channel, lang)
    user.say(question, answer(topic, first=True))
    user.say(unclear, simpler(topic))
    user.say(why, sources(topic))


def test_at_a_legal_aid_question_why_is_explained_once_and_the_question_asked_again(talk):
    user = talk(REST, "es")
    user.say("necesito encontrar ayuda legal gratis", ASK_CUSTODY)
    user.say("estoy en un albergue", ASK_STATE)
    user.say("por que?", say("find_legal_aid", "legal_aid.why_asked"), ASK_STATE)
    user.say("Texas", ASK_LANGUAGE)


def test_right_after_the_crisis_answer_i_dont_understand_gets_it_again(talk):
    user = talk(SMS, "en")
    user.say("someone at the shelter is hurting me", CRISIS)
    user.say("i dont understand", CRISIS)


# Stop 47's blind tests: "e quem mais pode ler?" got "what else do you want to know?", "qui peut le lire ?" the
# sources, "who can read it?" the answer about this chat.
@pytest.mark.parametrize(
    ("channel", "lang", "question", "topic", "who_else", "expected"),
    [
        (
            REST,
            "pt",
            "o que eu falo pra minha terapeuta é segredo?",
            "therapy_privacy",
            "e quem mais pode ler?",
            "case_file_access",
        ),
        (
            SOCKETIO,
            "fr",
            "est-ce que ma thérapie est privée ?",
            "therapy_privacy",
            "qui peut le lire ?",
            "case_file_access",
        ),
        (SMS, "en", "what does this chat keep?", "bot_privacy", "and who else can see it?", "bot_privacy"),
        (REST, "es", "mi terapia es privada?", "therapy_privacy", "y quien mas lo puede leer", "case_file_access"),
        # session 42: "so can ice see it or not" got the Border Patrol answer, "e ICE?" "I can't answer"
        (SMS, "en", "is my therapy private?", "therapy_privacy", "so can ice see it or not", "case_file_access"),
        (SOCKETIO, "pt", "a minha terapia é privada?", "therapy_privacy", "e ICE?", "case_file_access"),
    ],
)
def test_who_else_can_read_it_after_an_answer(talk, channel, lang, question, topic, who_else, expected):
    user = talk(channel, lang)
    user.say(question, answer(topic, first=True))
    user.say(who_else, answer(expected))
