"""The generic process toolkit: a child process (`Server`: start, readiness, stop, why it
ended), waiting for a condition, free ports, readiness over HTTP, and stop signals.

It knows nothing of the assistant (it imports only the standard library and bot.shutdown), so
anything that starts, waits for or stops a process can use it: the workers for their signals,
the preflight checks for `StartError`, the cluster for PostgreSQL, Redis and nginx. Which
processes the assistant runs, and how each is built, is bot/stack.py.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, Any

from bot.shutdown import SHUTDOWN
from bot.shutdown import StopRequested as StopRequested  # re-exported for the workers

log = logging.getLogger("kotobot.process")


class StartError(RuntimeError):
    """A server cannot be started; the message says why and what to do."""


_stop_raised = False


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    global _stop_raised
    if _stop_raised:
        return  # already on its way out: a second signal must not break the clean-up
    _stop_raised = True
    raise StopRequested


def stop_on_signals(*signals: signal.Signals) -> None:
    """Turn the first of these signals (default SIGTERM and SIGINT) into StopRequested, for a
    worker without children (the handoff sender) that leaves its loop through `finally`.
    Supervisors use bot.shutdown instead, which never interrupts a clean-up."""
    for number in signals or (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, _raise_stop)


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(
    check: Callable[[], bool],
    timeout: float,
    what: str,
    alive: Callable[[], bool] | None = None,
    interval: float = 0.25,
) -> None:
    """Poll `check` until it is true; StartError after `timeout` s or once `alive` is false;
    StopRequested once a supervisor got a stop signal (bot.shutdown)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        SHUTDOWN.raise_if_requested()
        if alive is not None and not alive():
            raise StartError(f"{what} exited during start-up")
        if check():
            return
        time.sleep(interval)
    raise StartError(f"{what} was not ready within {timeout:.0f} s")


def url_ready(url: str, headers: dict[str, str] | None = None) -> bool:
    """True when `url` answers 200 (for the Rasa server: once its model is loaded); `headers`
    carry a token, never the URL (where logs and proxies keep it)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status == 200 and _ready_body(body)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def log_tail(path: Path, lines: int = 20) -> str:
    """The end of a log file, to say why a server did not start."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class Server:
    """One child process: how to start it, how to tell it is ready, how to stop it.

    Ready when `ready_url` answers 200, or `ready_check` passes, or (neither given: a worker
    without HTTP) as soon as it runs. Each child leads its own process group, so a terminal's
    Ctrl-C reaches only the supervisor (which then stops the children in order), and whatever
    a child started can be found and stopped with it.
    """

    name: str
    command: list[str]
    ready_url: str | None
    env: dict[str, str] | None
    log: IO[Any] | None = None
    process: subprocess.Popen[Any] | None = field(default=None, repr=False)
    ready_check: Callable[[], bool] | None = None
    log_path: Path | None = None  # quoted when it does not start
    cwd: Path | None = None  # None: the supervisor's own directory
    stop_signal: signal.Signals = signal.SIGTERM
    popen_options: dict[str, Any] = field(default_factory=dict)

    def start(self) -> None:
        """Start a new process (also to restart one that died)."""
        if self.log is None and self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("ab") as log:  # the child keeps its own descriptor
                self.process = self._popen(log)
        else:
            self.process = self._popen(self.log or sys.stdout)

    def _popen(self, output: IO[Any]) -> subprocess.Popen[Any]:
        if hasattr(output, "flush"):
            output.flush()  # our buffered lines first, then the child's
        return subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **self.popen_options,
        )

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def exit_reason(self) -> str:
        """How the process ended: "exit status 1", "killed by SIGKILL"."""
        code = self.process.poll() if self.process is not None else None
        if code is None:
            return "still running" if self.process is not None else "never started"
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"

    def _check(self) -> Callable[[], bool]:
        if self.ready_check is not None:
            return self.ready_check
        if self.ready_url is not None:
            url = self.ready_url
            return lambda: url_ready(url)
        return lambda: True

    def is_ready(self) -> bool:
        """One readiness check, without waiting (the supervisor polls it after a restart)."""
        return self.running() and self._check()()

    def wait_ready(self, timeout: float) -> None:
        try:
            wait_until(self._check(), timeout, self.name, alive=self.running)
        except StartError as error:
            where = (
                f"the end of {self.log_path}:\n{log_tail(self.log_path)}"
                if self.log_path
                else "see its output above"
            )
            raise StartError(f"{error}; {where}") from error

    def send_stop(self) -> None:
        """Ask the process to stop (its own stop signal, to the process only: PostgreSQL's
        backends, for one, must hear it from their postmaster)."""
        if self.running():
            assert self.process is not None
            try:
                self.process.send_signal(self.stop_signal)
            except ProcessLookupError:
                pass

    def wait_stopped(self, deadline: float) -> None:
        """Wait until the process has exited, SIGKILL its whole group at `deadline`
        (time.monotonic()), and always end with nothing of its group left."""
        if self.process is not None:
            try:
                self.process.wait(max(deadline - time.monotonic(), 0))
            except subprocess.TimeoutExpired:
                self.kill_group()
                self.process.wait()
        self.kill_group()

    def stop(self, grace: float = 10.0) -> None:
        self.send_stop()
        self.wait_stopped(time.monotonic() + grace)

    def kill_group(self) -> None:
        """SIGKILL whatever is left in the process's group (after a crash, a worker that
        still holds the port the restarted process needs)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def kill(self) -> None:
        """SIGKILL, as a crash would (used by the fault tests)."""
        if self.running():
            assert self.process is not None
            self.process.kill()
            self.process.wait()


def stop_all(servers: list[Server], grace: float = 10.0) -> None:
    """Stop these servers together: all are asked at once and given `grace` s in all (not
    each), then killed. Finishes whatever signals arrive meanwhile (see bot.shutdown)."""
    for server in servers:
        server.send_stop()
    deadline = time.monotonic() + grace
    for server in servers:
        server.wait_stopped(deadline)


def _ready_body(body: str) -> bool:
    # The Rasa server's /status answers before the model is loaded; wait for the model.
    try:
        data = json.loads(body)
    except ValueError:
        return True
    return not isinstance(data, dict) or "model_file" not in data or bool(data["model_file"])


def start_all(servers: list[Server], timeout: float) -> None:
    """Start these servers together (each takes a while to load), then wait until each is
    ready, at most `timeout` s each; StopRequested between starts once a stop signal came."""
    for server in servers:
        SHUTDOWN.raise_if_requested()
        log.info("starting the %s", server.name)
        server.start()
    for server in servers:
        server.wait_ready(timeout)
