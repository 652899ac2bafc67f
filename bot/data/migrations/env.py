"""Alembic's entry: runs the migrations on the connection bot/data/migrate.py hands over."""

from __future__ import annotations

from alembic import context

from bot.data.migrate import VERSION_TABLE
from bot.data.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,  # SQLite alters a table by copying it
    compare_type=True,
    # Rasa's tables (`events`) share the database but are not ours to migrate.
    include_name=lambda name, kind, parents: kind != "table" or name in metadata.tables,
)
with context.begin_transaction():
    context.run_migrations()
