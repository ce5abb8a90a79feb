"""How legal-aid results read: the contacts, why each fits, the interpreter note and the fallback.

Shared by the legal-aid and handoff actions (rasa-sdk) and free of Rasa imports.
"""

from __future__ import annotations

from bot import content
from bot.legal_aid import routing
from bot.legal_aid.directory import Org

# How a language need is named in the results: a language's own name where the directory or the
# user gave one; needs that are not proper names ("mayan": a Mayan language, not one language)
# are translated through `legal_aid.language_name.<code>` in the locale files, see language_label.
LANGUAGE_LABELS = {
    "kiche": "K'iche'",
    "mam": "Mam",
    "qanjobal": "Q'anjob'al",
    "ixil": "Ixil",
    "akateko": "Akateko",
    "chuj": "Chuj",
    "kaqchikel": "Kaqchikel",
    "qeqchi": "Q'eqchi'",
    "tzotzil": "Tzotzil",
    "tzeltal": "Tzeltal",
    "popti": "Popti'",
    "pt": "português",
    "ht": "kreyòl",
    "fr": "français",
    "zh": "中文",
    "ar": "العربية",
    "so": "Soomaali",
    "ne": "Nepali",
    "pa": "Punjabi",
    "hi": "Hindi",
    "ru": "русский",
    "uk": "українська",
    "ti": "Tigrinya",
    "am": "Amharic",
    "ps": "Pashto",
    "fa": "Dari / Farsi",
    "ff": "Pulaar",
    "wo": "Wolof",
    "ln": "Lingala",
    "mnk": "Mandinka",
    "snk": "Soninke",
    "sus": "Susu",
    "bm": "Bambara",
    "hss": "Hassaniya",
    "tw": "Twi",
    "ig": "Igbo",
    "yo": "Yoruba",
    "sw": "Kiswahili",
    "kg": "Kikongo",
    "sg": "Sango",
}


def language_label(need: str, lang: str) -> str:
    """How ``need`` is named to a reader of ``lang`` ("a Mayan language", "una lengua maya", "K'iche'")."""
    key = f"legal_aid.language_name.{need}"
    if content.has(key, lang):
        return content.t(key, lang)
    return LANGUAGE_LABELS.get(need, need)


def contacts_text(org: Org, lang: str) -> str:
    shown = [c.value for c in org.user_contacts() if c.type != "hours"]
    return ", ".join(shown) if shown else content.t("legal_aid.no_contact", lang)


def results_text(
    matches: list[routing.Match],
    custody: str | None,
    language_need: str | None,
    lang: str,
    *,
    sms: bool = False,
    state: str | None = None,
) -> str:
    """The answer: up to three contacts with why they fit, then the always-true fallback.

    A state with no local entry says so before the nationwide ones (QA session 30: California, New
    York and Florida showed three national groups as if they were all there is).

    By SMS each organization's description is left out: with it, one contact in a language with
    accents (70 characters a segment) no longer fits one message and its contact line arrived alone.
    """
    no_local = state not in (None, routing.SKIP) and not any("local" in m.reasons for m in matches)
    intro = content.t("legal_aid.results_intro_no_local", lang, state=state) if no_local else None
    lines = [intro or content.t("legal_aid.results_intro", lang)]
    for number, match in enumerate(matches, start=1):
        why = ", ".join(content.t(f"legal_aid.reason.{r}", lang) for r in match.reasons)
        about = match.org.about.get(lang, "")
        line = content.t("legal_aid.result_line", lang, number=number, name=match.org.name, why=why)
        if about and not sms:
            line += f"\n{about}"
        line += f"\n{content.t('legal_aid.contacts_label', lang)}: {contacts_text(match.org, lang)}"
        if match.org.unverified_since is not None:  # never shown as fact: the user is told to confirm it
            line += "\n" + content.t("legal_aid.unverified_note", lang, date=match.org.unverified_since.isoformat())
        lines.append(line)
    if routing.needs_interpreter(language_need):
        label = language_label(language_need or "", lang)
        lines.append(content.t("legal_aid.interpreter_note", lang, language=label))
    key = (
        "legal_aid.fallback_in_custody"
        if custody in (routing.IN_CUSTODY, None, routing.SKIP)
        else "legal_aid.fallback_general"
    )
    lines.append(content.t(key, lang))
    return "\n\n".join(lines)
