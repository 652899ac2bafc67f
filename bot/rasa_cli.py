"""Run the `rasa` command with the project's environment (endpoints.yml's `${VAR}`s, quiet logs).

Usage: python -m bot.rasa_cli <rasa arguments>
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.settings import Settings, get_settings


def rasa_executable() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def rasa_environment(settings: Settings | None = None) -> dict[str, str]:
    """The current environment plus the settings Rasa's config files and our actions read."""
    return {**os.environ, **(settings or get_settings()).rasa_env()}


def action_token_environment(settings: Settings | None = None) -> dict[str, str]:
    """ACTION_SERVER_TOKEN for the processes that need it: the action server checks it and
    endpoints.yml makes the Rasa server send it (so any `rasa` command reading endpoints.yml
    needs it too)."""
    return {"ACTION_SERVER_TOKEN": (settings or get_settings()).action_token()}


def api_token_header(token: str) -> dict[str, str]:
    """The Rasa HTTP API token as a header (bot/rasa_server.py accepts it there)."""
    return {"Authorization": f"Bearer {token}"}


def main(argv: list[str]) -> None:
    os.chdir(PROJECT_ROOT)
    env = {**rasa_environment(), **action_token_environment()}
    os.execve(rasa_executable(), ["rasa", *argv], env)


if __name__ == "__main__":
    main(sys.argv[1:])
