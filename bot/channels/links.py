"""Caseworker links: ``python -m bot link --lang es --topic therapy_notes_ice --org demo [--out DIR] [--card]``.

Prints the web chat link and an ``sms:`` link, writes the web link's QR code (SVG and PNG) and,
with ``--card``, a printable one-page rights card per language. Links carry only ``lang``,
``topic`` and ``org`` from allow-lists: never a name, phone or case number.

The validators here are also used by the web chat page (``bot.channels.webchat``), so a link
that this command accepts is exactly a link that the page honours.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, urlencode

from bot import catalogue, content, settings
from bot.content.replies import BUTTON_KEYS
from bot.nlu.languages import live

ORG_PATTERN = re.compile(r"[a-z0-9-]{1,40}")
CARD_FACTS = ("therapy_privacy", "therapy_notes_ice", "right_to_lawyer")


def card_facts(topic: str | None, lang: str) -> list[str]:
    """The card's three answers: the linked topic first, then its next questions, then the general ones.
    A card printed for sponsors (``--topic sponsor_vetting``) showed the child's three facts (QA session 30)."""
    topics = catalogue.topic_ids()
    if topic not in topics:
        return list(CARD_FACTS)
    ids = [topic, *(n for n in content.answer(topic, lang).next if n in topics), *CARD_FACTS]
    return list(dict.fromkeys(ids))[:3]


class LinkError(ValueError):
    """An invalid link parameter; the message names the allowed values."""


def linkable_topics() -> list[str]:
    """Answer IDs present in every live language that a link may open (bot.catalogue: never a
    step that deletes data or starts a handoff), and the flows marked linkable whose button label every live
    language has (find_legal_aid: a caseworker's "find a free lawyer" link opened the plain greeting, session 40)."""
    try:
        per_lang = [set(content.answer_ids(lang)) | _flows_labelled(lang) for lang in live()]
    except content.MissingContent:
        return []
    common = set.intersection(*per_lang) if per_lang else set()
    return sorted(common & catalogue.linkable_ids())


def _flows_labelled(lang: str) -> set[str]:
    return {flow for flow, key in BUTTON_KEYS.items() if content.has(key, lang)}


def topic_title(topic: str, lang: str) -> str:
    """What a link's topic asks, as the user would: the answer's title, or the flow's button label."""
    if topic in BUTTON_KEYS:
        return content.t(BUTTON_KEYS[topic], lang)
    return content.answer(topic, lang).title


def clean_lang(value: str | None) -> str | None:
    """The language code if live exactly (KYR_LANGUAGES), else None: links offer no other language."""
    return value if isinstance(value, str) and value in live() else None


def clean_topic(value: str | None) -> str | None:
    return value if isinstance(value, str) and value in linkable_topics() else None


def clean_org(value: str | None) -> str | None:
    return value if isinstance(value, str) and ORG_PATTERN.fullmatch(value) else None


def validate(lang: str, topic: str | None, org: str | None) -> None:
    """Raise LinkError naming the allowed values when any parameter is not allowed."""
    if clean_lang(lang) is None:
        raise LinkError(f"--lang {lang!r} is not offered; allowed: {', '.join(live())} (KYR_LANGUAGES)")
    if topic is not None and clean_topic(topic) is None:
        allowed = ", ".join(linkable_topics()) or "(no topics found in data/locales)"
        raise LinkError(f"--topic {topic!r} is not a known topic; allowed: {allowed}")
    if org is not None and clean_org(org) is None:
        raise LinkError(
            f"--org {org!r} is not allowed; use 1 to 40 characters from a-z, 0-9 and '-'"
            " (an organization code, never a person's name)"
        )


def web_link(lang: str, topic: str | None = None, org: str | None = None) -> str:
    validate(lang, topic, org)
    params = {"lang": lang}
    if topic:
        params["topic"] = topic
    if org:
        params["org"] = org
    return f"{settings.public_base_url()}/chat?{urlencode(params)}"


def sms_keyword(lang: str) -> str:
    return content.t("web.sms_keyword", lang)


def sms_body(lang: str, topic: str | None = None) -> str:
    """The pre-filled first SMS: the topic's question in that language, else HELP/AYUDA."""
    if topic:
        return topic_title(topic, lang)
    return sms_keyword(lang)


def sms_link(lang: str, topic: str | None = None) -> str:
    # RFC 5724 form; iOS and Android both accept ?body=.
    validate(lang, topic, None)
    return f"sms:{settings.sms_number()}?body={quote(sms_body(lang, topic), safe='')}"


def _stem(lang: str, topic: str | None, org: str | None) -> str:
    return "-".join(p for p in ("chat", lang, topic, org) if p)


def qr_svg(data: str) -> str:
    """The QR code as an SVG document string (black on white, scalable)."""
    import qrcode
    from qrcode.image.svg import SvgPathFillImage  # path + white background: scannable on any screen

    img = qrcode.make(data, image_factory=SvgPathFillImage, box_size=10, border=4)
    return img.to_string(encoding="unicode")


def write_qr(data: str, out_dir: Path, stem: str) -> list[Path]:
    """Write ``<stem>.svg`` and ``<stem>.png`` (pure-Python PNG, no Pillow)."""
    import qrcode
    from qrcode.image.pure import PyPNGImage

    out_dir.mkdir(parents=True, exist_ok=True)
    svg_path = out_dir / f"{stem}.svg"
    svg_path.write_text(qr_svg(data), encoding="utf-8")
    png_path = out_dir / f"{stem}.png"
    img = qrcode.make(data, image_factory=PyPNGImage, box_size=10, border=4)
    with png_path.open("wb") as fh:
        img.save(fh)
    return [svg_path, png_path]


def _inline_svg(svg: str, label: str) -> str:
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def card_html(lang: str, topic: str | None = None, org: str | None = None) -> str:
    """A one-page printable rights card in ``lang``: QR code, link, SMS keyword, three facts, crisis help."""
    link = web_link(lang, topic, org)
    esc = html.escape
    facts = []
    for fact_id in card_facts(topic, lang):
        a = content.answer(fact_id, lang)
        facts.append(f"<li><h3>{esc(a.title)}</h3><p>{esc(a.short)}</p></li>")
    crisis = content.answer("crisis", lang).short
    text_us = content.t("web.card.text_us", lang, keyword=sms_keyword(lang), sms=settings.sms_number())
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(content.t("web.card.title", lang))}</title>
<style>
  @page {{ size: letter; margin: 12mm; }}
  body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111;
         max-width: 190mm; margin: 0 auto; font-size: 11pt; line-height: 1.35; }}
  header {{ display: flex; gap: 8mm; align-items: center; border-bottom: 2px solid #111; padding-bottom: 4mm; }}
  header svg {{ width: 38mm; height: 38mm; flex: none; }}
  h1 {{ font-size: 20pt; margin: 0 0 2mm; }} h2 {{ font-size: 13pt; margin: 5mm 0 2mm; }}
  h3 {{ font-size: 11pt; margin: 0 0 1mm; }} ol {{ padding-left: 5mm; }} li {{ margin-bottom: 3mm; }}
  .link {{ font-family: ui-monospace, monospace; word-break: break-all; font-size: 9pt; }}
  .crisis {{ border: 2px solid #111; padding: 3mm; }}
  @media print {{ a {{ color: #111; text-decoration: none; }} li, .crisis {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<header>
  {_inline_svg(qr_svg(link), content.t("web.card.scan", lang))}
  <div>
    <h1>{esc(content.t("web.card.title", lang))}</h1>
    <p>{esc(content.t("web.card.subtitle", lang))}</p>
    <p>{esc(content.t("web.card.scan", lang))}<br><span class="link">{esc(link)}</span></p>
    <p>{esc(text_us)}</p>
  </div>
</header>
<main>
  <h2>{esc(content.t("web.card.facts", lang))}</h2>
  <ol>{"".join(facts)}</ol>
  <section class="crisis"><h2>{esc(content.t("web.card.crisis", lang))}</h2><p>{esc(crisis)}</p></section>
</main>
</body>
</html>
"""


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot link", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="en", help=f"language of the chat ({', '.join(live())})")
    parser.add_argument("--topic", help="answer to open with (a topic ID from topics.yml)")
    parser.add_argument("--org", help="organization code, [a-z0-9-]{1,40} (no personal data)")
    parser.add_argument(
        "--out",
        type=Path,
        default=settings.PROJECT_ROOT / "var" / "links",
        help="directory for the QR codes and cards (default var/links)",
    )
    parser.add_argument("--card", action="store_true", help="also write a printable rights card per language")
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse exits on --help and usage errors; keep main() -> int
        return int(exc.code or 0)
    try:
        validate(args.lang, args.topic, args.org)
        link = web_link(args.lang, args.topic, args.org)
        print(f"web: {link}")
        print(f"sms: {sms_link(args.lang, args.topic)}")
        for path in write_qr(link, args.out, _stem(args.lang, args.topic, args.org)):
            print(f"qr:  {path}")
        if args.card:
            for lang in live():
                path = args.out / f"card-{_stem(lang, args.topic, args.org)[len('chat-') :]}.html"
                path.write_text(card_html(lang, args.topic, args.org), encoding="utf-8")
                print(f"card: {path}")
    except LinkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except content.MissingContent as exc:
        print(f"error: content missing: {exc}", file=sys.stderr)
        return 1
    return 0
