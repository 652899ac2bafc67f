"""Downloads: the filtered conversation list as CSV, and selected user messages as Rasa NLU
training examples. Both contain masked text only."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.masking import mask
from bot.review.listing import Row, channel_label
from bot.review.reviews import STATUSES
from bot.review.store import Message

CSV_HEADER = (
    "conversation",
    "started",
    "last_message",
    "channel",
    "languages",
    "services",
    "target_group",
    "user_messages",
    "fallbacks",
    "handoff",
    "handoff_attempts",
    "review_status",
    "tags",
    "first_message",
)
_FORMULA_START = ("=", "+", "-", "@")
# Spreadsheets skip these before reading a cell as a formula (or turn them into = + - @).
_SKIPPED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
INTENT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,99}$")


def csv_safe(value: object) -> str:
    """The cell's text, with a leading ' when a spreadsheet might read it as a formula.

    That is when it starts with = + - @, also after spaces, tabs, line breaks or invisible
    characters, or written in their fullwidth or small forms (＝ ＋ － ＠ ﹦ …, which NFKC
    folds), and whenever it starts with a tab, CR or line break at all.
    """
    text = "" if value is None else str(value)
    if not text:
        return text
    if text[0] in "\t\r\n":
        return "'" + text
    head = unicodedata.normalize("NFKC", text[:200])
    start = next(
        (c for c in head if not c.isspace() and unicodedata.category(c) not in _SKIPPED_CATEGORIES),
        "",
    )
    return "'" + text if start in _FORMULA_START else text


def _time(timestamp: float, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(timestamp, zone).strftime("%Y-%m-%d %H:%M")


def conversations_csv(rows: Iterable[Row], zone: ZoneInfo) -> Iterator[str]:
    """The rows as CSV text, a header first, written piece by piece for a streamed download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_HEADER)
    yield flush()
    for row in rows:
        facts = row.facts
        writer.writerow(
            csv_safe(cell)
            for cell in (
                facts.sender_id,
                _time(facts.started_at, zone),
                _time(facts.last_at, zone),
                channel_label(facts.channel),
                " ".join(facts.all_languages),
                " ".join(facts.services),
                facts.target_group or "",
                len(facts.messages),
                facts.fallbacks,
                row.handoff.state if row.handoff else "",
                row.handoff.attempts if row.handoff else "",
                STATUSES.get(row.status, row.status),
                mask(", ".join(row.tags)),
                mask(facts.first_message),
            )
        )
        yield flush()


def nlu_yaml(messages: Iterable[Message], intent: str, language: str) -> str:
    """Rasa NLU training data (format 3.1) with the messages as examples of `intent`.

    Texts are masked (placeholders such as [phone] stay as words), put on one line each and
    deduplicated; the file is meant for data/nlu/<language>/.
    """
    if not INTENT_NAME.match(intent):
        raise ValueError(f"not an intent name: {intent!r}")
    examples: list[str] = []
    for message in messages:
        text = " ".join(mask(message.text).split())
        if text and text not in examples:
            examples.append(text)
    lines = [
        f"# {len(examples)} example(s) for the intent {intent} in language {language},",
        f"# exported from the review tool (masked). Add them to data/nlu/{language}/.",
        'version: "3.1"',
        "nlu:",
        f"- intent: {intent}",
        "  examples: |",
    ]
    lines += [f"    - {text}" for text in examples]
    return "\n".join(lines) + "\n"
