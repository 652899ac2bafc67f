"""Word patterns that accept the letters people type without their marks (bot/spelling.py)."""

from __future__ import annotations

import re

import pytest

from bot.spelling import compile_tolerant, tolerant


@pytest.mark.parametrize(
    ("pattern", "typed"),
    [
        (r"\bhur många månader\b", "hur manga manader"),
        (r"\bpääseekö\b", "paaseeko"),
        (r"\bkäydä\b", "kayda"),
        (r"أسجل", "اسجل"),  # alef with hamza written plain
        (r"اسجل", "أسجل"),  # and the other way round
        (r"مدرسة", "مدرسه"),  # tāʾ marbūṭa as hāʾ
        (r"على", "علي"),  # final yāʾ dotted or not
        (r"ребёнок", "ребенок"),
    ],
)
def test_a_word_matches_as_typed_without_its_marks(pattern: str, typed: str) -> None:
    assert compile_tolerant(pattern).search(typed)
    assert not re.search(pattern, typed)  # the written pattern alone missed it


def test_other_letters_still_do_not_match() -> None:
    assert not compile_tolerant(r"\bhur många\b").search("hur mengi")
    assert not compile_tolerant(r"\bkäydä\b").search("kuydu")


def test_a_class_gets_the_other_spellings_and_stays_a_class() -> None:
    assert tolerant("[äe]") == "[äae]"
    assert compile_tolerant(r"k[äe]y").search("kay")


def test_look_behinds_keep_their_width() -> None:
    pattern = compile_tolerant(r"(?<!där )\bär\b")
    assert pattern.search("det ar bra")
    assert not pattern.search("dar ar det")
