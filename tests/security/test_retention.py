"""Retention and "forget me" must not leave a newcomer's contact behind: not in a handoff that
is still queued, failing or being sent, and not in the .eml files written without SMTP.

Runs the real command line (`python -m bot.review retention|forget`) on a SQLite store and a
var/ of its own; handoff e-mails are written by the real sender code (no SMTP: .eml files).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from bot.handoff.outbox import Outbox
from bot.handoff.sender import deliver_due
from bot.paths import PROJECT_ROOT
from bot.stack import isolated_settings

DAY = 86400.0
CONTACT = "+358 40 765 4321"


def _cli(var_dir: Path, *args: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{var_dir / 'tracker.db'}",
        "KOTOBOT_VAR_DIR": str(var_dir),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    env.pop("RETENTION_DAYS", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot.review", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def _event(url: str, sender: str, at: float) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as db:
        db.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, "
            "type_name TEXT, timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"
        )
        db.exec_driver_sql(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, ?)",
            (sender, at, json.dumps({"event": "user", "text": "hei"})),
        )
    engine.dispose()


def _handoff(outbox: Outbox, sender: str, created: float, **state) -> int:
    handoff = outbox.enqueue(
        sender,
        language="fi",
        channel="rest",
        recipient="coordinator@kauniainen.example",
        subject="Kotobot",
        body=f"Yhteystieto (contact): {CONTACT}\n\n"
        f"Keskustelun tunniste (conversation id, for the review tool): {sender}\n",
    )
    with outbox.engine.begin() as db:
        db.execute(
            sa.text("UPDATE handoff_outbox SET created_at = :at WHERE id = :id"),
            {"at": created, "id": handoff},
        )
        if state:
            sets = ", ".join(f"{k} = :{k}" for k in state)
            db.execute(
                sa.text(f"UPDATE handoff_outbox SET {sets} WHERE id = :id"),
                {**state, "id": handoff},
            )
    return handoff


def _rows(url: str) -> list[tuple[str, str]]:
    engine = sa.create_engine(url)
    with engine.connect() as db:
        rows = db.exec_driver_sql("SELECT conversation_id, status FROM handoff_outbox").all()
    engine.dispose()
    return sorted((row[0], row[1]) for row in rows)


def _mail_files(var_dir: Path) -> list[Path]:
    return sorted((var_dir / "outbox").glob("*.eml"))


def _send_all(var_dir: Path, url: str) -> None:
    """Let the real handoff sender write the due e-mails as .eml files (no SMTP_HOST)."""
    settings = isolated_settings(var_dir).replace(database_url=url)
    deliver_due(Outbox(url), settings, now=time.time() + DAY)


def test_retention_deletes_every_handoff_older_than_the_limit_whatever_its_state(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    now = time.time()
    old = now - 100 * DAY
    _event(url, "active", now - DAY)
    outbox = Outbox(url)
    _handoff(outbox, "old-sent", old)
    _send_all(tmp_path, url)  # an e-mail delivered as an .eml file 100 days ago
    for path in _mail_files(tmp_path):
        os.utime(path, (old, old))
    _handoff(outbox, "old-queued", old)  # never picked up (the sender was down)
    _handoff(outbox, "old-failing", old, attempts=9, last_error="SMTP 451", next_attempt_at=now)
    _handoff(outbox, "old-sending", old, status="sending", lease_until=now + 60)
    _handoff(outbox, "old-failed", old, status="failed", attempts=5)
    outbox.save_draft("old-draft", contact=CONTACT)
    with outbox.engine.begin() as db:
        db.exec_driver_sql(
            "UPDATE handoff_outbox SET created_at = ? WHERE status = 'draft'", (old,)
        )
    _handoff(outbox, "active", now - DAY)
    assert len(_rows(url)) == 7

    _cli(tmp_path, "retention", "--days", "90")

    assert _rows(url) == [("active", "queued")]
    assert _mail_files(tmp_path) == []


def test_forget_deletes_all_of_a_conversations_handoffs_and_its_mail_files(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    now = time.time()
    for sender in ("ahmad", "olga"):
        _event(url, sender, now)
    outbox = Outbox(url)
    _handoff(outbox, "ahmad", now)
    _handoff(outbox, "olga", now)
    _send_all(tmp_path, url)  # one .eml each
    _handoff(outbox, "ahmad", now, attempts=3, last_error="SMTP 451")  # failing
    _handoff(outbox, "ahmad", now, status="sending", lease_until=now + 60)
    outbox.save_draft("ahmad", contact=CONTACT)
    assert len(_mail_files(tmp_path)) == 2

    _cli(tmp_path, "forget", "ahmad")

    assert _rows(url) == [("olga", "sent")]
    remaining = _mail_files(tmp_path)
    assert len(remaining) == 1 and b"olga" in remaining[0].read_bytes()
