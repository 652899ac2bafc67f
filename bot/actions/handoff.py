"""The handoff to the integration coordinator: a gate, the form `handoff_form`, and submission.

Flow: action_handoff_gate (daily limits; also reached from the second fallback in a row, hence
the FollowupAction) → handoff_form asks consent, contact, description and
confirmation (each question is an `action_ask_…`) → action_submit_handoff writes the e-mail to
the outbox, from where the handoff sender delivers it. "Cancel" at any step runs
action_cancel_handoff. Nothing is queued without consent and confirmation.

Limits: 3 a day per conversation, and (bot/handoff/limits.py) per client address and for
everyone together, which a new conversation id does not reset; they are checked at the gate
and again when the handoff is queued. A refused newcomer is given the coordinator's e-mail
address from the catalogue instead.

The form never traps anyone: a new question (a service, a follow-up, the topics) at the consent
or confirmation step is rejected by the form and answered by action_answer_in_form, which leaves
the form; at the contact step a message that is no contact but a question is answered by the
validation and the form ends without sending. The second fallback in a row only *offers* the
coordinator (buttons: yes → request_human starts the form; no).
"""

from __future__ import annotations

import time
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import conversation_language, send
from bot.actions.followups import (
    answer_question,
    close_services,
    is_question,
    latest_confidence,
    latest_intent,
    leave_form_events,
    left_form_reply,
)
from bot.actions.topics import ActionShowTopics
from bot.answers import Reply, which_of_reply
from bot.catalogue import get_catalogue
from bot.handoff import limits
from bot.handoff.compose import HandoffRequest, Turn, body, subject
from bot.handoff.contact import parse_contact
from bot.handoff.outbox import Outbox
from bot.i18n import text
from bot.settings import Settings, get_settings

FORM = "handoff_form"
FORM_SLOTS = ["handoff_consent", "handoff_contact", "handoff_description", "handoff_confirm"]
AGREEMENT_SLOTS = ("handoff_consent", "handoff_confirm")
SKIPPED = "skipped"
GIVEN = "given"
MAX_TURNS_IN_EMAIL = 10
DAY = 86400
# At the contact step any text may be the answer: a question leaves the form only when the
# classifier is this sure of it.
QUESTION_CONFIDENCE = 0.6


class _Configured:
    """An action with its settings. rasa-sdk's executor builds each action once, when the
    action server loads them: then it takes this process's settings (`get_settings()`, read
    once); a test passes its own."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()

    def _outbox(self) -> Outbox:
        return Outbox(self.settings.database_url)


def _reset() -> list[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


def _buttons(language: str, *pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"title": text(key, language), "payload": payload} for key, payload in pairs]


def coordinator_email(settings: Settings) -> str:
    """COORDINATOR_EMAIL, or the catalogue's contact for Kauniainen's integration services."""
    return (
        settings.coordinator_email
        or get_catalogue().providers["kauniainen_integration_services"].email
        or ""
    )


def public_contact_email() -> str:
    """The e-mail address the catalogue gives for Kauniainen's integration services."""
    return get_catalogue().providers["kauniainen_integration_services"].email or ""


def _refused_by_shared_limits(
    settings: Settings, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
) -> bool:
    """Whether a per-client or the global limit refuses this handoff (and if so, say so)."""
    reason = limits.refusal(
        settings.database_url,
        limits.client_key(tracker.events, tracker.sender_id),
        settings.handoff_client_daily_limit,
        settings.handoff_global_daily_limit,
    )
    if reason is None:
        return False
    key = "handoff_global_limit" if reason == limits.GLOBAL else "handoff_client_limit"
    send(dispatcher, [Reply(text(key, language, email=public_contact_email()))])
    return True


class ActionHandoffGate(_Configured, Action):
    """Starts the form unless this conversation already reached today's limit."""

    def name(self) -> str:
        return "action_handoff_gate"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        settings = self.settings
        language = conversation_language(tracker)
        outbox = self._outbox()
        if outbox.count_since(tracker.sender_id, time.time() - DAY) >= settings.handoff_daily_limit:
            limit = str(settings.handoff_daily_limit)
            reply = text(
                "handoff_limit", language, limit=limit, email=coordinator_email(self.settings)
            )
            send(dispatcher, [Reply(reply)])
            return [FollowupAction("action_listen")]  # the form does not start
        if _refused_by_shared_limits(self.settings, dispatcher, tracker, language):
            return [FollowupAction("action_listen")]
        outbox.discard_draft(tracker.sender_id)
        return [FollowupAction(FORM)]


class ActionAskHandoffConsent(Action):
    def name(self) -> str:
        return "action_ask_handoff_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = conversation_language(tracker)
        buttons = _buttons(language, ("button_yes", "/affirm"), ("button_no", "/deny"))
        send(dispatcher, [Reply(text("handoff_consent", language), buttons)])
        return []


class ActionAskHandoffContact(Action):
    def name(self) -> str:
        return "action_ask_handoff_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        send(dispatcher, [Reply(text("handoff_ask_contact", conversation_language(tracker)))])
        return []


class ActionAskHandoffDescription(Action):
    def name(self) -> str:
        return "action_ask_handoff_description"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = conversation_language(tracker)
        buttons = _buttons(language, ("button_skip", "/deny"))
        send(dispatcher, [Reply(text("handoff_ask_description", language), buttons)])
        return []


class ActionAskHandoffConfirm(_Configured, Action):
    """Shows exactly what will be sent (from the draft) before asking to send it."""

    def name(self) -> str:
        return "action_ask_handoff_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = conversation_language(tracker)
        draft = self._outbox().draft(tracker.sender_id)
        description = draft.get("description") or text("handoff_no_description", language)
        message = text(
            "handoff_confirm", language, contact=draft.get("contact") or "", description=description
        )
        buttons = _buttons(language, ("button_send", "/affirm"), ("button_cancel", "/cancel"))
        send(dispatcher, [Reply(message, buttons)])
        return []


class ValidateHandoffForm(_Configured, FormValidationAction):
    """Keeps the consented contact and description in the outbox draft; the slots only say
    that they were given, so the conversation log holds no more than the masked text."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("handoff_consent") is False:
            return ["handoff_consent"]  # no consent: ask nothing more
        return FORM_SLOTS

    def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # not answered yet
            return {"handoff_contact": None}
        contact = parse_contact(str(value))
        intent = latest_intent(tracker)
        if contact is None and intent == "cancel":
            # the form completes without consent: action_submit_handoff sends nothing
            return {"handoff_contact": None, "handoff_consent": False, "requested_slot": None}
        confidence = latest_confidence(tracker)
        if contact is None and is_question(intent) and confidence >= QUESTION_CONFIDENCE:
            # a new question, not a contact: answer it and end the form without sending
            replies, events = answer_question(tracker)
            send(dispatcher, [*replies, left_form_reply(conversation_language(tracker))])
            slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
            return {
                **slots,
                "handoff_contact": None,
                "handoff_consent": False,
                "requested_slot": None,
            }
        if contact is None:
            language = conversation_language(tracker)
            send(dispatcher, [Reply(text("handoff_contact_invalid", language))])
            return {"handoff_contact": None}
        self._outbox().save_draft(tracker.sender_id, contact=contact.value)
        return {"handoff_contact": contact.placeholder}

    def validate_handoff_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # not answered yet
            return {"handoff_description": None}
        if value == SKIPPED or not str(value).strip():
            self._outbox().save_draft(tracker.sender_id, description=None)
            return {"handoff_description": SKIPPED}
        self._outbox().save_draft(tracker.sender_id, description=str(value).strip()[:2000])
        return {"handoff_description": GIVEN}


def _services_discussed(tracker: Tracker) -> list[str]:
    services: list[str] = []
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "service" and event.get("value"):
            if event["value"] in services:
                services.remove(event["value"])
            services.append(event["value"])
    return services


def _last_turns(tracker: Tracker) -> list[Turn]:
    """The conversation before the handoff started, as written."""
    events = tracker.events
    start = max(
        (
            i
            for i, e in enumerate(events)
            if e.get("event") == "action" and e.get("name") == "action_handoff_gate"
        ),
        default=len(events),
    )
    turns = [
        Turn(float(e.get("timestamp") or 0), "user" if e["event"] == "user" else "bot", e["text"])
        for e in events[:start]
        if e.get("event") in ("user", "bot") and e.get("text")
    ]
    return turns[-MAX_TURNS_IN_EMAIL:]


def _agreed_in_events(tracker: Tracker) -> bool:
    """Consent and confirmation as the conversation's events recorded them since the gate last
    ran (the last value of each slot after it is True), not the `slots` of the call."""
    events = tracker.events
    gate = max(
        (
            i
            for i, e in enumerate(events)
            if e.get("event") == "action" and e.get("name") == "action_handoff_gate"
        ),
        default=None,
    )
    if gate is None:
        return False
    answers: dict[str, Any] = {}
    for event in events[gate + 1 :]:
        if event.get("event") == "slot" and event.get("name") in AGREEMENT_SLOTS:
            answers[event["name"]] = event.get("value")
    return all(answers.get(slot) is True for slot in AGREEMENT_SLOTS)


def _over_daily_limit(outbox: Outbox, sender_id: str) -> bool:
    limit = Settings.handoff_daily_limit
    return outbox.count_since(sender_id, time.time() - DAY) >= limit


class ActionSubmitHandoff(_Configured, Action):
    """Queues the e-mail in the outbox when the newcomer consented and confirmed.

    It checks again what the gate and the form checked (the daily limit; consent and
    confirmation, from the conversation's events), so no dialogue path and no replayed call
    can queue more, or queue without agreement.
    """

    def name(self) -> str:
        return "action_submit_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = conversation_language(tracker)
        outbox = self._outbox()
        draft = outbox.draft(tracker.sender_id)
        agreed = (
            tracker.get_slot("handoff_consent")
            and tracker.get_slot("handoff_confirm")
            and _agreed_in_events(tracker)
        )
        if agreed and _over_daily_limit(outbox, tracker.sender_id):
            outbox.discard_draft(tracker.sender_id)
            limit = str(self.settings.handoff_daily_limit)
            reply = text(
                "handoff_limit", language, limit=limit, email=coordinator_email(self.settings)
            )
            send(dispatcher, [Reply(reply)])
            return _reset()
        if not agreed or not draft.get("contact"):
            outbox.discard_draft(tracker.sender_id)
            if not is_question(latest_intent(tracker)):  # else the validation said so already
                send(dispatcher, [Reply(text("handoff_not_sent", language))])
            return _reset()
        if _refused_by_shared_limits(self.settings, dispatcher, tracker, language):
            outbox.discard_draft(tracker.sender_id)
            return _reset()
        catalogue = get_catalogue()
        request = HandoffRequest(
            conversation_id=tracker.sender_id,
            language=language,
            channel=tracker.get_latest_input_channel() or "rest",
            contact=str(draft["contact"]),
            description=draft.get("description"),
            target_group=tracker.get_slot("target_group"),
            services=_services_discussed(tracker),
            turns=_last_turns(tracker),
        )
        outbox.enqueue(
            tracker.sender_id,
            language=language,
            channel=request.channel,
            recipient=coordinator_email(self.settings),
            subject=subject(request, catalogue),
            body=body(request, catalogue),
        )
        limits.record(
            self.settings.database_url, limits.client_key(tracker.events, tracker.sender_id)
        )
        send(dispatcher, [Reply(text("handoff_sent", language, contact=request.contact))])
        return _reset()


class ActionCancelHandoff(_Configured, Action):
    """Leaves the form at any step; nothing is sent and the draft is deleted."""

    def name(self) -> str:
        return "action_cancel_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        self._outbox().discard_draft(tracker.sender_id)
        send(dispatcher, [Reply(text("handoff_not_sent", conversation_language(tracker)))])
        return [ActiveLoop(None), SlotSet("requested_slot", None), *_reset()]


class ActionHandleFallback(Action):
    """After the fallback text: the two services it was most likely about when they are
    close (`close_services`), else the topics; the second fallback in a row offers the
    coordinator with buttons (the form starts only when the person says yes)."""

    def name(self) -> str:
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intents = [
            (e.get("parse_data") or {}).get("intent", {}).get("name")
            for e in tracker.events
            if e.get("event") == "user"
        ]
        if len(intents) >= 2 and intents[-1] == intents[-2] == "nlu_fallback":
            language = conversation_language(tracker)
            buttons = _buttons(
                language, ("button_offer_yes", "/request_human"), ("button_no", "/deny")
            )
            send(dispatcher, [Reply(text("offer_coordinator", language), buttons)])
            return []
        close = close_services(tracker)
        if close:
            send(dispatcher, [which_of_reply(close, conversation_language(tracker))])
            return []
        return await ActionShowTopics().run(dispatcher, tracker, domain)


class ActionAnswerInForm(_Configured, Action):
    """A new question while the handoff form waits: answer it, then leave the form."""

    def name(self) -> str:
        return "action_answer_in_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        replies, events = answer_question(tracker)
        self._outbox().discard_draft(tracker.sender_id)
        send(dispatcher, [*replies, left_form_reply(conversation_language(tracker))])
        return [*events, *leave_form_events()]
