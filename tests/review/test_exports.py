"""Downloads: the filtered list as CSV (safe to open in a spreadsheet) and selected messages as
Rasa NLU training data that Rasa itself reads."""

from __future__ import annotations

import csv
import io

import pytest

from bot.review.exports import CSV_HEADER, csv_safe
from tests.review.conftest import token, user_event_ids


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CSV_HEADER
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_csv_holds_the_filtered_list_with_a_header(signed_in):
    rows = _csv(signed_in.get("/export/conversations.csv?language=ar&handoff=any"))
    assert {r["conversation"] for r in rows} == {
        "ar-web-handoff-failed",
        "ar-telegram-handoff-sent",
    }
    failed = next(r for r in rows if r["conversation"] == "ar-web-handoff-failed")
    assert failed["handoff"] == "failed" and failed["handoff_attempts"] == "5"
    assert failed["channel"] == "Website" and failed["languages"] == "ar"
    assert failed["services"] == "kaikukortti" and failed["review_status"] == "New"
    assert failed["first_message"] == "مرحبا"


def test_the_csv_without_filters_lists_every_conversation(signed_in):
    assert len(_csv(signed_in.get("/export/conversations.csv"))) == 10


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted(signed_in):
    rows = _csv(signed_in.get("/export/conversations.csv?language=fi&fallbacks=with"))
    assert [r["first_message"] for r in rows] == ['\'=HYPERLINK("http://evil.example","hei")']


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+358 40", "'+358 40"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("hei = moi", "hei = moi"),
        (5, "5"),
        (None, ""),
    ],
)
def test_csv_safe(value, cell):
    assert csv_safe(value) == cell


def test_selected_messages_become_rasa_nlu_examples_that_rasa_reads(signed_in, database):
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    ids = user_event_ids(database, "ar-web-handoff-failed")[1:]  # not the greeting
    response = signed_in.post(
        "/export/nlu",
        data={
            "event_id": [str(i) for i in ids],
            "intent": "request_human",
            "language": "ar",
            "csrf_token": token(signed_in),
        },
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="nlu_ar_request_human.yml"'
    )
    assert 'version: "3.1"' in response.text and "0401234567" not in response.text
    data = RasaYAMLReader().reads(response.text)
    examples = [(m.get("text"), m.get("intent")) for m in data.intent_examples]
    assert examples == [
        ("أين أحصل على كايكوكورتي؟", "request_human"),
        ("أريد التحدث مع شخص، رقمي [phone]", "request_human"),
    ]


def test_the_nlu_export_needs_a_valid_intent_language_and_selection(signed_in, database):
    ids = [str(i) for i in user_event_ids(database, "ru-web-handoff-queued")]
    csrf = token(signed_in)
    for data in (
        {"event_id": ids, "intent": "Bad Intent", "language": "ru"},
        {"event_id": ids, "intent": "greet", "language": "de"},
        {"intent": "greet", "language": "ru"},
    ):
        assert signed_in.post("/export/nlu", data={**data, "csrf_token": csrf}).status_code == 400
    unknown = {"event_id": ["999999"], "intent": "greet", "language": "ru", "csrf_token": csrf}
    assert signed_in.post("/export/nlu", data=unknown).status_code == 404


def test_the_improve_page_finds_messages_to_export(signed_in):
    html = signed_in.get("/improve?intent=out_of_scope").text
    assert "ما هو الطقس اليوم" in html and "яка сьогодні погода" in html
    assert "blorf" not in html
    html = signed_in.get("/improve?language=en&max_confidence=0.5").text
    assert "blorf the wibble" in html and "my number is [phone]" in html
    assert "hello" not in html
    export_form = html.split('<fieldset class="export-nlu">')[1]
    assert '<option value="request_human" translate="no">' in export_form  # the domain's intents
    assert 'value="nlu_fallback"' not in export_form  # not something to train
