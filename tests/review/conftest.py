"""Fixtures for the review tool: a tracker store written by Rasa's SQLTrackerStore, the app
built on a copy of it with explicit test settings, and a signed-in coordinator."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.review import auth
from bot.review.app import create_app
from bot.review.config import ReviewConfig
from tests.review.fixtures import build_fixture_database

PASSWORD = "correct horse battery staple"
USER = "coordinator"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Clock:
    """A clock the test moves forward (for the sign-in rate limit's window)."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def fixture_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_database(tmp_path_factory.mktemp("tracker") / "tracker.db")


@pytest.fixture
def database(fixture_database: Path, tmp_path: Path) -> Path:
    """A fresh copy of the fixture tracker store for one test."""
    return Path(shutil.copy(fixture_database, tmp_path / "tracker.db"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def config(database: Path, clock: Clock) -> ReviewConfig:
    return ReviewConfig(
        database_url=f"sqlite:///{database}", secret_key="test-secret-key", clock=clock
    )


@pytest.fixture
def make_app(config: ReviewConfig) -> Callable[..., Flask]:
    def build(**changes) -> Flask:
        app = create_app(replace(config, **changes))
        app.config["TESTING"] = True
        with app.extensions["kotobot_review"].engine.begin() as connection:
            if not auth.user_exists(connection, USER):
                auth.add_user(connection, USER, PASSWORD)
        return app

    return build


@pytest.fixture
def app(make_app) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def sign_in(client: FlaskClient, user: str = USER, password: str = PASSWORD, **environ):
    page = client.get("/login", environ_base=environ)
    return client.post(
        "/login",
        data={"username": user, "password": password, "csrf_token": csrf_from(page.text)},
        environ_base=environ,
    )


@pytest.fixture
def signed_in(client: FlaskClient) -> FlaskClient:
    response = sign_in(client)
    assert response.status_code == 302, response.text
    return client


def token(client: FlaskClient, path: str = "/") -> str:
    """The CSRF token of the signed-in session, as the page's forms carry it."""
    return csrf_from(client.get(path).text)


def user_event_ids(database: Path, sender: str) -> list[int]:
    """Ids of the user messages of one conversation in the tracker store, in order."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT id FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        )
        return [row[0] for row in rows]


def senders(html: str) -> set[str]:
    """The conversations a list page shows."""
    return set(re.findall(r'<tr data-sender="([^"]+)"', html))
