"""Stores chosen by one URL each, so endpoints.yml needs a single `${VAR}` per store."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class UrlLockStore:
    """`memory://` gives Rasa's in-memory lock store, `redis://[:password@]host:port/db` Redis's.

    Rasa builds a custom lock store by calling its class with `endpoint_config=`; this class
    returns one of Rasa's own stores, so the locking itself stays Rasa's.
    """

    def __new__(cls, endpoint_config: EndpointConfig, **_: Any) -> LockStore:  # type: ignore[misc]
        url = (endpoint_config.url or "memory://").strip()
        parts = urlsplit(url)
        if parts.scheme in ("", "memory"):
            return InMemoryLockStore()
        if parts.scheme in ("redis", "rediss"):
            return RedisLockStore(
                host=parts.hostname or "localhost",
                port=parts.port or 6379,
                db=int(parts.path.lstrip("/") or 0),
                password=parts.password,
                use_ssl=parts.scheme == "rediss",
            )
        raise ValueError(
            f"LOCK_STORE_URL must start with memory:// or redis://, got {parts.scheme}://"
        )
