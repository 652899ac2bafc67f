"""Where Debian's packages put PostgreSQL, Redis and nginx, and what to do when one is missing.

The cluster uses the distribution's servers as they are (no download at run time); the
set-up installs them with apt (`make setup-cluster`).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

APT_PACKAGES = ("postgresql", "redis-server", "nginx")
POSTGRESQL_ROOT = Path("/usr/lib/postgresql")


class MissingPackages(RuntimeError):
    """Some of the Debian packages the cluster runs on are not installed."""

    def __init__(self, packages: list[str]) -> None:
        self.packages = packages
        super().__init__(
            f"the cluster needs Debian's packages {', '.join(packages)}: run `make setup-cluster` "
            f"(or: apt-get install -y --no-install-recommends {' '.join(APT_PACKAGES)})"
        )


@dataclass(frozen=True)
class Tools:
    """The executables the cluster starts."""

    postgres_bin: Path  # /usr/lib/postgresql/<version>/bin: initdb and postgres
    redis_server: Path
    nginx: Path


def _postgres_bin() -> Path | None:
    versions = [p for p in POSTGRESQL_ROOT.glob("*/bin") if (p / "postgres").exists()]
    versions = [p for p in versions if (p / "initdb").exists() and p.parent.name.isdigit()]
    return max(versions, key=lambda p: int(p.parent.name), default=None)


def _executable(name: str) -> Path | None:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    return Path(found) if found else None


def missing_packages() -> list[str]:
    """The Debian packages that still need installing (empty when all are there)."""
    found = {
        "postgresql": _postgres_bin(),
        "redis-server": _executable("redis-server"),
        "nginx": _executable("nginx"),
    }
    return [package for package in APT_PACKAGES if found[package] is None]


def find_tools() -> Tools:
    """The servers' executables, or MissingPackages naming what to install."""
    postgres_bin, redis_server, nginx = (
        _postgres_bin(),
        _executable("redis-server"),
        _executable("nginx"),
    )
    if postgres_bin is None or redis_server is None or nginx is None:
        raise MissingPackages(missing_packages())
    return Tools(postgres_bin=postgres_bin, redis_server=redis_server, nginx=nginx)


if __name__ == "__main__":
    # `python -m bot.cluster.debian`: the packages still to install, one a line (for make).
    print("\n".join(missing_packages()))
