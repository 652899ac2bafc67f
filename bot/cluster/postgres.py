"""PostgreSQL for the shared tracker store: a data directory of its own, loopback TCP only.

PostgreSQL refuses to run as root, so as root its data directory belongs to a system user
(`postgres`, which Debian's package creates; made with useradd when missing) and initdb and
the server run as that user. Passwords (scram-sha-256) are required even on loopback.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg2
from psycopg2 import sql

from bot.cluster.process import as_user, daemon
from bot.process import Server, StartError

ADMIN = "postgres"  # the superuser initdb creates


def ensure_os_user(name: str) -> None:
    """Create the system user PostgreSQL runs as, unless it exists (Debian's `postgres` does)."""
    try:
        pwd.getpwnam(name)
        return
    except KeyError:
        pass
    command = ["useradd", "--system", "--user-group", "--no-create-home"]
    command += ["--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise StartError(f"cannot create the system user {name!r}: {result.stderr.strip()}")


def _chown(path: Path, user: str | None) -> None:
    if as_user(user):
        assert user is not None
        shutil.chown(path, user, pwd.getpwnam(user).pw_gid)


@dataclass
class Postgres:
    """One PostgreSQL server on 127.0.0.1:`port` with its data in `data_dir`."""

    bin_dir: Path  # /usr/lib/postgresql/<version>/bin
    data_dir: Path
    port: int
    admin_password: str = field(repr=False)
    log_path: Path
    os_user: str | None = None  # None: the current user (must not be root)
    host: str = "127.0.0.1"
    daemon: Server | None = field(default=None, repr=False)

    def ensure_initialised(self) -> None:
        """initdb on first use; later starts reuse the data (conversations survive restarts)."""
        if (self.data_dir / "PG_VERSION").exists():
            return
        if self.os_user and as_user(self.os_user):
            ensure_os_user(self.os_user)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)
        _chown(self.data_dir, self.os_user)
        reachable = subprocess.run(["test", "-w", str(self.data_dir)], **as_user(self.os_user))
        if reachable.returncode != 0:
            raise StartError(
                f"PostgreSQL runs as the user {self.os_user!r}, who cannot reach {self.data_dir}; "
                "put the cluster where that user may enter every folder on the way "
                "(CLUSTER_DIR=/var/tmp/kotobot-cluster, for example)"
            )
        password_file = self.data_dir.parent / ".initdb-password"
        password_file.touch(mode=0o600)
        password_file.write_text(self.admin_password)
        _chown(password_file, self.os_user)
        try:
            result = subprocess.run(
                [
                    str(self.bin_dir / "initdb"),
                    "--pgdata",
                    str(self.data_dir),
                    "--username",
                    ADMIN,
                    "--pwfile",
                    str(password_file),
                    "--auth-host=scram-sha-256",
                    "--auth-local=peer",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                capture_output=True,
                text=True,
                cwd=self.data_dir,
                **as_user(self.os_user),
            )
        finally:
            password_file.unlink(missing_ok=True)
        if result.returncode != 0:
            raise StartError(f"initdb failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> None:
        self.daemon = daemon(
            name="PostgreSQL",
            command=[
                str(self.bin_dir / "postgres"),
                "-D",
                str(self.data_dir),
                "-p",
                str(self.port),
                "-c",
                f"listen_addresses={self.host}",
                "-c",
                "unix_socket_directories=",  # TCP only: no socket in /var/run/postgresql
                "-c",
                "max_connections=200",  # each Rasa server keeps a pool (SQL_POOL_SIZE)
                "-c",
                "log_min_error_statement=panic",  # a failed INSERT would log what users wrote
            ],
            ready=self.ready,
            log_path=self.log_path,
            cwd=self.data_dir,
            user=self.os_user,
            stop_signal=signal.SIGINT,  # "fast" shutdown; SIGTERM would wait for every client
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
        )
        self.daemon.start()

    def wait_ready(self, timeout: float) -> None:
        assert self.daemon is not None
        self.daemon.wait_ready(timeout)

    def _connect(self, database: str = "postgres") -> psycopg2.extensions.connection:
        return psycopg2.connect(
            host=self.host,
            port=self.port,
            user=ADMIN,
            password=self.admin_password,
            dbname=database,
            connect_timeout=2,
        )

    def ready(self) -> bool:
        try:
            self._connect().close()
        except psycopg2.OperationalError:
            return False
        return True

    def ensure_database(self, name: str, owner: str, password: str) -> None:
        """A login role `owner` (password updated) owning the database `name`."""
        connection = self._connect()
        try:
            connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (owner,))
                verb = "ALTER" if cursor.fetchone() else "CREATE"
                cursor.execute(
                    sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(owner), sql.Literal(password)
                    )
                )
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if not cursor.fetchone():
                    cursor.execute(
                        sql.SQL("CREATE DATABASE {} OWNER {}").format(
                            sql.Identifier(name), sql.Identifier(owner)
                        )
                    )
        finally:
            connection.close()

    def url(self, database: str, user: str, password: str) -> str:
        """The SQLAlchemy URL Rasa's SQL tracker store takes (DATABASE_URL)."""
        return (
            f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}"
            f"@{self.host}:{self.port}/{quote(database, safe='')}"
        )

    def stop(self) -> None:
        if self.daemon is not None:
            self.daemon.stop()
