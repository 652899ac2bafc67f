"""Word lists that, found together, say what a message asks ("a course of my own" and "does it
count", "registered", "help" and "finding work"): compiled once, tolerant of missing marks
(bot/spelling.py), and read on the message as every such list reads it."""

from __future__ import annotations

import re

from bot.nlu.arabic import normalise
from bot.spelling import compile_tolerant


def compiled(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Each of `patterns`, made tolerant of missing marks and compiled."""
    return tuple(compile_tolerant(pattern) for pattern in patterns)


def as_read(text: str) -> str:
    """The message as the word lists read it: lower-cased, without Arabic vowel marks
    ("تُحتسب")."""
    return normalise(text.lower())


def says_all(text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """Whether every one of `patterns` is found in the message."""
    lowered = as_read(text)
    return all(pattern.search(lowered) for pattern in patterns)
