"""Masking of personal data in conversation text: e-mail addresses, phone numbers, Finnish
personal identity codes (henkilötunnus) and IBANs become placeholders.

Newcomers type their contact details into the chat (to ask for a call back, or by mistake);
coordinators reviewing conversations and the exported training data need the words but not
those details. Everything the review tool shows or exports goes through `mask()`, and the
project uses the same function for stored conversation logs.

Detection: regular expressions find candidates, python-stdnum validates HETUs and IBANs,
phonenumbers finds phone numbers (Finnish and international formats). Arabic-Indic and
Persian digits are read as digits, so a number written in them is found too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fi import hetu as stdnum_hetu

PLACEHOLDERS: dict[str, str] = {
    "email": "[email]",
    "hetu": "[hetu]",
    "iban": "[iban]",
    "phone": "[phone]",
}

# Arabic-Indic (U+0660…) and Extended Arabic-Indic/Persian (U+06F0…) digits, one for one, so
# positions in the translated text are positions in the original.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_HETU = re.compile(
    r"(?<![0-9A-Za-z])[0-3]\d[01]\d\d\d[-+ABCDEFYXWVU]\d\d\d[0-9A-Y](?![0-9A-Za-z])",
    re.IGNORECASE,
)
# An IBAN candidate: country code, check digits, then 11–30 letters or digits, optionally in
# groups separated by single spaces or dashes. The longest valid prefix is taken.
_IBAN = re.compile(r"(?<![0-9A-Za-z])[A-Z]{2}\d{2}(?:[ -]?[0-9A-Z]){11,30}", re.IGNORECASE)
_FINNISH_IBAN_SHAPE = re.compile(r"FI\d{16}")
# International numbers phonenumbers does not know as valid (new or unusual ranges): a plus or
# 00, a country code and 7 to 14 more digits in groups.
_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .\-]?\(?\d{1,4}\)?){2,6}(?!\w)")
# Where numbers written without a country code are read from: Finland first, then the
# countries many newcomers keep a phone from. (Syria is left out: its numbering plan makes
# dates such as 12.05.2024 valid numbers.)
PHONE_REGIONS: tuple[str, ...] = ("FI", "SE", "RU", "UA", "IQ")


@dataclass(frozen=True)
class Span:
    """One piece of personal data found in a text: where it is and what kind it is."""

    start: int
    end: int
    kind: str


def find_pii(text: str) -> list[Span]:
    """The personal data in `text`, left to right, without overlaps.

    Detectors run from the most specific (e-mail, HETU, IBAN) to the most general (phone), so
    a HETU's digits are never also reported as a phone number.
    """
    if not text:
        return []
    normalised = text.translate(_DIGITS)
    if "@" not in normalised and not any(c.isdigit() for c in normalised):
        return []  # every kind of personal data here has an @ or digits: most messages have none
    spans: list[Span] = []
    for detector in (_emails, _hetus, _ibans, _phones, _international_numbers):
        for span in detector(normalised):
            if not any(span.start < s.end and s.start < span.end for s in spans):
                spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def mask(text: str) -> str:
    """`text` with every e-mail, phone number, HETU and IBAN replaced by a placeholder."""
    if not text:
        return text
    pieces: list[str] = []
    position = 0
    for span in find_pii(text):
        pieces.append(text[position : span.start])
        pieces.append(PLACEHOLDERS[span.kind])
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def _emails(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]


def _hetus(text: str) -> list[Span]:
    spans = []
    for match in _HETU.finditer(text):
        try:
            stdnum_hetu.validate(match.group().upper(), allow_temporary=True)
        except InvalidChecksum:
            pass  # a mistyped check character is still someone's identity code
        except ValidationError:
            continue  # not a date, so not a HETU
        spans.append(Span(match.start(), match.end(), "hetu"))
    return spans


def _ibans(text: str) -> list[Span]:
    spans = []
    for match in _IBAN.finditer(text):
        candidate = match.group().upper()
        end = _longest_valid_iban(candidate)
        if end:
            spans.append(Span(match.start(), match.start() + end, "iban"))
    return spans


def _longest_valid_iban(candidate: str) -> int:
    """Length of the longest prefix of `candidate` that is an IBAN, or 0.

    A Finnish account number with a mistyped check digit is still taken: it identifies a person.
    """
    for end in range(len(candidate), 14, -1):
        if not candidate[end - 1].isalnum():
            continue
        if end < len(candidate) and candidate[end].isalnum():
            continue  # would cut a group in two
        prefix = candidate[:end]
        compact = re.sub(r"[ -]", "", prefix)
        if stdnum_iban.is_valid(compact) or _FINNISH_IBAN_SHAPE.fullmatch(compact):
            return end
    return 0


def _phones(text: str) -> list[Span]:
    spans: list[Span] = []
    if sum(c.isdigit() for c in text) < 5:
        return spans  # no phone number is that short; skips the matcher for most messages
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID
        ):
            spans.append(Span(match.start, match.end, "phone"))
    return spans


def _international_numbers(text: str) -> list[Span]:
    spans = []
    for match in _INTERNATIONAL.finditer(text):
        digits = sum(c.isdigit() for c in match.group())
        if 8 <= digits <= 15:
            spans.append(Span(match.start(), match.end(), "phone"))
    return spans
