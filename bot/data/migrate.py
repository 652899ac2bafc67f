"""Creating and upgrading our own tables (bot/data/schema.py) through Alembic migrations.

Every process that uses our tables calls `upgrade(engine)` before it does (the action server
and the handoff sender through bot/handoff/outbox.py, the review tool, the Telegram channel),
so a new release brings an existing database up to date and keeps its rows, and a new one is
created. Processes started together may call it at the same moment: the first one migrates
while the others wait (PostgreSQL: an advisory lock; SQLite: a lock file beside the database).
Rasa's own tables are not ours and no migration touches them.

python -m bot.data.migrate                    upgrade DATABASE_URL to the newest migration
python -m bot.data.migrate current            the database's migration and the newest one
python -m bot.data.migrate revision MESSAGE   write a migration from what schema.py changed
"""

from __future__ import annotations

import argparse
import fcntl
import sys
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
# Alembic's bookkeeping table, named for whose it is (the database is shared with Rasa).
VERSION_TABLE = "kotobot_schema_version"
# Any fixed number: PostgreSQL's advisory lock that lets one process migrate at a time.
ADVISORY_LOCK = 0x6B6F746F  # "koto"

_upgraded: weakref.WeakSet[sa.engine.Engine] = weakref.WeakSet()
_lock = threading.Lock()


def alembic_config(connection: sa.engine.Connection | None = None) -> Config:
    """Alembic's configuration, in code (no alembic.ini): where the migrations are, and the
    connection env.py runs them on."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head() -> str:
    """The newest migration's revision."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: sa.engine.Connection) -> str | None:
    """The migration the database is at (None: never migrated)."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def upgrade(engine: sa.engine.Engine) -> None:
    """Bring our tables in this database to the newest migration; cheap when they are."""
    with _lock:
        if engine in _upgraded:
            return
        with engine.connect() as connection:
            done = current(connection) == head()
        if not done:
            with _exclusive(engine), engine.begin() as connection:
                if connection.dialect.name == "postgresql":  # released at commit
                    connection.execute(sa.text(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})"))
                command.upgrade(alembic_config(connection), "head")
        _upgraded.add(engine)


@contextmanager
def _exclusive(engine: sa.engine.Engine) -> Iterator[None]:
    """For a SQLite file: hold a lock file beside it while migrating (SQLite's own locks do
    not cover a run of DDL statements). Other databases: nothing (see `upgrade`)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def main(argv: list[str] | None = None) -> int:
    from bot.private_files import secure_var
    from bot.settings import get_settings

    parser = argparse.ArgumentParser(
        prog="python -m bot.data.migrate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("upgrade", help="upgrade to the newest migration (the default)")
    commands.add_parser("current", help="print the database's migration and the newest one")
    revision = commands.add_parser("revision", help="write a migration from schema.py's changes")
    revision.add_argument("message")
    args = parser.parse_args(argv)
    settings = get_settings()
    secure_var(settings.var_dir, settings.database_url)
    engine = sa.create_engine(settings.database_url)
    try:
        if args.command == "current":
            with engine.connect() as connection:
                print(f"database: {current(connection)}, newest: {head()}")
        elif args.command == "revision":
            upgrade(engine)  # autogenerate compares the newest schema with schema.py
            with engine.connect() as connection:
                command.revision(alembic_config(connection), args.message, autogenerate=True)
        else:
            upgrade(engine)
            print(f"our tables are at migration {head()}")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
