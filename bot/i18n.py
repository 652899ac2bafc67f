"""Texts composed by custom actions, by key and language (the words around catalogue facts)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

TEXTS_FILE = Path(__file__).with_name("texts.yml")


@lru_cache(maxsize=1)
def load_texts(path: Path = TEXTS_FILE) -> dict[str, dict[str, str]]:
    """All action texts; loaded once per process."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def text(key: str, language: str | None, **values: str) -> str:
    """The text `key` in `language` (English when the language is unknown), filled in."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return load_texts()[key][language].format(**values)
