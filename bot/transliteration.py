"""Russian and Ukrainian typed in Latin letters, written back in Cyrillic for the classifier.

Newcomers without a Cyrillic keyboard write "ya bezrabotnyj, gde uchit finskij?" or "diakuiu".
Most training examples are in Cyrillic, so these messages share few word and character
features with them, and the language's base forms (pymorphy3) do not apply. Read back with
the usual informal spellings ("zh", "kh"/"h", "ch", "sh", "shch", "ya"/"ia", "yu"/"iu",
"j"/"y" for й, "y" for ы in Russian and и in Ukrainian), "bezrabotnyj" becomes "безработный"
and "diakuiu" "дякую". A soft sign that the Latin spelling drops is put back where the
dictionary knows the word only with it ("lyudmy" → "людьми"); the reflexive ending is read
with it ("zapisatsya" → "записаться").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import combinations
from typing import Any

_VOWELS = frozenset("aeiouyаеёиоуыэюяієї")

# Longest spellings first; each maps to Cyrillic letters. Shared by both languages except
# where the tables below differ.
_COMMON = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("ya", "я"),
    ("ja", "я"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("d", "д"),
    ("z", "з"),
    ("k", "к"),
    ("q", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("c", "ц"),
    ("x", "кс"),
    ("j", "й"),
    ("'", "ь"),
)
_RUSSIAN = (
    ("tsya", "ться"),
    ("tsja", "ться"),
    ("sch", "щ"),
    ("yo", "ё"),
    ("jo", "ё"),
    ("ye", "е"),
    ("je", "е"),
    ("h", "х"),
    ("g", "г"),
    ("e", "е"),
    ("i", "и"),
) + _COMMON
_UKRAINIAN = (
    ("tsia", "ться"),
    ("tsya", "ться"),
    ("tsja", "ться"),
    ("iia", "ія"),
    ("iiu", "ію"),
    ("iie", "іє"),
    ("ia", "я"),
    ("iu", "ю"),
    ("ie", "є"),
    ("ye", "є"),
    ("je", "є"),
    ("yi", "ї"),
    ("ji", "ї"),
    ("yo", "йо"),
    ("jo", "йо"),
    ("h", "г"),
    ("g", "г"),
    ("e", "е"),
    ("i", "і"),
) + _COMMON
# Longest spelling first, so that "shch" is read before "sh" and "ya" before "y".
_TABLES = {
    language: tuple(sorted(table, key=lambda pair: -len(pair[0])))
    for language, table in (("ru", _RUSSIAN), ("uk", _UKRAINIAN))
}
_LATIN_WORD = re.compile(r"[a-z']+")
_LATIN_RUN = re.compile(r"[A-Za-z']+")


@lru_cache(maxsize=2)
def morph(language: str) -> Any:
    """pymorphy3's analyser for Russian or Ukrainian (loaded once, about 0.3 s each)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=20_000)
def reads_as_word(word: str, language: str) -> bool:
    """Whether a Latin word read in Cyrillic is a word of Russian or Ukrainian that the
    dictionary knows ("rabotu" → "работу"), not merely a guess from its ending."""
    cyrillic = to_cyrillic(word, language)
    if cyrillic == word:
        return False
    known = morph(language).word_is_known
    return any(known(form) for form in _with_soft_signs(cyrillic) + _present_reflexive(cyrillic))


@lru_cache(maxsize=20_000)
def read_in_cyrillic(word: str, language: str) -> str:
    """`word` in Cyrillic (`to_cyrillic`), with the soft sign the Latin spelling dropped put
    back where the dictionary then knows the word and not without it ("finskoyu" →
    "фінською", "detmi" → "детьми"), so that it shares the Cyrillic examples' features."""
    cyrillic = to_cyrillic(word, language)
    if cyrillic == word:
        return word
    known = morph(language).word_is_known
    forms = _with_soft_signs(cyrillic)
    return next((form for form in forms if known(form)), cyrillic)


def read_text_in_cyrillic(
    text: str, language: str, word: Callable[[str, str], str] = read_in_cyrillic
) -> str:
    """`text` with each run of Latin letters read in Cyrillic, word by word ("a kto tuda
    mozhet hodit?" → "а кто туда может ходит?"); `word` reads one word (the tokenizer's keeps
    service names and abbreviations as written)."""
    return _LATIN_RUN.sub(lambda m: word(m.group(0), language), text)


# Consonants a soft sign often follows, and a soft sign the Latin spelling dropped: before
# another consonant or at the end ("bolshoe" → "большое", "vitalni" → "вітальні").
_SOFTENED = re.compile(r"(?<=[лнтдсзрц])(?=[бвгджзклмнпрстфхцчшщ]|$)")
MAX_SOFT_SIGNS = 2
_INFINITIVE_REFLEXIVE = "ться"


def _present_reflexive(cyrillic: str) -> list[str]:
    """A reflexive ending read as the infinitive's "-ться", without its soft sign, as the
    present tense writes it ("sobirayutsya" → "собираются"): a word all the same, though read
    as written (the classifier's features of the training examples stay as they were)."""
    if cyrillic.endswith(_INFINITIVE_REFLEXIVE):
        return [cyrillic[: -len(_INFINITIVE_REFLEXIVE)] + "тся"]
    return []


def _with_soft_signs(cyrillic: str) -> list[str]:
    """`cyrillic`, then the same word with a soft sign at one or two of the places one may
    have been dropped."""
    places = [m.start() for m in _SOFTENED.finditer(cyrillic)][:4]
    forms = [cyrillic]
    for count in range(1, MAX_SOFT_SIGNS + 1):
        for chosen in combinations(places, count):
            form = cyrillic
            for place in reversed(chosen):
                form = form[:place] + "ь" + form[place:]
            forms.append(form)
    return forms


@lru_cache(maxsize=20_000)
def to_cyrillic(word: str, language: str) -> str:
    """`word` (Latin letters) as Russian or Ukrainian would write it in Cyrillic; a word with
    other characters than Latin letters and apostrophes comes back unchanged."""
    lowered = word.lower()
    if language not in _TABLES or not _LATIN_WORD.fullmatch(lowered):
        return word
    table = _TABLES[language]
    out: list[str] = []
    i = 0
    while i < len(lowered):
        for latin, cyrillic in table:
            if lowered.startswith(latin, i):
                if latin in ("yi", "ji") and out and out[-1] not in _VOWELS:
                    cyrillic = "ий"  # Ukrainian "dobryi": ї only first or after a vowel
                break
        else:
            latin = lowered[i]
            cyrillic = _lone_y(language, out) if latin == "y" else latin
        out.append(cyrillic)
        i += len(latin)
    return _ENDINGS[language].sub(lambda m: _ENDING_FIXES[m.group(0)], "".join(out))


def _lone_y(language: str, out: list[str]) -> str:
    """A "y" not read as part of "ya", "yu"…: й after a vowel ("moy", "kakoy", "yakyy"),
    else Russian ы ("vy", "kursy") or Ukrainian и ("vymkny")."""
    if out and out[-1][-1] in _VOWELS:
        return "й"
    return "ы" if language == "ru" else "и"


# Endings the letter-by-letter reading gets wrong: Russian "bezrabotnyi"/"finskii" and
# Ukrainian "dobryi"/"yakyy" end in -ый/-ий, not -ыи/-ии/-иі; Russian "eto" is "это".
_ENDING_FIXES = {"ыи": "ый", "ии": "ий", "иі": "ий", "ет": "эт"}
_ENDINGS = {
    "ru": re.compile(r"(?:ыи|ии)$|^ет"),
    "uk": re.compile(r"(?:ии|иі)$"),
}
