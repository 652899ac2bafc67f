"""Deleting conversations: by sender, and by age (retention)."""

from __future__ import annotations

import json
import time

import sqlalchemy as sa

from bot.handoff.outbox import Outbox
from bot.privacy import delete_older_than, forget_conversation
from bot.stores import mask_event_data


def _store(url: str, sender: str, timestamp: float) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as db:
        db.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, "
            "type_name TEXT, timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"
        )
        db.exec_driver_sql(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, ?)",
            (sender, timestamp, json.dumps({"event": "user", "text": "hei"})),
        )


def _count(url: str, sql: str) -> int:
    with sa.create_engine(url).connect() as db:
        return db.exec_driver_sql(sql).scalar_one()


def test_forgetting_a_sender_deletes_its_events_and_handoffs_only(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    _store(url, "a", time.time())
    _store(url, "b", time.time())
    Outbox(url).enqueue("a", language="fi", channel="rest", recipient="c", subject="s", body="b")
    assert forget_conversation(url, "a", outbox_dir=tmp_path / "outbox") == 1
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = 'a'") == 0
    assert _count(url, "SELECT COUNT(*) FROM events WHERE sender_id = 'b'") == 1
    assert _count(url, "SELECT COUNT(*) FROM handoff_outbox") == 0


def test_retention_deletes_old_conversations_and_every_old_handoff_whatever_its_state(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    now = time.time()
    _store(url, "old", now - 100 * 86400)
    _store(url, "new", now - 86400)
    outbox = Outbox(url)
    sent = outbox.enqueue(
        "old", language="fi", channel="rest", recipient="c", subject="s", body="b"
    )
    outbox.mark_sent(sent)
    outbox.enqueue("old2", language="fi", channel="rest", recipient="c", subject="s", body="b")
    with outbox.engine.begin() as db:
        db.exec_driver_sql("UPDATE handoff_outbox SET created_at = ?", (now - 100 * 86400,))
    outbox.enqueue("new", language="fi", channel="rest", recipient="c", subject="s", body="b")
    assert delete_older_than(url, days=90, now=now, outbox_dir=tmp_path / "outbox") == 1
    assert _count(url, "SELECT COUNT(*) FROM events") == 1
    assert _count(url, "SELECT conversation_id FROM handoff_outbox") == "new"


def test_stored_events_are_masked():
    user = {
        "event": "user",
        "text": "mun sähköposti on anna@example.com",
        "parse_data": {"text": "mun sähköposti on anna@example.com", "intent": {"name": "x"}},
    }
    masked = mask_event_data(user)
    assert "anna@example.com" not in json.dumps(masked)
    assert masked["text"] == "mun sähköposti on [email]"
    slot = mask_event_data({"event": "slot", "name": "handoff_contact", "value": "+358401234567"})
    assert slot["value"] == "[phone]"
    assert mask_event_data({"event": "slot", "name": "x", "value": True})["value"] is True
