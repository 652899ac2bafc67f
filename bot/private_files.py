"""var/ holds conversations (SQLite), handoff e-mails (.eml), tokens and keys: only the user the
assistant runs as may read it, whatever the umask of the shell that started it.

Every process that writes there calls `secure_var()` at start: it makes new files private
(umask 077), creates var/ with mode 700 and repairs what an older version or a careless copy
left readable (directories 700, files 600). Files we write ourselves are created 600 at once.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# var/ when `make run-cluster` keeps PostgreSQL there as root: its system user must be able to
# enter var/ to reach var/cluster/postgres, but not list it; every file stays 600.
ENTER_ONLY_DIR = 0o711
CLUSTER_SUBDIR = "cluster"  # bot/cluster sets the permissions of its own directory
PRIVATE_UMASK = 0o077
# What SQLite writes beside a database file.
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")

log = logging.getLogger("kotobot.private_files")


def restrict_umask() -> None:
    """Files and directories this process (and its children) create are its user's only."""
    os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """`path` as a directory only its owner can enter (created if missing)."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _chmod(path, PRIVATE_DIR)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to a new or existing file that only its owner can read."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), PRIVATE_FILE)
        handle.write(data)


def secure_tree(root: Path, skip: tuple[str, ...] = ()) -> None:
    """Directories under `root` 700, regular files 600; links, sockets and the top-level
    entries named in `skip` are left alone."""
    for directory, subdirectories, files in os.walk(root):
        here = Path(directory)
        if here != root:
            _chmod(here, PRIVATE_DIR)
        for name in files:
            _chmod(here / name, PRIVATE_FILE)
        subdirectories[:] = [
            d
            for d in subdirectories
            if not (here / d).is_symlink() and not (here == root and d in skip)
        ]


def private_sqlite(database_url: str) -> None:
    """For a SQLite URL: the database file (created empty if missing) and its journals 600."""
    try:
        url = make_url(database_url)
    except Exception:  # noqa: BLE001 - not ours to validate here
        return
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.parent.exists():
        return
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDECARS)):
        _chmod(candidate, PRIVATE_FILE)


def secure_var(var_dir: Path, database_url: str | None = None) -> None:
    """What every process writing to var/ does first (see the module's docstring)."""
    restrict_umask()
    var_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _chmod(var_dir, var_dir_mode(var_dir))
    secure_tree(var_dir, skip=(CLUSTER_SUBDIR,))
    if database_url:
        private_sqlite(database_url)


def var_dir_mode(var_dir: Path) -> int:
    """700, or 711 when running as root with the cluster's directory in var/."""
    if os.geteuid() == 0 and (var_dir / CLUSTER_SUBDIR).is_dir():
        return ENTER_ONLY_DIR
    return PRIVATE_DIR


def open_for_cluster(var_dir: Path, cluster_dir: Path) -> None:
    """`make run-cluster` as root: PostgreSQL's system user must enter var/ (not list it) when
    the cluster's directory is inside it."""
    if os.geteuid() != 0 or not cluster_dir.resolve().is_relative_to(var_dir.resolve()):
        return
    if stat.S_IMODE(var_dir.stat().st_mode) & 0o001 == 0:
        var_dir.chmod(stat.S_IMODE(var_dir.stat().st_mode) | 0o011)


def _chmod(path: Path, mode: int) -> None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    kind_ok = stat.S_ISREG(info.st_mode) if mode == PRIVATE_FILE else stat.S_ISDIR(info.st_mode)
    if not kind_ok or stat.S_IMODE(info.st_mode) == mode:
        return
    try:
        path.chmod(mode)
    except OSError as error:  # e.g. a file another user owns (a PostgreSQL data directory)
        log.warning("could not make %s private: %s", path, error)
