"""Issue #15 over REST: situation stories, a language named inside a question, out-of-domain
turns, indirect requests for a person and the first message's language."""

from __future__ import annotations

import pytest

from bot.answers import language_buttons
from bot.catalogue import get_catalogue
from bot.i18n import text
from tests.test_language_switch import NOT_SWITCHES

pytestmark = pytest.mark.e2e


def _variant(domain_responses, name: str, language: str) -> str:
    return next(v["text"] for v in domain_responses[name] if v["condition"][0]["value"] == language)


def test_a_situation_story_is_understood_as_a_whole(stack):
    story = (
        "Hi, I moved to Kauniainen last month with my wife and two kids. "
        "She stays home with the baby. Where can she learn Finnish?"
    )
    replies = stack.say("story-en", story)
    s2 = get_catalogue().services["s2_with_childcare"]
    assert replies[0]["text"].startswith(s2.name["en"])
    slots = stack.tracker("story-en")["slots"]
    assert (slots["target_group"], slots["language"]) == ("outside_labour_force", "en")


@pytest.mark.parametrize("language", sorted(NOT_SWITCHES))
def test_a_language_named_inside_a_question_is_not_a_switch(stack, language):
    sender = f"named-{language}"
    replies = stack.say(sender, NOT_SWITCHES[language])
    assert stack.tracker(sender)["slots"]["language"] == language
    said = [r.get("text") for r in replies]
    assert text("ask_language", language) not in said
    assert all(text("language_changed", code) not in said for code in NOT_SWITCHES)


@pytest.mark.parametrize(
    ("language", "command", "question", "service"),
    [
        ("ru", "выключи свет в коридоре", "что такое Kaikukortti?", "kaikukortti"),
        ("uk", "додай хліб до мого списку покупок", "що таке Kaikukortti?", "kaikukortti"),
        ("en", "turn off the bedroom lights", "what is the kaikukortti?", "kaikukortti"),
    ],
)
def test_an_out_of_domain_command_is_declined_in_its_language_then_all_goes_on(
    stack, domain_responses, language, command, question, service
):
    sender = f"ood-{language}"
    replies = stack.say(sender, command)
    assert replies[0]["text"] == _variant(domain_responses, "utter_out_of_scope", language)
    replies = stack.say(sender, question)
    assert replies[0]["text"].startswith(get_catalogue().services[service].name[language])


def test_an_indirect_request_for_the_coordinator_starts_the_handoff(stack):
    message = "Чи може координатор з інтеграції мені зателефонувати? Можна українською?"
    replies = stack.say("indirect-uk", message)
    assert replies[-1]["text"] == text("handoff_consent", "uk")


def test_an_undecided_first_message_offers_the_six_languages(stack):
    replies = stack.say("first-nohint", "Kaikukortti?")
    assert replies[-1]["buttons"] == language_buttons()


def test_a_client_hint_decides_a_short_first_message(stack):
    replies = stack.say("first-hint", "Kaikukortti?", language="uk")
    assert replies[0]["text"].startswith(get_catalogue().services["kaikukortti"].name["uk"])
    assert all(r.get("buttons") != language_buttons() for r in replies)


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("uk", "Де можна вивчати фінську мову, якщо я вдома з дитиною?"),
        ("ru", "Где можно учить финский, если я сижу дома с ребёнком?"),
        ("ar", "وين بقدر أتعلم فنلندي إذا أنا قاعدة بالبيت مع ولادي؟"),
    ],
)
def test_learning_finnish_at_home_with_a_child_is_the_s2_course(stack, language, question):
    sender = f"s2-at-home-{language}"
    replies = stack.say(sender, question)
    s2 = get_catalogue().services["s2_with_childcare"]
    assert replies[0]["text"].startswith(s2.name[language])
    slots = stack.tracker(sender)["slots"]
    assert (slots["target_group"], slots["language"]) == ("outside_labour_force", language)
