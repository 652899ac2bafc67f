"""Start the real servers (action, Rasa, handoff sender) and a real SMTP server on loopback."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from bot.identity.trust import trusted_headers
from bot.process import Server, free_port
from bot.settings import SmtpSettings, get_settings
from bot.stack import PrivateStack, isolated_settings, private_stack

TOKEN = "e2e-test-token"
COORDINATOR = "coordinator@kotobot.test"


class Mailbox:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[bytes] = []
        self.recipients: list[list[str]] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@dataclass
class Stack(PrivateStack):
    """The private stack (bot/stack.py), with its handoff sender, and the mailbox it sends to."""

    mailbox: Mailbox

    def say(self, sender: str, message: str, **metadata: Any) -> list[dict[str, Any]]:
        """A message in conversation `sender`, as a trusted caller (the tests choose senders)."""
        body = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        return post_json(f"{self.base}/webhooks/rest/webhook", body, self.trusted_headers)

    @property
    def trusted_headers(self) -> dict[str, str]:
        """The REST token's header (bot/identity/trust.py): lets a caller choose the sender."""
        return trusted_headers(self.settings.var_dir)

    def tracker(self, sender: str) -> dict[str, Any]:
        url = f"{self.base}/conversations/{sender}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())

    def restart_rasa(self) -> None:
        self.rasa.stop()
        self.rasa.start()
        self.rasa.wait_ready(timeout=240)

    def restart_actions_and_sender(self, kill: bool = False) -> None:
        """Stop (or SIGKILL) the action server and the handoff sender and start them again."""
        restarted: list[Server] = [self.actions, self.sender] if self.sender else [self.actions]
        for server in restarted:
            server.kill() if kill else server.stop()
        for server in restarted:
            server.start()
            server.wait_ready(timeout=120)


def post_json(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@contextmanager
def running_stack(var_dir: Path, **overrides: Any) -> Iterator[Stack]:
    """Action server, Rasa server, handoff sender and a mailbox on loopback, stopped on exit;
    `overrides` change the settings (e.g. the limits)."""
    assert get_settings().model_path.exists(), "the e2e tests need a trained model: `make train`"
    settings = isolated_settings(
        var_dir,
        smtp=SmtpSettings(
            host="127.0.0.1", port=free_port(), starttls=False, sender="kotobot@kotobot.test"
        ),
        coordinator_email=COORDINATOR,
        handoff_poll_seconds=0.5,
        handoff_retry_base_seconds=1.0,
        **overrides,
    )
    mailbox = Mailbox(settings.smtp.port)
    stack = private_stack(settings, TOKEN, Path(var_dir), kind=Stack, mailbox=mailbox)
    try:
        stack.mailbox.start()
        for server in stack.servers:
            server.start()
        stack.actions.wait_ready(timeout=120)
        stack.rasa.wait_ready(timeout=240)
        yield stack
    except Exception:
        for name in ("actions", "rasa", "sender"):
            print(f"--- {name}.log ---\n" + stack.log_text(name)[-5000:])
        raise
    finally:
        for server in reversed(stack.servers):
            server.stop()
        stack.mailbox.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    # every widget test is a new conversation from 127.0.0.1 (tests/security tests the limit)
    with running_stack(tmp_path_factory.mktemp("var"), new_conversations_per_hour=1000) as stack:
        yield stack
