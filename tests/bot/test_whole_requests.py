"""A whole message that only asks for a lawyer, or who or what the bot is, gets that intent (session 42's blind
tests)."""

from __future__ import annotations

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT

from bot.nlu.components.whole_requests import WholeRequests
from bot.nlu.whole_requests import asks_who_hears_case_manager, requested_intent
from tests.support.messages import said

pytestmark = pytest.mark.unit

ASKS = [
    ("hola necesito abogado", "find_legal_aid"),
    ("ola necesito abogado", "find_legal_aid"),
    ("oi preciso de advogado", "find_legal_aid"),
    ("hola quiero un abogado", "find_legal_aid"),
    ("hi i need a lawyer pls", "find_legal_aid"),
    ("Bonjour, j'ai besoin d'un avocat", "find_legal_aid"),
    ("alo m bezwen yon avoka", "find_legal_aid"),
    ("are you ICE?", "bot_privacy"),
    ("eres de la migra?", "bot_privacy"),
    ("trabajas para el gobierno?", "bot_privacy"),
    ("voce é do ICE?", "bot_privacy"),
    ("eres una persona de verdad?", "bot_privacy"),
    ("tem alguem ai?", "bot_privacy"),
    ("tu es une vraie personne ?", "bot_privacy"),
    ("eske ou se ice?", "bot_privacy"),
    ("will this hurt my case", "therapy_notes_ice"),
    # QA session 44: "can you call a lawyer for me" got both lawyer answers, with no word that the bot cannot call
    ("can you call a lawyer for me", "human_handoff"),
    ("puedes llamar a un abogado por mi?", "human_handoff"),
    ("quiero que un abogado me llame", "human_handoff"),
    # session 45's blind test: "ok ya, me van a deportar?" got "I can't answer"
    ("ok ya, me van a deportar?", "court_and_asylum"),
    ("will i get deported", "court_and_asylum"),
    ("vão me deportar?", "court_and_asylum"),
    ("eske yo pral depòte m?", "court_and_asylum"),
    ("hi, will this hurt my case?", "therapy_notes_ice"),
    ("me va a afectar en mi caso?", "therapy_notes_ice"),
    ("isso vai prejudicar meu caso?", "therapy_notes_ice"),
    ("est-ce que ça peut nuire à mon dossier ?", "therapy_notes_ice"),
    ("sa ka afekte ka m?", "therapy_notes_ice"),
    ("what if they dont let me call", "rights_in_custody"),
    ("e se nao deixarem eu ligar?", "rights_in_custody"),
    ("y si no me dejan llamar a mi mama?", "rights_in_custody"),
    ("o que eu te falei antes?", "bot_privacy"),
    ("q te dije antes?", "bot_privacy"),
    ("necesito ayuda con mi caso", "find_legal_aid"),
    ("i need help with my case", "find_legal_aid"),
    # Session 43's blind test: whether staff may hit ("I can't answer" / crisis), follow-ups in SMS spelling.
    ("el staff me puede pegar?", "rights_in_custody"),
    ("can staff hit me?", "rights_in_custody"),
    ("os funcionarios podem me bater?", "rights_in_custody"),
    ("est-ce qu'ils peuvent me frapper ?", "rights_in_custody"),
    ("eske yo ka frape m?", "rights_in_custody"),
    ("how do u know", "ask_source"),
    ("pq?", "ask_source"),
    ("de donde sacas eso", "ask_source"),
    ("wdym", "explain_simpler"),
    ("como asi?", "explain_simpler"),
    ("que cosa?", "explain_simpler"),
    ("m pa konprann", "explain_simpler"),
]
SAYS_MORE = [
    "necesito abogado porque me pegan",
    "my lawyer is mean",
    "hola",
    "is talking to my lawyer private?",
    "/find_legal_aid",
    "are you ice? they hit me",
    "can ice see my file",
    "will this hurt my case, he hits me",
    "i got written up for fighting, does that hurt my case",
    "they dont let me call, he hits me",
    "can staff hit me, he hit me yesterday",
    "el staff me pego",
    "why did they move me",
    "que hago",
    "what now",
    "que ahora",
    "quoi maintenant",
    "kisa kounye a",
]


@pytest.mark.parametrize(("text", "intent"), ASKS)
def test_a_whole_request(text: str, intent: str) -> None:
    assert requested_intent(text) == intent


@pytest.mark.parametrize("text", SAYS_MORE)
def test_a_message_that_says_more_or_something_else(text: str) -> None:
    assert requested_intent(text) is None


def test_which_guesses_are_replaced() -> None:
    messages = [
        said("hola necesito abogado", "greet", 0.51),
        said("oi preciso de advogado", "nlu_fallback", 0.45),
        said("necesito abogado", "right_to_lawyer", 0.78),  # a lawyer answer stands
        said("i need a lawyer", "crisis", 0.9),  # a crisis guess stands (the patterns run after)
        said("are you ICE", "held_by_cbp_ice", 0.65),  # any other guess gives way to the bot's own answer
        said("are you a real person", "delete_my_data", 0.7),  # a delete request keeps its own check
        said("hola", "greet", 0.99),
        said("how u know", "menu", 0.55),  # a follow-up over any guess but crisis, disclosure and delete
        said("como asi", "affirm", 0.84),
        said("why", "crisis", 0.6),
        said("can you call a lawyer for me", "nlu_fallback", 0.65),
        said("can you call a lawyer for me", "right_to_lawyer", 0.8),  # a placed guess stands
        said("me van a deportar?", "nlu_fallback", 0.45),
        said("me van a deportar?", "what_to_share", 0.7),
        said("eske yo pral depote m", "therapy_notes_ice", 0.74),  # QA46: the ICE therapy-notes story
        said("will they deport me", "crisis", 0.8),  # a crisis guess stands (the patterns run after)
    ]
    WholeRequests().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "find_legal_aid",
        "find_legal_aid",
        "right_to_lawyer",
        "crisis",
        "bot_privacy",
        "delete_my_data",
        "greet",
        "ask_source",
        "explain_simpler",
        "crisis",
        "human_handoff",
        "right_to_lawyer",
        "court_and_asylum",
        "court_and_asylum",
        "court_and_asylum",
        "crisis",
    ]


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("does my case manager tell ice stuff", True),
        ("mi case manager le dice a ice lo q le cuento?", True),
        ("is what i tell my case manager private", True),
        ("can i tell my case manager i want to call my mom", False),
        ("what does a case manager do", False),
        ("can ice see my file", False),
    ],
)
def test_who_hears_what_a_case_manager_is_told(text: str, asks: bool) -> None:
    assert asks_who_hears_case_manager(text) is asks


def test_a_parents_question_whether_ice_hears_the_therapist_gets_the_therapy_notes_answer() -> None:
    """Session 45's blind test: a mother's "can ICE see what my son tells the therapist" got the caregivers' general
    answer, on REST and SMS."""
    messages = [
        said(
            "hola soy la mama de un niño en un albergue en texas, puede ICE ver lo que mi hijo le dice a la terapeuta?",
            "caregiver_help",
            0.58,
        ),
        said("hi im his mom. can ICE see what my son tells the therapist", "caregiver_help", 0.45),
        said("can ice read what i tell my therapist", "therapy_privacy", 0.7),  # the therapy answer says it too
        said("my therapist told ice about me and now he hits me", "crisis", 0.9),
        said("is my therapy private", "therapy_privacy", 0.98),
    ]
    WholeRequests().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "therapy_notes_ice",
        "therapy_notes_ice",
        "therapy_privacy",
        "crisis",
        "therapy_privacy",
    ]


def test_portuguese_legal_for_nice_is_not_a_lawyer_request() -> None:
    """Session 45's blind test: "ele é legal comigo as vezes" right after the crisis answer started the lawyer
    questions ("legal" is "nice")."""
    messages = [
        said("ele é legal comigo as vezes", "find_legal_aid", 0.69),
        said("preciso de ajuda legal", "find_legal_aid", 0.9),
        said("que legal, preciso de advogado", "find_legal_aid", 0.8),
        said("ele e legal comigo", "crisis", 0.6),
    ]
    WholeRequests().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["nlu_fallback", "find_legal_aid", "find_legal_aid", "crisis"]


def test_a_case_manager_question_gets_the_case_file_answer_unless_the_guess_says_who_sees() -> None:
    messages = [
        said("does my case manager tell ice stuff", "nlu_fallback", 0.45),
        said("mi case manager le dice a ice lo q le cuento?", "lawyer_privacy", 0.53),
        said("is what i tell my case manager private", "therapy_privacy", 0.62),
        said("my case manager told ice where my uncle lives", "sponsor_privacy", 0.8),
        said("my case manager hits me, should i tell ice", "crisis", 0.9),
    ]
    WholeRequests().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "case_file_access",
        "case_file_access",
        "case_file_access",
        "sponsor_privacy",
        "crisis",
    ]


def test_only_the_groups_the_file_names_replace_a_crisis_or_disclosure_guess() -> None:
    """ "will this hurt my case" got the whole crisis answer (classifier, 0.82), "e se nao deixarem eu ligar?" too (0.64),
    and "o que eu te falei antes?" the disclosure guard (session 42's blind tests): said and nothing else, each gets
    its own answer. Every other crisis or disclosure guess stands."""
    messages = [
        said("will this hurt my case", "crisis", 0.82),
        said("e se nao deixarem eu ligar?", "crisis", 0.64),
        said("o que eu te falei antes?", "disclosure_guard", 0.7),
        said("will this hurt my case, he hits me", "crisis", 0.95),
        said("are you ICE", "crisis", 0.6),
        said("i need a lawyer", "disclosure_guard", 0.6),
        said("what did i tell you before", "delete_my_data", 0.7),
    ]
    WholeRequests().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "therapy_notes_ice",
        "rights_in_custody",
        "bot_privacy",
        "crisis",
        "crisis",
        "disclosure_guard",
        "delete_my_data",
    ]


def test_replaces_also_names_only_groups_of_the_file_and_guesses_the_others_keep() -> None:
    """An editor's typo in `replaces_also` would silently do nothing; a guess no group keeps needs no entry."""
    from bot.nlu.components.whole_requests import KEPT
    from bot.nlu.whole_requests import INTENTS, PHRASES_FILE

    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    assert raw["replaces_also"] and set(raw["replaces_also"]) <= set(INTENTS)
    assert all(set(guesses) <= KEPT for guesses in raw["replaces_also"].values())
