"""Word patterns that accept the spellings people type when they leave out a letter's marks.

Newcomers type "hur manga manader", "paljonko se maksaa", "kayda", "اسجل" for "أسجل",
"مدرسه" for "مدرسة", "ребенок" for "ребёнок": their keyboard has no ä, or the marks take too
long. A word list written with the marks ("hur många månader") then misses the question.
`tolerant` rewrites a regular expression so that each marked letter also matches the letter
people type instead, and the Arabic letters that are written either way match each other, in
both directions: one list of words serves both spellings.
"""

from __future__ import annotations

import re

# Each letter with the letters typed in its place. Finnish and Swedish drop the dots and the
# ring; Arabic writes alef with or without hamza or madda, tāʾ marbūṭa as hāʾ, final yāʾ
# dotless; Russian writes ё as е.
_SAME_LETTER: dict[str, str] = {
    "ä": "a",
    "ö": "o",
    "å": "a",
    "ا": "أإآ",
    "أ": "اإآ",
    "إ": "اأآ",
    "آ": "اأإ",
    "ة": "ه",
    "ه": "ة",
    "ى": "ي",
    "ي": "ى",
    "ё": "е",
    "е": "ё",
}


def tolerant(pattern: str) -> str:
    """`pattern` with each letter of `_SAME_LETTER` matching its other spellings too: a letter
    outside brackets becomes a class ("ä" → "[äa]"), one inside a class gets the others added.
    Every letter still matches one character, so look-behinds keep their width."""
    out: list[str] = []
    in_class = False
    escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char + _SAME_LETTER.get(char, ""))
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char in _SAME_LETTER:
            out.append(f"[{char}{_SAME_LETTER[char]}]")
        else:
            out.append(char)
    return "".join(out)


def compile_tolerant(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """`pattern`, made `tolerant`, compiled (case-insensitive unless told otherwise)."""
    return re.compile(tolerant(pattern), flags)
