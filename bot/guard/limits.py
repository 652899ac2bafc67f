"""Size limits and the per-sender rate limit.

The rate limit is a sliding window kept in memory, per Rasa server process: with several
Rasa processes behind a load balancer each one counts on its own, so a sender pinned to one
process (or spread over n) gets at most n times the limit. It protects the assistant from a
runaway client or a person holding a key down, not from a distributed attack (that belongs in
front of the servers, e.g. nginx's limit_req).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from bot.settings import GuardSettings

MAX_MESSAGE_CHARS = 4096  # Telegram's own limit; longer texts get a "please be brief" reply
MAX_BODY_BYTES = 64 * 1024  # a REST body over this is refused with 413
MAX_SENDER_CHARS = 255  # the tracker store's sender_id column (VARCHAR(255) in PostgreSQL)


@dataclass(frozen=True)
class RateLimit:
    """At most `messages` messages per `seconds` from one sender; 0 in either turns it off."""

    messages: int
    seconds: float

    @property
    def enabled(self) -> bool:
        return self.messages > 0 and self.seconds > 0

    @classmethod
    def of(cls, guard: GuardSettings) -> RateLimit:
        """RATE_LIMIT_MESSAGES per RATE_LIMIT_SECONDS (bot/settings.py)."""
        return cls(guard.rate_limit_messages, guard.rate_limit_seconds)


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
