"""Rasa's SQL tracker store `events` table, for tests of code that reads it without Rasa."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa


def create_events_table(url: str) -> None:
    """An empty `events` table with the columns Rasa's SQLTrackerStore writes."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
                "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), "
                "action_name VARCHAR(255), data TEXT)"
            )
        )
    engine.dispose()


def add_events(url: str, rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    """(sender, type name, event data) rows, in order."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        for sender, type_name, data in rows:
            connection.execute(
                sa.text("INSERT INTO events (sender_id, type_name, data) VALUES (:s, :t, :d)"),
                {"s": sender, "t": type_name, "d": json.dumps(data)},
            )
    engine.dispose()
