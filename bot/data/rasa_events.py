"""Every query on Rasa's `events` table: the tracker store Rasa's SQLTrackerStore writes
(SQLite or PostgreSQL), one row per event with its JSON in `data`.

The table is Rasa's: it creates it (on the Rasa server's first start) and we never change its
shape, so it is described here, not in schema.py, and no migration touches it. We read it (the
review tool, the Telegram channel's notices) and delete from it (retention and "forget me";
Rasa's SQL tracker store reads it afresh on every message and keeps no cache). Until the Rasa
server has created it, every reader here finds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

# The columns of Rasa 3.6's SQLTrackerStore.SQLEvent that we use.
events = sa.Table(
    "events",
    sa.MetaData(),  # not ours: never created or migrated from here
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


def exists(connection: sa.engine.Connection) -> bool:
    """Whether the Rasa server has created the table yet."""
    return sa.inspect(connection).has_table(events.name)


def senders() -> sa.sql.Select:
    """Every stored conversation's id, as a subquery (e.g. for "not in a stored conversation")."""
    return sa.select(events.c.sender_id).distinct()


# --- the conversation's language (the Telegram channel's own notices) ----------------------


def last_slot_value(connection: sa.engine.Connection, sender_id: str, slot: str) -> Any:
    """The last value the conversation set `slot` to (None: never set, or no table)."""
    if not exists(connection):
        return None
    query = (
        sa.select(events.c.data)
        .where(events.c.sender_id == sender_id, events.c.type_name == "slot")
        .order_by(events.c.id.desc())
    )
    for (data,) in connection.execute(query):
        event = event_data(data)
        if event.get("name") == slot:
            return event.get("value")
    return None


# --- the last answer (read aloud on Telegram) -------------------------------------------------


def last_answer(connection: sa.engine.Connection, sender_id: str, limit: int = 200) -> list[dict]:
    """The bot events that answered the conversation's last user message, oldest first (none
    when there is no answer or no table); at most `limit` events back are looked at."""
    if not exists(connection):
        return []
    query = (
        sa.select(events.c.type_name, events.c.data)
        .where(events.c.sender_id == sender_id, events.c.type_name.in_(("user", "bot")))
        .order_by(events.c.id.desc())
        .limit(limit)
    )
    answer: list[dict] = []
    for type_name, data in connection.execute(query):
        if type_name == "user":
            break
        event = event_data(data)
        if event:
            answer.append(event)
    return answer[::-1]


# --- deleting (retention and "forget me", bot/privacy.py) -----------------------------------


def delete_conversation(connection: sa.engine.Connection, sender_id: str) -> int:
    """Delete every event of one conversation; returns how many."""
    if not exists(connection):
        return 0
    result = connection.execute(events.delete().where(events.c.sender_id == sender_id))
    return int(result.rowcount or 0)


def senders_quiet_since(connection: sa.engine.Connection, cutoff: float) -> list[str]:
    """The conversations whose last event is older than `cutoff` (a Unix time)."""
    if not exists(connection):
        return []
    query = (
        sa.select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
    )
    return [row[0] for row in connection.execute(query)]


# --- the review tool's reads (bot/review/store.py) -----------------------------------------

# The events a conversation summary is built from.
SUMMARY_SLOTS = ("language", "service", "target_group")
SUMMARY_ACTIONS = ("utter_fallback",)


def size(connection: sa.engine.Connection) -> tuple[int, int]:
    """(rows, highest id): (0, 0) for an empty or missing table. The table only grows, except
    when retention or "forget me" deletes, which changes the count."""
    if not exists(connection):
        return 0, 0
    count, highest = connection.execute(sa.select(sa.func.count(), sa.func.max(events.c.id))).one()
    return int(count), int(highest or 0)


def count_between(connection: sa.engine.Connection, after: int, until: int) -> int:
    """Rows with `after` < id <= `until`."""
    query = sa.select(sa.func.count()).where(events.c.id > after, events.c.id <= until)
    return int(connection.execute(query).scalar_one())


def summary_rows(connection: sa.engine.Connection, after: int, until: int) -> Iterable[Any]:
    """The events with `after` < id <= `until` that conversation summaries use, by id
    (streamed: a first summary reads the whole table): id, sender_id, type_name, timestamp,
    data."""
    query = (
        sa.select(
            events.c.id, events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.data
        )
        .where(
            events.c.id > after,
            events.c.id <= until,
            sa.or_(
                events.c.type_name.in_(("user", "bot")),
                sa.and_(events.c.type_name == "slot", events.c.action_name.in_(SUMMARY_SLOTS)),
                sa.and_(events.c.type_name == "action", events.c.action_name.in_(SUMMARY_ACTIONS)),
            ),
        )
        .order_by(events.c.id)
    )
    return connection.execution_options(stream_results=True).execute(query)


def conversation_rows(connection: sa.engine.Connection, sender_id: str) -> list[Any]:
    """Every event of one conversation, by id: id, type_name, timestamp, data (none when the
    conversation or the table does not exist)."""
    if not exists(connection):
        return []
    query = (
        sa.select(events.c.id, events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.sender_id == sender_id)
        .order_by(events.c.id)
    )
    return list(connection.execute(query))


def event_data(raw: str | None) -> dict[str, Any]:
    """An event row's `data` column as a dict ({} when it is missing or not a JSON object)."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
