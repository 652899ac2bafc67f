"""Start, watch and stop the assistant's processes as child processes: the action server, the
Rasa server, the handoff sender and the widget server (the review tool's is in
bot/review/supervise.py, the Telegram polling runner's in bot/channels/telegram_polling.py).

Used by the run command (`python -m bot.run`), the cluster and the end-to-end tests, so all of
them start the servers the same way.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import IO, Any

from bot.paths import PROJECT_ROOT
from bot.rasa_cli import action_token_environment, api_token_header, rasa_environment
from bot.settings import Settings, get_settings
from bot.shutdown import SHUTDOWN
from bot.shutdown import StopRequested as StopRequested  # re-exported for the workers
from bot.widget.config import widget_config


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


def isolated_settings(var_dir: Path, **overrides: Any) -> Settings:
    """Settings for a private stack (tests, the load benchmark): free loopback ports, its own
    SQLite database in `var_dir`, in-memory locks, its own action server token (kept in the
    settings, so a stack derived with `replace` talks to the same action server);
    `overrides` replace any other field."""
    fields: dict[str, Any] = {
        "var_dir": var_dir,
        "rasa_host": "127.0.0.1",
        "action_host": "127.0.0.1",
        "rasa_port": free_port(),
        "action_port": free_port(),
        "database_url": f"sqlite:///{var_dir / 'tracker.db'}",
        "lock_store_url": "memory://",
        "action_server_token": secrets.token_urlsafe(24),
    }
    return replace(get_settings(), **{**fields, **overrides})


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


def url_ready(url: str) -> bool:
    """True when `url` answers 200 (for the Rasa server: once its model is loaded)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
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
    cwd: Path = PROJECT_ROOT
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


def action_server(settings: Settings, log: IO[str] | None = None) -> Server:
    """Our action server (bot/actions/server.py): ACTION_HOST, a token, a body cap."""
    return Server(
        name="action server",
        command=[sys.executable, "-m", "bot.actions.server"],
        ready_url=f"http://{settings.action_connect_host}:{settings.action_port}/health",
        env={**rasa_environment(settings), **action_token_environment(settings)},
        log=log,
    )


def handoff_sender(settings: Settings, log: IO[str] | None = None) -> Server:
    """Delivers queued handoff e-mails (bot/handoff/sender.py)."""
    return Server(
        name="handoff sender",
        command=[sys.executable, "-m", "bot.handoff.sender"],
        ready_url=None,
        env=rasa_environment(settings),
        log=log,
    )


def widget_server(settings: Settings, log: IO[str] | None = None) -> Server:
    """The website widget and its demo page (bot/widget)."""
    config = widget_config()
    host = "127.0.0.1" if config.host in ("0.0.0.0", "::") else config.host
    return Server(
        name="widget server",
        command=[sys.executable, "-m", "bot.widget"],
        ready_url=f"http://{host}:{config.port}/health",
        env=rasa_environment(settings),
        log=log,
    )


def rasa_server(settings: Settings, token: str, log: IO[str] | None = None) -> Server:
    """The Rasa server through bot/rasa_server.py: the API token travels in the environment,
    never on the command line (where `ps` shows it), and the readiness check sends it in a
    header, never in a URL (where logs and proxies keep it)."""
    model = settings.model_path
    if not model.exists():
        raise StartError(f"No trained model at {model}. Train one with `make train`.")
    command = [
        sys.executable,
        "-m",
        "bot.rasa_server",
        "--model",
        str(model),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
        "--interface",
        settings.rasa_host,
        "--port",
        str(settings.rasa_port),
        "--enable-api",
        "--cors",
        *settings.cors_origins.split(),
    ]
    host = "127.0.0.1" if settings.rasa_host in ("0.0.0.0", "::") else settings.rasa_host
    status_url = f"http://{host}:{settings.rasa_port}/status"
    return Server(
        name="Rasa server",
        command=command,
        ready_url=status_url,
        ready_check=lambda: rasa_ready(status_url, token),
        env={
            **rasa_environment(settings),
            **action_token_environment(settings),
            "RASA_API_TOKEN": token,
        },
        log=log,
    )


def rasa_ready(status_url: str, token: str) -> bool:
    """True once the Rasa server answers /status (token in a header) with its model loaded."""
    request = urllib.request.Request(status_url, headers=api_token_header(token))
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status == 200 and _ready_body(body)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def check_ports(settings: Settings) -> None:
    """Fail early, with the variable to change, if a port is taken."""
    from bot.review.supervise import review_address  # it builds on this module

    for name, host, port, variable in (
        ("Rasa server", settings.rasa_host, settings.rasa_port, "RASA_PORT"),
        ("action server", settings.action_host, settings.action_port, "ACTION_PORT"),
        ("widget server", widget_config().host, widget_config().port, "WIDGET_PORT"),
        ("review tool", *review_address(), "REVIEW_PORT"),
    ):
        if not port_is_free(host, port):
            raise StartError(
                f"Port {port} for the {name} is already in use (is Kotobot already running?). "
                f"Stop the other program or choose another port with {variable}=…"
            )
