"""The review tool's own tables (prefix `review_`), beside Rasa's `events` in the same database.

Kept apart from the tracker store's table so that Rasa never sees them and retention or
"forget me" can clear them by sender id. They are defined with our other tables in
bot/data/schema.py (the one definition the migrations follow); this module names them for the
review tool and holds what it does with them across conversations.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.data import migrate, rasa_events
from bot.data.schema import review_login_failures as login_failures
from bot.data.schema import review_notes as notes
from bot.data.schema import review_preferences as preferences
from bot.data.schema import review_sessions as sessions
from bot.data.schema import review_statuses as statuses
from bot.data.schema import review_tags as tags
from bot.data.schema import review_users as users

__all__ = [
    "PER_CONVERSATION",
    "create_tables",
    "forget_reviews",
    "login_failures",
    "notes",
    "preferences",
    "sessions",
    "statuses",
    "tags",
    "users",
]

PER_CONVERSATION = (statuses, tags, notes)


def create_tables(engine: sa.engine.Engine) -> None:
    """Bring our tables to the newest migration (never touches Rasa's)."""
    migrate.upgrade(engine)


def forget_reviews(connection: sa.engine.Connection, sender_ids: list[str] | None) -> int:
    """Delete review data of the given conversations (None: of conversations no longer stored;
    when Rasa's table does not exist yet, none is stored)."""
    if sender_ids is None and not rasa_events.exists(connection):
        sender_ids = []
    deleted = 0
    for table in PER_CONVERSATION:
        if sender_ids is None:
            condition = table.c.sender_id.not_in(rasa_events.senders())
        else:
            condition = table.c.sender_id.in_(sender_ids)
        deleted += connection.execute(table.delete().where(condition)).rowcount or 0
    return deleted
