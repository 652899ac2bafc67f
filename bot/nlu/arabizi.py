"""Arabic typed in Latin letters (Arabizi), read back in Arabic script for the classifier.

Newcomers without an Arabic keyboard write "ana 3atel w bade ta3allam finnish, wen?" or
"fi 3andkom majmou3at mo7adatha bel finlandi?". The training examples are in Arabic script,
so such a message shares no word or character feature with them and reads as out of scope.

Arabizi has no one spelling: digits stand for the sounds Latin letters lack (3 ع, 7 ح, 5 خ,
2 ء or ق, 6 ط, 9 ص, 8 ق), short vowels are written that Arabic script leaves out, and one Latin
letter stands for several Arabic ones (t for ت and ط, s for س and ص, h for ه and ح). So a word
is not spelt letter by letter; it is matched by its consonants. Both scripts are reduced to
the same skeleton (the first letter, then the consonants in classes of letters Arabizi does
not tell apart, without the vowels, و, ي and hamza, and without a final ة/ه), and the Latin
word is read as the most frequent Arabic word of the training data with its skeleton:
"majmou3at" and "مجموعات" are both م-ج-م-ع-ت, "3atel" and "عاطل" ع-ط-ل, "finlandi" and
"فنلندي" ف-ن-ل-ن-د. A word with no Arabic word of its skeleton ("finnish", "Kauniainen")
stays as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from bot.nlu.arabic import normalise
from bot.paths import DATA_DIR

# Where the Arabic words come from: the Arabic training examples.
ARABIC_EXAMPLES = DATA_DIR / "nlu" / "ar"

# Classes of Arabic letters that Arabizi writes alike; "" for a letter the skeleton drops
# after the first (the long vowels, و, ي, hamza).
_ARABIC_CLASSES = {
    "ا": "a", "ب": "b", "ت": "t", "ط": "t", "ث": "θ", "ج": "j", "ح": "h", "ه": "h",
    "خ": "x", "د": "d", "ض": "d", "ذ": "z", "ظ": "z", "ز": "z", "ر": "r", "س": "s",
    "ص": "s", "ش": "c", "ع": "e", "غ": "g", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "و": "w", "ي": "y", "ء": "'", "ؤ": "'", "ئ": "'",
}  # fmt: skip
# Latin spellings, longest first, and their classes.
_LATIN_CLASSES = (
    ("sh", "c"), ("ch", "c"), ("kh", "x"), ("gh", "g"), ("th", "θ"), ("dh", "z"),
    ("2", "'"), ("3", "e"), ("5", "x"), ("6", "t"), ("7", "h"), ("8", "q"), ("9", "s"),
    ("a", "a"), ("e", "a"), ("i", "a"), ("o", "a"), ("u", "a"),
    ("b", "b"), ("p", "b"), ("t", "t"), ("j", "j"), ("g", "j"), ("h", "h"), ("d", "d"),
    ("z", "z"), ("r", "r"), ("s", "s"), ("c", "k"), ("k", "k"), ("q", "q"), ("f", "f"),
    ("v", "f"), ("l", "l"), ("m", "m"), ("n", "n"), ("w", "w"), ("y", "y"), ("x", "x"),
)  # fmt: skip
# Dropped after the first letter: vowels, the letters that also write long vowels, hamza.
_WEAK = frozenset("awy'")
_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_ARABIZI_WORD = re.compile(r"[a-z2356789]+")
# A run of Latin letters and the digits that write Arabic sounds, as a message spells a word.
_ARABIZI_RUN = re.compile(r"[A-Za-z2-9]+")
# A skeleton of one letter matches too many words ("b" is "باي" here, "law" (if) would be
# "لا" (no)): only these frequent short words are read, as written.
_SHORT_WORDS = {
    "fi": "في", "ma": "ما", "shu": "شو", "sho": "شو", "la": "لا", "ya": "يا",
    # and frequent words whose skeleton reads as another ("add eh" how much, Egyptian, as "ايض
    # اه"; "ok" as the Iraqi "اكو", "there is"; "hada" (this) as "حدا", someone, which Arabizi
    # writes "7ada")
    "w": "و", "wa": "و", "eh": "ايه", "eih": "ايه", "add": "قد", "2add": "قد", "2ad": "قد",
    "keda": "كده", "kda": "كده", "ok": "اوكي", "okay": "اوكي", "bye": "باي", "hada": "هذا",
    "enno": "انو", "inno": "انو",
    # "w howa b flous?" (and is it paid?), "a5do mnen?" (where do I get it?)
    "howa": "هو", "huwa": "هو", "hiya": "هي", "heya": "هي", "mnen": "منين", "mnein": "منين",
    "mneen": "منين",
    # Egyptian "this" and "exactly" ("eh howa el Kaikukortti da?", "mnen bezabt?")
    "da": "ده", "bezabt": "بالضبط", "bezzabt": "بالضبط",
    # "bade 7aki finlandi ma3 nas" (I want to speak Finnish with people), not "هيك" (so)
    "7aki": "احكي", "a7ki": "احكي", "n7aki": "نحكي",
    # "fen" (where, Egyptian) not "فيني" (in me); "shu awwal khatwe?" (what is the first step?)
    # not "اللي خطه" (which plan); "men wen bade ballesh?" (where do I start?) not "ببلاش" (free)
    "fen": "فين", "feen": "فين", "fein": "فين", "awwal": "اول", "awal": "اول", "awel": "اول",
    "khatwe": "خطوة", "khatwa": "خطوة", "5atwe": "خطوة", "5atwa": "خطوة", "ballesh": "بلش",
    "ballish": "بلش", "bellesh": "بلش", "kam": "كم", "bikoun": "بيكون", "bikun": "بيكون",
    "bykoun": "بيكون", "btkoun": "بتكون", "btkun": "بتكون", "shi": "شي", "fik": "فيك",
    "fiki": "فيكي", "fiyye": "فيي", "fiyyi": "فيي", "fiye": "فيي", "fiyi": "فيي",
    # Egyptian "where is it" and "for how much" ("w el kors da makano fein?", "w bekam el
    # test?"), "come with me" ("momken mrati tegi ma3aya?") not "توجيه مع" (guidance with)
    "makano": "مكانه", "makanu": "مكانه", "bekam": "بكام", "b2am": "بكام",
    "tegi": "تيجي", "tigi": "تيجي", "tiji": "تيجي", "teji": "تيجي", "ma3aya": "معايا",
    "ma3aia": "معايا", "ma3i": "معي", "ma3y": "معي",
    # "3adi fiya tru7?" (may she go?), not "عاده" (a habit)
    "3adi": "عادي", "3ady": "عادي", "fiya": "فيها", "fiha": "فيها",
    # "w 2adde bteklif?" (and how much does it cost?)
    "2adde": "قديش", "addesh": "قديش", "2addesh": "قديش", "bteklif": "بتكلف", "btkallef": "بتكلف",
    "bitkallif": "بتكلف", "bikallif": "بيكلف", "bikallef": "بيكلف", "bykallif": "بيكلف",
    "bballesh": "ببلش", "bballish": "ببلش", "bbalesh": "ببلش",
}  # fmt: skip
# Words that Arabizi writes apart and Arabic onto the next word, with the article: "l kanise"
# الكنيسة, "fel shahr" في الشهر, "bel 3arabi" بالعربي, "lal 3ayle" للعيلة, "wel wlad" والولاد.
# Each is what goes before the article ("في" a word apart).
_ARTICLE_CLITICS = {
    "l": "", "el": "", "il": "", "al": "", "fel": "في ", "fil": "في ", "fl": "في ", "bel": "ب",
    "bil": "ب", "bl": "ب", "lal": "ل", "lel": "ل", "lil": "ل", "wel": "و", "wil": "و",
}  # fmt: skip
_ARTICLE = "ال"


def _skeleton(classes: list[str]) -> str:
    """The first class (a vowel or hamza first is "a"), then the others without the weak ones,
    each run of one class once ("baddi" and "بدي" are both b-d)."""
    if not classes:
        return ""
    first = "a" if classes[0] in ("a", "'") else classes[0]
    out = [first]
    for cls in classes[1:]:
        if cls not in _WEAK and cls != out[-1]:
            out.append(cls)
    return "".join(out)


def arabic_skeleton(word: str) -> str:
    """The skeleton of a word in Arabic script, without its final ة/ه ("محادثة" → m-h-d-θ)."""
    letters = normalise(word)
    if len(letters) > 2 and letters.endswith("ه"):
        letters = letters[:-1]
    return _skeleton([_ARABIC_CLASSES[ch] for ch in letters if ch in _ARABIC_CLASSES])


def latin_skeleton(word: str) -> str:
    """The skeleton of an Arabizi word, without a final "h" after a vowel ("hadeh")."""
    lowered = word.lower()
    if len(lowered) > 3 and lowered[-1] == "h" and lowered[-2] in "aeiou":
        lowered = lowered[:-1]
    classes: list[str] = []
    i = 0
    while i < len(lowered):
        for latin, cls in _LATIN_CLASSES:
            if lowered.startswith(latin, i):
                classes.append(cls)
                i += len(latin)
                break
        else:
            i += 1
    return _skeleton(classes)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """Each skeleton's most frequent Arabic word in the Arabic training examples."""
    counts: Counter[str] = Counter()
    for path in sorted(ARABIC_EXAMPLES.glob("*.yml")):
        counts.update(normalise(w) for w in _ARABIC_WORD.findall(path.read_text("utf-8")))
    lexicon: dict[str, str] = {}
    for word, _ in counts.most_common():
        lexicon.setdefault(arabic_skeleton(word), word)
    # A word seen only with the article is read without it when written without ("kanise"
    # كنيسة from "الكنيسة"), after every word seen as written.
    for word, _ in counts.most_common():
        bare = word[len(_ARTICLE) :]
        if word.startswith(_ARTICLE) and len(bare) > 2:
            lexicon.setdefault(arabic_skeleton(bare), bare)
    return lexicon


@lru_cache(maxsize=20_000)
def read_in_arabic(word: str) -> str:
    """An Arabizi word as the Arabic word of its skeleton ("3atel" → "عاطل"); the word as
    written when it is not Arabizi letters or no Arabic word has its skeleton."""
    lowered = word.lower()
    if not _ARABIZI_WORD.fullmatch(lowered) or lowered.isdigit():
        return word
    if lowered in _SHORT_WORDS:
        return _SHORT_WORDS[lowered]
    # "2" is hamza, or qāf as Levantine and Egyptian say it ("a2dem" اقدم, "wa2t" وقت).
    for spelling in (lowered.replace("2", "q"), lowered) if "2" in lowered else (lowered,):
        skeleton = latin_skeleton(spelling)
        arabic = _lexicon().get(skeleton) if len(skeleton) >= 2 else None
        if arabic is not None:
            return arabic
    return word


def read_text_in_arabic(text: str, word: Callable[[str], str] = read_in_arabic) -> str:
    """`text` with each Arabizi word read in Arabic script ("ana 3atel" → "انا عاطل"), an
    article written apart onto its word ("fel shahr" → "في الشهر"); `word` reads one word (the
    tokenizer's keeps service names and abbreviations as written)."""

    def read(match: re.Match[str]) -> str:
        clitic, written = match.group("clitic"), match.group("word")
        if clitic is None:
            return word(written)
        before = _ARTICLE_CLITICS[clitic.lower()]
        with_article = _with_article(written, word)
        if with_article is None:  # "el weekend": the article apart, the word as written
            return f"{_joined(before, _ARTICLE)} {written}"
        return _joined(before, with_article)

    return _ARABIZI_RUN_AFTER_A_CLITIC.sub(read, text)


_ARABIZI_RUN_AFTER_A_CLITIC = re.compile(
    r"(?:(?<![A-Za-z2-9])(?P<clitic>"
    + "|".join(sorted(_ARTICLE_CLITICS, key=len, reverse=True))
    + r")\s+)?(?P<word>"
    + _ARABIZI_RUN.pattern
    + ")",
    re.IGNORECASE,
)


def _joined(before: str, with_article: str) -> str:
    """A preposition or "and" before a word with the article: "ل" drops the article's alif
    ("للعيلة")."""
    return before + with_article[1:] if before == "ل" else before + with_article


def _with_article(written: str, word: Callable[[str], str]) -> str | None:
    """The Arabic word with the article for an Arabizi word after one written apart: as seen
    with the article ("kanise" → "الكنيسه"), else its reading with the article put on; None
    when the word is not read (a service name, a word of no skeleton known)."""
    if written[:1].isupper() and word(written) == written:
        return None  # a name kept as written ("el Kaikukortti"), not "alkaikukortti" read
    seen = word("al" + written)
    if seen.startswith(_ARTICLE):
        return seen
    alone = word(written)
    if alone == written:
        return None
    return alone if alone.startswith(_ARTICLE) else _ARTICLE + alone
