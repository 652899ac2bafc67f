"""Limits a client could reset by changing ids (issue #14, point 3), as attacks on the real
servers: new conversations and handoff e-mails per client address, and a global daily cap on
handoffs. Before the fix every new sender id was a new, unlimited conversation with its own
allowance of 3 handoffs a day. Every test here fails on that code.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
import sqlalchemy as sa

from bot.catalogue import get_catalogue
from bot.guard.texts import guard_text
from bot.handoff.limits import global_cap_reached
from bot.i18n import text
from bot.review import auth
from bot.review.app import create_app
from bot.review.config import ReviewConfig
from tests.e2e.sockets import WidgetClient
from tests.review.conftest import PASSWORD, USER, sign_in
from tests.security.limits_stack import (
    HANDOFF_CLIENT_DAILY_LIMIT,
    HANDOFF_GLOBAL_DAILY_LIMIT,
    NEW_CONVERSATIONS_PER_HOUR,
    RestCaller,
    handoff,
    post,
    secure_stack,  # noqa: F401  (the fixture)
)

pytestmark = pytest.mark.e2e


def _catalogue_email() -> str:
    return get_catalogue().providers["kauniainen_integration_services"].email


def test_new_rest_conversations_from_one_address_are_limited(secure_stack):  # noqa: F811
    stack = secure_stack
    source = "127.0.0.10"
    answers = [
        post(
            stack,
            {"sender": uuid.uuid4().hex, "message": "hei", "metadata": {"language": "fi"}},
            source,
        )
        for _ in range(NEW_CONVERSATIONS_PER_HOUR + 2)
    ]
    statuses = [status for status, _, _ in answers]
    assert statuses == [200] * NEW_CONVERSATIONS_PER_HOUR + [429, 429]
    refused = answers[-1][2]
    assert [r["text"] for r in refused] == [guard_text("too_many_conversations", "fi")]
    # a conversation the address already has goes on; another address is not affected
    token = answers[0][1]["X-Kotobot-Session"]
    assert post(stack, {"sender": token, "message": "kiitos"}, source)[0] == 200
    assert post(stack, {"sender": "b", "message": "hei"}, "127.0.0.11")[0] == 200


def test_new_widget_sessions_from_one_address_are_limited(secure_stack):  # noqa: F811
    stack = secure_stack

    async def scenario() -> list[WidgetClient]:
        clients = []
        for _ in range(NEW_CONVERSATIONS_PER_HOUR + 1):
            async with WidgetClient(stack.base, source="127.0.0.12", language="ar") as client:
                clients.append(client)
        return clients

    clients = asyncio.run(scenario())
    assert all(c.refusal is None for c in clients[:NEW_CONVERSATIONS_PER_HOUR])
    assert clients[-1].refusal == {"text": guard_text("too_many_conversations", "ar")}


def test_handoffs_from_one_address_are_limited_across_new_conversations(secure_stack):  # noqa: F811
    stack = secure_stack
    before = len(stack.mailbox.messages)
    outcomes = []
    for index in range(HANDOFF_CLIENT_DAILY_LIMIT + 1):
        caller = RestCaller(stack, "127.0.0.13", f"spam-{index}")
        outcomes.append(handoff(caller.say, f"spam{index}@example.com")[-1])
    sent = [t for t in outcomes if t.startswith(text("handoff_sent", "en", contact="")[:20])]
    assert len(sent) == HANDOFF_CLIENT_DAILY_LIMIT
    assert outcomes[-1] == text("handoff_client_limit", "en", email=_catalogue_email())
    assert len(stack.mailbox.messages) - before <= HANDOFF_CLIENT_DAILY_LIMIT


def test_a_global_daily_cap_stops_handoffs_from_every_address(secure_stack):  # noqa: F811
    stack = secure_stack
    refused = None
    try:
        for index in range(HANDOFF_GLOBAL_DAILY_LIMIT + 1):
            caller = RestCaller(stack, f"127.0.1.{index + 1}", f"many-{index}")
            last = handoff(caller.say, f"many{index}@example.com")[-1]
            if not last.startswith(text("handoff_sent", "en", contact="")[:20]):
                refused = last
                break
        assert refused == text("handoff_global_limit", "en", email=_catalogue_email())
        assert global_cap_reached(stack.settings.database_url, HANDOFF_GLOBAL_DAILY_LIMIT)
        log = (stack.log_dir / "actions.log").read_text()
        assert "handoff limit: the global cap of 5 handoffs in 24 hours is reached" in log
        assert "global cap of 5 handoffs in 24 hours" in _review_front_page(stack)
    finally:
        _a_new_day(stack)


def _review_front_page(stack) -> str:
    """The review tool's first page, as a signed-in coordinator sees it, on the stack's
    database and limits."""
    settings = stack.settings
    config = ReviewConfig(
        database_url=settings.database_url,
        secret_key="security-tests",
        handoff_cap=settings.handoff_global_daily_limit,
    )
    app = create_app(config)
    app.config["TESTING"] = True
    with app.extensions["kotobot_review"].engine.begin() as connection:
        auth.add_user(connection, USER, PASSWORD)
    client = app.test_client()
    assert sign_in(client).status_code == 302
    return client.get("/").text


def _a_new_day(stack) -> None:
    """Forget the handoffs counted so far, so the other security tests may start handoffs."""
    engine = sa.create_engine(stack.settings.database_url)
    try:
        with engine.begin() as db:
            if sa.inspect(db).has_table("handoff_log"):
                db.exec_driver_sql("DELETE FROM handoff_log")
    finally:
        engine.dispose()
