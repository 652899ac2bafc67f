"""Follow-up questions in context, and a handoff form that never traps anyone, over REST
against the real servers."""

from __future__ import annotations

import pytest

from bot.answers import MAX_FIRST_ANSWER_WORDS, words
from bot.catalogue import get_catalogue
from bot.i18n import text

pytestmark = pytest.mark.e2e

AT_HOME = {
    "fi": "missä voin opiskella suomea, jos olen kotona lapsen kanssa?",
    "sv": "var kan jag lära mig finska om jag är hemma med mitt barn?",
    "en": "where can I learn Finnish if I stay at home with my child?",
    "ar": "أين أتعلم الفنلندية إذا كنت أبقى في البيت مع طفلي؟",
    "ru": "где учить финский, если я сижу дома с ребёнком?",
    "uk": "де я можу вчити фінську, якщо сиджу вдома з дитиною?",
}
COST = {
    "fi": "paljonko se maksaa?",
    "sv": "vad kostar det?",
    "en": "how much does it cost?",
    "ar": "كم تكلفتها؟",
    "ru": "сколько это стоит?",
    "uk": "скільки це коштує?",
}
WHERE = {
    "fi": "missä se on?",
    "sv": "var är det?",
    "en": "where is it?",
    "ar": "أين هي؟",
    "ru": "где это?",
    "uk": "де це?",
}
CHILDCARE = {
    "fi": "onko lastenhoitoa?",
    "sv": "finns det barnpassning?",
    "en": "is there childcare?",
    "ar": "هل يوجد رعاية للأطفال؟",
    "ru": "есть присмотр за детьми?",
    "uk": "чи є догляд за дітьми?",
}


@pytest.mark.parametrize("language", list(AT_HOME))
def test_cost_and_place_are_answered_about_the_service_in_context(stack, language):
    sender = f"followup-{language}"
    service = get_catalogue().services["s2_with_childcare"]
    name = service.name[language]

    first = stack.say(sender, AT_HOME[language])
    assert first[0]["text"].startswith(name), first[0]["text"][:80]
    assert sum(words(r["text"]) for r in first) <= MAX_FIRST_ANSWER_WORDS
    assert "/ask_more" in [b["payload"] for b in first[-1]["buttons"]]
    tracker = stack.tracker(sender)
    assert tracker["slots"]["service"] == "s2_with_childcare"
    assert tracker["slots"]["target_group"] == "outside_labour_force"

    cost = stack.say(sender, COST[language])
    # the programme says nothing about the price: said plainly, with the coordinator
    assert cost[0]["text"] == text("silent_cost", language, service=name)
    assert cost[0]["buttons"][0]["payload"] == "/request_human"

    where = stack.say(sender, WHERE[language])
    assert where[0]["text"].startswith(name)
    assert service.details["location"].text[language] in where[0]["text"]

    childcare = stack.say(sender, CHILDCARE[language])
    assert service.details["childcare"].text[language] in childcare[0]["text"]

    more = stack.say(sender, "/ask_more")
    assert service.description[language] in more[0]["text"]
    tracker = stack.tracker(sender)
    assert tracker["slots"]["service"] == "s2_with_childcare"
    assert tracker["slots"]["language"] == language


def test_a_follow_up_with_no_service_in_context_asks_which_one(stack):
    replies = stack.say("followup-none", "how long does it take?")
    assert replies[0]["text"] == text("which_service", "en")
    assert replies[0]["buttons"]
    assert stack.tracker("followup-none")["slots"]["service"] is None


@pytest.mark.parametrize(
    ("language", "request_text", "question", "service_id"),
    [
        ("en", "I want to talk to a person", "where do I get the kaikukortti?", "kaikukortti"),
        ("fi", "haluan puhua ihmisen kanssa", "mikä on Kaikukortti?", "kaikukortti"),
        ("uk", "хочу поговорити з координатором", "що таке Kaikukortti?", "kaikukortti"),
    ],
)
def test_a_question_at_the_consent_step_is_answered_and_the_form_left(
    stack, language, request_text, question, service_id
):
    sender = f"form-question-{language}"
    replies = stack.say(sender, request_text)
    assert replies[-1]["text"] == text("handoff_consent", language)
    replies = stack.say(sender, question)
    assert replies[0]["text"].startswith(get_catalogue().services[service_id].name[language])
    assert replies[-1]["text"] == text("handoff_left", language)
    assert replies[-1]["buttons"][0]["payload"] == "/request_human"
    tracker = stack.tracker(sender)
    assert not (tracker.get("active_loop") or {}).get("name")
    assert tracker["slots"]["service"] == service_id
    # the next yes is no longer taken as consent
    replies = stack.say(sender, "/affirm")
    assert text("handoff_consent", language) not in [r["text"] for r in replies]


def test_a_question_at_the_contact_step_is_answered_and_nothing_is_sent(stack):
    sender = "form-question-contact"
    stack.say(sender, "/request_human")
    replies = stack.say(sender, "/affirm")
    assert replies[-1]["text"] == text("handoff_ask_contact", "en")
    replies = stack.say(sender, "/ask_kaikukortti")
    assert replies[0]["text"].startswith(get_catalogue().services["kaikukortti"].name["en"])
    assert replies[-1]["text"] == text("handoff_left", "en")
    assert text("handoff_contact_invalid", "en") not in [r["text"] for r in replies]
    assert not (stack.tracker(sender).get("active_loop") or {}).get("name")
    replies = stack.say(sender, "where is it?")
    kaikukortti = get_catalogue().services["kaikukortti"]
    assert kaikukortti.details["location"].text["en"] in replies[0]["text"]


# Issue #15: a short question about a language after a service is about that service.
LANGUAGE_QUESTION = {
    "fi": "onko se venäjäksi?",
    "sv": "är den på ryska?",
    "en": "is it in Arabic?",
    "ar": "هل هي بالعربي؟",
    "ru": "это на русском?",
    "uk": "чи це українською?",
}


@pytest.mark.parametrize("language", list(LANGUAGE_QUESTION))
def test_a_short_question_about_a_language_is_about_the_service_not_a_switch(stack, language):
    sender = f"teaching-language-{language}"
    service = get_catalogue().services["s2_with_childcare"]
    stack.say(sender, AT_HOME[language])
    replies = stack.say(sender, LANGUAGE_QUESTION[language])
    assert service.details["teaching_language"].text[language] in replies[0]["text"]
    tracker = stack.tracker(sender)
    assert tracker["slots"]["language"] == language
    assert tracker["slots"]["service"] == "s2_with_childcare"


@pytest.mark.parametrize(
    ("language", "question", "service_id", "topic"),
    [
        ("en", "is the kaikukortti free?", "kaikukortti", "cost"),
        ("ru", "сколько стоит Kaikukortti?", "kaikukortti", "cost"),
        ("fi", "missä S2-kurssi on?", "s2_with_childcare", "location"),
    ],
)
def test_a_question_naming_a_service_and_a_detail_gets_the_detail(
    stack, language, question, service_id, topic
):
    sender = f"detail-{language}"
    service = get_catalogue().services[service_id]
    replies = stack.say(sender, question)
    assert service.details[topic].text[language] in replies[0]["text"]
    assert stack.tracker(sender)["slots"]["service"] == service_id
