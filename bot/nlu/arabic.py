"""Base forms of Arabic words by light stemming, for the tokenizer's lemmas.

Arabic writes "and", "with", "for" and "the" onto the word and "my", "his", "our" after it:
"والدروس" (and the lessons), "بالفنلندي" (in Finnish), "للأطفال" (for the children), "ولادي" (my
kids). Counted as whole words, each of these is a word seen once; the same word with
its clitics stripped is seen everywhere. Spelling varies too, in dialect chat more than in
standard Arabic: hamza on alif or not, final ya with or without dots, ta marbuta written as
ha, vowel marks and the stretching tatweel. This is the light stemming of Arabic search
engines (after Larkey et al., "Light10"): normalise, then strip the article with the "and" or
preposition before it (two letters at least must remain), and one suffix (three must remain).
A bare leading "و" or preposition stays: in "وظيفة" (a job) it is the word's own letter. No
dictionary and no root extraction: roots merge words that mean different things.
"""

from __future__ import annotations

import re

_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # vowel marks, dagger alif, tatweel
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
# A feminine noun's ta marbuta is written "ت" before "my", "her", "our", "your": "حالتي" and
# "حالة" are both "حال".
_SUFFIXES = ("تها", "تنا", "تي", "تك", "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
SHORTEST_STEM = 3


def normalise(word: str) -> str:
    """One spelling for the variants of a letter, without vowel marks."""
    return _MARKS.sub("", word).translate(_LETTERS)


def light_stem(word: str) -> str:
    """The word without its article (with an "and" or a preposition before it) and one
    suffix, each only when enough letters remain."""
    stem = normalise(word)
    for article in _ARTICLES:
        if stem.startswith(article) and len(stem) - len(article) >= SHORTEST_STEM - 1:
            stem = stem[len(article) :]
            break
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= SHORTEST_STEM:
            stem = stem[: -len(suffix)]
            break
    return stem
