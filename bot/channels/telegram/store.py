"""What the Telegram channel keeps and reads in the tracker database.

- The conversation's language (the `language` slot's last value in Rasa's `events` table, read
  through bot/data/rasa_events.py), so the channel's own notices are in the language the
  person is talking in.
- The chat's last answer (the bot messages after the last user message in the `events`
  table), read aloud by the 🔊 button and /listen. It is read from the tracker rather than
  kept here, so /forget and the retention period delete it with the conversation.
- Long button payloads: Telegram's callback_data holds at most 64 bytes, so a longer payload
  travels as a short key. The key is a hash of the payload (the same payload always gets the
  same key); the mapping is kept in memory and in a small table, so buttons in old messages
  still work after a restart and whichever process (webhook or polling) receives the press.

The database is used through blocking SQLAlchemy calls run in a worker thread.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import threading
from typing import Any

import sqlalchemy as sa

from bot.channels.telegram.callback_data import MAPPED_PREFIX, fits_callback_data
from bot.data import migrate, rasa_events
from bot.data.schema import telegram_payloads as PAYLOADS
from bot.languages import LANGUAGES

Answer = list[dict[str, Any]]  # Rasa's bot events of one turn ({"text", "data": {"buttons"}})

log = logging.getLogger("kotobot.telegram")

MAX_CACHED_PAYLOADS = 10_000


def payload_key(payload: str) -> str:
    """A short, stable key for a payload (22 characters of its SHA-256)."""
    digest = hashlib.sha256(payload.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:22]


class ChannelStore:
    """The tracker database as the channel uses it; `database_url` None keeps payloads in
    memory only and knows no conversation language."""

    def __init__(self, database_url: str | None) -> None:
        self._database_url = database_url
        self._engine: sa.engine.Engine | None = None
        self._payloads: dict[str, str] = {}
        self._table_ready = False
        self._lock = threading.Lock()  # the worker threads share the engine and the table

    def _connect(self) -> sa.engine.Engine:
        with self._lock:
            if self._engine is None:
                assert self._database_url is not None
                self._engine = sa.create_engine(self._database_url)
            return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # --- the conversation's language -------------------------------------------------------

    async def language_of(self, sender_id: str) -> str | None:
        """The conversation's language, or None when it was never set (or is unknown)."""
        if self._database_url is None:
            return None
        try:
            return await asyncio.to_thread(self._language_of, sender_id)
        except sa.exc.SQLAlchemyError as error:
            log.warning(
                "telegram: cannot read the conversation's language (%s)", type(error).__name__
            )
            return None

    def _language_of(self, sender_id: str) -> str | None:
        with self._connect().connect() as connection:
            value = rasa_events.last_slot_value(connection, sender_id, "language")
        return value if value in LANGUAGES else None

    # --- the last answer -------------------------------------------------------------------

    async def last_answer(self, sender_id: str) -> Answer:
        """The bot events that answered the conversation's last user message, oldest first;
        empty when there is none (or the database cannot be read)."""
        if self._database_url is None:
            return []
        try:
            return await asyncio.to_thread(self._last_answer, sender_id)
        except sa.exc.SQLAlchemyError as error:
            log.warning("telegram: cannot read the last answer (%s)", type(error).__name__)
            return []

    def _last_answer(self, sender_id: str) -> Answer:
        with self._connect().connect() as connection:
            return rasa_events.last_answer(connection, sender_id)

    # --- callback data ---------------------------------------------------------------------

    async def callback_data(self, payload: str) -> str:
        """What to put in a button's callback_data for `payload`."""
        if fits_callback_data(payload):
            return payload
        key = payload_key(payload)
        if key not in self._payloads:
            if self._database_url is not None:
                try:
                    await asyncio.to_thread(self._remember, key, payload)
                except sa.exc.SQLAlchemyError as error:  # the button still works until a restart
                    log.warning(
                        "telegram: cannot store a button's payload (%s)", type(error).__name__
                    )
            if len(self._payloads) >= MAX_CACHED_PAYLOADS:
                self._payloads.clear()
            self._payloads[key] = payload
        return MAPPED_PREFIX + key

    async def payload_of(self, data: str) -> str | None:
        """The payload a button's callback_data stands for; None for an unknown key."""
        if not data.startswith(MAPPED_PREFIX):
            return data
        key = data[len(MAPPED_PREFIX) :]
        if key in self._payloads:
            return self._payloads[key]
        if self._database_url is None:
            return None
        try:
            payload = await asyncio.to_thread(self._recall, key)
        except sa.exc.SQLAlchemyError as error:
            log.warning("telegram: cannot read a button's payload (%s)", type(error).__name__)
            return None
        if payload is not None:
            self._payloads[key] = payload
        return payload

    def _ensure_table(self) -> None:
        engine = self._connect()
        with self._lock:
            if not self._table_ready:
                migrate.upgrade(engine)
                self._table_ready = True

    def _remember(self, key: str, payload: str) -> None:
        self._ensure_table()
        with self._connect().begin() as connection:
            known = connection.execute(
                sa.select(PAYLOADS.c.key).where(PAYLOADS.c.key == key)
            ).first()
            if known is None:
                connection.execute(PAYLOADS.insert().values(key=key, payload=payload))

    def _recall(self, key: str) -> str | None:
        self._ensure_table()
        with self._connect().connect() as connection:
            row = connection.execute(
                sa.select(PAYLOADS.c.payload).where(PAYLOADS.c.key == key)
            ).first()
        return row[0] if row else None
