"""Custom actions, run as the action server runs them (rasa-sdk Tracker + CollectingDispatcher)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import (
    ActionAnswerFollowup,
    ActionAnswerService,
    ActionShowTopics,
    ActionSwitchLanguage,
)
from bot.i18n import text


def _tracker(intent: str, entities: list[dict[str, Any]] | None = None, **slots: Any) -> Tracker:
    return Tracker(
        sender_id="test",
        slots={"language": "fi", "target_group": None, "service": None, **slots},
        latest_message={"intent": {"name": intent, "confidence": 1.0}, "entities": entities or []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def _run(action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[Any]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_service_question_without_group_asks_for_it_and_remembers_the_service(catalogue):
    messages, events = _run(ActionAnswerService(), _tracker("ask_service_needs_assessment"))
    assert SlotSet("service", "service_needs_assessment") in events
    service = catalogue.services["service_needs_assessment"]
    assert messages[0]["text"].startswith(service.name["fi"])
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert payloads == [
        '/inform_target_group{"target_group":"job_seeker"}',
        '/inform_target_group{"target_group":"outside_labour_force"}',
        "/ask_more",
    ]


def test_the_provider_named_depends_on_the_target_group(catalogue):
    names = {}
    for group in ("job_seeker", "outside_labour_force"):
        tracker = _tracker(
            "inform_target_group", service="service_needs_assessment", target_group=group
        )
        messages, _ = _run(ActionAnswerService(), tracker)
        names[group] = messages[0]["text"]
    employment = catalogue.providers["employment_area"].name["fi"]
    kauniainen = catalogue.providers["kauniainen_integration_services"].name["fi"]
    assert employment in names["job_seeker"].split("\n\n")[1]
    assert kauniainen in names["outside_labour_force"].split("\n\n")[1]
    assert kauniainen not in names["job_seeker"].split("\n\n")[1]


def test_answers_end_with_more_and_the_coordinator_and_more_shows_related(catalogue):
    messages, _ = _run(ActionAnswerService(), _tracker("ask_kaikukortti", language="ar"))
    service = catalogue.services["kaikukortti"]
    assert messages[-1]["text"].startswith(service.name["ar"])
    titles = [b["title"] for b in messages[-1]["buttons"]]
    assert titles == [text("button_more", "ar"), text("button_contact_coordinator", "ar")]
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/ask_more", "/request_human"]
    more, events = _run(
        ActionAnswerFollowup(), _tracker("ask_more", language="ar", service="kaikukortti")
    )
    assert events == []  # the service in context stays
    assert service.description["ar"] in more[0]["text"]
    titles = [b["title"] for b in more[-1]["buttons"]]
    assert titles[-1] == text("button_contact_coordinator", "ar")
    assert titles[:-1] == [catalogue.services[r].name["ar"] for r in service.related]


def test_topics_then_the_services_of_a_topic(catalogue):
    messages, _ = _run(ActionShowTopics(), _tracker("help", language="uk"))
    assert [b["title"] for b in messages[0]["buttons"]] == [t.name["uk"] for t in catalogue.topics]
    entity = [{"entity": "topic", "value": "families"}]
    messages, _ = _run(ActionShowTopics(), _tracker("help", entity, language="uk"))
    families = catalogue.topic("families")
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        f"/ask_{s}" for s in families.services
    ]


def test_every_topic_button_leads_to_services_that_are_answered(catalogue):
    for topic in catalogue.topics:
        for service_id in topic.services:
            messages, _ = _run(ActionAnswerService(), _tracker(f"ask_{service_id}"))
            assert messages and messages[0]["text"].strip()


def test_language_switch_is_confirmed_or_asked():
    switched = [{"entity": "language", "value": "sv", "method": "switch"}]
    messages, _ = _run(ActionSwitchLanguage(), _tracker("choose_language", switched, language="sv"))
    assert messages[0]["text"] == text("language_changed", "sv")
    messages, _ = _run(ActionSwitchLanguage(), _tracker("choose_language", language="ru"))
    assert messages[0]["text"] == text("ask_language", "ru")
    assert len(messages[0]["buttons"]) == 6


def test_a_service_for_one_group_is_answered_without_asking(catalogue):
    service = catalogue.services["s2_with_childcare"]
    assert list(service.providers) == ["outside_labour_force"]
    messages, _ = _run(ActionAnswerService(), _tracker("ask_s2_with_childcare", language="uk"))
    assert len(messages) == 1
    provider = catalogue.providers[service.providers["outside_labour_force"][0]].name["uk"]
    assert provider in messages[0]["text"]
    messages, _ = _run(
        ActionAnswerService(),
        _tracker("ask_s2_with_childcare", language="uk", target_group="job_seeker"),
    )
    assert provider not in messages[0]["text"]
    outside = catalogue.target_groups["outside_labour_force"]
    assert f"для {outside.for_whom['uk']}." in messages[0]["text"]
    assert outside.name["uk"] not in messages[0]["text"]


def test_a_service_question_asking_a_detail_gets_the_detail_and_sets_the_service(catalogue):
    tracker = _tracker("ask_kaikukortti", language="en")
    tracker.latest_message["text"] = "is the kaikukortti free?"
    messages, events = _run(ActionAnswerService(), tracker)
    assert SlotSet("service", "kaikukortti") in events
    assert catalogue.services["kaikukortti"].details["cost"].text["en"] in messages[0]["text"]


def _first_answer(catalogue, service_id: str, language: str) -> str:
    from bot.answers import service_replies

    return service_replies(catalogue, catalogue.services[service_id], language, None)[0].text


def _said(tracker: Tracker, message: str) -> Tracker:
    """The tracker after the person wrote `message` (what the classifier made of it stays)."""
    tracker.latest_message["text"] = message
    parse = dict(tracker.latest_message)
    tracker.events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": message, "parse_data": parse, "input_channel": "rest"},
    ]
    return tracker


def _taken_again_as(events: list[Any]) -> str | None:
    """The intent the message was taken again with (bot.actions.followups.read_again)."""
    again = [e for e in events if isinstance(e, dict) and e.get("event") == "user"]
    return again[0]["parse_data"]["intent"]["name"] if again else None


@pytest.mark.parametrize(
    ("intent", "language", "message", "followup"),
    [
        (
            "ask_self_motivated_study",
            "sv",
            "måste studierna vara på finska?",
            "ask_teaching_language",
        ),
        ("ask_language_level_test", "en", "how many hours does the test take", "ask_schedule"),
        ("ask_language_level_test", "fi", "kauanko testi kestää", "ask_schedule"),
        (
            "ask_s2_with_childcare",
            "ru",
            "а с ребенком что будет, пока я на уроке сижу?",
            "ask_childcare",
        ),
        ("ask_business_advice", "en", "can my wife come too?", "ask_eligibility"),
        ("ask_kaikukortti", "en", "is the kaikukortti free?", "ask_cost"),  # a common word
        ("ask_website_translation", "uk", "а де на сайті той переклад вмикається?", "ask_location"),
        (
            "ask_guidance_counselling",
            "uk",
            "а це буває англійською?",
            "ask_teaching_language",
        ),
    ],
)
def test_a_question_read_as_the_service_just_answered_is_taken_again_as_its_detail(
    catalogue, intent, language, message, followup
):
    service = intent.removeprefix("ask_")
    tracker = _said(_tracker(intent, language=language, service=service), message)
    messages, events = _run(ActionAnswerService(), tracker)
    assert messages == [], "the follow-up answers it, once"
    assert _taken_again_as(events) == followup
    tracker.latest_message["intent"] = {"name": followup, "confidence": 1.0}
    answer, kept = _run(ActionAnswerFollowup(), tracker)
    assert answer[0]["text"].startswith(catalogue.services[service].name[language])
    assert answer[0]["text"] != _first_answer(catalogue, service, language)
    assert not any(e.get("event") == "slot" and e.get("name") == "service" for e in kept)


@pytest.mark.parametrize(
    ("intent", "service", "message"),
    [
        ("ask_self_motivated_study", "kaikukortti", "måste studierna vara på finska?"),  # new
        ("ask_kaikukortti", "kaikukortti", "сколько стоит Kaikukortti?"),  # its proper name
        ("ask_perhesoppa", "perhesoppa", "ок, а Perhesoppa в какие дни бывает?"),
        ("ask_language_level_test", "language_level_test", "what is the test exactly?"),
    ],
)
def test_a_question_about_a_new_service_or_asking_no_detail_stays_a_service_question(
    intent, service, message
):
    tracker = _said(_tracker(intent, language="en", service=service), message)
    messages, events = _run(ActionAnswerService(), tracker)
    assert _taken_again_as(events) is None and messages
    assert SlotSet("service", intent.removeprefix("ask_")) in events


def test_who_may_take_part_read_as_another_unnamed_service_asks_about_the_one_in_context():
    tracker = _tracker("ask_koski_competence_centre", language="sv", service="language_level_test")
    tracker = _said(tracker, "maste man vara arbetslos for att fa gora det?")
    messages, events = _run(ActionAnswerService(), tracker)
    assert messages == [] and _taken_again_as(events) == "ask_eligibility"


@pytest.mark.parametrize(
    ("intent", "service", "language", "message", "followup"),
    [
        (
            "ask_guidance_counselling",
            "business_advice",
            "uk",
            "а як записатись на ту консультацію?",
            "ask_signup",
        ),
        (
            "ask_integration_training",
            "s2_with_childcare",
            "en",
            "how do I sign up for that course?",
            "ask_signup",
        ),
        (
            "ask_family_services",
            "literacy_training",
            "ru",
            "а где находится эта школа?",
            "ask_location",
        ),
        (
            "ask_guidance_counselling",
            "business_advice",
            "uk",
            "а хто може на ці консультації прийти?",
            "ask_eligibility",
        ),
        # No word points back, but the one just answered is a consultation too.
        ("ask_guidance_counselling", "business_advice", "ru", "консультации платные?", "ask_cost"),
        (
            "ask_guidance_counselling",
            "career_guidance",
            "ru",
            "а консультации на русском бывают?",
            "ask_teaching_language",
        ),
        (
            "ask_guidance_counselling",
            "business_advice",
            "sv",
            "är rådgivningen gratis?",
            "ask_cost",
        ),
        # "is there guidance in Arabic?": "ارشاد" is the "الإرشاد" of the job-search help's name
        (
            "ask_guidance_counselling",
            "job_search_help",
            "ar",
            "هل في ارشاد بالعربي؟",
            "ask_teaching_language",
        ),
    ],
)
def test_another_service_called_that_by_a_common_word_is_the_one_in_context(
    intent, service, language, message, followup
):
    tracker = _said(_tracker(intent, language=language, service=service), message)
    messages, events = _run(ActionAnswerService(), tracker)
    assert messages == [] and _taken_again_as(events) == followup


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "how do I sign up for a Finnish course for job seekers?"),
        ("uk", "я приїхала рік тому, як записатись на курс фінської?"),  # "тому": "ago"
        ("fi", "tuota, miten pääsen suomen kurssille?"),  # "tuota": "well"
    ],
)
def test_a_new_service_asked_without_pointing_back_gets_its_first_answer(
    catalogue, language, message
):
    tracker = _tracker("ask_integration_training", language=language, service="s2_with_childcare")
    tracker = _said(tracker, message)
    messages, events = _run(ActionAnswerService(), tracker)
    assert SlotSet("service", "integration_training") in events
    assert messages[0]["text"] == _first_answer(catalogue, "integration_training", language)


def test_the_same_question_about_a_new_service_gets_the_first_answer(catalogue):
    tracker = _tracker("ask_self_motivated_study", language="sv", service="kaikukortti")
    tracker.latest_message["text"] = "måste studierna vara på finska?"
    messages, _ = _run(ActionAnswerService(), tracker)
    assert messages[0]["text"] == _first_answer(catalogue, "self_motivated_study", "sv")


def test_a_language_question_read_as_the_swedish_course_asks_about_the_service_first():
    tracker = _tracker("ask_swedish_integration", language="sv", service="family_services")
    tracker = _said(tracker, "finns det svenskspråkig undervisning?")
    messages, events = _run(ActionAnswerService(), tracker)
    assert messages == [] and _taken_again_as(events) == "ask_teaching_language"
    assert not any(e.get("event") == "slot" and e.get("name") == "service" for e in events)


def test_learning_swedish_after_another_service_is_the_swedish_course(catalogue):
    tracker = _tracker("ask_swedish_integration", language="ru", service="family_services")
    tracker.latest_message["text"] = "а где можно учить шведский?"
    messages, events = _run(ActionAnswerService(), tracker)
    assert SlotSet("service", "swedish_integration") in events
    assert messages[0]["text"] == _first_answer(catalogue, "swedish_integration", "ru")


def test_a_language_with_another_service_named_is_no_question_about_the_service_first(catalogue):
    tracker = _tracker("ask_swedish_integration", language="fi", service="family_services")
    tracker.latest_message["text"] = "onko olemassa ruotsinkielistä kotoutumiskoulutusta?"
    _, events = _run(ActionAnswerService(), tracker)
    assert SlotSet("service", "swedish_integration") in events


GROUP = [{"entity": "target_group", "value": "outside_labour_force"}]


@pytest.mark.parametrize(
    ("message", "confidence", "answered"),
    [
        # states the group, asks nothing: the answer to "which describes you?"
        ("я вдома з дітьми", 0.34, "service_needs_assessment"),
        # asks for the other service, names it, or the classifier is sure of it
        ("я вдома з дітьми, чи є фінська з доглядом за дітьми?", 0.34, "s2_with_childcare"),
        ("я вдома з дітьми, фінська з доглядом за дітьми", 0.34, "s2_with_childcare"),
        ("я вдома з дітьми", 0.9, "s2_with_childcare"),
    ],
)
def test_a_group_stated_after_a_service_is_the_group_for_it(
    catalogue, message, confidence, answered
):
    tracker = _tracker(
        "ask_s2_with_childcare",
        GROUP,
        language="uk",
        service="service_needs_assessment",
        target_group="outside_labour_force",
    )
    tracker.latest_message["intent"]["confidence"] = confidence
    messages, events = _run(ActionAnswerService(), _said(tracker, message))
    assert messages[0]["text"].startswith(catalogue.services[answered].name["uk"])
    assert SlotSet("service", answered) in events


def test_a_service_named_by_a_name_of_its_own_is_asked_though_a_word_points_back():
    # "se" and "sitä" point back, but "kotoutumiskoulutus" is no other service's name: the
    # integration training is asked after the level test, not where the test is held.
    tracker = _tracker("ask_integration_training", language="fi", service="language_level_test")
    tracker = _said(tracker, "entä se kotoutumiskoulutus, missä sitä järjestetään?")
    messages, events = _run(ActionAnswerService(), tracker)
    assert SlotSet("service", "integration_training") in events
