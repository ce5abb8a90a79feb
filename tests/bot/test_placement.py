"""A child no longer in a shelter (session 40's blind tests): the conversation is marked from what is typed
(data/out_of_shelter.yml) or from the legal-aid form's answer, kept in the ``placement`` slot, and the danger answers
give their ``for_released`` form: no "tell any staff member" to a child who has none."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT

from bot import content
from bot.nlu.components.out_of_shelter import OutOfShelter
from bot.nlu.placement import says_out_of_shelter
from bot.server.nlg import I18nNLG
from tests.support.messages import said

pytestmark = pytest.mark.unit

LANGS = ["en", "es", "pt", "fr", "ht"]
DANGER_ANSWERS = ["crisis", "danger_check_in", "telling_after_danger"]

# What released children and their relatives typed in the blind tests, and the same in the other languages.
OUT_OF_SHELTER = [
    "i left the shelter last year, my sponsor takes my whole paycheck",
    "i dont have staff or a counselor anymore",
    "hi im a dad, my son 16 was released to his cousin in georgia",
    "ya no estoy en el albergue vivo con el",
    "pero ya no estoy en el albergue",
    "no tengo personal ni consejero",
    "no estoy en albergue",
    "mi hijo de 16 ya salió del albergue",
    "moro com meu patrocinador e ele pega meu dinheiro",
    "ja sai do abrigo",
    "minha filha foi liberada para a casa de uma tia",
    "je ne suis plus au foyer",
    "mon fils a été libéré chez son oncle",
    "m pa nan sant lan ankò",
    "yo lage m semèn pase",
    "me escape de la casa de mi patrocinador, estoy en la calle",  # session 44's blind test
    "i ran away from my sponsors house",
    # session 44's blind test: a teen picked up by an uncle was told to tell staff
    "my uncle picked me up from the shelter yesterday and now he hits me",
    "mi tio me recogio del albergue y ahora me pega",
    "meu tio me buscou no abrigo e agora me bate",
    "mon oncle est venu me chercher au foyer et il me frappe",
    "tonton m vin chache m nan sant lan epi li bat mwen",
]
# A child in a shelter speaking of a sponsor, of release to come, or of the shelter: never marked.
IN_SHELTER = [
    "does my sponsor see my file",
    "when will i be released",
    "i was not released yet",
    "my future sponsor said he will hit me",
    "estoy en un albergue",
    "cuando salga del albergue me van a deportar?",
    "quiero vivir con mi patrocinador",
    "quando eu sair do abrigo",
    "i want to run away from the shelter",
    "what if i dont like my sponsors house",
    "/crisis",
    "when will my sponsor pick me up from the shelter",
    "who will pick me up from the shelter",
    "mi tia me va a recoger del albergue",
]


@pytest.mark.parametrize("text", OUT_OF_SHELTER)
def test_a_child_or_relative_saying_the_child_left_the_shelter(text: str) -> None:
    assert says_out_of_shelter(text)


@pytest.mark.parametrize("text", IN_SHELTER)
def test_a_child_in_a_shelter_is_not_taken_for_released(text: str) -> None:
    assert not says_out_of_shelter(text)


def test_the_component_marks_the_placement_and_leaves_the_intent() -> None:
    messages = [said("ya no estoy en el albergue", "inform", 0.6), said("estoy en un albergue", "inform", 0.9)]
    OutOfShelter().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["inform", "inform"]
    placements = [[e["value"] for e in m.get(ENTITIES) if e["entity"] == "placement"] for m in messages]
    assert placements == [["released"], []]


DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  language: {type: categorical, values: [en, es, pt, fr, ht], influence_conversation: false, mappings: [{type: custom}]}
  writer: {type: categorical, values: [caregiver], influence_conversation: false, mappings: [{type: custom}]}
  placement: {type: categorical, values: [released], influence_conversation: false, mappings: [{type: custom}]}
  custody_status: {type: text, influence_conversation: false, mappings: [{type: custom}]}
responses:
  utter_crisis: [{text: "answers.crisis"}]
"""
)


def tracker(lang: str, placement: str | None = None, custody: str | None = None, writer: str | None = None):
    earlier = [SessionStarted(), ActionExecuted("action_listen"), BotUttered("hi", metadata={"topic": "menu"})]
    t = DialogueStateTracker.from_events("s1", earlier, slots=DOMAIN.slots)
    t.slots["language"].value = lang
    t.slots["placement"].value = placement
    t.slots["custody_status"].value = custody
    t.slots["writer"].value = writer
    t.update(UserUttered("x", parse_data={"intent": {"name": "x", "confidence": 1.0}, "entities": [], "text": "x"}))
    return t


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("answer_id", DANGER_ANSWERS)
async def test_a_released_child_gets_the_released_form_on_sms_and_the_web(project_content, lang, answer_id) -> None:
    answer = content.answer(answer_id, lang)
    nlg = I18nNLG(domain=DOMAIN)
    sms = await nlg.generate(f"utter_{answer_id}", tracker(lang, placement="released"), "twilio")
    web = await nlg.generate(f"utter_{answer_id}", tracker(lang, custody="released"), "socketio")  # the form's answer
    assert sms["text"] == answer.for_released.strip() and sms["topic"] == answer_id
    assert web["text"].startswith(answer.for_released.strip())
    assert content.t("common.sources_label", lang) in web["text"]
    # 911 and Childhelp always; the ORR helpline, which serves children after release, in each.
    for number in ("911", "1-800-422-4453", "800-203-7001"):
        assert number in sms["text"], number


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", LANGS)
async def test_the_released_crisis_form_still_tells_a_child_in_a_shelter_to_tell_staff(project_content, lang) -> None:
    """A wrong mark must not leave a child in a shelter without the way to help he can use without a phone."""
    staff = {"en": "staff", "es": "personal", "pt": "equipe", "fr": "personnel", "ht": "anplwaye"}[lang]
    assert staff in content.answer("crisis", lang).for_released
    assert "1-888-373-7888" in content.answer("crisis", lang).for_released


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", LANGS)
async def test_others_keep_their_form(project_content, lang) -> None:
    nlg = I18nNLG(domain=DOMAIN)
    child = await nlg.generate("utter_crisis", tracker(lang), "twilio")
    in_shelter = await nlg.generate("utter_crisis", tracker(lang, custody="in_custody"), "twilio")
    caregiver = await nlg.generate("utter_crisis", tracker(lang, placement="released", writer="caregiver"), "twilio")
    answer = content.answer("crisis", lang)
    assert child["text"] == in_shelter["text"] == answer.short.strip()
    assert caregiver["text"] == answer.for_caregivers.strip()  # a parent of a released child: the caregivers' form
