"""The review tool's command line: the server, coordinator accounts, retention and "forget me".

python -m bot.review                     serve on REVIEW_HOST:REVIEW_PORT (127.0.0.1:8090)
python -m bot.review add-user NAME       create an account; the password is read from stdin
python -m bot.review remove-user NAME
python -m bot.review retention [--days N]  delete conversations older than N days
python -m bot.review forget SENDER_ID    delete one conversation and its review data
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import threading
import time

import sqlalchemy as sa

from bot import privacy
from bot.private_files import secure_var
from bot.review import auth, preferences, tables
from bot.review.config import ReviewConfig
from bot.review.context import EXTENSION, Review
from bot.review.db import make_engine
from bot.settings import get_settings

log = logging.getLogger("kotobot.review")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.review",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="run the review web app (the default)")
    add = commands.add_parser("add-user", help="create a coordinator account")
    add.add_argument("name")
    add.add_argument("--replace", action="store_true", help="set a new password if it exists")
    remove = commands.add_parser("remove-user", help="delete a coordinator account")
    remove.add_argument("name")
    retention = commands.add_parser("retention", help="delete conversations older than N days")
    retention.add_argument("--days", type=int, default=None, help="default: RETENTION_DAYS or 90")
    forget = commands.add_parser("forget", help="delete one conversation by its sender id")
    forget.add_argument("sender_id")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot-review %(message)s")
    settings = get_settings()
    secure_var(settings.var_dir, settings.database_url)
    command = args.command or "serve"
    if command == "serve":
        return serve()
    if command == "add-user":
        return add_user(args.name, args.replace)
    if command == "remove-user":
        return remove_user(args.name)
    if command == "retention":
        days = args.days if args.days is not None else settings.review.retention_days
        return run_retention(days)
    return run_forget(args.sender_id)


def _engine() -> sa.engine.Engine:
    engine = make_engine(get_settings().database_url)
    tables.create_tables(engine)
    return engine


def read_password(stream=None) -> str:
    """The new password: asked twice on a terminal, else the first line of standard input."""
    stream = stream or sys.stdin
    if stream.isatty():
        first = getpass.getpass("Password (at least 12 characters): ")
        if getpass.getpass("Again: ") != first:
            raise auth.AccountError("the two passwords differ")
        return first
    return stream.readline().rstrip("\r\n")


def add_user(name: str, replace: bool) -> int:
    try:
        password = read_password()
        engine = _engine()
        try:
            with engine.begin() as connection:
                auth.add_user(connection, name, password, replace=replace)
        finally:
            engine.dispose()
    except auth.AccountError as error:
        print(f"add-user: {error}", file=sys.stderr)
        return 2
    print(f"The account {name!r} can sign in now.")
    return 0


def remove_user(name: str) -> int:
    engine = _engine()
    try:
        with engine.begin() as connection:
            removed = auth.remove_user(connection, name)
            preferences.forget(connection, name)  # a new account of that name starts afresh
    finally:
        engine.dispose()
    if not removed:
        print(f"remove-user: no account {name!r}", file=sys.stderr)
        return 1
    print(f"The account {name!r} was removed.")
    return 0


def run_retention(days: int) -> int:
    if days < 1:
        print("retention: --days must be at least 1", file=sys.stderr)
        return 2
    database_url = get_settings().database_url
    deleted = privacy.delete_older_than(database_url, days)
    engine = _engine()
    try:
        with engine.begin() as connection:
            reviews_deleted = tables.forget_reviews(connection, None)
    finally:
        engine.dispose()
    log.info(
        "retention: deleted %d events of conversations older than %d days (and %d review rows)",
        deleted,
        days,
        reviews_deleted,
    )
    return 0


def run_forget(sender_id: str) -> int:
    deleted = privacy.forget_conversation(get_settings().database_url, sender_id)
    engine = _engine()
    try:
        with engine.begin() as connection:
            reviews_deleted = tables.forget_reviews(connection, [sender_id])
    finally:
        engine.dispose()
    log.info("forget: deleted %d events and %d review rows", deleted, reviews_deleted)
    return 0


def _warm_up(review: Review) -> None:
    """Summarise the tracker store before the first coordinator asks (a cold start masks every
    stored message once)."""
    started = time.monotonic()
    with review.engine.connect() as connection:
        count = len(review.index.conversations(connection))
    log.info("summarised %d conversations in %.1f s", count, time.monotonic() - started)


def serve() -> int:
    import waitress

    from bot.review.app import create_app

    config = ReviewConfig.of(get_settings())
    app = create_app(config)
    review = app.extensions[EXTENSION]
    with review.engine.connect() as connection:
        accounts = connection.execute(sa.select(sa.func.count()).select_from(tables.users))
        if not accounts.scalar_one():
            print("No coordinator accounts yet: python -m bot.review add-user NAME", flush=True)
    threading.Thread(target=_warm_up, args=(review,), daemon=True).start()
    print(f"Kotobot review: http://{config.host}:{config.port}/  (Ctrl-C stops it)", flush=True)
    waitress.serve(app, host=config.host, port=config.port, threads=8, ident="kotobot-review")
    return 0
