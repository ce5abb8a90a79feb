"""Start the action server: ``python -m bot.action_server [--port 5055]``.

rasa-sdk's own ``rasa run actions`` listens on every interface and runs any action for anyone
who can post a tracker to ``/webhook``; our actions queue handoffs to partners, unseal contact
details and delete conversations, so that is not acceptable. This launcher builds the same
rasa-sdk app and adds two controls (docs/SECURITY.md, finding 1):

* it binds ``KYR_ACTION_BIND`` (default ``127.0.0.1``), not ``0.0.0.0``;
* every request except ``/health`` must carry ``X-KYR-Action-Secret`` equal to
  ``KYR_ACTION_SECRET`` (compared in constant time); otherwise 401 before any action runs.
  Rasa sends the header from ``endpoints.yml`` (``action_endpoint.headers``).

It also replaces rasa-sdk's error handler, which answers a failing action with the whole
request (the tracker, with the user's messages) as ``request_body``, which Rasa then logs.
Rasa itself (``rasa.core``) is never imported here.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
from collections.abc import Callable

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import production_check

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-KYR-Action-Secret"
SECRET_NAME = "action_secret"  # bot.privacy.secrets: env KYR_ACTION_SECRET, dev key created once
OPEN_PATHS = frozenset({"/health"})
DEFAULT_BIND = "127.0.0.1"
DEFAULT_PORT = 5055


def action_secret() -> str:
    from bot.privacy.secrets import get_secret

    return get_secret(SECRET_NAME)


def is_authorized(presented: str | None, secret: str) -> bool:
    """True when ``presented`` equals ``secret`` (constant time; an empty secret never matches)."""
    if not secret or not presented:
        return False
    return hmac.compare_digest(presented.encode("utf-8"), secret.encode("utf-8"))


def protect(app: Sanic, secret: str) -> Sanic:
    """Add the secret check and a text-free error handler to a rasa-sdk app."""
    if not secret:
        raise ValueError("the action server needs a non-empty secret")

    @app.on_request
    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if not is_authorized(request.headers.get(SECRET_HEADER), secret):
            logger.warning("Refused an action server request without the right secret (%s)", request.path)
            return response.json({"error": "unauthorized"}, status=401)
        return None

    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        # Type only: the request (a tracker) and the exception text may hold what the user typed.
        logger.error("Action server request failed (%s)", type(exception).__name__)
        return response.json({"error": "the action failed"}, status=500)

    app.error_handler.add(Exception, failed)
    return app


def create_app(
    actions_package: str = "actions", secret: str | None = None, make_app: Callable[..., Sanic] | None = None
) -> Sanic:
    """rasa-sdk's app for ``actions_package``, protected (no CORS: only Rasa calls it)."""
    if make_app is None:
        from rasa_sdk.endpoint import create_app as rasa_sdk_app

        make_app = rasa_sdk_app
    app = make_app(actions_package, cors_origins=None)
    return protect(app, action_secret() if secret is None else secret)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Start the bot's action server (loopback, shared secret).")
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--port", type=int, default=int(os.environ.get("KYR_ACTION_PORT") or DEFAULT_PORT))
    # Its own setting, not KYR_BIND: putting the Rasa server behind a public proxy must not
    # expose the action server too.
    parser.add_argument("--host", default=os.environ.get("KYR_ACTION_BIND") or DEFAULT_BIND)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    production_check.refuse_to_start_if_unsafe("action server")
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = create_app(args.actions)
    logger.info("Action server on http://%s:%d (secret required)", args.host, args.port)
    app.run(host=args.host, port=args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
