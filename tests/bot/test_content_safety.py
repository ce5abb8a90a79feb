"""Safety wording of the real answers (issue #11): what a child in a shelter or a CBP cell reads first."""

from __future__ import annotations

import re

import pytest

from bot import content
from bot.nlu.languages import SUPPORTED
from bot.server.nlg import SMS_CHANNEL, render_answer

# "Tell staff or your counselor" in each language, and the first phone number a text gives.
STAFF = {"en": r"\b(staff|counselor)\b", "es": r"\b(personal|consejer[oa])\b"}
NUMBER = re.compile(r"\b(911|988|1-8\d\d-\d{3}-\d{4})\b")
SAFETY_FIRST = {"en": "safety comes first", "es": "seguridad es lo primero"}
OWN_LAWYER = {"en": "your own lawyer", "es": "tu propio abogado"}


@pytest.fixture(autouse=True)
def _real_content() -> None:
    content.load(content.LOCALES_DIR, force=True)


def texts(answer_id: str, lang: str) -> dict[str, str]:
    answer = content.answer(answer_id, lang)
    params = content.dynamic_params()
    return {"short": content.fill(answer.short, **params), "full": content.fill(answer.full, **params)}


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("form", ["short", "full"])
def test_crisis_says_tell_staff_before_any_phone_number(lang: str, form: str) -> None:
    # Children in shelters and CBP/ICE cells usually have no phone: the first step must work without one.
    text = texts("crisis", lang)[form]
    staff, number = re.search(STAFF[lang], text, re.IGNORECASE), NUMBER.search(text)
    assert staff and number and staff.start() < number.start(), text
    assert SAFETY_FIRST[lang] in text.lower()
    assert "233733" in text and re.search(r"\bsex", text, re.IGNORECASE)  # trafficking incl. sex, and the text line


@pytest.mark.parametrize("lang", SUPPORTED)
def test_crisis_says_it_is_ok_if_staff_write_it_down(lang: str) -> None:
    for text in texts("crisis", lang).values():
        assert re.search({"en": r"write (it|down)", "es": r"anot(en|e|ar)"}[lang], text), text


@pytest.mark.parametrize("lang", SUPPORTED)
def test_mandatory_reporting_promises_nothing_and_names_the_orr_file(lang: str) -> None:
    promises = {
        "en": r"tell you before|most of the time, you choose|stays? (private|confidential)",
        "es": r"te avisa antes|casi siempre, t[uú] eliges|(queda|es) (en )?(privado|confidencial)\b(?! del todo)",
    }[lang]
    orr_file = {"en": r"(ORR file|file at ORR)", "es": r"expediente de ORR"}[lang]
    for form, text in texts("mandatory_reporting", lang).items():
        assert not re.search(promises, text, re.IGNORECASE), (form, text)
        assert re.search(orr_file, text), (form, text)
        assert re.search({"en": r"incident reports?|reports to ORR", "es": r"reportes a ORR"}[lang], text), (form, text)
    assert content.answer("mandatory_reporting", lang).next[0] == "therapy_privacy"


@pytest.mark.parametrize("lang", SUPPORTED)
def test_disclosure_guard_always_carries_a_safety_line(lang: str) -> None:
    for form, text in texts("disclosure_guard", lang).items():
        assert re.search(STAFF[lang], text, re.IGNORECASE), form
        assert "911" in text and "988" in text and "1-800-422-4453" in text, form
        assert OWN_LAWYER[lang] in text.lower(), form


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("answer_id", ["therapy_privacy", "what_to_share", "disclosure_guard"])
def test_lawyer_first_advice_has_the_safety_exception(lang: str, answer_id: str) -> None:
    fear = {"en": "afraid of where you will live|fear where you will live", "es": "miedo del lugar donde vas a vivir"}[
        lang
    ]
    for form, text in texts(answer_id, lang).items():
        assert SAFETY_FIRST[lang] in text.lower() and re.search(fear, text), (answer_id, form)
        assert OWN_LAWYER[lang] in text.lower(), (answer_id, form)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_lawyer_privacy_says_the_governments_lawyer_is_not_on_your_side(lang: str) -> None:
    for text in texts("lawyer_privacy", lang).values():
        assert OWN_LAWYER[lang] in text.lower()
        assert re.search(
            {"en": r"government has its own lawyer", "es": r"gobierno (también )?tiene su propio abogado"}[lang], text
        )


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("answer_id", ["menu", "out_of_scope"])
def test_sms_menu_points_to_crisis_help(lang: str, answer_id: str) -> None:
    # HELP/AYUDA opens the menu on SMS; the menu itself must say what to do in danger.
    sms = render_answer(answer_id, lang, SMS_CHANNEL, {})["text"]
    staff, number = re.search(STAFF[lang], sms, re.IGNORECASE), NUMBER.search(sms)
    assert staff and number and "911" in sms and "988" in sms, sms
    assert "911" in texts(answer_id, lang)["full"]


@pytest.mark.parametrize("lang", SUPPORTED)
def test_bot_privacy_promises_only_what_is_true(lang: str) -> None:
    overpromise = {
        "en": r"no one .{0,30}log in|don't save|all names|names .{0,40}taken out\b(?!.*miss)",
        "es": r"nadie del albergue|no guardo mensajes|todos los nombres",
    }[lang]
    for form, text in texts("bot_privacy", lang).items():
        assert not re.search(overpromise, text, re.IGNORECASE), (form, text)
        assert re.search(
            {
                "en": r"don't tell me (your name or )?your story",
                "es": r"no me (digas tu nombre ni me )?cuentes tu historia",
            }[lang],
            text,
        ), form
        assert re.search(
            {"en": r"people who run this service can see", "es": r"manejan este servicio pueden ver"}[lang], text
        ), form
    assert re.search(
        {"en": r"may see this screen", "es": r"pueden ver esta pantalla"}[lang], texts("bot_privacy", lang)["full"]
    )
    assert not re.search(
        r"not saved on this|no se guarda en esta|privad[ao]|private",
        content.t("web.privacy_note", lang) + content.t("web.intro", lang) + content.t("web.card.subtitle", lang),
        re.IGNORECASE,
    )


@pytest.mark.parametrize("lang", SUPPORTED)
def test_rights_in_custody_credits_the_2024_rule_and_lists_only_sourced_rights(lang: str) -> None:
    full = texts("rights_in_custody", lang)["full"]
    assert "2024" in full and "410" in full and "CBP" in full and "Flores" in full
    for answer_id in ("rights_in_custody", "caregiver_help"):
        for text in texts(answer_id, lang).values():
            assert not re.search(
                {"en": r"\b(food|medical care|school)\b", "es": r"\b(comida|atención médica|escuela)\b"}[lang], text
            ), answer_id


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("answer_id", ["therapy_notes_ice", "case_file_access"])
def test_ice_access_to_orr_records_is_said_and_attributed(lang: str, answer_id: str) -> None:
    for text in texts(answer_id, lang).values():
        assert re.search({"en": r"News reports say", "es": r"Las noticias dicen"}[lang], text) and "2025" in text
    assert any("immpolicytracking.org" in s.url for s in content.answer(answer_id, lang).sources)


def test_spanish_meaning_drift_is_gone() -> None:
    es = {a: texts(a, "es") for a in ("therapy_privacy", "therapy_notes_ice", "sponsor_privacy")}
    assert "antes llegó a ICE" not in es["therapy_privacy"]["short"]
    assert "para protegerte" not in es["therapy_notes_ice"]["full"]
    assert "con claridad" in es["therapy_notes_ice"]["short"]
    assert content.answer("therapy_notes_ice", "es").title == "¿ICE ve mis notas de terapia?"
    assert "quitaron esa regla" not in es["sponsor_privacy"]["full"]
