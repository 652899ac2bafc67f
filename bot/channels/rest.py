"""Rasa's REST channel with the guard (bot/guard) and strict input checks.

credentials.yml: `bot.channels.rest.RestInput:` instead of `rest:`; the URL stays
POST /webhooks/rest/webhook with {"sender", "message", "metadata"?, "input_channel"?} and the
answer is the same list of replies. What differs from Rasa's channel:

- a body over 64 KiB: 413; a body that is not a JSON object (invalid JSON or UTF-8, binary):
  400; a missing, empty, over-long (255) or control-character sender, a message that is not
  a string, metadata that is not an object: 400. Every 4xx answer is {"error": "..."}.
- the guard answers a message that is empty after cleaning, over 4096 characters or over the
  per-sender rate limit with a short text in the conversation's language, and apologises when
  Rasa produced no reply (the action server is down), instead of answering [].
- nothing the user sent is logged (Rasa's channel logs the text with any exception).
- only trusted callers (the REST token, bot/identity/trust.py: the Telegram polling runner,
  tests, the load benchmark) choose the conversation: `sender` and `input_channel` are theirs.
  Anyone else speaks in a conversation the server issued: a `sender` that is not a token this
  channel signed starts a new one (at most NEW_CONVERSATIONS_PER_HOUR per client address; past
  it 429 with a short text), and the answer carries the token to continue with in the header
  X-Kotobot-Session. Another channel's id (`tg-…`, `web-…`) or an `input_channel` other than
  "rest" from an untrusted caller: 403.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.channels import action_validation
from bot.guard.clean import has_control_characters
from bot.guard.guard import MessageGuard
from bot.guard.language import conversation_language
from bot.guard.limits import MAX_BODY_BYTES, MAX_SENDER_CHARS, RateLimit
from bot.guard.texts import guard_text
from bot.identity.clients import (
    client_address,
    new_conversation_limit,
    session_ids,
    with_client_key,
)
from bot.identity.session_ids import REST, foreign_channel
from bot.identity.trust import is_trusted, trusted_token
from bot.settings import Settings, get_settings

log = logging.getLogger("kotobot.rest")

SESSION_HEADER = "X-Kotobot-Session"


class BadRequest(ValueError):
    """The body cannot be a message; `status` and the text go back to the client."""

    def __init__(self, error: str, status: int = 400) -> None:
        super().__init__(error)
        self.status = status


class RestInput(RasaRestInput):
    """POST /webhooks/rest/webhook, guarded. Same name ("rest"), so the same URL."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self, settings: Settings | None = None) -> None:
        # Rasa builds the channel (from_credentials): then this process's settings.
        self.settings = settings or get_settings()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        action_validation.install()  # a measured speed-up of Rasa itself, see the module
        app_ref: dict[str, Any] = {}
        settings = self.settings
        trusted = trusted_token(settings)
        guard = MessageGuard(
            on_new_message, lambda: _agent(app_ref.get("app")), RateLimit.of(settings.guard)
        )
        webhook = Blueprint("kotobot_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> ResponseStream | HTTPResponse:
            app_ref["app"] = request.app
            try:
                sender_id, text, metadata, input_channel = parse_body(request.body or b"")
                conversation = await _conversation(request, sender_id, input_channel, metadata)
            except BadRequest as error:
                log.info("refused a REST message: %s", error)
                return response.json({"error": str(error)}, status=error.status)
            if isinstance(conversation, HTTPResponse):
                return conversation
            sender_id, input_channel, metadata, headers = conversation
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(guard, text, sender_id, input_channel, metadata),
                    content_type="text/event-stream",
                    headers=headers,
                )
            collector = CollectingOutputChannel()
            message = UserMessage(
                text, collector, sender_id, input_channel=input_channel, metadata=metadata
            )
            await guard(message)
            return response.json(collector.messages, headers=headers)

        async def _conversation(
            request: Request, sender: str, input_channel: str, metadata: dict[str, Any] | None
        ) -> tuple[str, str, dict[str, Any], dict[str, str]] | HTTPResponse:
            """(conversation id, input channel, metadata, headers), or the 429 answer."""
            ids = session_ids(settings)
            if is_trusted(request, trusted):
                key = ids.client_key(f"sender:{sender}")  # e.g. one Telegram chat
                return sender, input_channel, with_client_key(metadata, key), {}
            if input_channel != RestInput.name():
                raise BadRequest('only trusted callers may set "input_channel"', status=403)
            if foreign_channel(sender):
                raise BadRequest("this sender id belongs to another channel", status=403)
            address = client_address(request, settings.identity.client_address_header)
            metadata = with_client_key(metadata, ids.client_key(address))
            conversation_id = ids.verify(REST, sender)
            token = sender
            if conversation_id is None:
                if not new_conversation_limit(settings).allow(address, "REST"):
                    language = await conversation_language(None, "", metadata)
                    text = guard_text("too_many_conversations", language)
                    return response.json([{"recipient_id": "", "text": text}], status=429)
                conversation_id, token = ids.issue(REST)
            return conversation_id, RestInput.name(), metadata, {SESSION_HEADER: token}

        return webhook


def _agent(app: Any) -> Any:
    return getattr(getattr(app, "ctx", None), "agent", None)


def parse_body(body: bytes) -> tuple[str, str, dict[str, Any] | None, str]:
    """sender, message, metadata and input channel of a REST body, or BadRequest."""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(f"the body is larger than {MAX_BODY_BYTES} bytes", status=413)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # invalid JSON or UTF-8, binary, too deep
        raise BadRequest("the body must be a JSON object") from error
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    sender = data.get("sender")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest('"sender" must be a non-empty string')
    if len(sender) > MAX_SENDER_CHARS or has_control_characters(sender):
        raise BadRequest(
            f'"sender" must be at most {MAX_SENDER_CHARS} characters without control characters'
        )
    text = data.get("message")
    if not isinstance(text, str):
        raise BadRequest('"message" must be a string')
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata" must be a JSON object')
    input_channel = data.get("input_channel") or RestInput.name()
    if not isinstance(input_channel, str) or has_control_characters(input_channel):
        raise BadRequest('"input_channel" must be a string')
    if metadata is not None and not _encodable(metadata):
        raise BadRequest('"metadata" must be valid Unicode')
    return sender, text, metadata, input_channel[:64]


def _encodable(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError):
        return False
    return True
