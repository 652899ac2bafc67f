"""Conversations as the review tool shows them, from the tracker store the assistant writes
(Rasa's `events` table, read through bot/data/rasa_events.py) and the handoff outbox.

Conversation summaries are built from the events once and then kept up to date from the rows
added since (the table only grows, except when retention or "forget me" deletes, which is
noticed and answered by a rebuild). Every text leaves this module masked.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from bot.data import rasa_events
from bot.data.schema import OutboxState, outbox
from bot.languages import DEFAULT_LANGUAGE, LANGUAGES, NATIVE_NAMES
from bot.masking import mask

FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTION = "utter_fallback"
NOT_UNDERSTOOD = ("nlu_fallback", "out_of_scope")
TRACKED_SLOTS = ("language", "service", "target_group")
# Rasa's input channel names → the names coordinators know.
CHANNELS: dict[str, str] = {"socketio": "website", "telegram": "telegram", "rest": "rest"}
CHANNEL_LABELS: dict[str, str] = {"website": "Website", "telegram": "Telegram", "rest": "REST"}
HIDDEN_ACTIONS = frozenset({"action_listen", "action_session_start"})
# A button payload or a command a channel sends for the user: "/intent" or "/intent{json}".
_PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)
# What the user typed, when a channel turns a command into a payload (Telegram's /start).
_COMMANDS: dict[tuple[str, str], str] = {("telegram", "greet"): "/start"}

# A handoff's delivery as coordinators ask about it (filters, analytics, the CSV export).
DELIVERY_STATES = ("queued", "sent", "failed")


@dataclass(frozen=True)
class Message:
    """One user message, masked, with what the NLU made of it."""

    event_id: int
    sender_id: str
    at: float
    text: str
    intent: str | None
    confidence: float | None
    language: str | None
    # What the user saw: the title of the button they clicked, or "/start (Українська)" for a
    # payload no button offered; the text itself otherwise. `text` is what Rasa received.
    shown: str = ""
    entities: tuple[tuple[str, str], ...] = ()

    @property
    def is_payload(self) -> bool:
        return self.shown != self.text


@dataclass
class ConversationFacts:
    """What the events tell about one conversation (review state and handoffs come apart)."""

    sender_id: str
    started_at: float
    last_at: float
    channel: str | None = None
    languages: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    target_group: str | None = None
    fallbacks: int = 0
    messages: list[Message] = field(default_factory=list)
    bot_texts: list[str] = field(default_factory=list)
    hint_language: str | None = None
    turn_is_fallback: bool = False
    offered: dict[str, str] = field(default_factory=dict)  # button payload → title, so far

    @property
    def language(self) -> str:
        """The language the conversation ended in (the bot's default when nothing told one)."""
        if self.languages:
            return self.languages[-1]
        detected = [m.language for m in self.messages if m.language]
        return detected[-1] if detected else self.hint_language or DEFAULT_LANGUAGE

    @property
    def all_languages(self) -> list[str]:
        return self.languages or [self.language]

    @property
    def first_message(self) -> str:
        return self.messages[0].shown if self.messages else ""

    @property
    def not_understood(self) -> list[Message]:
        return [m for m in self.messages if m.intent in NOT_UNDERSTOOD]

    def contains(self, needle: str) -> bool:
        """Whether the (masked) user messages or bot replies contain `needle`, ignoring case."""
        needle = needle.casefold()
        return any(
            needle in m.text.casefold() or needle in m.shown.casefold() for m in self.messages
        ) or any(needle in text.casefold() for text in self.bot_texts)


@dataclass(frozen=True)
class Handoff:
    """A row of the handoff outbox (bot/handoff/outbox.py): a request to a coordinator and how
    its delivery went. The sender moves a row queued -> sending -> sent, and back to queued
    with `last_error` after a failed attempt; it never gives up on one."""

    conversation_id: str
    created_at: float
    language: str | None
    channel: str | None
    status: OutboxState
    attempts: int
    last_error: str | None
    sent_at: float | None

    @property
    def retrying(self) -> bool:
        """An attempt failed and the sender will try again (the outbox keeps it queued)."""
        return self.status in (OutboxState.QUEUED, OutboxState.SENDING) and bool(self.last_error)

    @property
    def state(self) -> str:
        """Delivery as a coordinator asks about it (one of DELIVERY_STATES): sent, failed (the
        last attempt failed, another will follow) or queued."""
        if self.status is OutboxState.SENT:
            return "sent"
        return "failed" if self.retrying else "queued"


@dataclass
class BotReply:
    at: float
    text: str
    buttons: list[tuple[str, str]]


@dataclass
class Turn:
    """A user message and what followed it until the next one."""

    user: Message | None
    channel: str | None = None
    language_method: str | None = None
    replies: list[BotReply] = field(default_factory=list)
    service: str | None = None
    actions: list[str] = field(default_factory=list)
    fallback: bool = False


class TrackerIndex:
    """Conversation summaries of the whole tracker store, refreshed cheaply on each request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._facts: dict[str, ConversationFacts] = {}
        self._seen: tuple[int, int] = (0, 0)  # (row count, highest id) the summaries reflect

    def conversations(self, connection: sa.engine.Connection) -> dict[str, ConversationFacts]:
        """Every conversation with at least one user message, by sender id."""
        with self._lock:
            self._refresh(connection)
            return {s: f for s, f in self._facts.items() if f.messages}

    def _refresh(self, connection: sa.engine.Connection) -> None:
        now = rasa_events.size(connection)
        if now == self._seen:
            return
        seen_count, seen_highest = self._seen
        if now[1] > seen_highest and seen_count:
            added = rasa_events.count_between(connection, seen_highest, now[1])
            if seen_count + added == now[0]:
                self._apply(connection, seen_highest, now[1], incremental=True)
                self._seen = now
                return
        self._facts = {}
        if now[0]:
            self._apply(connection, -1, now[1], incremental=False)
        self._seen = now

    def _apply(
        self, connection: sa.engine.Connection, after: int, until: int, incremental: bool
    ) -> None:
        copied: set[str] = set()
        for row in rasa_events.summary_rows(connection, after, until):
            facts = self._facts.get(row.sender_id)
            if facts is None:
                facts = ConversationFacts(row.sender_id, row.timestamp or 0, row.timestamp or 0)
                self._facts[row.sender_id] = facts
                copied.add(row.sender_id)
            elif incremental and row.sender_id not in copied:
                # Requests may still read the old object: change a copy.
                facts = _copy(facts)
                self._facts[row.sender_id] = facts
                copied.add(row.sender_id)
            _update(facts, row.id, row.type_name, row.timestamp, rasa_events.event_data(row.data))


def _copy(facts: ConversationFacts) -> ConversationFacts:
    return replace(
        facts,
        languages=list(facts.languages),
        services=list(facts.services),
        messages=list(facts.messages),
        bot_texts=list(facts.bot_texts),
        offered=dict(facts.offered),
    )


def _update(
    facts: ConversationFacts, event_id: int, kind: str, at: float | None, data: dict[str, Any]
) -> None:
    at = at or data.get("timestamp") or facts.last_at
    facts.started_at = min(facts.started_at, at) if facts.started_at else at
    facts.last_at = max(facts.last_at, at)
    if kind == "user":
        if facts.hint_language is None:
            facts.hint_language = _hint(data)
        known = facts.languages[-1] if facts.languages else facts.hint_language
        if facts.channel is None and data.get("input_channel"):
            facts.channel = channel_name(data["input_channel"])
        message = _message(facts.sender_id, event_id, at, data, known, facts.offered)
        facts.messages.append(message)
        facts.turn_is_fallback = message.intent == FALLBACK_INTENT
        facts.fallbacks += facts.turn_is_fallback
    elif kind == "bot":
        if data.get("text"):
            facts.bot_texts.append(_mask_reply(str(data["text"])))
        facts.offered.update((payload, title) for title, payload in _buttons(data))
    elif kind == "slot":
        name, value = data.get("name"), data.get("value")
        if name == "language" and value in LANGUAGES:
            if not facts.languages or facts.languages[-1] != value:
                if value in facts.languages:
                    facts.languages.remove(value)
                facts.languages.append(value)
        elif name == "service" and isinstance(value, str) and value:
            if value not in facts.services:
                facts.services.append(value)
        elif name == "target_group":
            facts.target_group = value if isinstance(value, str) else None
    elif kind == "action" and data.get("name") == FALLBACK_ACTION and not facts.turn_is_fallback:
        facts.fallbacks += 1
        facts.turn_is_fallback = True


@lru_cache(maxsize=8192)
def _mask_reply(text: str) -> str:
    """The bot says the same catalogue sentences over and over: mask each once."""
    return mask(text)


def channel_name(input_channel: str) -> str:
    return CHANNELS.get(input_channel, input_channel)


def _hint(data: dict[str, Any]) -> str | None:
    hint = (data.get("metadata") or {}).get("language")
    return hint if hint in LANGUAGES else None


def _entity_language(parse_data: dict[str, Any]) -> tuple[str | None, str | None]:
    for entity in parse_data.get("entities") or []:
        if entity.get("entity") == "language" and entity.get("value") in LANGUAGES:
            return entity["value"], entity.get("method")
    return None, None


def _buttons(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, payload) of the buttons a bot event showed; titles masked."""
    buttons = (data.get("data") or {}).get("buttons") or []
    return [
        (mask(str(b.get("title", ""))), str(b.get("payload", "")))
        for b in buttons
        if isinstance(b, dict)
    ]


def shown_text(text: str, channel: str | None, offered: dict[str, str]) -> str:
    """What the user saw for a message Rasa received as `text`: the title of the button whose
    payload it is, else for a payload no button offered (Telegram's /start sends
    `/greet{"language":"uk"}`) the command and its entities ("/start (Українська)")."""
    if text in offered:
        return offered[text]
    match = _PAYLOAD.match(text)
    if not match:
        return text
    intent, raw_entities = match.groups()
    label = _COMMANDS.get((channel or "", intent), "/" + intent)
    try:
        entities = json.loads(raw_entities) if raw_entities else {}
    except ValueError:
        return text
    if not isinstance(entities, dict):
        return text
    values = [
        NATIVE_NAMES.get(value, str(value)) if name == "language" else str(value)
        for name, value in entities.items()
    ]
    return mask(f"{label} ({', '.join(values)})" if values else label)


def _message(
    sender_id: str,
    event_id: int,
    at: float,
    data: dict[str, Any],
    current: str | None,
    offered: dict[str, str],
) -> Message:
    parse_data = data.get("parse_data") or {}
    intent = parse_data.get("intent") or {}
    detected, _ = _entity_language(parse_data)
    confidence = intent.get("confidence")
    raw = str(data.get("text") or "")
    channel = channel_name(data["input_channel"]) if data.get("input_channel") else None
    text = mask(raw)
    return Message(
        event_id=event_id,
        sender_id=sender_id,
        at=at,
        text=text,
        intent=intent.get("name"),
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
        language=detected or current,
        shown=shown_text(raw, channel, offered) if raw.startswith("/") else text,
        entities=tuple(
            (str(e.get("entity")), mask(str(e.get("value"))))
            for e in parse_data.get("entities") or []
            if isinstance(e, dict) and e.get("entity")
        ),
    )


def handoffs(connection: sa.engine.Connection) -> dict[str, list[Handoff]]:
    """Every handoff by conversation, oldest first; none when the outbox table does not exist."""
    if not sa.inspect(connection).has_table(outbox.name):
        return {}
    rows = connection.execute(
        sa.select(outbox)
        # A draft is a form still being filled in: not a request yet.
        .where(outbox.c.status != OutboxState.DRAFT)
        .order_by(outbox.c.created_at, outbox.c.id)
    )
    result: dict[str, list[Handoff]] = {}
    for row in rows:
        result.setdefault(row.conversation_id, []).append(
            Handoff(
                conversation_id=row.conversation_id,
                created_at=row.created_at or 0.0,
                language=row.language,
                channel=row.channel,
                status=row.status,
                attempts=int(row.attempts or 0),
                last_error=row.last_error,
                sent_at=row.sent_at,
            )
        )
    return result


def transcript(connection: sa.engine.Connection, sender_id: str) -> list[Turn] | None:
    """The conversation turn by turn (None when no such conversation is stored)."""
    rows = rasa_events.conversation_rows(connection, sender_id)
    if not rows:
        return None
    return list(_turns(sender_id, rows))


def _turns(sender_id: str, rows: Iterable[Any]) -> Iterable[Turn]:
    turn: Turn | None = None
    language: str | None = None
    offered: dict[str, str] = {}
    for row in rows:
        data = rasa_events.event_data(row.data)
        at = row.timestamp or data.get("timestamp") or 0.0
        if row.type_name == "user":
            if turn is not None and _worth_showing(turn):
                yield turn
            language = language or _hint(data)
            message = _message(sender_id, row.id, at, data, language, offered)
            _, method = _entity_language(data.get("parse_data") or {})
            turn = Turn(
                user=message,
                channel=channel_name(data["input_channel"]) if data.get("input_channel") else None,
                language_method=method,
                fallback=message.intent == FALLBACK_INTENT,
            )
            continue
        if turn is None:
            turn = Turn(user=None)
        if row.type_name == "bot":
            buttons = _buttons(data)
            offered.update((payload, title) for title, payload in buttons)
            turn.replies.append(
                BotReply(at=at, text=_mask_reply(str(data.get("text") or "")), buttons=buttons)
            )
        elif row.type_name == "slot":
            if data.get("name") == "service" and isinstance(data.get("value"), str):
                turn.service = data["value"]
            elif data.get("name") == "language" and data.get("value") in LANGUAGES:
                language = data["value"]
        elif row.type_name == "action":
            name = data.get("name")
            if name == FALLBACK_ACTION:
                turn.fallback = True
            if name and name not in HIDDEN_ACTIONS:
                turn.actions.append(name)
    if turn is not None and _worth_showing(turn):
        yield turn


def _worth_showing(turn: Turn) -> bool:
    """Session starts before the first message say nothing to a reviewer."""
    return bool(turn.user or turn.replies or turn.service)


def messages_by_ids(
    conversations: dict[str, ConversationFacts], event_ids: set[int]
) -> list[Message]:
    """The user messages with these event ids, in the order they were written."""
    found = [m for f in conversations.values() for m in f.messages if m.event_id in event_ids]
    return sorted(found, key=lambda m: m.event_id)
