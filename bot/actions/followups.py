"""Follow-up questions about the service in context, and questions asked inside the form.

action_answer_followup answers `ask_cost`, `ask_location`, … and `ask_more` about the service
in the `service` slot (the last one answered), from the catalogue's details. A question asked
while `handoff_form` waits for an answer is answered by action_answer_in_form, which then
leaves the form (nothing is sent) and offers the coordinator again with a button.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    ActionExecuted,
    ActiveLoop,
    EventType,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_language, latest_entity, send
from bot.answers import (
    FOLLOWUP_INTENTS,
    INTENT_MORE,
    INTENT_TOPICS,
    Reply,
    coordinator_button,
    followup_replies,
    service_detail_replies,
    service_replies,
    topic_services_reply,
    topics_reply,
)
from bot.catalogue import Service, get_catalogue
from bot.detail_questions import MAX_WORDS_OF_A_QUESTION_IN_CONTEXT, followup_topic
from bot.i18n import text
from bot.off_topic import off_topic

HANDOFF_SLOTS = ["handoff_consent", "handoff_contact", "handoff_description", "handoff_confirm"]
FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
# With a service in context, a message the classifier was unsure of (below the fallback
# threshold, config.yml) is read as the follow-up it guessed first when that guess is at least
# this sure and no decline is ranked close behind: "ووين مكانه؟" after an answer about a course.
FOLLOWUP_IN_CONTEXT = 0.15
CLOSE_BEHIND = 0.1  # as the fallback classifier's ambiguity threshold
# A declined message whose first two guesses are both services, each at least this sure, is
# asked about with those two as buttons ("Which service do you mean?") rather than with every
# topic: on the development sets this held for 4 of the 46 declined service questions, each
# time with the right service among the two, and for none of 97 declined out-of-domain ones.
CLOSE_PAIR = 0.2
# A follow-up ranked at least this high (after a rule made the service itself certain, its
# rivals keep half their confidence) asks that detail of the service in context.
DETAIL_OF_THE_SERVICE_IN_CONTEXT = 0.2
# With a service in context, a message the classifier declined as out of scope, but less
# sure than this, that asks one of the service's details in so many words ("vilken dag är
# det öppet?", "is that class free?") and names no other topic, is that follow-up. An
# everyday question with its own subject ("what time does the gym open on sunday") is
# declined at 1.00.
SURE_OUT_OF_SCOPE = 0.95


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_confidence(tracker: Tracker) -> float:
    """How sure the classifier was of the latest message's intent (0 when it did not say)."""
    return float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)


def is_question(intent: str | None) -> bool:
    """A question the assistant answers itself: a service, a follow-up, or the topics."""
    return bool(intent) and (
        intent in FOLLOWUP_INTENTS
        or get_catalogue().by_intent(intent) is not None
        or intent == INTENT_TOPICS
    )


def answer_question(tracker: Tracker) -> tuple[list[Reply], list[EventType]]:
    """The replies to the latest message when it is a question (see is_question)."""
    catalogue = get_catalogue()
    language = conversation_language(tracker)
    intent = latest_intent(tracker)
    group = tracker.get_slot("target_group")
    service = catalogue.by_intent(intent)
    if service is not None:
        message = tracker.latest_message.get("text") or ""
        detail = service_detail_replies(catalogue, service, message, language, group)
        return detail or service_replies(catalogue, service, language, group), [
            SlotSet("service", service.id)
        ]
    if intent in FOLLOWUP_INTENTS:
        current = catalogue.services.get(tracker.get_slot("service") or "")
        return followup_replies(catalogue, current, FOLLOWUP_INTENTS[intent], language, group), []
    topic = latest_entity(tracker, "topic")
    reply = topic_services_reply(catalogue, topic, language) if topic else None
    return [reply or topics_reply(catalogue, language)], []


def guessed_detail(tracker: Tracker) -> str | None:
    """The detail topic of the first follow-up the classifier ranked close behind the
    latest message's intent, if any. For a question read as the service already in context
    ("onko lastenhoitoa?" after the answer about Finnish with childcare, whose name says
    childcare): a person asking again wants the detail, not the first answer a second time."""
    for guess in _guesses(tracker):
        name = guess.get("name")
        sure = float(guess.get("confidence") or 0.0) >= DETAIL_OF_THE_SERVICE_IN_CONTEXT
        if name in FOLLOWUP_INTENTS and name != INTENT_MORE and sure:
            return FOLLOWUP_INTENTS[name]
    return None


class ActionAnswerFollowup(Action):
    """Answers a follow-up question about the service in context; keeps the `service` slot.

    With no service in context, a question that names one service asks about that one
    ("Хочу устроить дочку в садик, ей два года. Куда подавать заявление?" asks how to apply
    for daycare): the message is taken again as that service's question, which answers the
    detail asked, rather than "which service do you mean?"."""

    def name(self) -> str:
        return "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        named = _the_one_service_named(tracker)
        if named is not None and (again := read_again(tracker, named)):
            return again
        replies, events = answer_question(tracker)
        send(dispatcher, replies)
        return events


def _the_one_service_named(tracker: Tracker) -> str | None:
    """The intent of the one service a follow-up names when no service is in context."""
    if tracker.get_slot("service") or latest_intent(tracker) not in FOLLOWUP_INTENTS:
        return None
    named = get_catalogue().services_named(tracker.latest_message.get("text") or "")
    return named[0].intent if len(named) == 1 else None


def leave_form_events() -> list[EventType]:
    return [ActiveLoop(None), SlotSet("requested_slot", None)] + [
        SlotSet(slot, None) for slot in HANDOFF_SLOTS
    ]


def left_form_reply(language: str) -> Reply:
    return Reply(text("handoff_left", language), [coordinator_button(language)])


def _guesses(tracker: Tracker) -> list[dict[str, Any]]:
    """The classifier's ranking of the latest message, without the fallback's own entry."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    return [r for r in ranking if r.get("name") != FALLBACK_INTENT]


def close_services(tracker: Tracker) -> list[Service]:
    """The two services a declined message was most likely about, when both are close enough
    to ask which one is meant; otherwise none."""
    guesses = _guesses(tracker)[:2]
    if len(guesses) < 2 or any(float(g.get("confidence") or 0.0) < CLOSE_PAIR for g in guesses):
        return []
    catalogue = get_catalogue()
    services = [s for g in guesses if (s := catalogue.by_intent(g.get("name"))) is not None]
    return services if len(services) == 2 else []


def meaning_in_context(tracker: Tracker) -> dict[str, Any] | None:
    """The intent (name, confidence) a message declined by the fallback classifier has in
    context, when a service has been answered (for one read as out of scope, see
    `_detail_declined_out_of_scope`): the follow-up it was first guessed as (or the
    question about the service in context itself), else the detail it asks in so many words
    (bot/detail_questions.py). None: it stays declined."""
    service = tracker.get_slot("service")
    if not service:
        return None
    if latest_intent(tracker) == OUT_OF_SCOPE:
        return _detail_declined_out_of_scope(tracker)
    if latest_intent(tracker) != FALLBACK_INTENT:
        return None
    ranking = _guesses(tracker)
    if not ranking:
        return None
    best = ranking[0]
    confidence = float(best.get("confidence") or 0.0)
    declined_close = any(
        r.get("name") == OUT_OF_SCOPE
        and confidence - float(r.get("confidence") or 0.0) < CLOSE_BEHIND
        for r in ranking[1:2]
    )
    about_it = best.get("name") in FOLLOWUP_INTENTS or best.get("name") == f"ask_{service}"
    if confidence >= FOLLOWUP_IN_CONTEXT and not declined_close and about_it:
        return {"name": best["name"], "confidence": confidence}
    # Else the detail it asks in so many words ("منين باخده؟", "وكيف بقدر انضم؟"), unless the
    # classifier read a decline clearly first ("vilken dag är det öppet?": out_of_scope 0.42,
    # ask_schedule 0.40, is read).
    return None if _declined_clearly(ranking) else _detail_asked(tracker, confidence)


def _detail_declined_out_of_scope(tracker: Tracker) -> dict[str, Any] | None:
    """The follow-up a message read as out of scope asks about the service in context: one
    of its details in so many words, when the classifier was not sure (`SURE_OUT_OF_SCOPE`)
    and the message names no topic the services are not about (bot/off_topic.py)."""
    message = tracker.latest_message.get("text") or ""
    confidence = latest_confidence(tracker)
    if confidence >= SURE_OUT_OF_SCOPE or off_topic(message) is not None:
        return None
    return _detail_asked(tracker, confidence)


def _detail_asked(tracker: Tracker, confidence: float) -> dict[str, Any] | None:
    """The follow-up (name, confidence) the latest message asks in the words of
    `followup_topic` (up to MAX_WORDS_OF_A_QUESTION_IN_CONTEXT words); None when it asks none."""
    message = tracker.latest_message.get("text") or ""
    topic = followup_topic(message, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT)
    return None if topic is None else {"name": f"ask_{topic}", "confidence": confidence}


def _declined_clearly(ranking: list[dict[str, Any]]) -> bool:
    """Whether the classifier's first guess is out_of_scope by a margin over the next one."""
    if not ranking or ranking[0].get("name") != OUT_OF_SCOPE:
        return False
    first = float(ranking[0].get("confidence") or 0.0)
    second = float(ranking[1].get("confidence") or 0.0) if len(ranking) > 1 else 0.0
    return first - second >= CLOSE_BEHIND


class ActionReadInContext(Action):
    """Before the fallback or the out-of-scope answer: a short question the classifier was
    unsure of, or leaned out of scope, right after an answer about a service, is a follow-up
    about it ("how long?", "وين مكانه؟", "vilken dag är det öppet?"), as a person would read
    it. The message is taken again with that intent, as Rasa's two-stage fallback does after
    a clarification, and the rules answer it; otherwise nothing happens and the fallback (or
    the out-of-scope answer) follows."""

    def name(self) -> str:
        return "action_read_in_context"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = meaning_in_context(tracker)
        return [] if intent is None else read_again(tracker, intent["name"], intent["confidence"])


def read_again(tracker: Tracker, name: str, confidence: float | None = None) -> list[EventType]:
    """Events that take the latest message again with the intent `name` (as sure as the
    classifier was of its own reading, unless `confidence` is given), as Rasa's two-stage
    fallback does after a clarification: the policies then predict for the intent it has in
    context. Empty when there is no message to take again."""
    if confidence is None:
        confidence = (tracker.latest_message.get("intent") or {}).get("confidence")
    events = tracker.events
    last = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=None)
    if last is None:
        return []
    said = events[last]
    parse_data = {
        **(said.get("parse_data") or tracker.latest_message),
        "intent": {"name": name, "confidence": confidence},
        "intent_ranking": _guesses(tracker),
    }
    # The same message (text, channel, metadata, id), now with the intent it has here.
    again = {**UserUttered(said.get("text")), **said, "parse_data": parse_data}
    again["timestamp"] = None
    # Reverting it also undoes the slots Rasa filled from it (its language, a stated group).
    slots = [
        SlotSet(e["name"], e.get("value")) for e in events[last + 1 :] if e.get("event") == "slot"
    ]
    return [UserUtteranceReverted(), ActionExecuted("action_listen"), again, *slots]
