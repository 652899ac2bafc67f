"""Supporting servers (PostgreSQL, Redis, nginx) as bot.process.Server child processes: ready
when a check passes, each stopped with the signal that shuts it down quickly, optionally run as
another system user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import os
import pwd
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.process import Server


def as_user(user: str | None) -> dict[str, Any]:
    """Popen arguments that run a child as `user` (only when we are root and it is another)."""
    if user is None or os.geteuid() != 0:
        return {}
    entry = pwd.getpwnam(user)
    if entry.pw_uid == 0:
        return {}
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def daemon(
    name: str,
    command: list[str],
    ready: Callable[[], bool],
    log_path: Path,
    cwd: Path,
    user: str | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
    env: dict[str, str] | None = None,
) -> Server:
    """A long-running supporting server that logs to `log_path`."""
    return Server(
        name=name,
        command=command,
        ready_url=None,
        ready_check=ready,
        env=env,
        log_path=log_path,
        cwd=cwd,
        stop_signal=stop_signal,
        popen_options=as_user(user),
    )
