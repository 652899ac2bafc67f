"""Recognise the contact a newcomer gives: an e-mail address or a phone number."""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", re.UNICODE)
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15


@dataclass(frozen=True)
class Contact:
    kind: str  # "email" or "phone"
    value: str

    @property
    def placeholder(self) -> str:
        """What the conversation log keeps instead of the value."""
        return f"[{self.kind}]"


def parse_contact(text: str) -> Contact | None:
    """The first e-mail address or phone number in `text`, normalised; None if there is none."""
    text = text.translate(_EASTERN_DIGITS)
    email = _EMAIL.search(text)
    if email:
        return Contact("email", email.group(0).strip(".").lower())
    phone = _PHONE.search(text)
    if phone:
        raw = phone.group(0)
        digits = re.sub(r"\D", "", raw)
        if MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
            return Contact("phone", ("+" if raw.lstrip().startswith("+") else "") + digits)
    return None
