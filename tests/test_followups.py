"""Plain-language first answers, follow-up questions in context, and a form that lets go."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import (
    ActionAnswerFollowup,
    ActionAnswerInForm,
    ActionHandleFallback,
    ActionReadInContext,
)
from bot.answers import (
    MAX_FIRST_ANSWER_WORDS,
    followup_replies,
    service_replies,
    words,
)
from bot.catalogue import DETAIL_TOPICS, TARGET_GROUPS
from bot.handoff.outbox import Outbox
from bot.i18n import text
from bot.languages import LANGUAGES
from bot.settings import load_settings

GROUPS = (None, *TARGET_GROUPS)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("group", GROUPS)
def test_every_first_answer_is_at_most_60_words(catalogue, language, group):
    too_long = {}
    for service in catalogue.services.values():
        replies = service_replies(catalogue, service, language, group)
        count = sum(words(r.text) for r in replies)
        if count > MAX_FIRST_ANSWER_WORDS:
            too_long[service.id] = count
    assert not too_long, f"{language}/{group}: first answers over 60 words: {too_long}"


def test_words_are_counted_by_whitespace_with_an_address_as_one():
    assert words("Ota yhteyttä: nina.reis@kauniainen.fi") == 3
    assert words("See https://www.kauniainen.fi/a/b now") == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_answer_says_what_who_and_the_next_step_and_offers_more(catalogue, language):
    service = catalogue.services["service_needs_assessment"]
    [answer] = service_replies(catalogue, service, language, "outside_labour_force")
    what, who, step = answer.text.split("\n\n")
    assert what == f"{service.name[language]}\n{service.summary(language)}"
    kauniainen = catalogue.providers["kauniainen_integration_services"].name[language]
    assert kauniainen in who
    assert service.how_to["outside_labour_force"][language] in step
    # the long description and the multi-sectoral paragraph wait behind "More about this"
    assert service.description[language] not in answer.text
    assert service.multisectoral.description[language] not in answer.text
    assert [b["payload"] for b in answer.buttons] == ["/ask_more", "/request_human"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_more_about_this_gives_the_rest_for_the_persons_group(catalogue, language):
    service = catalogue.services["service_needs_assessment"]
    [more] = followup_replies(catalogue, service, "more", language, "job_seeker")
    assert service.description[language] in more.text
    assert service.multisectoral.description[language] in more.text
    wellbeing = catalogue.providers["wellbeing_services_county"].name[language]
    assert wellbeing in more.text
    payloads = [b["payload"] for b in more.buttons]
    assert payloads == [f"/ask_{r}" for r in service.related] + ["/request_human"]


def test_every_sentence_of_a_summary_or_detail_is_at_most_20_words_outside_finnish(catalogue):
    # Finnish compounds make its sentences short anyway; the others are checked one by one.
    long_sentences = []
    for service in catalogue.services.values():
        texts = [service.summary_text or {}] + [d.text for d in service.details.values()]
        for localized in texts:
            for language, value in localized.items():
                for sentence in re.split(r"(?<=[.!?؟])\s+", value):
                    if words(sentence) > 20:
                        long_sentences.append(f"{service.id}.{language}: {sentence}")
    assert not long_sentences, long_sentences


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_follow_up_is_answered_from_the_catalogue_with_its_section(catalogue, language):
    service = catalogue.services["s2_with_childcare"]
    for topic in ("childcare", "location"):
        [reply] = followup_replies(catalogue, service, topic, language, None)
        detail = service.details[topic]
        assert reply.text.startswith(service.name[language])
        assert detail.text[language] in reply.text
        assert text("source", language, seed=detail.seed) in reply.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_the_programme_is_silent_the_answer_says_so_and_offers_the_coordinator(
    catalogue, language
):
    service = catalogue.services["s2_with_childcare"]
    assert "cost" not in service.details
    [reply] = followup_replies(catalogue, service, "cost", language, "outside_labour_force")
    assert reply.text == text("silent_cost", language, service=service.name[language])
    assert reply.buttons[0]["payload"] == "/request_human"


def test_every_topic_has_an_answer_for_every_service(catalogue):
    for service in catalogue.services.values():
        for topic in (*DETAIL_TOPICS, "more"):
            for language in LANGUAGES:
                for group in GROUPS:
                    replies = followup_replies(catalogue, service, topic, language, group)
                    assert replies and all(r.text.strip() for r in replies)
                    assert "{" not in replies[0].text, (service.id, topic, language)


def test_who_can_take_part_and_how_to_sign_up_come_from_the_catalogue_when_no_detail(catalogue):
    service = catalogue.services["service_needs_assessment"]
    assert "eligibility" not in service.details and "signup" not in service.details
    [who] = followup_replies(catalogue, service, "eligibility", "en", None)
    for group in service.target_groups:
        assert catalogue.target_groups[group].name["en"] in who.text
    [unknown] = followup_replies(catalogue, service, "signup", "en", None)
    assert service.how_to["job_seeker"]["en"] in unknown.text
    assert service.how_to["outside_labour_force"]["en"] in unknown.text
    [seeker] = followup_replies(catalogue, service, "signup", "en", "job_seeker")
    assert service.how_to["job_seeker"]["en"] in seeker.text
    assert service.how_to["outside_labour_force"]["en"] not in seeker.text


def test_a_follow_up_without_a_service_asks_which_one(catalogue):
    [reply] = followup_replies(catalogue, None, "childcare", "uk", None)
    assert reply.text == text("which_service", "uk")
    payloads = {b["payload"] for b in reply.buttons}
    assert "/ask_s2_with_childcare" in payloads and "/ask_kaikukortti" not in payloads
    [reply] = followup_replies(catalogue, None, "schedule", "fi", None)
    assert reply.text == text("which_service", "fi")
    assert [b["title"] for b in reply.buttons] == [t.name["fi"] for t in catalogue.topics]


def _tracker(intent: str, events: list[dict] | None = None, **slots: Any) -> Tracker:
    return Tracker(
        sender_id="unit",
        slots={"language": "en", "target_group": None, "service": None, **slots},
        latest_message={"intent": {"name": intent, "confidence": 0.9}, "entities": []},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_the_follow_up_action_answers_about_the_service_in_the_slot_and_keeps_it(catalogue):
    tracker = _tracker("ask_location", service="kaikukortti", language="ru")
    messages, events = _run(ActionAnswerFollowup(), tracker)
    assert catalogue.services["kaikukortti"].details["location"].text["ru"] in messages[0]["text"]
    assert not any(isinstance(e, dict) and e.get("name") == "service" for e in events)


def test_a_question_inside_the_form_is_answered_and_the_form_left(catalogue, tmp_path):
    settings = load_settings({"KOTOBOT_VAR_DIR": str(tmp_path)})  # its own outbox
    outbox = Outbox(settings.database_url)
    outbox.save_draft("unit", contact="someone@example.org")
    messages, events = _run(ActionAnswerInForm(settings), _tracker("ask_kaikukortti"))
    assert messages[0]["text"].startswith(catalogue.services["kaikukortti"].name["en"])
    assert messages[-1]["text"] == text("handoff_left", "en")
    assert messages[-1]["buttons"][0]["payload"] == "/request_human"
    assert ActiveLoop(None) in events and SlotSet("service", "kaikukortti") in events
    assert SlotSet("handoff_consent", None) in events
    assert outbox.draft("unit") == {}, "the draft was discarded"


def test_the_second_fallback_offers_the_coordinator_instead_of_starting_the_form():
    fallback = {"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}
    english = {"event": "slot", "name": "language", "value": "en"}  # the language is known
    messages, events = _run(
        ActionHandleFallback(), _tracker("nlu_fallback", [english, fallback, fallback])
    )
    assert messages[-1]["text"] == text("offer_coordinator", "en")
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/request_human", "/deny"]
    assert not any(isinstance(e, FollowupAction) or e.get("event") == "followup" for e in events)
    messages, _ = _run(ActionHandleFallback(), _tracker("nlu_fallback", [english, fallback]))
    assert messages[-1]["text"] == text("choose_topic", "en")


def test_a_stated_situation_is_the_answer_to_which_describes_you_not_a_follow_up():
    from rasa.shared.nlu.constants import INTENT, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.components import TargetGroupExtractor

    extractor = TargetGroupExtractor.create({}, None, None, None)
    heard = Message(data={TEXT: "أنا في البيت مع أطفالي"})
    heard.set(INTENT, {"name": "ask_childcare", "confidence": 0.4})
    service = Message(data={TEXT: "I stay at home with my kids, where can I learn Finnish?"})
    service.set(INTENT, {"name": "ask_s2_with_childcare", "confidence": 0.9})
    extractor.process([heard, service])
    assert heard.get(INTENT)["name"] == "inform_target_group"
    assert service.get(INTENT)["name"] == "ask_s2_with_childcare"


def _declined(ranking: list[tuple[str, float]], text: str = "ووين مكانه؟", **slots: Any) -> Tracker:
    """A message the fallback classifier declined, with the classifier's own guesses behind."""
    parse = {
        "text": text,
        "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3}]
        + [{"name": n, "confidence": c} for n, c in ranking],
        "entities": [],
    }
    said = {"event": "user", "text": parse["text"], "parse_data": parse, "input_channel": "rest"}
    events = [
        {"event": "action", "name": "action_listen"},
        said,
        {"event": "slot", "name": "language", "value": "ar"},
    ]
    tracker = _tracker("nlu_fallback", events, **slots)
    tracker.latest_message = parse
    return tracker


def test_an_unsure_follow_up_after_a_service_is_read_as_that_follow_up():
    tracker = _declined(
        [("ask_location", 0.15), ("ask_teaching_language", 0.07)], service="perhesoppa"
    )
    messages, events = _run(ActionReadInContext(), tracker)
    assert messages == []
    rewind, listen, again, language = events
    assert rewind["event"] == "rewind" and listen["name"] == "action_listen"
    assert again["text"] == "ووين مكانه؟" and again["input_channel"] == "rest"
    assert again["parse_data"]["intent"] == {"name": "ask_location", "confidence": 0.15}
    assert language == SlotSet("language", "ar"), "the slot filled from the message stays"


@pytest.mark.parametrize(
    ("ranking", "slots"),
    [
        ([("ask_location", 0.15)], {}),  # no service answered yet: which one is meant?
        ([("ask_location", 0.12)], {"service": "perhesoppa"}),  # too unsure
        ([("ask_kaikukortti", 0.2)], {"service": "perhesoppa"}),  # another service
        ([("ask_cost", 0.2), ("out_of_scope", 0.15)], {"service": "perhesoppa"}),
    ],
)
def test_other_declined_messages_stay_declined(ranking, slots):
    # "And then?" asks no detail in so many words either.
    assert _run(ActionReadInContext(), _declined(ranking, "طيب وبعدين؟", **slots)) == ([], [])


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("منين باخده؟", "ask_location"),
        ("وكيف بقدر انضم؟", "ask_signup"),
        ("ووين مكانه؟", "ask_location"),
    ],
)
def test_a_declined_question_that_asks_a_detail_in_so_many_words_is_that_follow_up(text, intent):
    tracker = _declined([("ask_omnia_competence_centre", 0.12)], text, service="perhesoppa")
    _, events = _run(ActionReadInContext(), tracker)
    assert events[2]["parse_data"]["intent"]["name"] == intent


@pytest.mark.parametrize(
    ("ranking", "slots"),
    [
        ([("ask_location", 0.2)], {}),  # no service answered yet
        ([("out_of_scope", 0.25), ("ask_location", 0.1)], {"service": "perhesoppa"}),
    ],
)
def test_a_detail_asked_without_a_service_or_first_guessed_a_decline_stays_declined(ranking, slots):
    assert _run(ActionReadInContext(), _declined(ranking, "منين باخده؟", **slots)) == ([], [])


def _out_of_scope(text: str, confidence: float, **slots: Any) -> Tracker:
    """A message the classifier read as out of scope, this sure."""
    parse = {
        "text": text,
        "intent": {"name": "out_of_scope", "confidence": confidence},
        "intent_ranking": [{"name": "out_of_scope", "confidence": confidence}],
        "entities": [],
    }
    said = {"event": "user", "text": text, "parse_data": parse, "input_channel": "rest"}
    tracker = _tracker(
        "out_of_scope", [{"event": "action", "name": "action_listen"}, said], **slots
    )
    tracker.latest_message = parse
    return tracker


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("vilken dag är det öppet?", "ask_schedule"),
        ("sorry wrong app lol. is that class free?", "ask_cost"),
        ("which day of the week", "ask_schedule"),
    ],
)
def test_a_detail_of_the_service_read_as_out_of_scope_is_that_follow_up(text, intent):
    """After an answer about a service, its detail asked without a subject of its own is about
    it, though the classifier, having learnt everyday questions ("when does the shop open?")
    as out of scope, leaned that way."""
    _, events = _run(ActionReadInContext(), _out_of_scope(text, 0.74, service="perhesoppa"))
    assert events[2]["parse_data"]["intent"]["name"] == intent


@pytest.mark.parametrize(
    ("text", "confidence", "slots"),
    [
        ("which day of the week", 0.74, {}),  # no service answered yet
        ("what time does the gym open on sunday", 1.0, {"service": "perhesoppa"}),  # sure
        ("when will it snow?", 0.74, {"service": "perhesoppa"}),  # the weather, named
        ("who won the hockey yesterday?", 0.74, {"service": "perhesoppa"}),  # no detail asked
    ],
)
def test_other_out_of_scope_messages_stay_declined(text, confidence, slots):
    assert _run(ActionReadInContext(), _out_of_scope(text, confidence, **slots)) == ([], [])


def _asked(intent: str, text: str, **slots: Any) -> Tracker:
    """A follow-up as the classifier read it, said in this conversation."""
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.8}, "entities": []}
    said = {"event": "user", "text": text, "parse_data": parse, "input_channel": "rest"}
    tracker = _tracker(intent, [{"event": "action", "name": "action_listen"}, said], **slots)
    tracker.latest_message = parse
    return tracker


def test_a_follow_up_naming_one_service_with_none_in_context_asks_about_that_one():
    text = "Хочу устроить дочку в садик, ей два года. Куда подавать заявление?"
    messages, events = _run(ActionAnswerFollowup(), _asked("ask_signup", text, language="ru"))
    assert messages == []
    assert events[2]["parse_data"]["intent"]["name"] == "ask_family_services"


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("Куда подавать заявление в садик?", {"service": "kaikukortti"}),  # in context: asked
        ("Куда подавать заявление?", {}),  # names none: which service?
    ],
)
def test_other_follow_ups_are_answered_as_they_are(text, slots):
    messages, events = _run(ActionAnswerFollowup(), _asked("ask_signup", text, **slots))
    assert messages and not any(e.get("event") == "user" for e in events)


def test_a_decline_close_to_a_follow_up_is_read_by_the_detail_asked():
    ranking = [("out_of_scope", 0.42), ("ask_schedule", 0.40)]
    tracker = _declined(ranking, "vilken dag är det öppet?", service="perhesoppa")
    _, events = _run(ActionReadInContext(), tracker)
    assert events[2]["parse_data"]["intent"]["name"] == "ask_schedule"


def test_a_declined_question_between_two_services_asks_which_of_the_two_is_meant(catalogue):
    tracker = _declined(
        [("ask_s2_with_childcare", 0.28), ("ask_integration_training", 0.24)],
        text="انا بالبيت مع البيبي وبدي اتعلم فنلندي، وين بروح؟",
        language="ar",
    )
    messages, events = _run(ActionHandleFallback(), tracker)
    assert messages[-1]["text"] == text("which_service", "ar")
    assert [b["payload"] for b in messages[-1]["buttons"]] == [
        "/ask_s2_with_childcare",
        "/ask_integration_training",
        "/help",
    ]
    assert messages[-1]["buttons"][0]["title"] == catalogue.services["s2_with_childcare"].name["ar"]
    assert events == []


@pytest.mark.parametrize(
    "ranking",
    [
        [("ask_s2_with_childcare", 0.28), ("ask_integration_training", 0.12)],  # one unsure
        [("ask_s2_with_childcare", 0.28), ("out_of_scope", 0.25)],  # maybe not a service
        [("ask_location", 0.28), ("ask_s2_with_childcare", 0.25)],  # a follow-up first
    ],
)
def test_a_declined_message_not_clearly_between_two_services_shows_the_topics(ranking):
    messages, _ = _run(
        ActionHandleFallback(), _declined(ranking, text="ووين الشي هاد؟", language="ar")
    )
    assert messages[-1]["text"] == text("choose_topic", "ar")


def _asked_again(service_in_context: str | None) -> Tracker:
    """ "is there childcare?" read as the service whose name says childcare, with the
    follow-up close behind."""
    parse = {
        "text": "is there childcare?",
        "intent": {"name": "ask_s2_with_childcare", "confidence": 1.0},
        "intent_ranking": [
            {"name": "ask_s2_with_childcare", "confidence": 1.0},
            {"name": "ask_childcare", "confidence": 0.46},
        ],
        "entities": [],
    }
    said = {"event": "user", "text": parse["text"], "parse_data": parse, "input_channel": "rest"}
    tracker = _tracker(
        "ask_s2_with_childcare",
        [{"event": "action", "name": "action_listen"}, said],
        service=service_in_context,
    )
    tracker.latest_message = parse
    return tracker


def test_a_question_about_the_service_in_context_read_as_a_detail_gets_the_detail(catalogue):
    from bot.actions import ActionAnswerService

    _, events = _run(ActionAnswerService(), _asked_again("s2_with_childcare"))
    again = [e for e in events if e.get("event") == "user"]
    assert again and again[0]["parse_data"]["intent"]["name"] == "ask_childcare"
    # Asked with no service in context, the service's first answer comes.
    service = catalogue.services["s2_with_childcare"]
    messages, _ = _run(ActionAnswerService(), _asked_again(None))
    assert messages[0]["text"].startswith(service.name["en"])
