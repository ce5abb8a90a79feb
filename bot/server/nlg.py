"""In-process NLG: renders every ``utter_*`` response from the locale files in the user's language.

Named in endpoints.yml (``nlg: type: bot.server.nlg.I18nNLG``), so responses keep their Rasa names,
no tracker leaves the process, and each reply gets the bot-event metadata ``topic`` and
``lang`` (docs/CONTRACTS.md section 1): keys left in the returned dict become metadata.

A response ``utter_<id>`` where ``answers.<id>`` exists is a topic answer: the short form on
SMS, the full form with sources and review date elsewhere, with next-step buttons. Other
responses come from domain.yml, whose texts and button titles are ``i18n:<key>`` references.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import catalogue, content, form_answers
from bot.content.replies import LANGUAGE_NAMES, answer_buttons, asked_answer, source_list, with_privacy_notice
from bot.conversation import (
    AFTER_DANGER_ANSWER,
    CHECK_IN_ANSWER,
    CHECK_IN_REPLACES,
    CRISIS_TOPIC,
    DANGER_KEY,
    IMAGES,
    SEXTORTION_ANSWER,
    TELLING_TOPICS,
    latest_topic,
    sextortion_answer_due,
    telling_answer_due,
)
from bot.follow_ups import asks_what_now
from bot.legal_aid.phrases import spoken_mayan_language
from bot.legal_aid.presentation import language_label
from bot.nlu.caregivers import CAREGIVER_HELP, caregiver_writing
from bot.nlu.components.mayan_languages import MAYAN_LANGUAGE
from bot.nlu.image_threats import about_images
from bot.nlu.languages import DEFAULT, conversation_language, explicit_choice, live, words
from bot.nlu.placed_answers import placed_answer
from bot.nlu.placement import out_of_shelter, says_out_of_shelter
from bot.nlu.safety_patterns import is_self_harm
from bot.nlu.telling_fears import fears_telling
from bot.nlu.who_sees import asked_who_sees, who_sees_answer

logger = logging.getLogger(__name__)

SMS_CHANNEL = catalogue.SMS
I18N_PREFIX = "i18n:"
# Rasa's own fallback responses, mapped to our answers.
OUT_OF_SCOPE = "out_of_scope"
ASK_LANGUAGE_NEED = "utter_ask_language_need"
FORM_QUESTION = "ask_"  # a form question's response is utter_ask_<slot>
ALIASES = {"utter_default": OUT_OF_SCOPE, "utter_restart": "menu"}

# Replies after which the menu is still the greeting: danger help comes before it, and a language choice comes first.
BEFORE_THE_GREETING = frozenset(
    {CRISIS_TOPIC, CHECK_IN_ANSWER, AFTER_DANGER_ANSWER, SEXTORTION_ANSWER, "choose_language", None}
)


def _i18n(value: Any, lang: str, params: Mapping[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith(I18N_PREFIX):
        return content.t(value[len(I18N_PREFIX) :], lang, **params)
    return value


@dataclass(frozen=True)
class Reader:
    """Who reads an answer, and when: which of the answer's own forms they get where it has one.

    ``caregiver``: a parent, sponsor or relative is writing: ``for_caregivers`` (SMS-sized, so the same text on every
    channel; the web adds sources and date). ``released``: the child is no longer in a shelter: a child (not a
    caregiver) gets ``for_released`` the same way. ``again``: the bot was used before in this conversation: ``again``
    (the menu's "What else do you want to know?", not a second "Hi! I'm a bot": session 43's blind test)."""

    caregiver: bool = False
    released: bool = False
    again: bool = False

    def own_form(self, answer: content.Answer) -> str:
        """The text of the answer's form for this reader, or "" for its usual short and full forms."""
        return (
            (self.again and answer.again)
            or (self.caregiver and answer.for_caregivers)
            or (not self.caregiver and self.released and answer.for_released)
            or ""
        )


def render_answer(
    answer_id: str,
    lang: str,
    channel: str | None,
    params: Mapping[str, Any],
    first_legal_answer: bool = False,
    reader: Reader = Reader(),
    extra: str | None = None,
) -> dict[str, Any]:
    """A topic answer as a Rasa message dict (text, buttons, metadata keys): the ``reader``'s form where the answer has
    one (see Reader). ``extra``: one more paragraph after the answer's own text (before the notice and sources)."""
    answer = content.answer(answer_id, lang)
    values = {**content.dynamic_params(), **params}
    own_form = reader.own_form(answer)
    if channel == SMS_CHANNEL:
        text = content.fill(own_form or answer.short, **values) + (f"\n\n{extra}" if extra else "")
    else:
        parts = [content.fill(own_form or answer.full, **values).strip(), *([extra] if extra else [])]
        if first_legal_answer and answer_id in catalogue.topic_ids():
            parts.append(content.t("common.general_info_notice", lang))
        if answer.sources:
            parts.append(f"{content.t('common.sources_label', lang)}:\n{source_list(answer)}")
        if answer.last_reviewed:
            parts.append(f"{content.t('common.reviewed_label', lang)}: {answer.last_reviewed}")
        text = "\n\n".join(parts)
    message: dict[str, Any] = {"text": text, "topic": answer_id, "lang": lang}
    buttons = answer_buttons(answer.next, lang, reader.caregiver)
    if buttons:
        message["buttons"] = buttons
    return message


def interpreter_line(tracker: DialogueStateTracker, session: list[Any], lang: str) -> str | None:
    """For the crisis answer to a speaker of a Mayan language ("un senor me pega, yo hablo mam poquito espanol": all
    in Spanish, no word of an interpreter; session 42's blind test): ask staff for one, in the words to use."""
    said = [str(e.text or "") for e in session if isinstance(e, UserUttered)]
    spoken = spoken_mayan_language(tracker.get_slot("language_need"), said, named_alone=lang == "es")
    if not spoken:
        return None
    if spoken == "mayan":
        return content.t("common.crisis_interpreter_any", lang)
    return content.t("common.crisis_interpreter", lang, language=language_label(spoken, lang))


def language_buttons() -> list[dict[str, str]]:
    """One button per live language (KYR_LANGUAGES), titled in that language."""
    return [{"title": LANGUAGE_NAMES[code], "payload": f'/choose_language{{"language":"{code}"}}'} for code in live()]


def render_language_menu(lang: str, switched_to: str | None) -> dict[str, Any]:
    if switched_to and switched_to not in live():
        return render_not_live(switched_to)
    if switched_to:
        return {"text": content.t("common.language_set", switched_to), "topic": "choose_language", "lang": switched_to}
    # "aqui nadie entiende mi idioma", "mi case manager solo habla ingles" ask for this menu too (stop 47's blind
    # test): a speaker of a Mayan language finds the interpreter answer in it.
    return {
        "text": content.t("common.choose_language_prompt", lang),
        "buttons": [*language_buttons(), *answer_buttons([MAYAN_LANGUAGE], lang)],
        "topic": "choose_language",
        "lang": lang,
    }


def render_not_live(lang: str) -> dict[str, Any]:
    """A language the operator has not made live (KYR_LANGUAGES): a short note in it, and the menu.

    The reply keeps ``lang`` so the conversation stays there until the user picks a live language.
    """
    try:
        note = content.t("common.language_not_live", lang)
    except content.MissingContent:  # the language's files are not there at all
        note = "\n".join(content.t("common.language_not_live", code) for code in dict.fromkeys((DEFAULT, "es")))
    return {"text": note, "buttons": language_buttons(), "topic": "choose_language", "lang": lang}


def render_domain_response(
    variation: Mapping[str, Any], name: str, lang: str, params: Mapping[str, Any]
) -> dict[str, Any]:
    """A domain.yml response whose text and button titles are i18n references."""
    values = {**content.dynamic_params(), **params}
    message: dict[str, Any] = {"text": _i18n(variation.get("text"), lang, values)}
    if variation.get("buttons"):
        message["buttons"] = [
            {"title": _i18n(b.get("title"), lang, values), "payload": b.get("payload")} for b in variation["buttons"]
        ]
        if name == ASK_LANGUAGE_NEED and lang in form_answers.OWN_LANGUAGE_ANSWERS:
            # A Portuguese, French or Creole speaker had no button for their own language (session 40's blind
            # test): it comes first, and gets the interpreter note (legal aid works in English and Spanish).
            own = form_answers.payload(form_answers.OWN_LANGUAGE_ANSWERS[lang])
            message["buttons"].insert(0, {"title": LANGUAGE_NAMES[lang], "payload": own})
    metadata = variation.get("metadata") or {}
    message["topic"] = metadata.get("topic") or name[len("utter_") :]
    message["lang"] = lang
    return message


def _in_context(answer_id: str, parse: dict[str, Any], events: list[dict[str, Any]]) -> str:
    """The answer to give in place of ``answer_id`` given what was said before (``events``: this session's, ending
    with the current message) and the message's own words; ``answer_id`` itself when nothing applies."""
    if answer_id == OUT_OF_SCOPE and asked_answer(parse):
        return asked_answer(parse) or answer_id  # a button for a dialogue answer ("Is it safe to tell?")
    if _sextortion_answer_due(answer_id, parse, events):
        return SEXTORTION_ANSWER  # "i already sent one" after a crisis answer about photos (bot.conversation)
    if _telling_answer_due(answer_id, parse, events):
        return AFTER_DANGER_ANSWER  # soon after danger: what telling leads to, safety first (bot.conversation)
    if answer_id == OUT_OF_SCOPE and asked_who_sees(parse):
        # "and who else can read it?": who sees what the previous answer was about (data/who_sees.yml)
        return who_sees_answer(latest_topic(events))
    if answer_id == OUT_OF_SCOPE:
        # "me siento triste", "my tooth hurts", "what is a sponsor": not "I can't answer that" (bot.nlu.placed_answers)
        answer_id = placed_answer(parse) or answer_id
    replaced = (answer_id in CHECK_IN_REPLACES and _typed(parse)) or _what_now(answer_id, parse)
    if replaced and telling_answer_due(events, again=True):
        return CHECK_IN_ANSWER  # "ok", "what do i do" soon after danger: not the greeting (bot.conversation)
    return answer_id


# At most this many words: "ja sai do abrigo" says where the child is; a longer message asks something of its own.
SAYS_ONLY_WHERE = 8


def _what_now(answer_id: str, parse: Mapping[str, Any]) -> bool:
    """A typed message the classifier took for a topic question that only asks "what now?" ("y ahora que hago" was the
    answer on leaving the shelter: bot.follow_ups.asks_what_now) or only says the child left the shelter ("ja sai do
    abrigo", right after danger: the same answer, court dates, instead of help outside a shelter)."""
    text = str(parse.get("text") or "")
    if not _typed(parse) or answer_id not in catalogue.topic_ids():
        return False
    return asks_what_now(text) or (says_out_of_shelter(text) and len(words(text).split()) <= SAYS_ONLY_WHERE)


def _typed(parse: Mapping[str, Any]) -> bool:
    """The user typed the message (a button or SMS keyword sends a "/..." payload)."""
    return not str(parse.get("text") or "").startswith("/")


def _telling_answer_due(answer_id: str, parse: Mapping[str, Any], events: list[dict[str, Any]]) -> bool:
    """Soon after the crisis answer (bot.conversation.telling_answer_due): a typed question on a telling topic (once),
    or a typed message with a fear of telling in it (data/telling_fears.yml; each time). Never a pressed button. A
    message the safety patterns flagged counts only for its fear ("si le digo me van a deportar?" reads as a threat,
    and the crisis answer was just given; the telling answer speaks of payback and says where to go in danger),
    never with self-harm in it."""
    text = str(parse.get("text") or "")
    if not _typed(parse):
        return False
    flagged = bool(parse.get("safety_override"))
    if fears_telling(text) and not (flagged and is_self_harm(text)) and not answer_id.startswith(FORM_QUESTION):
        return telling_answer_due(events, again=True)  # any reply ("tenho vergonha" read as goodbye), never a question
    return answer_id in TELLING_TOPICS and not flagged and telling_answer_due(events)


def _sextortion_answer_due(answer_id: str, parse: Mapping[str, Any], events: list[dict[str, Any]]) -> bool:
    """Typed, flagged by no safety pattern (a new danger gets the crisis answer), not a form's question."""
    flagged = bool(parse.get("safety_override"))
    return _typed(parse) and not flagged and not answer_id.startswith(FORM_QUESTION) and sextortion_answer_due(events)


def _session_events(tracker: DialogueStateTracker) -> list[Any]:
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], SessionStarted):
            return events[index + 1 :]
    return events


class NoContent(LookupError):
    """A response has no content to render (neither an answer nor a domain response)."""


class I18nNLG(NaturalLanguageGenerator):
    """Renders responses with python-i18n from ``data/locales`` (see module docstring).

    Domain responses come from the ``domain_responses`` Rasa passes with every response it
    renders, i.e. the domain of the model actually loaded. The domain given at construction
    is only a fallback: under ``rasa run`` Rasa builds a custom NLG *before* it loads the
    model, with an empty domain, and never updates it (``rasa.core.agent.Agent.load_model``
    only updates its own templated generator), so relying on it left every form question
    without content.
    """

    def __init__(self, endpoint_config: Any = None, domain: Domain | None = None) -> None:
        self.responses = domain.responses if domain else {}
        content.load()

    def render(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        responses: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """The reply for ``utter_action``; raises NoContent (or MissingContent) when it has none."""
        responses = responses if responses is not None else self.responses
        slots = tracker.current_slot_values()
        latest = tracker.latest_message.parse_data if tracker.latest_message else {}
        lang = conversation_language(tracker)
        params = {k: v for k, v in {**slots, **kwargs}.items() if isinstance(v, (str, int, float))}
        name = ALIASES.get(utter_action, utter_action)
        answer_id = name[len("utter_") :] if name.startswith("utter_") else name
        session = _session_events(tracker)
        answer_id = _in_context(answer_id, latest, [e.as_dict() for e in session])
        bot_topics = [e.metadata.get("topic") for e in session if isinstance(e, BotUttered)]

        if answer_id == "choose_language":
            # "change language" (detected as English) asks for the menu; "español" or a button chooses.
            return render_language_menu(lang, explicit_choice(latest))
        if lang not in live() and answer_id != "crisis":  # crisis help is never held back
            return render_not_live(lang)
        if content.has(f"answers.{answer_id}.short", lang):
            first_legal = not any(t in catalogue.topic_ids() for t in bot_topics)
            # caregiver_help speaks to a parent even when no words of theirs said so ("parent" typed alone)
            caregiver = caregiver_writing(tracker) or answer_id == CAREGIVER_HELP
            # A parent is not the one to ask shelter staff for an interpreter.
            interpreter = (
                interpreter_line(tracker, session, lang) if answer_id == CRISIS_TOPIC and not caregiver else None
            )
            # Used before: after danger help or the language menu alone, the greeting still says what the bot is.
            reader = Reader(
                caregiver, out_of_shelter(tracker), again=any(t not in BEFORE_THE_GREETING for t in bot_topics)
            )
            message = render_answer(answer_id, lang, output_channel, params, first_legal, reader, interpreter)
            if answer_id == CRISIS_TOPIC and about_images(str(latest.get("text") or "")):
                # Someone holds or asks for the child's photos: the answer on that (a parent's form for a parent) is
                # offered, and given next (bot.conversation.sextortion_answer_due reads this mark).
                message[DANGER_KEY] = IMAGES
                message["buttons"] = answer_buttons([SEXTORTION_ANSWER], lang, caregiver) + message.get("buttons", [])
            if not bot_topics and answer_id != "crisis":  # crisis help comes first, always
                message["text"] = with_privacy_notice(message["text"], lang)
            return message
        if responses.get(utter_action):
            message = render_domain_response(responses[utter_action][0], utter_action, lang, params)
            if not bot_topics:
                # A form's question as the first reply ("can a legal aid office contact me?" under `make run`, session
                # 40's blind test) came without the notice every other first reply has.
                message["text"] = with_privacy_notice(message["text"], lang)
            return message
        raise NoContent(utter_action)

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        responses = kwargs.pop("domain_responses", None)
        try:
            message = self.render(utter_action, tracker, output_channel, responses, **kwargs)
        except NoContent:
            # The server's start-up check (bot.server.nlg_check) makes this unreachable for domain
            # responses; it stays as the last line of defence for a response name from elsewhere.
            logger.error("No content for response %s; answering out_of_scope", utter_action)
            message = render_answer("out_of_scope", conversation_language(tracker), output_channel, {})
        return message
