"""A notice on every review page while the global daily cap on handoffs is reached.

While it is, newcomers who ask for the coordinator are given the coordinator's e-mail address
instead (bot/handoff/limits.py): the coordinator should know, look for abuse, and raise
HANDOFF_GLOBAL_DAILY_LIMIT if the demand is real. One query per page.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from bot.handoff.limits import global_cap_reached

log = logging.getLogger("kotobot.review")


def install(app: Flask, database_url: str, limit: int) -> None:
    """Give every template `handoff_cap_reached` and `handoff_cap` (`limit`:
    HANDOFF_GLOBAL_DAILY_LIMIT)."""

    @app.context_processor
    def handoff_cap() -> dict[str, Any]:
        try:
            reached = global_cap_reached(database_url, limit)
        except SQLAlchemyError as error:
            log.warning("cannot tell whether the handoff cap is reached (%s)", type(error).__name__)
            reached = False
        return {"handoff_cap_reached": reached, "handoff_cap": limit}
