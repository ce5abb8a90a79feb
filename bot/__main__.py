"""Command line: ``python -m bot <command> [args]``.

Each command lives in its own module exposing ``main(argv: list[str]) -> int``.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "link": ("bot.channels.links", "caseworker links, QR codes and rights cards"),
    "worker": ("bot.handoff.worker", "deliver the handoff outbox (runs until stopped)"),
    "handoffs": ("bot.handoff.ops", "list or retry stuck handoffs (never prints contact values)"),
    "sweep": ("bot.privacy.retention", "delete expired conversations and handoffs"),
    "init-db": ("bot.stores.init_db", "create the database tables (before several servers start)"),
    "build-spacy": ("bot.nlu.spacy_build", "build the blank spaCy pipelines with lookup lemmas"),
    "check-content": ("bot.content.content_check", "validate the content files"),
    "check-responses": ("bot.server.nlg_check", "render every response of a model in every language"),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print("usage: python -m bot <command> [args]\n\ncommands:")
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<14} {help_text}")
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
