"""Who is speaking: server-issued conversation ids, trusted REST callers, client addresses.

The conversation id is what every store keys on (tracker, handoff outbox, "forget"), so a
client that could choose it could speak as, read or delete anyone. Ids are issued and signed
by the server (`session_ids`); only callers holding the REST token choose their own
(`trust`); limits that must not reset with a new id count per client address (`clients`).
"""
