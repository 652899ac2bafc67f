"""The Telegram channel inside the Rasa server (webhook mode), on python-telegram-bot.

credentials.yml:  `bot.channels.telegram.webhook.TelegramInput:` (no values: everything comes
from the environment). Telegram posts updates to POST /webhooks/telegram/webhook with the secret
TELEGRAM_WEBHOOK_SECRET in its X-Telegram-Bot-Api-Secret-Token header; the route answers at
once and puts the update on the update queue of the Application both modes share
(`handlers.build_application`), whose handlers send the replies through the Bot API at
TELEGRAM_API_BASE_URL. Nothing talks to Telegram at start-up: the Application starts (getMe)
on the first update; when Telegram cannot be reached then, the route answers 503 and Telegram
delivers the update again. Register the webhook and the command menu with
`python -m bot.channels.telegram.setup`. Without TELEGRAM_BOT_TOKEN, or without a valid secret,
the route answers 503 and the rest of the server works as before.

Rasa's replies to one message are collected (`TurnOutput`) and sent once the turn is done, as
in polling mode: the last one carries the 🔊 button, labelled in the language the turn left
the conversation in.

The secret is checked before the body is read (the route streams its body, so Sanic does not
preload it), and a body over MAX_UPDATE_BYTES is refused with 413. Messages go through the
same guard as REST, socket.io and polling mode (bot/guard: rate limit, text cleaning, the
apology when Rasa produced no reply).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram.error import TelegramError

from bot.channels.telegram.config import SECRET_HEADER, TelegramConfig, telegram_config
from bot.channels.telegram.handlers import Turn, build_application, replier_of
from bot.channels.telegram.incoming import CHANNEL, chat_id_of, parse_update
from bot.channels.telegram.listen import telegram_synthesizer
from bot.channels.telegram.replies import Replier
from bot.channels.telegram.store import ChannelStore
from bot.guard.guard import MessageGuard
from bot.guard.limits import RateLimit
from bot.languages import DEFAULT_LANGUAGE
from bot.settings import Settings, get_settings
from bot.speech import unavailable_reason

log = logging.getLogger("kotobot.telegram")

# Telegram's updates are a few KiB (a message is at most 4096 characters); far more is not one.
MAX_UPDATE_BYTES = 256 * 1024


class TooLarge(ValueError):
    """The body is over MAX_UPDATE_BYTES."""


async def read_capped(request: Request, limit: int) -> bytes:
    """The body of a streamed request, read only while it stays within `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await request.stream.read()  # type: ignore[union-attr]
        if chunk is None:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)


class TurnOutput(OutputChannel):
    """Collects Rasa's replies to one message; the handler sends them when the turn is done."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self) -> None:
        self.replies: list[dict[str, Any]] = []

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.replies.append(dict(message))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


class TelegramOutput(OutputChannel):
    """Sends replies Rasa makes outside a turn (e.g. triggered through the HTTP API) to the
    Telegram chat of the conversation ("tg-<chat id>") at once, each with the 🔊 button."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, replier: Replier, store: ChannelStore | None = None) -> None:
        self._replier = replier
        self._store = store

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        chat_id = chat_id_of(recipient_id)
        if chat_id is None:
            log.warning("telegram: a reply for a conversation that is not a Telegram chat")
            return
        stored = await self._store.language_of(recipient_id) if self._store else None
        await self._replier.send_answer(chat_id, [message], stored or DEFAULT_LANGUAGE)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


class RecentIds:
    """The last update ids seen: Telegram delivers an update again when it is unsure we got
    it, and the second delivery must not be a second message."""

    def __init__(self, size: int = 1000) -> None:
        self._ids: OrderedDict[int, None] = OrderedDict()
        self._size = size

    def first_time(self, update_id: int) -> bool:
        if update_id in self._ids:
            return False
        self._ids[update_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


class _Runtime:
    """The Application, made on the first update inside the server's event loop, and started
    (getMe, then its update queue) once."""

    def __init__(
        self,
        config: TelegramConfig,
        settings: Settings,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        self.store = ChannelStore(settings.database_url)

        async def deliver(turn: Turn) -> list[dict[str, Any]]:
            output = TurnOutput()
            await on_new_message(
                UserMessage(
                    turn.text,
                    output,
                    turn.sender_id,
                    input_channel=CHANNEL,
                    metadata=turn.metadata,
                )
            )
            return output.replies

        synthesizer = telegram_synthesizer(settings.var_dir, say_why=False)  # said at start-up
        self.application = build_application(
            config, self.store, deliver, settings.database_url, synthesizer
        )
        self.replier = replier_of(self.application)
        self._starting = asyncio.Lock()

    async def started(self) -> bool:
        """Whether the Application runs (started now if need be); False when Telegram cannot
        be reached or rejects the token."""
        async with self._starting:
            if self.application.running:
                return True
            try:
                await self.application.initialize()
                await self.application.start()
            except TelegramError as error:  # its message may contain the token
                log.error(
                    "telegram: cannot start (%s); the update is refused", type(error).__name__
                )
                return False
            return True

    async def close(self) -> None:
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        self.store.close()


class TelegramInput(InputChannel):
    """Telegram updates posted by Telegram's webhook."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        # Secrets are not read from credentials.yml: only from the environment (bot/settings.py).
        return cls()

    def __init__(
        self, config: TelegramConfig | None = None, settings: Settings | None = None
    ) -> None:
        self.settings = settings or get_settings()  # Rasa builds the channel: this process's
        self.config = config or telegram_config(self.settings)
        self._runtime: _Runtime | None = None
        self._on_new_message: Callable[[UserMessage], Awaitable[Any]] | None = None
        self._recent = RecentIds()
        self._off_reason = self._why_off()
        if self._off_reason:
            log.warning("Telegram webhook channel is off: %s", self._off_reason)
        else:
            speech_off = unavailable_reason()
            if speech_off:
                log.warning("telegram: the 🔊 button and /listen are off: %s", speech_off)

    def _why_off(self) -> str | None:
        if not self.config.enabled:
            return "TELEGRAM_BOT_TOKEN is not set"
        if not self.config.secret_is_valid:
            return (
                "TELEGRAM_WEBHOOK_SECRET is not set or not 1-256 of A-Z a-z 0-9 _ - "
                "(the polling runner does not need it)"
            )
        return None

    def _runtime_now(self) -> _Runtime:
        if self._runtime is None:
            assert self._on_new_message is not None, "blueprint() was not called"
            self._runtime = _Runtime(self.config, self.settings, self._on_new_message)
        return self._runtime

    def _secret_matches(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8"), self.config.webhook_secret.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        app_ref: dict[str, Any] = {}
        self.guard = MessageGuard(
            on_new_message,
            lambda: getattr(getattr(app_ref.get("app"), "ctx", None), "agent", None),
            RateLimit.of(self.settings.guard),
        )
        self._on_new_message = self.guard
        telegram_webhook = Blueprint("kotobot_telegram_webhook", __name__)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "off" if self._off_reason else "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            app_ref["app"] = request.app
            if self._off_reason:
                return response.json({"ok": False, "description": "Telegram is off"}, status=503)
            if not self._secret_matches(request):
                log.warning("telegram: an update without the right secret token was refused")
                return response.json({"ok": False}, status=403)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                # Rasa would ignore the message; Telegram delivers it again later.
                return response.json({"ok": False, "description": "not ready"}, status=503)
            try:
                body = json.loads(await read_capped(request, MAX_UPDATE_BYTES))
            except TooLarge:
                return response.json({"ok": False, "description": "too large"}, status=413)
            except (ValueError, RecursionError):
                return response.json({"ok": False, "description": "not JSON"}, status=400)
            runtime = self._runtime_now()
            if not await runtime.started():
                return response.json({"ok": False, "description": "not ready"}, status=503)
            update = parse_update(body, runtime.application.bot)
            if update is not None and self._recent.first_time(update.update_id):
                await runtime.application.update_queue.put(update)
            # 200 even for an update we cannot read: Telegram would otherwise resend it.
            return response.json({"ok": True})

        @telegram_webhook.listener("after_server_stop")
        async def close(app: Any, loop: Any) -> None:
            if self._runtime is not None:
                await self._runtime.close()
                self._runtime = None

        return telegram_webhook

    def get_output_channel(self) -> OutputChannel | None:
        """For messages Rasa sends on its own (e.g. triggered through the HTTP API)."""
        if not self.config.enabled or self._on_new_message is None:
            return None
        runtime = self._runtime_now()
        return TelegramOutput(runtime.replier, runtime.store)
