"""Attacks on the Telegram webhook (issue #14, points 4 and 5): it read the whole body (up to
Sanic's 100 MB) before checking Telegram's secret header, and its messages skipped the guard
that REST, socket.io and polling mode go through (text cleaning, empty and over-long messages,
the rate limit, the apology when Rasa produced no reply)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bot.channels.telegram.config import SECRET_HEADER
from bot.guard.texts import guard_text
from tests.e2e.telegram_standin import TEXT, message_update
from tests.security.attacks import announce_huge_body, post
from tests.security.stack import WEBHOOK_SECRET, SecureStack, secure_stack

pytestmark = pytest.mark.e2e

_ids = itertools.count(7_000)


@pytest.fixture(scope="session")
def secure(request: pytest.FixtureRequest) -> Iterator[SecureStack]:
    yield secure_stack(request)


def _push(secure: SecureStack, chat: int, text: str) -> int:
    update = message_update(TEXT, 90_000_000 + next(_ids), chat, text=text)
    status, _ = post(secure.telegram_url, update, headers={SECRET_HEADER: WEBHOOK_SECRET})
    return status


def _user_texts(secure: SecureStack, chat: int) -> list[str]:
    engine = sa.create_engine(secure.settings.database_url)
    try:
        with engine.connect() as db:
            rows = db.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user'"),
                {"s": f"tg-{chat}"},
            ).all()
    finally:
        engine.dispose()
    return [json.loads(row[0]).get("text") or "" for row in rows]


@pytest.mark.parametrize("secret", [None, "wrong-secret"], ids=["missing", "wrong"])
def test_an_update_without_the_secret_is_refused_before_its_body_is_read(secure, secret):
    headers = {SECRET_HEADER: secret} if secret else {}
    status, seconds = announce_huge_body(
        "127.0.0.1", secure.settings.rasa_port, "/webhooks/telegram/webhook", 200_000, headers
    )
    assert status == 403, f"no refusal within {seconds:.1f} s: the server waited for the body"


@pytest.mark.parametrize("size", [512_000, 5_000_000], ids=["512KB", "5MB"])
def test_an_oversized_update_is_refused_before_it_is_read_even_with_the_secret(secure, size):
    status, seconds = announce_huge_body(
        "127.0.0.1",
        secure.settings.rasa_port,
        "/webhooks/telegram/webhook",
        size,
        {SECRET_HEADER: WEBHOOK_SECRET},
    )
    assert status == 413, f"no refusal within {seconds:.1f} s: the server waited for the body"


def test_an_invisible_message_gets_the_guards_answer(secure):
    chat = 610_000 + next(_ids)
    assert _push(secure, chat, "\u2066\u200b\u2069") == 200
    replies = [call.params["text"] for call in secure.standin.settle(chat)]
    # The sample's Telegram language is Russian, and a new conversation has told nothing yet.
    assert replies == [guard_text("empty_message", "ru")]
    assert _user_texts(secure, chat) == [], "the invisible message reached Rasa"


def test_bidi_overrides_are_cleaned_before_rasa_keeps_the_text(secure):
    chat = 620_000 + next(_ids)
    assert _push(secure, chat, "hei \u202egnp.exe\u202c") == 200
    assert secure.standin.settle(chat)
    texts = _user_texts(secure, chat)
    assert texts and all("\u202e" not in t and "\u202c" not in t for t in texts), texts


def test_an_ordinary_update_is_still_answered(secure):
    chat = 630_000 + next(_ids)
    assert _push(secure, chat, "hei") == 200
    assert secure.standin.settle(chat)
