"""Deleting newcomers' conversations: by sender (Telegram's /forget, the widget's "forget me")
and by age (the retention command). Works on the tracker store's `events` table directly,
which Rasa's SQL tracker store reads afresh on every message (it keeps no cache)."""

from __future__ import annotations

import time

import sqlalchemy as sa

EVENTS_TABLE = "events"
OUTBOX_TABLE = "handoff_outbox"  # bot/handoff/outbox.py: holds the contact a newcomer gave


def _engine(database_url: str) -> sa.engine.Engine:
    return sa.create_engine(database_url)


def forget_conversation(database_url: str, sender_id: str) -> int:
    """Delete every stored event of one conversation, and its handoffs (which hold the contact
    the newcomer gave); returns how many events were deleted."""
    engine = _engine(database_url)
    try:
        with engine.begin() as connection:
            tables = sa.inspect(connection)
            if tables.has_table(OUTBOX_TABLE):
                connection.execute(
                    sa.text(f"DELETE FROM {OUTBOX_TABLE} WHERE conversation_id = :sender"),
                    {"sender": sender_id},
                )
            if not tables.has_table(EVENTS_TABLE):
                return 0
            result = connection.execute(
                sa.text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender"),
                {"sender": sender_id},
            )
            return int(result.rowcount or 0)
    finally:
        engine.dispose()


def delete_older_than(database_url: str, days: int, now: float | None = None) -> int:
    """Delete conversations whose last event is older than `days` days; returns events deleted.

    A conversation is kept whole while it is active, so a transcript never loses its start.
    Delivered handoffs older than that go too; one still waiting to be sent is never deleted.
    """
    cutoff = (now if now is not None else time.time()) - days * 86400
    engine = _engine(database_url)
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table(EVENTS_TABLE):
                return 0
            stale = sa.text(
                f"SELECT sender_id FROM {EVENTS_TABLE} GROUP BY sender_id "
                "HAVING MAX(timestamp) < :cutoff"
            )
            if sa.inspect(connection).has_table(OUTBOX_TABLE):
                connection.execute(
                    sa.text(
                        f"DELETE FROM {OUTBOX_TABLE} WHERE created_at < :cutoff "
                        "AND status IN ('sent', 'draft')"
                    ),
                    {"cutoff": cutoff},
                )
            senders = [row[0] for row in connection.execute(stale, {"cutoff": cutoff})]
            deleted = 0
            for sender in senders:
                result = connection.execute(
                    sa.text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender"),
                    {"sender": sender},
                )
                deleted += int(result.rowcount or 0)
            return deleted
    finally:
        engine.dispose()
