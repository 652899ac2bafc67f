"""One private stack for the security tests: the action server and a Rasa server started the
way tests/e2e/conftest.py starts them (bot.servers), with the project's credentials.yml (REST,
socket.io and the Telegram webhook channel, which talks to a Bot API stand-in on loopback).

Started once per test session however many modules ask for it (a fixture imported into
several modules would start one each), stopped at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from bot.servers import Server, action_server, isolated_settings, rasa_server
from bot.settings import Settings, get_settings
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
class SecureStack:
    settings: Settings
    actions: Server
    rasa: Server
    standin: BotApiStandIn
    log_dir: Path
    logs: list[IO[str]]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.settings.rasa_port}"

    @property
    def telegram_url(self) -> str:
        return f"{self.base}/webhooks/telegram/webhook"

    def log_text(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        for server in (self.rasa, self.actions):
            server.stop()
        self.standin.stop()
        for log in self.logs:
            log.close()
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
    logs = [(var_dir / f"{name}.log").open("w") for name in ("actions", "rasa")]
    actions = action_server(settings, log=logs[0])
    rasa = rasa_server(settings, API_TOKEN, log=logs[1])
    environment = {k: v for k, v in (rasa.env or os.environ).items() if k not in _TELEGRAM_ENV}
    rasa.env = {
        **environment,
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_BASE_URL": standin.base_url,
        "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    stack = SecureStack(settings, actions, rasa, standin, var_dir, logs)
    try:
        actions.start()
        rasa.start()
        actions.wait_ready(timeout=120)
        rasa.wait_ready(timeout=240)
    except Exception:
        for name in ("actions", "rasa"):
            print(f"--- {name}.log ---\n" + stack.log_text(name)[-5000:])
        stack.stop()
        raise
    return stack
