"""One private stack for the security tests: the action server and a Rasa server started the
way tests/e2e/conftest.py starts them (bot.stack.private_stack), with the project's
credentials.yml (REST, socket.io and the Telegram webhook channel, which talks to a Bot API
stand-in on loopback).

Started once per test session however many modules ask for it (a fixture imported into
several modules would start one each), stopped at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.settings import get_settings
from bot.stack import PrivateStack, isolated_settings, private_stack
from tests.e2e.telegram_standin import BotApiStandIn

API_TOKEN = "security-tests-api-token-7f3a9c"
BOT_TOKEN = "123456789:kotobot-security-TOKEN"
WEBHOOK_SECRET = "kotobot_security-webhook-secret"
_TELEGRAM_ENV = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "TELEGRAM_WEBHOOK_SECRET",
    "TELEGRAM_WEBHOOK_URL",
    "RASA_URL",
)


@dataclass
class SecureStack(PrivateStack):
    """The private stack (bot/stack.py) without a handoff sender, and the Bot API stand-in."""

    standin: BotApiStandIn

    @property
    def telegram_url(self) -> str:
        return f"{self.base}/webhooks/telegram/webhook"

    def stop(self) -> None:
        for server in (self.rasa, self.actions):
            server.stop()
        self.standin.stop()
        shutil.rmtree(self.log_dir, ignore_errors=True)


_stack: SecureStack | None = None


def secure_stack(request: pytest.FixtureRequest) -> SecureStack:
    """The session's stack, started on first use (call it from a session-scoped fixture)."""
    global _stack
    if _stack is None:
        assert get_settings().model_path.exists(), "these tests need a trained model"
        _stack = _start(Path(tempfile.mkdtemp(prefix="kotobot-security-")))

        def stop() -> None:
            global _stack
            if _stack is not None:
                _stack.stop()
                _stack = None

        request.addfinalizer(stop)
    return _stack


def _start(var_dir: Path) -> SecureStack:
    settings = isolated_settings(var_dir)
    standin = BotApiStandIn(BOT_TOKEN)
    standin.start()
    stack = private_stack(
        settings, API_TOKEN, var_dir, sender=False, kind=SecureStack, standin=standin
    )
    rasa = stack.rasa
    environment = {k: v for k, v in (rasa.env or os.environ).items() if k not in _TELEGRAM_ENV}
    rasa.env = {
        **environment,
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_BASE_URL": standin.base_url,
        "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    try:
        stack.actions.start()
        rasa.start()
        stack.actions.wait_ready(timeout=120)
        rasa.wait_ready(timeout=240)
    except Exception:
        for name in ("actions", "rasa"):
            print(f"--- {name}.log ---\n" + stack.log_text(name)[-5000:])
        stack.stop()
        raise
    return stack
