"""Safety wording of the real answers (issue #11): what a child in a shelter or a CBP cell reads first."""

from __future__ import annotations

import re

import pytest

from bot import content
from bot.nlu.languages import SUPPORTED
from bot.server.nlg import SMS_CHANNEL, render_answer

# "Tell staff or your counselor" in each language, and the first phone number a text gives.
# Every table has one entry per supported language: a new language adds its wording here.
STAFF = {
    "en": r"\b(staff|counselor)\b",
    "es": r"\b(personal|consejer[oa])\b",
    "pt": r"\b(equipe|conselheir[oa])\b",
    "fr": r"\b(personnel|conseill[eè]re?)\b",
    "ht": r"\b(anplwaye|konseye)\b",
}
NUMBER = re.compile(r"\b(911|988|1-8\d\d-\d{3}-\d{4})\b")
SAFETY_FIRST = {
    "en": r"safety comes first",
    "es": r"seguridad es lo primero",
    "pt": r"seguran[çc]a vem primeiro",
    "fr": r"s[ée]curit[ée] (passe )?d'abord",
    "ht": r"sekirite ou vini anvan",
}
OWN_LAWYER = {
    "en": r"your own lawyer",
    "es": r"tu propio abogado",
    "pt": r"\bseu (pr[óo]prio )?advogad[oa]",
    "fr": r"ton propre avocat",
    "ht": r"pw[òo]p avoka (ou|w)\b",
}


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
    assert re.search(SAFETY_FIRST[lang], text.lower())
    assert "233733" in text and re.search(
        r"\bsex|\bs[èe]ks", text, re.IGNORECASE
    )  # trafficking incl. sex, and the text line


@pytest.mark.parametrize("lang", SUPPORTED)
def test_crisis_says_it_is_ok_if_staff_write_it_down(lang: str) -> None:
    for text in texts("crisis", lang).values():
        write_down = {
            "en": r"write (it|down)",
            "es": r"anot(en|e|ar)",
            "pt": r"anot(ar|e|em)",
            "fr": r"(noter|[ée]crire)",
            "ht": r"ekri sa",
        }
        assert re.search(write_down[lang], text), text


@pytest.mark.parametrize("lang", SUPPORTED)
def test_mandatory_reporting_promises_nothing_and_names_the_orr_file(lang: str) -> None:
    promises = {
        "en": r"tell you before|most of the time, you choose|stays? (private|confidential)",
        "es": r"te avisa antes|casi siempre, t[uú] eliges|(queda|es) (en )?(privado|confidencial)\b(?! del todo)",
        "pt": r"te avisa antes|quase sempre,? voc[êe] escolhe|(?<!n[ãa]o )\b(fica|[ée]) (em )?(privad|confidencia)\w*\b",
        "fr": r"te pr[ée]vien(t|dra) avant|presque toujours,? tu choisis|reste (priv[ée]|confidentiel)",
        "ht": r"ap di w anvan|pr[èe]ske toujou,? se ou ki chwazi|rete (prive|sekr[èe])",
    }[lang]
    orr_file = {
        "en": r"(ORR file|file at ORR)",
        "es": r"expediente de ORR",
        "pt": r"(ficha|arquivo|dossi[êe]|processo) (do|no|na) ORR",
        "fr": r"dossier (de l'|à l'|a l'|chez l')?ORR",
        "ht": r"dosye (ou )?(nan |bay )?ORR",
    }[lang]
    incident = {
        "en": r"incident reports?|reports to ORR",
        "es": r"reportes a ORR",
        "pt": r"relat[óo]rios? (para o|ao|à|a) ORR|relat[óo]rios? de incidente",
        "fr": r"rapports? (à|a) l'ORR|rapports? d'incident",
        "ht": r"rap[òo] (bay|nan) ORR|rap[òo] ensidan",
    }[lang]
    for form, text in texts("mandatory_reporting", lang).items():
        assert not re.search(promises, text, re.IGNORECASE), (form, text)
        assert re.search(orr_file, text), (form, text)
        assert re.search(incident, text), (form, text)
    assert content.answer("mandatory_reporting", lang).next[0] == "therapy_privacy"


@pytest.mark.parametrize("lang", SUPPORTED)
def test_disclosure_guard_always_carries_a_safety_line(lang: str) -> None:
    for form, text in texts("disclosure_guard", lang).items():
        assert re.search(STAFF[lang], text, re.IGNORECASE), form
        assert "911" in text and "988" in text and "1-800-422-4453" in text, form
        assert re.search(OWN_LAWYER[lang], text.lower()), form


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("answer_id", ["therapy_privacy", "what_to_share", "disclosure_guard"])
def test_lawyer_first_advice_has_the_safety_exception(lang: str, answer_id: str) -> None:
    fear = {
        "en": "afraid of where you will live|fear where you will live",
        "es": "miedo del lugar donde vas a vivir",
        "pt": r"medo (do lugar )?(de )?onde (voc[êe] )?vai morar",
        "fr": r"peur de l'endroit o[uù] tu vas (vivre|habiter)",
        "ht": r"p[èe] kote (ou|w) pral (viv|rete)",
    }[lang]
    for form, text in texts(answer_id, lang).items():
        assert re.search(SAFETY_FIRST[lang], text.lower()) and re.search(fear, text), (answer_id, form)
        assert re.search(OWN_LAWYER[lang], text.lower()), (answer_id, form)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_lawyer_privacy_says_the_governments_lawyer_is_not_on_your_side(lang: str) -> None:
    for text in texts("lawyer_privacy", lang).values():
        assert re.search(OWN_LAWYER[lang], text.lower())
        government = {
            "en": r"government has its own lawyer",
            "es": r"gobierno (también )?tiene su propio abogado",
            "pt": r"governo (tamb[ée]m )?tem (o )?pr[óo]prio advogado",
            "fr": r"gouvernement a (aussi )?son propre avocat",
            "ht": r"gouv[èe]nman an gen pw[òo]p avoka pa l",
        }
        assert re.search(government[lang], text)


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
        "pt": r"ningu[ée]m do abrigo|n[ãa]o guardo mensagens|todos os nomes",
        "fr": r"personne (du|au) foyer ne|je ne garde (pas (tes|les) messages|rien)|tous les noms",
        "ht": r"p[èe]sonn nan abri|mwen pa kenbe mesaj|tout non yo",
    }[lang]
    for form, text in texts("bot_privacy", lang).items():
        assert not re.search(overpromise, text, re.IGNORECASE), (form, text)
        assert re.search(
            {
                "en": r"don't tell me (your name or )?your story",
                "es": r"no me (digas tu nombre ni me )?cuentes tu historia",
                "pt": r"n[ãa]o me (diga seu nome nem me )?cont[ea] (a )?sua hist[óo]ria",
                "fr": r"[Nn]e me dis pas ton nom ni ton histoire|[Nn]e me raconte pas ton histoire",
                "ht": r"pa di m (non ou ni )?istwa ou|pa rakonte m istwa ou",
            }[lang],
            text,
            re.IGNORECASE,  # a sentence of its own since session 42: "Don't tell me your story: tell an adult"
        ), form
        assert re.search(
            {
                "en": r"people who run this service can see",
                "es": r"manejan este servicio pueden ver",
                "pt": r"cuidam? d[eo]ste servi[çc]o podem? ver",
                "fr": r"g[èe]rent ce service (peuvent voir|voient)",
                "ht": r"jere s[èe]vis sa a ka w[èe]",
            }[lang],
            text,
        ), form
    assert re.search(
        {
            "en": r"may see this screen",
            "es": r"pueden ver esta pantalla",
            "pt": r"podem ver (esta|essa) tela",
            "fr": r"peuvent voir cet [ée]cran",
            "ht": r"ka w[èe] ekran sa a",
        }[lang],
        texts("bot_privacy", lang)["full"],
    )
    assert not re.search(
        r"not saved on this|no se guarda en esta|privad[ao]|private|priv[ée]e?\b|\bprive\b",
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
                {
                    "en": r"\b(medical care|school)\b",
                    "es": r"\b(atención médica|escuela)\b",
                    "pt": r"\b(atendimento m[ée]dico|escola)\b",
                    "fr": r"\b(soins m[ée]dicaux|[ée]cole)\b",
                    "ht": r"\b(swen medikal|lek[òo]l)\b",
                }[lang],
                text,
            ), answer_id
    # Food, calls with family and weekly counseling (session 39) come from 45 CFR 410.1302(c), which it cites.
    assert any("FR-2024-04-30" in s.url for s in content.answer("rights_in_custody", lang).sources)


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("answer_id", ["therapy_notes_ice", "case_file_access"])
def test_ice_access_to_orr_records_is_said_and_attributed(lang: str, answer_id: str) -> None:
    for text in texts(answer_id, lang).values():
        news = {
            "en": r"News reports say",
            "es": r"Las noticias dicen",
            "pt": r"[Nn]ot[íi]cias dizem|[Rr]eportagens dizem",
            "fr": r"(articles|m[ée]dias|journaux) disent|[Ss]elon (la presse|des journalistes|les m[ée]dias)",
            "ht": r"[Jj]ounal yo di|[Nn]ouv[èe]l (yo )?di",
        }[lang]
        assert re.search(news, text) and "2025" in text
    assert any("immpolicytracking.org" in s.url for s in content.answer(answer_id, lang).sources)


def test_spanish_meaning_drift_is_gone() -> None:
    es = {a: texts(a, "es") for a in ("therapy_privacy", "therapy_notes_ice", "sponsor_privacy")}
    assert "antes llegó a ICE" not in es["therapy_privacy"]["short"]
    assert "para protegerte" not in es["therapy_notes_ice"]["full"]
    assert "con claridad" in es["therapy_notes_ice"]["short"]
    assert content.answer("therapy_notes_ice", "es").title == "¿ICE ve mis notas de terapia?"
    assert "quitaron esa regla" not in es["sponsor_privacy"]["full"]
