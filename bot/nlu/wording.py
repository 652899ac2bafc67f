"""Word lists that, found together, say what a message asks ("a course of my own" and "does it
count", "registered", "help" and "finding work"): compiled once, tolerant of missing marks
(bot/spelling.py), and read on the message as every such list reads it."""

from __future__ import annotations

import re

from bot.nlu.arabic import normalise
from bot.spelling import compile_tolerant

# Who helps, advises or where to begin, in the six languages: the question that a story of a
# business to start or of work to find asks (bot/nlu/own_business.py, career_guidance.py add
# their own words).
WHO_HELPS = (
    r"\b(?:kuka|keneltä|mistä|mihin|apu\w*|avu\w*|autta\w*|neuvo\w*|ohja\w*"
    r"|vem|vart|hjälp\w*|råd\w*"
    r"|who|where|advice|advis\w*|help\w*|start"
    r"|кто|где|куда|помо\w*|консульт\w*|совет\w*|начать"
    r"|хто|де|куди|допом\w*|порад\w*|почати)\b"
    r"|مين|وين|ساعد|مساعد|نصيح|استشار|ابدأ|ابدا|أبدأ"
)


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
