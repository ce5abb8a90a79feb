"""Offline language identification for user messages (models inside their wheels, or fitted here).

Detection is restricted to the supported languages: on short texts that is far more
accurate than an open set. lingua covers English, Spanish, Portuguese and French; Haitian
Creole, which lingua lacks, is told apart by its distinctive words (data/language_words.yml)
confirmed by the langid.py model (py3langid). A model of the bot's own, fitted on its training
data (bot.nlu.language_model), overrules them when it is sure of another language. Whether a detection is strong enough to *switch*
the conversation language is decided here too, so the rule lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.nlu import language_model, lexicon
from bot.nlu.languages import LANGUAGES, SUPPORTED, explicit_language_request, fold

# Single words that say nothing about the language (they exist in both, or are typed by everyone).
_AMBIGUOUS = {
    "ok",
    "okay",
    "oki",
    "k",
    "no",
    "si",
    "yes",
    "ya",
    "alto",
    "menu",
    "help",
    "hi",
    "hey",
    "bye",
    "sponsor",
    "ice",
    "stop",
    "lol",
    "jaja",
    "haha",
    "1",
    "2",
    "3",
    "ah",
    "eh",
    "mm",
    "hmm",
}
# Ambiguous as typed, without accents: "ola" is how many Spanish-speaking teens type "hola" and how Brazilians
# type "olá" (session 42's blind test: a Spanish teen's "ola" started the conversation in Portuguese). It votes
# for neither; "olá" still votes Portuguese.
_AMBIGUOUS_AS_TYPED = {"ola"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")


def in_another_script(text: str) -> bool:
    """Most letters of ``text`` are of a script none of the chat's languages is written in (Arabic, Pashto,
    Cyrillic, Devanagari...): no supported language can be detected in it (session 45's blind test: "اريد محامي
    مجاني" was taken for French and got the French greeting)."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_LATIN_LETTER.findall(text)) * 2 < letters


# Which language a word belongs to comes from word-frequency tables (spaCy's lexeme
# probabilities, shipped in the spacy-lookups-data package; see bot.nlu.lexicon): a word votes
# for a language only when it is clearly more frequent there, so words both languages use
# ("me", "a", "no", "son", "he") never decide, and "tell me a joke" is not Spanish.
_UNSURE = 0.85
# langid.py's probability above which it may overrule an unsure lingua (see detect).
_SURE_LANGID = 0.99
# The bot's own model (bot.nlu.language_model) overrules the general detectors from this probability
# on. Chosen by 5-fold cross-validation over the training data (python -m bench.language_id): lower
# gains Creole and loses English, higher the reverse; the frozen sets were not looked at. 0.6 until
# the Portuguese additions of 2026-12-04 (pt5), after which 0.7 was as good or better for every language.
SURE_OWN = 0.7
# Below SURE_OWN, the own model still decides from this probability on when the message has a word
# of its language (language_votes) and no fewer than of the general detectors' language: "minha
# therapist" (lingua: English, sure), "aging out oq significa". Chosen on the pt and ht voices sets
# and by cross-validation, with SURE_OWN.
LEAN_OWN = 0.45
# "to" and "ta" are Brazilian chat for "estou" and "esta" ("to perdido", "ta com medo"): followed by
# a word English does not use (log-frequency under this) and no other language claims, they vote
# Portuguese instead of English. "to the" and "ta bien" (Spanish "está bien") keep theirs.
_ESTOU = {"to", "ta"}
_NOT_ENGLISH = -12.0
# ... and that Portuguese uses at least as often as Spanish (natural log, rounding: "perdido" -10.0/-10.0).
_AS_PORTUGUESE = 0.25
# Most children in ORR custody write English or Spanish: an unsure guess of another language that
# nothing else supports is decided between these two ("holiwis" is Spanish, not French).
_MOST_USERS = ("en", "es")


@dataclass(frozen=True)
class Detection:
    code: str
    confidence: float
    explicit: bool = False  # the user named a language ("español")


@lru_cache(maxsize=4)
def _detector(languages: Sequence[str]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_iso_codes_639_1(
        *[getattr(IsoCode639_1, code.upper()) for code in languages]
    ).build()


@lru_cache(maxsize=8)
def _langid(languages: tuple[str, ...]) -> Any:
    """langid.py restricted to ``languages`` once: ``set_languages`` copies the model's matrix, and
    calling it before each message cost a third of langid.py's time over the training data."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def langid_rank(text: str, languages: Sequence[str]) -> list[tuple[str, float]]:
    """langid.py's probabilities for ``text`` over ``languages``, best first."""
    return [(lang, float(prob)) for lang, prob in _langid(tuple(languages)).rank(text)]


def _lingua_best(text: str, languages: Sequence[str]) -> tuple[str, float] | None:
    covered = tuple(lang for lang in languages if LANGUAGES[lang].detector == "lingua")
    values = _detector(covered).compute_language_confidence_values(text) if covered else []
    if not values:
        return None
    return values[0].language.iso_code_639_1.name.lower(), float(values[0].value)


def _word_led(text: str, languages: Sequence[str], votes: dict[str, int]) -> Detection | None:
    """A language known by its word list (Portuguese, French, Haitian Creole) when its words lead.

    Typed without accents, Portuguese reads like Spanish and French like English to lingua
    ("oq é um relatorio de incidente"), so two or more of a listed language's words, more than any
    other language has, decide. For Haitian Creole, which lingua does not cover, one word is enough
    when langid.py ranks it first or no other language's words appear at all.
    """
    for lang in languages:
        if votes.get(lang, 0) == 0 or lexicon.has_table(lang):
            continue
        others = max((v for other, v in votes.items() if other != lang), default=0)
        if LANGUAGES[lang].detector == "lingua":
            if votes[lang] >= 2 and votes[lang] > others:
                return Detection(lang, min(0.99, 0.75 + 0.1 * votes[lang]))
            continue
        ranked = dict(langid_rank(text, languages))
        top = max(ranked, key=ranked.__getitem__)
        most = max(votes.values())
        alone = votes[lang] == sum(votes.values())  # its words are the only ones any language claims
        if top == lang or (votes[lang] >= 2 and votes[lang] >= most) or alone:
            return Detection(lang, max(ranked[lang], min(0.99, 0.75 + 0.1 * votes[lang])))
    return None


def detect(text: str, languages: Sequence[str] = SUPPORTED, model: Any = None) -> Detection | None:
    """Best guess for ``text``, or None when it has no letters (numbers, emoji, payloads) or is written in another
    script (``in_another_script``).

    ``model``: another fitted ``bot.nlu.language_model`` (cross-validation folds); default the bot's.
    """
    return detect_many([text], languages, model)[0]


def detect_many(
    texts: Sequence[str], languages: Sequence[str] = SUPPORTED, model: Any = None
) -> list[Detection | None]:
    """``detect`` for each of ``texts``, the bot's own model run once over all of them (training data)."""
    found: list[Detection | None] = [None] * len(texts)
    for_model: list[int] = []
    for i, text in enumerate(texts):
        if not text or text.startswith("/"):
            continue
        named = explicit_language_request(text)
        if named:
            found[i] = Detection(named, 1.0, explicit=True)
        elif _WORD.search(text) and not in_another_script(text):
            for_model.append(i)
    ranked = language_model.rank_many([texts[i] for i in for_model], languages, model)
    for i, own in zip(for_model, ranked):
        found[i] = combine(general_detection(texts[i], languages), own, text=texts[i], languages=languages)
    return found


def combine(
    general: Detection | None,
    own: Sequence[tuple[str, float]],
    sure: float | None = None,
    text: str | None = None,
    languages: Sequence[str] = SUPPORTED,
) -> Detection | None:
    """The general detectors' answer, unless the bot's own model (``own``, best first) is sure of another.

    With ``text``, the own model also decides from ``LEAN_OWN`` when ``text`` has a word of its language
    and no fewer than of the general detectors' language. ``bench.language_id`` measures this rule by
    cross-validation; the same function decides there.
    """
    sure = SURE_OWN if sure is None else sure
    if own and own[0][1] >= sure and (general is None or own[0][0] != general.code):
        return Detection(own[0][0], own[0][1])
    if text is not None and own and general is not None and own[0][0] != general.code and own[0][1] >= LEAN_OWN:
        votes = language_votes(text, languages)
        if votes.get(own[0][0], 0) >= max(1, votes.get(general.code, 0)):
            return Detection(own[0][0], own[0][1])
    return general


def general_detection(text: str, languages: Sequence[str] = SUPPORTED) -> Detection | None:
    """lingua, langid.py and the word votes, without the bot's own model (see ``detect``)."""
    votes = language_votes(text, languages)
    word_led = _word_led(text, languages, votes)
    if word_led:
        return word_led
    best = _lingua_best(text, languages)
    if best is None:
        return None
    code, confidence = best
    if confidence >= _UNSURE:
        return Detection(code, confidence)
    ranked = langid_rank(text, languages)
    winner = max(votes, key=votes.__getitem__)
    runner_up = max((v for lang, v in votes.items() if lang != winner), default=0)
    if votes[winner] > runner_up and winner != code:
        # An unsure lingua is overruled by the words when one language has more than any other
        # ("mi therapist le dice a ICE?"), if both have word-frequency tables or langid.py agrees.
        both_tabled = lexicon.has_table(code) and lexicon.has_table(winner)
        if both_tabled or ranked[0][0] == winner:
            return Detection(winner, confidence)
    if ranked[0][0] == code:  # two independent models agree: as sure as the surer one
        confidence = max(confidence, ranked[0][1])
    elif ranked[0][1] >= _SURE_LANGID and votes.get(ranked[0][0], 0) > 0:
        # An unsure lingua, langid.py all but certain and a word of that language in the message:
        # "que es un child advocate" is Spanish, "DHS peut voir mes notes de counseling" French.
        return Detection(ranked[0][0], ranked[0][1])
    elif code not in _MOST_USERS and votes.get(code, 0) == 0:
        # An unsure guess of Portuguese or French that neither langid.py nor any of its words supports
        # is more often English or Spanish typed short ("holiwis", "ya me voy"): decide between those.
        fallback = [lang for lang in languages if lang in _MOST_USERS]
        if fallback:
            return general_detection(text, fallback)
    return Detection(code, confidence)


def language_votes(text: str, languages: Sequence[str] = SUPPORTED) -> dict[str, int]:
    """How many words of ``text`` clearly belong to each language.

    Ambiguous tokens ("ok", "sponsor", "ICE"), words both languages use and capitalized words
    after the first (names of people, places and organizations: "New York", "Kids in Need of
    Defense") vote for none.
    """
    votes = {lang: 0 for lang in languages}
    shouting = text.isupper()  # "LA THERAPIE EST PRIVEE?": capitals do not mark names here
    words = [match.group() for match in _WORD.finditer(text)]
    for index, word in enumerate(words):
        if index > 0 and word[:1].isupper() and not shouting:
            continue
        folded = fold(word)
        if folded in _AMBIGUOUS or word.lower() in _AMBIGUOUS_AS_TYPED:
            continue
        if (
            folded in _ESTOU
            and "pt" in languages
            and index + 1 < len(words)
            and _estou_before(words[index + 1], languages)
        ):
            votes["pt"] += 1
            continue
        lang = lexicon.word_language(folded, languages, typed=word.lower())
        if lang:
            votes[lang] += 1
    return votes


def _estou_before(word: str, languages: Sequence[str]) -> bool:
    """Whether "to"/"ta" before ``word`` reads as Portuguese "estou"/"esta" ("to perdido", not "to the")."""
    folded = fold(word)
    if "en" in languages and lexicon.table("en").get(folded, lexicon.MISSING) >= _NOT_ENGLISH:
        return False
    pt, es = (lexicon.table(lang).get(folded, lexicon.MISSING) for lang in ("pt", "es"))
    if pt == lexicon.MISSING or pt < es - _AS_PORTUGUESE:  # "ta bien", "to guatemala": Spanish's
        return False
    return lexicon.word_language(folded, languages, typed=word.lower()) in (None, "pt")


# A sentence of at least this many words with one word only its language uses, and a detector this sure,
# also switches: "alguien me pega" in a conversation a first "ola" had put in Portuguese got the crisis
# answer in Portuguese, "mwen se ayisyen" ("I am Haitian") did not switch to Creole (QA session 29). On the
# blind lots' 5,445 lines (five languages) it makes 31 more lines decisive and none in a wrong language.
_SENTENCE_WORDS = 3
_SURE_SENTENCE = 0.95
# Words only one language uses, none of any other: "hola, mi terapia es privada?" (3 Spanish words, the
# detectors split between Spanish and Portuguese at 0.48) was answered in English after an English
# page's greeting (QA session 30; on its 350 typed lines this rule made 8 more messages decisive, all
# in the language the tester wrote).
_UNCONTESTED_WORDS = 3


def is_decisive(text: str, detection: Detection, min_words: int = 2, min_confidence: float = _UNSURE) -> bool:
    """Whether ``detection`` is strong enough to switch the conversation language.

    Explicit requests always are. Otherwise the message needs at least ``min_words`` words
    that only the detected language uses (``language_votes``) and a confident detector, or a
    sentence of three words or more with one such word and a very sure detector, or three such words
    and none of any other language, so "ok", "no gracias", "mi therapist" or "New York" never flip a
    conversation.
    """
    if detection.explicit:
        return True
    all_votes = language_votes(text)
    votes = all_votes.get(detection.code, 0)
    if votes >= min_words and detection.confidence >= min_confidence:
        return True
    if votes >= 1 and len(_WORD.findall(text)) >= _SENTENCE_WORDS and detection.confidence >= _SURE_SENTENCE:
        return True
    return votes >= _UNCONTESTED_WORDS and not any(n for code, n in all_votes.items() if code != detection.code)
