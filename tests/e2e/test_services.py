"""Service questions in six languages over REST, answered from the catalogue for the right
target group."""

from __future__ import annotations

import pytest

from bot.catalogue import get_catalogue

pytestmark = pytest.mark.e2e

QUESTIONS = {
    "fi": {
        "service_needs_assessment": "missä saan alkukartoituksen?",
        "integration_training": "miten pääsen suomen kielen kurssille?",
        "s2_with_childcare": "onko suomen opetusta, jossa lapsille on hoito?",
        "kaikukortti": "mikä on Kaikukortti?",
    },
    "sv": {
        "service_needs_assessment": "var får jag en kartläggning av mina kunskaper?",
        "integration_training": "hur kommer jag in på en kurs i finska?",
        "s2_with_childcare": "finns det finskundervisning med barnpassning?",
        "kaikukortti": "vad är Kaikukortet?",
    },
    "en": {
        "service_needs_assessment": "where do I get my assessment?",
        "integration_training": "how do I get into a Finnish course?",
        "s2_with_childcare": "is there Finnish teaching with childcare?",
        "kaikukortti": "what is the Kaikukortti?",
    },
    "ar": {
        "service_needs_assessment": "أين أحصل على تقييم احتياجاتي للخدمات؟",
        "integration_training": "كيف أسجل في دورة اللغة الفنلندية؟",
        "s2_with_childcare": "هل يوجد تعليم اللغة الفنلندية مع رعاية الأطفال؟",
        "kaikukortti": "ما هي Kaikukortti؟",
    },
    "ru": {
        "service_needs_assessment": "где пройти оценку потребности в услугах?",
        "integration_training": "как попасть на курс финского языка?",
        "s2_with_childcare": "есть ли уроки финского с присмотром за детьми?",
        "kaikukortti": "что такое Kaikukortti?",
    },
    "uk": {
        "service_needs_assessment": "де пройти оцінку потреби в послугах?",
        "integration_training": "як потрапити на курс фінської мови?",
        "s2_with_childcare": "чи є уроки фінської з доглядом за дітьми?",
        "kaikukortti": "що таке Kaikukortti?",
    },
}
AT_HOME_WITH_CHILDREN = {
    "fi": "olen kotona lasten kanssa",
    "sv": "jag är hemma med barnen",
    "en": "I stay at home with my kids",
    "ar": "أنا في البيت مع أطفالي",
    "ru": "я сижу дома с детьми",
    "uk": "я вдома з дітьми",
}
CASES = [(lang, sid, q) for lang, questions in QUESTIONS.items() for sid, q in questions.items()]


@pytest.mark.parametrize(("language", "service_id", "question"), CASES)
def test_a_service_question_gets_that_services_answer_in_the_same_language(
    stack, language, service_id, question
):
    sender = f"service-{language}-{service_id}"
    replies = stack.say(sender, question)
    service = get_catalogue().services[service_id]
    assert replies[0]["text"].startswith(service.name[language]), replies[0]["text"][:80]
    tracker = stack.tracker(sender)
    assert tracker["slots"]["language"] == language
    assert tracker["slots"]["service"] == service_id


@pytest.mark.parametrize("language", list(QUESTIONS))
def test_the_assessment_names_the_provider_for_each_target_group(stack, language):
    catalogue = get_catalogue()
    employment = catalogue.providers["employment_area"].name[language]
    kauniainen = catalogue.providers["kauniainen_integration_services"].name[language]
    question = QUESTIONS[language]["service_needs_assessment"]

    seeker = f"group-seeker-{language}"
    stack.say(seeker, question)
    answer = stack.say(seeker, '/inform_target_group{"target_group":"job_seeker"}')[0]["text"]
    providers_line = answer.split("\n\n")[1]
    assert employment in providers_line and kauniainen not in providers_line

    parent = f"group-parent-{language}"
    stack.say(parent, question)
    answer = stack.say(parent, AT_HOME_WITH_CHILDREN[language])[0]["text"]
    assert stack.tracker(parent)["slots"]["target_group"] == "outside_labour_force"
    providers_line = answer.split("\n\n")[1]
    assert kauniainen in providers_line and employment not in providers_line
