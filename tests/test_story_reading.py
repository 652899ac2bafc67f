"""A declined story read again by its question (bot/story_reading.py)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from bot.story_reading import (
    question_and_story,
    question_parts,
    reading_stories,
    sentences,
    statement_before_question,
)

STORY = (
    "Hi, I came here five months ago with my wife and kids. I'm unemployed and registered at"
    " the TE office. Where can I sign up for a language course?"
)


def test_a_story_is_read_by_its_question_then_with_the_sentence_before():
    assert question_parts(STORY) == [
        "Where can I sign up for a language course?",
        "I'm unemployed and registered at the TE office. Where can I sign up for a language"
        " course?",
    ]


def test_the_question_is_the_last_sentence_that_asks():
    story = "انا قاعدة في البيت مع ابني عنده سنتين. في حاجة تناسبني؟ شكرا كتير مقدما يا جماعة الخير"
    assert question_parts(story)[0] == "في حاجة تناسبني؟"
    assert sentences("Hei.\nMä oon kotona. Onks kurssia?") == [
        "Hei.",
        "Mä oon kotona.",
        "Onks kurssia?",
    ]


@pytest.mark.parametrize(
    "message",
    ["Hi. Kaikukortti?", "where can I learn Finnish if I stay at home with my child?", ""],
)
def test_a_short_message_or_one_sentence_is_no_story(message):
    assert question_parts(message) == []


Reading = tuple[str, float] | list[tuple[str, float]]  # the first intent, or the ranking


def _parses(results: dict[str, Reading], whole_entities: list[dict[str, Any]]):
    """A parser as MessageProcessor.parse_message, with these answers by text."""
    seen: list[str] = []

    async def parse(self, message, tracker=None, only_output_properties=True):
        seen.append(message.text)
        reading = results.get(message.text, ("nlu_fallback", 0.3))  # a part asking nothing
        ranking = reading if isinstance(reading, list) else [reading]
        name, confidence = ranking[0]
        return {
            "text": message.text,
            "intent": {"name": name, "confidence": confidence},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
            "entities": whole_entities
            if message.text == STORY
            else [{"entity": "language", "value": "fi"}],
        }

    return parse, seen


def _read(
    results: dict[str, Reading], group: str = "job_seeker"
) -> tuple[dict[str, Any], list[str]]:
    entities = [
        {"entity": "language", "value": "en"},
        {"entity": "target_group", "value": group},
    ]
    parse, seen = _parses(results, entities)
    message = SimpleNamespace(text=STORY, sender_id="someone", metadata={})
    return asyncio.run(reading_stories(parse)(None, message)), seen


def test_a_declined_story_takes_the_surer_reading_of_its_question_and_keeps_its_entities():
    question, both = question_parts(STORY)
    parsed, _ = _read(
        {
            STORY: ("nlu_fallback", 0.3),
            question: ("ask_signup", 0.62),
            both: ("ask_integration_training", 0.82),
        }
    )
    assert parsed["text"] == STORY
    assert parsed["intent"] == {"name": "ask_integration_training", "confidence": 0.82}
    assert {e["entity"]: e["value"] for e in parsed["entities"]} == {
        "language": "en",  # the story's, not the question's
        "target_group": "job_seeker",
    }


@pytest.mark.parametrize(
    ("question", "both"),
    [
        (("ask_kaikukortti", 0.5), ("nlu_fallback", 0.3)),  # a vague question: a guess
        (("out_of_scope", 0.9), ("out_of_scope", 0.95)),  # the decline confirmed
        (("greet", 0.9), ("thank", 0.8)),  # nothing the assistant answers
    ],
)
def test_a_story_whose_question_is_unsure_or_not_ours_stays_declined(question, both):
    q, b = question_parts(STORY)
    parsed, _ = _read({STORY: ("out_of_scope", 0.7), q: question, b: both})
    assert parsed["intent"]["name"] == "out_of_scope"


def test_a_story_read_only_as_the_situation_but_asking_takes_its_questions_reading():
    question, both = question_parts(STORY)
    parsed, _ = _read(
        {
            STORY: ("inform_target_group", 1.0),
            question: ("ask_guidance_counselling", 0.55),
            both: ("ask_integration_training", 0.8),
        }
    )
    assert parsed["intent"] == {"name": "ask_integration_training", "confidence": 0.8}


def test_a_situation_told_without_a_question_stays_the_situation():
    told = "I'm unemployed and registered at the TE office. My wife stays home with the kids."
    parse, seen = _parses({told: ("inform_target_group", 1.0)}, [])
    message = SimpleNamespace(text=told, sender_id="someone", metadata={})
    parsed = asyncio.run(reading_stories(parse)(None, message))
    assert parsed["intent"]["name"] == "inform_target_group" and seen == [told]


def test_a_story_understood_as_a_whole_is_parsed_once():
    parsed, seen = _read({STORY: ("ask_integration_training", 0.9)})
    assert parsed["intent"]["name"] == "ask_integration_training" and seen == [STORY]


QUESTION, STORY_ALONE = (
    "Where can I sign up for a language course?",
    "Hi, I came here five months ago with my wife and kids. I'm unemployed and registered at"
    " the TE office.",
)


def test_a_story_splits_into_its_question_and_the_rest():
    assert question_and_story(STORY) == (QUESTION, STORY_ALONE)
    assert question_and_story("Hi. Kaikukortti?") is None


def test_a_story_read_as_general_advice_with_a_vague_question_is_read_by_its_story():
    parsed, seen = _read(
        {
            STORY: ("ask_guidance_counselling", 0.97),
            QUESTION: ("nlu_fallback", 0.3),
            STORY_ALONE: ("ask_s2_with_childcare", 0.95),
        },
        group="outside_labour_force",
    )
    assert parsed["intent"] == {"name": "ask_s2_with_childcare", "confidence": 0.95}
    assert {e["entity"]: e["value"] for e in parsed["entities"]} == {
        "language": "en",
        "target_group": "outside_labour_force",
    }
    assert seen == [STORY, QUESTION, STORY_ALONE]


def test_a_story_read_as_general_advice_takes_a_service_its_question_asks():
    parsed, seen = _read(
        {STORY: ("ask_integration_plan", 0.88), QUESTION: ("ask_integration_training", 0.8)}
    )
    assert parsed["intent"]["name"] == "ask_integration_training"
    assert seen == [STORY, QUESTION]


@pytest.mark.parametrize(
    ("question", "story"),
    [
        # the question itself asks for the general advice: the story is not read
        (("ask_career_guidance", 0.72), ("ask_family_services", 0.94)),
        # the story alone is not sure enough, and the whole did not rank its reading
        (("nlu_fallback", 0.3), ("ask_s2_with_childcare", 0.7)),
        # the question asks a service not provided for the group the story states (a job
        # seeker's: the job-search help is for job seekers, the career guidance is not)
        (("ask_job_search_help", 0.91), ("ask_s2_with_childcare", 0.95)),
        # the story alone asks general advice too, or nothing of the catalogue
        (("nlu_fallback", 0.3), ("ask_service_needs_assessment", 0.95)),
        (("ask_location", 0.76), ("inform_target_group", 1.0)),
    ],
)
def test_a_story_read_as_general_advice_keeps_it_unless_a_part_surely_says_otherwise(
    question, story
):
    parsed, _ = _read(
        {STORY: ("ask_career_guidance", 0.82), QUESTION: question, STORY_ALONE: story},
        group="outside_labour_force",
    )
    assert parsed["intent"] == {"name": "ask_career_guidance", "confidence": 0.82}


def test_a_vague_question_leaves_the_story_to_a_reading_the_whole_ranked_too():
    # "… نفسي اتعلم فنلندي بس مش عارفة اسيب الولد مع مين. في حاجة تناسبني؟"
    parsed, _ = _read(
        {
            STORY: [("ask_career_guidance", 0.79), ("ask_s2_with_childcare", 0.11)],
            QUESTION: ("nlu_fallback", 0.3),
            STORY_ALONE: ("ask_s2_with_childcare", 0.54),
        },
        group="outside_labour_force",
    )
    assert parsed["intent"] == {"name": "ask_s2_with_childcare", "confidence": 0.54}


def test_a_question_asking_for_advice_keeps_it_against_a_story_of_children():
    # "… Haluisin sen jälkeen töihin mutta en tiiä mikä ala sopis mulle. Kuka vois neuvoa?"
    parsed, _ = _read(
        {
            STORY: [("ask_career_guidance", 0.61), ("ask_family_services", 0.39)],
            QUESTION: ("ask_guidance_counselling", 0.51),
            STORY_ALONE: ("ask_family_services", 0.75),
        },
        group="outside_labour_force",
    )
    assert parsed["intent"]["name"] == "ask_career_guidance"


def test_a_story_read_unsurely_as_a_service_is_read_by_its_parts_too():
    # "… ست بيت وعندي ولدين … نفسي اتعلم فنلندي … فيه كورس ينفع لحالتي؟" read as the Kaikukortti
    parsed, seen = _read(
        {
            STORY: [("ask_kaikukortti", 0.44), ("ask_s2_with_childcare", 0.32)],
            QUESTION: ("nlu_fallback", 0.3),
            STORY_ALONE: ("ask_s2_with_childcare", 0.93),
        },
        group="outside_labour_force",
    )
    assert parsed["intent"]["name"] == "ask_s2_with_childcare"
    assert seen == [STORY, QUESTION, STORY_ALONE]


STATEMENT = "I'm unemployed and registered at the TE office."


def test_a_question_asking_for_any_advice_keeps_the_advice_the_story_was_read_as():
    # "… I was a nurse. I'd like to work again someday … Any advice?"
    parsed, _ = _read(
        {STORY: ("ask_career_guidance", 0.9), QUESTION: ("ask_guidance_counselling", 0.8)},
        group="outside_labour_force",
    )
    assert parsed["intent"] == {"name": "ask_career_guidance", "confidence": 0.9}


def test_a_vague_question_leaves_the_story_to_the_sentence_before_it():
    # "… وانا في البيت معاهم. عايزة اقدم للكبير على المدرسة والصغير على حضانة. اعمل ايه؟"
    assert statement_before_question(STORY) == STATEMENT
    parsed, seen = _read(
        {
            STORY: ("ask_service_needs_assessment", 0.68),
            QUESTION: ("nlu_fallback", 0.3),
            STORY_ALONE: ("inform_target_group", 1.0),
            STATEMENT: ("ask_family_services", 0.97),
        },
        group="outside_labour_force",
    )
    assert parsed["intent"] == {"name": "ask_family_services", "confidence": 0.97}
    assert seen == [STORY, QUESTION, STORY_ALONE, STATEMENT]


@pytest.mark.parametrize(
    "statement",
    [
        ("ask_family_services", 0.7),  # not sure enough
        ("ask_integration_plan", 0.95),  # general advice itself
        ("ask_integration_training", 0.95),  # not for the group the story states
    ],
)
def test_the_sentence_before_the_question_must_surely_name_a_service_for_the_group(statement):
    parsed, _ = _read(
        {
            STORY: ("ask_service_needs_assessment", 0.68),
            QUESTION: ("nlu_fallback", 0.3),
            STORY_ALONE: ("inform_target_group", 1.0),
            STATEMENT: statement,
        },
        group="outside_labour_force",
    )
    assert parsed["intent"] == {"name": "ask_service_needs_assessment", "confidence": 0.68}


def test_a_story_of_two_sentences_has_no_sentence_before_its_question_to_read_apart():
    assert (
        statement_before_question("Olen kotona kahden lapsen kanssa nyt. Mitä mä voisin tehdä?")
        is None
    )


def test_a_story_calling_the_service_read_by_its_name_is_not_read_by_its_parts():
    # "I got a letter that I must make a kotoutumissuunnitelma with the officer. What does it
    # mean, and what will we talk about?": "talk" alone was the conversation groups
    story = (
        "مسا الخير. وصلتني رسالة انه لازم اعمل kotoutumissuunnitelma مع الموظفة. شو يعني هاد"
        " وشو رح نحكي فيه؟"
    )
    question, _ = question_and_story(story)
    parse, seen = _parses(
        {story: ("ask_integration_plan", 0.99), question: ("ask_finnish_conversation_groups", 0.9)},
        [],
    )
    message = SimpleNamespace(text=story, sender_id="someone", metadata={})
    parsed = asyncio.run(reading_stories(parse)(None, message))
    assert parsed["intent"]["name"] == "ask_integration_plan"
    assert seen == [story]
