"""The 🔊 button and /listen: the chat's last answer as a voice message, for newcomers who read
little. The same in webhook and polling mode.

The text comes from the tracker store (the bot messages after the last user message), never
from the button, and is spoken by `bot.speech` (espeak-ng + opusenc, cached in
var/speech like the widget's speech) in a worker thread, so one chat's synthesis does not hold
up the others. When the tools are missing the button is not offered and /listen says that
reading aloud is off; a text that cannot be spoken gets a short notice, never a crash.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.channels.telegram.replies import Replier
from bot.channels.telegram.store import Answer, ChannelStore
from bot.channels.telegram.texts import channel_text
from bot.speech import MAX_CHARS, SpeechError, Synthesizer, unavailable_reason

log = logging.getLogger("kotobot.telegram")


def telegram_synthesizer(var_dir: Path, say_why: bool = True) -> Synthesizer | None:
    """The synthesizer for Telegram's voice messages, or None when this machine cannot speak
    (with `say_why`, the reason goes to the log, which is the run output)."""
    reason = unavailable_reason()
    if reason:
        if say_why:
            log.warning("telegram: the 🔊 button and /listen are off: %s", reason)
        return None
    return Synthesizer(var_dir / "speech")


def _sentence(text: str) -> str:
    """A button title as a spoken list item: a pause after each."""
    text = text.strip()
    return text if text[-1:] in ".!?:;…؟" else f"{text}."


def _titles(event: dict[str, Any]) -> list[str]:
    data = event.get("data")
    buttons = data.get("buttons") if isinstance(data, dict) else None
    if not isinstance(buttons, list):
        return []
    return [
        str(button["title"]).strip()
        for button in buttons
        if isinstance(button, dict) and str(button.get("title") or "").strip()
    ]


def spoken_answer(answer: Sequence[dict[str, Any]], max_chars: int = MAX_CHARS) -> str:
    """What is read aloud: the answer's texts, then the titles of its buttons (someone who
    reads little hears the choices too) unless that makes it longer than speech allows."""
    texts = [str(event.get("text") or "").strip() for event in answer]
    texts = [text for text in texts if text]
    with_titles = [
        part
        for event in answer
        for part in (
            str(event.get("text") or "").strip(),
            *(_sentence(title) for title in _titles(event)),
        )
        if part
    ]
    full = "\n".join(with_titles)
    return full if len(full) <= max_chars else "\n".join(texts)


class Listener:
    """Sends a chat's last answer as a voice message; `synthesizer` None means speech is off."""

    def __init__(
        self, replier: Replier, store: ChannelStore, synthesizer: Synthesizer | None
    ) -> None:
        self._replier = replier
        self._store = store
        self._synthesizer = synthesizer

    @property
    def available(self) -> bool:
        return self._synthesizer is not None

    async def read_aloud(self, chat_id: int, sender_id: str, language: str) -> None:
        """The last answer in `language` as a voice message, or a notice why not."""
        if self._synthesizer is None:
            await self._replier.send_text(chat_id, channel_text("listen_off", language))
            return
        answer: Answer = await self._store.last_answer(sender_id)
        text = spoken_answer(answer, self._synthesizer.max_chars)
        if not text:
            await self._replier.send_text(chat_id, channel_text("listen_nothing", language))
            return
        if not self._synthesizer.cached(text, language):
            await self._replier.show_recording(chat_id)
        try:
            speech = await asyncio.to_thread(self._synthesizer.speak, text, language)
        except SpeechError as error:  # its message names the cause, never the text
            log.warning("telegram: an answer could not be read aloud: %s", error)
            await self._replier.send_text(chat_id, channel_text("listen_failed", language))
            return
        await self._replier.send_voice(chat_id, speech.audio, speech.seconds)
