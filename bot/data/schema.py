"""Our own tables in the tracker database, beside Rasa's `events` (which Rasa creates).

One MetaData, so the migrations (bot/data/migrations) can be checked against the tables the
code uses. A change to a table here needs a migration: `python -m bot.data.migrate revision
MESSAGE` writes one from the difference.
"""

from __future__ import annotations

import enum

import sqlalchemy as sa


class OutboxState(str, enum.Enum):
    """The states of a handoff outbox row (bot/handoff/outbox.py): a draft while the form is
    filled in, then queued -> sending -> sent, and back to queued (with `last_error`) after a
    failed attempt. Nothing else is ever written; a failing e-mail stays queued."""

    DRAFT = "draft"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"

    def __str__(self) -> str:  # the stored value, also in templates and logs
        return self.value


metadata = sa.MetaData()

# --- the handoff (bot/handoff/) -----------------------------------------------------------

outbox = sa.Table(
    "handoff_outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("language", sa.String(8)),
    sa.Column("channel", sa.String(64)),
    sa.Column(
        "status",
        # Stored as the plain strings above (VARCHAR, no database enum type or constraint).
        sa.Enum(
            OutboxState,
            native_enum=False,
            create_constraint=False,
            length=16,
            values_callable=lambda states: [state.value for state in states],
        ),
        nullable=False,
        index=True,
    ),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text),
    sa.Column("sent_at", sa.Float),
    sa.Column("next_attempt_at", sa.Float),
    sa.Column("lease_until", sa.Float),
    sa.Column("contact", sa.Text),
    sa.Column("description", sa.Text),
    sa.Column("recipient", sa.String(320)),
    sa.Column("subject", sa.Text),
    sa.Column("body", sa.Text),
)

# One row per queued handoff, by client pseudonym (bot/handoff/limits.py).
handoff_log = sa.Table(
    "handoff_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.Float, nullable=False, index=True),
    sa.Column("client_key", sa.String(64), nullable=False, index=True),
)

# --- the review tool (bot/review/), prefix review_ -----------------------------------------

review_users = sa.Table(
    "review_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

review_statuses = sa.Table(
    "review_status",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
)

review_tags = sa.Table(
    "review_tags",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("tag", sa.String(40), primary_key=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
)

review_notes = sa.Table(
    "review_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

review_login_failures = sa.Table(
    "review_login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(100), nullable=False, index=True),
    sa.Column("ip", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.Float, nullable=False, index=True),
)

review_sessions = sa.Table(
    "review_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),  # SHA-256 of the cookie's id
    sa.Column("username", sa.String(100), nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_seen", sa.Float, nullable=False),
)

review_preferences = sa.Table(
    "review_preferences",
    metadata,
    sa.Column("username", sa.String(100), primary_key=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# --- the Telegram channel (bot/channels/telegram/store.py) ---------------------------------

# Button payloads longer than Telegram's 64-byte callback_data, by their short key.
telegram_payloads = sa.Table(
    "telegram_callback_data",
    metadata,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
)
