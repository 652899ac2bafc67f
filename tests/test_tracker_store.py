"""The SQLite tracker store: a write-ahead log, so one conversation's commit does not make every
other conversation wait for the disk, and stored conversations survive the store's restart."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores import MaskingSQLTrackerStore


def _store(path) -> MaskingSQLTrackerStore:
    return MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))


def test_sqlite_tracker_store_writes_ahead_and_keeps_conversations(tmp_path):
    path = tmp_path / "tracker.db"
    store = _store(path)
    tracker = DialogueStateTracker.from_events("web-1", [UserUttered("hei")])
    asyncio.run(store.save(tracker))

    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL

    reopened = _store(path)
    events = asyncio.run(reopened.retrieve("web-1")).events
    texts = [e.text for e in events if isinstance(e, UserUttered)]
    assert texts == ["hei"]
    # Another program opening the file (the review tool) reads it in the same mode.
    with sa.create_engine(f"sqlite:///{path}").connect() as other:
        assert other.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
