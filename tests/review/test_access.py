"""No page, download or form works without a signed-in coordinator, and no form works without
the session's CSRF token (Flask-WTF's CSRFProtect, bot/review/app.py `install_csrf`)."""

from __future__ import annotations

import pytest

from bot.review.i18n import UI_LANGUAGES, catalogue
from tests.review.conftest import PASSWORD, USER, csrf_from, sign_in, token, user_event_ids

SENDER = "ar-web-handoff-failed"
PUBLIC = {"static", "review.login", "review.choose_language", "review.vendor"}


def concrete(rule: str) -> str:
    return rule.replace("<path:sender_id>", SENDER)


@pytest.fixture(autouse=True)
def real_event_id(database):
    """The export form names a real user message of the fixture."""
    POST_FORMS["/export/nlu"]["event_id"] = str(user_event_ids(database, SENDER)[0])


# Every route of the app with what a POST to it needs to succeed.
POST_FORMS = {
    "/logout": {},
    "/conversations/<path:sender_id>/status": {"status": "reviewed"},
    "/conversations/<path:sender_id>/tags": {"tags": "housing"},
    "/conversations/<path:sender_id>/tags/remove": {"tag": "housing"},
    "/conversations/<path:sender_id>/notes": {"text": "called back"},
    "/export/nlu": {"event_id": "first user message", "intent": "greet", "language": "ar"},
}
GET_PAGES = {"/", "/conversations/<path:sender_id>", "/improve", "/analytics"}
GET_EXPORTS = {"/export/conversations.csv"}


def test_the_lists_below_cover_every_route_of_the_app(app):
    routes = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in PUBLIC
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    covered = {(r, "POST") for r in POST_FORMS} | {(r, "GET") for r in GET_PAGES | GET_EXPORTS}
    assert routes == covered


@pytest.mark.parametrize("rule", sorted(GET_PAGES))
def test_an_anonymous_visitor_is_sent_to_the_sign_in_page(client, rule):
    response = client.get(concrete(rule))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert "مرحبا" not in response.text


@pytest.mark.parametrize("rule", sorted(GET_EXPORTS))
def test_an_anonymous_download_is_refused_with_401(client, rule):
    response = client.get(concrete(rule))
    assert response.status_code == 401
    assert SENDER not in response.text


@pytest.mark.parametrize("rule", sorted(POST_FORMS))
def test_an_anonymous_post_is_refused(client, rule):
    response = client.post(concrete(rule), data=POST_FORMS[rule])
    if rule.startswith("/export"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("rule", sorted(POST_FORMS))
@pytest.mark.parametrize("csrf", [None, "forged-token"])
def test_a_post_without_the_sessions_csrf_token_is_refused(signed_in, rule, csrf):
    data = dict(POST_FORMS[rule])
    if csrf:
        data["csrf_token"] = csrf
    response = signed_in.post(concrete(rule), data=data)
    assert response.status_code == 400
    # Nothing happened: still signed in, and the conversation is still "new".
    page = signed_in.get(concrete("/conversations/<path:sender_id>"))
    assert page.status_code == 200
    assert 'id="review-status">New<' in page.text
    assert "called back" not in page.text


def test_the_same_posts_with_the_token_succeed(signed_in):
    csrf = token(signed_in)
    for rule, form in POST_FORMS.items():
        if rule == "/logout":
            continue
        response = signed_in.post(concrete(rule), data={**form, "csrf_token": csrf})
        assert response.status_code in (200, 302), (rule, response.status_code)
    page = signed_in.get(concrete("/conversations/<path:sender_id>"))
    assert 'id="review-status">Reviewed<' in page.text and "called back" in page.text


def test_the_sign_in_form_needs_its_csrf_token(client):
    response = client.post("/login", data={"username": "coordinator", "password": "x" * 20})
    assert response.status_code == 400


def test_a_token_from_another_session_is_refused(app, signed_in):
    other = app.test_client()
    assert sign_in(other).status_code == 302
    response = signed_in.post(
        concrete("/conversations/<path:sender_id>/status"),
        data={"status": "reviewed", "csrf_token": token(other)},
    )
    assert response.status_code == 400


def _status_post(client, csrf: str | None = None, headers: dict | None = None):
    data = {"status": "reviewed", **({"csrf_token": csrf} if csrf else {})}
    return client.post(
        concrete("/conversations/<path:sender_id>/status"), data=data, headers=headers or {}
    )


def _still_new(client) -> bool:
    return 'id="review-status">New<' in client.get(concrete("/conversations/<path:sender_id>")).text


def test_the_token_may_come_in_the_x_csrf_token_header(signed_in):
    """What a script of the review pages sends with fetch() instead of a form field."""
    assert _status_post(signed_in, headers={"X-CSRF-Token": "forged-token"}).status_code == 400
    assert _still_new(signed_in)
    response = _status_post(signed_in, headers={"X-CSRF-Token": token(signed_in)})
    assert response.status_code == 302
    assert not _still_new(signed_in)


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_a_refused_token_gets_the_translated_error_page(signed_in, language):
    choose = signed_in.post(
        "/language", data={"language": language, "next": "/", "csrf_token": token(signed_in)}
    )
    assert choose.status_code == 302
    response = _status_post(signed_in, "forged")
    assert response.status_code == 400
    expected = catalogue()["error_csrf"][language]
    assert expected in response.text and f'<html lang="{language}">' in response.text
    assert "CSRF" not in response.text  # not Flask-WTF's own reason, in English


def test_the_sign_in_pages_token_does_not_outlive_the_sign_in(client):
    """Signing in starts a new session: a token seen before it (on the sign-in page, where
    anyone could have fetched it with the victim's cookie) is refused afterwards."""
    before = csrf_from(client.get("/login").text)
    assert sign_in(client).status_code == 302
    assert _status_post(client, before).status_code == 400
    assert _still_new(client)


def test_a_token_of_a_signed_out_session_is_refused_after_signing_in_again(signed_in):
    old = token(signed_in)
    assert signed_in.post("/logout", data={"csrf_token": old}).status_code == 302
    assert sign_in(signed_in).status_code == 302
    assert _status_post(signed_in, old).status_code == 400
    assert _still_new(signed_in)


def test_a_revoked_session_is_refused_even_with_its_token(app, signed_in):
    from bot.review import auth

    csrf = token(signed_in)
    with app.extensions["kotobot_review"].engine.begin() as connection:
        auth.add_user(connection, USER, "a brand new passphrase", replace=True)
    response = _status_post(signed_in, csrf)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert sign_in(signed_in, password="a brand new passphrase").status_code == 302
    assert _status_post(signed_in, csrf).status_code == 400
    assert _still_new(signed_in)


def test_signing_out_ends_access(signed_in):
    assert signed_in.post("/logout", data={"csrf_token": token(signed_in)}).status_code == 302
    assert signed_in.get("/").status_code == 302
    assert signed_in.get("/export/conversations.csv").status_code == 401


def test_a_removed_account_loses_access_at_once(app, signed_in):
    from bot.review import auth

    with app.extensions["kotobot_review"].engine.begin() as connection:
        auth.remove_user(connection, "coordinator")
    assert signed_in.get("/").status_code == 302


@pytest.mark.parametrize(
    ("target", "location"),
    [("//evil.example/", "/"), ("https://evil.example/", "/"), ("/analytics", "/analytics")],
)
def test_after_sign_in_only_a_page_of_this_site_is_opened(client, target, location):
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "username": USER,
            "password": PASSWORD,
            "next": target,
            "csrf_token": csrf_from(page.text),
        },
    )
    assert response.headers["Location"] == location


def test_pages_forbid_inline_scripts_framing_and_caching(signed_in):
    response = signed_in.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    assert "<script>" not in response.text
