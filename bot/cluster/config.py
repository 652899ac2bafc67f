"""Where the cluster of `python -m bot.cluster` runs: its settings' `cluster` section
(bot/settings.py), with the ports not given chosen free at start. The load balancer's port is
the one address users need, so it has a fixed default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.process import free_port
from bot.settings import Settings


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
    """The `cluster` section (CLUSTER_DIR, CLUSTER_HOST, CLUSTER_PORT, CLUSTER_RASA_SERVERS,
    CLUSTER_POSTGRES_PORT, CLUSTER_REDIS_PORT, CLUSTER_POSTGRES_USER) with free ports."""
    cluster = settings.cluster
    taken = {cluster.port, cluster.postgres_port, cluster.redis_port}
    *rasa_ports, action_port, free_postgres, free_redis = free_ports(
        cluster.rasa_servers + 3, taken=taken
    )
    return ClusterConfig(
        directory=settings.cluster_dir,
        host=cluster.host,
        port=cluster.port,
        rasa_ports=tuple(rasa_ports),
        action_port=action_port,
        postgres_port=cluster.postgres_port or free_postgres,
        redis_port=cluster.redis_port or free_redis,
        postgres_user=cluster.postgres_user,
    )
