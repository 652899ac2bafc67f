"""Cross-site request forgery against the review tool (issue #13): a page on another site makes
the signed-in coordinator's browser send a POST with their cookie. The real review server
(waitress, `python -m bot.review`) must refuse it unless it carries the CSRF token of that very
session (Flask-WTF's CSRFProtect, bot/review/app.py `install_csrf`), in the form or in the
X-CSRF-Token header, and answer with the coordinator's own 400 page.

The forged requests below are what a browser sends for the attacker's page: the victim's
cookie (SameSite=Lax lets a top-level POST carry it in some browsers and older ones send it
always), an Origin of the attacker's site, and whatever token the attacker can get: none, an
invented one, or one of a session of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from bot.review.i18n import catalogue
from tests.security.review_server import ReviewServer, csrf, review_server

ATTACKER = "http://attacker.example"
TARGET = "ar-web-handoff-failed"  # stays "New" in this module: every change is forged
OTHER = "fi-web-kaikukortti"  # the coordinator's own change, through the header


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewServer]:
    with review_server(tmp_path_factory.mktemp("review-var")) as running:
        yield running


@pytest.fixture(scope="module")
def victim(server: ReviewServer) -> requests.Session:
    browser = requests.Session()
    assert server.sign_in(browser).status_code == 302
    return browser


def _forged(server: ReviewServer, victim: requests.Session, sender: str, **form: str):
    """The POST the attacker's page makes the victim's browser send."""
    return requests.post(
        f"{server.base}/conversations/{sender}/status",
        data={"status": "reviewed", **form},
        cookies=victim.cookies,
        headers={"Origin": ATTACKER, "Referer": f"{ATTACKER}/cats.html"},
        allow_redirects=False,
        timeout=30,
    )


def _status(server: ReviewServer, browser: requests.Session, sender: str) -> str:
    page = browser.get(f"{server.base}/conversations/{sender}", timeout=30).text
    return page.split('id="review-status">', 1)[1].split("<", 1)[0]


def _attackers_own_token(server: ReviewServer) -> str:
    """A perfectly valid token, of the attacker's own (anonymous) session."""
    return csrf(requests.get(f"{server.base}/login", timeout=30).text)


@pytest.mark.parametrize(
    "token", [None, "forged-token", "own session"], ids=["no token", "invented", "own session"]
)
def test_a_forged_post_with_the_victims_cookie_is_refused(server, victim, token):
    form = {}
    if token == "own session":
        form["csrf_token"] = _attackers_own_token(server)
    elif token:
        form["csrf_token"] = token
    response = _forged(server, victim, TARGET, **form)
    assert response.status_code == 400
    assert catalogue()["error_csrf"]["en"] in response.text
    assert _status(server, victim, TARGET) == "New"


def test_the_coordinators_own_token_works_in_the_form_and_in_the_header(server, victim):
    page = victim.get(f"{server.base}/conversations/{OTHER}", timeout=30)
    token = csrf(page.text)
    url = f"{server.base}/conversations/{OTHER}/status"
    by_form = victim.post(
        url, data={"status": "follow_up", "csrf_token": token}, allow_redirects=False
    )
    assert by_form.status_code == 302 and _status(server, victim, OTHER) == "Needs follow-up"
    by_header = victim.post(  # as fetch() from a review page sends it
        url, data={"status": "reviewed"}, headers={"X-CSRF-Token": token}, allow_redirects=False
    )
    assert by_header.status_code == 302 and _status(server, victim, OTHER) == "Reviewed"
    assert _status(server, victim, TARGET) == "New"
