"""The whole cluster: PostgreSQL and Redis, one action server, several Rasa servers sharing
them, one handoff sender, and nginx in front. Used by `python -m bot.cluster` and the tests.

Every Rasa server is the project's ordinary one (bot.stack.rasa_server) with
DATABASE_URL=postgresql://… and LOCK_STORE_URL=redis://…; endpoints.yml does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.cluster.config import ClusterConfig
from bot.cluster.debian import find_tools
from bot.cluster.nginx import Nginx
from bot.cluster.passwords import load_or_create
from bot.cluster.postgres import Postgres
from bot.cluster.redis_server import RedisServer
from bot.process import Server, stop_all
from bot.settings import Settings
from bot.stack import action_server, handoff_sender, rasa_server

FORWARDED_FOR = "X-Forwarded-For"  # set by nginx.py's proxy_set_header
DATABASE = "kotobot"  # the tracker store's database, owned by a role of the same name


@dataclass
class Cluster:
    """Starts and stops the cluster's processes in order; `rasa[i]` are the Rasa servers."""

    config: ClusterConfig
    settings: Settings  # var_dir, model, SMTP…; ports and store URLs are the cluster's own
    token: str  # the Rasa HTTP API token, shared by every Rasa server
    postgres: Postgres | None = None
    redis: RedisServer | None = None
    nginx: Nginx | None = None
    actions: Server | None = None
    sender: Server | None = None
    rasa: list[Server] = field(default_factory=list)
    database_url: str = field(default="", repr=False)
    lock_store_url: str = field(default="", repr=False)

    @property
    def log_dir(self) -> Path:
        return self.config.directory / "logs"

    @property
    def url(self) -> str:
        """The load balancer: the cluster's address."""
        assert self.nginx is not None
        return self.nginx.base_url

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.config.rasa_ports]

    def rasa_servers(self, shared: Settings) -> list[Server]:
        """The Rasa servers, behind nginx: a client's address is the last hop nginx adds to
        X-Forwarded-For, else every newcomer would share nginx's address and its limits."""
        behind_nginx = shared.replace(
            identity=shared.identity.replace(client_address_header=FORWARDED_FOR)
        )
        return [
            self._logged(
                rasa_server(
                    behind_nginx.replace(rasa_port=port), self.token, name=f"Rasa server {i}"
                ),
                f"rasa-{i}",
            )
            for i, port in enumerate(self.config.rasa_ports, start=1)
        ]

    def start(self, timeout: float = 300.0) -> None:
        """Start everything and wait until nginx reaches the Rasa servers."""
        tools = find_tools()
        directory = self.config.directory
        directory.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(exist_ok=True)
        passwords = load_or_create(directory / "passwords.json")
        self.postgres = Postgres(
            bin_dir=tools.postgres_bin,
            data_dir=directory / "postgres",
            port=self.config.postgres_port,
            admin_password=passwords["postgres_admin"],
            log_path=self.log_dir / "postgres.log",
            os_user=self.config.postgres_user,
        )
        self.redis = RedisServer(
            executable=tools.redis_server,
            directory=directory / "redis",
            port=self.config.redis_port,
            password=passwords["redis"],
            log_path=self.log_dir / "redis.log",
        )
        self.postgres.ensure_initialised()
        self.postgres.start()
        self.redis.start()
        self.postgres.wait_ready(60)
        self.redis.wait_ready(30)
        self.postgres.ensure_database(DATABASE, DATABASE, passwords["postgres_kotobot"])
        self.database_url = self.postgres.url(DATABASE, DATABASE, passwords["postgres_kotobot"])
        self.lock_store_url = self.redis.url

        shared = self.settings.replace(
            rasa_host="127.0.0.1",  # only nginx is reachable from outside
            action_port=self.config.action_port,
            database_url=self.database_url,
            lock_store_url=self.lock_store_url,
        )
        self.actions = self._logged(action_server(shared), "actions")
        self.sender = self._logged(handoff_sender(shared), "sender")
        self.rasa = self.rasa_servers(shared)
        # Started together: each Rasa server takes a while to load its model.
        for server in (self.actions, *self.rasa, self.sender):
            server.start()
        self.actions.wait_ready(120)
        for server in self.rasa:
            server.wait_ready(timeout)
        self.sender.wait_ready(10)

        self.nginx = Nginx(
            executable=tools.nginx,
            directory=directory / "nginx",
            host=self.config.host,
            port=self.config.port,
            upstream_ports=list(self.config.rasa_ports),
        )
        self.nginx.start()
        self.nginx.wait_ready(30)

    def _logged(self, server: Server, log_name: str) -> Server:
        """The server, logging to logs/`log_name`.log (quoted when it does not start)."""
        server.log_path = self.log_dir / f"{log_name}.log"
        return server

    def servers(self) -> list[Server]:
        """Every process started so far, in start order, named as `dead()` names them (the
        supervisor restarts any of them that dies)."""
        stores = [c.daemon for c in (self.postgres, self.redis) if c is not None]
        rest = [self.actions, *self.rasa, self.sender]
        front = [self.nginx.daemon] if self.nginx is not None else []
        return [s for s in (*stores, *rest, *front) if s is not None]

    def dead(self) -> list[str]:
        """Names of the processes that have stopped (after a successful start)."""
        named: list[tuple[str, bool]] = [
            ("PostgreSQL", self.postgres is not None and _alive(self.postgres.daemon)),
            ("Redis", self.redis is not None and _alive(self.redis.daemon)),
            ("nginx", self.nginx is not None and _alive(self.nginx.daemon)),
            ("action server", self.actions is not None and self.actions.running()),
            ("handoff sender", self.sender is not None and self.sender.running()),
        ]
        named += [(f"Rasa server {i}", s.running()) for i, s in enumerate(self.rasa, start=1)]
        return [name for name, alive in named if not alive]

    def stop(self, grace: float = 10.0) -> None:
        """Stop in the reverse order of start, each stage together within `grace` s: nginx,
        then the Rasa servers, the sender and the action server, then Redis and PostgreSQL
        (nothing loses its database under it). Always runs to its end (see bot.shutdown)."""
        stages = [
            [self.nginx.daemon if self.nginx else None],
            [*self.rasa, self.sender, self.actions],
            [self.redis.daemon if self.redis else None],
            [self.postgres.daemon if self.postgres else None],
        ]
        for stage in stages:
            stop_all([s for s in stage if s is not None], grace)


def _alive(daemon: Server | None) -> bool:
    return daemon is not None and daemon.running()
