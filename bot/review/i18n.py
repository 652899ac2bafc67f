"""The review tool in the coordinator's language: Finnish, Swedish or English.

Texts come from bot/review/texts.yml through the lookup the bot uses (bot.i18n); plural forms,
numbers and times follow each language's CLDR rules through babel, so "1 keskustelu" and
"2 keskustelua" come out right and a Finnish coordinator reads "5.12.2026 klo 14.05".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from bot.i18n import Texts, load_texts

UI_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_UI_LANGUAGE = "en"
TEXTS_FILE = Path(__file__).with_name("texts.yml")
_texts = Texts(TEXTS_FILE)


def ui_language(raw: object) -> str | None:
    """`raw` when it is one of the review tool's languages, else None."""
    return raw if isinstance(raw, str) and raw in UI_LANGUAGES else None


def catalogue() -> dict[str, dict]:
    """Every text of the review tool by key and language (read once per process)."""
    return load_texts(TEXTS_FILE)


@dataclass(frozen=True)
class Translator:
    """Texts, plurals, numbers and times in one language, for templates and views."""

    language: str
    zone: ZoneInfo

    def __call__(self, key: str, **values: object) -> str:
        return _texts(key, self.language, **{k: str(v) for k, v in values.items()})

    def plural(self, key: str, count: int, **values: object) -> str:
        """The form of `key` for `count` ("one"/"other" in all three languages), with
        `{count}` written the language's way (12 345 in Finnish and Swedish)."""
        forms = catalogue()[key][self.language]
        form = Locale.parse(self.language).plural_form(count)
        template = forms.get(form, forms["other"])
        return template.format(count=self.number(count), **values)

    def channel(self, channel: str | None) -> str:
        """A channel by the name coordinators know it ("Verkkosivu" for the website widget)."""
        key = f"channel_{channel}"
        return self(key) if channel and key in catalogue() else channel or "—"

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.language)

    def confidence(self, value: float | None) -> str:
        """An NLU confidence with two decimals (0,95 in Finnish and Swedish)."""
        return "" if value is None else format_decimal(value, "0.00", locale=self.language)

    def percent(self, value: float | None) -> str:
        return "—" if value is None else format_percent(value, "#,##0.0 %", locale=self.language)

    def when(self, timestamp: float | None, form: str = "datetime", labelled: bool = True) -> str:
        """A time in the review tool's zone (Europe/Helsinki), written the language's way and
        followed by the zone's name unless a column heading names it already."""
        if not timestamp:
            return "—"
        moment = datetime.fromtimestamp(timestamp, self.zone)
        text = format_datetime(moment, self(f"format_{form}"), locale=self.language)
        return f"{text} ({self('time_zone')})" if labelled else text

    def day(self, day: str | date) -> str:
        """A day on a chart's axis ("4.12." in Finnish, "4 Dec" in English)."""
        day = date.fromisoformat(day) if isinstance(day, str) else day
        return format_date(day, self("format_day"), locale=self.language)

    def iso(self, timestamp: float | None) -> str:
        """Machine-readable time for <time datetime=…>."""
        if not timestamp:
            return ""
        return datetime.fromtimestamp(timestamp, self.zone).isoformat(timespec="seconds")
