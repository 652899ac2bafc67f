"""What the run command (bot/run.py) needs to run the review tool beside the assistant:
retention once a day (bot/stack.py builds the review server as a child process; it listens on
`settings.review.host` and `.port`)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from typing import IO

from bot.paths import PROJECT_ROOT
from bot.rasa_cli import rasa_environment
from bot.settings import Settings

DAY = 24 * 60 * 60


class DailyRetention:
    """Runs `python -m bot.review retention` at start and then every 24 hours.

    Call `tick()` from the supervisor's loop; the deletion runs in a child process, so the
    loop never waits for it, and a run still going is never doubled.
    """

    def __init__(
        self,
        settings: Settings,
        interval: float = DAY,
        clock: Callable[[], float] = time.monotonic,
        log: IO[str] | None = None,
    ) -> None:
        self.settings = settings
        self.interval = interval
        self.clock = clock
        self.log = log
        self.last_start: float | None = None
        self.process: subprocess.Popen | None = None

    def tick(self) -> bool:
        """Start a retention run if one is due; returns whether it started one."""
        if self.process is not None and self.process.poll() is None:
            return False
        now = self.clock()
        if self.last_start is not None and now - self.last_start < self.interval:
            return False
        self.last_start = now
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.review", "retention"],
            cwd=PROJECT_ROOT,
            env={
                **rasa_environment(self.settings),
                "RETENTION_DAYS": str(self.settings.review.retention_days),
            },
            stdout=self.log or sys.stdout,
            stderr=subprocess.STDOUT,
        )
        return True

    def stop(self, grace: float = 10.0) -> None:
        """End a run still going (at shutdown: nothing of ours outlives the run command)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the current run (for tests and shutdown); its exit code."""
        if self.process is None:
            return None
        return self.process.wait(timeout)
