"""The texts the Telegram channel sends itself (notices, /forget, the language prompt and the
command menu), by key and language. Rasa's replies are not here: they come from the bot."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

TEXTS_FILE = Path(__file__).with_name("texts.yml")


@lru_cache(maxsize=1)
def load_channel_texts(path: Path = TEXTS_FILE) -> dict[str, dict[str, str]]:
    """All channel texts; loaded once per process."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def channel_text(key: str, language: str | None) -> str:
    """The text `key` in `language` (English when the language is not one of the six)."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return load_channel_texts()[key][language]
