"""The guard's own texts (apology, empty, too long, too fast), by key and language."""

from __future__ import annotations

from pathlib import Path

from bot.i18n import Texts

TEXTS_FILE = Path(__file__).with_name("texts.yml")

guard_text = Texts(TEXTS_FILE)
