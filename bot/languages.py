"""Supported languages and the one rule that decides which language a reply uses."""
from __future__ import annotations

import unicodedata
from typing import Any, Mapping, Optional

SUPPORTED = ("en", "es")
DEFAULT = "en"

# Words a user types to switch language explicitly (accents stripped, lowercase).
_NAMES = {
    "en": {"en", "eng", "english", "ingles", "inglish", "in english", "en ingles"},
    "es": {"es", "esp", "espanol", "spanish", "castellano", "en espanol", "in spanish", "espaniol"},
}


def fold(text: str) -> str:
    """Lowercase and strip accents ("Español" -> "espanol")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def normalize_language(value: Any) -> Optional[str]:
    """Map "es", "es-MX", "Español", "spanish" to a supported code; None when unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = fold(value).replace("_", "-")
    base = folded.split("-")[0]
    if base in SUPPORTED:
        return base
    for code, names in _NAMES.items():
        if folded in names:
            return code
    return None


def explicit_language_request(text: str) -> Optional[str]:
    """The language named by a message that is only a language name ("español", "English please")."""
    folded = fold(text).strip(" .!?¡¿")
    for suffix in (" please", " por favor", " pls", " porfa"):
        if folded.endswith(suffix):
            folded = folded[: -len(suffix)].strip()
    for code, names in _NAMES.items():
        if folded in names and folded not in ("en", "es"):  # "en"/"es" alone are ordinary words
            return code
    return None


def reply_language(slots: Mapping[str, Any], latest_message: Optional[Mapping[str, Any]] = None) -> str:
    """Slot ``language`` first, then the latest message's detected language, then English."""
    chosen = normalize_language(slots.get("language"))
    if chosen:
        return chosen
    detected = (latest_message or {}).get("detected_language") or {}
    return normalize_language(detected.get("code") if isinstance(detected, dict) else detected) or DEFAULT
