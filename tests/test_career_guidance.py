"""Someone outside the labour force who wants to work and asks who advises gets the career
guidance (bot/nlu/career_guidance.py, CareerGuidanceRule), in the six languages; a job seeker,
a wish without a question and the readings a person would expect to keep stay."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.career_guidance import asks_how_to_start_working
from bot.nlu.rules import CareerGuidanceRule
from tests.nlu_messages import ranked

ASKS = [
    "Olin kotona kuopuksen kanssa kolme vuotta. Nyt haluaisin palata töihin, mutta mistä aloitan?",
    "Jag har skött barnen hemma länge och skulle vilja börja arbeta. Vem ger råd om sånt?",
    "I stayed home with my son since we arrived. Now I want to get back to work. Who advises?",
    "انا بالبيت مع بنتي من سنتين، وبدي ارجع اشتغل. مين بينصحني شو اعمل؟",
    "Сижу с малышом дома, а через полгода хочу вернуться на работу. Кто подскажет, куда идти?",
    "Я доглядаю дитину вдома, але хочу повернутися на роботу. Де порадять, з чого почати?",
]

NOT_ASKED = [
    "I'm at home with my kids and want to work some day.",  # a wish, nothing asked
    "who can help me learn Finnish?",  # no wish to work
    "هل في شغل بالصيف للطلاب؟",  # work, no wish of one's own
]


@pytest.mark.parametrize("text", ASKS)
def test_a_wish_to_work_and_who_advises(text: str) -> None:
    assert asks_how_to_start_working(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_do_not_ask_it(text: str) -> None:
    assert not asks_how_to_start_working(text)


def _stating(text: str, group: str, *ranking: tuple[str, float]):
    message = ranked(text, *ranking)
    message.set("entities", [{"entity": "target_group", "value": group}])
    return message


@pytest.mark.parametrize(
    ("guess", "confidence"),
    [
        ("ask_guidance_counselling", 0.9),  # "who advises" read as the general guidance
        ("ask_family_services", 0.8),  # the children of the story
        ("ask_civic_orientation", 0.7),
        ("ask_perhesoppa", 0.8),  # the families' meeting place, for the children
        ("inform_target_group", 0.9),  # the story read as the person's status
        ("ask_omnia_competence_centre", 0.4),  # nothing sure
    ],
)
def test_the_career_guidance_is_made_certain(guess: str, confidence: float) -> None:
    message = _stating(
        ASKS[1], "outside_labour_force", (guess, confidence), ("ask_career_guidance", 0.05)
    )
    [message] = CareerGuidanceRule().process([message])
    assert message.get(INTENT) == {"name": "ask_career_guidance", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "group", "guess", "confidence"),
    [
        # a registered job seeker: the employment services' help, not this rule's
        (ASKS[2], "job_seeker", "ask_guidance_counselling", 0.9),
        # a sure reading of another service stays (a graduate's competence centre)
        (ASKS[4], "outside_labour_force", "ask_koski_competence_centre", 0.9),
        (ASKS[0], "outside_labour_force", "out_of_scope", 0.4),  # declined, unsure: stays
        (ASKS[3], "outside_labour_force", "ask_cost", 0.9),  # a follow-up stays
    ],
)
def test_other_readings_stay(text: str, group: str, guess: str, confidence: float) -> None:
    message = _stating(text, group, (guess, confidence), ("ask_career_guidance", 0.05))
    [message] = CareerGuidanceRule().process([message])
    assert message.get(INTENT)["name"] == guess


def test_without_a_stated_group_the_reading_stays() -> None:
    message = ranked(ASKS[1], ("ask_guidance_counselling", 0.9), ("ask_career_guidance", 0.05))
    [message] = CareerGuidanceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_guidance_counselling"
