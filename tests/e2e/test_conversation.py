"""Conversations over the REST channel against the real servers."""

from __future__ import annotations

import pytest
import sqlalchemy

from bot.catalogue import get_catalogue
from bot.i18n import text

pytestmark = pytest.mark.e2e


def _variant(domain_responses, name: str, language: str) -> str:
    return next(v["text"] for v in domain_responses[name] if v["condition"][0]["value"] == language)


@pytest.mark.parametrize(
    ("greeting", "language"),
    [
        ("hei", "fi"),
        ("hej", "sv"),
        ("hello", "en"),
        ("مرحبا", "ar"),
        ("привет", "ru"),
        ("привіт", "uk"),
    ],
)
def test_a_greeting_is_answered_in_its_language_with_the_topic_menu(
    stack, domain_responses, greeting, language
):
    replies = stack.say(f"greet-{language}", greeting)
    assert replies[0]["text"] == _variant(domain_responses, "utter_greet", language)
    assert replies[1]["text"] == text("choose_topic", language)
    topics = [t.name[language] for t in get_catalogue().topics]
    assert [b["title"] for b in replies[1]["buttons"]] == topics


def test_a_conversation_survives_a_restart_of_the_rasa_server(stack, domain_responses):
    stack.say("restart", "hei")
    stack.restart_rasa()
    tracker = stack.tracker("restart")
    said = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
    assert "hei" in said
    replies = stack.say("restart", "👍")  # tells no language: the conversation keeps Finnish
    assert stack.tracker("restart")["slots"]["language"] == "fi"
    finnish = {_variant(domain_responses, name, "fi") for name in domain_responses}
    finnish |= {text(key, "fi") for key in ("choose_topic",)}
    assert replies and all(r["text"] in finnish for r in replies)


def test_a_button_payload_is_answered_without_nlu(stack):
    replies = stack.say("payload", '/help{"topic":"families"}')
    families = get_catalogue().topic("families")
    assert [b["payload"] for b in replies[0]["buttons"]] == [f"/ask_{s}" for s in families.services]


def test_user_messages_are_not_written_to_the_server_logs(stack):
    secret = "my neighbour Zyxwvut lives at Secretstreet 12"
    stack.say("privacy", secret)
    stack.say("privacy", "where do I get the kaikukortti?")
    for name in ("rasa.log", "actions.log"):
        log = (stack.log_dir / name).read_text(encoding="utf-8", errors="replace")
        assert "Zyxwvut" not in log and "kaikukortti?" not in log, name


def test_personal_data_is_masked_in_the_stored_conversation(stack):
    stack.say("masked", "my e-mail is anna.virtanen@example.com and phone +358 40 765 4321")
    engine = sqlalchemy.create_engine(stack.settings.database_url)
    with engine.connect() as db:
        stored = [
            row[0]
            for row in db.exec_driver_sql(
                "SELECT data FROM events WHERE sender_id = 'masked'"
            ).all()
        ]
    assert stored and not any("anna.virtanen" in d or "765 4321" in d for d in stored)
    assert any("[email]" in d for d in stored)
