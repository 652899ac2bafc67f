"""A Telegram Bot API stand-in on loopback, so the Telegram channel is tested without internet.

It answers the methods the channel uses the way the real Bot API does (same URL scheme
`/bot<token>/<method>`, same `{"ok": ..., "result": ...}` envelope, 401 for a wrong token),
serves queued updates to getUpdates (long polling included), records every call, and can be
told to fail the next calls of a method (flood control 429, a dropped connection, 403).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from bot.paths import PROJECT_ROOT

BOT_USER = {
    "id": 4242424242,
    "is_bot": True,
    "first_name": "Kotobot",
    "username": "kotobot_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
MAX_LONG_POLL_SECONDS = 2.0
_JSON_FIELDS = ("reply_markup", "commands", "allowed_updates", "scope", "link_preview_options")


# Real Update JSON (Telegram's documentation, aiogram's test data, a real capture); see
# tests/data/telegram-updates/SOURCES.tsv. Tests change only ids, text and, where a test says
# so, the language.
START_PLAIN = "01"  # /start without entities, without from.is_bot and language_code
START = "02"  # /start with a bot_command entity, language_code en-GB
TEXT = "03"  # a text message, language_code ru
EDITED = "05"  # an edited message
BUTTON = "06"  # a callback query without `message`
VOICE = "07"  # a voice message


def samples_dir() -> Path:
    default = PROJECT_ROOT / "tests" / "data" / "telegram-updates"
    return Path(os.environ.get("KOTOBOT_TELEGRAM_SAMPLES", default))


def sample(prefix: str) -> dict[str, Any]:
    """The sample update whose file name starts with `prefix`, freshly loaded."""
    matches = sorted(samples_dir().glob(f"{prefix}_*.json"))
    assert matches, (
        f"no Telegram sample {prefix}_*.json in {samples_dir()} (KOTOBOT_TELEGRAM_SAMPLES)"
    )
    return json.loads(matches[0].read_text(encoding="utf-8"))


_KEEP: Any = object()


def message_update(
    prefix: str,
    update_id: int,
    chat_id: int,
    text: str | None = None,
    language_code: Any = _KEEP,
) -> dict[str, Any]:
    """A message sample (text, command, edited or voice) from `chat_id`."""
    update = sample(prefix)
    update["update_id"] = update_id
    body = update.get("message") or update["edited_message"]
    body["chat"]["id"] = chat_id
    body["from"]["id"] = chat_id
    if text is not None:
        body["text"] = text
        for entity in body.get("entities", []):
            if entity.get("type") == "bot_command" and entity.get("offset") == 0:
                entity["length"] = len(text.split()[0])
    if language_code is not _KEEP:
        body["from"]["language_code"] = language_code
    return update


def button_update(
    update_id: int, chat_id: int, data: str, message: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The callback query sample: `chat_id`'s user pressed a button with `data`. With
    `message` (the message the button is in, as Telegram sends it for a chat message)."""
    update = sample(BUTTON)
    update["update_id"] = update_id
    query = update["callback_query"]
    query["id"] = f"query-{update_id}"
    query["from"]["id"] = chat_id
    query["data"] = data
    if message is not None:
        query.pop("inline_message_id", None)
        query["message"] = message
    return update


@dataclass(frozen=True)
class Upload:
    """A file sent in a multipart request (sendVoice's `voice`)."""

    filename: str
    content_type: str
    data: bytes


def _multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    """The fields of a multipart/form-data body: text as str, files as Upload."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    form = BytesParser(policy=HTTP).parsebytes(head + raw)
    params: dict[str, Any] = {}
    for part in form.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            params[name] = Upload(filename, part.get_content_type(), data)
        else:
            params[name] = data.decode(part.get_content_charset() or "utf-8")
    return params


@dataclass
class Call:
    """One request the channel made: the Bot API method and its parameters, decoded."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    failed: bool = False  # the stand-in was told to fail it
    result: Any = None  # what the stand-in answered

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def keyboard(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard") or []

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [button for row in self.keyboard for button in row]


@dataclass
class Failure:
    status: int  # 0: close the connection without an answer
    body: dict[str, Any]
    when: Callable[[dict[str, Any]], bool]
    times: int


class BotApiStandIn:
    """The Bot API on 127.0.0.1:<port>; python-telegram-bot's base_url is `base_url`."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._failures: dict[str, list[Failure]] = {}
        self._message_ids = 0
        self._condition = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                standin._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            with self._condition:
                self._condition.notify_all()
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # --- what tests do ---------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates."""
        with self._condition:
            self._updates.append(update)
            self._condition.notify_all()

    def fail(
        self,
        method: str,
        *,
        status: int,
        description: str = "",
        parameters: dict[str, Any] | None = None,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] = lambda params: True,
    ) -> None:
        """Make the next `times` calls of `method` (matching `when`) fail; status 0 drops the
        connection without an answer, as a network failure does."""
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        with self._condition:
            self._failures.setdefault(method, []).append(Failure(status, body, when, times))

    def calls_of(
        self, method: str, chat_id: int | None = None, *, failed: bool | None = False
    ) -> list[Call]:
        """The calls of `method` (to `chat_id`); by default only those that succeeded."""
        with self._condition:
            calls = [c for c in self.calls if c.method == method]
        return [
            c
            for c in calls
            if (chat_id is None or c.chat_id == chat_id) and (failed is None or c.failed == failed)
        ]

    def wait_for(
        self,
        method: str,
        chat_id: int | None = None,
        count: int = 1,
        timeout: float = 60.0,
        where: Callable[[dict[str, Any]], bool] = lambda params: True,
    ) -> list[Call]:
        """The calls of `method` (to `chat_id`, with params matching `where`) once there are
        `count` of them; fails after `timeout` seconds with what arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = [c for c in self.calls_of(method, chat_id) if where(c.params)]
            if len(calls) >= count:
                return calls
            time.sleep(0.05)
        raise AssertionError(
            f"{count} × {method} to {chat_id} expected within {timeout:.0f} s; got "
            f"{[c.params.get('text') for c in self.calls_of(method, chat_id)]}"
        )

    def settle(
        self, chat_id: int, after: int = 0, quiet: float = 1.5, timeout: float = 60.0
    ) -> list[Call]:
        """The messages sent to `chat_id` once there are more than `after` of them and no new
        one arrived for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        seen, last_change = -1, time.monotonic()
        while time.monotonic() < deadline:
            calls = self.calls_of("sendMessage", chat_id)
            if len(calls) != seen:
                seen, last_change = len(calls), time.monotonic()
            elif seen > after and time.monotonic() - last_change >= quiet:
                return calls
            time.sleep(0.05)
        raise AssertionError(f"no new messages to {chat_id} within {timeout:.0f} s")

    # --- the API ---------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        prefix = f"/bot{self.token}/"
        path = request.path.split("?", 1)[0]
        params = self._params(request)
        if not path.startswith(prefix):
            self._send(
                request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
            return
        method = path[len(prefix) :]
        with self._condition:
            failure = self._take_failure(method, params)
        if failure is not None:
            self._record(Call(method, params, failed=True))
            if failure.status == 0:
                request.close_connection = True
                request.connection.shutdown(2)
                return
            self._send(request, failure.status, failure.body)
            return
        answer = getattr(self, f"_api_{method}", None)
        if answer is None:
            self._record(Call(method, params, failed=True))
            self._send(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        result = answer(params)
        self._record(Call(method, params, result=result))
        self._send(request, 200, {"ok": True, "result": result})

    def _record(self, call: Call) -> None:
        with self._condition:
            self.calls.append(call)

    def _take_failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        for failure in self._failures.get(method, []):
            if failure.times > 0 and failure.when(params):
                failure.times -= 1
                return failure
        return None

    @staticmethod
    def _params(request: BaseHTTPRequestHandler) -> dict[str, Any]:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        kind = request.headers.get("Content-Type") or ""
        if "json" in kind:
            params = json.loads(raw or b"{}")
        elif kind.startswith("multipart/form-data"):
            params = _multipart(kind, raw)
        else:
            params = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        for name in _JSON_FIELDS:
            if isinstance(params.get(name), str):
                params[name] = json.loads(params[name])
        return params

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a long poll cut short at shutdown)

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._condition:
            self._message_ids += 1
            message_id = self._message_ids
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return BOT_USER

    def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), MAX_LONG_POLL_SECONDS)
        deadline = time.monotonic() + wait
        with self._condition:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline and self._server:
                self._condition.wait(deadline - time.monotonic())
            return list(self._updates[:limit])

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return self._message(params)

    def _api_sendVoice(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        message = self._message({**params, "text": ""})
        del message["text"]
        upload = params.get("voice")
        size = len(upload.data) if isinstance(upload, Upload) else 0
        message["voice"] = {
            "file_id": f"voice-{message['message_id']}",
            "file_unique_id": f"u-voice-{message['message_id']}",
            "duration": int(params.get("duration") or 0),
            "mime_type": "audio/ogg",
            "file_size": size,
        }
        return message

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:  # noqa: N802
        return True

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return self._message({**params, "text": ""})

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:  # noqa: N802
        return True

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:  # noqa: N802
        return True

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:  # noqa: N802
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:  # noqa: N802
        return True
