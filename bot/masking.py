"""Masking of personal data in conversation text: e-mail addresses, phone numbers, Finnish
personal identity codes (henkilötunnus), IBANs, old-format Finnish bank account numbers and
payment card numbers become placeholders.

Newcomers type their contact details into the chat (to ask for a call back, or by mistake);
coordinators reviewing conversations and the exported training data need the words but not
those details. Everything the review tool shows or exports goes through `mask()`, and the
project uses the same function for stored conversation logs.

Detection: regular expressions find candidates, python-stdnum validates HETUs, IBANs and
(with Luhn) card and old Finnish account numbers, phonenumbers finds phone numbers (Finnish and
international formats). Arabic-Indic and Persian digits are read as digits, so a number written
in them is found too. People type separators as they come: a HETU with a space, an en dash, a
minus sign or nothing between date and number, an IBAN with no-break or double spaces or
"FI 21 …"; those are taken when their check character is right (a mistyped one is still taken
with the official separators, where nothing else looks the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fi import hetu as stdnum_hetu

PLACEHOLDERS: dict[str, str] = {
    "email": "[email]",
    "hetu": "[hetu]",
    "iban": "[iban]",
    "phone": "[phone]",
    "card": "[card]",
    "account": "[account]",
}

# Arabic-Indic (U+0660…) and Extended Arabic-Indic/Persian (U+06F0…) digits, one for one, so
# positions in the translated text are positions in the original.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)

# Top-level domains are letters, or punycode (xn--p1ai is .рф) for internationalised ones.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.(?:[^\W\d_]{2,}|xn--[a-z0-9-]{2,59})(?![\w-])",
    re.IGNORECASE,
)
# Dashes people type for the HETU's "-": hyphen, non-breaking hyphen, figure dash, en dash, em
# dash, minus sign, small and fullwidth hyphen-minus.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_HETU = re.compile(
    r"(?<![0-9A-Za-z])([0-3]\d[01]\d\d\d)"
    rf"([-+ABCDEFYXWVU]|[ \u00a0\u202f{_DASHES}]?)"
    r"(\d\d\d[0-9A-Y])(?![0-9A-Za-z])",
    re.IGNORECASE,
)
# Spaces inside account numbers: plain, no-break, narrow no-break, thin; or a dash.
_GAP = "[ \u00a0\u202f\u2009-]"
# An IBAN candidate: country code, check digits, then 11–30 letters or digits, in groups
# separated by up to two spaces or dashes ("FI 21 1234 …" too). The longest valid prefix is taken.
_IBAN = re.compile(
    rf"(?<![0-9A-Za-z])[A-Z]{{2}}{_GAP}{{0,2}}\d{{2}}(?:{_GAP}{{0,2}}[0-9A-Z]){{11,30}}",
    re.IGNORECASE,
)
_GAPS = re.compile(_GAP)
_FINNISH_IBAN_SHAPE = re.compile(r"FI\d{16}")
# A payment card number: 13–19 digits, alone or in groups split by one space or dash; its
# first digit is 2–6 (Mastercard, Amex, Diners, JCB, Visa, Maestro, Discover, UnionPay), which
# also keeps phone numbers (0…, 8…, +…) out. Luhn decides.
_CARD = re.compile(r"(?<![\w+.,/-])[2-6]\d*(?:[ \u00a0-]\d+)*(?!\w)")
_CARD_MAX_CHARS = 19 + 18  # 19 digits with a separator between each
# An old-format Finnish bank account number (before IBAN): six digits, a dash, 2–8 digits.
_FINNISH_ACCOUNT = re.compile(rf"(?<![\w.,/-])([1-8]\d{{5}})[-{_DASHES}](\d{{2,8}})(?![\w-])")
# Phone-like course codes: an upper-case code and a dash just before the digits (KOTO-0401-2345).
_CODE_PREFIX = re.compile(r"(?<![\w-])[A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,7}-$")
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

    Detectors run from the most specific (e-mail, HETU, IBAN, account, card) to the most
    general (phone), so a HETU's digits are never also reported as a phone number.
    """
    if not text:
        return []
    normalised = text.translate(_DIGITS)
    if "@" not in normalised and not any(c.isdigit() for c in normalised):
        return []  # every kind of personal data here has an @ or digits: most messages have none
    spans: list[Span] = []
    for detector in (
        _emails,
        _hetus,
        _ibans,
        _finnish_accounts,
        _cards,
        _phones,
        _international_numbers,
    ):
        for span in detector(normalised):
            if not any(span.start < s.end and s.start < span.end for s in spans):
                spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def mask(text: str) -> str:
    """`text` with every e-mail, phone number, HETU, IBAN, account and card number replaced by
    a placeholder."""
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
        date, separator, rest = match.groups()
        if separator and separator.upper() in "-+ABCDEFYXWVU":
            if _hetu_status(f"{date}{separator}{rest}".upper()) == "invalid":
                continue  # not a date, so not a HETU; a wrong check character is still taken
        elif not any(_hetu_status(f"{date}{c}{rest}".upper()) == "valid" for c in "-A"):
            continue  # an unusual separator: only a correct check character makes it a HETU
        spans.append(Span(match.start(), match.end(), "hetu"))
    return spans


def _hetu_status(code: str) -> str:
    """Whether `code` is a HETU: valid, checksum (a real date, wrong check) or invalid."""
    try:
        stdnum_hetu.validate(code, allow_temporary=True)
    except InvalidChecksum:
        return "checksum"
    except ValidationError:
        return "invalid"
    return "valid"


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
        compact = _GAPS.sub("", prefix)
        if stdnum_iban.is_valid(compact) or _FINNISH_IBAN_SHAPE.fullmatch(compact):
            return end
    return 0


def _finnish_accounts(text: str) -> list[Span]:
    """Old-format Finnish account numbers whose machine form (14 digits) passes Luhn."""
    spans = []
    for match in _FINNISH_ACCOUNT.finditer(text):
        bank, number = match.groups()
        # Savings and co-operative banks (4, 5) pad after the 7th digit, the others after the 6th.
        if bank[0] in "45":
            machine = bank + number[0] + number[1:].zfill(7)
        else:
            machine = bank + number.zfill(8)
        if luhn.is_valid(machine):
            spans.append(Span(match.start(), match.end(), "account"))
    return spans


def _cards(text: str) -> list[Span]:
    spans = []
    for match in _CARD.finditer(text):
        end = _longest_card(match.group())
        if end:
            spans.append(Span(match.start(), match.start() + end, "card"))
    return spans


def _longest_card(candidate: str) -> int:
    """Length of the longest prefix, ending at a group's end, that is a card number, or 0."""
    for end in range(min(len(candidate), _CARD_MAX_CHARS), 12, -1):
        if not candidate[end - 1].isdigit() or (end < len(candidate) and candidate[end].isdigit()):
            continue
        digits = "".join(c for c in candidate[:end] if c.isdigit())
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
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
            if _CODE_PREFIX.search(text, 0, match.start):
                continue  # a course or product code such as KOTO-0401-2345
            spans.append(Span(match.start, match.end, "phone"))
    return spans


def _international_numbers(text: str) -> list[Span]:
    spans = []
    for match in _INTERNATIONAL.finditer(text):
        digits = sum(c.isdigit() for c in match.group())
        if 8 <= digits <= 15:
            spans.append(Span(match.start(), match.end(), "phone"))
    return spans
