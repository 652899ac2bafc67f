"""The real servers with small limits, for the id and limit security tests, and clients that
come from a chosen loopback address (127.0.0.x: on Linux the whole 127/8 is local), so each
test is its own set of clients as far as the per-address limits can tell.

One stack for all security test modules: a pytest fixture imported into two modules would be
two fixtures, so they share the stack through this module.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.i18n import text
from tests.e2e.conftest import Stack, running_stack

NEW_CONVERSATIONS_PER_HOUR = 4
HANDOFF_CLIENT_DAILY_LIMIT = 2
HANDOFF_GLOBAL_DAILY_LIMIT = 5
SESSION_HEADER = "X-Kotobot-Session"

_shared: dict[str, Any] = {"users": 0}


@pytest.fixture(scope="session")
def secure_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if _shared["users"] == 0:
        _shared["context"] = running_stack(
            tmp_path_factory.mktemp("security-var"),
            new_conversations_per_hour=NEW_CONVERSATIONS_PER_HOUR,
            handoff_client_daily_limit=HANDOFF_CLIENT_DAILY_LIMIT,
            handoff_global_daily_limit=HANDOFF_GLOBAL_DAILY_LIMIT,
        )
        _shared["stack"] = _shared["context"].__enter__()
    _shared["users"] += 1
    try:
        yield _shared["stack"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            _shared["context"].__exit__(None, None, None)


def post(
    stack: Stack, body: dict[str, Any], source: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    """POST to the REST channel from `source`: status, headers and the JSON answer."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack.settings.rasa_port, timeout=60, source_address=(source, 0)
    )
    try:
        connection.request(
            "POST",
            "/webhooks/rest/webhook",
            body=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        answer = connection.getresponse()
        raw = answer.read()
    finally:
        connection.close()
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    return answer.status, dict(answer.getheaders()), data


class RestCaller:
    """An untrusted REST client at one address, in one conversation: it sends whatever sender
    it was given first, then the session token the server issued (when it issues one)."""

    def __init__(self, stack: Stack, source: str, sender: str) -> None:
        self.stack = stack
        self.source = source
        self.sender = sender
        self.status = 0

    @property
    def conversation_id(self) -> str:
        return self.sender.rsplit(".", 1)[0] if "." in self.sender else self.sender

    def say(self, message: str, **metadata: Any) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"sender": self.sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        self.status, headers, answer = post(self.stack, body, self.source)
        self.sender = headers.get(SESSION_HEADER, self.sender)
        return answer if isinstance(answer, list) else []


def handoff(say: Any, contact: str, description: str = "Please call me.") -> list[str]:
    """Ask for the coordinator and go through the form in English; the texts of the replies
    at each step, stopping early when the form does not start."""
    texts: list[str] = []
    replies = say("/request_human")
    texts += [r.get("text", "") for r in replies]
    if not replies or replies[-1].get("text") != text("handoff_consent", "en"):
        return texts
    for message in ("/affirm", contact, description, "/affirm"):
        texts += [r.get("text", "") for r in say(message)]
    return texts


def user_messages(stack: Stack, conversation_id: str) -> list[str]:
    return [e["text"] for e in stack.tracker(conversation_id)["events"] if e["event"] == "user"]


def outbox_statuses(stack: Stack, conversation_id: str) -> list[str]:
    from bot.handoff.outbox import Outbox

    outbox = Outbox(stack.settings.database_url)
    with outbox.engine.connect() as db:
        rows = db.exec_driver_sql(
            "SELECT status FROM handoff_outbox WHERE conversation_id = ?", (conversation_id,)
        ).all()
    return [row[0] for row in rows]
