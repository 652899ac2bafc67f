"""The real review server (`python -m bot.review` under waitress) on loopback, over the
fixture tracker store with one account: for attacks that go through HTTP as they would, and
for the browser test (tests/e2e/test_review_browser.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import requests

from bot.paths import PROJECT_ROOT
from bot.process import free_port
from tests.review.fixtures import build_fixture_database

USER, PASSWORD = "aino", "kauniainen-review-2025"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class ReviewServer:
    base: str
    env: dict[str, str]
    var_dir: Path

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot.review", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=PROJECT_ROOT,
            timeout=120,
        )

    def sign_in(self, browser: requests.Session, password: str = PASSWORD) -> requests.Response:
        page = browser.get(f"{self.base}/login", timeout=10)
        return browser.post(
            f"{self.base}/login",
            data={"username": USER, "password": password, "csrf_token": csrf(page.text)},
            allow_redirects=False,
            timeout=30,
        )


def csrf(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@contextmanager
def review_server(var_dir: Path, **extra_env: str) -> Iterator[ReviewServer]:
    """A review server over the fixture tracker store in `var_dir`, with one account."""
    database = build_fixture_database(var_dir / "tracker.db")
    port = free_port()
    env = {
        **os.environ,
        "KOTOBOT_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{database}",
        "REVIEW_HOST": "127.0.0.1",
        "REVIEW_PORT": str(port),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        **extra_env,
    }
    env.pop("REVIEW_SECRET_KEY", None)
    server = ReviewServer(f"http://127.0.0.1:{port}", env, var_dir)
    added = server.cli("add-user", USER, stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    with (var_dir / "review.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.review"],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_ready(f"{server.base}/login", process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the review server exited during start-up"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise AssertionError(f"the review server did not answer within {timeout:.0f} s")


def review_app(database: Path, clock, **changes):
    """The review app (Flask test client side) on a copy of the fixture store, with one account
    and the test's clock, as tests/review/conftest.py builds it."""
    from bot.review import auth
    from bot.review.app import create_app
    from bot.review.config import ReviewConfig
    from tests.review.conftest import PASSWORD as REVIEW_PASSWORD
    from tests.review.conftest import USER as REVIEW_USER

    config = ReviewConfig(
        database_url=f"sqlite:///{database}", secret_key="test-secret-key", clock=clock
    )
    app = create_app(replace(config, **changes))
    app.config["TESTING"] = True
    with app.extensions["kotobot_review"].engine.begin() as connection:
        if not auth.user_exists(connection, REVIEW_USER):
            auth.add_user(connection, REVIEW_USER, REVIEW_PASSWORD)
    return app


def fixture_copy(tmp_path: Path, built: Path) -> Path:
    """A fresh copy of a fixture tracker store for one test."""
    return Path(shutil.copy(built, tmp_path / "tracker.db"))
