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
        "job_search_help": "saako työnhaun ohjausta omalla kielellä?",
        "family_services": "miten haen lapselle päiväkotipaikkaa?",
    },
    "sv": {
        "service_needs_assessment": "var får jag en kartläggning av mina kunskaper?",
        "integration_training": "hur kommer jag in på en kurs i finska?",
        "s2_with_childcare": "finns det finskundervisning med barnpassning?",
        "kaikukortti": "vad är Kaikukortet?",
        "job_search_help": "finns det jobbcoachning på lättläst språk?",
        "family_services": "hur börjar mitt barn i skolan i Grankulla?",
    },
    "en": {
        "service_needs_assessment": "where do I get my assessment?",
        "integration_training": "how do I get into a Finnish course?",
        "s2_with_childcare": "is there Finnish teaching with childcare?",
        "kaikukortti": "what is the Kaikukortti?",
        "job_search_help": "can I get job search guidance in my own language?",
        "family_services": "how do I get a daycare place for my child?",
    },
    "ar": {
        "service_needs_assessment": "أين أحصل على تقييم احتياجاتي للخدمات؟",
        "integration_training": "كيف أسجل في دورة اللغة الفنلندية؟",
        "s2_with_childcare": "هل يوجد تعليم اللغة الفنلندية مع رعاية الأطفال؟",
        "kaikukortti": "ما هي Kaikukortti؟",
        "job_search_help": "هل يوجد إرشاد في البحث عن عمل بلغتي؟",
        "family_services": "كيف أسجل ابني في الروضة؟",
    },
    "ru": {
        "service_needs_assessment": "где пройти оценку потребности в услугах?",
        "integration_training": "как попасть на курс финского языка?",
        "s2_with_childcare": "есть ли уроки финского с присмотром за детьми?",
        "kaikukortti": "что такое Kaikukortti?",
        "job_search_help": "есть ли консультации по поиску работы на моём языке?",
        "family_services": "как записать ребёнка в детский сад?",
    },
    "uk": {
        "service_needs_assessment": "де пройти оцінку потреби в послугах?",
        "integration_training": "як потрапити на курс фінської мови?",
        "s2_with_childcare": "чи є уроки фінської з доглядом за дітьми?",
        "kaikukortti": "що таке Kaikukortti?",
        "job_search_help": "чи є консультації з пошуку роботи моєю мовою?",
        "family_services": "як записати дитину в дитячий садок?",
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


CAREER_GUIDANCE_AS_JOB_SEEKER = {
    "fi": "olen työtön, saanko uraohjausta?",
    "en": "I am unemployed, can I get career guidance?",
    "ru": "я безработный, можно получить консультацию по карьере?",
}


def _reaches_job_search_help(stack, sender: str, replies: list, language: str) -> None:
    """The answer is the job-search help, or says whom career guidance is for and offers it."""
    catalogue = get_catalogue()
    help_service = catalogue.services["job_search_help"]
    if not replies[0]["text"].startswith(help_service.name[language]):
        answer = replies[-1]
        outside = catalogue.target_groups["outside_labour_force"].for_whom[language]
        assert outside in answer["text"], answer["text"][:200]
        assert answer["buttons"][0]["title"] == help_service.name[language]
        replies = stack.say(sender, answer["buttons"][0]["payload"])
        assert replies[0]["text"].startswith(help_service.name[language])
    employment = catalogue.providers["employment_area"].name[language]
    assert employment in replies[0]["text"].split("\n\n")[1]


@pytest.mark.parametrize("language", list(CAREER_GUIDANCE_AS_JOB_SEEKER))
def test_a_job_seeker_asking_for_career_guidance_reaches_job_search_help(stack, language):
    """Koto-Espoo's career guidance is for people outside the labour force; an unemployed
    person asking for career guidance gets to the job-search help, at most one button away."""
    sender = f"career-seeker-{language}"
    replies = stack.say(sender, CAREER_GUIDANCE_AS_JOB_SEEKER[language])
    assert stack.tracker(sender)["slots"]["target_group"] == "job_seeker"
    _reaches_job_search_help(stack, sender, replies, language)


def test_the_career_guidance_answer_offers_job_seekers_the_job_search_help(stack):
    sender = "career-seeker-button"
    stack.say(sender, "hei")
    stack.say(sender, '/inform_target_group{"target_group":"job_seeker"}')
    replies = stack.say(sender, "/ask_career_guidance")
    assert replies[0]["text"].startswith(get_catalogue().services["career_guidance"].name["fi"])
    _reaches_job_search_help(stack, sender, replies, "fi")
