"""The stores endpoints.yml names: a tracker store that masks personal data before it writes,
and a lock store chosen by one URL."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.utils.endpoints import EndpointConfig
from redis.lock import Lock

from bot.masking import mask
from bot.private_files import private_sqlite, restrict_umask

logger = logging.getLogger(__name__)


def mask_event_data(data: dict[str, Any]) -> dict[str, Any]:
    """The event's dict with personal data (e-mail addresses, phone numbers, HETUs, IBANs,
    account and card numbers: bot/masking.py) masked in every text a person wrote or was
    shown: user and bot messages and text slot values."""
    masked = dict(data)
    if isinstance(masked.get("text"), str):
        masked["text"] = mask(masked["text"])
    parse_data = masked.get("parse_data")
    if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
        masked["parse_data"] = {**parse_data, "text": mask(parse_data["text"])}
    if masked.get("event") == "slot" and isinstance(masked.get("value"), str):
        masked["value"] = mask(masked["value"])
    return masked


class _MaskedEvent:
    """What SQLTrackerStore.save reads of an event (type_name, as_dict), masked."""

    def __init__(self, event: Any) -> None:
        self.type_name = event.type_name
        self._event = event

    def as_dict(self) -> dict[str, Any]:
        return mask_event_data(self._event.as_dict())


class MaskingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store (SQLite or PostgreSQL by URL) whose stored conversation logs
    never hold the personal data newcomers type. What a newcomer consents to send in a handoff
    goes to the handoff outbox instead (bot/handoff/outbox.py). A SQLite file is created
    readable by the assistant's user only (bot/private_files.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        restrict_umask()
        host = kwargs.get("host")
        if isinstance(host, str) and host.startswith("sqlite"):
            private_sqlite(host)
        super().__init__(*args, **kwargs)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Any]:
        """The events not stored yet, masked: those after the latest session's stored ones."""
        stored = session.execute(self._statements.count, {"sender_id": tracker.sender_id})
        return (
            _MaskedEvent(event)
            for event in itertools.islice(tracker.events, stored.scalar_one(), None)
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        """As Rasa's, with the new events written by one INSERT of all rows instead of one ORM
        object each: the rows and what they hold are the same (every message saves, so this is
        a good part of each reply's CPU time)."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = [
                _event_row(tracker.sender_id, event)
                for event in self._additional_events(session, tracker)
            ]
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """As Rasa's, by one prepared SELECT of the events' JSON instead of ORM rows."""
        statements = self._statements
        select = statements.all_sessions if fetch_events_from_all_sessions else statements.latest
        with self.session_scope() as session:
            rows = session.execute(select, {"sender_id": sender_id})
            events = [json.loads(data) for (data,) in rows]
        if self.domain is None or not events:
            return None
        return DialogueStateTracker.from_events(sender_id, _events(events), self.domain.slots)

    @cached_property
    def _statements(self) -> _EventStatements:
        return _EventStatements.for_table(self.SQLEvent.__table__)


def _events(dicts: list[dict[str, Any]]) -> list[Event]:
    """The events of their stored dicts, as Rasa's `deserialise_events` reads them, with each
    event class found once per type name: Rasa walks every Event subclass for every event,
    about 5 % of the Rasa server's CPU a message under load (docs/benchmarks.md)."""
    read = []
    for data in dicts:
        name = data.get("event")
        if name is None:
            continue
        event_class = _event_class(name)
        event = event_class._from_parameters(data) if event_class is not None else None
        if event is not None:
            read.append(event)
        else:  # as Rasa: logged and left out
            logger.warning("A stored %s event could not be read; it is left out.", name)
    return read


@cache
def _event_class(type_name: str) -> type[Event] | None:
    """Rasa's class for an event type name (None for the old "topic"; ValueError, uncached,
    for an unknown name, as Rasa)."""
    return Event.resolve_by_type(type_name)


@dataclass(frozen=True)
class _EventStatements:
    """Rasa's event queries (SQLTrackerStore._event_query) built once, with the sender as a
    parameter: building the ORM query anew took about half a millisecond a call."""

    latest: Any  # the latest session's events' data, in order
    all_sessions: Any  # every event's data, in order
    count: Any  # how many events the latest session has

    @classmethod
    def for_table(cls, table: Any) -> _EventStatements:
        sender = table.c.sender_id == sa.bindparam("sender_id")
        session_start = (
            sa.select(sa.func.max(table.c.timestamp))
            .where(sender, table.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        in_latest = sa.or_(table.c.timestamp >= session_start, session_start.is_(None))
        return cls(
            latest=sa.select(table.c.data).where(sender, in_latest).order_by(table.c.id),
            all_sessions=sa.select(table.c.data).where(sender).order_by(table.c.id),
            count=sa.select(sa.func.count()).select_from(table).where(sender, in_latest),
        )


def _event_row(sender_id: str, event: Any) -> dict[str, Any]:
    """One `events` row, filled as Rasa's SQLTrackerStore.save fills it."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": ((data.get("parse_data") or {}).get("intent") or {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


# --- Rasa's Redis lock store, made safe for several Rasa servers ------------------------------
# Rasa's Redis lock store, made safe for several Rasa servers.
#
# Rasa Open Source 3.6's RedisLockStore keeps a conversation's ticket queue as one JSON value and
# changes it by GET, modify, SET. When two servers take a message of the same conversation at the
# same moment, both read the same queue, both append the same ticket number, and one SET wins:
# both messages are processed at once and the tracker store keeps the events of only one of them
# (tests/e2e/test_cluster.py catches it). Rasa's own fix, a ConcurrentRedisLockStore, was reverted
# from Open Source and ships only in Rasa Pro (RasaHQ/rasa pull requests 11256 and 11428).
#
# This subclass keeps Rasa's ticket algorithm, keys and storage format, and runs each of those
# read-modify-write steps under a short Redis mutex (SET NX with an expiry), so across all servers
# they happen one at a time.

# Held for a Redis round trip or two; expires by itself if a server dies while holding it.
MUTEX_SECONDS = 5.0


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket queue changes are atomic across Rasa servers."""

    def _mutex(self, conversation_id: str) -> Lock:
        # "mutex:lock:<id>" cannot be any conversation's lock key, which all start "lock:".
        return self.red.lock(
            f"mutex:{self.key_prefix}{conversation_id}",
            timeout=MUTEX_SECONDS,
            blocking_timeout=MUTEX_SECONDS,
            sleep=0.005,
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # finish_serving, is_someone_waiting and delete_lock together: a ticket issued between
        # them must not be deleted with the lock.
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)


class UrlLockStore:
    """`memory://` gives Rasa's in-memory lock store; `redis://[:password@]host:port/db` gives
    Rasa's Redis lock store with its ticket queue changed atomically (AtomicRedisLockStore).

    Rasa builds a custom lock store by calling its class with `endpoint_config=`; this class
    returns a store built on Rasa's own, so the locking algorithm stays Rasa's.
    """

    def __new__(cls, endpoint_config: EndpointConfig, **_: Any) -> LockStore:  # type: ignore[misc]
        url = (endpoint_config.url or "memory://").strip()
        parts = urlsplit(url)
        if parts.scheme in ("", "memory"):
            return InMemoryLockStore()
        if parts.scheme in ("redis", "rediss"):
            return AtomicRedisLockStore(
                host=parts.hostname or "localhost",
                port=parts.port or 6379,
                db=int(parts.path.lstrip("/") or 0),
                password=parts.password,
                use_ssl=parts.scheme == "rediss",
            )
        raise ValueError(
            f"LOCK_STORE_URL must start with memory:// or redis://, got {parts.scheme}://"
        )
