"""A business of one's own to start, and who helps or how, gets the business advice
(bot/nlu/own_business.py, OwnBusinessRule), in the six languages; the readings a person would
expect to keep stay."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.own_business import asks_about_starting_a_business
from bot.nlu.rules import OwnBusinessRule
from tests.nlu_messages import ranked

ASKS = [
    "Olin kokki Vietnamissa. Haluaisin perustaa oman ravintolan, kuka neuvoo?",
    "Jag bakar tårtor hemma och vill starta eget företag. Var får jag råd?",
    "I did tailoring for ten years back home. I'd like to open my own business here, who can"
    " advise me?",
    "بدي افتح محل حلويات هون، مين بيساعدني بالاوراق؟",
    "Хочу открыть свой салон красоты, куда обратиться за консультацией?",
    "Думаю відкрити власну справу, ремонт телефонів. З чого почати?",
    # a shop, a word or two between
    "Хотела бы открыть здесь небольшую пекарню. Кто подскажет, с чего начать?",
    "vi funderar på att öppna ett litet café, vem kan ge råd?",
    "ابي افتح هنا صالون صغير، وين اروح اسأل؟",
    # a sole trader's registration
    "шью на заказ и хочу оформить всё официально, кто подскажет?",
    "I fix bikes and want a toiminimi for it, who gives advice?",
    "хочу відкрити свій швейний кабінет, хто порадить?",  # a word between
    "بدي اشتغل لحسابي بالتصوير، مين بيساعدني؟",  # working for oneself
    "ja skulle vilja ha en egen nagelsalong, vart vänder man sig?",  # a kind of salon
    "min fru funderar på att starta eget, en liten frisörsalong. vem hjälper henne?",
    "I want to open my own little barbershop here, who can advise me?",  # three words between
]

NOT_ASKED = [
    "I work at a big company in Espoo",  # no business of one's own
    "мой муж работает в компании",
    "Jag vill starta eget företag.",  # no question of who, where or how
    "haluan oppia suomea, missä on kurssi?",  # no business at all
    # a company already run abroad: its taxes are out of scope
    "хто допоможе порахувати податок для мого ФОП в Україні?",
    "مين بيساعدني احسب ضريبة شركتي في دبي؟",
    "when does the shop open on sundays?",  # a shop that opens, none to open
]


def test_a_business_story_read_as_the_first_assessment_is_the_business_advice() -> None:
    text = "I was a tailor 20 years. My dream is to open own small shop for clothes. Who helps?"
    message = ranked(text, ("ask_service_needs_assessment", 0.9))
    [message] = OwnBusinessRule().process([message])
    assert message.get("intent")["name"] == "ask_business_advice"


@pytest.mark.parametrize("text", ASKS)
def test_a_business_of_ones_own_to_start_and_who_helps(text: str) -> None:
    assert asks_about_starting_a_business(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_do_not_ask_it(text: str) -> None:
    assert not asks_about_starting_a_business(text)


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[0], "ask_guidance_counselling", 0.8),  # the story read as general guidance
        (ASKS[2], "ask_koski_competence_centre", 0.4),  # nothing sure
        (ASKS[4], "inform_target_group", 0.7),  # the status
        (ASKS[1], "ask_job_search_help", 0.9),  # help with work, for a job seeker
    ],
)
def test_the_business_advice_is_made_certain(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence), ("ask_business_advice", 0.3))
    [message] = OwnBusinessRule().process([message])
    assert message.get(INTENT) == {"name": "ask_business_advice", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        # a company abroad, sure out of scope
        ("Як відкрити ФОП у Польщі, де порада?", "out_of_scope", 0.95),
        # a sure reading of another service: Omnia's centre, which also advises on work
        (ASKS[1], "ask_omnia_competence_centre", 0.8),
        # a follow-up, a request for a person
        (ASKS[3], "ask_cost", 0.5),
        (ASKS[5], "request_human", 0.5),
    ],
)
def test_other_readings_stay(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence))
    [message] = OwnBusinessRule().process([message])
    assert message.get(INTENT)["name"] == guess


def test_a_business_to_open_read_as_how_to_sign_up_is_the_business_advice() -> None:
    # Gulf Arabic: "I want to open a small restaurant here … who advises me how to begin?"
    text = "ابي افتح مطعم صغير هني، اكلات شعبية. منو يعطيني استشارة كيف ابدا؟"
    message = ranked(text, ("ask_signup", 0.75), ("ask_eligibility", 0.1))
    [message] = OwnBusinessRule().process([message])
    assert message.get(INTENT) == {"name": "ask_business_advice", "confidence": 1.0}
