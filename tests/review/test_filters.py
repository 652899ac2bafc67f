"""The conversation list's filters return exactly the right conversations of the fixture
tracker store (conversations in all six languages, three channels, handoffs in every state)."""

from __future__ import annotations

import pytest

from tests.review.conftest import senders, token
from tests.review.fixtures import ALL_SENDERS, day

ARABIC = {"ar-web-handoff-failed", "ar-telegram-handoff-sent", "ar-web-training"}
HANDOFFS = {
    "ar-web-handoff-failed",
    "ar-telegram-handoff-sent",
    "ru-web-handoff-queued",
    "sv-telegram-test",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ALL_SENDERS),
        ({"language": "fi"}, {"fi-web-kaikukortti", "fi-rest-old"}),
        ({"language": "sv"}, {"sv-telegram-test"}),
        ({"language": "en"}, {"en-rest-fallbacks", "en-web-switch-to-ar"}),
        ({"language": "ar"}, ARABIC | {"en-web-switch-to-ar"}),
        ({"language": "ru"}, {"ru-web-handoff-queued"}),
        ({"language": "uk"}, {"uk-telegram-training"}),
        (
            {"channel": "telegram"},
            {"sv-telegram-test", "ar-telegram-handoff-sent", "uk-telegram-training"},
        ),
        ({"channel": "rest"}, {"en-rest-fallbacks", "fi-rest-old"}),
        (
            {"channel": "website"},
            {
                "fi-web-kaikukortti",
                "ar-web-handoff-failed",
                "ar-web-training",
                "ru-web-handoff-queued",
                "en-web-switch-to-ar",
            },
        ),
        (
            {"service": "kaikukortti"},
            {"fi-web-kaikukortti", "ar-web-handoff-failed", "ru-web-handoff-queued"},
        ),
        ({"service": "integration_training"}, {"ar-web-training", "uk-telegram-training"}),
        (
            {"handoff": "any"},
            HANDOFFS,
        ),
        # Failed: the last attempt failed (the sender tries again; it never gives up).
        ({"handoff": "failed"}, {"ar-web-handoff-failed", "sv-telegram-test"}),
        ({"handoff": "sent"}, {"ar-telegram-handoff-sent"}),
        ({"handoff": "queued"}, {"ru-web-handoff-queued"}),
        (
            {"handoff": "none"},
            ALL_SENDERS - HANDOFFS,  # a draft (the form not sent) is no handoff
        ),
        (
            {"language": "ar", "handoff": "any"},
            {"ar-web-handoff-failed", "ar-telegram-handoff-sent"},
        ),
        ({"fallbacks": "with"}, {"en-rest-fallbacks", "fi-rest-old"}),
        ({"fallbacks": "without"}, ALL_SENDERS - {"en-rest-fallbacks", "fi-rest-old"}),
        ({"status": "new"}, ALL_SENDERS),
        ({"status": "reviewed"}, set()),
        (
            {"date_from": day(2).isoformat()},
            {
                "fi-web-kaikukortti",
                "ar-web-handoff-failed",
                "sv-telegram-test",
                "ru-web-handoff-queued",
            },
        ),
        (
            {"date_from": day(3).isoformat(), "date_to": day(3).isoformat()},
            {"en-rest-fallbacks", "uk-telegram-training"},
        ),
        ({"date_to": day(100).isoformat()}, {"fi-rest-old"}),
        ({"q": "kaikukort"}, {"fi-web-kaikukortti", "ru-web-handoff-queued"}),
        ({"q": "KOTOBOT", "language": "uk"}, {"uk-telegram-training"}),
        ({"q": "أريد التحدث"}, {"ar-web-handoff-failed", "ar-telegram-handoff-sent"}),
        ({"q": "[phone]"}, {"en-rest-fallbacks", "ar-web-handoff-failed", "ru-web-handoff-queued"}),
        ({"q": "040 123 4567"}, set()),  # the search sees masked text only
        ({"q": "0401234567"}, set()),
    ],
)
def test_a_filter_shows_exactly_the_matching_conversations(signed_in, query, expected):
    response = signed_in.get("/", query_string=query)
    assert response.status_code == 200
    assert senders(response.text) == set(expected)
    assert f">{len(expected)} conversation" in response.text


def test_an_unknown_filter_value_is_ignored(signed_in):
    response = signed_in.get("/", query_string={"language": "xx", "date_from": "yesterday"})
    assert senders(response.text) == ALL_SENDERS


def test_review_status_and_tags_filter_after_a_coordinator_sets_them(signed_in):
    csrf = token(signed_in)
    url = "/conversations/ar-web-handoff-failed"
    signed_in.post(f"{url}/status", data={"status": "reviewed", "csrf_token": csrf})
    signed_in.post(f"{url}/tags", data={"tags": "Housing, urgent", "csrf_token": csrf})
    signed_in.post(
        "/conversations/ru-web-handoff-queued/status",
        data={"status": "follow_up", "csrf_token": csrf},
    )
    signed_in.post(
        "/conversations/ru-web-handoff-queued/tags", data={"tags": "urgent", "csrf_token": csrf}
    )
    assert senders(signed_in.get("/?status=reviewed").text) == {"ar-web-handoff-failed"}
    assert senders(signed_in.get("/?status=follow_up").text) == {"ru-web-handoff-queued"}
    assert senders(signed_in.get("/?status=new").text) == ALL_SENDERS - {
        "ar-web-handoff-failed",
        "ru-web-handoff-queued",
    }
    assert senders(signed_in.get("/?tag=housing").text) == {"ar-web-handoff-failed"}
    assert senders(signed_in.get("/?tag=urgent").text) == {
        "ar-web-handoff-failed",
        "ru-web-handoff-queued",
    }
    assert senders(signed_in.get("/?tag=urgent&language=ru").text) == {"ru-web-handoff-queued"}


def test_the_list_is_newest_first_with_the_columns_a_coordinator_reads(signed_in):
    html = signed_in.get("/").text
    order = [s for s in _order(html)]
    assert order[0] in {"fi-web-kaikukortti", "ar-web-handoff-failed"}  # 1 day ago
    assert order[-1] == "fi-rest-old"  # 120 days ago
    row = html.split('<tr data-sender="ar-web-handoff-failed">')[1].split("</tr>")[0]
    assert "Website" in row and ">ar<" in row and "kaikukortti" in row
    assert 'class="handoff failed"' in row and "New" in row
    assert 'dir="auto"' in row


def _order(html: str) -> list[str]:
    import re

    return re.findall(r'<tr data-sender="([^"]+)"', html)


def test_filters_stay_in_the_links_of_the_page(signed_in):
    html = signed_in.get("/?language=ar&handoff=any").text
    assert "/export/conversations.csv?language=ar&amp;handoff=any" in html
    assert "back=/?language%3Dar%26handoff%3Dany" in html


def test_before_the_assistant_wrote_anything_every_page_works(make_app, tmp_path):
    from tests.review.conftest import sign_in

    app = make_app(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    client = app.test_client()
    assert sign_in(client).status_code == 302
    assert "No conversations." in client.get("/").text
    assert client.get("/analytics").status_code == 200
    assert client.get("/improve").status_code == 200
    assert client.get("/export/conversations.csv").text.count("\n") == 1  # the header
