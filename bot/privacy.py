"""Deleting newcomers' conversations: by sender (Telegram's /forget, the widget's "forget me")
and by age (the retention command). Works on the tracker store's `events` table (through
bot/data/rasa_events.py), on the handoff outbox (every row, whatever its state: a queued or
failing e-mail holds the contact just as a sent one does) and on the .eml files written without
SMTP (var/outbox/)."""

from __future__ import annotations

import email
import email.policy
import logging
import time
from pathlib import Path

import sqlalchemy as sa

from bot.data import rasa_events
from bot.data.schema import outbox

# The line bot/handoff/compose.py ends every handoff e-mail's body with.
CONVERSATION_ID_LINE = "Keskustelun tunniste (conversation id, for the review tool): "

log = logging.getLogger("kotobot.privacy")


def _engine(database_url: str) -> sa.engine.Engine:
    return sa.create_engine(database_url)


def _outbox_dir(outbox_dir: Path | None) -> Path:
    if outbox_dir is not None:
        return outbox_dir
    from bot.settings import get_settings

    return get_settings().outbox_dir


def forget_conversation(database_url: str, sender_id: str, outbox_dir: Path | None = None) -> int:
    """Delete every stored event of one conversation, all its handoffs whatever their state
    (they hold the contact the newcomer gave) and its .eml files; returns events deleted."""
    delete_mail_files(_outbox_dir(outbox_dir), sender_id=sender_id)
    engine = _engine(database_url)
    try:
        with engine.begin() as connection:
            if sa.inspect(connection).has_table(outbox.name):
                connection.execute(outbox.delete().where(outbox.c.conversation_id == sender_id))
            return rasa_events.delete_conversation(connection, sender_id)
    finally:
        engine.dispose()


def delete_older_than(
    database_url: str, days: int, now: float | None = None, outbox_dir: Path | None = None
) -> int:
    """Delete conversations whose last event is older than `days` days; returns events deleted.

    A conversation is kept whole while it is active, so a transcript never loses its start.
    Every handoff created before the limit goes too, whatever its state (a queued or failing
    e-mail that old is not going to help anyone, and it holds a contact), with the handoffs of
    the deleted conversations and the .eml files written before the limit.
    """
    cutoff = (now if now is not None else time.time()) - days * 86400
    delete_mail_files(_outbox_dir(outbox_dir), before=cutoff)
    engine = _engine(database_url)
    try:
        with engine.begin() as connection:
            has_outbox = sa.inspect(connection).has_table(outbox.name)
            if has_outbox:
                connection.execute(outbox.delete().where(outbox.c.created_at < cutoff))
            deleted = 0
            for sender in rasa_events.senders_quiet_since(connection, cutoff):
                deleted += rasa_events.delete_conversation(connection, sender)
                if has_outbox:
                    connection.execute(outbox.delete().where(outbox.c.conversation_id == sender))
            return deleted
    finally:
        engine.dispose()


def delete_mail_files(
    outbox_dir: Path, sender_id: str | None = None, before: float | None = None
) -> int:
    """Delete the .eml files of one conversation (`sender_id`) or written before `before`;
    returns how many. A file that cannot be read is left and logged."""
    if not outbox_dir.is_dir():
        return 0
    deleted = 0
    for path in outbox_dir.glob("*.eml"):
        try:
            if before is not None and path.stat().st_mtime >= before:
                continue
            if sender_id is not None and _conversation_of(path) != sender_id.strip():
                continue
            path.unlink()
            deleted += 1
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as error:
            log.warning("could not check or delete %s: %s", path.name, type(error).__name__)
    return deleted


def _conversation_of(path: Path) -> str | None:
    """The conversation id a handoff e-mail names in its last lines."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    part = message.get_body(preferencelist=("plain",))
    text = part.get_content() if part is not None else ""
    for line in text.splitlines():
        if line.startswith(CONVERSATION_ID_LINE):
            return line[len(CONVERSATION_ID_LINE) :].strip()
    return None
