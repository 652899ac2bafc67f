"""What coordinators record about a conversation: review status, tags and notes."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import sqlalchemy as sa

from bot.masking import mask
from bot.review import tables

# English names for the CSV export; the pages name them in the coordinator's language
# (texts.yml: status_<value>).
STATUSES: dict[str, str] = {
    "new": "New",
    "reviewed": "Reviewed",
    "follow_up": "Needs follow-up",
}
DEFAULT_STATUS = "new"
TAG = re.compile(r"^[\w][\w .:/+-]{0,39}$")
MAX_NOTE_LENGTH = 4000


class ReviewError(ValueError):
    """A status, tag or note that cannot be stored; `key` names the text (bot/review/texts.yml)
    that tells the coordinator why, in their language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Note:
    id: int
    author: str
    created_at: float
    text: str


def normalise_tag(raw: str) -> str:
    tag = " ".join(raw.split()).lower()
    if not TAG.match(tag):
        raise ReviewError("error_tag_format")
    if mask(tag) != tag:
        # Tags appear in filters and URLs; personal data belongs nowhere near them.
        raise ReviewError("error_tag_personal_data")
    return tag


def statuses(connection: sa.engine.Connection) -> dict[str, str]:
    """Status by sender id (conversations without a row are new)."""
    rows = connection.execute(sa.select(tables.statuses.c.sender_id, tables.statuses.c.status))
    return {row.sender_id: row.status for row in rows}


def tags(connection: sa.engine.Connection) -> dict[str, list[str]]:
    """Tags by sender id, alphabetical."""
    query = sa.select(tables.tags.c.sender_id, tables.tags.c.tag).order_by(tables.tags.c.tag)
    result: dict[str, list[str]] = {}
    for row in connection.execute(query):
        result.setdefault(row.sender_id, []).append(row.tag)
    return result


def all_tags(connection: sa.engine.Connection) -> list[str]:
    query = sa.select(tables.tags.c.tag).distinct().order_by(tables.tags.c.tag)
    return [row.tag for row in connection.execute(query)]


def set_status(connection: sa.engine.Connection, sender_id: str, status: str, user: str) -> None:
    if status not in STATUSES:
        raise ReviewError("error_unknown_status")
    table = tables.statuses
    connection.execute(table.delete().where(table.c.sender_id == sender_id))
    connection.execute(
        table.insert().values(
            sender_id=sender_id, status=status, updated_at=time.time(), updated_by=user
        )
    )


def add_tags(connection: sa.engine.Connection, sender_id: str, raw: str, user: str) -> list[str]:
    """Add the comma-separated tags in `raw`; returns the tags that were new."""
    wanted = [normalise_tag(part) for part in raw.split(",") if part.strip()]
    if not wanted:
        raise ReviewError("error_tag_empty")
    table = tables.tags
    existing = {
        row.tag
        for row in connection.execute(sa.select(table.c.tag).where(table.c.sender_id == sender_id))
    }
    added = []
    for tag in dict.fromkeys(wanted):
        if tag not in existing:
            connection.execute(
                table.insert().values(
                    sender_id=sender_id, tag=tag, created_at=time.time(), created_by=user
                )
            )
            added.append(tag)
    return added


def remove_tag(connection: sa.engine.Connection, sender_id: str, tag: str) -> None:
    table = tables.tags
    connection.execute(table.delete().where(table.c.sender_id == sender_id, table.c.tag == tag))


def add_note(connection: sa.engine.Connection, sender_id: str, text: str, user: str) -> None:
    text = text.strip()
    if not text:
        raise ReviewError("error_note_empty")
    if len(text) > MAX_NOTE_LENGTH:
        raise ReviewError("error_note_too_long", limit=MAX_NOTE_LENGTH)
    connection.execute(
        tables.notes.insert().values(
            sender_id=sender_id, author=user, created_at=time.time(), text=text
        )
    )


def notes(connection: sa.engine.Connection, sender_id: str) -> list[Note]:
    table = tables.notes
    query = sa.select(table).where(table.c.sender_id == sender_id).order_by(table.c.created_at)
    return [Note(r.id, r.author, r.created_at, r.text) for r in connection.execute(query)]
