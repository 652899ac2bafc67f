"""The cluster command: PostgreSQL, Redis, two Rasa servers, the action server, the handoff
sender and nginx on loopback; prints the addresses; restarts any of them that dies (nginx
serves from the other Rasa server meanwhile; bot/supervisor.py); Ctrl-C or SIGTERM stops
everything, however many arrive.

Usage: python -m bot.cluster   (what `make run-cluster` calls; settings: bot/cluster/config.py)
"""

from __future__ import annotations

import logging
import sys
import time

from bot.cluster.cluster import Cluster
from bot.cluster.config import ClusterConfig, cluster_config
from bot.cluster.debian import MissingPackages
from bot.listening import listening_report
from bot.private_files import open_for_cluster
from bot.process import StartError, port_is_free
from bot.settings import get_settings
from bot.supervisor import Supervisor, supervise

log = logging.getLogger("kotobot.cluster")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot %(message)s")
    settings = get_settings()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    config = cluster_config(settings)
    open_for_cluster(settings.var_dir, config.directory)
    cluster = Cluster(config, settings, settings.api_token())
    return supervise(
        "kotobot cluster", lambda: _run(cluster, config), lambda: _stop(cluster), (MissingPackages,)
    )


def _run(cluster: Cluster, config: ClusterConfig) -> None:
    """Start the cluster, print its addresses, then restart whatever dies (a dead Rasa server:
    nginx skips it until it is back) until stopped."""
    if not port_is_free(config.host, config.port):
        raise StartError(
            f"port {config.port} for the load balancer is already in use; "
            "choose another with CLUSTER_PORT=…"
        )
    log.info("starting the cluster in %s (logs: %s)", config.directory, cluster.log_dir)
    started = time.monotonic()
    cluster.start()
    log.info("started in %.0f s", time.monotonic() - started)
    _print_addresses(cluster, config)
    Supervisor(cluster.servers()).watch()


def _stop(cluster: Cluster) -> None:
    cluster.stop()
    log.info("stopped")


def _print_addresses(cluster: Cluster, config: ClusterConfig) -> None:
    token_source = cluster.settings.api_token_source()
    servers = "\n".join(
        f"  Rasa server {i}:   {url}/  (HTTP API, token: {token_source})"
        for i, url in enumerate(cluster.rasa_urls, start=1)
    )
    print(
        "\nThe Kotobot cluster is running. Ctrl-C stops it.\n"
        f"  load balancer:   {cluster.url}  (nginx, round-robin over "
        f"{len(cluster.rasa)} Rasa servers)\n"
        f"  REST channel:    POST {cluster.url}/webhooks/rest/webhook  "
        '{"sender": "someone", "message": "hei"}\n'
        f"  socket.io:       {cluster.url}/socket.io/\n"
        f"{servers}\n"
        f"  action server:   http://{cluster.settings.action_host}:{config.action_port}/webhook"
        "  (Rasa servers send ACTION_SERVER_TOKEN)\n"
        f"  tracker store:   PostgreSQL 127.0.0.1:{config.postgres_port}/kotobot\n"
        f"  lock store:      Redis 127.0.0.1:{config.redis_port}\n"
        f"  data and logs:   {config.directory}  (passwords: passwords.json)\n"
        f"{listening_report(cluster.servers())}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
