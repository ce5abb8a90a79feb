"""A language this chat does not speak ("je parle pulaar", "i speak wolof") gets the interpreter answer."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import content
from bot.legal_aid.phrases import says_speaks_unspoken, unspoken_language_named
from bot.nlu.components.other_languages import OtherLanguages
from bot.nlu.languages import SUPPORTED

pytestmark = pytest.mark.unit


def said(text: str, intent: str, confidence: float = 0.45) -> Message:
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence}})


@pytest.mark.parametrize(
    "text, intent, confidence",
    [
        ("je parle pular et francais", "crisis", 0.65),  # session 40's blind test: the crisis answer
        ("je parle peul", "goodbye", 0.5),  # the goodbye
        ("i speak pular", "nlu_fallback", 0.45),
        ("ma langue cest le malinke, ya des interpretes?", "choose_language", 0.9),
        ("mi idioma es el wolof", "rights_in_custody", 0.6),
        ("mwen pale lingala", "out_of_scope", 0.9),
        # Session 43's blind test: an interpreter asked for, no language named ("I can't answer", the greeting).
        ("ayuda interprete", "nlu_fallback", 0.45),
        ("necesito un intérprete", "menu", 0.56),
        ("I need an interpreter please", "nlu_fallback", 0.45),
        ("m bezwen yon entèprèt", "right_to_lawyer", 0.85),
        # Session 45's blind test: Arabic and Pashto got the French greeting (detected as French).
        ("اريد محامي مجاني", "affirm", 0.51),
        ("زه وکیل غواړم", "greet", 0.6),
        ("Мне нужен адвокат", "right_to_lawyer", 0.9),
    ],
)
def test_saying_one_speaks_a_language_the_chat_does_not_gets_the_interpreter_answer(text, intent, confidence) -> None:
    message = said(text, intent, confidence)
    OtherLanguages().process([message])
    assert message.get(INTENT)["name"] == "out_of_scope"
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("follow_up", "other_language")]


@pytest.mark.parametrize(
    "text, intent, confidence",
    [
        ("quero pular essa pergunta", "inform", 0.5),  # "pular" is Portuguese for skip
        ("pular", "inform", 0.9),
        ("wolof", "nlu_fallback", 0.3),  # a language named without speaking: the form's answer, or nothing
        ("je parle francais", "choose_language", 0.9),  # the chat's own language: the language menu
        ("hablo kiche", "nlu_fallback", 0.4),  # a Mayan language: the MayanLanguages component's
        ("can my aunt who speaks wolof be my sponsor?", "sponsor_vetting", 0.95),  # a sure question stands
        # A longer message may tell of danger: the crisis guess stands (and the safety patterns run after).
        ("je parle pular et le monsieur de la maison me frappe tous les soirs", "crisis", 0.9),
        ("/out_of_scope", "out_of_scope", 1.0),
        # An interpreter asked for with more in the message, or over a crisis guess: the guess stands.
        ("necesito un interprete porque el staff me pega", "crisis", 0.9),
        ("necesito un interprete", "crisis", 0.6),
        ("can my interpreter see my file?", "case_file_access", 0.9),
        ("اريد محامي", "crisis", 0.7),  # a crisis guess stands in any script
        ("my name in arabic is محمد", "greet", 0.5),  # mostly Latin letters: the chat's languages
    ],
)
def test_anything_else_keeps_its_guess(text, intent, confidence) -> None:
    message = said(text, intent, confidence)
    OtherLanguages().process([message])
    assert message.get(INTENT)["name"] == intent and not message.get(ENTITIES)


def test_no_language_of_the_list_is_one_the_chat_speaks_and_the_answer_exists_everywhere() -> None:
    assert unspoken_language_named("je parle francais") is None
    assert unspoken_language_named("i speak pulaar") == "ff" and says_speaks_unspoken("i speak pulaar")
    # Session 40's list: spellings the blind testers used that were not known.
    assert [unspoken_language_named(t) for t in ("i speak arab", "je parle soso", "i speak mandingo")] == [
        "ar",
        "sus",
        "mnk",
    ]
    for lang in SUPPORTED:
        assert content.answer("other_language", lang).sources


def test_every_language_a_user_can_name_has_a_label_for_the_interpreter_note() -> None:
    """ "Você disse que fala ff" would have named Pulaar by its code."""
    from bot.legal_aid.phrases import MAYAN_LANGUAGES, OTHER_LANGUAGES
    from bot.legal_aid.presentation import language_label

    for code in [*OTHER_LANGUAGES, *(c for c in MAYAN_LANGUAGES if c != "mayan")]:
        for lang in SUPPORTED:
            assert language_label(code, lang) != code, (code, lang)
