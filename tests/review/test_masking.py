"""Masking personal data: the labelled list (tests/data/pii_cases.yml) and the benchmark."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.masking import find_pii, mask
from bot.paths import PROJECT_ROOT
from bot.review.masking_benchmark import evaluate, load_cases

CASES = load_cases()


def test_the_labelled_list_covers_the_formats_it_must():
    texts = " ".join(case["text"] for case in CASES)
    kinds = {item["kind"] for case in CASES for item in case["pii"]}
    assert len(CASES) >= 60 and kinds == {"email", "phone", "hetu", "iban"}
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


def test_a_hetu_is_not_also_a_phone_number():
    assert [s.kind for s in find_pii("131052-308T")] == ["hetu"]


def test_masking_is_idempotent():
    for case in CASES:
        once = mask(case["text"])
        assert mask(once) == once


def test_the_benchmark_prints_recall_and_precision():
    result = subprocess.run(
        [sys.executable, "-m", "bot.review.masking_benchmark"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "recall:" in result.stdout and "precision:" in result.stdout
