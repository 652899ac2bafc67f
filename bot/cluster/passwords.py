"""Passwords for the cluster's PostgreSQL roles and Redis, generated once and kept (mode 600).

Kept rather than regenerated because PostgreSQL's data directory remembers its admin password.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

NAMES = ("postgres_admin", "postgres_kotobot", "redis")


def load_or_create(path: Path) -> dict[str, str]:
    """The passwords in `path`, adding any that are missing."""
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    missing = [name for name in NAMES if not stored.get(name)]
    if missing:
        stored.update({name: secrets.token_hex(16) for name in missing})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.chmod(0o600)
        path.write_text(json.dumps(stored, indent=2))
    return stored
