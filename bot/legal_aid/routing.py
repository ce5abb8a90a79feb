"""Pure functions behind legal-aid routing: understand short answers in English or Spanish,
however typed, and rank directory entries for a user.

Each parser returns a canonical value, ``SKIP`` when the user chose not to answer, or ``None``
when it did not understand (the form then asks again once, then moves on as skipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.legal_aid.directory import US_STATES, Org
from bot.nlu.languages import fold

SKIP = "skip"
IN_CUSTODY = "in_custody"
RELEASED = "released"

_SKIP_PHRASES = (
    "skip",
    "/skip",
    "pass",
    "next",
    "idk",
    "i dont know",
    "i don't know",
    "dont know",
    "don't know",
    "not sure",
    "rather not say",
    "prefer not to say",
    "i'd rather not",
    "no idea",
    "none of your business",
    "no se",
    "nose",
    "no lo se",
    "ni idea",
    "prefiero no decir",
    "prefiero no decirlo",
    "no quiero decir",
    "no quiero decirlo",
    "saltar",
    "omitir",
    "pasar",
    "siguiente",
    "no estoy seguro",
    "no estoy segura",
)


def _words(text: str) -> str:
    """Folded text with punctuation turned to spaces, single-spaced ("¿Tejas?" -> "tejas")."""
    folded = fold(text).replace("'", "").replace("’", "").replace("´", "")
    return " ".join(re.sub(r"[^\w/]+", " ", folded).split())


def _has(phrase: str, words: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", words) is not None


def is_skip(text: str) -> bool:
    w = _words(text)
    return any(w == _words(p) or (len(p) > 4 and _has(_words(p), w)) for p in _SKIP_PHRASES)


CANCEL_WORDS = ("cancel", "cancelar", "cancela", "stop", "parar", "para", "basta", "salir", "exit", "quit")


def is_cancel(text: str) -> bool:
    """ "cancel"/"cancelar" typed alone (or nearly alone) ends the flow."""
    w = _words(text)
    return w in CANCEL_WORDS or any(w == f"{c} please" or w == f"{c} por favor" for c in CANCEL_WORDS)


# --- custody -------------------------------------------------------------------------------
_CUSTODY_IN = (
    "shelter",
    "in a shelter",
    "albergue",
    "refugio",
    "custody",
    "custodia",
    "detained",
    "detenido",
    "detenida",
    "detention",
    "detencion",
    "foster",
    "hogar temporal",
    "casa hogar",
    "orr",
    "facility",
    "centro",
    "still here",
    "todavia estoy",
    "sigo en",
    "estoy adentro",
    "encerrado",
    "encerrada",
    "la hielera",
)
_CUSTODY_OUT = (
    "released",
    "liberado",
    "liberada",
    "sali",
    "ya sali",
    "me soltaron",
    "me liberaron",
    "got out",
    "i left",
    "im out",
    "i am out",
    "sponsor",
    "patrocinador",
    "patrocinadora",
    "with my mom",
    "with my dad",
    "with my family",
    "with my aunt",
    "with my uncle",
    "with my brother",
    "with my sister",
    "with my cousin",
    "con mi mama",
    "con mi papa",
    "con mi familia",
    "con mi tia",
    "con mi tio",
    "con mi hermano",
    "con mi hermana",
    "con mi primo",
    "con mi prima",
    "con mis papas",
    "at home",
    "en casa",
    "afuera",
    "not anymore",
    "ya no",
    "outside",
    "already out",
    "out already",
)
# Out-phrases that mean "I left" even when the shelter is named ("ya salí del albergue", "I left the shelter").
_LEFT = ("sali", "released", "liberado", "liberada", "i left", "got out", "already out", "out of the shelter")


def parse_custody(text: str) -> str | None:
    """``in_custody``, ``released``, ``SKIP`` or None. The question is "are you in a shelter now?"."""
    if is_skip(text):
        return SKIP
    w = _words(text)
    out = any(_has(p, w) for p in _CUSTODY_OUT)
    inside = any(_has(p, w) for p in _CUSTODY_IN)
    if out and not (inside and not any(_has(p, w) for p in _LEFT)):
        return RELEASED  # "ya salí del albergue" mentions the shelter but means released
    if inside:
        return IN_CUSTODY
    if w in ("yes", "y", "si", "yeah", "yep", "claro", "aja", "sip"):
        return IN_CUSTODY
    if w in ("no", "n", "nope", "nel"):
        return RELEASED
    return None


# --- state -------------------------------------------------------------------------------
_STATE_NAMES = {
    "AL": ["alabama"],
    "AK": ["alaska"],
    "AZ": ["arizona"],
    "AR": ["arkansas", "arkansa"],
    "CA": ["california", "cali"],
    "CO": ["colorado"],
    "CT": ["connecticut", "conecticut"],
    "DE": ["delaware"],
    "DC": ["washington dc", "washington d c", "district of columbia", "distrito de columbia"],
    "FL": ["florida"],
    "GA": ["georgia"],
    "HI": ["hawaii", "hawai"],
    "ID": ["idaho"],
    "IL": ["illinois"],
    "IN": ["indiana"],
    "IA": ["iowa"],
    "KS": ["kansas"],
    "KY": ["kentucky"],
    "LA": ["louisiana", "luisiana"],
    "ME": ["maine"],
    "MD": ["maryland"],
    "MA": ["massachusetts", "massachussets", "masachusets"],
    "MI": ["michigan", "michigán"],
    "MN": ["minnesota"],
    "MS": ["mississippi", "misisipi", "misisipi"],
    "MO": ["missouri", "misuri"],
    "MT": ["montana"],
    "NE": ["nebraska"],
    "NV": ["nevada"],
    "NH": ["new hampshire", "nuevo hampshire"],
    "NJ": ["new jersey", "nueva jersey", "nueva yersey"],
    "NM": ["new mexico", "nuevo mexico"],
    "NY": ["new york", "nueva york", "nueva yor"],
    "NC": ["north carolina", "carolina del norte"],
    "ND": ["north dakota", "dakota del norte"],
    "OH": ["ohio"],
    "OK": ["oklahoma"],
    "OR": ["oregon"],
    "PA": ["pennsylvania", "pensilvania"],
    "RI": ["rhode island"],
    "SC": ["south carolina", "carolina del sur"],
    "SD": ["south dakota", "dakota del sur"],
    "TN": ["tennessee", "tenesi"],
    "TX": ["texas", "tejas"],
    "UT": ["utah"],
    "VT": ["vermont"],
    "VA": ["virginia"],
    "WA": ["washington", "washington state", "estado de washington"],
    "WV": ["west virginia", "virginia occidental", "virginia del oeste"],
    "WI": ["wisconsin"],
    "WY": ["wyoming"],
    "PR": ["puerto rico"],
}
# Cities where children are often held or released (a small table; "in Houston" -> TX).
_CITIES = {
    "TX": [
        "houston",
        "dallas",
        "san antonio",
        "el paso",
        "austin",
        "brownsville",
        "harlingen",
        "mcallen",
        "mc allen",
        "laredo",
        "fort worth",
        "san benito",
        "los fresnos",
        "corpus christi",
        "carrizo springs",
    ],
    "CA": ["los angeles", "san diego", "san francisco", "san jose", "oakland", "fresno", "sacramento"],
    "AZ": ["phoenix", "tucson", "yuma", "florence", "youngtown", "glendale az"],
    "IL": ["chicago"],
    "NY": ["new york city", "nyc", "brooklyn", "queens", "bronx", "long island"],
    "FL": ["miami", "homestead", "orlando", "tampa"],
    "WA": ["seattle"],
    "GA": ["atlanta"],
    "NJ": ["newark"],
    "MA": ["boston"],
    "DC": ["washington d.c."],
    "VA": ["richmond"],
    "MD": ["baltimore"],
    "PA": ["philadelphia", "filadelfia", "pittsburgh"],
    "LA": ["new orleans", "nueva orleans"],
    "NC": ["charlotte"],
    "TN": ["nashville", "memphis"],
    "OR": ["portland"],
    "CO": ["denver"],
    "NV": ["las vegas"],
    "MI": ["detroit"],
    "MN": ["minneapolis"],
}
# Two-letter codes that are also everyday words: accepted only as the whole answer or in capitals.
_AMBIGUOUS_CODES = {
    "AL",
    "CO",
    "DE",
    "HI",
    "ID",
    "IN",
    "LA",
    "ME",
    "MA",
    "MI",
    "MO",
    "NE",
    "OH",
    "OK",
    "OR",
    "PA",
    "VA",
    "SD",
    "SC",
    "MS",
    "WA",
    "GA",
    "UT",
    "DC",
    "IA",
}
_NAME_TABLE: list[tuple[str, str]] = sorted(
    [(name, code) for code, names in _STATE_NAMES.items() for name in names]
    + [(_words(city), code) for code, cities in _CITIES.items() for city in cities],
    key=lambda item: -len(item[0]),  # longest first: "west virginia" before "virginia"
)


def parse_state(text: str) -> str | None:
    """Two-letter state code, ``SKIP`` or None ("Tejas", "TX", "tx", "in Houston", "Nueva York")."""
    if is_skip(text):
        return SKIP
    w = _words(text)
    if w.upper() in US_STATES and (w.upper() not in _AMBIGUOUS_CODES or text.strip().isupper()):
        return w.upper()
    for name, code in _NAME_TABLE:
        if _has(name, w):
            return code
    # A code inside a longer answer ("I'm in TX", "estoy en tx"): capitals, or an unambiguous code.
    for token in re.findall(r"(?<![\w'])[A-Za-z]{2}(?![\w'])", text):
        code = token.upper()
        if (
            code in US_STATES
            and (token.isupper() or code not in _AMBIGUOUS_CODES)
            and token.lower() not in ("in", "me")
        ):
            return code
    return None


# --- language need -----------------------------------------------------------------------
MAYAN = {
    "kiche": ["kiche", "quiche", "k iche", "kiché"],
    "mam": ["mam"],
    "qanjobal": ["qanjobal", "kanjobal", "q anjobal"],
    "ixil": ["ixil"],
    "akateko": ["akateko", "akatek", "acateco"],
    "chuj": ["chuj"],
    "kaqchikel": ["kaqchikel", "cakchiquel"],
    "qeqchi": ["qeqchi", "kekchi", "q eqchi"],
    "tzotzil": ["tzotzil"],
    "tzeltal": ["tzeltal"],
    "popti": ["popti", "jakalteko"],
    "mayan": ["maya", "mayan", "idioma maya", "lengua maya", "dialecto"],
}
OTHER_LANGS = {
    "pt": ["portuguese", "portugues"],
    "ht": ["haitian", "creole", "kreyol", "criollo", "creol"],
    "fr": ["french", "frances"],
    "zh": ["mandarin", "chinese", "chino", "mandarin chinese"],
    "ar": ["arabic", "arabe"],
    "so": ["somali"],
    "ne": ["nepali"],
    "pa": ["punjabi"],
    "hi": ["hindi"],
    "ru": ["russian", "ruso"],
    "uk": ["ukrainian", "ucraniano"],
    "ti": ["tigrinya"],
    "am": ["amharic"],
    "ps": ["pashto"],
    "fa": ["dari", "farsi", "persian"],
}
_SPANISH = ("spanish", "espanol", "castellano", "solo espanol", "hablo espanol")
_ENGLISH = ("english", "ingles", "hablo ingles")
_NO_NEED = (
    "no",
    "none",
    "nothing",
    "ninguno",
    "ninguna",
    "nada",
    "no need",
    "estoy bien",
    "im fine",
    "fine",
    "bien",
    "igual",
    "cualquiera",
    "either",
    "both",
    "los dos",
    "ambos",
    "this is fine",
    "asi esta bien",
)
LANGUAGE_NEED_NONE = "none"


def is_mayan(code: str | None) -> bool:
    return bool(code) and code in MAYAN


def parse_language_need(text: str) -> str | None:
    """A language id ("kiche", "mam", "es", "en", "pt" ...), ``none`` (no special need), ``SKIP`` or None."""
    if is_skip(text):
        return SKIP
    w = _words(text)
    for code in (c for c in MAYAN if c != "mayan"):
        if any(_has(_words(name), w) for name in MAYAN[code]):
            return code
    for code, names in OTHER_LANGS.items():
        if any(_has(_words(n), w) for n in names):
            return code
    if any(_has(_words(n), w) for n in MAYAN["mayan"]):
        return "mayan"
    if any(_has(n, w) for n in _SPANISH):
        return "es"
    if any(_has(n, w) for n in _ENGLISH):
        return "en"
    if w in _NO_NEED:
        return LANGUAGE_NEED_NONE
    return None


def needs_interpreter(language_need: str | None, reply_lang: str) -> bool:
    """True for a language the bot cannot speak (Mayan and others not en/es)."""
    return bool(language_need) and language_need not in (SKIP, LANGUAGE_NEED_NONE, "en", "es", reply_lang)


# --- ranking -----------------------------------------------------------------------------
@dataclass
class Match:
    org: Org
    score: float
    reasons: list[str] = field(default_factory=list)  # content keys: legal_aid.reason.<name>


def audience(custody: str | None, role: str | None = None) -> str | None:
    if role == "caregiver":
        return "caregivers"
    if custody == IN_CUSTODY:
        return "youth_in_custody"
    if custody == RELEASED:
        return "released_youth"
    return None


def rank(
    directory: Iterable[Org],
    custody: str | None,
    state: str | None,
    language_need: str | None,
    role: str | None = None,
    limit: int = 3,
    handoff_only: bool = False,
) -> list[Match]:
    """The best ``limit`` entries with the reasons they fit, best first.

    A local organization that serves this kind of user beats a national one; an entry that
    confirmed the user's language or interpreters wins over one that did not say.
    """
    custody = None if custody == SKIP else custody
    state = None if state in (SKIP, None) else state
    who = audience(custody, role)
    matches: list[Match] = []
    for org in directory:
        if handoff_only and not org.accepts_handoffs:
            continue
        if not org.covers(state) and not org.national:
            continue
        if state is None and not org.national:
            continue  # a state-only organization can't be recommended without knowing the state
        m = Match(org, 0.0)
        if who:
            if who not in org.serves:
                continue
            m.score += 3
            m.reasons.append("serves_" + who)
        elif "youth_in_custody" in org.serves or "released_youth" in org.serves:
            m.score += 1
        if not org.national:
            m.score += 4
            m.reasons.append("local")
        else:
            m.reasons.append("national")
        lang = language_need if language_need not in (None, SKIP, LANGUAGE_NEED_NONE) else None
        if lang:
            mayan = is_mayan(lang)
            if lang in org.languages or (mayan and "mayan" in org.languages):
                m.score += 3
                m.reasons.append("language")
            elif org.interpreters:
                m.score += 2
                m.reasons.append("interpreters")
        if org.kind in ("legal_services", "child_advocate"):
            m.score += 1 if org.kind == "legal_services" else 0.5
        if org.kind == "helpline" and who == "youth_in_custody":
            continue  # the ORR call center is for parents, sponsors and released children
        matches.append(m)
    matches.sort(key=lambda m: (-m.score, m.org.name))
    return matches[:limit]
