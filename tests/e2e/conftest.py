"""Start the real action server and Rasa server on free ports, with a fresh SQLite tracker."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bot.servers import Server, action_server, free_port, rasa_server
from bot.settings import Settings, get_settings

TOKEN = "e2e-test-token"


@dataclass
class Stack:
    settings: Settings
    actions: Server
    rasa: Server
    log_dir: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.settings.rasa_port}"

    def say(self, sender: str, message: str, **metadata: Any) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        return post_json(f"{self.base}/webhooks/rest/webhook", body)

    def tracker(self, sender: str) -> dict[str, Any]:
        url = f"{self.base}/conversations/{sender}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())

    def restart_rasa(self) -> None:
        self.rasa.stop()
        self.rasa = rasa_server(self.settings, TOKEN, log=self.rasa.log)
        self.rasa.start()
        self.rasa.wait_ready(timeout=240)


def post_json(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    assert get_settings().model_path.exists(), "the e2e tests need a trained model: `make train`"
    var_dir = tmp_path_factory.mktemp("var")
    settings = replace(
        get_settings(),
        var_dir=var_dir,
        rasa_host="127.0.0.1",
        rasa_port=free_port(),
        action_port=free_port(),
        database_url=f"sqlite:///{var_dir / 'tracker.db'}",
        lock_store_url="memory://",
    )
    log_dir = Path(var_dir)
    actions_log = (log_dir / "actions.log").open("w")
    rasa_log = (log_dir / "rasa.log").open("w")
    stack = Stack(
        settings=settings,
        actions=action_server(settings, log=actions_log),
        rasa=rasa_server(settings, TOKEN, log=rasa_log),
        log_dir=log_dir,
    )
    try:
        stack.actions.start()
        stack.rasa.start()
        stack.actions.wait_ready(timeout=120)
        stack.rasa.wait_ready(timeout=240)
        yield stack
    except Exception:
        for name in ("actions.log", "rasa.log"):
            print(f"--- {name} ---\n" + (log_dir / name).read_text()[-5000:])
        raise
    finally:
        stack.rasa.stop()
        stack.actions.stop()
        actions_log.close()
        rasa_log.close()
