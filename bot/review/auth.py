"""Coordinator accounts: argon2 password hashes, sign-in slowed down after failures.

Conversations hold newcomers' personal data, so the review tool has no default account, no
default password and no anonymous page: accounts are made on the server's command line.
"""

from __future__ import annotations

import math
import re
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.review import sessions, tables

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
        sessions.end_all(connection, name)  # whoever knew the old password is signed out
    else:
        connection.execute(
            tables.users.insert().values(
                name=name, password_hash=password_hash, created_at=time.time()
            )
        )


def remove_user(connection: sa.engine.Connection, name: str) -> bool:
    result = connection.execute(tables.users.delete().where(tables.users.c.name == name))
    sessions.end_all(connection, name)
    return bool(result.rowcount)


def user_exists(connection: sa.engine.Connection, name: str) -> bool:
    query = sa.select(tables.users.c.id).where(tables.users.c.name == name)
    return connection.execute(query).first() is not None


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: `user` when it succeeded; `wait` (seconds) when it
    came too soon after failures and was not even checked."""

    user: str | None
    wait: float = 0.0

    @property
    def limited(self) -> bool:
        return self.wait > 0


class LoginThrottle:
    """A growing delay after failed sign-ins, per user name and per address; never a lockout.

    After `free_failures` failures in the window, the next attempt must wait 1 s, then 2 s, 4 s…
    after the latest failure, up to `max_name_delay` for a name and `max_address_delay` for an
    address. An attempt made too soon is refused unchecked and not counted, so waiting is the
    only way on. Guessing one coordinator's password from many addresses is held to one try per
    `max_name_delay`, while the coordinator waits at most that long, and not at all from a
    browser they signed in with before (`trusted_device`): an attacker cannot lock them out.
    Failures are kept in the database so every server process counts the same attempts.
    """

    def __init__(
        self,
        window_seconds: int = 15 * 60,
        free_failures: int = 3,
        max_name_delay: float = 60.0,
        max_address_delay: float = 15 * 60.0,
    ) -> None:
        self.window_seconds = window_seconds
        self.free_failures = free_failures
        self.max_name_delay = max_name_delay
        self.max_address_delay = max_address_delay

    def delay(self, failures: int, cap: float) -> float:
        """Seconds to wait after the latest of `failures` failures."""
        if failures < self.free_failures:
            return 0.0
        return min(cap, 2.0 ** min(failures - self.free_failures, 30))

    def wait(
        self,
        connection: sa.engine.Connection,
        name: str,
        ip: str,
        now: float,
        trusted_device: bool = False,
    ) -> float:
        """Seconds before an attempt for `name` from `ip` is checked (0: now)."""
        failures = tables.login_failures
        checks = [(failures.c.ip, ip, self.max_address_delay)]
        if not trusted_device:
            checks.append((failures.c.username, name, self.max_name_delay))
        wait = 0.0
        for column, value, cap in checks:
            count, latest = connection.execute(
                sa.select(sa.func.count(), sa.func.max(failures.c.at)).where(
                    column == value, failures.c.at > now - self.window_seconds
                )
            ).one()
            if count:
                wait = max(wait, latest + self.delay(count, cap) - now)
        return math.ceil(wait) if wait > 0 else 0.0

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
    throttle: LoginThrottle,
    name: str,
    password: str,
    ip: str,
    now: float,
    trusted_device: bool = False,
) -> SignIn:
    """Check a name and password, counting failures; refuse unchecked while a delay runs."""
    name = name.strip()[:100]
    wait = throttle.wait(connection, name, ip, now, trusted_device)
    if wait:
        return SignIn(user=None, wait=wait)
    row = connection.execute(
        sa.select(tables.users.c.password_hash).where(tables.users.c.name == name)
    ).first()
    if row is None:
        verify_password(_unknown_user_hash(), password)
        throttle.record_failure(connection, name, ip, now)
        return SignIn(user=None)
    if not verify_password(row.password_hash, password):
        throttle.record_failure(connection, name, ip, now)
        return SignIn(user=None)
    if _hasher.check_needs_rehash(row.password_hash):
        connection.execute(
            tables.users.update()
            .where(tables.users.c.name == name)
            .values(password_hash=hash_password(password))
        )
    throttle.clear(connection, name, ip)
    return SignIn(user=name)
