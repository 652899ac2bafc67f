"""The texts the Telegram channel sends itself (notices, /forget, the language prompt and the
command menu), by key and language. Rasa's replies are not here: they come from the bot."""

from __future__ import annotations

from pathlib import Path

from bot.i18n import Texts

TEXTS_FILE = Path(__file__).with_name("texts.yml")

channel_text = Texts(TEXTS_FILE)
