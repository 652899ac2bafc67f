"""Browsers a coordinator has signed in with before, remembered by a signed cookie.

The sign-in delay per user name (bot/review/auth.py) stops password guessing spread over many
addresses, but anyone could then slow a coordinator's own sign-in by failing on purpose with
their name. A browser that signed in as that coordinator before carries this cookie and is
exempt from the per-name delay (OWASP's "device cookie"); the delay per address still applies.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "kotobot_review_device"
MAX_AGE_SECONDS = 90 * 24 * 60 * 60
_SALT = "kotobot-review-device"


def cookie_name(secure: bool) -> str:
    return ("__Host-" if secure else "") + COOKIE


def issue(secret_key: str, user: str) -> str:
    """The cookie's value for a browser that `user` just signed in with."""
    return URLSafeTimedSerializer(secret_key, salt=_SALT).dumps({"user": user})


def trusted_for(secret_key: str, value: str | None, user: str) -> bool:
    """Whether the cookie `value` was issued, less than 90 days ago, for `user`."""
    if not value:
        return False
    try:
        data = URLSafeTimedSerializer(secret_key, salt=_SALT).loads(value, max_age=MAX_AGE_SECONDS)
    except BadSignature:
        return False
    return isinstance(data, dict) and data.get("user") == user
