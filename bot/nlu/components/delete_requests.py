"""NLU component: only a message that plainly asks to erase the chat deletes it at once.

Deleting cannot be undone: the tracker store wipes the conversation and the action drops any request
to a legal aid group that was not sent yet. The classifier alone said `delete_my_data` for "he deleted
my messages" and "i forgot my password", and `crisis` for "jveux que tu oublies tout ce que jai dit".
So (bot.privacy.delete_requests, data/privacy/delete_requests.yml):

- a whole message that is an explicit request ("efface tout stp", "can you delete my data") becomes
  `delete_my_data`, whatever the classifier said;
- a message whose last clause is such a request ("im on my cousins phone so erase my messages", "ok
  bye, erase this chat before I go"), or whose first clause is one ("delete the chat please, i dont want
  this saved"), is `delete_my_data` unless the classifier says `crisis` or `disclosure_guard`: the rest
  is not read, so those guesses stand (the crisis answer offers the Delete button as well);
- any other message the classifier calls `delete_my_data` becomes `bot_privacy`: the answer says what
  the chat keeps and offers the "Delete my chat" button, so a real request costs one more tap and a
  wrong guess costs nothing.

Payloads ("/delete_my_data": buttons, the web page's quick exit, the SMS keywords) are left alone, and
the safety patterns, which run after this component, still win.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, force_intent
from bot.privacy.delete_requests import (
    ends_with_delete_request,
    is_explicit_delete_request,
    starts_with_delete_request,
)

DELETE = "delete_my_data"
UNREAD_LEAD_IN_STANDS = ("crisis", "disclosure_guard")
WHAT_THE_CHAT_KEEPS = "bot_privacy"


def delete_intent(text: str, classified: str | None) -> str | None:
    """The intent this component sets for ``text`` (classified as ``classified``), or None to keep it."""
    if not text or text.startswith("/"):
        return None
    if is_explicit_delete_request(text):
        return DELETE if classified != DELETE else None
    if ends_with_delete_request(text) or starts_with_delete_request(text):
        # The rest of the message is not read, so a crisis or disclosure guess stands (the crisis
        # answer offers the Delete button too).
        return DELETE if classified not in (DELETE, *UNREAD_LEAD_IN_STANDS) else None
    return WHAT_THE_CHAT_KEEPS if classified == DELETE else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DeleteRequests(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            forced = delete_intent(message.get(TEXT) or "", intent.get("name"))
            if forced is None:
                continue
            force_intent(message, forced, 1.0 if forced == DELETE else intent.get("confidence", 0.0))
        return messages
