from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handoff as h
from bot.handoff import answers, fields, payload, summary, worker
from bot.handoff.crypto import unseal
from bot.handoff.outbox import Outbox
from bot.handoff.receiver import Receiver
from bot.legal_aid.directory import load_directory
from tests.bot.handoff.conftest import PARTNER_SECRET, write_directory

PHONE = "+15555550123"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KYR_HANDOFF_KEY", Fernet.generate_key().decode())
    monkeypatch.setenv("KYR_SENDER_HASH_KEY", "test-sender-hash-key")
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{tmp_path / 'handoffs.db'}")
    monkeypatch.setenv("KYR_TEST_PARTNER_SECRET", PARTNER_SECRET)
    receiver = Receiver(PARTNER_SECRET).start()
    monkeypatch.setenv("KYR_DIRECTORY_PATH", str(write_directory(tmp_path / "directory.yml", receiver.url)))
    yield tmp_path
    receiver.stop()


def tracker(
    slots: dict[str, Any],
    text: str = "",
    lang: str = "es",
    intent: str = "nlu_fallback",
    events: list[dict[str, Any]] | None = None,
    confidence: float = 0.5,
) -> Tracker:
    base = {"language": lang, "handoff_key": "0b4c1f7e-7a53-4a53-9a0e-0d9c4c1b2a11", **slots}
    return Tracker(
        "web-fake-sender",
        base,
        {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []},
        events or [],
        False,
        None,
        {"name": "handoff_form"},
        "action_listen",
    )


FILLED = {
    "handoff_role": "youth",
    "handoff_in_custody": "yes",
    "handoff_state": "TX",
    "handoff_age_group": "under_18",
    "handoff_contact_method": "sms",
    "handoff_contact_value": PHONE,
}
EVENTS = [
    {"event": "user", "text": "mi historia con nombres", "metadata": {}},
    {"event": "bot", "text": "...", "metadata": {"topic": "right_to_lawyer", "lang": "es"}},
]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("soy el joven", "youth"),
        ("youth", "youth"),
        ("I'm his mom", "caregiver"),
        ("patrocinador", "caregiver"),
        ("caseworker", "caseworker"),
        ("trabajadora social", "caseworker"),
        ("hmm", None),
    ],
)
def test_parse_role(text, expected):
    assert answers.parse_role(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("under 18", "under_18"),
        ("16", "under_18"),
        ("tengo 17 años", "under_18"),
        ("18 or older", "18_plus"),
        ("19", "18_plus"),
        ("no sé", "unknown"),
        ("what", None),
        ("he is 15", "under_18"),
        ("she's 16", "under_18"),
        ("I'm 17", "under_18"),
        ("tiene 15 años", "under_18"),
        ("el tiene 19", "18_plus"),
    ],
)
def test_parse_age_group_keeps_only_the_group(text, expected):
    assert answers.parse_age_group(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("sí", ("yes", None)),
        ("yes", ("yes", None)),
        ("2", ("change", 2)),
        ("cambiar 4", ("change", 4)),
        ("remove 2", ("remove", 2)),
        ("quitar 6", ("remove", 6)),
        ("no", ("no", None)),
        ("cancelar", ("cancel", None)),
    ],
)
def test_parse_confirm(text, expected):
    assert answers.parse_confirm(text) == expected


@pytest.mark.asyncio
async def test_summary_lists_every_field_in_spanish_with_the_contact(env):
    d = CollectingDispatcher()
    await h.ActionAskHandoffConfirm().run(d, tracker(FILLED, events=EVENTS), {})
    text = d.messages[0]["text"]
    assert "Fake Legal Aid for Kids" in text and PHONE in text and "TX" in text
    for n in range(1, 8):
        assert f"\n{n}. " in text
    assert "Derecho a un abogado" in text or "abogado" in text  # topic title, not message text
    assert "mi historia" not in text
    assert (d.messages[0]["topic"], d.messages[0]["lang"]) == ("human_handoff", "es")


def test_change_and_remove_fields():
    form = h.ValidateHandoffForm()
    d = CollectingDispatcher()
    t = tracker(FILLED)
    assert form.validate_handoff_confirm("2", d, t, {}) == {
        "handoff_contact_method": None,
        "handoff_contact_value": None,
        "handoff_confirm": None,
    }
    assert form.validate_handoff_confirm("quitar 4", d, t, {}) == {"handoff_state": "removed", "handoff_confirm": None}
    assert form.validate_handoff_confirm("remove 6", d, t, {}) == {
        "handoff_topics_removed": True,
        "handoff_confirm": None,
    }
    assert form.validate_handoff_confirm("remove 1", d, t, {}) == {"handoff_confirm": None}
    assert "necesita" in d.messages[-1]["text"]


@pytest.mark.parametrize("answer,intent", [("no", "deny"), ("cancelar", "cancel"), ("cancel", "cancel")])
def test_declining_or_cancelling_sends_nothing(env, answer, intent):
    result = h.ValidateHandoffForm().validate_handoff_confirm(
        answer, CollectingDispatcher(), tracker(FILLED, answer, intent=intent), {}
    )
    assert result == {"requested_slot": None, "flow_cancelled": True}
    assert Outbox.from_settings().list_all() == []


def test_a_state_named_with_the_custody_answer_is_kept(env):
    form, d = h.ValidateHandoffForm(), CollectingDispatcher()
    assert form.validate_handoff_in_custody("estoy en un albergue en Texas", d, tracker({}), {}) == {
        "handoff_in_custody": "yes",
        "handoff_state": "TX",
    }
    # Not understood as a custody answer: asked again, but the state is not asked later.
    result = form.validate_handoff_in_custody("Texas", d, tracker({}), {})
    assert result == {"handoff_in_custody": None, "handoff_state": "TX"}
    assert form.validate_handoff_in_custody("ya salí", d, tracker({"handoff_state": "CA"}), {}) == {
        "handoff_in_custody": "no"
    }


def _question_validators(form: h.ValidateHandoffForm) -> tuple:
    """The validation of every question before the confirmation."""
    return (
        form.validate_handoff_role,
        form.validate_handoff_in_custody,
        form.validate_handoff_state,
        form.validate_handoff_age_group,
        form.validate_handoff_contact_method,
        form.validate_handoff_contact_value,
    )


def test_cancel_typed_at_any_step_sends_nothing(env):
    form = h.ValidateHandoffForm()
    t = tracker({})
    for validate in _question_validators(form):
        assert validate("cancelar", CollectingDispatcher(), t, {})["flow_cancelled"] is True
    assert Outbox.from_settings().list_all() == []


def test_wait_at_any_question_asks_it_again_without_i_didnt_understand(env):
    form = h.ValidateHandoffForm()
    for validate in _question_validators(form):
        d = CollectingDispatcher()
        slot = validate.__name__.removeprefix("validate_")
        assert validate("espera", d, tracker({}, text="espera"), {}) == {slot: None}, slot
        assert d.messages == [], slot


def test_a_longer_cancel_the_classifier_is_sure_of_ends_the_form_at_any_step(env):
    form, text = h.ValidateHandoffForm(), "ya no quiero seguir con esto"
    for validate in _question_validators(form):
        sure = tracker({}, text, intent="cancel", confidence=0.9)
        assert validate(text, CollectingDispatcher(), sure, {})["flow_cancelled"] is True
        # Unsure: not a cancel (the question is asked again or the answer is checked as before).
        unsure = tracker({}, text, intent="cancel", confidence=0.6)
        assert "flow_cancelled" not in validate(text, CollectingDispatcher(), unsure, {})
    sure = tracker(FILLED, text, intent="cancel", confidence=0.9)
    assert form.validate_handoff_confirm(text, CollectingDispatcher(), sure, {})["flow_cancelled"] is True
    # A real answer is never taken for a cancel.
    answer = tracker({}, "Texas", intent="cancel", confidence=0.99)
    assert form.validate_handoff_state("Texas", CollectingDispatcher(), answer, {}) == {"handoff_state": "TX"}
    assert Outbox.from_settings().list_all() == []


def test_menu_or_the_sms_help_keyword_at_any_step_leaves_for_the_menu_and_sends_nothing(env):
    form = h.ValidateHandoffForm()
    for validate in (*_question_validators(form), form.validate_handoff_confirm):
        for typed in ("menu", "/menu", '/menu{"language":"en"}'):
            result = validate(typed, CollectingDispatcher(), tracker(FILLED, typed), {})
            assert (result["flow_cancelled"], result["flow_to_menu"]) == (True, True)
    assert Outbox.from_settings().list_all() == []


@pytest.mark.asyncio
async def test_yes_enqueues_exactly_the_summary_and_worker_delivers(env):
    d = CollectingDispatcher()
    t = tracker(FILLED, "sí", intent="affirm", events=EVENTS)
    result = h.ValidateHandoffForm().validate_handoff_confirm("sí", d, t, {})
    assert result["handoff_confirm"] == "yes" and payload.REFERENCE_RE.match(result["handoff_reference"])
    # The same yes again (e.g. Rasa retried after a crash) does not create a second handoff.
    again = h.ValidateHandoffForm().validate_handoff_confirm("sí", d, t, {})
    assert again["handoff_reference"] == result["handoff_reference"]
    outbox = Outbox.from_settings()
    assert len(outbox.list_all()) == 1
    claimed = outbox.claim_due()
    doc = claimed[0].payload
    assert doc["id"] == "0b4c1f7e-7a53-4a53-9a0e-0d9c4c1b2a11"
    assert {
        k: doc[k] for k in ("org_id", "language", "topics", "role", "in_custody", "state", "age_group", "contact")
    } == {
        "org_id": "fake_legal_aid",
        "language": "es",
        "topics": ["right_to_lawyer"],
        "role": "youth",
        "in_custody": True,
        "state": "TX",
        "age_group": "under_18",
        "contact": {"method": "sms", "value": PHONE},
    }
    assert doc["consent"]["text_id"] == summary.CONSENT_TEXT_ID and doc["consent"]["text_version"] == "1"
    payload.validate(doc)

    submit = CollectingDispatcher()
    await h.ActionHandoffSubmit().run(submit, tracker({**FILLED, **result}), {})
    text = submit.messages[0]["text"]
    assert result["handoff_reference"] in text and "48 horas" in text and "mensaje de texto" in text
    assert "1-555-555-0199" in text and "1-555-555-0100" not in text  # hidden contact stays hidden


def test_removed_fields_are_null_in_the_payload(env):
    slots = {
        **FILLED,
        "handoff_state": "removed",
        "handoff_age_group": "removed",
        "handoff_topics_removed": True,
        "handoff_contact_method": "through_caseworker",
        "handoff_contact_value": "n/a",
    }
    # A removed state leaves only organizations serving the whole country: the fake one is TX/AZ only.
    result = h.ValidateHandoffForm().validate_handoff_confirm(
        "yes", CollectingDispatcher(), tracker(slots, lang="en"), {}
    )
    assert result == {"handoff_confirm": "no_partner"}
    assert Outbox.from_settings().list_all() == []
    slots["handoff_state"] = "AZ"
    result = h.ValidateHandoffForm().validate_handoff_confirm(
        "yes", CollectingDispatcher(), tracker(slots, lang="en"), {}
    )
    doc = Outbox.from_settings().claim_due()[0].payload
    assert (
        doc["age_group"] is None
        and doc["topics"] == []
        and doc["contact"] == {"method": "through_caseworker", "value": None}
    )


@pytest.mark.asyncio
async def test_start_prefills_from_routing_and_says_so_when_no_partner(env, monkeypatch):
    events = await h.ActionHandoffStart().run(
        CollectingDispatcher(), tracker({"custody_status": "in_custody", "us_state": "TX"}), {}
    )
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert values["handoff_in_custody"] == "yes" and values["handoff_state"] == "TX" and values["handoff_key"]
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "handoff_form"}
    monkeypatch.delenv("KYR_DIRECTORY_PATH")  # the seeded directory: no real organization takes handoffs
    d = CollectingDispatcher()
    assert await h.ActionHandoffStart().run(d, tracker({"us_state": "TX"}), {}) == []
    assert "ninguna oficina" in d.messages[0]["text"] and "ProBAR" in d.messages[0]["text"]
    # "tem alguem ai?" reaches this too (session 42): the reply says first that no person is here.
    assert "Soy un bot, no una persona. Para hablar con una persona ahora" in d.messages[0]["text"]
    # "i need someone to talk to" (session 44's blind test got only lawyers): the counselor, staff and 988 first.
    assert d.messages[0]["text"].index("988") < d.messages[0]["text"].index("ninguna oficina")


def test_contact_value_is_checked_for_its_method(env):
    form = h.ValidateHandoffForm()
    d = CollectingDispatcher()
    assert form.validate_handoff_contact_value("call me", d, tracker({"handoff_contact_method": "sms"}), {}) == {
        "handoff_contact_value": None
    }
    # Contact values are sealed (encrypted) in the slot: the tracker store never sees them in clear.
    email = form.validate_handoff_contact_value(
        "fake.person@example.org", d, tracker({"handoff_contact_method": "email"}), {}
    )
    assert email["handoff_contact_value"].startswith("sealed:") and "example.org" not in email["handoff_contact_value"]
    assert unseal(email["handoff_contact_value"]) == "fake.person@example.org"
    method = form.validate_handoff_contact_method("555 555 0123", d, tracker({}), {})
    assert method["handoff_contact_method"] == "sms" and unseal(method["handoff_contact_value"]) == PHONE
    assert "0123" not in method["handoff_contact_value"]


def test_overdue_notice_once_with_direct_contact(env, monkeypatch):
    from bot.handoff import overdue_notice

    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "1")
    monkeypatch.setenv("KYR_TEST_PARTNER_SECRET", "")  # deliveries fail: missing secret
    result = h.ValidateHandoffForm().validate_handoff_confirm("yes", CollectingDispatcher(), tracker(FILLED), {})
    worker.run_once(Outbox.from_settings(), load_directory())
    assert overdue_notice("web-fake-sender", "es") is None  # not overdue yet
    later = time.time() + 120
    text = overdue_notice("web-fake-sender", "es", now=later)
    assert result["handoff_reference"] in text and "1-555-555-0199" in text and "1-555-555-0100" not in text
    assert overdue_notice("web-fake-sender", "es", now=later) is None  # told once
    assert overdue_notice("someone-else", "es", now=later) is None


def test_pick_org_ranks_by_the_language_need_not_the_conversation_language(tmp_path, monkeypatch):
    """A K'iche' speaker chatting in Spanish gets the organization that serves Mayan languages."""
    entry = """
  - id: {id}
    name: Fake {id}
    kind: legal_services
    serves: [youth_in_custody]
    where: national
    languages: {languages}
    contacts:
      - {{type: phone, value: "1-555-555-01{n}"}}
    handoff:
      webhook: {{url: "http://127.0.0.1:9/kyr/handoffs", secret_env: KYR_TEST_ORG_SECRET}}
      respond_within_hours: 48
    source: "test fixture"
    last_verified: 2026-12-01
"""
    directory = tmp_path / "directory.yml"
    directory.write_text(
        "version: 1\nentries:"
        + entry.format(id="a_spanish_only", languages="[es]", n="10")
        + entry.format(id="b_mayan_too", languages="[es, mayan]", n="11")
    )
    monkeypatch.setenv("KYR_DIRECTORY_PATH", str(directory))
    monkeypatch.setenv("KYR_TEST_ORG_SECRET", "fake-secret")
    base = {"role": "youth", "in_custody": True, "state": None}
    assert summary.pick_org({**base, "language": "es", "language_need": "kiche"}).id == "b_mayan_too"
    assert summary.pick_org({**base, "language": "es", "language_need": "mayan"}).id == "b_mayan_too"


def yes_with_new_key(sender_slots: dict[str, Any], dispatcher: CollectingDispatcher) -> dict[str, Any]:
    """'Yes' to the summary of a new handoff (its own handoff_key) in the same conversation."""
    t = tracker({**FILLED, **sender_slots, "handoff_key": str(__import__("uuid").uuid4())}, "sí", intent="affirm")
    return h.ValidateHandoffForm().validate_handoff_confirm("sí", dispatcher, t, {})


def test_handoffs_are_capped_per_conversation_with_a_clear_reply(env, monkeypatch):
    """Issue 15 (medium 6): a conversation cannot flood partners; the user still gets the contacts."""
    monkeypatch.setenv("KYR_HANDOFF_MAX_PER_CONVERSATION", "2")
    for _ in range(2):
        assert yes_with_new_key({}, CollectingDispatcher())["handoff_confirm"] == "yes"
    d = CollectingDispatcher()
    assert yes_with_new_key({}, d) == {"handoff_confirm": "limited"}
    assert len(Outbox.from_settings().list_all()) == 2
    assert d.messages[-1]["text"].startswith("Ya enviaste todas las solicitudes") and "1-555" in d.messages[-1]["text"]


def test_handoffs_are_capped_per_hour_for_the_whole_service(env, monkeypatch):
    monkeypatch.setenv("KYR_HANDOFF_MAX_PER_HOUR", "1")
    assert yes_with_new_key({}, CollectingDispatcher())["handoff_confirm"] == "yes"
    other = tracker({**FILLED, "handoff_key": "5d1c6f3e-7a53-4a53-9a0e-0d9c4c1b2a12"}, "sí", intent="affirm")
    other.sender_id = "web-another-fake-sender"
    assert h.ValidateHandoffForm().validate_handoff_confirm("sí", CollectingDispatcher(), other, {}) == {
        "handoff_confirm": "limited"
    }


@pytest.mark.asyncio
async def test_a_cancel_word_at_any_question_ends_the_form_with_no_next_question(env):
    """No rule reacts to the cancel intent inside the form (it took answers such as 'skip' for cancel):
    the validation's own cancel check must end the form, so rasa-sdk must ask no next slot."""
    from rasa_sdk.events import SlotSet

    typed = [
        {"event": "user", "text": "cancelar", "parse_data": {}},
        {"event": "slot", "name": "handoff_state", "value": "cancelar"},
    ]  # what the from_text mapping fills
    early = {
        "handoff_role": "youth",
        "handoff_in_custody": "yes",
        "handoff_contact_method": None,
    }  # asked before the contact
    t = tracker({**early, "requested_slot": "handoff_state", "handoff_state": "cancelar"}, "cancelar", events=typed)
    events = await h.ValidateHandoffForm().run(
        CollectingDispatcher(),
        t,
        {
            "slots": {s: {} for s in fields.REQUIRED},
            "forms": {"handoff_form": {"required_slots": list(fields.REQUIRED)}},
        },
    )
    asked = [e["value"] for e in events if e.get("name") == "requested_slot"]
    assert asked and asked[-1] is None, asked  # the last word on the next question: none
    assert SlotSet("flow_cancelled", True) in events


def test_a_mayan_language_need_is_shown_on_the_summary_and_sent_as_interpreter(env):
    """Issue #12 item 4: the organization learns which interpreter to bring; the user saw it first."""
    fields = {"language": "es", "language_need": "kiche"}
    assert summary.interpreter_need(fields) == "kiche"
    assert summary.interpreter_need({"language": "es", "language_need": "es"}) is None
    # Legal aid works in English and Spanish: a Portuguese speaker who asked for Portuguese needs an interpreter there.
    assert summary.interpreter_need({"language": "pt", "language_need": "pt"}) == "pt"
    assert summary.interpreter_need({"language": "pt", "language_need": "none"}) is None
    assert summary.interpreter_need({"language": "es", "language_need": None}) is None


CRISIS_BEFORE = [
    {"event": "user", "text": "i want to kill myself"},
    {"event": "bot", "text": "...", "metadata": {"topic": "crisis"}},
    {"event": "bot", "text": "...", "metadata": {"topic": "human_handoff"}},
    {"event": "user", "text": "hes back"},
]


def test_a_follow_up_right_after_the_crisis_answer_gets_it_again_at_every_step(env):
    form = h.ValidateHandoffForm()
    slots = ("role", "in_custody", "state", "age_group", "contact_method", "contact_value", "confirm")
    validators = (*_question_validators(form), form.validate_handoff_confirm)
    for validate, slot in zip(validators, slots):
        for typed, intent in (("hes back", "menu"), ("what do i do", "menu"), ("ya volvio", "cancel")):
            d = CollectingDispatcher()
            result = validate(typed, d, tracker(FILLED, typed, intent=intent, events=CRISIS_BEFORE), {})
            assert result == {f"handoff_{slot}": None}, (slot, typed)
            assert [m.get("response") for m in d.messages] == ["utter_crisis"]
        # Cancel, or the menu button / SMS keyword, still leave; nothing is sent.
        assert validate("cancel", CollectingDispatcher(), tracker(FILLED, "cancel", events=CRISIS_BEFORE), {})[
            "flow_cancelled"
        ]
        result = validate("/menu", CollectingDispatcher(), tracker(FILLED, "/menu", "en", "menu", CRISIS_BEFORE), {})
        assert result["flow_to_menu"] is True
    # A real answer right after the crisis answer is taken.
    t = tracker({}, "Texas", events=CRISIS_BEFORE)
    assert form.validate_handoff_state("Texas", CollectingDispatcher(), t, {}) == {"handoff_state": "TX"}
    assert Outbox.from_settings().list_all() == []


def test_a_name_at_a_question_is_not_needed_but_a_number_at_the_contact_question_is_asked_for(env):
    from bot import content

    form, d = h.ValidateHandoffForm(), CollectingDispatcher()
    text = "me llamo Ana Fakeperson"
    assert form.validate_handoff_in_custody(text, d, tracker({}, text), {}) == {"handoff_in_custody": None}
    assert [m["text"] for m in d.messages] == [content.t("common.personal_details_in_form", "es")]
    # The contact questions ask for a number or address: no such note there.
    d = CollectingDispatcher()
    form.validate_handoff_contact_method("555-555-0142", d, tracker({}, "555-555-0142"), {})
    assert content.t("common.personal_details_in_form", "es") not in [m.get("text") for m in d.messages]
