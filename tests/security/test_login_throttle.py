"""Failed sign-ins slow the next attempt down; they never lock a coordinator out.

Flask's test client with a clock the test moves (the point is the app's logic: which attempt
is checked when); addresses are set per request as a proxy-less server sees them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.conftest import PASSWORD, USER, Clock, sign_in
from tests.review.fixtures import build_fixture_database
from tests.security.review_server import fixture_copy, review_app


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_database(tmp_path_factory.mktemp("store") / "tracker.db")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(built_store: Path, tmp_path: Path, clock: Clock):
    return review_app(fixture_copy(tmp_path, built_store), clock)


def _attack(app, clock: Clock, attempts: int) -> list[int]:
    """An attacker fails `attempts` times with the coordinator's name, each from a fresh
    address and as soon as the server lets them; returns the waits they were given."""
    attacker = app.test_client()
    waits = []
    for n in range(attempts):
        address = {"REMOTE_ADDR": f"203.0.113.{n % 250 + 1}"}
        response = sign_in(attacker, USER, f"guess number {n}!", **address)
        while response.status_code == 429 and "Retry-After" in response.headers:
            waits.append(int(response.headers["Retry-After"]))
            clock.now += waits[-1]
            response = sign_in(attacker, USER, f"guess number {n}!", **address)
        assert response.status_code in (401, 429)  # 429 without a wait: locked out
    return waits


def test_an_attacker_cannot_lock_a_coordinator_out_by_failing_with_their_name(app, clock):
    office = {"REMOTE_ADDR": "192.0.2.10"}
    browser = app.test_client()
    assert sign_in(browser, **office).status_code == 302  # this browser has signed in before
    browser.post("/logout", data={"csrf_token": _csrf(browser)}, environ_base=office)
    _attack(app, clock, 30)
    # Right after the attack's latest failure: the coordinator's usual browser goes straight in.
    assert sign_in(browser, **office).status_code == 302
    # A browser that never signed in waits a minute at most, then goes in.
    new_browser = app.test_client()
    home = {"REMOTE_ADDR": "198.51.100.7"}
    response = sign_in(new_browser, **home)
    if response.status_code == 429:
        wait = int(response.headers["Retry-After"])
        assert wait <= 60
        clock.now += wait
        response = sign_in(new_browser, **home)
    assert response.status_code == 302


def test_guessing_one_password_from_many_addresses_is_held_to_one_try_a_minute(app, clock):
    started = clock.now
    waits = _attack(app, clock, 20)
    assert waits and max(waits) == 60
    assert clock.now - started >= 60 * (20 - 10)  # most of the 20 guesses waited a full minute


def test_an_attempt_made_too_soon_is_not_checked_so_the_right_password_tells_nothing(app):
    attacker = app.test_client()
    for n in range(3):
        sign_in(attacker, USER, f"wrong {n} wrong {n}")
    response = sign_in(attacker, USER, PASSWORD)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) >= 1


def test_one_address_is_slowed_for_every_name_it_tries(app, clock):
    attacker = app.test_client()
    for n in range(3):
        assert sign_in(attacker, f"guess{n}", "wrong password!").status_code == 401
    assert sign_in(attacker, USER, PASSWORD).status_code == 429
    assert sign_in(app.test_client(), USER, PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_a_forged_or_foreign_device_cookie_is_not_trusted(app, clock):
    from bot.review import devices

    other = app.test_client()
    other.set_cookie(devices.COOKIE, devices.issue("test-secret-key", "someone-else"))
    forged = app.test_client()
    forged.set_cookie(devices.COOKIE, devices.issue("another key", USER))
    _attack(app, clock, 12)
    for browser in (other, forged):
        assert sign_in(browser, REMOTE_ADDR="192.0.2.99").status_code == 429


def _csrf(client) -> str:
    from tests.review.conftest import token

    return token(client)
