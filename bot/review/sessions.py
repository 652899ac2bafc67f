"""Server-side records of coordinators' sessions.

Flask's signed cookie alone cannot be taken back: whoever copies it stays signed in until it
expires. Each sign-in therefore gets a random session id whose SHA-256 is kept here; a request
counts as signed in only while that record exists, was used within the idle timeout and is
younger than the absolute lifetime. Signing out deletes the record; a new password or a removed
account deletes all of that coordinator's records. Only hashes are stored, so reading the
database does not give anyone a session.
"""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa

from bot.review import tables

# last_seen is written at most this often, so browsing does not write on every request.
TOUCH_SECONDS = 60


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start(connection: sa.engine.Connection, user: str, now: float) -> str:
    """A new session for `user`; returns the id the cookie carries."""
    session_id = secrets.token_urlsafe(32)
    connection.execute(
        tables.sessions.insert().values(
            id_hash=_digest(session_id), username=user, created_at=now, last_seen=now
        )
    )
    return session_id


def user_of(
    connection: sa.engine.Connection,
    session_id: str | None,
    now: float,
    idle_seconds: float,
    max_seconds: float,
) -> str | None:
    """The coordinator of a live session, or None (an expired record is deleted)."""
    if not session_id:
        return None
    sessions = tables.sessions
    row = connection.execute(
        sa.select(sessions).where(sessions.c.id_hash == _digest(session_id))
    ).first()
    if row is None:
        return None
    if now - row.created_at > max_seconds or now - row.last_seen > idle_seconds:
        connection.execute(sessions.delete().where(sessions.c.id_hash == row.id_hash))
        return None
    if now - row.last_seen > TOUCH_SECONDS:
        connection.execute(
            sessions.update().where(sessions.c.id_hash == row.id_hash).values(last_seen=now)
        )
    return row.username


def end(connection: sa.engine.Connection, session_id: str | None) -> None:
    """Sign-out: the session's record goes, so its cookie is worth nothing anywhere."""
    if session_id:
        connection.execute(
            tables.sessions.delete().where(tables.sessions.c.id_hash == _digest(session_id))
        )


def end_all(connection: sa.engine.Connection, user: str) -> int:
    """Every session of `user` (a new password, a removed account); returns how many."""
    result = connection.execute(tables.sessions.delete().where(tables.sessions.c.username == user))
    return int(result.rowcount or 0)


def purge(
    connection: sa.engine.Connection, now: float, idle_seconds: float, max_seconds: float
) -> int:
    """Delete the records of sessions that have expired anyway (run at sign-in)."""
    sessions = tables.sessions
    result = connection.execute(
        sessions.delete().where(
            sa.or_(
                sessions.c.created_at < now - max_seconds,
                sessions.c.last_seen < now - idle_seconds,
            )
        )
    )
    return int(result.rowcount or 0)
