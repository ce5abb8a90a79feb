"""NLU component: a whole message that only asks for a lawyer, or who or what the bot is, gets that intent.

"hola necesito abogado" was `greet` (0.51: the greeting, nothing about lawyers); "oi preciso de advogado" and "hola
quiero un abogado" were below the fallback threshold ("I can't answer that"); "are you ICE" got the answer on Border
Patrol and ICE custody and "eres una persona de verdad?" "I can't answer" (session 42's blind tests). A message made
only of one group's phrases and fillers (bot.nlu.whole_requests, data/whole_requests.yml) gets the group's intent:
a request for a lawyer ``find_legal_aid`` where the classifier guessed a greeting, a goodbye, the menu or nothing it
could place ("necesito abogado" as `right_to_lawyer` stands); a question about the bot ``bot_privacy`` over any
guess. A message that names a case manager and ICE or privacy ("does my case manager tell ice stuff", "mi case
manager le dice a ice lo q le cuento?": "I can't answer" or the lawyer-privacy answer) gets ``case_file_access``
(case manager notes go in the ORR case file; who can see it), unless the guess already says who sees it; one that
names a therapist or counselor and ICE ("puede ICE ver lo que mi hijo le dice a la terapeuta?": the caregivers'
general answer, session 45) ``therapy_notes_ice``, unless the guess is the therapy answer or already says who sees it.
A request that the bot call a lawyer ("can you call a lawyer for me": both lawyer answers offered, with no word that the
bot cannot call; QA session 44) gets ``human_handoff``, and "me van a deportar?" ("I can't answer", session 45)
``court_and_asylum`` (over any guess but crisis, disclosure and delete: "eske yo pral depote m" got the therapy-notes
answer, QA46); the request to call a lawyer only over an unplaced guess, a greeting, a goodbye or the menu, and also
over two answers offered together, as it asks for neither.
A lawyer-request guess on Portuguese "legal" meaning "nice" ("ele é legal comigo as vezes": the lawyer questions right
after the crisis answer, session 45) becomes ``nlu_fallback``. A crisis,
disclosure or delete guess stands (but those the file's ``replaces_also`` names: "will this hurt my case" and "what if
they don't let me call", said and nothing else, over a crisis guess, which read "hurt" and "don't let me" as danger;
"o que eu te falei antes?" over the disclosure guard), and so do two answers offered together (OfferBoth); the safety
patterns, which run after this component, still win.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, force_intent, offers_both
from bot.nlu.whole_requests import (
    CASE_FILE,
    FIND_LEGAL_AID,
    HANDOFF,
    ONLY_OVER_UNPLACED,
    asks_whether_ice_hears_therapist,
    asks_who_hears_case_manager,
    legal_means_nice,
    replaced_also,
    requested_intent,
)

KEPT = frozenset({"crisis", "disclosure_guard", "delete_my_data"})
UNSURE = "nlu_fallback"
# A lawyer request and a request to have a lawyer called replace only these guesses.
UNPLACED = frozenset({"greet", "goodbye", "menu", "nlu_fallback", "out_of_scope"})
# Answers that already say who sees what a child tells: a case-manager question keeps them.
NOTES_AND_ICE, THERAPY = "therapy_notes_ice", "therapy_privacy"
SAYS_WHO_SEES = frozenset({CASE_FILE, "records_request", NOTES_AND_ICE, "sponsor_privacy"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class WholeRequests(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            guess = (message.get(INTENT) or {}).get("name")
            text = message.get(TEXT) or ""
            wanted = requested_intent(text)
            if offers_both(message) and wanted != HANDOFF:
                continue  # two close answers offered stand; "can you call a lawyer for me" wants neither (QA 44)
            if guess == FIND_LEGAL_AID and legal_means_nice(text):
                force_intent(message, UNSURE, 0.0)  # "ele é legal comigo": "nice", not legal aid (session 45)
                continue
            if guess in KEPT and (wanted is None or guess not in replaced_also(wanted)):
                continue  # only a group the file names replaces such a guess ("will this hurt my case" over crisis)
            if wanted is None and guess not in SAYS_WHO_SEES and asks_who_hears_case_manager(text):
                wanted = CASE_FILE
            if wanted is None and guess not in SAYS_WHO_SEES | {THERAPY} and asks_whether_ice_hears_therapist(text):
                wanted = NOTES_AND_ICE  # a parent's "can ICE see what my son tells the therapist" (session 45)
            if wanted is None or wanted == guess or (wanted in ONLY_OVER_UNPLACED and guess not in UNPLACED):
                continue
            force_intent(message, wanted, 1.0)
        return messages
