"""Where to start, or what to do first, asks for the service needs assessment
(bot/nlu/first_steps.py, FirstStepsRule), in the six languages; "where is it?" and a start
with a topic of its own stay as read."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.first_steps import asks_where_to_start
from bot.nlu.rules import FirstStepsRule
from tests.nlu_messages import ranked

ASKS = [
    "mistä mun kannattaa aloittaa?",
    "vad ska vi göra först?",
    "ok so where should I begin?",
    "طيب من فين نبدا؟",
    "подскажите, с чего мне начинать?",
    "що нам робити спочатку?",
    # the first step, asked as such
    "mikä on eka askel?",
    "vad är första steget då?",
    "so what's the first step?",
    "ايش هي اول خطوة؟",
    "ну и какой первый шаг?",
    "а який мій перший крок?",
    # an ok, "never mind", a greeting or having just arrived say nothing more
    "okay never mind. so what should we do first?",
    "hej! jag har precis kommit till Finland, var ska jag börja?",
    "привіт, ми щойно приїхали до Фінляндії, з чого почати?",
    "مرحبا، انا لسا واصل، من وين لازم ابدأ؟",
]

NOT_ASKED = [
    "where is it?",  # where a service is
    "how do I start the course?",  # signing up to one
    "I want to open a bakery here, where do I start?",  # where to start with what
    "с чего начать учить финский, если я дома с ребенком?",
]


@pytest.mark.parametrize("text", ASKS)
def test_where_to_start(text: str) -> None:
    assert asks_where_to_start(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_do_not_ask_it(text: str) -> None:
    assert not asks_where_to_start(text)


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[3], "ask_location", 1.0),  # the "where" read as where a service is
        (ASKS[1], "ask_schedule", 0.7),
        (ASKS[4], "help", 0.4),  # nothing sure
        # Arabizi, read in Arabic script: where must I start? what's the first step?
        ("men wen lazem ballesh?", "ask_location", 0.9),
        ("tayeb shu awwal khatwe?", "ask_integration_plan", 0.5),
        ("mn wen bballesh?", "ask_location", 0.9),  # "ببلش", I start
        # how to sign up, read unsurely
        ("okay, what should i do first?", "ask_signup", 0.36),
    ],
)
def test_the_assessment_is_made_certain(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence), ("ask_service_needs_assessment", 0.1))
    [message] = FirstStepsRule().process([message])
    assert message.get(INTENT) == {"name": "ask_service_needs_assessment", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[0], "ask_signup", 0.8),  # how to join the service in context
        (ASKS[2], "out_of_scope", 0.4),
        (ASKS[5], "request_human", 0.5),
        (ASKS[2], "ask_integration_plan", 0.8),  # a sure reading of another service
    ],
)
def test_other_readings_stay(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence))
    [message] = FirstStepsRule().process([message])
    assert message.get(INTENT)["name"] == guess
