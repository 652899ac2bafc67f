"""Accounts and sign-in: argon2 hashes, the add-user command, rate limiting, cookie flags and
the secret key."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
import sqlalchemy as sa

from bot.paths import PROJECT_ROOT
from bot.review import auth, tables
from bot.review.config import secret_key
from tests.review.conftest import PASSWORD, USER, sign_in


def test_passwords_are_stored_as_argon2id_hashes(app):
    with app.extensions["kotobot_review"].engine.connect() as connection:
        stored = connection.execute(sa.select(tables.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert auth.verify_password(stored, PASSWORD)
    assert not auth.verify_password(stored, PASSWORD + "!")
    assert not auth.verify_password("not a hash", PASSWORD)
    assert auth.hash_password(PASSWORD) != stored  # salted


def test_a_coordinator_signs_in_with_name_and_password(client):
    response = sign_in(client)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(("user", "password"), [(USER, "wrong password!"), ("nobody", PASSWORD)])
def test_a_wrong_name_or_password_is_refused(client, user, password):
    response = sign_in(client, user, password)
    assert response.status_code == 401 and "Wrong name or password." in response.text
    assert client.get("/").status_code == 302


def test_the_session_cookie_is_httponly_and_samesite_lax(client):
    response = sign_in(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_the_session_cookie_is_secure_when_configured(make_app):
    client = make_app(secure_cookies=True).test_client()
    response = sign_in(client)
    assert "Secure" in response.headers["Set-Cookie"]


def test_failures_from_an_address_make_it_wait_longer_and_longer(client, clock):
    for _ in range(3):  # a few typos cost nothing
        assert sign_in(client, USER, "wrong password!").status_code == 401
    waits = []
    for _ in range(4):
        refused = sign_in(client, USER, PASSWORD)  # too soon: refused unchecked
        assert refused.status_code == 429 and "Too many failed sign-ins" in refused.text
        waits.append(int(refused.headers["Retry-After"]))
        clock.now += waits[-1]
        assert sign_in(client, USER, "wrong password!").status_code == 401
    assert waits == [1, 2, 4, 8]
    clock.now += 16
    assert sign_in(client, USER, PASSWORD).status_code == 302


def test_a_success_clears_that_users_failures(client, clock):
    for _ in range(3):
        sign_in(client, USER, "wrong password!")
    clock.now += 1
    assert sign_in(client, USER, PASSWORD).status_code == 302
    client.post("/logout", data={"csrf_token": _token(client)})
    for _ in range(3):
        assert sign_in(client, USER, "wrong password!").status_code == 401
    clock.now += 1
    assert sign_in(client, USER, PASSWORD).status_code == 302


def _token(client) -> str:
    from tests.review.conftest import token

    return token(client)


def _cli(
    args: list[str], database, var_dir, stdin: str = "", **settings: str
) -> subprocess.CompletedProcess:
    """`python -m bot.review …` on `database`, with `settings` in its environment (else the
    defaults: no variable of the review tool is passed on from this process)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("REVIEW_", "RETENTION_"))},
        "DATABASE_URL": f"sqlite:///{database}",
        "KOTOBOT_VAR_DIR": str(var_dir),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        **settings,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.review", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
    )


def _users(database) -> dict[str, str]:
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT name, password_hash FROM review_users"))
        users = {row.name: row.password_hash for row in rows}
    engine.dispose()
    return users


def test_add_user_reads_the_password_from_standard_input(tmp_path):
    database = tmp_path / "tracker.db"
    result = _cli(["add-user", "aino"], database, tmp_path, "a long enough secret\n")
    assert result.returncode == 0, result.stderr
    users = _users(database)
    assert auth.verify_password(users["aino"], "a long enough secret")
    again = _cli(["add-user", "aino"], database, tmp_path, "another long secret\n")
    assert again.returncode == 2 and "exists already" in again.stderr
    replaced = _cli(["add-user", "aino", "--replace"], database, tmp_path, "another long secret\n")
    assert replaced.returncode == 0
    assert auth.verify_password(_users(database)["aino"], "another long secret")


@pytest.mark.parametrize("password", ["", "short pass1", "            "])
def test_add_user_refuses_a_short_or_empty_password(tmp_path, password):
    database = tmp_path / "tracker.db"
    result = _cli(["add-user", "aino"], database, tmp_path, password + "\n")
    assert result.returncode == 2 and "add-user:" in result.stderr
    assert "aino" not in _users(database)


def test_remove_user(tmp_path):
    database = tmp_path / "tracker.db"
    _cli(["add-user", "aino"], database, tmp_path, "a long enough secret\n")
    assert _cli(["remove-user", "aino"], database, tmp_path).returncode == 0
    assert _users(database) == {}
    assert _cli(["remove-user", "aino"], database, tmp_path).returncode == 1


def test_the_secret_key_is_generated_once_into_var_with_mode_600(tmp_path):
    key = secret_key("", tmp_path)
    path = tmp_path / "review_secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 32 and secret_key("", tmp_path) == key
    assert secret_key("from-the-environment", tmp_path) == "from-the-environment"


def test_the_server_settings_come_from_the_environment(tmp_path):
    from bot.review.config import ReviewConfig
    from bot.settings import load_settings

    env = {
        "KOTOBOT_VAR_DIR": str(tmp_path),
        "REVIEW_SECRET_KEY": "k" * 40,
        "REVIEW_SECURE_COOKIES": "1",
        "REVIEW_PORT": "18091",
        "REVIEW_HOST": "0.0.0.0",
    }
    config = ReviewConfig.of(load_settings(env))
    assert (config.secure_cookies, config.port, config.host) == (True, 18091, "0.0.0.0")
    assert config.secret_key == "k" * 40
    config = ReviewConfig.of(load_settings({"KOTOBOT_VAR_DIR": str(tmp_path)}))
    assert (config.secure_cookies, config.port, config.host) == (False, 8090, "127.0.0.1")
