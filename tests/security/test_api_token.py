"""Attacks on the Rasa HTTP API token and the socket.io origin check (issue #14, point 8).

The token was on the `rasa` command line (any user of the machine reads it with `ps`) and in
URLs (the readiness check's /status?token=, kept by access logs and proxies). socket.io
accepted every browser origin, whatever CORS_ORIGINS says.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.stack import isolated_settings, rasa_server
from tests.security.attacks import get
from tests.security.stack import API_TOKEN, SecureStack, secure_stack

pytestmark = pytest.mark.e2e

FOREIGN_ORIGIN = "http://attacker.example"


@pytest.fixture(scope="session")
def secure(request: pytest.FixtureRequest) -> Iterator[SecureStack]:
    yield secure_stack(request)


def _command_lines() -> dict[int, str]:
    """Every process's command line, as `ps` (or any local user) reads it."""
    lines = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                raw = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            lines[int(entry.name)] = raw.replace(b"\0", b" ").decode("utf-8", "replace")
    return lines


def test_the_api_token_is_on_no_command_line(secure):
    assert secure.rasa.running()
    exposed = {pid: line for pid, line in _command_lines().items() if API_TOKEN in line}
    assert not exposed, f"the API token is on the command line of {sorted(exposed)}"


def test_the_readiness_check_puts_the_token_in_no_url(tmp_path):
    settings = isolated_settings(tmp_path)
    server = rasa_server(settings, "a-token-for-this-test-only")
    assert "a-token-for-this-test-only" not in (server.ready_url or "")
    assert not any("a-token-for-this-test-only" in part for part in server.command)


def test_the_api_takes_the_token_in_a_header(secure):
    status_url = f"{secure.base}/status"
    assert get(status_url)[0] == 401
    assert get(status_url, {"Authorization": "Bearer not-the-token"})[0] == 401
    assert get(status_url, {"Authorization": f"Bearer {API_TOKEN}x"})[0] == 401
    assert get(status_url, {"Authorization": f"Bearer {API_TOKEN}"})[0] == 200


def _handshake(base: str, origin: str | None) -> tuple[int, bytes, list[str]]:
    """An engine.io polling handshake, as a browser page on `origin` starts one."""
    import urllib.error
    import urllib.request

    headers = {"Origin": origin} if origin else {}
    request = urllib.request.Request(f"{base}/socket.io/?EIO=4&transport=polling", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            allow = response.headers.get_all("Access-Control-Allow-Origin") or []
            return response.status, response.read(), allow
    except urllib.error.HTTPError as error:
        return error.code, error.read(), []


def test_socketio_refuses_a_page_from_a_foreign_origin(secure):
    status, _, allow = _handshake(secure.base, FOREIGN_ORIGIN)
    assert status == 400, "a page on another origin opened a socket.io session"
    assert FOREIGN_ORIGIN not in allow


def test_socketio_refuses_a_websocket_from_a_foreign_origin(secure):
    """Browsers apply no CORS to WebSockets: only the server's origin check stops the page."""
    port = secure.settings.rasa_port
    lines = [
        "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        f"Origin: {FOREIGN_ORIGIN}",
    ]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = connection.recv(4096)
    status = int(answer.split(b" ", 2)[1])
    assert status != 101, "a page on another origin opened a WebSocket to the bot"


def test_socketio_still_serves_the_allowed_origin_and_clients_without_one(secure):
    allowed = secure.settings.cors_origins.split()[0]
    status, body, allow = _handshake(secure.base, allowed)
    assert status == 200 and b"sid" in body
    assert allow == [allowed], "exactly one Access-Control-Allow-Origin, or browsers refuse it"
    status, body, _ = _handshake(secure.base, None)
    assert status == 200 and b"sid" in body
