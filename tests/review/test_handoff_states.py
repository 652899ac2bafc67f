"""The review tool reads the outbox's states from the outbox's own enumeration."""

from __future__ import annotations

import pytest

from bot.data.schema import OutboxState
from bot.review.store import DELIVERY_STATES, Handoff


def _handoff(status: OutboxState, last_error: str | None = None) -> Handoff:
    return Handoff("a", 1.0, "fi", "website", status, 1, last_error, None)


@pytest.mark.parametrize("status", list(OutboxState))
@pytest.mark.parametrize("last_error", [None, "SMTP timed out"])
def test_every_outbox_state_is_a_delivery_state_coordinators_know(status, last_error):
    assert _handoff(status, last_error).state in DELIVERY_STATES


def test_a_failed_attempt_shows_as_failed_until_the_e_mail_is_sent():
    assert _handoff(OutboxState.QUEUED).state == "queued"
    assert _handoff(OutboxState.QUEUED, "SMTP timed out").state == "failed"
    assert _handoff(OutboxState.SENDING, "SMTP timed out").retrying
    assert _handoff(OutboxState.SENT).state == "sent"


def test_the_stored_value_is_the_plain_string():
    assert str(OutboxState.QUEUED) == "queued" == OutboxState.QUEUED
    assert [state.value for state in OutboxState] == ["draft", "queued", "sending", "sent"]
