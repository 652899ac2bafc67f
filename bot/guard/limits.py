"""Size limits and the per-sender rate limit.

The rate limit is a sliding window kept in memory, per Rasa server process: with several
Rasa processes behind a load balancer each one counts on its own, so a sender pinned to one
process (or spread over n) gets at most n times the limit. It protects the assistant from a
runaway client or a person holding a key down, not from a distributed attack (that belongs in
front of the servers, e.g. nginx's limit_req).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 4096  # Telegram's own limit; longer texts get a "please be brief" reply
MAX_BODY_BYTES = 64 * 1024  # a REST body over this is refused with 413
MAX_SENDER_CHARS = 255  # the tracker store's sender_id column (VARCHAR(255) in PostgreSQL)

DEFAULT_MESSAGES = 20
DEFAULT_SECONDS = 10.0


@dataclass(frozen=True)
class RateLimit:
    """At most `messages` messages per `seconds` from one sender; 0 in either turns it off."""

    messages: int = DEFAULT_MESSAGES
    seconds: float = DEFAULT_SECONDS

    @property
    def enabled(self) -> bool:
        return self.messages > 0 and self.seconds > 0


def rate_limit_from_env() -> RateLimit:
    """RATE_LIMIT_MESSAGES and RATE_LIMIT_SECONDS (unset or empty: 20 per 10 s)."""
    return RateLimit(
        messages=_number("RATE_LIMIT_MESSAGES", DEFAULT_MESSAGES, int),
        seconds=_number("RATE_LIMIT_SECONDS", DEFAULT_SECONDS, float),
    )


def _number(name: str, default: float, kind: Callable[[str], float]) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError as error:
        raise SystemExit(f"settings: {name} must be a number, got {raw!r}") from error
    if value < 0:
        raise SystemExit(f"settings: {name} must not be negative, got {raw!r}")
    return value


class SenderRateLimiter:
    """Sliding-window counter of accepted messages per sender id, in memory.

    Refused messages are not counted, so a sender who keeps flooding still gets a message
    through as soon as the window has room again. Senders idle for a whole window are dropped
    now and then, so memory stays proportional to the senders active in the last window.
    """

    PRUNE_EVERY = 1024

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._accepted: dict[str, deque[float]] = {}
        self._calls = 0

    def allow(self, sender_id: str) -> bool:
        """Whether this message may be handled now (and if so, count it)."""
        if not self.limit.enabled:
            return True
        now = self._clock()
        self._calls += 1
        if self._calls % self.PRUNE_EVERY == 0:
            self._prune(now)
        window = self._accepted.setdefault(sender_id, deque())
        while window and window[0] <= now - self.limit.seconds:
            window.popleft()
        if len(window) >= self.limit.messages:
            return False
        window.append(now)
        return True

    def tracked_senders(self) -> int:
        return len(self._accepted)

    def _prune(self, now: float) -> None:
        idle = [s for s, w in self._accepted.items() if not w or w[-1] <= now - self.limit.seconds]
        for sender_id in idle:
            del self._accepted[sender_id]
