"""The CSV download must not carry a formula that a spreadsheet would run, however the
newcomer (or a REST client choosing its own sender id) dressed it up.

Flask's test client over a tracker store written by Rasa's SQLTrackerStore (the point is what
the export writes); each cell is then read the way spreadsheets read cells: leading spaces and
line breaks skipped, fullwidth ＝ ＋ － ＠ taken as = + - @.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest

from bot.review.exports import csv_safe
from tests.review.conftest import Clock, sign_in
from tests.review.fixtures import Conversation, Say, write_tracker_store
from tests.security.review_server import review_app

PAYLOADS = (
    ' =HYPERLINK("http://evil.example","hei")',
    '\n=HYPERLINK("http://evil.example","hei")',
    "\r=1+1",
    "\t=1+1",
    '＝HYPERLINK("http://evil.example","hei")',
    "＋1+cmd|' /C calc'!A0",
    "－2+3+cmd|' /C calc'!A0",
    "＠SUM(1+1)*cmd|' /C calc'!A0",
    "\u00a0\u200b=1+1",
    "﹦1+1",
)


def _hostile(n: int, text: str) -> Conversation:
    return Conversation(
        f"csv-{n}", "rest", 1, (Say(text, "nlu_fallback", 0.2, "fi", action="utter_fallback"),)
    )


@pytest.fixture
def client(tmp_path: Path):
    database = tmp_path / "tracker.db"
    conversations = [_hostile(n, text) for n, text in enumerate(PAYLOADS)]
    # A REST client picks its own sender id: that cell is attacker-controlled too.
    conversations.append(
        Conversation(" =1+1", "rest", 1, (Say("hei", "greet", 0.9, "fi", action="utter_greet"),))
    )
    write_tracker_store(database, conversations)
    client = review_app(database, Clock()).test_client()
    assert sign_in(client).status_code == 302
    return client


def _as_a_spreadsheet_reads_it(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell).lstrip().lstrip("\u200b")


def test_no_cell_of_the_download_starts_a_formula(client):
    response = client.get("/export/conversations.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text)))[1:]
    assert len(rows) == len(PAYLOADS) + 1
    for row in rows:
        for cell in row:
            if cell.startswith("'"):
                continue  # a text cell, whatever follows
            read = _as_a_spreadsheet_reads_it(cell)
            assert not read.startswith(("=", "+", "-", "@")), f"formula in {cell!r}"
            assert not cell.startswith(("\t", "\r", "\n")), f"control character in {cell!r}"
    first_messages = {row[0]: row[-1] for row in rows}
    assert first_messages["csv-4"] == "'" + PAYLOADS[4]  # kept as written, only quoted


@pytest.mark.parametrize("text", ["hei = moi", "Kurssi 20 h", "ahmad@example.org on", "5", ""])
def test_ordinary_cells_are_left_as_they_are(text):
    assert csv_safe(text) == text
