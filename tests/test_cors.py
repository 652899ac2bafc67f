"""The Rasa server's CORS (bot/rasa_server.py `expose_session_header`): a page on an allowed
origin may read X-Kotobot-Session, the REST channel's conversation token; any other origin
still gets no CORS headers. The CORS that sanic-cors computes for a REST answer is checked here
without a server; tests/security/test_api_token.py asks the real Rasa server."""

from __future__ import annotations

import itertools

import pytest
import rasa.server
from sanic import Sanic
from sanic.compat import Header
from sanic_cors.core import get_cors_headers, try_match

from bot.channels.rest import SESSION_HEADER
from bot.rasa_server import expose_session_header

ALLOWED = "https://www.kauniainen.fi"
OTHER_ALLOWED = "http://localhost:8080"
FOREIGN = "https://attacker.example"
REST = "/webhooks/rest/webhook"
_names = itertools.count()


def _cors_options(configure, path: str = REST) -> dict:
    """The sanic-cors options `configure` gives the app for `path`, as Rasa calls it."""
    app = Sanic(f"kotobot_cors_test_{next(_names)}")
    configure(app, [ALLOWED, OTHER_ALLOWED])
    for pattern, options in app.ctx.sanic_cors.resources:
        if try_match(path, pattern):
            return options
    raise AssertionError(f"no CORS resource for {path}")


@pytest.fixture
def rasas_own():
    return rasa.server.configure_cors


@pytest.fixture
def ours(monkeypatch, rasas_own):
    monkeypatch.setattr(rasa.server, "configure_cors", rasas_own)  # put back after the test
    expose_session_header()
    return rasa.server.configure_cors


def _answer_headers(options: dict, origin: str, method: str = "POST") -> Header:
    request = {"Origin": origin}
    if method == "OPTIONS":  # the preflight of a fetch() with Content-Type: application/json
        request |= {
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        }
    return get_cors_headers(options, Header(request), method)


@pytest.mark.parametrize("origin", [ALLOWED, OTHER_ALLOWED])
def test_a_page_on_an_allowed_origin_may_read_the_conversation_token(ours, origin):
    headers = _answer_headers(_cors_options(ours), origin)
    assert headers["Access-Control-Allow-Origin"] == origin
    exposed = {h.strip().lower() for h in headers["Access-Control-Expose-Headers"].split(",")}
    assert SESSION_HEADER.lower() in exposed
    assert "filename" in exposed  # Rasa's own stays exposed


@pytest.mark.parametrize("method", ["POST", "OPTIONS"])
def test_a_page_on_another_origin_still_gets_no_cors_at_all(ours, method):
    headers = _answer_headers(_cors_options(ours), FOREIGN, method)
    assert "Access-Control-Allow-Origin" not in headers
    assert "Access-Control-Expose-Headers" not in headers


def test_the_preflight_of_an_allowed_page_is_answered(ours):
    headers = _answer_headers(_cors_options(ours), ALLOWED, "OPTIONS")
    assert headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in headers["Access-Control-Allow-Methods"]


def test_only_the_exposed_headers_differ_from_rasas_own_cors(ours, rasas_own):
    assert ours.__module__ == "bot.rasa_server" and rasas_own.__module__ == "rasa.server"
    rasas = dict(_cors_options(rasas_own))
    mine = dict(_cors_options(ours))
    assert rasas.pop("expose_headers") == "filename"
    assert mine.pop("expose_headers") == f"filename, {SESSION_HEADER}"
    assert mine == rasas
