"""Keep child servers running: restart one that dies, with backoff; give up on a crash loop.

One crash (a SIGKILL, the OOM killer, a bug) must not take the whole assistant down: the
others keep serving while the dead one is restarted. A child that keeps dying is a crash loop
(a broken configuration, a rejected token): restarting it forever would only hide that, so
the supervisor gives up, saying which child and why, and its caller stops everything.
Used by `python -m bot.run` and `python -m bot.cluster`, which both run through `supervise`.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn

from bot.process import Server, StartError
from bot.shutdown import SHUTDOWN, StopRequested

log = logging.getLogger("kotobot.supervisor")


@dataclass(frozen=True)
class RestartPolicy:
    """How soon to restart, and when restarting no longer helps."""

    first_delay: float = 1.0  # seconds after the first failure; doubles with each one
    max_delay: float = 30.0
    max_failures: int = 5  # failures within `window` s that make a crash loop
    window: float = 300.0
    ready_timeout: float = 180.0  # a restarted child not ready by then has failed again


class CrashLoop(Exception):
    """A child failed `max_failures` times within the window; the message says which and why."""


@dataclass
class _Child:
    server: Server
    failures: list[float] = field(default_factory=list)  # when it failed, recent ones
    down_since: float | None = None  # when it was found dead (None: up)
    restart_at: float | None = None  # a restart is due then
    restarted_at: float | None = None  # restarted, not ready yet


class Supervisor:
    """Call `check()` about once a second; it notices deaths, restarts and readiness."""

    def __init__(
        self,
        servers: list[Server],
        policy: RestartPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or RestartPolicy()
        self.clock = clock
        self.children = [_Child(server) for server in servers]
        self.restarts = 0

    def check(self) -> None:
        """One pass over the children; raises CrashLoop when one keeps failing."""
        for child in self.children:
            self._check(child, self.clock())

    def _check(self, child: _Child, now: float) -> None:
        server = child.server
        if child.restart_at is not None:
            if now >= child.restart_at:
                child.restart_at = None
                child.restarted_at = now
                server.start()
                self.restarts += 1
                log.info("restarted the %s (pid %s)", server.name, server.pid)
            return
        if not server.running():
            reason = server.exit_reason()
            server.kill_group()  # what it started may still hold its port
            self._failed(child, now, reason)
            return
        if child.restarted_at is None:
            return
        if server.is_ready():
            assert child.down_since is not None
            log.info("the %s is back (down %.1f s)", server.name, self.clock() - child.down_since)
            child.restarted_at = child.down_since = None
        elif now - child.restarted_at > self.policy.ready_timeout:
            server.stop()
            self._failed(child, now, f"not ready within {self.policy.ready_timeout:.0f} s")

    def _failed(self, child: _Child, now: float, reason: str) -> None:
        policy = self.policy
        child.failures = [t for t in child.failures if now - t < policy.window] + [now]
        if child.down_since is None:
            child.down_since = now
        child.restarted_at = None
        count = len(child.failures)
        name = child.server.name
        if count >= policy.max_failures:
            raise CrashLoop(
                f"the {name} failed {count} times within {policy.window:.0f} s "
                f"(last: {reason}); giving up"
            )
        delay = min(policy.first_delay * 2 ** (count - 1), policy.max_delay)
        child.restart_at = now + delay
        log.error(
            "the %s stopped unexpectedly (%s); restarting it in %.0f s "
            "(failure %d of %d allowed within %.0f s); the others keep serving",
            name,
            reason,
            delay,
            count,
            policy.max_failures - 1,
            policy.window,
        )

    def watch(self, every_second: Callable[[], object] | None = None) -> NoReturn:
        """Check the children about once a second until a stop signal (StopRequested) or a
        crash loop (CrashLoop); `every_second` is called after each check."""
        while True:
            self.check()
            if every_second is not None:
                every_second()
            SHUTDOWN.sleep(1)

    def all_up(self) -> bool:
        """True when no child is down or waiting to be ready again."""
        return all(c.down_since is None for c in self.children)


def supervise(
    prog: str,
    run: Callable[[], object],
    stop: Callable[[], None],
    reported: tuple[type[Exception], ...] = (),
) -> int:
    """A supervisor command from Ctrl-C to exit code: `run` starts everything and watches it
    (it returns only by raising), `stop` stops everything, always, to its end. Exit 0 on a
    stop signal, 1 on a crash loop, 2 when it cannot start (StartError, or one of `reported`,
    printed as it is). `prog` names the command in messages ("kotobot", "kotobot cluster")."""
    SHUTDOWN.install()
    try:
        run()
        return 0
    except CrashLoop as error:
        log.error("%s; stopping everything", error)
        return 1
    except reported as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 2
    except StartError as error:
        print(f"{prog}: cannot start: {error}", file=sys.stderr)
        return 2
    except StopRequested:
        log.info("stopping")
        return 0
    finally:
        # Signals only set a flag now (bot.shutdown): nothing interrupts this clean-up.
        stop()
        SHUTDOWN.ignore_from_now()  # everything is stopped: nothing later changes the exit code
