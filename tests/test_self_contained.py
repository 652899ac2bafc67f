"""The repository runs from a clone in any folder: nothing in it reads a path outside it."""

from __future__ import annotations

import re
import subprocess

from bot.paths import PROJECT_ROOT
from tests.conftest import SEED_FILE

# What escapes the repository: the parent of its root, or the reference folder that sits
# beside the working copy on the developers' machines (a clone elsewhere has neither).
_OUTSIDE = re.compile(r"PROJECT_ROOT\.parent\b|\.\./shared\b|[\"'/]shared/(seed|telegram)")
_CHECKED = ("bot", "actions", "tests", "scripts", "Makefile", ".ci", "config.yml", "endpoints.yml")


def _tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *_CHECKED],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line and line != "tests/test_self_contained.py"]


def test_no_file_reads_outside_the_repository() -> None:
    offenders = []
    for name in _tracked_files():
        path = PROJECT_ROOT / name
        if not path.is_file() or path.suffix in {".json", ".png", ".tsv"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [
            f"{name}:{number}: {line.strip()}"
            for number, line in enumerate(text.splitlines(), 1)
            if _OUTSIDE.search(line)
        ]
    assert not offenders, "paths outside the repository:\n" + "\n".join(offenders)


def test_the_programme_and_telegram_samples_are_in_the_repository() -> None:
    assert SEED_FILE.is_relative_to(PROJECT_ROOT)
    assert "Vastuutaulukko" in SEED_FILE.read_text(encoding="utf-8")
    samples = PROJECT_ROOT / "tests" / "data" / "telegram-updates"
    assert len(list(samples.glob("0*_*.json"))) >= 6
