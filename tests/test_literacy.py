"""Someone who cannot read or write gets the literacy training (bot/nlu/literacy.py,
LiteracyRule), in the six languages; a page one cannot read, a CV and the readings a person
would expect to keep stay."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.literacy import cannot_read_or_write
from bot.nlu.rules import LiteracyRule
from tests.nlu_messages import ranked

ASKS = [
    "Isäni ei osaa lukea eikä kirjoittaa. Onko aikuisille opetusta?",
    "Min faster kan varken läsa eller skriva. Finns det nåt för henne?",
    "My aunt is illiterate, she never went to school. Any class for her?",
    "خالتي ما بتعرف تقرا ولا تكتب، لا عربي ولا انجليزي. في شي بيعلمها؟",
    "Тётя не умеет ни читать, ни писать. Где ей помогут?",
    "Бабуся не вміє ні читати, ні писати. Куди їй звернутися?",
]

NOT_ASKED = [
    "the city page is all in finnish, i can't read it",  # a page, the website translation
    "I don't know how to write a CV the Finnish way, who helps?",  # the CV
    "قديش بدها وقت البامية عالنار؟",  # okra, not "أمية"
    "my mother reads a lot of books",
]


@pytest.mark.parametrize("text", ASKS)
def test_someone_who_cannot_read_or_write(text: str) -> None:
    assert cannot_read_or_write(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_do_not_say_it(text: str) -> None:
    assert not cannot_read_or_write(text)


@pytest.mark.parametrize(
    ("guess", "confidence"),
    [
        ("choose_language", 0.89),  # "not Arabic, not English" read as a switch
        ("inform_target_group", 0.8),
        ("ask_swedish_integration", 0.2),  # nothing sure
    ],
)
def test_the_literacy_training_is_made_certain(guess: str, confidence: float) -> None:
    message = ranked(ASKS[3], (guess, confidence), ("ask_literacy_training", 0.05))
    [message] = LiteracyRule().process([message])
    assert message.get(INTENT) == {"name": "ask_literacy_training", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[2], "ask_s2_with_childcare", 0.9),  # a sure reading of another service stays
        (ASKS[0], "out_of_scope", 0.4),  # declined, unsure: stays
        (ASKS[4], "ask_location", 0.9),  # a follow-up stays
        (ASKS[1], "request_human", 0.9),  # a person asked for stays
    ],
)
def test_other_readings_stay(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence), ("ask_literacy_training", 0.05))
    [message] = LiteracyRule().process([message])
    assert message.get(INTENT)["name"] == guess
