"""Run a supervisor (`python -m bot.run`, `python -m bot.cluster`) as a terminal would, and
find its processes: only ours, since other stacks may run on the same machine at once.

"Ours" is everything that descends from the supervisor we started, plus any process whose
command line or environment names our private directory (a child left behind is re-parented
to init, but still carries it).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot.paths import PROJECT_ROOT

PROC = Path("/proc")


def _stat(pid: int) -> list[str] | None:
    """The fields after "pid (comm)" of /proc/PID/stat: state, ppid, pgrp, session, …"""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def _pids() -> list[int]:
    return [int(entry.name) for entry in PROC.iterdir() if entry.name.isdigit()]


def start_time(pid: int) -> int | None:
    fields = _stat(pid)
    return int(fields[19]) if fields else None  # field 22 of stat: the start time


def alive(pid: int, started: int | None) -> bool:
    """The process is still there (the same one: same start time) and not a zombie."""
    fields = _stat(pid)
    return fields is not None and int(fields[19]) == started and fields[0] != "Z"


def cmdline(pid: int) -> list[str]:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]


def descendants(root: int) -> dict[int, int | None]:
    """pid -> start time of every living process below `root` (not `root` itself)."""
    parents: dict[int, int] = {}
    for pid in _pids():
        fields = _stat(pid)
        if fields and fields[0] != "Z":
            parents[pid] = int(fields[1])
    found: dict[int, int | None] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = start_time(pid)
                frontier.append(pid)
    return found


def marked(marker: str) -> list[int]:
    """Living processes whose command line or environment contains `marker`."""
    needle = marker.encode()
    found = []
    for pid in _pids():
        if pid == os.getpid():
            continue
        fields = _stat(pid)
        if fields is None or fields[0] == "Z":
            continue
        for name in ("cmdline", "environ"):
            try:
                if needle in (PROC / str(pid) / name).read_bytes():
                    found.append(pid)
                    break
            except OSError:
                continue
    return found


def describe(pids: list[int]) -> str:
    return "; ".join(f"{pid}: {' '.join(cmdline(pid))[:160]}" for pid in pids)


def listening_sockets() -> list[tuple[str, int, set[int]]]:
    """(host, port, pids) of every listening TCP socket, as `ss -ltnp` reports them."""
    output = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    sockets = []
    for line in output.splitlines():
        columns = line.split()
        host, _, port = columns[3].rpartition(":")
        host = host.strip("[]")
        host = {"*": "::"}.get(host, host).split("%")[0]  # "*": an IPv6 socket on every address
        pids = {int(p) for p in re.findall(r"pid=(\d+)", line)}
        sockets.append((host, int(port), pids))
    return sockets


class Supervised:
    """A supervisor in its own process group, as a terminal runs it; its output collected."""

    def __init__(self, module: str, env: dict[str, str], log_path: Path, marker: str) -> None:
        self.marker = marker
        self.log_path = log_path
        self.lines: list[str] = []
        self._log = log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", module],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: the terminal's foreground group
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            self._log.write(line)
            self._log.flush()

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, text: str, timeout: float, after: int = 0) -> int:
        """The index of the first line (from `after`) containing `text`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(after, len(self.lines)):
                if text in self.lines[index]:
                    return index
            if self.process.poll() is not None:
                time.sleep(0.5)  # let the reader catch up with the last lines
                if not any(text in line for line in self.lines[after:]):
                    raise AssertionError(
                        f"{self.process.args} exited ({self.process.returncode}) before "
                        f"printing {text!r}:\n{self.output()[-5000:]}"
                    )
            time.sleep(0.2)
        raise AssertionError(f"no {text!r} within {timeout:.0f} s:\n{self.output()[-5000:]}")

    def child(self, matches: list[str]) -> int | None:
        """The pid of the supervisor's child whose command line contains all of `matches`."""
        for pid in descendants(self.pid):
            fields = _stat(pid)
            line = cmdline(pid)
            if fields and int(fields[1]) == self.pid and all(m in line for m in matches):
                return pid
        return None

    def signal_group(self, number: signal.Signals) -> None:
        """As a terminal does on Ctrl-C: the signal to every process in the foreground group."""
        os.killpg(self.pid, number)

    def leftovers(self, before: dict[int, int | None]) -> list[int]:
        """Processes of ours still running: from `before` (a `descendants` snapshot) or marked."""
        left = {pid for pid, started in before.items() if alive(pid, started)}
        return sorted(left | set(marked(self.marker)))

    def close(self) -> None:
        """Stop whatever is left (after a failed test), the supervisor first."""
        if self.process.poll() is None:
            os.killpg(self.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
        for pid in marked(self.marker):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        self._log.close()
