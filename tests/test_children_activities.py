"""A child's school, sport or hobby gets the city's services for families
(bot/nlu/children_activities.py, ChildrensActivitiesRule), in the six languages, and asked
again after that answer it is not taken for the childcare detail; the readings a person would
expect to keep stay."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.shared.nlu.constants import INTENT
from rasa_sdk import Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.services import ActionAnswerService
from bot.nlu.children_activities import asks_about_a_childs_school_or_hobby
from bot.nlu.rules import ChildrensActivitiesRule
from tests.nlu_messages import ranked

ASKS = [
    "no entä tyttären harrastukset, vaikka tanssi?",
    "min dotter fyller sju i höst, hur börjar man i skolan här?",
    "any swimming lessons for my 6 year old son?",
    "بنتي عمرها ٩ سنين، في نشاطات رياضة للبنات هون؟",
    "где ребенку заниматься танцами недорого?",
    "а в яку школу піде син, йому шість?",
    "is there some dance class for the girls here?",  # in the plural
    "бажаю записати доньку в садочок, як це зробити?",  # a daycare place, asked shortly
    "och pojken e åtta, finns det nån fotbollsklubb?",  # Finland-Swedish "pojken"
    "وشغلة كمان، بنتي بدها روضة، لمين بروح؟",  # "شغلة" (a matter) is no work
]

NOT_ASKED = [
    "can my son come with me to the lesson?",  # a child looked after: childcare
    "is there swimming for adults?",  # no child
    "кружок для детей, пока я на уроке финского?",  # looked after during the lesson
    # daycare as part of a course or of work to come: the S2 classes, career guidance
    "I'd learn Finnish but my son isn't in daycare yet",
    "what job could I do once the kids are in daycare?",
]


@pytest.mark.parametrize("text", ASKS)
def test_a_childs_school_or_hobby(text: str) -> None:
    assert asks_about_a_childs_school_or_hobby(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_are_not_about_it(text: str) -> None:
    assert not asks_about_a_childs_school_or_hobby(text)


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        (ASKS[0], "ask_childcare", 0.8),  # the child read as childcare during a lesson
        (ASKS[1], "ask_signup", 0.7),  # starting school read as signing up to a service
        (ASKS[4], "ask_cost", 0.3),  # nothing sure
        ("min son ska börja i skolan, vart vänder vi oss?", "ask_location", 0.9),  # where
        # declined for the sport, though a club or hobby for the child is asked
        ("any swimming club for children here? my daughter is 7", "out_of_scope", 0.95),
        ("löytyykö pojalle jotain kerhoa, se tykkää jääkiekosta", "out_of_scope", 0.8),
        ("any cheap swimming for kids around here?", "out_of_scope", 0.9),
        # declined for the story, though a school or daycare to sign the child up for is asked
        (
            "عندنا بنت عمرها ست سنين وصبي صغير. البنت للمدرسه والصبي للروضه، وين نسجلهم؟",
            "out_of_scope",
            1.0,
        ),
        ("ولدي عمره ٣ سنين وبدنا له روضه، وين نقدم؟", "ask_self_motivated_study", 0.56),
        # "a boy" ("ولد"), not "my boy"
        ("عندي ولد عمره ست سنين، كيف بسجله بالمدرسة؟", "ask_self_motivated_study", 0.3),
    ],
)
def test_the_family_services_are_made_certain(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence), ("ask_family_services", 0.2))
    [message] = ChildrensActivitiesRule().process([message])
    assert message.get(INTENT) == {"name": "ask_family_services", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        # out of scope: a match result, whatever the child
        ("my son plays football, did HJK win yesterday?", "out_of_scope", 0.5),
        # a child looked after during the lesson is childcare
        (NOT_ASKED[2], "ask_childcare", 0.8),
        # a sure reading, a request for a person
        (ASKS[5], "ask_literacy_training", 0.9),
        (ASKS[2], "request_human", 0.5),
    ],
)
def test_other_readings_stay(text: str, guess: str, confidence: float) -> None:
    message = ranked(text, (guess, confidence))
    [message] = ChildrensActivitiesRule().process([message])
    assert message.get(INTENT)["name"] == guess


def _asked_again_about_family_services(text: str) -> Tracker:
    """`text` read as the family services, just answered, with childcare ranked behind."""
    parse = {
        "text": text,
        "intent": {"name": "ask_family_services", "confidence": 1.0},
        "intent_ranking": [
            {"name": "ask_family_services", "confidence": 1.0},
            {"name": "ask_childcare", "confidence": 0.3},
        ],
        "entities": [],
    }
    return Tracker(
        sender_id="test",
        slots={"language": "en", "target_group": None, "service": "family_services"},
        latest_message=parse,
        events=[{"event": "user", "text": text, "parse_data": parse}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def _answer(tracker: Tracker) -> tuple[list[dict[str, Any]], list[Any]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerService().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_a_childs_hobby_asked_after_the_family_services_gets_them_again(catalogue) -> None:
    messages, events = _answer(_asked_again_about_family_services(ASKS[2]))
    assert UserUtteranceReverted() not in events
    assert messages[0]["text"].startswith(catalogue.services["family_services"].name["en"])


def test_other_questions_asked_again_still_get_the_detail() -> None:
    # asked again without a child's school or hobby: the detail ranked behind (childcare)
    _, events = _answer(_asked_again_about_family_services("the family services again?"))
    assert UserUtteranceReverted() in events
