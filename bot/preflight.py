"""Checks before the servers start, so a bad setting fails at once with a clear message.

Without them an unreachable database shows up only inside the Rasa server, as a traceback
per connection attempt. `python -m bot.preflight` runs them alone (exit 0 or 2).
"""

from __future__ import annotations

import sys

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.process import StartError
from bot.settings import get_settings

CONNECT_TIMEOUT_SECONDS = 5


def check_database(database_url: str, timeout: int = CONNECT_TIMEOUT_SECONDS) -> None:
    """Connect once and run SELECT 1; StartError naming the host and DATABASE_URL if not."""
    try:
        url = make_url(database_url)
    except ArgumentError as error:
        raise StartError(
            "DATABASE_URL is not a database URL (expected e.g. "
            "postgresql://user:password@host:5432/db or sqlite:///path/tracker.db)"
        ) from error
    where = _describe(url)
    connect_args = {"connect_timeout": timeout} if url.get_backend_name() == "postgresql" else {}
    try:
        engine = sa.create_engine(url, poolclass=NullPool, connect_args=connect_args)
    except (NoSuchModuleError, ImportError, ArgumentError) as error:
        raise StartError(
            f"DATABASE_URL names a database driver that is not installed ({url.drivername})"
        ) from error
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise StartError(
            f"cannot reach the conversation database at {where} (DATABASE_URL): {reason}. "
            "Start the database or point DATABASE_URL at one that runs."
        ) from error
    finally:
        engine.dispose()


def _describe(url: sa.engine.URL) -> str:
    """Where the database is, without the password."""
    if url.get_backend_name() == "sqlite":
        return f"sqlite file {url.database or ':memory:'}"
    port = f":{url.port}" if url.port else ""
    return f"{url.get_backend_name()} {url.host or 'localhost'}{port}/{url.database or ''}"


def main() -> int:
    try:
        check_database(get_settings().database_url)
    except StartError as error:
        print(f"kotobot: cannot start: {error}", file=sys.stderr)
        return 2
    print("kotobot: pre-flight checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
