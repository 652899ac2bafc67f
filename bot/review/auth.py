"""Coordinator accounts: argon2 password hashes, sign-in with rate limiting, CSRF tokens.

Conversations hold newcomers' personal data, so the review tool has no default account, no
default password and no anonymous page: accounts are made on the server's command line.
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.review import tables

MIN_PASSWORD_LENGTH = 12
USERNAME = re.compile(r"^[\w.@-]{1,100}$")

# OWASP's recommended minimum for argon2id (19 MiB, 2 passes, 1 lane): a sign-in takes about
# 0.1 s on the 2-core server instead of the library default's 0.8 s with 64 MiB per attempt.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


@lru_cache(maxsize=1)
def _unknown_user_hash() -> str:
    """Verified when the name is unknown, so an unknown name takes as long as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")
    if not password.strip():
        raise AccountError("the password must not be only spaces")


def add_user(
    connection: sa.engine.Connection, name: str, password: str, replace: bool = False
) -> None:
    """Create the account `name` (or set its password when `replace`)."""
    if not USERNAME.match(name):
        raise AccountError("a user name is 1–100 letters, digits or . @ _ -")
    check_new_password(password)
    existing = connection.execute(
        sa.select(tables.users.c.id).where(tables.users.c.name == name)
    ).first()
    if existing and not replace:
        raise AccountError(f"the user {name!r} exists already (use --replace to set a password)")
    password_hash = hash_password(password)
    if existing:
        connection.execute(
            tables.users.update()
            .where(tables.users.c.name == name)
            .values(password_hash=password_hash)
        )
    else:
        connection.execute(
            tables.users.insert().values(
                name=name, password_hash=password_hash, created_at=time.time()
            )
        )


def remove_user(connection: sa.engine.Connection, name: str) -> bool:
    result = connection.execute(tables.users.delete().where(tables.users.c.name == name))
    return bool(result.rowcount)


def user_exists(connection: sa.engine.Connection, name: str) -> bool:
    query = sa.select(tables.users.c.id).where(tables.users.c.name == name)
    return connection.execute(query).first() is not None


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: `user` when it succeeded, `limited` when refused."""

    user: str | None
    limited: bool = False


class LoginLimiter:
    """At most `max_failures` failed sign-ins per user name and per address in a window.

    Failures are kept in the database so every server process counts the same attempts.
    """

    def __init__(self, max_failures: int, window_seconds: int) -> None:
        self.max_failures = max_failures
        self.window_seconds = window_seconds

    def limited(self, connection: sa.engine.Connection, name: str, ip: str, now: float) -> bool:
        since = now - self.window_seconds
        failures = tables.login_failures
        for column, value in ((failures.c.username, name), (failures.c.ip, ip)):
            count = connection.execute(
                sa.select(sa.func.count())
                .select_from(failures)
                .where(column == value, failures.c.at > since)
            ).scalar_one()
            if count >= self.max_failures:
                return True
        return False

    def record_failure(
        self, connection: sa.engine.Connection, name: str, ip: str, now: float
    ) -> None:
        failures = tables.login_failures
        connection.execute(failures.insert().values(username=name[:100], ip=ip[:64], at=now))
        connection.execute(failures.delete().where(failures.c.at <= now - self.window_seconds))

    def clear(self, connection: sa.engine.Connection, name: str, ip: str) -> None:
        failures = tables.login_failures
        connection.execute(
            failures.delete().where(failures.c.username == name, failures.c.ip == ip)
        )


def sign_in(
    connection: sa.engine.Connection,
    limiter: LoginLimiter,
    name: str,
    password: str,
    ip: str,
    now: float,
) -> SignIn:
    """Check a name and password, counting failures; refuse while the limit is reached."""
    name = name.strip()[:100]
    if limiter.limited(connection, name, ip, now):
        return SignIn(user=None, limited=True)
    row = connection.execute(
        sa.select(tables.users.c.password_hash).where(tables.users.c.name == name)
    ).first()
    if row is None:
        verify_password(_unknown_user_hash(), password)
        limiter.record_failure(connection, name, ip, now)
        return SignIn(user=None)
    if not verify_password(row.password_hash, password):
        limiter.record_failure(connection, name, ip, now)
        return SignIn(user=None)
    if _hasher.check_needs_rehash(row.password_hash):
        connection.execute(
            tables.users.update()
            .where(tables.users.c.name == name)
            .values(password_hash=hash_password(password))
        )
    limiter.clear(connection, name, ip)
    return SignIn(user=name)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_valid(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
