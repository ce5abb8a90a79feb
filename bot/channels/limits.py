"""Message limits of the REST and socket.io channels: per conversation and per client address.

The SMS channel has its own per-sender limit (a phone is both the client and the conversation).
Like that one, these live in memory (or in Redis when several servers share the load) and keep no record: they protect the bot's
one event loop from floods (a crafted message costs redaction and NLU time, issue #15), they
are not an audit trail. Over the limit, the first refused message gets a notice and the rest
are dropped until the window frees up (bot.channels.rate_limit).
"""

from __future__ import annotations

from bot import settings
from bot.channels.rate_limit import Decision, make_limiter


class ChannelLimits:
    def __init__(self) -> None:
        window = settings.rate_limit_window_seconds()
        self.conversations = make_limiter("conversation", settings.rate_limit_messages(), window)
        self.clients = make_limiter("client", settings.rate_limit_client_messages(), window)

    def check(self, conversation_id: str | None, client: str | None) -> Decision:
        """Record one message; the stricter of the two decisions (the client first)."""
        decisions = []
        if client:
            decisions.append(self.clients.check(client))
        if conversation_id and (not decisions or decisions[0] is Decision.ALLOW):
            decisions.append(self.conversations.check(conversation_id))
        for decision in (Decision.SILENT, Decision.NOTIFY):
            if decision in decisions:
                return decision
        return Decision.ALLOW

    def check_client(self, client: str | None) -> Decision:
        """New conversation ids count against the client's allowance too."""
        return self.clients.check(client) if client else Decision.ALLOW
