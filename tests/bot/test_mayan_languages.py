from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.legal_aid.phrases import mayan_language_named
from bot.nlu.components.mayan_languages import MayanLanguages

pytestmark = pytest.mark.unit


def said(text: str, intent: str, confidence: float = 0.45) -> Message:
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence}})


@pytest.mark.parametrize(
    "text, code",
    [
        ("yo no abla bien espanol yo abla kiche", "kiche"),  # QA session 30: the five-language menu
        ("hablo K'iche'", "kiche"),
        ("mi idioma es kanjobal", "qanjobal"),
        ("i speak Mam", "mam"),
        ("habla q'eqchi", "qeqchi"),
        ("hablo maya", None),  # no one language: the classifier's own mayan_language examples cover it
        ("en español por favor", None),
    ],
)
def test_which_mayan_language_a_message_names(text: str, code: str | None) -> None:
    assert mayan_language_named(text) == code


def test_only_a_language_request_naming_a_mayan_language_changes() -> None:
    messages = [
        said("yo no abla bien espanol yo abla kiche", "choose_language"),
        said("en español por favor", "choose_language"),
        said("i miss my mam", "out_of_scope"),  # elsewhere "mam" may be a mother
        said('/choose_language{"language":"es"}', "choose_language"),
        said("yo no abla bien espanol yo abla kiche", "rights_in_custody", 0.57),  # QA session 30, next model
        said("can my aunt who speaks mam be a sponsor", "sponsor_vetting", 0.93),  # a sure guess stands
        said("mi tia habla mam y le pega a mi primo", "crisis", 0.6),  # never over danger
        said("i miss my mom so much", "out_of_scope", 0.5),  # no Mayan language named
        said("hola yo k'iche no entiende bien", "nlu_fallback", 0.45),  # session 43's blind test: understanding
        said("i dont understand my mam", "nlu_fallback", 0.45),  # English "understand" is no word of speaking
    ]
    MayanLanguages().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "mayan_language",
        "choose_language",
        "out_of_scope",
        "choose_language",
        "mayan_language",
        "sponsor_vetting",
        "crisis",
        "out_of_scope",
        "mayan_language",
        "nlu_fallback",
    ]
    assert messages[0].get(INTENT_RANKING_KEY)[0]["name"] == "mayan_language"


def test_an_interpreter_asked_for_in_a_mayan_language_is_that_answer_whatever_the_guess() -> None:
    """Stop 47's third blind test: "puedo pedir interprete en mam?" got the records answer, "necesito interprete de
    kiche" "I can't answer that"."""
    messages = [
        said("puedo pedir interprete en mam?", "records_request", 0.9),
        said("necesito interprete de kiche", "nlu_fallback", 0.45),
        said("quiero un interprete", "nlu_fallback", 0.45),  # no Mayan language named: unchanged
        said("necesito interprete de kiche, el staff me pega", "crisis", 0.9),  # never over danger
    ]
    MayanLanguages().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["mayan_language", "mayan_language", "nlu_fallback", "crisis"]
