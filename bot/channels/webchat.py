"""The web chat page at ``/chat`` (HTML, JS and CSS only; messages go to Rasa's REST channel).

The page is rendered server-side in the requested language so it works before any script runs,
and every response carries a strict CSP and no-store/no-referrer headers: on a shared shelter or
library computer nothing should be cached, leaked in a Referer, or kept in a cookie.
Unknown ``lang``/``topic``/``org`` values are ignored silently (docs/CONTRACTS.md section 4).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import content, settings
from bot.channels import conversation_ids
from bot.channels.links import clean_org, clean_topic, topic_title
from bot.nlu.languages import DEFAULT, live, native_name, normalize_language

logger = logging.getLogger(__name__)

WEB_DIR = settings.PROJECT_ROOT / "web"
DEFAULT_EXIT_URL = "https://www.google.com/search?q=weather"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
# Only these files are served: no directory listing, no path from the request reaches the disk.
STATIC_TYPES: dict[str, str] = {"chat.js": "text/javascript; charset=utf-8", "chat.css": "text/css; charset=utf-8"}
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


UI_KEYS = (
    "page_title",
    "heading",
    "intro",
    "skip_link",
    "language_label",
    "exit",
    "exit_label",
    "exit_hint",
    "delete",
    "deleted",
    "messages_label",
    "you",
    "bot",
    "quick_replies_label",
    "input_label",
    "placeholder",
    "send",
    "sending",
    "sent",
    "retrying",
    "error_network",
    "error_server",
    "error_rate_limited",
    "new_tab",
    "privacy_note",
    "noscript",
)


def ui_strings(lang: str) -> dict[str, str]:
    """The page's UI strings (data/locales/web.<lang>.yml) in ``lang``, falling back to English."""
    try:
        return {key: content.t(f"web.{key}", lang, sms=settings.sms_number()) for key in UI_KEYS}
    except content.MissingContent:
        if lang == DEFAULT:
            raise
        return ui_strings(DEFAULT)


def _json_for_html(data: Any) -> str:
    # Inside <script type="application/json"> nothing may close the element or start a comment.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _https_url(value: Any) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"https://[^\s\"'<>]+", value) else None


# Placeholders whose values this module builds (already escaped); every other value is escaped.
_PREBUILT = frozenset({"config_json", "language_buttons"})


def _language_buttons(codes: Sequence[str]) -> str:
    """One switch button per live language, named in that language (data/languages.yml)."""
    return "\n    ".join(
        f'<button type="button" class="lang" data-lang="{code}" lang="{code}">{html.escape(native_name(code))}</button>'
        for code in codes
    )


class WebChatInput(InputChannel):
    """Serves the chat page; it adds no message route (the page posts to the REST channel)."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebChatInput:
        credentials = credentials or {}
        return cls(exit_url=credentials.get("exit_url"))

    def __init__(self, exit_url: str | None = None, web_dir: Path = WEB_DIR) -> None:
        self.exit_url = _https_url(exit_url) or DEFAULT_EXIT_URL
        self.web_dir = web_dir

    def url_prefix(self) -> str:
        # register() does urljoin(route, url_prefix()); an absolute path escapes /webhooks/.
        return "/chat"

    def _load(self) -> dict[str, bytes]:
        files = {name: (self.web_dir / name).read_bytes() for name in STATIC_TYPES}
        files["chat.html"] = (self.web_dir / "chat.html").read_bytes()
        return files

    def render_page(self, args: Mapping[str, Any], template: str) -> str:
        """The HTML for the query ``args`` (lang, topic, org); invalid values are dropped."""
        lang_arg = normalize_language(args.get("lang"))
        offered = live()  # KYR_LANGUAGES: a language not live is not offered on the page
        lang_arg = lang_arg if lang_arg in offered else None
        lang = lang_arg or DEFAULT
        topic = clean_topic(args.get("topic"))
        title = None
        if topic:
            try:
                title = topic_title(topic, lang)
            except content.MissingContent:
                topic = None
        strings = {code: ui_strings(code) for code in offered}
        config = {
            # The conversation id, issued here: the page never makes one up (bot.channels.conversation_ids).
            "sender": conversation_ids.issue(conversation_ids.WEB),
            "lang": lang,
            "langFromLink": lang_arg is not None,
            "topic": topic,
            "topicTitle": title,
            "org": clean_org(args.get("org")),
            "exitUrl": self.exit_url,
            "languages": list(offered),
            "strings": strings,
        }
        values = dict(
            strings[lang], lang=lang, config_json=_json_for_html(config), language_buttons=_language_buttons(offered)
        )

        def fill(match: re.Match[str]) -> str:
            key = match.group(1)
            value = values.get(key, "")
            return value if key in _PREBUILT else html.escape(value, quote=True)

        return _PLACEHOLDER.sub(fill, template)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("webchat_page", url_prefix=self.url_prefix())
        files = self._load()
        template = files["chat.html"].decode("utf-8")

        @bp.route("", methods=["GET"], strict_slashes=True)
        @bp.route("/", methods=["GET"], strict_slashes=True, name="page_slash")
        async def page(request: Request) -> HTTPResponse:
            args = {key: request.args.get(key) for key in ("lang", "topic", "org")}
            try:
                body = self.render_page(args, template)
            except Exception:  # never an error page for a link; log no query values
                logger.exception("web chat page rendering failed; serving the default page")
                body = self.render_page({}, template)
            return response.text(body, headers=dict(SECURITY_HEADERS), content_type="text/html; charset=utf-8")

        @bp.route("/static/<name:str>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_TYPES:
                return response.text("not found", status=404, headers=dict(SECURITY_HEADERS))
            return response.raw(files[name], headers=dict(SECURITY_HEADERS), content_type=STATIC_TYPES[name])

        return bp
