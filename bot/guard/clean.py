"""Clean a message's text before the NLU sees it and the tracker store keeps it.

Removed: control characters other than newline and tab (NUL breaks PostgreSQL text, the rest
only garble transcripts), explicit bidi embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069: they carry no meaning for the NLU but can make a transcript in the review tool
read backwards) and lone surrogates (not encodable as UTF-8). Kept: the marks Arabic text
legitimately uses (U+200E, U+200F), zero-width joiners inside emoji, and everything else.
"""

from __future__ import annotations

import unicodedata

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_KEPT_CONTROLS = "\n\t"
_REMOVED = {
    code: None
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
    if chr(code) not in _KEPT_CONTROLS
}
_REMOVED.update({ord(c): None for c in _BIDI_CONTROLS})


def clean_text(text: str) -> str:
    """The text without controls, bidi overrides and lone surrogates (not stripped)."""
    if not text.isascii():
        text = text.encode("utf-8", "ignore").decode("utf-8")  # drops lone surrogates
    return text.translate(_REMOVED)


def is_blank(text: str) -> bool:
    """Nothing a person could have meant: only spaces, invisible and format characters."""
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Zs", "Zl", "Zp") for c in text)


def has_control_characters(value: str) -> bool:
    """For ids: any control, bidi control or lone surrogate makes an id unusable."""
    return clean_text(value) != value or "\n" in value or "\t" in value
