"""What the views share, kept on the Flask app: configuration, database, tracker summaries."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from bot.review.auth import LoginThrottle
from bot.review.config import ReviewConfig
from bot.review.store import TrackerIndex

EXTENSION = "kotobot_review"


@dataclass(frozen=True)
class Review:
    config: ReviewConfig
    engine: sa.engine.Engine
    index: TrackerIndex
    throttle: LoginThrottle
    zone: ZoneInfo


def review() -> Review:
    """The review context of the app handling the current request."""
    return current_app.extensions[EXTENSION]
