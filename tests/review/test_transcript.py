"""The transcript: each turn with time, masked text, language, intent, service and buttons;
reviewing actions; and the paginated list around it."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.review.app import create_app
from bot.review.config import ReviewConfig
from tests.review.conftest import PASSWORD, USER, senders, sign_in, token
from tests.review.fixtures import Conversation, Say, write_tracker_store

URL = "/conversations/ar-web-handoff-failed"


def test_a_transcript_shows_each_turn_as_the_nlu_understood_it(signed_in):
    html = signed_in.get(URL).text
    assert '<p class="text" dir="auto" translate="no">أين أحصل على كايكوكورتي؟</p>' in html
    assert 'intent <strong translate="no">ask_kaikukortti</strong>' in html and "(0.95)" in html
    assert 'language <strong translate="no">ar</strong> (script)' in html
    assert 'service answered <strong translate="no">kaikukortti</strong>' in html
    assert (
        '<p class="text" dir="auto" translate="no">تحصل على بطاقة كايكو من الأخصائي الاجتماعي.</p>'
        in html
    )
    # Buttons shown with the topic question, with their payloads.
    assert '<li dir="auto" title="/help{&#34;topic&#34;:&#34;language&#34;}">تعلّم اللغة</li>' in (
        html
    )
    # Every message is written right-to-left when its text is.
    assert html.count('class="text" dir="auto"') == 3 + 4


def test_personal_data_never_reaches_the_page(signed_in):
    html = signed_in.get(URL).text
    assert "0401234567" not in html
    assert "أريد التحدث مع شخص، رقمي [phone]" in html
    # The handoff's delivery error names an e-mail address: masked too.
    assert 'id="handoff-status">failed<' in html
    assert "coordinator@example.fi" not in html and "SMTP 550: mailbox [email] unavailable" in html


def test_a_retrying_handoff_shows_as_failed_with_its_error_and_a_draft_as_none(signed_in):
    html = signed_in.get("/conversations/sv-telegram-test").text
    assert 'id="handoff-status">failed</span> (the sender will retry)' in html
    assert "<dd>queued</dd>" in html and "timed out" in html
    html = signed_in.get("/conversations/uk-telegram-training").text
    assert "No handoff requested." in html
    for page in ("/", "/conversations/sv-telegram-test", "/conversations/uk-telegram-training"):
        html = signed_in.get(page).text
        assert "765 4321" not in html and "asunnon" not in html  # the form's content


def test_a_fallback_turn_is_marked(signed_in):
    html = signed_in.get("/conversations/en-rest-fallbacks").text
    assert html.count('class="turn fallback"') == 2
    assert "my number is [phone]" in html


def test_a_coordinator_marks_tags_and_notes_a_conversation(signed_in):
    csrf = token(signed_in, URL)
    back = "/?language=ar"
    response = signed_in.post(
        f"{URL}/status", data={"status": "follow_up", "csrf_token": csrf, "back": back}
    )
    assert response.status_code == 302
    html = signed_in.get(response.headers["Location"]).text
    assert 'id="review-status">Needs follow-up<' in html
    assert f'href="{back}"' in html  # the way back keeps the list's filters

    signed_in.post(f"{URL}/tags", data={"tags": "Housing,  school ", "csrf_token": csrf})
    signed_in.post(f"{URL}/notes", data={"text": "Soitin, numero 050 765 4321", "csrf_token": csrf})
    html = signed_in.get(URL).text
    assert '<span class="tag" translate="no">housing</span>' in html
    assert '<span class="tag" translate="no">school</span>' in html
    assert "Soitin, numero [phone]" in html and "050 765 4321" not in html
    assert '<span translate="no">coordinator</span>, ' in html  # the note's author

    signed_in.post(f"{URL}/tags/remove", data={"tag": "school", "csrf_token": csrf})
    signed_in.post(f"{URL}/status", data={"status": "reviewed", "csrf_token": csrf})
    html = signed_in.get(URL).text
    assert '<span class="tag" translate="no">school</span>' not in html
    assert 'id="review-status">Reviewed<' in html


def test_a_tag_with_personal_data_is_refused(signed_in):
    csrf = token(signed_in, URL)
    signed_in.post(f"{URL}/tags", data={"tags": "soita 040 123 4567", "csrf_token": csrf})
    html = signed_in.get(URL).text
    assert "a tag must not contain a phone number" in html
    assert "040 123 4567" not in html and "040 123 4567" not in signed_in.get("/").text


def test_invalid_tags_and_empty_notes_are_refused_with_a_message(signed_in):
    csrf = token(signed_in, URL)
    signed_in.post(f"{URL}/tags", data={"tags": "<script>", "csrf_token": csrf})
    html = signed_in.get(URL).text
    assert "a tag is 1–40 letters" in html and "&lt;script&gt;" not in html
    signed_in.post(f"{URL}/notes", data={"text": "   ", "csrf_token": csrf})
    assert "write the note first" in signed_in.get(URL).text
    signed_in.post(f"{URL}/status", data={"status": "deleted", "csrf_token": csrf})
    assert "unknown status" in signed_in.get(URL).text


def test_an_unknown_conversation_is_not_found(signed_in):
    assert signed_in.get("/conversations/nobody").status_code == 404
    response = signed_in.post(
        "/conversations/nobody/status", data={"status": "reviewed", "csrf_token": token(signed_in)}
    )
    assert response.status_code == 404
    assert senders(signed_in.get("/?status=reviewed").text) == set()


def test_a_sender_id_with_slashes_and_spaces_opens(tmp_path):
    database = tmp_path / "tracker.db"
    write_tracker_store(database, [Conversation("web/a b", "socketio", 1, (Say("hei", "greet"),))])
    app = _app(database)
    client = app.test_client()
    sign_in(client)
    html = client.get("/").text
    link = re.search(r'href="(/conversations/[^"?]+)', html).group(1)
    assert client.get(link).status_code == 200


def test_the_list_shows_50_conversations_a_page(tmp_path):
    database = tmp_path / "tracker.db"
    many = [
        Conversation(f"c{n:02}", "socketio", 1, (Say("hei", "greet", language="fi"),))
        for n in range(55)
    ]
    write_tracker_store(database, many)
    client = _app(database).test_client()
    sign_in(client)
    first = client.get("/?language=fi").text
    second = client.get("/?language=fi&page=2").text
    assert len(senders(first)) == 50 and len(senders(second)) == 5
    assert senders(first) | senders(second) == {c.sender for c in many}
    assert "Page 1 of 2" in first
    assert 'href="/?language=fi&amp;page=2"' in first  # the filter stays in the page link


def _app(database):
    from bot.review import auth

    app = create_app(ReviewConfig(database_url=f"sqlite:///{database}", secret_key="k"))
    with app.extensions["kotobot_review"].engine.begin() as connection:
        auth.add_user(connection, USER, PASSWORD)
    return app


def test_conversations_added_while_the_app_runs_appear(app, signed_in, database):
    assert "late-one" not in signed_in.get("/").text
    write_tracker_store(
        database,
        [Conversation("late-one", "telegram", 0, (Say("привіт", "greet", language="uk"),))],
    )
    assert senders(signed_in.get("/?language=uk").text) == {"late-one", "uk-telegram-training"}


def test_forgotten_conversations_disappear_from_the_running_app(app, signed_in, database):
    from bot.privacy import forget_conversation

    assert "sv-telegram-test" in senders(signed_in.get("/").text)
    forget_conversation(f"sqlite:///{database}", "sv-telegram-test")
    assert "sv-telegram-test" not in senders(signed_in.get("/").text)
    assert signed_in.get("/conversations/sv-telegram-test").status_code == 404


def test_secure_cookies_when_configured(config):
    app = create_app(replace(config, secure_cookies=True))
    assert app.config["SESSION_COOKIE_SECURE"] is True
