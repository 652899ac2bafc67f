"""One way to open the tracker database, for the web app and the command line alike."""

from __future__ import annotations

import sqlalchemy as sa


def make_engine(database_url: str) -> sa.engine.Engine:
    """An engine for the tracker database; SQLite waits for Rasa's writes instead of failing."""
    options: dict = {"future": True}
    if database_url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
    return sa.create_engine(database_url, **options)
