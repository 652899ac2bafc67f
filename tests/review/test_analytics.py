"""The analytics page: figures per day, services, fallback rate, handoffs, and the messages the
bot did not understand (masked); the charting library is served from this server."""

from __future__ import annotations

import json
import re

import pytest

from bot.review.paths import VENDOR_FILES
from tests.review.fixtures import day


def _chart_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html)
    assert match
    return json.loads(match.group(1))


def test_the_default_period_is_the_last_30_days(signed_in):
    html = signed_in.get("/analytics").text
    data = _chart_data(html)
    assert len(data["days"]) == 30 and data["days"][-2] == day(1).isoformat()
    # Every conversation but the 120-day-old one.
    assert 'id="total-conversations">9 conversations<' in html
    index = {d: n for n, d in enumerate(data["days"])}
    assert data["byLanguage"]["ar"][index[day(1).isoformat()]] == 1
    assert data["byLanguage"]["ar"][index[day(6).isoformat()]] == 1  # switched from English
    assert data["byLanguage"]["en"][index[day(3).isoformat()]] == 1
    assert sum(data["byChannel"]["telegram"]) == 3 and sum(data["byChannel"]["website"]) == 5
    assert data["labels"]["byChannel"]["website"] == "Website"  # the chart's legend
    assert re.fullmatch(rf"{day(0).day} [A-Z][a-z]{{2}}", data["labels"]["days"][-1])  # "5 Dec"
    assert data["services"][0] == ["kaikukortti", 3]
    assert dict(data["services"])["integration_training"] == 2
    assert sum(data["handoffs"]["sent"]) == sum(data["handoffs"]["queued"]) == 1
    assert sum(data["handoffs"]["failed"]) == 2  # two whose last attempt failed
    assert set(data["handoffs"]) == {"queued", "sent", "failed"}  # drafts are not handoffs
    assert data["fallbackRate"][index[day(3).isoformat()]] == pytest.approx(2 / 6, abs=0.001)


def test_the_fallback_rate_counts_fallback_turns_among_user_messages(signed_in):
    html = signed_in.get("/analytics").text
    # 23 user messages in the period (2+2+3+3+3+2+3+3+2), 2 of them fallbacks.
    assert 'id="total-messages">23 user messages<' in html
    assert '<strong id="fallback-rate">8.7 %</strong> (2)' in html


def test_messages_not_understood_are_listed_masked_most_frequent_first(signed_in):
    html = signed_in.get("/analytics").text
    table = html.split('<table class="not-understood">')[1].split("</table>")[0]
    assert "blorf the wibble" in table and "my number is [phone]" in table
    assert "ما هو الطقس اليوم" in table and "яка сьогодні погода" in table
    assert "040 123 4567" not in html and 'dir="auto"' in table
    assert "HYPERLINK" not in table  # 120 days old: outside the period


def test_a_chosen_period(signed_in):
    first, last = day(130).isoformat(), day(100).isoformat()
    html = signed_in.get(f"/analytics?date_from={first}&date_to={last}").text
    assert 'id="total-conversations">1 conversation<' in html  # singular
    assert "HYPERLINK" in html


@pytest.mark.skipif(
    not all(p.exists() for p in VENDOR_FILES.values()),
    reason="Chart.js is not installed: npm ci --prefix bot/review",
)
def test_chart_js_is_served_locally(signed_in, client):
    html = signed_in.get("/analytics").text
    assert '<script src="/vendor/chart.umd.min.js"></script>' in html
    response = signed_in.get("/vendor/chart.umd.min.js")
    assert response.status_code == 200 and b"Chart" in response.data[:2000]
    assert signed_in.get("/vendor/other.js").status_code == 404
