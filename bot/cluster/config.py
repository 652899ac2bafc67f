"""The cluster's settings, read from the environment by `python -m bot.cluster`.

They live here rather than in bot.settings because only the cluster supervisor needs them.
Ports not given are chosen free at start; the load balancer's port is the one address users
need, so it has a fixed default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bot.process import free_port
from bot.settings import Settings


def _env(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def _int(name: str, default: int, low: int, high: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise SystemExit(f"cluster: {name} must be a whole number, got {raw!r}") from error
    if not low <= value <= high:
        raise SystemExit(f"cluster: {name} must be between {low} and {high}, got {value}")
    return value


def free_ports(count: int, taken: set[int] | None = None) -> list[int]:
    """`count` distinct free ports, none of them in `taken`."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports and port not in (taken or set()):
            ports.append(port)
    return ports


@dataclass(frozen=True)
class ClusterConfig:
    """Where the cluster keeps its data and on which ports its servers listen."""

    directory: Path  # data, configs, passwords and logs
    host: str  # where the load balancer listens
    port: int  # the load balancer's port: the cluster's one public address
    rasa_ports: tuple[int, ...]
    action_port: int
    postgres_port: int
    redis_port: int
    postgres_user: str = "postgres"  # the system user PostgreSQL runs as when we are root


def cluster_config(settings: Settings) -> ClusterConfig:
    """CLUSTER_DIR, CLUSTER_HOST, CLUSTER_PORT, CLUSTER_RASA_SERVERS, CLUSTER_POSTGRES_PORT,
    CLUSTER_REDIS_PORT, CLUSTER_POSTGRES_USER."""
    servers = _int("CLUSTER_RASA_SERVERS", 2, 1, 16)
    port = _int("CLUSTER_PORT", 8000, 1, 65535)
    postgres_port = _int("CLUSTER_POSTGRES_PORT", 0, 0, 65535)
    redis_port = _int("CLUSTER_REDIS_PORT", 0, 0, 65535)
    *rasa_ports, action_port, free_postgres, free_redis = free_ports(
        servers + 3, taken={port, postgres_port, redis_port}
    )
    return ClusterConfig(
        directory=Path(_env("CLUSTER_DIR", str(settings.var_dir / "cluster"))).resolve(),
        host=_env("CLUSTER_HOST", "127.0.0.1"),
        port=port,
        rasa_ports=tuple(rasa_ports),
        action_port=action_port,
        postgres_port=postgres_port or free_postgres,
        redis_port=redis_port or free_redis,
        postgres_user=_env("CLUSTER_POSTGRES_USER", "postgres"),
    )
