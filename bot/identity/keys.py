"""Server secrets: from the settings (the environment), else generated once into var/ (mode 600).

Several processes (Rasa servers, the Telegram polling runner, the tests) may ask for the same
secret at the same moment; the file is created exclusively, so they all end up with the one
value that won.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from bot.settings import Settings, get_settings


def secret(configured: str, path: Path, env_name: str) -> str:
    """The configured value (from `env_name`), or the contents of `path`, created with a random
    value if missing."""
    if configured:
        return configured
    for _ in range(50):
        if path.exists():
            value = path.read_text().strip()
            if value:
                return value
            time.sleep(0.02)  # another process is writing it
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        value = secrets.token_urlsafe(32)
        with os.fdopen(fd, "w") as file:
            file.write(value)
        return value
    raise RuntimeError(f"{path} stays empty; delete it or set {env_name}")


def session_secret(settings: Settings) -> str:
    """Key for signing conversation ids and hashing client addresses (SESSION_SECRET)."""
    configured = settings.identity.session_secret
    return secret(configured, settings.var_dir / "session_secret", "SESSION_SECRET")


def rest_token(var_dir: Path, configured: str | None = None) -> str:
    """Bearer token of trusted REST callers, who may choose sender and input_channel
    (REST_TRUSTED_TOKEN, by default this process's; else the file in `var_dir`)."""
    if configured is None:
        configured = get_settings().identity.rest_trusted_token
    return secret(configured, var_dir / "rest_token", "REST_TRUSTED_TOKEN")
