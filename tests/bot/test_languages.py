from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Tracker

from bot.nlu.languages import (
    conversation_language,
    explicit_language_request,
    fold,
    last_reply_language,
    normalize_language,
)


def test_normalize_language_accepts_codes_regions_and_names():
    assert normalize_language("es") == "es"
    assert normalize_language("es-MX") == "es"
    assert normalize_language("EN_us") == "en"
    assert normalize_language("Español") == "es"
    assert normalize_language("spanish") == "es"
    assert normalize_language("inglés") == "en"


def test_normalize_language_rejects_unknown_values():
    for value in ("de", "k'iche'", "", None, 3, "<script>"):
        assert normalize_language(value) is None


def test_explicit_request_needs_the_whole_message_to_name_a_language():
    assert explicit_language_request("Español") == "es"
    assert explicit_language_request("español por favor") == "es"
    assert explicit_language_request("English please!") == "en"
    assert explicit_language_request("es") is None  # "es" is also the Spanish word "is"
    assert explicit_language_request("my spanish teacher said") is None
    # session 45's blind test: these got the language picker
    assert explicit_language_request("ahora en español porfa") == "es"
    assert explicit_language_request("now english again") == "en"
    assert explicit_language_request("ahora") is None


DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  language: {type: categorical, values: [en, es], influence_conversation: false, mappings: [{type: custom}]}
forms:
  legal_aid_form: {required_slots: []}
""")


def _parse(text, detected=None, confidence=0.99, explicit=False, entity=None, extractor="LanguageDetector"):
    parse = {"intent": {"name": "x", "confidence": 1.0}, "entities": [], "text": text}
    if detected:
        parse["detected_language"] = {"code": detected, "confidence": confidence, "explicit": explicit}
    if entity:
        parse["entities"] = [{"entity": "language", "value": entity, **({"extractor": extractor} if extractor else {})}]
    return parse


def server_tracker(*turns, slot=None, form=None):
    """A Rasa-server tracker: ``turns`` are (user parse data, bot reply language or None)."""
    tracker = DialogueStateTracker.from_events(
        "s1", [SessionStarted(), ActionExecuted("action_listen")], slots=DOMAIN.slots
    )
    if slot:
        tracker.slots["language"].value = slot
    if form:
        tracker.update(ActiveLoop(form))
    for parse, reply in turns:
        tracker.update(UserUttered(parse["text"], intent=parse["intent"], entities=parse["entities"], parse_data=parse))
        if reply:
            tracker.update(BotUttered("...", metadata={"topic": "menu", "lang": reply}))
    return tracker


def sdk_tracker(server: DialogueStateTracker) -> Tracker:
    """The same conversation as the action server sees it (serialized events)."""
    state = server.current_state(EventVerbosity.ALL)
    return Tracker.from_dict(state)


def both(tracker):
    return conversation_language(tracker), conversation_language(sdk_tracker(tracker))


def test_first_message_is_answered_in_its_detected_language_then_english_by_default():
    assert both(server_tracker((_parse("hola", "es", 0.66), None))) == ("es", "es")
    assert both(server_tracker((_parse("2"), None))) == ("en", "en")


def test_the_language_answered_in_is_kept_by_short_messages_and_payloads():
    hola = (_parse("hola", "es", 0.66), "es")
    assert both(server_tracker(hola, (_parse("ok", "en", 0.89), None))) == ("es", "es")
    assert both(server_tracker(hola, (_parse("/therapy_privacy"), None))) == ("es", "es")
    assert both(server_tracker(hola, (_parse("1"), None))) == ("es", "es")


def test_a_decisive_message_switches_but_not_while_a_form_asks():
    hola = (_parse("hola", "es", 0.66), "es")
    english = (_parse("can i get my counseling notes", "en", 0.98, entity="en"), None)
    assert both(server_tracker(hola, english)) == ("en", "en")
    assert both(server_tracker(hola, english, form="legal_aid_form")) == ("es", "es")


def test_a_decisive_message_about_danger_in_a_form_is_answered_in_its_language():
    """QA session 29: "someone here hits me" in a form started in Spanish got the Spanish crisis answer."""
    hola = (_parse("hola", "es", 0.66), "es")
    danger = _parse("someone here hits me", "en", 0.98, entity="en")
    danger["intent"] = {"name": "crisis", "confidence": 1.0}
    assert both(server_tracker(hola, (danger, None), form="legal_aid_form")) == ("en", "en")


def test_an_explicit_choice_always_switches_even_in_a_form():
    hola = (_parse("hola", "es", 0.66), "es")
    named = (_parse("English please", "en", 1.0, explicit=True, entity="en"), None)
    button = (_parse('/choose_language{"language":"en"}', entity="en", extractor=None), None)
    for turn in (named, button):
        assert both(server_tracker(hola, turn, form="legal_aid_form")) == ("en", "en")


def test_the_slot_counts_only_before_the_bot_has_answered():
    assert both(server_tracker((_parse("2"), None), slot="es")) == ("es", "es")
    assert both(server_tracker((_parse("hi", "en", 0.9), "en"), (_parse("ok"), None), slot="es")) == ("en", "en")


def test_last_reply_language_reads_objects_and_dicts():
    assert last_reply_language([BotUttered("x", metadata={"lang": "es"}), UserUttered("ok")]) == "es"
    assert last_reply_language([{"event": "bot", "metadata": {"lang": "en"}}, {"event": "user"}]) == "en"
    assert last_reply_language([{"event": "bot", "metadata": {}}]) is None


def test_fold_strips_accents_and_case():
    assert fold("INFORMACIÓN ¿Qué?") == "informacion ¿que?"


def test_a_language_named_at_the_legal_aid_language_question_is_an_answer_not_a_switch():
    """Session 40's browser test: an English-speaking parent answered "do you need another language?" with
    "spanish" and got the results, and every later reply, in Spanish. The results come after the form has ended,
    so the question is read from the events; "español" asked anywhere else still switches."""
    from rasa.shared.core.events import SlotSet

    parse = {
        "text": "spanish",
        "intent": {"name": "inform"},
        "entities": [{"entity": "language", "value": "es", "extractor": "LanguageDetector"}],
        "detected_language": {"code": "es", "confidence": 1.0, "explicit": True},
    }
    asked = [
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("find a lawyer", parse_data={"text": "find a lawyer"}),
        BotUttered("Which state?", metadata={"lang": "en"}),
        SlotSet("requested_slot", "language_need"),
        BotUttered("Another language?", metadata={"lang": "en"}),
        ActionExecuted("action_listen"),
        UserUttered("spanish", parse_data=parse),
        SlotSet("language_need", "es"),
        SlotSet("requested_slot", None),
    ]
    assert conversation_language(DialogueStateTracker.from_events("s1", asked)) == "en"
    serialized = [e.as_dict() for e in asked]
    assert conversation_language(Tracker("s1", {}, parse, serialized, False, None, {}, "action_listen")) == "en"
    # Not at that question: the same message switches.
    elsewhere = [e for e in asked if not isinstance(e, SlotSet)]
    assert conversation_language(DialogueStateTracker.from_events("s1", elsewhere)) == "es"
