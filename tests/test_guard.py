"""The guard's pieces without servers: the rate limiter, text cleaning, REST body checks."""

from __future__ import annotations

import json

import pytest

from bot.channels.rest import BadRequest, parse_body
from bot.guard.clean import clean_text, has_control_characters, is_blank
from bot.guard.limits import MAX_BODY_BYTES, RateLimit, SenderRateLimiter
from bot.settings import load_settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_limiter_allows_n_messages_per_window_per_sender():
    clock = Clock()
    limiter = SenderRateLimiter(RateLimit(messages=3, seconds=10), clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b"), "another sender has a window of its own"
    clock.now += 5
    assert not limiter.allow("a")
    clock.now += 5.01
    assert limiter.allow("a"), "the oldest message left the window"


def test_refused_messages_do_not_extend_the_wait():
    clock = Clock()
    limiter = SenderRateLimiter(RateLimit(messages=1, seconds=10), clock=clock)
    assert limiter.allow("a")
    for _ in range(9):
        clock.now += 1
        assert not limiter.allow("a")
    clock.now += 1.01
    assert limiter.allow("a")


def test_idle_senders_are_forgotten():
    clock = Clock()
    limiter = SenderRateLimiter(RateLimit(messages=5, seconds=10), clock=clock)
    for n in range(SenderRateLimiter.PRUNE_EVERY - 1):
        limiter.allow(f"s{n}")
    clock.now += 11
    limiter.allow("late")
    assert limiter.tracked_senders() == 1


def _limit(**env: str) -> RateLimit:
    return RateLimit.of(load_settings(env).guard)


def test_zero_turns_the_limit_off():
    limiter = SenderRateLimiter(_limit(RATE_LIMIT_MESSAGES="0"))
    assert all(limiter.allow("a") for _ in range(1000))


def test_the_limit_comes_from_the_environment():
    assert _limit(RATE_LIMIT_SECONDS="") == RateLimit(20, 10.0)
    assert _limit(RATE_LIMIT_MESSAGES="5", RATE_LIMIT_SECONDS="2.5") == RateLimit(5, 2.5)
    with pytest.raises(SystemExit, match="RATE_LIMIT_MESSAGES must be a whole number"):
        _limit(RATE_LIMIT_MESSAGES="many")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("hei", "hei"),
        ("\u202eolleh\u202c", "olleh"),
        ("a\x00b\x07c\x1bd\x7fe\x85f", "abcdef"),
        ("rivi\r\ntoinen\tsarake", "rivi\ntoinen\tsarake"),
        ("مرحبا\u200f", "مرحبا\u200f"),  # the right-to-left mark stays
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # so does the joiner inside an emoji
        ("x\ud800y", "xy"),  # a lone surrogate cannot be stored as UTF-8
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("text", ["", " ", "\n\t", "\u200b\u2060", "\u3000"])
def test_blank_texts(text):
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", "👍", "?", "؟"])
def test_texts_that_are_not_blank(text):
    assert not is_blank(text)


def test_ids_with_controls_are_recognised():
    assert not has_control_characters("tg-12345")
    assert all(has_control_characters(s) for s in ("a\nb", "a\x00", "\u202eab", "a\tb"))


def _body(**fields) -> bytes:
    return json.dumps(fields).encode()


def test_a_good_body_is_parsed():
    assert parse_body(_body(sender="a", message="hei", metadata={"language": "fi"})) == (
        "a",
        "hei",
        {"language": "fi"},
        "rest",
    )
    assert parse_body(_body(sender=42, message="", input_channel="telegram"))[::3] == (
        "42",
        "telegram",
    )


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"x" * (MAX_BODY_BYTES + 1), 413),
        (b"", 400),
        (b"\xff\xfe\x00", 400),
        (b"[1, 2]", 400),
        (b"[" * 10_000 + b"]" * 10_000, 400),
        (_body(message="hei"), 400),
        (_body(sender="", message="hei"), 400),
        (_body(sender=True, message="hei"), 400),
        (_body(sender="a" * 256, message="hei"), 400),
        (_body(sender="a\nb", message="hei"), 400),
        (_body(sender="a"), 400),
        (_body(sender="a", message=["hei"]), 400),
        (_body(sender="a", message="hei", metadata="fi"), 400),
        (_body(sender="a", message="hei", input_channel=7), 400),
    ],
)
def test_bad_bodies_are_refused(body, status):
    with pytest.raises(BadRequest) as refused:
        parse_body(body)
    assert refused.value.status == status
