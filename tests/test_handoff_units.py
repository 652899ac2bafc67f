"""Handoff parts without servers: contact parsing, the outbox, the e-mail, the retry policy."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from bot.catalogue import get_catalogue
from bot.handoff.compose import HandoffRequest, Turn, body, subject
from bot.handoff.contact import parse_contact
from bot.handoff.delivery import build_message, send
from bot.handoff.outbox import Outbox
from bot.handoff.sender import backoff, deliver_due
from bot.settings import SmtpSettings, get_settings


@pytest.mark.parametrize(
    ("said", "kind", "value"),
    [
        ("matti@example.com", "email", "matti@example.com"),
        ("my mail is Olena.K@Example.fi, thanks", "email", "olena.k@example.fi"),
        ("+358 40 123 4567", "phone", "+358401234567"),
        ("040-1234567", "phone", "0401234567"),
        ("رقمي ٠٤٠١٢٣٤٥٦٧", "phone", "0401234567"),
        ("мой телефон (09) 123 4567", "phone", "091234567"),
    ],
)
def test_contacts_are_recognised_and_normalised(said, kind, value):
    contact = parse_contact(said)
    assert contact is not None and (contact.kind, contact.value) == (kind, value)


@pytest.mark.parametrize("said", ["tomorrow", "call me", "12345", "2025", "@@@", ""])
def test_non_contacts_are_refused(said):
    assert parse_contact(said) is None


@pytest.fixture()
def outbox(tmp_path) -> Outbox:
    return Outbox(f"sqlite:///{tmp_path / 'db.sqlite'}")


def test_a_draft_becomes_one_queued_e_mail(outbox):
    outbox.save_draft("c1", contact="a@example.com")
    outbox.save_draft("c1", description="help")
    assert outbox.draft("c1") == {"contact": "a@example.com", "description": "help"}
    handoff_id = outbox.enqueue(
        "c1", language="fi", channel="rest", recipient="r@x.test", subject="s", body="b"
    )
    assert outbox.draft("c1") == {}
    assert outbox.status(handoff_id)["status"] == "queued"
    assert outbox.count_since("c1", 0) == 1


def test_a_claimed_e_mail_is_not_claimed_twice_until_its_lease_ends(outbox):
    outbox.enqueue("c2", language="en", channel="rest", recipient="r@x.test", subject="s", body="b")
    first = outbox.claim_due(now=1e12, lease_seconds=60)
    assert len(first) == 1
    assert outbox.claim_due(now=1e12 + 10, lease_seconds=60) == []
    assert len(outbox.claim_due(now=1e12 + 61, lease_seconds=60)) == 1  # the sender died


def test_failed_delivery_keeps_the_e_mail_and_backs_off(outbox, tmp_path):

    settings = get_settings().replace(
        var_dir=tmp_path,
        smtp=SmtpSettings(host="127.0.0.1", port=9, starttls=False),  # nothing listens
        handoff_retry_base_seconds=1.0,
    )
    handoff_id = outbox.enqueue(
        "c3", language="en", channel="rest", recipient="r@x.test", subject="s", body="b"
    )
    assert deliver_due(outbox, settings) == 0
    row = outbox.status(handoff_id)
    assert row["status"] == "queued" and row["attempts"] == 1 and row["last_error"]
    assert [backoff(n, 5) for n in (1, 2, 3)] == [5, 10, 20]
    assert backoff(40, 5) == 3600


def test_without_smtp_the_e_mail_is_written_as_eml(tmp_path):
    message = build_message("bot@x.test", "c@x.test", "Aihe – ä", "Sisältö: مرحبا, привіт\n")
    where = send(message, SmtpSettings(host=""), tmp_path)
    parsed = message_from_bytes(open(where, "rb").read(), policy=policy.default)
    assert parsed["Subject"] == "Aihe – ä"
    assert "مرحبا, привіт" in parsed.get_content()


def test_the_e_mail_holds_what_the_coordinator_needs():
    catalogue = get_catalogue()
    request = HandoffRequest(
        conversation_id="conv-42",
        language="ar",
        channel="socketio",
        contact="+358401234567",
        description="أحتاج مساعدة",
        target_group="outside_labour_force",
        services=["kaikukortti"],
        turns=[Turn(0.0, "user", "مرحبا"), Turn(1.0, "bot", "Hi")],
    )
    assert subject(request, catalogue) == (
        "Kotobot: yhteydenottopyyntö – kieli: arabia – aihe: Kaikukortti"
    )
    text = body(request, catalogue)
    for expected in (
        "arabia (ar)",
        "verkkosivun chat",
        "+358401234567",
        "أحتاج مساعدة",
        "työvoiman ulkopuolella",
        "Kaikukortti",
        "Asiakas: مرحبا",
        "conv-42",
    ):
        assert expected in text
