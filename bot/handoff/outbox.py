"""The durable outbox of handoff e-mails, in the tracker store's database.

A handoff is written here before any attempt to send it and is marked sent only when the mail
server accepted it, so a dead SMTP server or a restart loses nothing. While the newcomer fills
in the form, the consented contact and description wait in a draft row: the conversation log
keeps only masked text, the outbox is the one place that holds what they chose to send.

The table (`outbox`) and its states (`OutboxState`) are defined with our other tables in
bot/data/schema.py, the one definition the migrations follow.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from bot.data import migrate
from bot.data.schema import OutboxState, outbox
from bot.private_files import private_sqlite, restrict_umask


@dataclass(frozen=True)
class Handoff:
    id: int
    conversation_id: str
    recipient: str
    subject: str
    body: str
    attempts: int


@lru_cache(maxsize=4)
def engine_for(database_url: str) -> sa.engine.Engine:
    """One engine per database; our tables are brought up to date (created, in a private file,
    on a new database) on first use."""
    restrict_umask()
    private_sqlite(database_url)
    engine = sa.create_engine(database_url, pool_pre_ping=True)
    migrate.upgrade(engine)
    return engine


def _draft_id(db: sa.engine.Connection, conversation_id: str) -> int | None:
    """The id of the conversation's draft, if it has one."""
    row = db.execute(
        sa.select(outbox.c.id).where(
            outbox.c.conversation_id == conversation_id, outbox.c.status == OutboxState.DRAFT
        )
    ).first()
    return int(row.id) if row else None


class Outbox:
    """Operations on the outbox of one database."""

    def __init__(self, database_url: str) -> None:
        self.engine = engine_for(database_url)

    # --- drafts, while the form is being filled in -------------------------------------
    def save_draft(self, conversation_id: str, **fields: str) -> None:
        with self.engine.begin() as db:
            draft_id = _draft_id(db, conversation_id)
            if draft_id is not None:
                db.execute(outbox.update().where(outbox.c.id == draft_id).values(**fields))
            else:
                db.execute(
                    outbox.insert().values(
                        conversation_id=conversation_id,
                        created_at=time.time(),
                        status=OutboxState.DRAFT,
                        attempts=0,
                        **fields,
                    )
                )

    def draft(self, conversation_id: str) -> dict[str, str | None]:
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(outbox.c.contact, outbox.c.description).where(
                    outbox.c.conversation_id == conversation_id,
                    outbox.c.status == OutboxState.DRAFT,
                )
            ).first()
        return {"contact": row.contact, "description": row.description} if row else {}

    def discard_draft(self, conversation_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(
                outbox.delete().where(
                    outbox.c.conversation_id == conversation_id,
                    outbox.c.status == OutboxState.DRAFT,
                )
            )

    # --- queue ----------------------------------------------------------------------------
    def enqueue(
        self,
        conversation_id: str,
        *,
        language: str,
        channel: str,
        recipient: str,
        subject: str,
        body: str,
    ) -> int:
        """Turn the draft into a queued e-mail (one transaction); returns its id."""
        now = time.time()
        values = dict(
            language=language,
            channel=channel,
            recipient=recipient,
            subject=subject,
            body=body,
            status=OutboxState.QUEUED,
            created_at=now,
            next_attempt_at=now,
        )
        with self.engine.begin() as db:
            draft_id = _draft_id(db, conversation_id)
            if draft_id is not None:
                db.execute(outbox.update().where(outbox.c.id == draft_id).values(**values))
                return draft_id
            result = db.execute(
                outbox.insert().values(conversation_id=conversation_id, attempts=0, **values)
            )
            return int(result.inserted_primary_key[0])

    def count_since(self, conversation_id: str, since: float) -> int:
        """Handoffs (not drafts) of a conversation created after `since`."""
        with self.engine.connect() as db:
            return int(
                db.execute(
                    sa.select(sa.func.count())
                    .select_from(outbox)
                    .where(
                        outbox.c.conversation_id == conversation_id,
                        outbox.c.status != OutboxState.DRAFT,
                        outbox.c.created_at >= since,
                    )
                ).scalar_one()
            )

    def claim_due(self, now: float, lease_seconds: float = 120.0, limit: int = 10) -> list[Handoff]:
        """Take up to `limit` due e-mails for sending. A lease makes two senders never send the
        same e-mail at once, and lets a sender that died mid-send be taken over later."""
        claimed: list[Handoff] = []
        with self.engine.begin() as db:
            due = db.execute(
                sa.select(outbox)
                .where(
                    sa.or_(
                        sa.and_(
                            outbox.c.status == OutboxState.QUEUED, outbox.c.next_attempt_at <= now
                        ),
                        sa.and_(outbox.c.status == OutboxState.SENDING, outbox.c.lease_until < now),
                    )
                )
                .order_by(outbox.c.id)
                .limit(limit)
            ).all()
            for row in due:
                taken = db.execute(
                    outbox.update()
                    .where(outbox.c.id == row.id, outbox.c.status == row.status)
                    .values(status=OutboxState.SENDING, lease_until=now + lease_seconds)
                )
                if taken.rowcount == 1:
                    claimed.append(
                        Handoff(
                            row.id,
                            row.conversation_id,
                            row.recipient,
                            row.subject,
                            row.body,
                            row.attempts,
                        )
                    )
        return claimed

    def mark_sent(self, handoff_id: int) -> None:
        with self.engine.begin() as db:
            db.execute(
                outbox.update()
                .where(outbox.c.id == handoff_id)
                .values(
                    status=OutboxState.SENT, sent_at=time.time(), last_error=None, lease_until=None
                )
            )

    def mark_failed(self, handoff_id: int, error: str, retry_at: float) -> None:
        """Keep the e-mail queued for another attempt; nothing is ever dropped."""
        with self.engine.begin() as db:
            db.execute(
                outbox.update()
                .where(outbox.c.id == handoff_id)
                .values(
                    status=OutboxState.QUEUED,
                    attempts=outbox.c.attempts + 1,
                    last_error=error[:500],
                    next_attempt_at=retry_at,
                    lease_until=None,
                )
            )

    def status(self, handoff_id: int) -> dict[str, object]:
        with self.engine.connect() as db:
            row = db.execute(sa.select(outbox).where(outbox.c.id == handoff_id)).first()
        return dict(row._mapping) if row else {}
