"""Ctrl-C and SIGTERM for the supervisors (`bot.run`, `bot.cluster`): record, never interrupt.

A signal handler that raises can fire anywhere: inside `subprocess.Popen` (a child started and
never recorded), or inside the clean-up that stops the children (the clean-up abandoned, the
children left running). So the supervisors' handler only notes the signal; their loops and
start-up waits call `raise_if_requested()` at safe points, and the clean-up runs to its end
however many more signals arrive (a terminal's Ctrl-C, pressed twice, sends two).
"""

from __future__ import annotations

import os
import signal
import time
from types import FrameType


class StopRequested(Exception):
    """Raised at a safe point once SIGTERM or SIGINT has arrived."""


class Shutdown:
    """Which stop signal arrived first, and how many arrived in all."""

    def __init__(self) -> None:
        self.first: int | None = None
        self.count = 0

    def install(self, *signals: signal.Signals) -> None:
        """Handle these signals (default SIGTERM and SIGINT) from now on."""
        for number in signals or (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.count += 1
        if self.first is None:
            self.first = signum
        elif self.count == 2:  # said once: someone pressing Ctrl-C repeatedly gets one line
            # No logging here: the handler may run inside a logging call. One write is safe.
            name = signal.Signals(signum).name
            os.write(2, f"kotobot: {name} again; still stopping, please wait\n".encode())

    def ignore_from_now(self, *signals: signal.Signals) -> None:
        """Ignore these signals (default SIGTERM and SIGINT) for the rest of the process: call
        once the clean-up is done. Python's own shutdown puts the default handlers back
        before it collects the last objects, so a signal arriving then (a second Ctrl-C, a
        second SIGTERM to the group) would end a clean exit as "killed"; an ignored signal
        stays ignored."""
        for number in signals or (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_IGN)

    @property
    def requested(self) -> bool:
        return self.first is not None

    def raise_if_requested(self) -> None:
        if self.first is not None:
            raise StopRequested

    def sleep(self, seconds: float, step: float = 0.2) -> None:
        """Sleep, but raise StopRequested within `step` s of a stop signal."""
        deadline = time.monotonic() + seconds
        while True:
            self.raise_if_requested()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(step, left))


# The one instance a supervisor process installs; `bot.process.wait_until` checks it.
SHUTDOWN = Shutdown()
