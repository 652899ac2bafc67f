"""The theatre or a concert on little money asks for the Kaikukortti (bot/nlu/culture_card.py,
CultureCardRule), in the six languages; other readings a person would expect stay."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.culture_card import asks_for_cheap_culture
from bot.nlu.rules import CultureCardRule
from tests.nlu_messages import ranked

ASKS = [
    "Rahat on tiukalla ja lapset haluais teatteriin, mut liput maksaa. Onko jotain apua?",
    "mä oon eläkkeellä ja pienituloinen, pääseekö jotenkin halvemmalla konserttiin",
    "Vi har ont om pengar men barnen vill gå på teater. Finns det hjälp?",
    "my pension is low and i would love to go to a concert sometimes. any help?",
    "is there a discount for the museum for families like us?",
    "пенсия маленькая, а в театр хочется. есть какая-то помощь?",
    "грошей обмаль, а діти просяться в кіно і музей. що можна зробити?",
    "الفلوس قليلة والولاد بدهم يروحوا على المسرح، في شي بيساعد؟",
    "نحب الثقافة بس الدخل محدود، في بطاقة لهالشي؟",
]

NOT_ASKED = [
    "is the museum open on mondays?",  # no money word
    "liput on kalliita",  # no place or culture
    "my turkish roaming is super expensive, which operator is best?",  # an operator, no opera
    "عندي حفلة بالشغل وبدي بدلة رخيصة",  # a party at work
    "how much does the civic orientation course cost?",
]


@pytest.mark.parametrize("text", ASKS)
def test_culture_on_little_money_asks_for_the_card(text: str) -> None:
    assert asks_for_cheap_culture(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_do_not_ask_for_it(text: str) -> None:
    assert not asks_for_cheap_culture(text)


@pytest.mark.parametrize(
    ("guess", "confidence"),
    [("ask_perhesoppa", 0.64), ("ask_family_services", 0.9), ("inform_target_group", 1.0)],
)
def test_the_card_is_made_certain(guess: str, confidence: float) -> None:
    message = ranked(ASKS[0], (guess, confidence), ("ask_kaikukortti", 0.2))
    [message] = CultureCardRule().process([message])
    assert message.get(INTENT) == {"name": "ask_kaikukortti", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[0], "out_of_scope", 0.4),  # out of scope, even unsure
        (ASKS[0], "ask_integration_training", 0.8),  # a sure reading of another service
        (ASKS[0], "request_human", 0.9),  # a request for a person
        (
            "can Perhesoppa help? money is tight and the kids want to see a concert",
            "ask_perhesoppa",
            0.4,
        ),
    ],
)
def test_other_readings_stay(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence), ("ask_kaikukortti", 0.1))
    [message] = CultureCardRule().process([message])
    assert message.get(INTENT)["name"] == guess
