from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.legal_aid import ActionFormAnswerAlone, ActionLegalAidResults, ValidateLegalAidForm
from bot import content
from bot.conversation import DANGER_LATELY


def tracker(
    slots: dict[str, Any],
    text: str = "",
    lang: str | None = "es",
    loop: str | None = None,
    requested: str | None = None,
    events: list[dict[str, Any]] | None = None,
    intent: tuple[str, float] = ("nlu_fallback", 0.45),
) -> Tracker:
    all_slots = {"language": lang, "requested_slot": requested, **slots}
    return Tracker(
        "test-sender",
        all_slots,
        {"text": text, "intent": {"name": intent[0], "confidence": intent[1]}, "entities": []},
        events or [],
        False,
        None,
        {"name": loop} if loop else {},
        "action_listen",
    )


@pytest.mark.asyncio
async def test_validation_understands_free_text_in_both_languages():
    form = ValidateLegalAidForm()
    d = CollectingDispatcher()
    t = tracker({}, loop="legal_aid_form")
    assert form.validate_custody_status("estoy en un albergue", d, t, {}) == {"custody_status": "in_custody"}
    assert form.validate_custody_status("I'm with my sponsor", d, t, {}) == {"custody_status": "released"}
    assert form.validate_us_state("Tejas", d, t, {}) == {"us_state": "TX"}
    assert form.validate_us_state("in Houston", d, t, {}) == {"us_state": "TX"}
    assert form.validate_language_need("hablo q'anjobal", d, t, {}) == {"language_need": "qanjobal"}
    assert form.validate_us_state("prefiero no decir", d, t, {}) == {"us_state": "skip"}


def test_a_state_not_understood_is_said_once_then_skipped():
    """Session 42's blind test: "wakanda" at "Which state?" went on without a word (no local groups, silently). Once:
    "I don't know that state" and the same question; a second miss right after counts as skipped."""
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    asked = [{"event": "user", "text": "/find_legal_aid"}, {"event": "bot", "text": "Which US state are you in?"}]
    first = tracker(
        {},
        "wakanda",
        lang="en",
        loop="legal_aid_form",
        requested="us_state",
        events=[*asked, {"event": "user", "text": "wakanda"}],
    )
    assert form.validate_us_state("wakanda", d, first, {}) == {"us_state": None}
    note = content.t("legal_aid.state_not_understood", "en")
    assert [m["text"] for m in d.messages] == [note] and "skip" in note
    events = [
        *asked,
        {"event": "user", "text": "wakanda"},
        {"event": "bot", "text": note},
        {"event": "bot", "text": "Which US state are you in?"},
        {"event": "user", "text": "banana"},
    ]
    again = tracker({}, "banana", lang="en", loop="legal_aid_form", requested="us_state", events=events)
    assert form.validate_us_state("banana", CollectingDispatcher(), again, {}) == {"us_state": "skip"}
    assert form.validate_us_state("texsa", CollectingDispatcher(), first, {}) == {"us_state": "TX"}  # a typo: the state
    # The other questions have buttons: a miss there is skipped as before.
    assert form.validate_custody_status("asdfgh", CollectingDispatcher(), first, {}) == {"custody_status": "skip"}


@pytest.mark.parametrize("text", ["no thanks", "No, thank you.", "no gracias", "nao obrigado", "non merci", "non mesi"])
def test_no_thanks_ends_the_form_where_it_is_no_answer(text: str):
    """Session 42's blind test: "no thanks" at "Which state?" went on to the next question. At "do you need another
    language?" it is an answer (no special need), as before."""
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    for validate in (form.validate_custody_status, form.validate_us_state):
        result = validate(text, d, tracker({}, text), {})
        assert result["requested_slot"] is None and result["flow_cancelled"] is True
    assert form.validate_language_need(text, d, tracker({}, text), {}) == {"language_need": "none"}


def test_a_state_named_in_the_custody_answer_answers_the_state_question_too():
    form, d, t = ValidateLegalAidForm(), CollectingDispatcher(), tracker({}, loop="legal_aid_form")
    assert form.validate_custody_status("Texas", d, t, {}) == {"custody_status": "skip", "us_state": "TX"}
    assert form.validate_custody_status("estoy en un albergue en Tejas", d, t, {}) == {
        "custody_status": "in_custody",
        "us_state": "TX",
    }
    # A skip is not a state, and a state already given is kept.
    assert form.validate_custody_status("no se", d, t, {}) == {"custody_status": "skip"}
    assert form.validate_custody_status("in ohio", d, tracker({"us_state": "CA"}), {}) == {"custody_status": "skip"}


@pytest.mark.parametrize("text", ["wait", "hold on", "Espera...", "un momento", "pera aí", "attends", "tann"])
def test_wait_keeps_the_question_open_instead_of_skipping_it(text: str):
    """Session 38, by hand: "wait" at "are you in a shelter now?" was taken as a skipped answer."""
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    t = tracker({}, text=text, loop="legal_aid_form", requested="custody_status", intent=("menu", 0.78))
    assert form.validate_custody_status(text, d, t, {}) == {"custody_status": None}
    assert form.validate_us_state(text, d, t, {}) == {"us_state": None}
    assert d.messages == []  # the form asks the same question again, nothing else
    assert form.validate_us_state("wait, texas", d, t, {}) == {"us_state": "TX"}  # an answer with it counts


def test_typed_cancel_ends_the_form():
    result = ValidateLegalAidForm().validate_us_state("cancelar", CollectingDispatcher(), tracker({}), {})
    assert result["requested_slot"] is None and result["flow_cancelled"] is True


def test_a_longer_cancel_the_classifier_is_sure_of_ends_the_form_but_never_replaces_an_answer():
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    text = "actually i dont want to do this anymore"
    for validate in (form.validate_custody_status, form.validate_us_state, form.validate_language_need):
        sure = tracker({}, text, intent=("cancel", 0.93))
        result = validate(text, d, sure, {})
        assert result["requested_slot"] is None and result["flow_cancelled"] is True
        # Unsure: the same words are a skipped question, as before.
        unsure = tracker({}, text, intent=("cancel", 0.6))
        assert "flow_cancelled" not in validate(text, d, unsure, {})
    # An answer the form understands stays an answer, whatever the classifier says.
    assert form.validate_us_state("Texas", d, tracker({}, "Texas", intent=("cancel", 0.99)), {}) == {"us_state": "TX"}


@pytest.mark.asyncio
async def test_results_for_mayan_speaker_in_texas_shelter_in_spanish():
    d = CollectingDispatcher()
    await ActionLegalAidResults().run(
        d, tracker({"custody_status": "in_custody", "us_state": "TX", "language_need": "kiche"}), {}
    )
    msg = d.messages[0]
    assert (msg["topic"], msg["lang"]) == ("find_legal_aid", "es")
    text = msg["text"]
    assert text.index("ProBAR") < text.index("RAICES")
    assert "K'iche'" in text and "intérprete" in text
    assert "lista de abogados gratis" in text  # the always-true fallback
    assert "https://www.abaprobar.org" in text
    assert len([line for line in text.split("\n\n") if line[:2] in ("1.", "2.", "3.", "4.")]) <= 3
    assert len(d.messages) == 1  # no seeded organization accepts handoffs: no handoff offer


@pytest.mark.asyncio
async def test_results_never_show_unverified_contacts():
    d = CollectingDispatcher()
    await ActionLegalAidResults().run(
        d, tracker({"custody_status": "released", "us_state": "skip", "language_need": "none"}, lang="en"), {}
    )
    text = d.messages[0]["text"]
    assert "information@ORRNCC.com" not in text and "press@acaciajustice.org" not in text


@pytest.mark.asyncio
async def test_cancelled_flow_says_nothing_was_sent():
    d = CollectingDispatcher()
    events = await ActionLegalAidResults().run(d, tracker({"flow_cancelled": True}, lang="en"), {})
    assert "Nothing was saved or sent" in d.messages[0]["text"]
    assert [b["payload"] for b in d.messages[0]["buttons"]] == ["/menu"]  # not a dead end
    assert events == [
        {"event": "slot", "timestamp": None, "name": "flow_cancelled", "value": None},
        {"event": "slot", "timestamp": None, "name": "flow_to_menu", "value": None},
    ]


def test_menu_words_and_the_sms_help_keyword_leave_the_form_for_the_menu():
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    for typed in ("menu", "Help", "ayuda", "/menu", '/menu{"language":"es"}'):
        result = form.validate_us_state(typed, d, tracker({}), {})
        assert (result["requested_slot"], result["flow_cancelled"], result["flow_to_menu"]) == (None, True, True)
    # Not a menu request: an answer that mentions help.
    assert form.validate_language_need("i need help in mam", d, tracker({}), {}) == {"language_need": "mam"}


@pytest.mark.asyncio
async def test_a_flow_left_for_the_menu_shows_the_menu():
    d = CollectingDispatcher()
    await ActionLegalAidResults().run(d, tracker({"flow_cancelled": True, "flow_to_menu": True}, lang="en"), {})
    assert [m["response"] for m in d.messages] == ["utter_menu"]


def test_a_language_request_asks_the_same_question_again():
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    english = Tracker(
        "test-sender",
        {"language": "es", "requested_slot": "us_state"},
        {
            "text": "English please",
            "intent": {"name": "choose_language"},
            "entities": [{"entity": "language", "value": "en", "extractor": "LanguageDetector"}],
            "detected_language": {"code": "en", "confidence": 1.0, "explicit": True},
        },
        [],
        False,
        None,
        {"name": "legal_aid_form"},
        "action_listen",
    )
    assert form.validate_us_state("English please", d, english, {}) == {"us_state": None}
    # At the language question a language name is the answer.
    assert form.validate_language_need("English please", d, english, {}) == {"language_need": "en"}


def test_the_state_in_the_message_that_opened_the_form_is_taken():
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    assert form.extract_us_state(d, tracker({}, text="find a lawyer in texas"), {}) == {"us_state": "TX"}
    assert form.extract_us_state(d, tracker({}, text="find a lawyer near me"), {}) == {}
    # Once the form asks its questions, answers fill the slots through the mappings.
    assert form.extract_us_state(d, tracker({}, text="texas", requested="custody_status"), {}) == {}
    # A new run that names another state replaces the state of the last run (QA session 29).
    again = tracker({"us_state": "IL"}, text="find a lawyer in arizona")
    assert form.extract_us_state(d, again, {}) == {"us_state": "AZ"}


def test_a_state_named_at_the_language_question_corrects_the_state():
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    t = tracker({"us_state": "TX"}, "wait no i meant arizona", loop="legal_aid_form", requested="language_need")
    assert form.validate_language_need("wait no i meant arizona", d, t, {}) == {"us_state": "AZ", "language_need": None}
    t = tracker({"us_state": "TX"}, "hablo mam", loop="legal_aid_form", requested="language_need")
    assert form.validate_language_need("hablo mam", d, t, {}) == {"language_need": "mam"}


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["en", "es"])
async def test_by_sms_each_result_leaves_out_the_description_and_fits_one_message(lang):
    from bot.channels.sms import segments
    from bot.legal_aid import routing
    from bot.legal_aid.directory import get_directory

    slots = {"custody_status": "in_custody", "us_state": "TX", "language_need": "no"}
    matches = routing.rank(get_directory(), "in_custody", "TX", "no")
    abouts = [m.org.about.get(lang) for m in matches if m.org.about.get(lang)]
    assert abouts  # the directory describes these organizations: the web shows it
    texts = {}
    for channel in ("rest", "twilio"):
        d = CollectingDispatcher()
        user = {"event": "user", "text": "no", "input_channel": channel, "parse_data": {}}
        await ActionLegalAidResults().run(d, tracker(slots, lang=lang, events=[user]), {})
        texts[channel] = d.messages[0]["text"]
    assert all(about in texts["rest"] for about in abouts)
    assert not any(about in texts["twilio"] for about in abouts)
    items = [p for p in texts["twilio"].split("\n\n") if p[:2] in ("1.", "2.", "3.")]
    assert len(items) == len(matches) and all(segments(item) <= 3 for item in items)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("je suis au Texas", "TX"),
        ("I'm in Florida", "FL"),
        ("vivimos en nueva york", "NY"),
        ("m nan Boston", "MA"),
        ("m nan Florid", "FL"),
        ("on habite en Floride", "FL"),
    ],
)
async def test_a_state_with_no_form_asking_starts_the_legal_aid_questions_with_it(text: str, state: str):
    d = CollectingDispatcher()
    events = await ActionFormAnswerAlone().run(d, tracker({"us_state": "CA"}, text=text, intent=("inform", 0.9)), {})
    # The state named now replaces an earlier run's; the form asks only what is still unanswered.
    assert events == [
        {"event": "slot", "timestamp": None, "name": "us_state", "value": state},
        {"event": "followup", "timestamp": None, "name": "legal_aid_form"},
    ]
    assert d.messages == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text",
    [
        "bonjou, pitit gason m gen 14 an li nan yon abri nan Florida",
        "soy la mama, mi hijo esta en Texas",
        "soy su hermana mayor",  # an older sister is a caregiver too (stop 47)
    ],
)
async def test_a_parent_naming_a_state_with_no_form_asking_gets_the_caregivers_answer(text: str):
    """A parent introducing themselves and where the child is (session 36: read as a greeting this got the
    caregivers' answer, read as a form answer the legal-aid questions): the caregivers' answer either way."""
    d = CollectingDispatcher()
    events = await ActionFormAnswerAlone().run(d, tracker({}, text=text, intent=("inform", 0.9)), {})
    assert events == []
    assert [m["response"] for m in d.messages] == ["utter_caregiver_help"]


@pytest.mark.asyncio
@pytest.mark.parametrize("text", ["I'm 16", "estoy en un albergue", "skip"])
async def test_any_other_form_answer_with_no_form_asking_gets_the_menu(text: str):
    d = CollectingDispatcher()
    events = await ActionFormAnswerAlone().run(d, tracker({}, text=text, intent=("inform", 0.9)), {})
    assert events == []
    assert [m["response"] for m in d.messages] == ["utter_menu"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("text", "state", "custody"),
    [("im in a shelter in arizona", "AZ", "in_custody"), ("ya sali y vivo en texas", "TX", "released")],
)
async def test_a_state_said_with_the_shelter_answer_fills_both(text: str, state: str, custody: str):
    d = CollectingDispatcher()
    events = await ActionFormAnswerAlone().run(d, tracker({}, text=text, intent=("inform", 0.9)), {})
    assert events == [
        {"event": "slot", "timestamp": None, "name": "us_state", "value": state},
        {"event": "slot", "timestamp": None, "name": "custody_status", "value": custody},
        {"event": "followup", "timestamp": None, "name": "legal_aid_form"},
    ]


CRISIS_BEFORE = [
    {"event": "user", "text": "my uncle hits me"},
    {"event": "bot", "text": "...", "metadata": {"topic": "crisis"}},
    {"event": "bot", "text": "...", "metadata": {"topic": "find_legal_aid"}},
    {"event": "user", "text": "hes back"},
]


def test_a_follow_up_right_after_the_crisis_answer_gets_it_again_and_the_same_question():
    form = ValidateLegalAidForm()
    for validate, slot in (
        (form.validate_custody_status, "custody_status"),
        (form.validate_us_state, "us_state"),
        (form.validate_language_need, "language_need"),
    ):
        d = CollectingDispatcher()
        t = tracker({}, "hes back", loop="legal_aid_form", events=CRISIS_BEFORE, intent=("menu", 0.92))
        assert validate("hes back", d, t, {}) == {slot: None}
        assert [m["response"] for m in d.messages] == ["utter_crisis"]
        # Without the crisis answer before it, the same words count as skipped (never more than three questions).
        d = CollectingDispatcher()
        t = tracker({}, "hes back", loop="legal_aid_form", events=CRISIS_BEFORE[2:], intent=("menu", 0.92))
        assert validate("hes back", d, t, {}) == {slot: "skip"}
        assert d.messages == []
    # An answer, a skip or Cancel right after the crisis answer goes on as before.
    t = tracker({}, "in a shelter", loop="legal_aid_form", events=CRISIS_BEFORE, intent=("inform", 0.9))
    assert form.validate_custody_status("in a shelter", CollectingDispatcher(), t, {}) == {
        "custody_status": "in_custody"
    }
    t = tracker({}, "skip", loop="legal_aid_form", events=CRISIS_BEFORE, intent=("inform", 0.9))
    assert form.validate_us_state("skip", CollectingDispatcher(), t, {}) == {"us_state": "skip"}
    t = tracker({}, "cancel", loop="legal_aid_form", events=CRISIS_BEFORE, intent=("cancel", 0.99))
    assert form.validate_us_state("cancel", CollectingDispatcher(), t, {})["flow_cancelled"] is True


def test_a_state_named_right_after_the_crisis_answer_is_an_answer_not_a_follow_up():
    """'Florida' at the shelter question right after the crisis answer answers the state question (QA session 29)."""
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    t = tracker({}, "Florida", loop="legal_aid_form", events=CRISIS_BEFORE, intent=("inform", 0.9))
    assert form.validate_custody_status("Florida", d, t, {}) == {"custody_status": "skip", "us_state": "FL"}
    assert d.messages == []


@pytest.mark.parametrize(
    "text, lang", [("yes", "en"), ("si", "es"), ("Sí", "es"), ("sim", "pt"), ("oui", "fr"), ("wi", "ht")]
)
def test_a_bare_yes_at_the_language_question_asks_which_language_once(text: str, lang: str):
    from bot import content

    form = ValidateLegalAidForm()
    which = content.t("legal_aid.which_language", lang)
    asked = [{"event": "user", "text": "find a lawyer"}, {"event": "bot", "text": "Which US state?"}]
    d = CollectingDispatcher()
    t = tracker(
        {},
        text=text,
        lang=lang,
        loop="legal_aid_form",
        requested="language_need",
        events=[*asked, {"event": "user", "text": text}],
        intent=("affirm", 0.9),
    )
    assert form.validate_language_need(text, d, t, {}) == {"language_need": None}
    assert [m["text"] for m in d.messages] == [which]
    # The same yes again, right after "which language?": counted as skipped, no loop.
    again = [
        *asked,
        {"event": "user", "text": text},
        {"event": "bot", "text": which},
        {"event": "bot", "text": "Do you need help in a language other than English or Spanish?"},
        {"event": "user", "text": text},
    ]
    d = CollectingDispatcher()
    t = tracker(
        {}, text=text, lang=lang, loop="legal_aid_form", requested="language_need", events=again, intent=("affirm", 0.9)
    )
    assert form.validate_language_need(text, d, t, {}) == {"language_need": "skip"}
    assert d.messages == []
    # A named language after it is the answer.
    assert form.validate_language_need("portugues", d, t, {}) == {"language_need": "pt"}
    assert form.validate_language_need("francais", d, t, {}) == {"language_need": "fr"}


@pytest.mark.parametrize("lang", ["en", "es", "pt", "fr", "ht"])
def test_a_state_with_no_local_group_says_so_before_the_nationwide_ones(lang: str):
    from bot import content
    from bot.legal_aid import routing
    from bot.legal_aid.directory import US_STATES, get_directory
    from bot.legal_aid.presentation import results_text

    directory = get_directory()
    uncovered = next(s for s in sorted(US_STATES) if not any(o.covers(s) and not o.national for o in directory))
    covered = next(s for s in sorted(US_STATES) if any(o.covers(s) and not o.national for o in directory))
    for state, local in ((uncovered, False), (covered, True), (None, None)):
        matches = routing.rank(directory, routing.IN_CUSTODY, state, None)
        first = results_text(matches, routing.IN_CUSTODY, None, lang, state=state).split("\n\n")[0]
        if local is False:
            assert first == content.t("legal_aid.results_intro_no_local", lang, state=uncovered)
            assert all("local" not in m.reasons for m in matches) and matches
        else:
            assert first == content.t("legal_aid.results_intro", lang)


@pytest.mark.asyncio
@pytest.mark.parametrize("text, lang", [("my number is 555-555-0142", "en"), ("me llamo Carlos Fakename", "es")])
@pytest.mark.parametrize("handoff", [True, False])
async def test_a_name_or_number_with_no_form_asking_says_it_is_not_needed(
    text: str, lang: str, handoff: bool, tmp_path, monkeypatch
):
    """QA session 30: "my number is 555-..." got the menu; the bot does not need it, and says how a legal aid
    office can contact the user: the handoff (which asks for a yes first) where a listed office takes
    requests, else the legal-aid list (the seeded directory: no real office takes them yet)."""
    from bot import content
    from tests.bot.handoff.conftest import write_directory

    if handoff:
        monkeypatch.setenv("KYR_DIRECTORY_PATH", str(write_directory(tmp_path / "d.yml", "http://127.0.0.1:9/x")))
    d = CollectingDispatcher()
    await ActionFormAnswerAlone().run(d, tracker({}, text=text, lang=lang, intent=("inform", 0.9)), {})
    [message] = d.messages
    key, first = (
        ("personal_details_note", "/human_handoff")
        if handoff
        else ("personal_details_note_no_handoff", "/find_legal_aid")
    )
    assert message["text"].endswith(content.t(f"common.{key}", lang))
    assert message["text"].startswith(content.t("common.privacy_notice_first", lang, retention_hours=24)[:20])
    assert [b["payload"] for b in message["buttons"]] == [first, "/delete_my_data"]
    assert message["topic"] == "personal_details" and message["lang"] == lang


@pytest.mark.asyncio
async def test_an_unclear_message_with_a_number_gets_the_same_note_not_cant_answer():
    from actions.clarify import ActionOfferBoth
    from bot import content

    d = CollectingDispatcher()
    t = tracker({}, text="mi numero es 555 555 0142 llamenme", lang="es", intent=("nlu_fallback", 0.45))
    await ActionOfferBoth().run(d, t, {})
    assert [m["text"].endswith(content.t("common.personal_details_note_no_handoff", "es")) for m in d.messages] == [
        True
    ]


@pytest.mark.asyncio
async def test_a_confident_out_of_scope_name_gets_the_same_note_not_cant_answer():
    """Session 35: one training called "me llamo Carlos Fakename" out_of_scope at 0.78 instead of unsure, and the
    user saw "I can't answer that"; action_out_of_scope answers both intents alike."""
    from actions.clarify import ActionOutOfScope
    from bot import content

    d = CollectingDispatcher()
    await ActionOutOfScope().run(d, tracker({}, text="me llamo Carlos Fakename", intent=("out_of_scope", 0.78)), {})
    [message] = d.messages
    assert message["text"].endswith(content.t("common.personal_details_note_no_handoff", "es"))
    assert message["topic"] == "personal_details"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text, entities",
    [
        ("como mando dinero a guatemala", []),  # nothing personal: the usual answer
        # how the child feels comes first, even with a name in it: the NLG gives the feelings answer
        ("me llamo Ana Fakename y me siento muy triste", [{"entity": "feeling", "value": "feelings"}]),
    ],
)
async def test_out_of_scope_otherwise_gets_the_usual_answer(text, entities):
    from actions.clarify import ActionOutOfScope

    d = CollectingDispatcher()
    t = tracker({}, text=text, intent=("out_of_scope", 0.8))
    t.latest_message["entities"] = entities
    await ActionOutOfScope().run(d, t, {})
    assert [m["response"] for m in d.messages] == ["utter_out_of_scope"]


@pytest.mark.parametrize(
    "slot, text, lang",
    [("custody_status", "me llamo Ana Fakeperson", "es"), ("us_state", "my name is Jo Fakeperson", "en")],
)
def test_a_name_at_a_question_is_not_needed_once_then_counts_as_skipped(slot: str, text: str, lang: str):
    """Session 37, by hand: "me llamo Ana" at the shelter question was taken as a skipped answer, silently."""
    from bot import content

    form = ValidateLegalAidForm()
    validate = getattr(form, f"validate_{slot}")
    note = content.t("common.personal_details_in_form", lang)
    asked = [{"event": "user", "text": "find a lawyer"}, {"event": "bot", "text": "the question"}]
    d = CollectingDispatcher()
    t = tracker({}, text=text, lang=lang, loop="legal_aid_form", requested=slot, events=[*asked, {"event": "user"}])
    assert validate(text, d, t, {}) == {slot: None}
    assert [(m["text"], m["topic"]) for m in d.messages] == [(note, "find_legal_aid")]
    assert "Ana" not in note and "Jo" not in note
    # Typed again right after the note: no loop, the question counts it as skipped.
    again = [*asked, {"event": "user"}, {"event": "bot", "text": note}, {"event": "bot", "text": "the question"}]
    d = CollectingDispatcher()
    t = tracker({}, text=text, lang=lang, loop="legal_aid_form", requested=slot, events=[*again, {"event": "user"}])
    assert validate(text, d, t, {}) == {slot: "skip"} and d.messages == []


@pytest.mark.parametrize(
    "slot, text, custody",
    [
        ("us_state", "estoy en un albergue", "in_custody"),
        ("us_state", "ya sali del albergue", "released"),
        ("language_need", "i'm in a shelter", "in_custody"),
    ],
)
def test_the_shelter_answer_typed_late_is_kept_and_the_question_asked_again(slot: str, text: str, custody: str):
    form = ValidateLegalAidForm()
    validate = getattr(form, f"validate_{slot}")
    d = CollectingDispatcher()
    skipped = tracker({"custody_status": "skip"}, text=text, loop="legal_aid_form", requested=slot)
    assert validate(text, d, skipped, {}) == {"custody_status": custody, slot: None} and d.messages == []
    # Answered already: the question's own reading (here a skip) stands and the earlier answer is not replaced.
    answered = tracker(
        {"custody_status": "released" if custody == "in_custody" else "in_custody"},
        text=text,
        loop="legal_aid_form",
        requested=slot,
    )
    assert "custody_status" not in validate(text, d, answered, {})
    # A bare "no" at the state question is no shelter answer.
    assert (
        validate(
            "no", d, tracker({"custody_status": "skip"}, text="no", loop="legal_aid_form", requested=slot), {}
        ).get("custody_status")
        is None
    )


def test_soon_after_the_crisis_answer_an_unreadable_answer_gets_the_check_in_not_a_skip():
    """Session 40's blind tests (SMS, es/pt/ht): after the crisis answer in the form, "ok" and "y ahora q" were taken
    as skipped answers, and a child who had just told of abuse got the language question, then a lawyer list. Within
    DANGER_LATELY messages of the crisis answer such a message gets the check-in (the NLG turns the out-of-scope response
    into it, or into the telling answer for a fear of telling) and the same question again."""
    form = ValidateLegalAidForm()
    later = [{"event": "bot", "text": "...", "metadata": {"topic": "find_legal_aid"}}, {"event": "user", "text": "ok"}]
    for validate, slot in (
        (form.validate_custody_status, "custody_status"),
        (form.validate_us_state, "us_state"),
        (form.validate_language_need, "language_need"),
    ):
        for events in (CRISIS_BEFORE, CRISIS_BEFORE + later):
            d = CollectingDispatcher()
            t = tracker({}, "y ahora q", loop="legal_aid_form", events=events, intent=("affirm", 0.9))
            assert validate("y ahora q", d, t, {}) == {slot: None}
            assert [m["response"] for m in d.messages] == ["utter_out_of_scope"]
        # DANGER_LATELY messages later: as any other message no question reads (the state question, asked alone
        # just before, says once that it does not know that state).
        d = CollectingDispatcher()
        long_after = CRISIS_BEFORE + later * DANGER_LATELY
        t = tracker({}, "y ahora q", loop="legal_aid_form", events=long_after, intent=("affirm", 0.9))
        if slot == "us_state":
            assert validate("y ahora q", d, t, {}) == {slot: None}
            assert [m["text"] for m in d.messages] == [content.t("legal_aid.state_not_understood", "es")]
        else:
            assert validate("y ahora q", d, t, {}) == {slot: "skip"} and d.messages == []
    # "menu" still leaves the form (right after the crisis answer it gets that answer again: the test above), and an
    # answer is still an answer.
    t = tracker({}, "menu", loop="legal_aid_form", events=CRISIS_BEFORE + later, intent=("menu", 0.4))
    assert form.validate_us_state("menu", CollectingDispatcher(), t, {})["flow_cancelled"] is True
    t = tracker({}, "texas", loop="legal_aid_form", events=CRISIS_BEFORE, intent=("inform", 0.9))
    assert form.validate_us_state("texas", CollectingDispatcher(), t, {}) == {"us_state": "TX"}


def test_a_language_the_chat_does_not_speak_is_a_language_need_and_pular_alone_still_skips():
    """Session 40's blind test: "francais et pular" was lost ("pular" is Portuguese for skip, found inside it)."""
    form, d = ValidateLegalAidForm(), CollectingDispatcher()
    t = tracker({}, loop="legal_aid_form")
    assert form.validate_language_need("je parle pulaar", d, t, {}) == {"language_need": "ff"}
    assert form.validate_language_need("je parle pular", d, t, {}) == {"language_need": "ff"}
    assert form.validate_language_need("wolof", d, t, {}) == {"language_need": "wo"}
    assert form.validate_language_need("francais et pular", d, t, {}) == {"language_need": "fr"}
    assert form.validate_language_need("pular", d, t, {}) == {"language_need": "skip"}
    assert form.validate_language_need("quero pular essa pergunta", d, t, {}) == {"language_need": "skip"}
