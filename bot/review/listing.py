"""The conversation list: rows that join the tracker's facts with review state and handoffs,
the filters a coordinator can set (kept in the URL query, so a view can be bookmarked) and
pagination."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.languages import LANGUAGES
from bot.review.reviews import DEFAULT_STATUS, STATUSES
from bot.review.store import CHANNEL_LABELS, DELIVERY_STATES, ConversationFacts, Handoff

# The choices of two filters; the page names them in the coordinator's language (texts.yml:
# handoff_filter_<value>, fallback_filter_<value>).
HANDOFF_FILTERS: tuple[str, ...] = ("any", "none", *DELIVERY_STATES)
FALLBACK_FILTERS: tuple[str, ...] = ("with", "without")


@dataclass(frozen=True)
class Row:
    """One conversation as the list shows it."""

    facts: ConversationFacts
    status: str
    tags: tuple[str, ...]
    handoff: Handoff | None

    @property
    def sender_id(self) -> str:
        return self.facts.sender_id


def build_rows(
    conversations: Mapping[str, ConversationFacts],
    statuses: Mapping[str, str],
    tags: Mapping[str, list[str]],
    handoffs: Mapping[str, list[Handoff]],
) -> list[Row]:
    """Every conversation, newest first (the latest handoff of each)."""
    rows = [
        Row(
            facts=facts,
            status=statuses.get(sender, DEFAULT_STATUS),
            tags=tuple(tags.get(sender, ())),
            handoff=handoffs[sender][-1] if handoffs.get(sender) else None,
        )
        for sender, facts in conversations.items()
    ]
    rows.sort(key=lambda r: (r.facts.started_at, r.sender_id), reverse=True)
    return rows


@dataclass(frozen=True)
class Filters:
    """The list's filters; a value that is not one of the choices is dropped."""

    language: str = ""
    channel: str = ""
    service: str = ""
    handoff: str = ""
    fallbacks: str = ""
    status: str = ""
    tag: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        def choice(name: str, allowed: Mapping[str, str] | tuple[str, ...]) -> str:
            value = (args.get(name) or "").strip()
            return value if value in allowed else ""

        return cls(
            language=choice("language", LANGUAGES),
            channel=(args.get("channel") or "").strip()[:40],
            service=(args.get("service") or "").strip()[:100],
            handoff=choice("handoff", HANDOFF_FILTERS),
            fallbacks=choice("fallbacks", FALLBACK_FILTERS),
            status=choice("status", STATUSES),
            tag=(args.get("tag") or "").strip()[:40],
            date_from=_date_text(args.get("date_from")),
            date_to=_date_text(args.get("date_to")),
            q=(args.get("q") or "").strip()[:200],
        )

    def params(self, **changes: str) -> dict[str, str]:
        """The non-empty filters as URL query parameters (with `changes` applied)."""
        values = {**asdict(self), **changes}
        return {key: value for key, value in values.items() if value}

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def matches(self, row: Row, zone: ZoneInfo) -> bool:
        facts = row.facts
        if self.language and self.language not in facts.all_languages:
            return False
        if self.channel and facts.channel != self.channel:
            return False
        if self.service and self.service not in facts.services:
            return False
        if self.handoff and not _handoff_matches(self.handoff, row.handoff):
            return False
        if self.fallbacks == "with" and not facts.fallbacks:
            return False
        if self.fallbacks == "without" and facts.fallbacks:
            return False
        if self.status and row.status != self.status:
            return False
        if self.tag and self.tag not in row.tags:
            return False
        if self.date_from or self.date_to:
            day = local_date(facts.started_at, zone)
            if self.date_from and day < date.fromisoformat(self.date_from):
                return False
            if self.date_to and day > date.fromisoformat(self.date_to):
                return False
        return not self.q or facts.contains(self.q)


def _handoff_matches(wanted: str, handoff: Handoff | None) -> bool:
    if wanted == "any":
        return handoff is not None
    if wanted == "none":
        return handoff is None
    return handoff is not None and handoff.state == wanted


def _date_text(raw: str | None) -> str:
    try:
        return date.fromisoformat((raw or "").strip()).isoformat()
    except ValueError:
        return ""


def local_date(timestamp: float, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(timestamp, zone).date()


def filter_rows(rows: list[Row], filters: Filters, zone: ZoneInfo) -> list[Row]:
    return [row for row in rows if filters.matches(row, zone)]


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    number: int
    count: int
    total: int


def paginate(rows: list[Row], number: int, size: int) -> Page:
    count = max(1, math.ceil(len(rows) / size))
    number = min(max(1, number), count)
    start = (number - 1) * size
    return Page(rows=rows[start : start + size], number=number, count=count, total=len(rows))


def channel_label(channel: str | None) -> str:
    return CHANNEL_LABELS.get(channel or "", channel or "—")
