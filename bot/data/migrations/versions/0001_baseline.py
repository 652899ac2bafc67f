"""Baseline: our tables as the code created them before migrations (metadata.create_all).

Creates each table (and its indexes) that does not exist yet and leaves existing ones, with
their rows, as they are: a database made by the earlier code, where some tables may be
missing (the Telegram table was created on first use), and a new one both end up here.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _create(name: str, *columns: sa.Column, indexes: tuple[str, ...] = ()) -> None:
    if sa.inspect(op.get_bind()).has_table(name):
        return
    op.create_table(name, *columns)
    for column in indexes:
        op.create_index(f"ix_{name}_{column}", name, [column])


def upgrade() -> None:
    _create(
        "handoff_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("channel", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("sent_at", sa.Float),
        sa.Column("next_attempt_at", sa.Float),
        sa.Column("lease_until", sa.Float),
        sa.Column("contact", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("recipient", sa.String(320)),
        sa.Column("subject", sa.Text),
        sa.Column("body", sa.Text),
        indexes=("conversation_id", "status"),
    )
    _create(
        "handoff_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("client_key", sa.String(64), nullable=False),
        indexes=("created_at", "client_key"),
    )
    _create(
        "review_users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    _create(
        "review_status",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
    )
    _create(
        "review_tags",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("tag", sa.String(40), primary_key=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
    )
    _create(
        "review_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        indexes=("sender_id",),
    )
    _create(
        "review_login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        indexes=("username", "ip", "at"),
    )
    _create(
        "review_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_seen", sa.Float, nullable=False),
        indexes=("username",),
    )
    _create(
        "review_preferences",
        sa.Column("username", sa.String(100), primary_key=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    _create(
        "telegram_callback_data",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("payload", sa.Text, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("the baseline is where our migrations start")
