"""The review tool's own tables (prefix `review_`), beside Rasa's `events` in the same database.

Kept apart from the tracker store's table so that Rasa never sees them and retention or
"forget me" can clear them by sender id.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

users = sa.Table(
    "review_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

statuses = sa.Table(
    "review_status",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
)

tags = sa.Table(
    "review_tags",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("tag", sa.String(40), primary_key=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
)

notes = sa.Table(
    "review_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

login_failures = sa.Table(
    "review_login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(100), nullable=False, index=True),
    sa.Column("ip", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.Float, nullable=False, index=True),
)

sessions = sa.Table(
    "review_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),  # SHA-256 of the cookie's id
    sa.Column("username", sa.String(100), nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_seen", sa.Float, nullable=False),
)

preferences = sa.Table(
    "review_preferences",
    metadata,
    sa.Column("username", sa.String(100), primary_key=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

PER_CONVERSATION = (statuses, tags, notes)


def create_tables(engine: sa.engine.Engine) -> None:
    """Create the review tables that do not exist yet (never touches Rasa's)."""
    metadata.create_all(engine, checkfirst=True)


def forget_reviews(connection: sa.engine.Connection, sender_ids: list[str] | None) -> int:
    """Delete review data of the given conversations (None: of conversations no longer stored)."""
    deleted = 0
    for table in PER_CONVERSATION:
        if sender_ids is None:
            events = sa.table("events", sa.column("sender_id"))
            condition = table.c.sender_id.not_in(sa.select(events.c.sender_id).distinct())
        else:
            condition = table.c.sender_id.in_(sender_ids)
        deleted += connection.execute(table.delete().where(condition)).rowcount or 0
    return deleted
