"""Attacks on the action server (issue #14, point 1): it must listen on loopback only, refuse
calls without the shared secret the Rasa server sends (before reading their body), and queue a
handoff only within the daily limit and with consent and confirmation in the conversation's
own events, whatever the slots of the call say."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.handoff.outbox import Outbox
from bot.process import Server
from bot.settings import Settings
from bot.stack import action_server, isolated_settings
from tests.security.attacks import (
    action_call,
    announce_huge_body,
    outside_address,
    post,
    reachable,
    slot_event,
)

pytestmark = pytest.mark.e2e

VICTIM_CONTACT = "victim.person@example.com"


class Actions:
    def __init__(self, settings: Settings, server: Server, log_path: Path) -> None:
        self.settings = settings
        self.server = server
        self.log_path = log_path
        self.outbox = Outbox(settings.database_url)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.action_port}/webhook"

    def token_headers(self) -> dict[str, str]:
        """What the Rasa server sends (its shared secret), for the calls that should pass."""
        token_of = getattr(self.settings, "action_token", None)
        return {"Authorization": f"Bearer {token_of()}"} if token_of else {}

    def queued(self, sender: str) -> int:
        return self.outbox.count_since(sender, time.time() - 86400)


@pytest.fixture(scope="module")
def actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Actions]:
    """The action server started the way the run command and the e2e tests start it."""
    var_dir = tmp_path_factory.mktemp("sec-actions")
    settings = isolated_settings(var_dir, coordinator_email="coordinator@kotobot.test")
    log_path = var_dir / "actions.log"
    log = log_path.open("w")
    server = action_server(settings, log=log)
    try:
        server.start()
        server.wait_ready(timeout=120)
        yield Actions(settings, server, log_path)
    except Exception:
        print("--- actions.log ---\n" + log_path.read_text()[-5000:])
        raise
    finally:
        server.stop()
        log.close()


def _agreed_events(now: float) -> list[dict[str, Any]]:
    """A conversation that went through the gate and the form, as Rasa records it."""
    return [
        {"event": "action", "name": "action_handoff_gate", "timestamp": now - 60},
        slot_event("handoff_consent", True, now - 50),
        slot_event("handoff_contact", "[EMAIL]", now - 40),
        slot_event("handoff_description", "skipped", now - 30),
        slot_event("handoff_confirm", True, now - 20),
    ]


def test_the_action_server_is_not_reachable_from_outside_this_machine(actions):
    address = outside_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    assert reachable("127.0.0.1", actions.settings.action_port)
    assert not reachable(address, actions.settings.action_port), (
        f"the action server answers on {address}"
    )


def test_a_forged_call_cannot_read_another_persons_handoff_draft(actions):
    actions.outbox.save_draft("victim-draft", contact=VICTIM_CONTACT, description="my story")
    status, body = post(
        actions.url, action_call("action_ask_handoff_confirm", "victim-draft", intent="inform")
    )
    assert VICTIM_CONTACT.encode() not in body
    assert status == 401


def test_a_forged_call_cannot_queue_an_email_to_the_coordinator(actions):
    sender = "forged-submit"
    validate = action_call(
        "validate_handoff_form",
        sender,
        slots={"handoff_consent": True, "requested_slot": "handoff_contact"},
        intent="inform",
    )
    validate["tracker"]["latest_message"]["text"] = "attacker@example.com"
    status, _ = post(actions.url, validate)
    assert status == 401
    now = time.time()
    submit = action_call(
        "action_submit_handoff",
        sender,
        slots={"handoff_consent": True, "handoff_confirm": True},
        events=_agreed_events(now),
    )
    status, _ = post(actions.url, submit)
    assert status == 401
    actions.outbox.save_draft(sender, contact="attacker@example.com")  # even with a draft
    assert post(actions.url, submit)[0] == 401
    assert actions.queued(sender) == 0


@pytest.mark.parametrize("token", ["wrong", ""], ids=["wrong-token", "empty-token"])
def test_a_wrong_token_is_refused(actions, token):
    actions.outbox.save_draft("victim-wrong", contact=VICTIM_CONTACT)
    status, body = post(
        actions.url,
        action_call("action_ask_handoff_confirm", "victim-wrong", intent="inform"),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert status == 401 and VICTIM_CONTACT.encode() not in body


def test_an_unauthenticated_call_is_refused_before_its_body_is_read(actions):
    status, seconds = announce_huge_body(
        "127.0.0.1", actions.settings.action_port, "/webhook", 50_000_000
    )
    assert status == 401, f"no refusal within {seconds:.1f} s: the server waited for the body"


def test_an_oversized_body_is_refused_before_it_is_read_even_with_the_token(actions):
    status, _ = announce_huge_body(
        "127.0.0.1",
        actions.settings.action_port,
        "/webhook",
        50_000_000,
        headers=actions.token_headers(),
    )
    assert status == 413


def test_the_submit_action_checks_the_daily_limit_itself(actions):
    """The limit was only checked by the gate: a call straight to the submit action (a story
    path without the gate, or a replayed call) queued a fourth e-mail."""
    sender = "over-the-limit"
    limit = actions.settings.handoff_daily_limit
    for _ in range(limit):
        actions.outbox.enqueue(
            sender, language="en", channel="rest", recipient="c@x.test", subject="s", body="b"
        )
    actions.outbox.save_draft(sender, contact="someone@example.com")
    now = time.time()
    call = action_call(
        "action_submit_handoff",
        sender,
        slots={"handoff_consent": True, "handoff_confirm": True},
        events=_agreed_events(now),
    )
    status, body = post(actions.url, call, headers=actions.token_headers())
    assert status == 200, body
    assert actions.queued(sender) == limit


def test_the_submit_action_wants_consent_and_confirmation_in_the_events_not_the_slots(actions):
    sender = "slots-only"
    actions.outbox.save_draft(sender, contact="someone@example.com")
    call = action_call(
        "action_submit_handoff",
        sender,
        slots={"handoff_consent": True, "handoff_confirm": True},
        events=[{"event": "action", "name": "action_handoff_gate", "timestamp": time.time()}],
    )
    status, body = post(actions.url, call, headers=actions.token_headers())
    assert status == 200, body
    assert actions.queued(sender) == 0


def test_the_rasa_servers_call_with_the_token_still_works(actions):
    """The honest path: the Rasa server's call, with the shared secret, is served."""
    sender = "honest"
    actions.outbox.save_draft(sender, contact="honest.person@example.com")
    call = action_call(
        "action_submit_handoff",
        sender,
        slots={"handoff_consent": True, "handoff_confirm": True},
        events=_agreed_events(time.time()),
    )
    status, body = post(actions.url, call, headers=actions.token_headers())
    assert status == 200, body
    assert actions.queued(sender) == 1
