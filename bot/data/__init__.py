"""The database the assistant shares with Rasa's tracker store.

- `schema`: our own tables (handoff outbox and log, the review tool's, the Telegram channel's),
  the one definition every module uses, and the states of the handoff outbox.
- `migrate` and `migrations/`: how our tables are created and changed (Alembic), so an upgrade
  keeps the rows a running installation already has.
- `rasa_events`: every query on Rasa's `events` table, which Rasa owns and we only read and
  delete from.
"""
