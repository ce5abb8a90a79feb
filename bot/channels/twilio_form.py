"""Reading Twilio's webhook form: size-capped, parsed once, shaped for Twilio's signature check."""

from __future__ import annotations

from urllib.parse import parse_qs

from sanic.request import Request

MAX_FORM_BYTES = 64 * 1024  # Twilio's form for a 1600-char SMS is a few KB; anything far larger is not Twilio


class _Form:
    """Parsed form fields as lists, with ``getlist`` for twilio's RequestValidator."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self._fields = fields

    def __iter__(self):  # RequestValidator iterates the parameter names
        return iter(self._fields)

    def __getitem__(self, name: str) -> str:
        return self._fields[name][0]

    def getlist(self, name: str) -> list[str]:
        return self._fields.get(name, [])

    def first(self, name: str) -> str | None:
        values = self._fields.get(name)
        return values[0] if values else None


def parse_twilio_form(request: Request) -> _Form | None:
    """The url-encoded form, blank values kept (Twilio signs them); None when malformed.

    Sanic's ``request.form`` drops blank values (e.g. an empty FromZip), which breaks the
    signature check, and logs the parse error with details; so the body is parsed here.
    """
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return None
    body = request.body or b""
    if len(body) > MAX_FORM_BYTES:
        return None
    try:
        decoded = body.decode("utf-8")
        fields = parse_qs(decoded, keep_blank_values=True, strict_parsing=bool(decoded), errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    return _Form(fields)
