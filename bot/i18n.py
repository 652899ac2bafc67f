"""Texts by key and language, read from a `texts.yml` file: the words around catalogue facts
(bot/texts.yml) and the channels' own notices (bot/channels/telegram/texts.yml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

TEXTS_FILE = Path(__file__).with_name("texts.yml")


@lru_cache(maxsize=8)
def load_texts(path: Path = TEXTS_FILE) -> dict[str, dict[str, str]]:
    """All texts of one file; each file is read once per process."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class Texts:
    """Looks texts up in one file; English when the language is not one of the six."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, key: str, language: str | None, **values: str) -> str:
        language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        template = load_texts(self.path)[key][language]
        return template.format(**values) if values else template


text = Texts(TEXTS_FILE)


# Arabic separates list items with its own comma.
_LIST_SEPARATORS = {"ar": "، "}


def join_list(items: list[str] | tuple[str, ...], language: str) -> str:
    """Items joined with the comma of the language ("،" in Arabic, "," elsewhere)."""
    return _LIST_SEPARATORS.get(language, ", ").join(items)
