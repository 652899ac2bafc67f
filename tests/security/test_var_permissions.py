"""Another account on the server must not read var/: conversations, handoff e-mails, tokens.

The processes are started as an operator would start them, from a shell with the usual umask
022: the review tool's command line and server, the handoff sender's writing of .eml files,
Rasa's tracker store (ours) creating its SQLite file, the API token.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from bot.stack import isolated_settings
from tests.security.review_server import review_server

LOOSE_DIR, LOOSE_FILE = 0o755, 0o644


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The test process runs with umask 022, as a login shell does; restored afterwards."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _readable_by_others(root: Path) -> list[str]:
    exposed = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            exposed.append(f"{path.relative_to(root.parent)} {oct(path.stat().st_mode)}")
    return exposed


def _loosen(var_dir: Path) -> None:
    """var/ as an older version (or a `cp -r`) left it: world-readable."""
    (var_dir / "outbox").mkdir(parents=True, exist_ok=True)
    (var_dir / "outbox" / "1-2.eml").write_text("Yhteystieto (contact): +358 40 765 4321\n")
    (var_dir / "api_token").write_text("old-token")
    (var_dir / "review_secret_key").write_text("k" * 48)
    for path in [var_dir, *var_dir.rglob("*")]:
        path.chmod(LOOSE_DIR if path.is_dir() else LOOSE_FILE)


def test_the_review_command_line_makes_an_existing_var_private(tmp_path, usual_umask):
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    (var_dir / "tracker.db").touch()
    _loosen(var_dir)
    env = {
        **os.environ,
        "KOTOBOT_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'tracker.db'}",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.review", "retention"],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert _readable_by_others(var_dir) == []


def test_the_review_server_repairs_var_at_start_and_keeps_new_files_private(tmp_path, usual_umask):
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    _loosen(var_dir)
    with review_server(var_dir) as server:
        assert server.base
        assert _readable_by_others(var_dir) == []
        sqlite_files = list(var_dir.glob("tracker.db*"))
        assert sqlite_files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in sqlite_files)


def test_handoff_mail_files_and_a_new_database_are_private(tmp_path, usual_umask, monkeypatch):
    from bot.handoff.delivery import build_message, send
    from bot.handoff.outbox import Outbox

    var_dir = tmp_path / "var"
    var_dir.mkdir()
    settings = isolated_settings(var_dir)
    where = Path(
        send(
            build_message("a@b.example", "c@d.example", "s", "b"),
            settings.smtp,
            settings.outbox_dir,
        )
    )
    database = var_dir / "actions.db"
    Outbox(f"sqlite:///{database}")  # the action server creates the table and the file
    token_settings = settings.replace(var_dir=var_dir / "fresh", rasa_api_token="")
    token_settings.api_token()
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert stat.S_IMODE(where.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE((var_dir / "fresh" / "api_token").stat().st_mode) == 0o600
    assert stat.S_IMODE((var_dir / "fresh").stat().st_mode) == 0o700


def test_rasas_tracker_store_creates_its_sqlite_file_private(tmp_path, usual_umask):
    database = tmp_path / "tracker.db"
    code = (
        "import os; os.umask(0o022)\n"
        "from bot.stores import MaskingSQLTrackerStore\n"
        f"MaskingSQLTrackerStore(host='sqlite:///{database}')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_the_clusters_own_directory_is_left_to_the_cluster(tmp_path, usual_umask):
    from bot.private_files import secure_var

    var_dir = tmp_path / "var"
    temp = var_dir / "cluster" / "nginx" / "temp"
    temp.mkdir(parents=True)
    temp.chmod(0o755)  # nginx's workers run as another user when the cluster runs as root
    (var_dir / "tracker.db").write_text("")
    (var_dir / "tracker.db").chmod(LOOSE_FILE)
    secure_var(var_dir)
    assert stat.S_IMODE(temp.stat().st_mode) == 0o755
    assert stat.S_IMODE((var_dir / "tracker.db").stat().st_mode) == 0o600
    # Root: PostgreSQL's system user may enter var/ to reach var/cluster, not list it.
    expected = 0o711 if os.geteuid() == 0 else 0o700
    assert stat.S_IMODE(var_dir.stat().st_mode) == expected
