"""How the country works, its laws and customs, asked as a course or a wish to understand, gets
the civic orientation (bot/nlu/civic_orientation.py, CivicOrientationRule), in the six
languages; the readings a person would expect to keep stay."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.civic_orientation import asks_about_how_the_country_works
from bot.nlu.rules import CivicOrientationRule
from tests.nlu_messages import ranked

ASKS = [
    "Haluaisin ymmärtää, miten Suomi toimii. Onko siitä kurssia venäjäksi?",
    "Finns det en kurs om hur samhället fungerar här? Jag vill förstå lagar och regler.",
    "My dad wants to understand how things in this country work. Any course in Dari?",
    "بدنا نفهم البلد وقوانينها وعاداتها، في كورس بلغتنا؟",
    "ابي اتعرف على المجتمع الفنلندي، في دورة؟",
    "Хочу понять, как устроена жизнь в Финляндии. Есть курс на русском?",
    "Мама хоче зрозуміти, як влаштоване життя тут. Є курс українською?",
]

NOT_ASKED = [
    "I moved to Finland last year with my family",  # the country named, nothing asked of it
    "how does the Kaikukortti work?",  # how a service works
    "هل في كورس فنلندي بالعربي؟",  # a Finnish course
    "законы о налогах в Польше",  # a law, no wish to understand the country
]


@pytest.mark.parametrize("text", ASKS)
def test_a_course_on_how_the_country_works(text: str) -> None:
    assert asks_about_how_the_country_works(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_do_not_ask_it(text: str) -> None:
    assert not asks_about_how_the_country_works(text)


@pytest.mark.parametrize(
    ("guess", "confidence"),
    [
        ("ask_website_translation", 0.9),  # "in our language" read as the page's translation
        ("ask_s2_with_childcare", 0.4),  # nothing sure
    ],
)
def test_the_civic_orientation_is_made_certain(guess: str, confidence: float) -> None:
    message = ranked(ASKS[3], (guess, confidence), ("ask_civic_orientation", 0.2))
    [message] = CivicOrientationRule().process([message])
    assert message.get(INTENT) == {"name": "ask_civic_orientation", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[2], "out_of_scope", 0.4),  # declined, unsure: stays declined
        # a sure reading of another service stays
        (ASKS[0], "ask_integration_training", 0.9),
    ],
)
def test_other_readings_stay(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence), ("ask_civic_orientation", 0.05))
    [message] = CivicOrientationRule().process([message])
    assert message.get(INTENT)["name"] == guess
