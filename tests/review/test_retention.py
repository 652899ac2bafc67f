"""Retention and "forget me" from the command line: conversations and their review data go."""

from __future__ import annotations

import sqlite3

from tests.review.conftest import token
from tests.review.fixtures import ALL_SENDERS, CONVERSATIONS
from tests.review.test_auth import _cli


def _senders(database) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def _review_rows(database, sender: str) -> int:
    with sqlite3.connect(database) as connection:
        return sum(
            connection.execute(
                f"SELECT COUNT(*) FROM {table} WHERE sender_id = ?", (sender,)
            ).fetchone()[0]
            for table in ("review_status", "review_tags", "review_notes")
        )


def _review(signed_in, sender: str) -> None:
    csrf = token(signed_in)
    url = f"/conversations/{sender}"
    signed_in.post(f"{url}/status", data={"status": "reviewed", "csrf_token": csrf})
    signed_in.post(f"{url}/tags", data={"tags": "old", "csrf_token": csrf})
    signed_in.post(f"{url}/notes", data={"text": "a note", "csrf_token": csrf})


def test_retention_deletes_conversations_older_than_90_days_by_default(
    signed_in, database, tmp_path
):
    _review(signed_in, "fi-rest-old")
    _review(signed_in, "fi-web-kaikukortti")
    result = _cli(["retention"], database, tmp_path)
    assert result.returncode == 0, result.stderr
    assert _senders(database) == ALL_SENDERS - {"fi-rest-old"}
    assert _review_rows(database, "fi-rest-old") == 0
    assert _review_rows(database, "fi-web-kaikukortti") == 3
    assert "fi-rest-old" not in signed_in.get("/").text


def test_retention_days_from_the_option_or_the_environment(database, tmp_path):
    assert _cli(["retention"], database, tmp_path, RETENTION_DAYS="200").returncode == 0
    assert _senders(database) == ALL_SENDERS
    days_4 = _cli(["retention", "--days", "4"], database, tmp_path, RETENTION_DAYS="200")
    assert days_4.returncode == 0
    kept = _senders(database)
    # Conversations from exactly 4 days ago are kept or not depending on the time of day.
    assert {c.sender for c in CONVERSATIONS if c.days_ago <= 3} <= kept
    assert not {c.sender for c in CONVERSATIONS if c.days_ago >= 5} & kept


def test_forget_deletes_one_conversation_and_its_review_data(signed_in, database, tmp_path):
    _review(signed_in, "ru-web-handoff-queued")
    result = _cli(["forget", "ru-web-handoff-queued"], database, tmp_path)
    assert result.returncode == 0, result.stderr
    assert _senders(database) == ALL_SENDERS - {"ru-web-handoff-queued"}
    assert _review_rows(database, "ru-web-handoff-queued") == 0
    assert signed_in.get("/conversations/ru-web-handoff-queued").status_code == 404


def test_the_daily_retention_runs_at_start_and_again_after_a_day(database, tmp_path):
    from bot.review.supervise import DAY, DailyRetention
    from bot.settings import load_settings
    from tests.review.conftest import Clock

    settings = load_settings(
        {"KOTOBOT_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"}
    )
    clock = Clock(1000.0)
    with (tmp_path / "retention.log").open("w") as log:
        retention = DailyRetention(settings, clock=clock, log=log)
        assert retention.tick() is True
        assert retention.wait(120) == 0
        assert "fi-rest-old" not in _senders(database)
        clock.now += DAY - 60
        assert retention.tick() is False  # not yet a day
        clock.now += 60
        assert retention.tick() is True
        assert retention.wait(120) == 0
    assert "retention: deleted" in (tmp_path / "retention.log").read_text()
