import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import content
from bot.content.replies import with_privacy_notice
from bot.server.nlg import I18nNLG, render_answer

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  language: {type: categorical, values: [en, es], influence_conversation: false, mappings: [{type: custom}]}
responses:
  utter_therapy_privacy: [{text: "answers.therapy_privacy"}]
  utter_thanks: [{text: "i18n:common.thanks_reply", metadata: {topic: menu}}]
  utter_choose_language: [{text: "answers.choose_language"}]
"""
)


# Only the language slot, for the five languages (the tests that render the project's own answers).
FIVE_LANGUAGES = Domain.from_yaml(
    'version: "3.1"\nslots:\n  language: {type: categorical, values: [en, es, pt, fr, ht], '
    "influence_conversation: false, mappings: [{type: custom}]}\n"
)


def tracker(language=None, text="hello", detected=None, events=()):
    t = DialogueStateTracker.from_events(
        "s1", [SessionStarted(), ActionExecuted("action_listen"), *events], slots=DOMAIN.slots
    )
    if language:
        t.slots["language"].value = language
    parse = {"intent": {"name": "x", "confidence": 1.0}, "entities": [], "text": text}
    if detected:
        parse["detected_language"] = {"code": detected, "confidence": 0.99}
    t.update(UserUttered(text, parse_data=parse))
    return t


@pytest.mark.asyncio
async def test_first_answer_has_notice_sources_metadata_in_detected_language(fixture_content):
    message = await I18nNLG(domain=DOMAIN).generate("utter_therapy_privacy", tracker(detected="es"), "collector")
    assert message["topic"] == "therapy_privacy" and message["lang"] == "es"
    assert message["text"].startswith("Soy un bot. Borro este chat tras 24 horas.")
    assert "Completo ES terapia." in message["text"]
    assert "Fuentes:\n- Hoja de datos (2020-02-15): https://example.org/facts" in message["text"]
    assert "Revisado el: 2026-11-26" in message["text"]
    assert "Información general, no consejo legal." in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/therapy_notes_ice", "/find_legal_aid"]
    assert message["buttons"][1]["title"] == "Buscar ayuda legal"


@pytest.mark.asyncio
async def test_sms_gets_the_short_form_and_slot_beats_detection(fixture_content):
    earlier = [BotUttered("hi", metadata={"topic": "menu", "lang": "en"})]
    message = await I18nNLG(domain=DOMAIN).generate(
        "utter_therapy_privacy", tracker("en", detected="es", events=earlier), "twilio"
    )
    assert message["text"] == "Short EN therapy. Delete after 24 h."
    assert message["lang"] == "en"


@pytest.mark.asyncio
async def test_retention_in_answers_follows_running_configuration(fixture_content, monkeypatch):
    monkeypatch.setenv("KYR_CONVERSATION_RETENTION_HOURS", "6")
    earlier = [BotUttered("hi", metadata={"topic": "menu", "lang": "en"})]
    message = await I18nNLG(domain=DOMAIN).generate("utter_therapy_privacy", tracker("en", events=earlier), "twilio")
    assert "after 6 h" in message["text"]


@pytest.mark.asyncio
async def test_domain_i18n_response_and_unknown_response(fixture_content):
    nlg = I18nNLG(domain=DOMAIN)
    earlier_es = [BotUttered("hola", metadata={"topic": "menu", "lang": "es"})]
    thanks = await nlg.generate("utter_thanks", tracker("es", events=earlier_es), "collector")
    assert thanks == {"text": "De nada.", "topic": "menu", "lang": "es"}
    # The first reply of a conversation, a domain response (a form's question) too, starts with the privacy notice.
    first = await nlg.generate("utter_thanks", tracker("es"), "collector")
    assert first["text"] == with_privacy_notice("De nada.", "es")
    earlier = [BotUttered("hi", metadata={"topic": "menu", "lang": "en"})]
    fallback = await nlg.generate("utter_default", tracker("en", events=earlier), "twilio")
    assert fallback == {"text": "I can't answer that.", "topic": "out_of_scope", "lang": "en"}


@pytest.mark.asyncio
async def test_language_menu_and_confirmation(fixture_content):
    nlg = I18nNLG(domain=DOMAIN)
    menu = await nlg.generate("utter_choose_language", tracker("en"), "collector")
    assert [b["payload"] for b in menu["buttons"]] == [
        f'/choose_language{{"language":"{code}"}}' for code in ("en", "es", "pt", "fr", "ht")
    ]
    switched = tracker("es")
    switched.latest_message.parse_data["entities"] = [{"entity": "language", "value": "es"}]
    confirmation = await nlg.generate("utter_choose_language", switched, "collector")
    assert confirmation == {"text": "Listo, español.", "topic": "choose_language", "lang": "es"}


def test_crisis_never_waits_behind_the_privacy_notice(fixture_content):
    message = render_answer("crisis", "en", "collector", {})
    assert message["text"].startswith("Call or text 988.")


@pytest.mark.asyncio
async def test_asking_to_change_language_shows_the_menu_even_when_the_request_is_detected_as_english(fixture_content):
    """'change language' is decisive English for the detector, but no choice: the user gets the menu."""
    asked = tracker("en", text="change language")
    asked.latest_message.parse_data["entities"] = [
        {"entity": "language", "value": "en", "extractor": "LanguageDetector"}
    ]
    menu = await I18nNLG(domain=DOMAIN).generate("utter_choose_language", asked, "collector")
    assert [b["payload"] for b in menu["buttons"]][:2] == [
        '/choose_language{"language":"en"}',
        '/choose_language{"language":"es"}',
    ]


@pytest.mark.asyncio
@pytest.mark.parametrize("asked", ["utter_therapy_privacy", "utter_therapy_notes_ice", "utter_what_to_share"])
async def test_soon_after_the_crisis_answer_a_question_about_telling_gets_what_telling_leads_to(project_content, asked):
    """Stop 47's blind test: "si je le dis au therapeute il va le dire a qui?" after a child said a staff member
    touches them got the answer that leads with notes given to ICE."""
    domain = FIVE_LANGUAGES
    said = UserUttered("x", parse_data={"intent": {"name": "crisis", "confidence": 1.0}, "entities": [], "text": "x"})
    crisis = BotUttered("help", metadata={"topic": "crisis", "lang": "fr"})
    t = DialogueStateTracker.from_events(
        "s1", [SessionStarted(), ActionExecuted("action_listen"), said, crisis, said, crisis], slots=domain.slots
    )
    t.slots["language"].value = "fr"
    t.update(UserUttered("si je le dis au therapeute il va le dire a qui?"))
    message = await I18nNLG(domain=domain).generate(asked, t, "rest")
    assert message["topic"] == "telling_after_danger" and message["lang"] == "fr"
    # Its buttons, and the next question about telling, then get their own answers.
    t.update(BotUttered("...", metadata={"topic": "telling_after_danger", "lang": "fr"}))
    t.update(UserUttered("et ICE ?"))
    assert (await I18nNLG(domain=domain).generate(asked, t, "rest"))["topic"] == asked[len("utter_") :]
    pressed = DialogueStateTracker.from_events(
        "s2", [SessionStarted(), ActionExecuted("action_listen"), said, crisis], slots=domain.slots
    )
    pressed.update(UserUttered("/" + asked[len("utter_") :], parse_data={"text": "/" + asked[len("utter_") :]}))
    assert (await I18nNLG(domain=domain).generate(asked, pressed, "rest"))["topic"] == asked[len("utter_") :]
    # With no danger said, the same question gets its own answer.
    calm = tracker(language="fr", text="si je le dis au therapeute il va le dire a qui?")
    assert (await I18nNLG(domain=DOMAIN).generate(asked, calm, "rest"))["topic"] == asked[len("utter_") :]


@pytest.mark.asyncio
async def test_soon_after_the_crisis_answer_a_fear_of_telling_gets_the_telling_answer_not_crisis_again(project_content):
    """Stop 47's second blind test: "si le digo me van a deportar?" after the crisis answer got it again, word for
    word; "y van a saber q fui yo" the greeting. A new danger the patterns flag still gets the crisis answer."""
    domain = FIVE_LANGUAGES
    said = UserUttered("x", parse_data={"intent": {"name": "crisis", "confidence": 1.0}, "entities": [], "text": "x"})
    crisis = BotUttered("help", metadata={"topic": "crisis", "lang": "es"})

    def after_crisis(text: str, **parse: object) -> DialogueStateTracker:
        t = DialogueStateTracker.from_events(
            "s1", [SessionStarted(), ActionExecuted("action_listen"), said, crisis], slots=domain.slots
        )
        t.slots["language"].value = "es"
        t.update(UserUttered(text, parse_data={"text": text, "intent": {"name": "crisis"}, **parse}))
        return t

    for response in ("utter_crisis", "utter_menu", "utter_court_and_asylum"):
        message = await I18nNLG(domain=domain).generate(response, after_crisis("si le digo me van a deportar?"), "rest")
        assert message["topic"] == "telling_after_danger" and message["lang"] == "es", response
    # A fear the patterns read as a threat (the crisis answer was just given): the telling answer speaks of payback.
    threat = after_crisis("si le digo me van a deportar?", safety_override="crisis")
    assert (await I18nNLG(domain=domain).generate("utter_crisis", threat, "rest"))["topic"] == "telling_after_danger"
    # A new danger with no fear of telling in it, or self-harm, still gets the crisis answer.
    for text in ("ahora me pega mas", "si le digo me voy a matar"):
        flagged = after_crisis(text, safety_override="crisis")
        assert (await I18nNLG(domain=domain).generate("utter_crisis", flagged, "rest"))["topic"] == "crisis", text
    unrelated = after_crisis("ya llego")
    assert (await I18nNLG(domain=domain).generate("utter_crisis", unrelated, "rest"))["topic"] == "crisis"
    # "what do i do" right after it, unplaced: the crisis answer again (a call for help; the check-in comes later).
    unplaced = after_crisis("y ahora que hago", intent={"name": "nlu_fallback"})
    assert (await I18nNLG(domain=domain).generate("utter_crisis", unplaced, "rest"))["topic"] == "crisis"


@pytest.mark.asyncio
async def test_soon_after_danger_the_greeting_or_cant_answer_becomes_the_check_in(project_content):
    """Stop 47's third blind test: "ok", "what do i do", "es verdad?" after the crisis answer got the greeting."""
    domain = FIVE_LANGUAGES
    said = UserUttered("x", parse_data={"intent": {"name": "crisis", "confidence": 1.0}, "entities": [], "text": "x"})
    crisis = BotUttered("help", metadata={"topic": "crisis", "lang": "en"})

    def after(events: list, text: str) -> DialogueStateTracker:
        t = DialogueStateTracker.from_events(
            "s1", [SessionStarted(), ActionExecuted("action_listen"), *events], slots=domain.slots
        )
        t.slots["language"].value = "en"
        t.update(UserUttered(text, parse_data={"text": text, "intent": {"name": "menu"}}))
        return t

    nlg = I18nNLG(domain=domain)
    for response in ("utter_menu", "utter_out_of_scope"):
        message = await nlg.generate(response, after([said, crisis], "what do i do"), "rest")
        assert message["topic"] == "danger_check_in" and "1-800-422-4453" in message["text"], response
    # The crisis answer's own menu button, or no danger said: the menu.
    assert (await nlg.generate("utter_menu", after([said, crisis], "/menu"), "rest"))["topic"] == "menu"
    assert (await nlg.generate("utter_menu", after([], "what do i do"), "rest"))["topic"] == "menu"
    # DANGER_LATELY messages later, the menu again.
    from bot.conversation import DANGER_LATELY

    calm = [said, crisis, said, BotUttered("a", metadata={"topic": "menu"})] + [said, BotUttered("b")] * (
        DANGER_LATELY - 1
    )
    assert (await nlg.generate("utter_menu", after(calm, "ok"), "rest"))["topic"] == "menu"


@pytest.mark.asyncio
async def test_the_check_in_buttons_all_get_an_answer_and_the_telling_one_the_telling_answer(project_content):
    """Session 40's blind test: the check-in's "Is it safe to tell?" sent "/telling_after_danger", an intent the
    domain does not know, and got the greeting or "I can't answer that" on every channel. Its button now sends
    out_of_scope with the answer in the ``follow_up`` entity, whenever it is pressed (or its number on SMS)."""
    from bot.content.replies import answer_buttons, asked_answer

    buttons = answer_buttons(content.answer("danger_check_in", "es").next, "es")
    telling = next(b for b in buttons if b["title"] == content.answer("telling_after_danger", "es").title)
    assert telling["payload"] == '/out_of_scope{"follow_up":"telling_after_danger"}'
    assert all(b["payload"].startswith("/") for b in buttons)
    domain = FIVE_LANGUAGES
    entity = {"entity": "follow_up", "value": "telling_after_danger"}
    for events in ([], [UserUttered("x", parse_data={"text": "x"}), BotUttered("help", metadata={"topic": "crisis"})]):
        t = DialogueStateTracker.from_events(
            "s1", [SessionStarted(), ActionExecuted("action_listen"), *events], slots=domain.slots
        )
        t.slots["language"].value = "es"
        parse = {"text": telling["payload"], "intent": {"name": "out_of_scope"}, "entities": [entity]}
        assert asked_answer(parse) == "telling_after_danger"
        t.update(UserUttered(telling["payload"], parse_data=parse))
        message = await I18nNLG(domain=domain).generate("utter_out_of_scope", t, "rest")
        assert message["topic"] == "telling_after_danger" and message["lang"] == "es", events
    # Another value of the entity ("who else can read it?") is not an answer asked by a button.
    assert asked_answer({"entities": [{"entity": "follow_up", "value": "who_sees"}]}) is None


@pytest.mark.asyncio
async def test_the_language_question_offers_the_conversations_own_language_outside_english_and_spanish(project_content):
    """Session 40's blind test: a Portuguese, French or Creole speaker had no button for their own language at the
    legal-aid form's language question (only English/Spanish, a Mayan language, skip)."""
    from bot.channels.inbound import screen_payload
    from bot.legal_aid import routing

    domain = Domain.from_yaml(
        'version: "3.1"\nslots:\n  language: {type: categorical, values: [en, es, pt, fr, ht], '
        "influence_conversation: false, mappings: [{type: custom}]}\nresponses:\n"
        "  utter_ask_language_need:\n"
        '    - text: "i18n:legal_aid.ask_language"\n'
        "      buttons:\n"
        '        - {title: "i18n:legal_aid.button_no_language_need", payload: \'/inform{"form_answer":"no"}\'}\n'
    )
    for lang, code in (("pt", "pt"), ("fr", "fr"), ("ht", "ht"), ("en", None), ("es", None)):
        t = DialogueStateTracker.from_events(
            "s1", [SessionStarted(), ActionExecuted("action_listen")], slots=domain.slots
        )
        t.slots["language"].value = lang
        t.update(UserUttered("x", parse_data={"text": "x", "intent": {"name": "inform"}}))
        buttons = (await I18nNLG(domain=domain).generate("utter_ask_language_need", t, "rest"))["buttons"]
        if code is None:
            assert len(buttons) == 1, lang
            continue
        first = buttons[0]
        answer = first["payload"].split('"form_answer":"')[1].rstrip('"}')
        assert routing.parse_language_need(answer) == code and routing.needs_interpreter(code), first
        assert screen_payload(first["payload"]) == first["payload"]  # the channels let it through as a payload


@pytest.mark.asyncio
async def test_a_mayan_speakers_crisis_answer_says_to_ask_for_an_interpreter(project_content):
    """Session 42's blind test: "un senor del albergue me pega, yo hablo mam poquito espanol" got the crisis answer all
    in Spanish, with no word of an interpreter. The line comes for a Mam speaker (said in the message or before, or the
    form's language answer), in the answer's language, on the web before the sources; never for anyone else."""
    domain = Domain.from_yaml(
        'version: "3.1"\nslots:\n  language: {type: categorical, values: [en, es, pt, fr, ht], '
        "influence_conversation: false, mappings: [{type: custom}]}\n"
        "  language_need: {type: text, influence_conversation: false, mappings: [{type: custom}]}\n"
    )
    line = content.t("common.crisis_interpreter", "es", language="Mam")

    def said(*texts: str, need: str | None = None) -> DialogueStateTracker:
        t = DialogueStateTracker.from_events(
            "s1", [SessionStarted(), ActionExecuted("action_listen")], slots=domain.slots
        )
        t.slots["language"].value = "es"
        t.slots["language_need"].value = need
        for text in texts:
            t.update(UserUttered(text, parse_data={"intent": {"name": "crisis", "confidence": 1.0}, "text": text}))
        return t

    web = await I18nNLG(domain=domain).generate(
        "utter_crisis", said("un senor me pega, yo hablo mam poquito espanol"), "rest"
    )
    assert line in web["text"] and web["text"].index(line) < web["text"].index(content.t("common.sources_label", "es"))
    sms = await I18nNLG(domain=domain).generate("utter_crisis", said("yo hablo mam", "tengo miedo"), "twilio")
    assert sms["text"].endswith(line)
    # Session 43's blind test: "yo mam, hombre de albergue me pega" names the language without "hablo".
    named = await I18nNLG(domain=domain).generate("utter_crisis", said("yo mam, hombre de albergue me pega"), "rest")
    assert line in named["text"]
    kiche = await I18nNLG(domain=domain).generate("utter_crisis", said("me pegan", need="kiche"), "rest")
    assert content.t("common.crisis_interpreter", "es", language="K'iche'") in kiche["text"]
    for plain in (said("me pegan"), said("me pegan", need="es")):
        text = (await I18nNLG(domain=domain).generate("utter_crisis", plain, "rest"))["text"]
        assert "intérprete" not in text


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["en", "es", "pt", "fr", "ht"])
async def test_the_menu_asked_for_again_is_not_a_second_greeting(project_content, lang):
    """Session 43's blind test: "ok what now" after the list of lawyers got "Hi! I'm a bot..." again. Once the greeting
    or an answer was seen, the menu is "What else do you want to know?" with the same buttons, on every channel; after
    the crisis answer alone (the greeting never seen), still the greeting."""
    menu = content.answer("menu", lang)

    def after(*topics: str) -> DialogueStateTracker:
        earlier = [BotUttered("x", metadata={"topic": topic, "lang": lang}) for topic in topics]
        return tracker(lang, text="menu", events=earlier)

    nlg = I18nNLG(domain=FIVE_LANGUAGES)
    for channel in ("rest", "twilio"):
        for topics in (("menu",), ("therapy_privacy",), ("crisis", "right_to_lawyer")):
            again = await nlg.generate("utter_menu", after(*topics), channel)
            assert again["text"].startswith(menu.again) and menu.short not in again["text"], (channel, topics)
            assert [b["payload"] for b in again["buttons"]] == ["/therapy_privacy", "/right_to_lawyer", "/bot_privacy"]
    greeting = await nlg.generate("utter_menu", after("crisis"), "rest")
    assert greeting["text"].startswith(menu.full.strip())
    first = await nlg.generate("utter_menu", after(), "twilio")
    assert menu.short.strip() in first["text"] and menu.again not in first["text"]
