"""Handoff limits that a new conversation id does not reset: per client and for everyone.

The per-conversation limit (3 a day) is reset by starting another conversation, which costs
nothing. So every queued handoff also leaves a row here with the client's pseudonym (the
channel's keyed hash of the client address, or of the chat for Telegram; see
bot/identity/clients.py), and a handoff is refused when its client already has
HANDOFF_CLIENT_DAILY_LIMIT in the last 24 hours, or everyone together
HANDOFF_GLOBAL_DAILY_LIMIT. The rows are not linked to a conversation, so "forget" does not
reset them either; they hold no personal data in clear and are deleted after two days.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from bot.data.schema import handoff_log
from bot.handoff.outbox import engine_for
from bot.identity.clients import CLIENT_KEY

log = logging.getLogger("kotobot.handoff")

DAY = 86400.0
KEEP_SECONDS = 2 * DAY
CLIENT, GLOBAL = "client", "global"


def client_key(events: Iterable[Mapping[str, Any]], conversation_id: str) -> str:
    """The pseudonym the channel put on the latest user message, else the conversation's own
    id (a channel that sets none, e.g. the Telegram webhook: one chat, one client)."""
    for event in reversed(list(events)):
        if event.get("event") == "user":
            value = (event.get("metadata") or {}).get(CLIENT_KEY)
            if isinstance(value, str) and value:
                return value[:64]
            break
    return f"conversation:{conversation_id}"[:64]


def handoffs_in_last_day(
    database_url: str, key: str | None = None, now: float | None = None
) -> int:
    """Handoffs queued in the last 24 hours, by one client or (no key) by everyone."""
    since = (now or time.time()) - DAY
    query = sa.select(sa.func.count()).select_from(handoff_log)
    query = query.where(handoff_log.c.created_at >= since)
    if key is not None:
        query = query.where(handoff_log.c.client_key == key)
    with engine_for(database_url).connect() as db:
        return int(db.execute(query).scalar_one())


def refusal(database_url: str, key: str, client_limit: int, global_limit: int) -> str | None:
    """CLIENT or GLOBAL when a handoff of this client must be refused now, else None."""
    if global_limit > 0 and handoffs_in_last_day(database_url) >= global_limit:
        log.warning(
            "handoff limit: the global cap of %d handoffs in 24 hours is reached; new handoffs "
            "are refused and newcomers are given the coordinator's e-mail address "
            "(HANDOFF_GLOBAL_DAILY_LIMIT)",
            global_limit,
        )
        return GLOBAL
    if client_limit > 0 and handoffs_in_last_day(database_url, key) >= client_limit:
        log.warning(
            "handoff limit: one client reached %d handoffs in 24 hours; refused "
            "(HANDOFF_CLIENT_DAILY_LIMIT)",
            client_limit,
        )
        return CLIENT
    return None


def record(database_url: str, key: str, now: float | None = None) -> None:
    """Count one queued handoff of this client; rows older than two days go."""
    now = now or time.time()
    with engine_for(database_url).begin() as db:
        db.execute(handoff_log.insert().values(created_at=now, client_key=key))
        db.execute(handoff_log.delete().where(handoff_log.c.created_at < now - KEEP_SECONDS))


def global_cap_reached(database_url: str, global_limit: int) -> bool:
    """For the review tool's notice: is the global cap reached right now?"""
    return global_limit > 0 and handoffs_in_last_day(database_url) >= global_limit
