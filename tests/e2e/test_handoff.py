"""Handoff to the coordinator, end to end: real servers, a real SMTP server on loopback."""

from __future__ import annotations

import time
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from bot.handoff.outbox import Outbox
from bot.i18n import text
from tests.e2e.conftest import COORDINATOR

pytestmark = pytest.mark.e2e


def _wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def _mail_for(stack, conversation_id: str, timeout: float = 30.0) -> EmailMessage:
    def found() -> EmailMessage | None:
        for raw in stack.mailbox.messages:
            mail = message_from_bytes(raw, policy=policy.default)
            if conversation_id in mail.get_content():
                return mail
        return None

    assert _wait_for(lambda: found() is not None, timeout), "no e-mail arrived"
    return found()


def _statuses(stack, conversation_id: str) -> list[str]:
    outbox = Outbox(stack.settings.database_url)
    with outbox.engine.connect() as db:
        rows = db.exec_driver_sql(
            "SELECT status FROM handoff_outbox WHERE conversation_id = ?", (conversation_id,)
        ).all()
    return [row[0] for row in rows]


def _handoff(stack, sender, request, contact, description, language):
    replies = stack.say(sender, request)
    assert replies[-1]["text"] == text("handoff_consent", language)
    assert [b["payload"] for b in replies[-1]["buttons"]] == ["/affirm", "/deny"]
    replies = stack.say(sender, "/affirm")
    assert replies[-1]["text"] == text("handoff_ask_contact", language)
    replies = stack.say(sender, contact)
    assert replies[-1]["text"] == text("handoff_ask_description", language)
    replies = stack.say(sender, description)
    assert replies[-1]["text"].startswith(
        text("handoff_confirm", language, contact="", description="").split("\n")[0]
    )
    return stack.say(sender, "/affirm")


@pytest.mark.parametrize(
    ("language", "greeting", "request_text", "contact", "expected_contact", "description", "name"),
    [
        (
            "fi",
            "hei",
            "haluan puhua ihmisen kanssa",
            "matti.virtanen@example.com",
            "matti.virtanen@example.com",
            "Tarvitsen apua Kaikukortin hakemisessa.",
            "suomi",
        ),
        (
            "ar",
            "مرحبا",
            "اريد التحدث مع موظف",
            "رقمي +358 40 765 4321",
            "+358407654321",
            "أحتاج مساعدة في التسجيل في دورة اللغة الفنلندية.",
            "arabia",
        ),
        (
            "uk",
            "привіт",
            "хочу поговорити з координатором",
            "olena@example.com",
            "olena@example.com",
            "Де моя дитина може ходити до гуртка?",
            "ukraina",
        ),
    ],
)
def test_handoff_delivers_a_consented_e_mail_in_the_newcomers_language(
    stack, language, greeting, request_text, contact, expected_contact, description, name
):
    sender = f"handoff-{language}"
    stack.say(sender, greeting)
    stack.say(sender, "/ask_kaikukortti")
    replies = _handoff(stack, sender, request_text, contact, description, language)
    assert replies[-1]["text"] == text("handoff_sent", language, contact=expected_contact)

    mail = _mail_for(stack, sender)
    assert mail["To"] == COORDINATOR
    assert f"kieli: {name}" in mail["Subject"] and "Kaikukortti" in mail["Subject"]
    assert mail.get_content_charset() == "utf-8"
    content = mail.get_content()
    assert expected_contact in content
    assert description in content  # the newcomer's own words, decoded intact
    assert f"({language})" in content
    assert greeting in content  # the last turns, as written
    assert _statuses(stack, sender) == ["sent"]


def test_cancel_and_no_consent_send_nothing(stack):
    before = len(stack.mailbox.messages)
    stack.say("cancel-1", "hello")
    stack.say("cancel-1", "/request_human")
    stack.say("cancel-1", "/affirm")
    replies = stack.say("cancel-1", "/cancel")
    assert replies[-1]["text"] == text("handoff_not_sent", "en")
    stack.say("no-consent", "hello")
    stack.say("no-consent", "/request_human")
    replies = stack.say("no-consent", "/deny")
    assert replies[-1]["text"] == text("handoff_not_sent", "en")
    # confirmed nothing at the last step either
    stack.say("cancel-2", "hello")
    _handoff_until_confirm = ["/request_human", "/affirm", "someone@example.com", "/deny"]
    for message in _handoff_until_confirm:
        stack.say("cancel-2", message)
    replies = stack.say("cancel-2", "/cancel")
    assert replies[-1]["text"] == text("handoff_not_sent", "en")
    time.sleep(3)
    assert len(stack.mailbox.messages) == before
    for sender in ("cancel-1", "no-consent", "cancel-2"):
        assert _statuses(stack, sender) == []


def test_a_bad_contact_is_asked_again(stack):
    stack.say("bad-contact", "hello")
    stack.say("bad-contact", "/request_human")
    stack.say("bad-contact", "/affirm")
    replies = stack.say("bad-contact", "tomorrow maybe")
    assert replies[0]["text"] == text("handoff_contact_invalid", "en")
    assert replies[-1]["text"] == text("handoff_ask_contact", "en")
    stack.say("bad-contact", "/cancel")


def test_smtp_down_keeps_the_handoff_and_delivers_it_after_restarts(stack):
    sender = "smtp-down"
    stack.mailbox.stop()
    try:
        stack.say(sender, "hello")
        replies = _handoff(
            stack,
            sender,
            "/request_human",
            "anna@example.com",
            "Please call me about the Finnish course.",
            "en",
        )
        assert replies[-1]["text"] == text("handoff_sent", "en", contact="anna@example.com")
        outbox = Outbox(stack.settings.database_url)

        def attempted() -> bool:
            with outbox.engine.connect() as db:
                row = db.exec_driver_sql(
                    "SELECT status, attempts FROM handoff_outbox WHERE conversation_id = ?",
                    (sender,),
                ).first()
            return bool(row) and row[0] == "queued" and row[1] >= 1

        assert _wait_for(attempted), "the sender should have tried and kept the e-mail queued"
        stack.restart_actions_and_sender(kill=True)
    finally:
        stack.mailbox.start()
    mail = _mail_for(stack, sender, timeout=60)
    assert "anna@example.com" in mail.get_content()
    assert _statuses(stack, sender) == ["sent"]


def test_two_fallbacks_in_a_row_offer_the_coordinator(stack, domain_responses):
    sender = "fallbacks"
    stack.say(sender, "hello")
    # the intent itself, as the classifier emits it for messages it is unsure of
    first = stack.say(sender, "/nlu_fallback")
    assert first[0]["text"] == next(
        v["text"] for v in domain_responses["utter_fallback"] if v["condition"][0]["value"] == "en"
    )
    second = stack.say(sender, "/nlu_fallback")
    # an offer with buttons, not a form already waiting for "is that OK?"
    assert second[-1]["text"] == text("offer_coordinator", "en")
    assert [b["payload"] for b in second[-1]["buttons"]] == ["/request_human", "/deny"]
    assert not (stack.tracker(sender).get("active_loop") or {}).get("name")
    replies = stack.say(sender, "/request_human")
    assert replies[-1]["text"] == text("handoff_consent", "en")
    stack.say(sender, "/cancel")
    # "no" to the offer starts nothing
    stack.say("fallbacks-no", "/nlu_fallback")
    stack.say("fallbacks-no", "/nlu_fallback")
    replies = stack.say("fallbacks-no", "/deny")
    assert text("handoff_consent", "en") not in [r["text"] for r in replies]
    assert not (stack.tracker("fallbacks-no").get("active_loop") or {}).get("name")


def test_at_most_three_handoffs_a_day(stack):
    sender = "limit"
    outbox = Outbox(stack.settings.database_url)
    for _ in range(3):
        outbox.enqueue(
            sender,
            language="en",
            channel="rest",
            recipient=COORDINATOR,
            subject="test",
            body=f"earlier handoff of {sender}",
        )
    stack.say(sender, "hello")
    replies = stack.say(sender, "/request_human")
    assert replies[-1]["text"].startswith(text("handoff_limit", "en", limit="3", email="")[:30])
