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


def main(argv: list[str]) -> None:
    os.chdir(PROJECT_ROOT)
    os.execve(rasa_executable(), ["rasa", *argv], rasa_environment())


if __name__ == "__main__":
    main(sys.argv[1:])
