"""An unreachable database stops the start at once, with a message that says what to fix."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from bot.paths import PROJECT_ROOT
from bot.process import free_port


def _run(module: str, tmp_path, database_url: str) -> tuple[subprocess.CompletedProcess, float]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "KOTOBOT_VAR_DIR": str(tmp_path),
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "WIDGET_PORT": str(free_port()),
        "TELEGRAM_BOT_TOKEN": "",
    }
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", module],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, time.monotonic() - started


def _assert_clear_refusal(result: subprocess.CompletedProcess, elapsed: float, port: int) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert elapsed < 20, f"took {elapsed:.1f} s"
    assert f"127.0.0.1:{port}" in result.stderr and "DATABASE_URL" in result.stderr
    assert "Traceback" not in output
    assert "s3cret" not in output, "the password is never printed"


def test_preflight_refuses_an_unreachable_postgresql(tmp_path):
    port = free_port()  # nothing listens there
    result, elapsed = _run("bot.preflight", tmp_path, f"postgresql://u:s3cret@127.0.0.1:{port}/db")
    _assert_clear_refusal(result, elapsed, port)


def test_preflight_accepts_a_sqlite_file(tmp_path):
    result, _ = _run("bot.preflight", tmp_path, f"sqlite:///{tmp_path / 'tracker.db'}")
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(
    "check_database" not in (PROJECT_ROOT / "bot" / "run.py").read_text(encoding="utf-8"),
    reason="the pre-flight check is not called from bot/run.py yet",
)
def test_the_run_command_stops_at_once_when_the_database_is_unreachable(tmp_path):
    port = free_port()
    result, elapsed = _run("bot.run", tmp_path, f"postgresql://u:s3cret@127.0.0.1:{port}/db")
    _assert_clear_refusal(result, elapsed, port)
