"""Attacks on the Rasa HTTP API token and the socket.io origin check (issue #14, point 8), and
the REST channel's CORS.

The token was on the `rasa` command line (any user of the machine reads it with `ps`) and in
URLs (the readiness check's /status?token=, kept by access logs and proxies). socket.io
accepted every browser origin, whatever CORS_ORIGINS says. A page on an allowed origin could
not read X-Kotobot-Session, the REST conversation's token (not in the exposed headers).
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
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


def _rest(base: str, origin: str, body: dict | None = None) -> tuple[int, dict[str, str]]:
    """A browser page's fetch() to the REST channel (a preflight when `body` is None): the
    status and the response headers, names in lower case."""
    url = f"{base}/webhooks/rest/webhook"
    if body is None:
        request = urllib.request.Request(
            url,
            method="OPTIONS",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
    else:
        request = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={"Origin": origin, "Content-Type": "application/json"},
        )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def _exposed(headers: dict[str, str]) -> set[str]:
    listed = headers.get("access-control-expose-headers", "")
    return {name.strip().lower() for name in listed.split(",") if name.strip()}


def test_a_page_on_an_allowed_origin_may_read_the_rest_conversation_token(secure):
    allowed = secure.settings.cors_origins.split()[0]
    status, preflight = _rest(secure.base, allowed)
    assert status in (200, 204) and preflight["access-control-allow-origin"] == allowed
    status, headers = _rest(secure.base, allowed, {"sender": "cors-page", "message": "hei"})
    assert status == 200 and headers.get("x-kotobot-session")
    assert headers["access-control-allow-origin"] == allowed
    assert "x-kotobot-session" in _exposed(headers)


def test_a_page_on_a_foreign_origin_gets_no_cors_for_the_rest_channel(secure):
    allowed = secure.settings.cors_origins.split()[0]
    _, first = _rest(secure.base, allowed, {"sender": "cors-page", "message": "hei"})
    token = first["x-kotobot-session"]  # continue that conversation: no new one is counted
    _, preflight = _rest(secure.base, FOREIGN_ORIGIN)
    assert "access-control-allow-origin" not in preflight
    _, headers = _rest(secure.base, FOREIGN_ORIGIN, {"sender": token, "message": "kiitos"})
    assert "access-control-allow-origin" not in headers  # the browser hides the answer
    assert not _exposed(headers)
