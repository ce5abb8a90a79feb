"""A tiny, valid set of locale files for unit tests that must not depend on real content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import content

ANSWERS = {
    "en": """en:
  therapy_privacy:
    title: "Is therapy private?"
    short: "Short EN therapy. Delete after %{retention_hours} h."
    full: |
      Full EN therapy.

      Second paragraph.
    next: [therapy_notes_ice, find_legal_aid]
    sources:
      - {title: "Fact sheet", url: "https://example.org/facts", date: "2020-02-15"}
    last_reviewed: "2026-11-26"
  therapy_notes_ice:
    title: "Can ICE get my notes?"
    short: "Short EN notes."
    full: "Full EN notes."
    next: [therapy_privacy]
    sources:
      - {title: "Fact sheet", url: "https://example.org/facts", date: "2020-02-15"}
    last_reviewed: "2026-11-26"
  menu:
    title: "Menu"
    short: "Menu EN."
    full: "Menu EN full."
    next: [therapy_privacy, therapy_notes_ice, find_legal_aid]
  crisis:
    title: "Help now"
    short: "Call 988."
    full: "Call or text 988."
    sources:
      - {title: "988", url: "https://988lifeline.org", date: "2023-07-13"}
    last_reviewed: "2026-11-26"
  choose_language:
    title: "Language"
    short: "Pick a language."
  out_of_scope:
    title: "Other"
    short: "I can't answer that."
""",
    "es": """es:
  therapy_privacy:
    title: "¿Es privada la terapia?"
    short: "Corto ES terapia. Borro tras %{retention_hours} h."
    full: "Completo ES terapia."
    next: [therapy_notes_ice, find_legal_aid]
    sources:
      - {title: "Hoja de datos", url: "https://example.org/facts", date: "2020-02-15"}
    last_reviewed: "2026-11-26"
  therapy_notes_ice:
    title: "¿ICE puede ver mis notas?"
    short: "Corto ES notas."
    full: "Completo ES notas."
    next: [therapy_privacy]
    sources:
      - {title: "Hoja de datos", url: "https://example.org/facts", date: "2020-02-15"}
    last_reviewed: "2026-11-26"
  menu:
    title: "Menú"
    short: "Menú ES."
    full: "Menú ES completo."
    next: [therapy_privacy, therapy_notes_ice, find_legal_aid]
  crisis:
    title: "Ayuda ya"
    short: "Llama al 988."
    full: "Llama o escribe al 988."
    sources:
      - {title: "988", url: "https://988lifeline.org", date: "2023-07-13"}
    last_reviewed: "2026-11-26"
  choose_language:
    title: "Idioma"
    short: "Elige idioma."
  out_of_scope:
    title: "Otro"
    short: "No puedo responder eso."
""",
}
COMMON = {
    "en": """en:
  sources_label: "Sources"
  reviewed_label: "Checked on"
  general_info_notice: "General information, not legal advice."
  privacy_notice_first: "I'm a bot. I delete this chat after %{retention_hours} hours."
  more_prompt: "What else?"
  more_none: "That's all I know."
  button_legal_help: "Find legal help"
  choose_language_prompt: "Choose a language"
  language_set: "OK, English."
  thanks_reply: "You're welcome."
  offer_both: "Both?"
""",
    "es": """es:
  sources_label: "Fuentes"
  reviewed_label: "Revisado el"
  general_info_notice: "Información general, no consejo legal."
  privacy_notice_first: "Soy un bot. Borro este chat tras %{retention_hours} horas."
  more_prompt: "¿Qué más?"
  more_none: "Es todo lo que sé."
  button_legal_help: "Buscar ayuda legal"
  choose_language_prompt: "Elige un idioma"
  language_set: "Listo, español."
  thanks_reply: "De nada."
  offer_both: "¿Las dos?"
""",
}


def write_fixture(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "es"):
        (directory / f"answers.{lang}.yml").write_text(ANSWERS[lang], encoding="utf-8")
        (directory / f"common.{lang}.yml").write_text(COMMON[lang], encoding="utf-8")
    return directory


@pytest.fixture
def fixture_content(tmp_path: Path) -> Iterator[Path]:
    directory = write_fixture(tmp_path / "locales")
    content.load(directory, force=True)
    try:
        yield directory
    finally:
        content.load(content.LOCALES_DIR, force=True) if content.LOCALES_DIR.exists() else None


@pytest.fixture
def project_content() -> Iterator[None]:
    """The project's own locale files, loaded afresh (another test may have loaded the tiny fixture set)."""
    content.load(content.LOCALES_DIR, force=True)
    yield
    content.load(content.LOCALES_DIR, force=True)
