"""A bad start is a clear message and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT


def _run_kotobot(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KOTOBOT_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-m", "bot.run"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_model_says_how_to_train(tmp_path):
    result = _run_kotobot(
        tmp_path, KOTOBOT_MODEL=str(tmp_path / "none.tar.gz"), RASA_PORT="0", ACTION_PORT="0"
    )
    assert result.returncode == 2
    assert "No trained model" in result.stderr and "make train" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_port_in_use_names_the_port_and_the_variable(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run_kotobot(tmp_path, RASA_PORT=str(port))
    assert result.returncode == 2
    assert f"Port {port}" in result.stderr and "RASA_PORT" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_bad_value_names_the_variable_and_what_it_must_be(tmp_path):
    result = _run_kotobot(tmp_path, REVIEW_PORT="abc")
    assert result.returncode == 1
    assert result.stderr.strip() == "REVIEW_PORT must be a port number, got 'abc'"


@pytest.mark.skipif(
    Path("/usr/bin/python3.10").exists() or Path("/bin/python3.10").exists(),
    reason="this machine has a system Python 3.10",
)
def test_setup_without_python_310_names_what_is_missing(tmp_path):
    shutil.copy(PROJECT_ROOT / "scripts" / "setup.sh", tmp_path / "setup.sh")
    (tmp_path / "scripts").mkdir()
    shutil.move(tmp_path / "setup.sh", tmp_path / "scripts" / "setup.sh")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(PROJECT_ROOT / name, tmp_path / name)
    result = subprocess.run(
        ["bash", "scripts/setup.sh"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Python 3.10 was not found" in result.stderr
