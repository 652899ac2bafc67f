"""Each coordinator's chosen language, kept with their account so it follows them to every
browser and device and survives signing out."""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.review import tables
from bot.review.i18n import ui_language


def language_of(connection: sa.engine.Connection, user: str) -> str | None:
    """The language `user` chose, or None when they have not chosen one."""
    table = tables.preferences
    row = connection.execute(sa.select(table.c.language).where(table.c.username == user)).first()
    return ui_language(row.language) if row else None


def set_language(connection: sa.engine.Connection, user: str, language: str) -> None:
    if ui_language(language) is None:
        raise ValueError(f"not a language of the review tool: {language!r}")
    table = tables.preferences
    connection.execute(table.delete().where(table.c.username == user))
    connection.execute(
        table.insert().values(username=user, language=language, updated_at=time.time())
    )


def forget(connection: sa.engine.Connection, user: str) -> None:
    """Delete the choices of a removed account."""
    table = tables.preferences
    connection.execute(table.delete().where(table.c.username == user))
