"""A copied review-tool cookie must stop working: on sign-out, on a new password, after an idle
time and after an absolute lifetime. Behind TLS, cookies are Secure and HSTS is sent.

Revocation is tested against the real review server (waitress, `python -m bot.review`): the
attacker replays the raw cookie over HTTP. Lifetimes and the TLS defaults are the app's logic
and use Flask's test client with a clock the test moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from bot.review.app import create_app
from bot.review.config import ReviewConfig
from bot.settings import load_settings
from tests.review.conftest import Clock, sign_in
from tests.review.fixtures import build_fixture_database
from tests.security.review_server import (
    PASSWORD,
    ReviewServer,
    csrf,
    fixture_copy,
    review_app,
    review_server,
)

COOKIE = "kotobot_review"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewServer]:
    with review_server(tmp_path_factory.mktemp("review-var")) as running:
        yield running


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_database(tmp_path_factory.mktemp("store") / "tracker.db")


@pytest.fixture
def database(built_store: Path, tmp_path: Path) -> Path:
    return fixture_copy(tmp_path, built_store)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(database: Path, clock: Clock):
    return review_app(database, clock).test_client()


def _as_attacker(server: ReviewServer, stolen: str, path: str = "/") -> requests.Response:
    """A request from another machine that carries only the copied cookie."""
    return requests.get(
        server.base + path, cookies={COOKIE: stolen}, allow_redirects=False, timeout=10
    )


def _signed_in_browser(server: ReviewServer) -> tuple[requests.Session, str]:
    browser = requests.Session()
    assert server.sign_in(browser).status_code == 302
    stolen = browser.cookies.get(COOKIE)
    assert stolen and _as_attacker(server, stolen).status_code == 200  # the copy works...
    return browser, stolen


def test_a_copied_cookie_stops_working_when_the_coordinator_signs_out(server):
    browser, stolen = _signed_in_browser(server)
    page = browser.get(server.base + "/", timeout=10)
    signed_out = browser.post(
        server.base + "/logout", data={"csrf_token": csrf(page.text)}, allow_redirects=False
    )
    assert signed_out.status_code == 302
    replay = _as_attacker(server, stolen)
    assert replay.status_code == 302 and "/login" in replay.headers["Location"]
    assert _as_attacker(server, stolen, "/export/conversations.csv").status_code == 401
    assert "ar-web-handoff-failed" not in _as_attacker(server, stolen).text


def test_a_new_password_signs_out_every_session_of_that_coordinator(server):
    _, stolen = _signed_in_browser(server)
    _, other_device = _signed_in_browser(server)
    changed = server.cli("add-user", "aino", "--replace", stdin="a brand new passphrase\n")
    try:
        assert changed.returncode == 0, changed.stderr
        for cookie in (stolen, other_device):
            assert _as_attacker(server, cookie).status_code == 302
        browser = requests.Session()
        assert server.sign_in(browser, "a brand new passphrase").status_code == 302
    finally:
        server.cli("add-user", "aino", "--replace", stdin=PASSWORD + "\n")


def test_signing_out_on_one_device_keeps_the_others_signed_in(server):
    laptop, _ = _signed_in_browser(server)
    _, desktop_cookie = _signed_in_browser(server)
    page = laptop.get(server.base + "/", timeout=10)
    laptop.post(server.base + "/logout", data={"csrf_token": csrf(page.text)})
    assert _as_attacker(server, desktop_cookie).status_code == 200


# --- lifetimes (test client, moved clock) -------------------------------------------------


def test_a_session_ends_after_its_absolute_lifetime_however_active(client, clock):
    assert sign_in(client).status_code == 302
    for _ in range(2 * 12 - 1):  # a request every half hour for 11.5 hours
        clock.now += 30 * 60
        assert client.get("/").status_code == 200
    clock.now += 30 * 60 + 1
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_ends_after_two_idle_hours(client, clock):
    assert sign_in(client).status_code == 302
    clock.now += 2 * 60 * 60 - 60
    assert client.get("/").status_code == 200
    clock.now += 2 * 60 * 60 + 1
    assert client.get("/").status_code == 302


# --- TLS defaults ----------------------------------------------------------------------------


def _app_from_env(database: Path, **env: str):
    settings = load_settings({"REVIEW_SECRET_KEY": "s" * 48, **env})
    config = replace(ReviewConfig.of(settings), database_url=f"sqlite:///{database}")
    app = create_app(config)
    with app.extensions["kotobot_review"].engine.begin() as connection:
        from bot.review import auth
        from tests.review.conftest import PASSWORD, USER

        auth.add_user(connection, USER, PASSWORD)
    return app


@pytest.mark.parametrize(
    "env",
    [{"REVIEW_TRUST_PROXY": "1"}, {"REVIEW_PUBLIC_URL": "https://review.kauniainen.example/"}],
    ids=["behind a proxy", "https address"],
)
def test_behind_tls_cookies_are_secure_and_hsts_is_sent_by_default(database, env):
    app = _app_from_env(database, **env)
    client = app.test_client()
    https = {"wsgi.url_scheme": "https", "HTTP_X_FORWARDED_PROTO": "https"}
    page = client.get("/login", environ_base=https)
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    response = sign_in(client, **https)
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("; Secure" in c for c in cookies), cookies
    assert any(c.startswith("__Host-kotobot_review=") for c in cookies)


def test_on_plain_http_nothing_changes(database):
    app = _app_from_env(database)
    client = app.test_client()
    assert "Strict-Transport-Security" not in client.get("/login").headers
    cookies = sign_in(client).headers.getlist("Set-Cookie")
    assert cookies and not any("Secure" in c for c in cookies)
