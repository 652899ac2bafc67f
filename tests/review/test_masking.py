"""Masking personal data: the labelled list (tests/data/pii_cases.yml) and the benchmark."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.eval_masking import evaluate, load_cases
from bot.masking import find_pii, mask
from bot.paths import PROJECT_ROOT

CASES_FILE = PROJECT_ROOT / "tests" / "data" / "pii_cases.yml"
CASES = load_cases(CASES_FILE)


def test_the_labelled_list_covers_the_formats_it_must():
    texts = " ".join(case["text"] for case in CASES)
    kinds = {item["kind"] for case in CASES for item in case["pii"]}
    assert len(CASES) >= 60 and kinds == {"email", "phone", "hetu", "iban", "card", "account"}
    assert any("\u0600" <= ch <= "\u06ff" for ch in texts)  # Arabic
    assert any("\u0400" <= ch <= "\u04ff" for ch in texts)  # Cyrillic
    assert any("\u0660" <= ch <= "\u0669" for ch in texts)  # Arabic-Indic digits
    assert sum(1 for case in CASES if not case["pii"]) >= 20


def test_recall_is_at_least_95_percent_and_precision_is_reported():
    result = evaluate(CASES)
    assert result.recall >= 0.95, result.missed
    assert result.precision >= 0.9, result.wrong


@pytest.mark.parametrize("case", [c for c in CASES if not c["pii"]], ids=lambda c: c["text"][:30])
def test_a_negative_is_left_as_it_is(case):
    assert mask(case["text"]) == case["text"]


@pytest.mark.parametrize("case", [c for c in CASES if c["pii"]], ids=lambda c: c["text"][:30])
def test_a_positive_loses_its_personal_data_and_gets_the_placeholder(case):
    masked = mask(case["text"])
    for item in case["pii"]:
        assert item["value"] not in masked
        assert f"[{item['kind']}]" in masked


def test_placeholders_replace_only_the_personal_data():
    assert mask("Soita 040 123 4567 tai kirjoita a.b@example.fi, kiitos") == (
        "Soita [phone] tai kirjoita [email], kiitos"
    )
    assert mask("hetu 131052-308T, tili FI21 1234 5600 0007 85.") == "hetu [hetu], tili [iban]."
    assert mask("رقمي ٠٤٠١٢٣٤٥٦٧ شكرا") == "رقمي [phone] شكرا"
    assert mask("") == "" and mask("hei") == "hei"


def test_the_labelled_list_covers_the_separators_people_type():
    values = [item["value"] for case in CASES for item in case["pii"]]
    hetus = [v for v in values if len(v) in (10, 11) and v[:6].isdigit()]
    for separator in (" ", "\u2013", "\u2212", "\u00a0"):  # space, en dash, minus, no-break
        assert any(v[6] == separator for v in hetus), repr(separator)
    assert any(len(v) == 10 for v in hetus)  # no separator at all
    for shape in ("  ", "\u00a0", "\u202f", "FI 3"):
        assert any(shape in v for v in values), repr(shape)
    assert any(".xn--" in v.casefold() and "@" in v for v in values)


def test_new_kinds_get_their_own_placeholders():
    assert mask("kortti 4111 1111 1111 1111, voimassa 12/27") == "kortti [card], voimassa 12/27"
    assert mask("tili 159030-776.") == "tili [account]."
    assert mask("tili 159030-777.") == "tili 159030-777."  # Luhn fails: not an account
    assert mask("hetu 070389 123V ja 070389 123A") == "hetu [hetu] ja 070389 123A"


def test_masking_long_digit_runs_stays_fast():
    import time

    started = time.monotonic()
    for text in ("41 " * 3000 + "x", "4" * 5000 + "x", "4-" * 3000, "123456-" * 1000):
        mask(text)
    assert time.monotonic() - started < 5


def test_a_hetu_is_not_also_a_phone_number():
    assert [s.kind for s in find_pii("131052-308T")] == ["hetu"]


def test_masking_is_idempotent():
    for case in CASES:
        once = mask(case["text"])
        assert mask(once) == once


def test_the_benchmark_prints_recall_and_precision():
    result = subprocess.run(
        [sys.executable, "-m", "bot.eval_masking", str(CASES_FILE)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "recall:" in result.stdout and "precision:" in result.stdout
