"""Conversations with the launched bot on REST, socket.io and SMS, checked turn by turn.

A journey types (or presses) what a user would and states what the user must see, in the
conversation's language, as content references: ``answer("therapy_privacy")`` or
``say("find_legal_aid", "legal_aid.ask_state", "handoff.skip")``. Expected words are always
read from data/locales for that language (never written here), so the checks survive content
edits and catch a reply in the wrong language. Every turn checks (see ``Conversation.turn``):

* the visible text: not empty, no content key, ``i18n:`` reference, ``utter_`` name or
  unfilled ``%{placeholder}``, not the out-of-scope answer unless expected, and each expected
  text in order;
* the buttons (REST), quick replies (socket.io) or numbered options (SMS), exactly;
* the ``topic`` and ``lang`` metadata of each bot event of the turn, from the tracker API.
"""

from __future__ import annotations

import asyncio
import random
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import requests
import socketio
from twilio.request_validator import RequestValidator

from bot import catalogue, content
from bot.channels.sms import plain_letters, segments, to_gsm_friendly
from bot.content.replies import LANGUAGE_NAMES, answer_buttons, more_offers
from bot.nlu.languages import DEFAULT, SUPPORTED
from scripts.launcher import Launched
from tests.support.phones import fake_phone

REST, SOCKETIO, SMS = "rest", "socketio", "sms"
TURN_TIMEOUT = 60.0

# --------------------------------------------------------------------------- expectations
# A text the user must see, given the conversation's language and the channel.
Fragment = Callable[[str, str], str]


def _params(lang: str, params: dict[str, Any]) -> dict[str, Any]:
    """Placeholder values; a callable value is a text in the conversation's language (``label``)."""
    return {**content.dynamic_params(), **{k: v(lang) if callable(v) else v for k, v in params.items()}}


def t(key: str, **params: Any) -> Fragment:
    """The content text ``key`` in the conversation's language."""
    return lambda lang, channel: content.t(key, lang, **_params(lang, params))


def t_around(key: str, holes: Sequence[str], **params: Any) -> tuple[Fragment, ...]:
    """The content text ``key`` around values the test cannot know before (a reference number):
    one fragment per piece between the ``holes`` placeholders."""

    def piece(index: int) -> Fragment:
        def render(lang: str, channel: str) -> str:
            text = content.t(key, lang, **{**_params(lang, params), **{h: "\x00" for h in holes}})
            return text.split("\x00")[index]

        return render

    return tuple(piece(i) for i in range(len(holes) + 1))


def lit(value: str) -> Fragment:
    """A value that is the same in every language (an organization's name, a phone number)."""
    return lambda lang, channel: value


def answer_text(answer_id: str) -> Fragment:
    """An answer's text as the channel shows it: the short form on SMS, else the full one."""

    def render(lang: str, channel: str) -> str:
        found = content.answer(answer_id, lang)
        return content.fill(found.short if channel == SMS else found.full, **content.dynamic_params())

    return render


FIRST_NOTICE = t("common.privacy_notice_first")  # before the first answer of a conversation


# After the first legal answer of a conversation; SMS sends short answers without it.
def LEGAL_NOTICE(lang: str, channel: str) -> str:
    return "" if channel == SMS else content.t("common.general_info_notice", lang)


@dataclass(frozen=True)
class Reply:
    """One bot message: its topic, texts the user must see in it, the options it offers."""

    topic: str
    texts: tuple[Fragment, ...] = ()
    buttons: Callable[[str], list[str]] = lambda lang: []
    lang: str | None = None  # the message's own language when not the conversation's (the Mayan answer's Spanish)


def answer(
    answer_id: str,
    first: bool = False,
    first_legal: bool | None = None,
    caregiver: bool = False,
    released: bool = False,
) -> Reply:
    """A topic answer with its next-step buttons.

    ``first``: the conversation's first reply (the privacy notice comes before it);
    ``first_legal``: its first legal answer (followed by "general information, not legal
    advice" except on SMS); by default the first reply, when it is a legal answer;
    ``caregiver``: a parent, sponsor or relative said so earlier: the answer's ``for_caregivers`` form
    where it has one; ``released``: the conversation said the child is out of a shelter: a child gets the answer's
    ``for_released`` form where it has one.
    """
    if caregiver and content.answer(answer_id, DEFAULT).for_caregivers:
        return for_caregivers(answer_id, first=first)
    if released and not caregiver and content.answer(answer_id, DEFAULT).for_released:
        return _own_form(answer_id, "for_released", first=first, caregiver=False)
    if first_legal is None:
        first_legal = first and answer_id in catalogue.topic_ids()
    texts = (FIRST_NOTICE,) if first else ()
    texts += (answer_text(answer_id),)
    if first_legal:
        texts += (LEGAL_NOTICE,)
    return Reply(answer_id, texts, _next_buttons(answer_id, caregiver))


# The note to a first message that gives a name, a number or an A-number (no details are needed; how to reach a lawyer).
PERSONAL_DETAILS_NOTE = Reply(
    "personal_details",
    (FIRST_NOTICE, t("common.personal_details_note")),
    lambda lang: [content.t("common.button_handoff", lang), content.t("common.button_delete", lang)],
)


def first_reply(question: Reply) -> Reply:
    """A form's question as the conversation's first reply: the privacy notice comes first."""
    return Reply(question.topic, (FIRST_NOTICE, *question.texts), question.buttons)


def for_caregivers(answer_id: str, first: bool = False) -> Reply:
    """A topic answer's form for parents, sponsors and relatives: the same text on every channel (the web
    adds its sources), the same next steps in the caregivers' words."""
    return _own_form(answer_id, "for_caregivers", first=first, caregiver=True)


def crisis_with_photos(caregiver: bool = False) -> Reply:
    """The crisis answer to a message about the child's photos: it also offers "Someone has photos of me" first
    (session 40's blind test: nothing ever said anything about photos)."""
    crisis = answer("crisis", caregiver=caregiver)
    title = answer_title("sextortion", caregiver=caregiver)
    return Reply("crisis", crisis.texts, lambda lang: [title(lang), *crisis.buttons(lang)])


def menu_again(caregiver: bool = False) -> Reply:
    """The menu asked for again after the greeting or an answer was seen: "What else do you want to know?" on every
    channel, not a second greeting (session 44)."""
    return _own_form("menu", "again", first=False, caregiver=caregiver)


def _own_form(answer_id: str, form: str, first: bool, caregiver: bool) -> Reply:
    """An answer's ``for_caregivers`` or ``for_released`` form: the same text on every channel."""
    texts = (FIRST_NOTICE,) if first else ()
    texts += (
        lambda lang, channel: content.fill(getattr(content.answer(answer_id, lang), form), **content.dynamic_params()),
    )
    if first and answer_id in catalogue.topic_ids():
        texts += (LEGAL_NOTICE,)
    return Reply(answer_id, texts, _next_buttons(answer_id, caregiver=caregiver))


def _next_buttons(answer_id: str, caregiver: bool) -> Callable[[str], list[str]]:
    """An answer's next-step titles; a caregiver sees the caregivers' ones ("What are my child's rights?")."""
    return lambda lang: [b["title"] for b in answer_buttons(content.answer(answer_id, lang).next, lang, caregiver)]


def more(*asked: str) -> Reply:
    """ "What else do you want to know?" after the answers ``asked`` (oldest first), with its questions."""
    return Reply(
        "menu",
        (t("common.more_prompt"),),
        lambda lang: [b["title"] for b in answer_buttons(more_offers(list(asked), lang, catalogue.topic_ids()), lang)],
    )


def _follow_up_buttons(answer_id: str, caregiver: bool = False) -> Callable[[str], list[str]]:
    return lambda lang: [
        b["title"]
        for b in answer_buttons(
            dict.fromkeys([*content.answer(answer_id, lang).next, "find_legal_aid"]), lang, caregiver
        )
    ]


def simpler(answer_id: str, caregiver: bool = False) -> Reply:
    """ "I don't understand" after ``answer_id``: its short form (SMS, which showed it: who can explain).
    ``caregiver``: a parent, sponsor or relative, who sees the caregivers' button titles."""

    def short(lang: str, channel: str) -> str:
        return "" if channel == SMS else content.fill(content.answer(answer_id, lang).short, **content.dynamic_params())

    def texts(key: str) -> Fragment:
        return lambda lang, channel: "" if channel == SMS else content.t(key, lang)

    sms_only: Fragment = lambda lang, channel: content.t("common.simpler_sms", lang) if channel == SMS else ""  # noqa: E731
    return Reply(
        answer_id,
        (texts("common.simpler_intro"), short, texts("common.simpler_help"), sms_only),
        _follow_up_buttons(answer_id, caregiver),
    )


def sources(answer_id: str) -> Reply:
    """ "Why? Who told you that?" after ``answer_id``: each of its sources (with its address, but not by SMS),
    the date it was checked, and that a lawyer can say what it means for the user."""

    def source(index: int) -> Fragment:
        def render(lang: str, channel: str) -> str:
            found = content.answer(answer_id, lang).sources[index]
            return found.title if channel == SMS else f"{found.title} ({found.date}): {found.url}"

        return render

    count = len(content.answer(answer_id, "en").sources)
    assert count, f"{answer_id} has no sources"
    listed = tuple(source(i) for i in range(count))
    checked: Fragment = lambda lang, channel: content.answer(answer_id, lang).last_reviewed  # noqa: E731
    return Reply(
        answer_id,
        (t("common.source_intro"), *listed, checked, t("common.source_outro")),
        _follow_up_buttons(answer_id),
    )


def say(topic: str, key: str, *button_keys: str, **params: Any) -> Reply:
    """A message of text ``key`` with buttons titled by ``button_keys``."""
    return Reply(topic, (t(key, **params),), lambda lang: [content.t(k, lang) for k in button_keys])


def reply(topic: str, *texts: Fragment, buttons: Sequence[str] = ()) -> Reply:
    return Reply(topic, tuple(texts), lambda lang: [content.t(k, lang) for k in buttons])


# The questions of both forms, as domain.yml asks them.
ASK_CUSTODY = say(
    "find_legal_aid",
    "legal_aid.ask_custody",
    "legal_aid.button_in_shelter",
    "legal_aid.button_released",
    "handoff.skip",
)
ASK_STATE = say("find_legal_aid", "legal_aid.ask_state", "handoff.skip")
_ASK_LANGUAGE_KEYS = ("legal_aid.button_no_language_need", "legal_aid.button_mayan", "handoff.skip")
# Outside English and Spanish the conversation's own language comes first (bot.server.nlg: session 40).
ASK_LANGUAGE = Reply(
    "find_legal_aid",
    (t("legal_aid.ask_language"),),
    lambda lang: (
        ([LANGUAGE_NAMES[lang]] if lang not in ("en", "es") else []) + [content.t(k, lang) for k in _ASK_LANGUAGE_KEYS]
    ),
)
ASK_ROLE = say(
    "human_handoff",
    "handoff.ask_role",
    "handoff.button_youth",
    "handoff.button_caregiver",
    "handoff.button_caseworker",
    "handoff.cancel",
)
ASK_IN_CUSTODY = say(
    "human_handoff",
    "handoff.ask_in_custody",
    "legal_aid.button_in_shelter",
    "legal_aid.button_released",
    "handoff.skip",
    "handoff.cancel",
)
ASK_HANDOFF_STATE = say("human_handoff", "handoff.ask_state", "handoff.skip", "handoff.cancel")
ASK_AGE = say(
    "human_handoff",
    "handoff.ask_age_group",
    "handoff.button_under_18",
    "handoff.button_18_plus",
    "handoff.skip",
    "handoff.cancel",
)
ASK_CONTACT = say(
    "human_handoff",
    "handoff.ask_contact_method",
    "handoff.button_sms",
    "handoff.button_phone",
    "handoff.button_email",
    "handoff.button_caseworker_contact",
    "handoff.button_none",
    "handoff.cancel",
)
ASK_PHONE = say("human_handoff", "handoff.ask_contact_phone", "handoff.cancel")
ASK_EMAIL = say("human_handoff", "handoff.ask_contact_email", "handoff.cancel")
# With the menu's button: "OK, I stopped" alone was a dead end (session 42's blind test).
LEGAL_AID_CANCELLED = Reply(
    "find_legal_aid", (t("legal_aid.cancelled"),), lambda lang: [b["title"] for b in answer_buttons(["menu"], lang)]
)
HANDOFF_CANCELLED = Reply(
    "human_handoff", (t("handoff.cancelled"),), lambda lang: [b["title"] for b in answer_buttons(["menu"], lang)]
)
HANDOFF_OFFER = say("find_legal_aid", "legal_aid.handoff_offer", "legal_aid.button_handoff")
CRISIS = answer("crisis")


def label(key: str) -> Callable[[str], str]:
    """A button's title in the conversation's language (for ``Conversation.press``)."""
    return lambda lang: content.t(key, lang)


def answer_title(answer_id: str, caregiver: bool = False) -> Callable[[str], str]:
    """An answer's button title; a caregiver's where it has one ("What are my child's rights?")."""
    return lambda lang: (
        (caregiver and content.answer(answer_id, lang).caregiver_title) or content.answer(answer_id, lang).title
    )


# --------------------------------------------------------------------------- what the user sees
@dataclass
class Seen:
    """One turn as the user sees it."""

    text: str  # every message of the turn, in order
    options: list[str]  # button / quick-reply titles, or the labels of numbered SMS options
    payloads: list[str]  # what choosing each option sends (SMS: its number)
    bodies: list[str] = field(default_factory=list)  # SMS only: each message as sent


def _rest_seen(messages: list[dict[str, Any]]) -> Seen:
    buttons = [b for m in messages for b in m.get("buttons") or []]
    return Seen(
        "\n\n".join(m["text"] for m in messages if m.get("text")),
        [b["title"] for b in buttons],
        [b["payload"] for b in buttons],
    )


def _socketio_seen(messages: list[dict[str, Any]]) -> Seen:
    buttons = [b for m in messages for b in (m.get("quick_replies") or m.get("buttons") or [])]
    return Seen(
        "\n\n".join(m["text"] for m in messages if m.get("text")),
        [b["title"] for b in buttons],
        [b["payload"] for b in buttons],
    )


_OPTION_LINE = re.compile(r"^(\d{1,2}) (.+)$")


def _sms_seen(bodies: list[str]) -> Seen:
    """Numbered options are the "N label" lines right above the "reply with a number" hint."""
    hints = {plain_letters(to_gsm_friendly(content.t("sms.options_hint", lang))) for lang in SUPPORTED}
    options: list[str] = []
    for body in bodies:
        lines = body.split("\n")
        for index, line in enumerate(lines):
            if line.strip() in hints:
                block = []
                for previous in reversed(lines[:index]):
                    match = _OPTION_LINE.match(previous)
                    if not match:
                        break
                    block.insert(0, match)
                assert [int(m.group(1)) for m in block] == list(
                    range(len(options) + 1, len(options) + 1 + len(block))
                ), f"options are numbered across the turn: {lines}"
                options += [m.group(2) for m in block]
    hinted = sum(line.strip() in hints for body in bodies for line in body.split("\n"))
    assert hinted <= 1, f"more than one set of numbered options in one turn: {bodies}"
    return Seen("\n\n".join(bodies), options, [str(n) for n in range(1, len(options) + 1)], bodies)


# --------------------------------------------------------------------------- channel clients
class RestClient:
    """As the web page does: JSON posts to the REST channel with the page's metadata."""

    def __init__(self, live: Launched, page_lang: str) -> None:
        self.live, self.page_lang = live, page_lang
        # As the web page gets it with the page, or an integration from GET /session: the server issues it.
        issued = requests.get(f"{live.rasa_url}/webhooks/rest/session", timeout=TURN_TIMEOUT)
        assert issued.status_code == 200, issued.text[:300]
        self.sender = issued.json()["sender"]

    def send(self, text: str) -> Seen:
        body = {
            "sender": self.sender,
            "message": text,
            "metadata": {"lang": self.page_lang, "topic": None, "org": None},
        }
        response = requests.post(
            f"{self.live.rasa_url}/webhooks/rest/webhook",
            json=body,
            timeout=TURN_TIMEOUT,
            headers={"Origin": self.live.public_url},
        )
        assert response.status_code == 200, response.text[:300]
        return _rest_seen(response.json())

    def close(self) -> None:
        pass


class SocketIOClient:
    """A python-socketio client over a websocket, as Rasa's web widgets connect.

    Runs its own event loop in a thread so journeys read the same on every channel. A turn
    ends when the tracker has stored it (Rasa saves after sending every message of the
    turn); the messages still in flight are then drained.
    """

    def __init__(self, live: Launched) -> None:
        self.live, self.sender = live, ""  # issued by the server in session_confirm
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.received: asyncio.Queue[dict[str, Any]] = self._call(self._make_queue())
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("bot_uttered", self._on_bot)
        self._call(self._connect())

    def _call(self, coro: Any, timeout: float = TURN_TIMEOUT) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    @staticmethod
    async def _make_queue() -> asyncio.Queue[dict[str, Any]]:
        return asyncio.Queue()

    async def _on_bot(self, data: dict[str, Any]) -> None:
        await self.received.put(data)

    async def _connect(self) -> None:
        confirmed: asyncio.Queue[str] = asyncio.Queue()
        self.client.on("session_confirm", confirmed.put)
        await self.client.connect(self.live.rasa_url, socketio_path="/socket.io", transports=["websocket"])
        await self.client.emit("session_request", {})
        self.sender = await asyncio.wait_for(confirmed.get(), TURN_TIMEOUT)

    async def _drain(self, quiet: float) -> list[dict[str, Any]]:
        messages = []
        while True:
            try:
                messages.append(await asyncio.wait_for(self.received.get(), quiet))
            except asyncio.TimeoutError:
                return messages

    def send(self, text: str) -> Seen:
        before = self.live.tracker(self.sender)["events"]
        self._call(self.client.emit("user_uttered", {"message": text, "session_id": self.sender}))
        deadline = time.time() + TURN_TIMEOUT
        while time.time() < deadline:
            events = self.live.tracker(self.sender)["events"]
            if len(events) != len(before) and events and events[-1].get("event") == "action":
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"socket.io turn not stored after {TURN_TIMEOUT}s: {text!r}")
        return _socketio_seen(self._call(self._drain(0.5)))

    def close(self) -> None:
        try:
            self._call(self.client.disconnect(), timeout=10)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)


class SmsClient:
    """Twilio's side: signed form posts from a fake 555 number; the TwiML reply is what the phone shows."""

    def __init__(self, live: Launched) -> None:
        self.live = live
        self.phone = fake_phone()  # 555-0100..0199: fiction; one per conversation of the session
        self.sender_id: str | None = None
        self.validator = RequestValidator(live.twilio_auth_token())

    @property
    def sender(self) -> str:
        if self.sender_id is None:  # after the first message: the server has created its hash key by then
            self.sender_id = self.live.sms_sender_id(self.phone)
        return self.sender_id

    def send(self, text: str) -> Seen:
        sid = f"SM{random.getrandbits(128):032x}"
        form = {
            "AccountSid": "AC00000000000000000000000000000000",
            "ApiVersion": "2010-04-01",
            "MessageSid": sid,
            "SmsMessageSid": sid,
            "SmsSid": sid,
            "SmsStatus": "received",
            "NumMedia": "0",
            "NumSegments": "1",
            "From": self.phone,
            "To": "+15555550100",
            "Body": text,
            "FromCountry": "US",
            "ToCountry": "US",
        }
        signature = self.validator.compute_signature(self.live.twilio_webhook_url, form)
        response = requests.post(
            f"{self.live.rasa_url}/webhooks/twilio/webhook",
            data=form,
            timeout=TURN_TIMEOUT,
            headers={"X-Twilio-Signature": signature},
        )
        assert response.status_code == 200, response.text[:300]
        root = ET.fromstring(response.text)
        bodies = [m.text or "" for m in root.findall("Message")]
        for body in bodies:
            assert segments(body) <= 3, f"an SMS longer than 3 segments: {body!r}"
        return _sms_seen(bodies)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- checks
_KEY = re.compile(r"(?<![\w/.@:%-])(?:" + "|".join(map(re.escape, content.areas())) + r")\.[a-z0-9_]+")


def _norm(text: str, channel: str) -> str:
    return " ".join((plain_letters(to_gsm_friendly(text)) if channel == SMS else text).split())


def _out_of_scope_markers(channel: str) -> list[str]:
    """The opening of the out-of-scope answer in both languages, as the channel shows it."""
    return [_norm(answer_text("out_of_scope")(lang, channel), channel)[:30] for lang in SUPPORTED]


def check_visible(seen: Seen, replies: Sequence[Reply], lang: str, channel: str) -> None:
    shown = _norm(seen.text, channel)
    assert shown, "the user saw no text"
    for bad in ("i18n:", "utter_", "%{"):
        assert bad not in seen.text, f"{bad!r} shown to the user: {seen.text}"
    keys = _KEY.findall(seen.text)
    assert not keys, f"content keys shown to the user: {keys}\n{seen.text}"
    if not any(r.topic == "out_of_scope" for r in replies):
        for marker in _out_of_scope_markers(channel):
            assert marker not in shown, f"the out-of-scope answer was shown:\n{seen.text}"
    position = 0
    for r in replies:
        for fragment in r.texts:
            expected = _norm(fragment(lang, channel), channel)
            if not expected:
                continue
            found = shown.find(expected, position)
            assert found >= 0, f"expected ({lang}, topic {r.topic}):\n  {expected}\nnot shown (in order) in:\n  {shown}"
            position = found + len(expected)
    offering = [r for r in replies if r.buttons(lang)]
    if channel == SMS:
        offering = offering[-1:]  # SMS numbers only the turn's last options (bot.channels.sms_render.render)
    wanted = [_norm(title, channel) for r in offering for title in r.buttons(lang)]
    assert [_norm(o, channel) for o in seen.options] == wanted, f"options offered: {seen.options}, expected {wanted}"


def turn_bot_events(tracker: dict[str, Any]) -> list[dict[str, Any]]:
    """The bot events after the latest user message."""
    events = tracker.get("events") or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return [e for e in events[last_user + 1 :] if e.get("event") == "bot"]


# --------------------------------------------------------------------------- conversations
Label = str | Callable[[str], str]


class Conversation:
    """One user on one channel; ``lang`` is the conversation's language the replies must use."""

    def __init__(self, live: Launched, channel: str, lang: str) -> None:
        self.live, self.channel, self.lang = live, channel, lang
        self.client: RestClient | SocketIOClient | SmsClient = {
            REST: lambda: RestClient(live, lang),
            SOCKETIO: lambda: SocketIOClient(live),
            SMS: lambda: SmsClient(live),
        }[channel]()
        self.last: Seen | None = None

    @property
    def sender(self) -> str:
        return self.client.sender

    def say(self, typed: str, *replies: Reply, lang: str | None = None) -> Seen:
        """The user types ``typed``; the bot must answer with ``replies`` (in ``lang`` when the language changes)."""
        return self.turn(typed, replies, lang)

    def press(self, option: Label, *replies: Reply, lang: str | None = None) -> Seen:
        """The user chooses an offered option by its title (SMS: types its number)."""
        return self.turn(self._chosen(option), replies, lang)

    def _chosen(self, option: Label) -> str:
        """What the client sends for an offered option: its payload (SMS: its number)."""
        assert self.last is not None, "nothing was offered yet"
        title = option(self.lang) if callable(option) else option
        titles = [_norm(o, self.channel) for o in self.last.options]
        assert _norm(title, self.channel) in titles, f"{title!r} is not among the options {self.last.options}"
        return self.last.payloads[titles.index(_norm(title, self.channel))]

    def turn(self, sent: str, replies: Sequence[Reply], lang: str | None = None) -> Seen:
        if lang:
            self.lang = lang
        seen = self.client.send(sent)
        where = f"[{self.channel}/{self.lang}] after {sent!r}"
        try:
            check_visible(seen, replies, self.lang, self.channel)
            bots = turn_bot_events(self.live.tracker(self.sender))
            got = [((e.get("metadata") or {}).get("topic"), (e.get("metadata") or {}).get("lang")) for e in bots]
            assert got == [(r.topic, r.lang or self.lang) for r in replies], f"topic/lang of the bot messages: {got}"
        except AssertionError as exc:
            raise AssertionError(f"{where}: {exc}") from None
        self.last = seen
        return seen

    def press_wiped(self, option: Label, *texts: Fragment) -> Seen:
        """The user chooses the offered delete option: see ``say_wiped``."""
        return self.say_wiped(self._chosen(option), *texts)

    def say_wiped(self, typed: str, *texts: Fragment) -> Seen:
        """Delete-my-data: the confirmation is shown and the tracker keeps nothing of the conversation."""
        seen = self.client.send(typed)
        check_visible(seen, [Reply("delete_my_data", tuple(texts))], self.lang, self.channel)
        events = self.live.tracker(self.sender).get("events") or []
        assert [e for e in events if e.get("event") in ("user", "bot")] == [], "the conversation was kept"
        self.last = seen
        return seen

    def close(self) -> None:
        self.client.close()
