"""Replies composed from the catalogue read as sentences in every language, and send a person
whose group a service is not for to the one that is."""

from __future__ import annotations

import pytest

from bot.answers import service_detail_replies, service_replies
from bot.detail_questions import asked_topic
from bot.i18n import join_list, text
from bot.languages import LANGUAGES

# What a person reads when a service is not for their group: a sentence, not a pasted label.
NOT_FOR_JOB_SEEKERS = {
    "fi": "Tämä palvelu on tarkoitettu työvoiman ulkopuolella oleville, esimerkiksi "
    "kotivanhemmille ja eläkeläisille.",
    "en": "This service is for people outside the labour force, such as stay-at-home parents "
    "and pensioners.",
    "ru": "Эта услуга предназначена для тех, кто вне рынка труда, например родителей, "
    "сидящих дома с детьми, и пенсионеров.",
}
NOT_FOR_OTHERS = {
    "fi": "Tämä palvelu on tarkoitettu työttömille työnhakijoille.",
    "sv": "Den här tjänsten är avsedd för arbetslösa arbetssökande.",
    "en": "This service is for unemployed job seekers.",
    "uk": "Ця послуга призначена для безробітних, які шукають роботу через службу зайнятості.",
}


def _answer(catalogue, service_id, language, group):
    [reply] = service_replies(catalogue, catalogue.services[service_id], language, group)
    return reply


@pytest.mark.parametrize("language", sorted(NOT_FOR_JOB_SEEKERS))
def test_a_job_seeker_reads_whom_career_guidance_is_for(catalogue, language):
    reply = _answer(catalogue, "career_guidance", language, "job_seeker")
    assert NOT_FOR_JOB_SEEKERS[language] in reply.text
    assert catalogue.target_groups["outside_labour_force"].name[language] not in reply.text


@pytest.mark.parametrize("language", sorted(NOT_FOR_OTHERS))
def test_a_parent_at_home_reads_whom_integration_training_is_for(catalogue, language):
    reply = _answer(catalogue, "integration_training", language, "outside_labour_force")
    assert NOT_FOR_OTHERS[language] in reply.text
    assert ": " + catalogue.target_groups["job_seeker"].name[language] not in reply.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_job_seeker_asking_for_career_guidance_is_offered_job_search_help(catalogue, language):
    reply = _answer(catalogue, "career_guidance", language, "job_seeker")
    assert reply.buttons[0]["payload"] == "/ask_job_search_help"
    assert reply.buttons[0]["title"] == catalogue.services["job_search_help"].name[language]
    # the person outside the labour force gets the answer itself, with no detour
    reply = _answer(catalogue, "career_guidance", language, "outside_labour_force")
    assert catalogue.providers["koto_espoo"].name[language] in reply.text
    assert reply.buttons[0]["payload"] != "/ask_job_search_help"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_parent_at_home_asking_for_integration_training_is_offered_the_s2_classes(
    catalogue, language
):
    reply = _answer(catalogue, "integration_training", language, "outside_labour_force")
    assert reply.buttons[0]["payload"] == "/ask_s2_with_childcare"
    assert catalogue.providers["koto_espoo"].name[language] not in reply.text
    reply = _answer(catalogue, "integration_training", language, "job_seeker")
    assert catalogue.providers["employment_area"].name[language] in reply.text


@pytest.mark.parametrize("service_id", ["omnia_competence_centre", "koski_competence_centre"])
def test_the_competence_centres_answer_people_outside_the_labour_force(catalogue, service_id):
    for language in LANGUAGES:
        reply = _answer(catalogue, service_id, language, "outside_labour_force")
        assert catalogue.providers["koto_espoo"].name[language] in reply.text
        not_for_you = text("not_for_group", language, for_whom="@").split("@")[0]
        assert not_for_you not in reply.text


def test_arabic_lists_use_the_arabic_comma(catalogue):
    reply = _answer(catalogue, "integration_training", "ar", "job_seeker")
    names = [catalogue.providers[p].name["ar"] for p in ("employment_area", "espoo_procurement")]
    assert "، ".join(names) in reply.text
    assert ", " not in reply.text
    assert join_list(["أ", "ب"], "ar") == "أ، ب" and join_list(["a", "b"], "fi") == "a, b"


def test_the_multisectoral_part_names_social_and_health_services():
    words = {"fi": "terveys", "sv": "hälsovård", "en": "health", "ar": "الصحية"}
    words |= {"ru": "медицинск", "uk": "медичн"}
    for language, word in words.items():
        assert word in text("multisectoral", language, description="", providers="")


# §4: "Muiden kuin työnhakija-asiakkaiden osalta katso kohta 5": people outside the labour force
# asking about a job seekers' service are sent to what §5 gives them.
OFFERED_INSTEAD = [
    ("integration_training", "s2_with_childcare"),
    ("language_level_test", "s2_with_childcare"),
    ("self_motivated_study", "s2_with_childcare"),
    ("job_search_help", "career_guidance"),
    ("talent_espoo", "career_guidance"),
]


@pytest.mark.parametrize(("service_id", "offered"), OFFERED_INSTEAD)
def test_people_outside_the_labour_force_are_offered_their_own_service(
    catalogue, service_id, offered
):
    reply = _answer(catalogue, service_id, "en", "outside_labour_force")
    assert "This service is for unemployed job seekers." in reply.text
    assert reply.buttons[0]["payload"] == f"/ask_{offered}"


# A short question that names a service and asks one of its details, in the six languages.
DETAIL_QUESTIONS = {
    "fi": ("missä S2-kurssi on?", "location"),
    "sv": ("vad kostar Kaikukortet?", "cost"),
    "en": ("is the kaikukortti free?", "cost"),
    "ar": ("كايكوكورتي مجاني؟", "cost"),
    "ru": ("сколько стоит Kaikukortti?", "cost"),
    "uk": ("якою мовою курс інтеграції?", "teaching_language"),
}


@pytest.mark.parametrize("language", list(DETAIL_QUESTIONS))
def test_a_detail_asked_with_the_service_is_recognised(language):
    message, topic = DETAIL_QUESTIONS[language]
    assert asked_topic(message) == topic


@pytest.mark.parametrize(
    "message",
    ["måste TE-byrån skicka mig dit?", "мене мають туди направити?", "do they send me there?"],
)
def test_being_sent_there_asks_about_the_referral(message):
    assert asked_topic(message) == "referral"


@pytest.mark.parametrize(
    "message",
    ["onko se auki lauantaisin", "vilken dag är det öppet?", "минуту, в какие дни?", "شو الايام؟"],
)
def test_the_day_or_the_opening_hours_ask_about_the_schedule(message):
    assert asked_topic(message) == "schedule"


def test_a_colloquial_does_it_cost_asks_the_price():
    assert asked_topic("maksaaks se Kaikukortti mitään") == "cost"


@pytest.mark.parametrize("message", ["onko se auki kaikille?", "is it open for everyone?"])
def test_open_to_everyone_asks_no_schedule(message):
    assert asked_topic(message) != "schedule"


@pytest.mark.parametrize(
    "message",
    [
        "where can I learn Finnish?",
        "missä voin opiskella suomea, kun lapsi on kotona?",
        "free tickets to concerts",
        "бесплатные курсы шведского языка",
        "у меня мало денег, можно ходить в театр бесплатно, если я на пенсии?",
    ],
)
def test_a_service_question_without_a_detail_is_not_one(message):
    assert asked_topic(message) is None


def test_the_detail_is_answered_when_the_programme_has_it(catalogue):
    service = catalogue.services["kaikukortti"]
    [reply] = service_detail_replies(catalogue, service, "сколько стоит Kaikukortti?", "ru", None)
    assert reply.text.startswith(service.name["ru"])
    assert service.details["cost"].text["ru"] in reply.text


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("a Arbis voobshche gde nahoditsya?", "ru"),  # Russian in Latin letters
        ("а куди на ті шведські курси їздити?", "uk"),
    ],
)
def test_where_a_named_service_is_is_answered_with_where(catalogue, message, language):
    service = catalogue.services["swedish_integration"]
    [reply] = service_detail_replies(catalogue, service, message, language, None)
    assert service.details["location"].text[language] in reply.text


def test_without_the_detail_in_the_programme_the_first_answer_is_given(catalogue):
    service = catalogue.services["perhesoppa"]
    assert "cost" not in service.details
    assert service_detail_replies(catalogue, service, "is perhesoppa free?", "en", None) is None
