"""Figures for the analytics page: conversations per day by language and by channel, the
services asked about, the fallback rate, handoffs, and what the bot did not understand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.languages import LANGUAGES, NATIVE_NAMES
from bot.review.i18n import Translator
from bot.review.listing import Row, local_date
from bot.review.store import DELIVERY_STATES, Handoff

HANDOFF_STATES = DELIVERY_STATES
TOP_SERVICES = 15
TOP_NOT_UNDERSTOOD = 25


@dataclass(frozen=True)
class NotUnderstood:
    """A message the bot did not understand (masked, case and spaces folded), how often."""

    text: str
    count: int
    languages: tuple[str, ...]
    intents: tuple[str, ...]
    example_sender: str


@dataclass(frozen=True)
class Summary:
    days: list[str]
    conversations: int
    by_language: dict[str, list[int]]
    by_channel: dict[str, list[int]]
    services: list[tuple[str, int]]
    user_messages: int
    fallback_messages: int
    fallback_rate_by_day: list[float | None]
    handoffs_by_state: dict[str, list[int]]
    handoff_totals: dict[str, int]
    not_understood: list[NotUnderstood]

    @property
    def fallback_rate(self) -> float | None:
        return self.fallback_messages / self.user_messages if self.user_messages else None

    def chart_data(self, t: Translator) -> dict:
        """What the charts need, as JSON-able values; series keep their codes as keys and get
        their names in the coordinator's language under `labels`."""
        return {
            "labels": {
                "byLanguage": {code: NATIVE_NAMES.get(code, code) for code in self.by_language},
                "byChannel": {name: t.channel(name) for name in self.by_channel},
                "handoffs": {state: t(f"handoff_state_{state}") for state in HANDOFF_STATES},
                "conversations": t("chart_series_conversations"),
                "fallbackRate": t("chart_series_fallback_rate"),
                "days": [t.day(day) for day in self.days],
            },
            "days": self.days,
            "byLanguage": self.by_language,
            "byChannel": self.by_channel,
            "services": [[name, count] for name, count in self.services],
            "fallbackRate": self.fallback_rate_by_day,
            "handoffs": self.handoffs_by_state,
        }


def summarise(
    rows: list[Row],
    handoffs: Mapping[str, list[Handoff]],
    first: date,
    last: date,
    zone: ZoneInfo,
) -> Summary:
    """Figures for the conversations that started between `first` and `last` (inclusive)."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    index = {day: n for n, day in enumerate(days)}
    in_range = [row for row in rows if local_date(row.facts.started_at, zone) in index]

    by_language = {language: [0] * len(days) for language in LANGUAGES}
    by_channel: dict[str, list[int]] = {}
    services: Counter[str] = Counter()
    messages_by_day = [0] * len(days)
    fallbacks_by_day = [0] * len(days)
    not_understood: dict[str, list] = {}
    for row in in_range:
        facts = row.facts
        n = index[local_date(facts.started_at, zone)]
        by_language.setdefault(facts.language, [0] * len(days))[n] += 1
        by_channel.setdefault(facts.channel or "", [0] * len(days))[n] += 1
        services.update(facts.services)
        messages_by_day[n] += len(facts.messages)
        fallbacks_by_day[n] += facts.fallbacks
        for message in facts.not_understood:
            key = " ".join(message.text.casefold().split())
            entry = not_understood.setdefault(key, [message.text, 0, set(), set(), facts.sender_id])
            entry[1] += 1
            entry[2].add(message.language or "?")
            entry[3].add(message.intent or "?")

    handoffs_by_state = {state: [0] * len(days) for state in HANDOFF_STATES}
    for items in handoffs.values():
        for handoff in items:
            day = local_date(handoff.created_at, zone)
            if day in index:
                handoffs_by_state[handoff.state][index[day]] += 1

    top = sorted(not_understood.values(), key=lambda e: (-e[1], e[0]))[:TOP_NOT_UNDERSTOOD]
    return Summary(
        days=[day.isoformat() for day in days],
        conversations=len(in_range),
        by_language=by_language,
        by_channel=dict(sorted(by_channel.items())),
        services=services.most_common(TOP_SERVICES),
        user_messages=sum(messages_by_day),
        fallback_messages=sum(fallbacks_by_day),
        fallback_rate_by_day=[
            round(f / m, 3) if m else None
            for f, m in zip(fallbacks_by_day, messages_by_day, strict=True)
        ],
        handoffs_by_state=handoffs_by_state,
        handoff_totals={state: sum(counts) for state, counts in handoffs_by_state.items()},
        not_understood=[
            NotUnderstood(
                text=text,
                count=count,
                languages=tuple(sorted(languages)),
                intents=tuple(sorted(intents)),
                example_sender=sender,
            )
            for text, count, languages, intents, sender in top
        ],
    )
