"""Our tables go through migrations (bot/data/migrate.py): an upgrade keeps the rows of a
database the earlier code made, and the migrations end where bot/data/schema.py is."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.data import migrate, rasa_events
from bot.data.schema import OutboxState, metadata, outbox, review_users, telegram_payloads


def _engine(path: Path) -> sa.engine.Engine:
    return sa.create_engine(f"sqlite:///{path}")


def _differences(engine: sa.engine.Engine) -> list:
    """What autogenerate would put in a new migration: nothing when they match."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, parents: (
                    kind != "table" or name in metadata.tables
                ),
            },
        )
        return compare_metadata(context, metadata)


def _rasa_events(engine: sa.engine.Engine) -> None:
    """Rasa's table, as its tracker store makes it, with one event."""
    rasa_events.events.create(engine)
    with engine.begin() as connection:
        connection.execute(
            rasa_events.events.insert().values(
                sender_id="a", type_name="user", timestamp=1.0, data="{}"
            )
        )


def test_an_upgrade_keeps_the_rows_of_a_database_the_earlier_code_made(tmp_path):
    engine = _engine(tmp_path / "tracker.db")
    _rasa_events(engine)
    # What the code did before migrations: create_all on first use; the Telegram table was
    # made only when a long button payload came, so here it is missing.
    metadata.create_all(
        engine, tables=[t for t in metadata.sorted_tables if t.name != "telegram_callback_data"]
    )
    with engine.begin() as connection:
        connection.execute(
            outbox.insert().values(
                conversation_id="a", created_at=1.0, status="queued", attempts=2, contact="x"
            )
        )
        connection.execute(
            review_users.insert().values(name="aino", password_hash="h", created_at=1.0)
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(sa.select(outbox)).one()
        assert (row.conversation_id, row.status, row.attempts, row.contact) == (
            "a",
            OutboxState.QUEUED,
            2,
            "x",
        )
        assert connection.execute(sa.select(review_users.c.name)).scalars().all() == ["aino"]
        assert (
            connection.execute(
                sa.select(sa.func.count()).select_from(telegram_payloads)
            ).scalar_one()
            == 0
        )
        assert rasa_events.size(connection) == (1, 1)  # Rasa's table is not ours to touch
        assert migrate.current(connection) == migrate.head()
    assert _differences(engine) == []
    engine.dispose()


def test_a_new_database_gets_every_table_as_the_schema_defines_it(tmp_path):
    engine = _engine(tmp_path / "tracker.db")
    migrate.upgrade(engine)
    assert set(metadata.tables) <= set(sa.inspect(engine).get_table_names())
    assert _differences(engine) == []
    engine.dispose()


def test_upgrading_again_changes_nothing(tmp_path):
    path = tmp_path / "tracker.db"
    first = _engine(path)
    migrate.upgrade(first)
    with first.begin() as connection:
        connection.execute(telegram_payloads.insert().values(key="k", payload="/p"))
    first.dispose()
    second = _engine(path)  # another process, or a restart
    migrate.upgrade(second)
    with second.connect() as connection:
        assert connection.execute(sa.select(telegram_payloads.c.payload)).scalar_one() == "/p"
        assert migrate.current(connection) == migrate.head()
    second.dispose()


def test_a_schema_change_without_a_migration_is_noticed(tmp_path):
    engine = _engine(tmp_path / "tracker.db")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP INDEX ix_handoff_outbox_status"))
    assert _differences(engine) != []
    engine.dispose()


def _upgrade_in_a_process(path: str, start: Any) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    start.wait(timeout=60)  # all at once, as processes started together do
    migrate.upgrade(engine)
    engine.dispose()


def test_processes_starting_together_migrate_once(tmp_path):
    path = str(tmp_path / "tracker.db")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(4)
    processes = [
        context.Process(target=_upgrade_in_a_process, args=(path, start)) for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    engine = _engine(Path(path))
    assert _differences(engine) == []
    engine.dispose()
