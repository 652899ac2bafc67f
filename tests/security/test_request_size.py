"""Attacks with large bodies on the Rasa server (issue #14, point 4): Sanic read up to 100 MB
of any request before a handler could refuse it. Now a body over RASA_REQUEST_MAX_BYTES
(default 1 MiB) is refused from its Content-Length, before it is read. (The action server's
cap is in test_action_server.py, the Telegram webhook's in test_telegram_webhook.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.security.attacks import announce_huge_body, post
from tests.security.stack import API_TOKEN, SecureStack, secure_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def secure(request: pytest.FixtureRequest) -> Iterator[SecureStack]:
    yield secure_stack(request)


@pytest.mark.parametrize("size", [2_000_000, 50_000_000], ids=["2MB", "50MB"])
def test_a_large_rest_body_is_refused_before_it_is_read(secure, size):
    status, seconds = announce_huge_body(
        "127.0.0.1", secure.settings.rasa_port, "/webhooks/rest/webhook", size
    )
    assert status == 413, f"no refusal within {seconds:.1f} s: the server waited for the body"


def test_a_large_api_body_is_refused_before_it_is_read_even_with_the_token(secure):
    status, seconds = announce_huge_body(
        "127.0.0.1",
        secure.settings.rasa_port,
        "/conversations/someone/tracker/events",
        50_000_000,
        headers={"Authorization": f"Bearer {API_TOKEN}"},
    )
    assert status == 413, f"no refusal within {seconds:.1f} s: the server waited for the body"


def test_an_ordinary_message_is_still_answered(secure):
    status, body = post(
        f"{secure.base}/webhooks/rest/webhook", {"sender": "size-honest", "message": "hei"}
    )
    assert status == 200 and b"text" in body
