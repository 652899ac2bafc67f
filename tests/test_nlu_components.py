"""The target-group component decides the intent of a message that only states a situation."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import LanguageDetector, TargetGroupExtractor
from bot.nlu.rules import NamedServiceRule
from tests.nlu_messages import ranked as _ranked


def _classified(text: str, intent: str, confidence: float) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    return message


def _after_extractor(message: Message) -> dict:
    [message] = TargetGroupExtractor().process([message])
    return message.get(INTENT)


def test_a_situation_read_unsurely_as_a_situation_is_not_left_to_the_fallback():
    message = _classified("أنا في البيت مع أطفالي", "inform_target_group", 0.27)
    assert _after_extractor(message) == {"name": "inform_target_group", "confidence": 1.0}


def test_a_situation_read_as_something_else_is_the_answer_to_the_group_question():
    message = _classified("I stay at home with my kids", "affirm", 0.6)
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_an_out_of_domain_message_that_states_a_situation_is_still_declined():
    message = _classified(
        "I stay at home with my kids, what's the weather tomorrow", "out_of_scope", 0.7
    )
    assert _after_extractor(message)["name"] == "out_of_scope"


def test_a_situation_guessed_weakly_as_a_service_answers_the_group_question():
    message = _classified("أنا في البيت مع أطفالي", "ask_s2_with_childcare", 0.26)
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_unsure_is_the_fallback_threshold_of_config_yml():
    import yaml

    from bot.nlu.ranking import UNSURE
    from bot.paths import PROJECT_ROOT

    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    [fallback] = [c for c in pipeline if c["name"] == "FallbackClassifier"]
    assert fallback["threshold"] == UNSURE


def test_a_service_question_that_states_a_situation_stays_a_service_question():
    message = _classified(
        "olen työtön, pääsenkö kotoutumiskoulutukseen?", "ask_integration_training", 0.57
    )
    assert _after_extractor(message) == {"name": "ask_integration_training", "confidence": 0.57}


def test_a_service_question_ranked_just_behind_is_not_made_a_bare_situation():
    message = _ranked(
        "Де можна вивчати фінську мову, якщо я вдома з дитиною?",
        ("ask_childcare", 0.31),
        ("ask_s2_with_childcare", 0.28),
        ("inform_target_group", 0.2),
    )
    assert _after_extractor(message) == {"name": "ask_s2_with_childcare", "confidence": 1.0}


def test_a_situation_ranked_above_every_service_stays_the_answer_to_the_group_question():
    message = _ranked(
        "я сижу дома с ребёнком",
        ("ask_childcare", 0.4),
        ("inform_target_group", 0.35),
        ("ask_s2_with_childcare", 0.2),
    )
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_a_question_after_the_situation_asks_for_the_service_ranked_behind_it():
    message = _ranked(
        "I am unemployed and registered at the TE office. Where can I learn Finnish?",
        ("inform_target_group", 0.37),
        ("ask_integration_training", 0.22),
        ("ask_website_translation", 0.17),
    )
    assert _after_extractor(message) == {"name": "ask_integration_training", "confidence": 1.0}


def test_a_wish_after_the_situation_asks_for_the_service_ranked_behind_it():
    message = _ranked(
        "I stay at home with my two kids. I would like to learn Finnish but they are small",
        ("inform_target_group", 0.4),
        ("ask_s2_with_childcare", 0.3),
    )
    assert _after_extractor(message) == {"name": "ask_s2_with_childcare", "confidence": 1.0}


def test_a_situation_and_an_open_question_stays_the_answer_to_the_group_question():
    message = _ranked(
        "I am unemployed, what can I do here?",
        ("inform_target_group", 0.6),
        ("ask_job_search_help", 0.2),
        ("ask_integration_training", 0.1),
    )
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_one_clause_that_asks_with_a_situation_ranked_first_stays_the_situation():
    message = _ranked(
        "am I a job seeker if I'm registered at the TE office?",
        ("inform_target_group", 0.5),
        ("ask_integration_training", 0.3),
    )
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_a_situation_with_a_question_guessed_weakly_as_eligibility_is_the_situation():
    message = _classified("Jag är hemma med barnen. Vad finns det för mig?", "ask_eligibility", 0.2)
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_a_sure_eligibility_question_with_a_situation_stays_one():
    message = _classified("voiko kotiäiti tulla mukaan?", "ask_eligibility", 0.6)
    assert _after_extractor(message) == {"name": "ask_eligibility", "confidence": 0.6}


def test_without_a_question_a_service_must_be_nearly_as_likely_as_the_first_choice():
    message = _ranked(
        "I stay at home with my kids",
        ("ask_childcare", 0.5),
        ("ask_s2_with_childcare", 0.3),
        ("inform_target_group", 0.2),
    )
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_a_service_described_for_the_wrong_group_is_the_one_meant_for_the_group():
    message = _classified(
        "de mozhna vyvchyty finsku bezkoshtovno? ya bezrobitna", "ask_s2_with_childcare", 0.9
    )
    assert _after_extractor(message) == {"name": "ask_integration_training", "confidence": 1.0}


def test_the_service_replaced_for_the_group_is_no_tie_for_the_fallback():
    message = _ranked(
        "وين بقدر أتعلم فنلندي؟ أنا عاطل عن العمل",
        ("ask_s2_with_childcare", 0.91),
        ("ask_integration_training", 0.02),
    )
    [message] = TargetGroupExtractor().process([message])
    first, second = message.get(INTENT_RANKING_KEY)[:2]
    assert first == {"name": "ask_integration_training", "confidence": 1.0}
    assert first["confidence"] - second["confidence"] >= 0.1


def test_a_service_question_with_the_situation_close_behind_asks_for_the_service():
    message = _ranked(
        "vilket jobb kunde jag göra här, jag har varit hemma med barnen länge",
        ("ask_career_guidance", 0.49),
        ("inform_target_group", 0.46),
    )
    [message] = TargetGroupExtractor().process([message])
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["ask_career_guidance"]


def test_a_service_named_for_the_wrong_group_is_still_the_one_asked_about():
    message = _classified(
        "I am unemployed, can I join the S2 classes?", "ask_s2_with_childcare", 0.9
    )
    assert _after_extractor(message)["name"] == "ask_s2_with_childcare"


def test_a_service_meant_for_the_stated_group_is_kept():
    message = _classified(
        "I stay at home with my kids, where can I learn Finnish?", "ask_s2_with_childcare", 0.9
    )
    assert _after_extractor(message) == {"name": "ask_s2_with_childcare", "confidence": 0.9}


def _after_language_detector(message: Message) -> dict:
    [message] = LanguageDetector().process([message])
    return message.get(INTENT)


# Short questions about a language, whatever the classifier made of them.
LANGUAGE_QUESTIONS = {
    "fi": ("onko se venäjäksi?", "choose_language"),
    "sv": ("är kursen på ryska?", "choose_language"),
    "en": ("is it in Arabic?", "out_of_scope"),
    "ar": ("هل هي بالعربي؟", "choose_language"),
    "ru": ("это на русском?", "choose_language"),
    "uk": ("чи це українською?", "deny"),
}
BARE_SWITCHES = {
    "fi": "venäjäksi",
    "sv": "på svenska tack",
    "en": "in English please",
    "ar": "بالعربي لو سمحت",
    "ru": "по-русски",
    "uk": "українською, будь ласка",
}


@pytest.mark.parametrize("language", list(LANGUAGE_QUESTIONS))
def test_a_short_question_about_a_language_asks_about_the_service(language):
    text, classified = LANGUAGE_QUESTIONS[language]
    message = _ranked(text, (classified, 0.6), ("ask_teaching_language", 0.3))
    assert _after_language_detector(message)["name"] == "ask_teaching_language"


@pytest.mark.parametrize("language", list(BARE_SWITCHES))
def test_a_bare_in_language_request_is_a_switch(language):
    message = _ranked(BARE_SWITCHES[language], ("ask_teaching_language", 0.6))
    assert _after_language_detector(message)["name"] == "choose_language"


def test_a_language_question_naming_a_service_keeps_the_service():
    message = _ranked("is Kaikukortti in English?", ("ask_kaikukortti", 0.7))
    assert _after_language_detector(message)["name"] == "ask_kaikukortti"


def test_a_longer_question_about_a_language_is_not_a_switch():
    message = _ranked(
        "is the course given in Arabic too?",
        ("choose_language", 0.5),
        ("ask_teaching_language", 0.4),
    )
    assert _after_language_detector(message)["name"] == "ask_teaching_language"


def test_of_two_close_services_the_one_for_the_stated_group_is_taken():
    message = _ranked(
        "я безработный, можно получить консультацию по карьере?",
        ("ask_career_guidance", 0.45),
        ("ask_job_search_help", 0.39),
    )
    assert _after_extractor(message) == {"name": "ask_job_search_help", "confidence": 1.0}


def test_two_close_services_both_for_the_group_are_left_to_the_fallback():
    message = _ranked(
        "olen työtön, missä on suomen kurssi tai testi?",
        ("ask_integration_training", 0.4),
        ("ask_language_level_test", 0.35),
    )
    assert _after_extractor(message)["confidence"] == 0.4


def _after_named_service_rule(message: Message) -> dict:
    [message] = NamedServiceRule().process([message])
    return message.get(INTENT)


@pytest.mark.parametrize(
    "ranking",
    [
        (("ask_kaikukortti", 0.52), ("ask_cost", 0.47)),
        (("ask_cost", 0.6), ("ask_kaikukortti", 0.3)),
    ],
)
def test_a_follow_up_question_naming_a_service_is_about_that_service(ranking):
    message = _ranked("сколько стоит Kaikukortti?", *ranking)
    assert _after_named_service_rule(message) == {"name": "ask_kaikukortti", "confidence": 1.0}


def test_a_follow_up_question_naming_no_service_stays_a_follow_up():
    message = _ranked("how much does it cost?", ("ask_cost", 0.5), ("ask_kaikukortti", 0.45))
    assert _after_named_service_rule(message) == {"name": "ask_cost", "confidence": 0.5}


def test_two_services_without_a_follow_up_are_left_to_the_classifier():
    message = _ranked(
        "Kaikukortti tai Perhesoppa?", ("ask_perhesoppa", 0.5), ("ask_kaikukortti", 0.45)
    )
    assert _after_named_service_rule(message) == {"name": "ask_perhesoppa", "confidence": 0.5}


@pytest.mark.parametrize(
    "text",
    [
        "Now I am jobseeker at the TE office. Is there career counselling for me?",
        "Oon ollu työttömänä vuoden. Saako jostain uraohjausta?",
    ],
)
def test_a_job_seeker_asking_for_career_guidance_gets_the_job_search_help(text):
    message = _ranked(text, ("ask_career_guidance", 0.8), ("ask_job_search_help", 0.15))
    assert _after_extractor(message)["name"] == "ask_job_search_help"


def test_a_job_seeker_asking_about_koto_espoo_by_its_name_asks_about_it():
    message = _ranked(
        "I am unemployed. What is Koto-Espoo's career guidance?",
        ("ask_career_guidance", 0.8),
        ("ask_job_search_help", 0.15),
    )
    assert _after_extractor(message)["name"] == "ask_career_guidance"


def test_a_finnish_service_name_in_a_cyrillic_follow_up_is_what_is_asked():
    message = _ranked(
        "Мене запросили на зустріч щодо kotoutumissuunnitelma. Що це таке?",
        ("ask_referral", 0.5),
        ("ask_signup", 0.2),
    )
    assert _after_named_service_rule(message) == {
        "name": "ask_integration_plan",
        "confidence": 1.0,
    }


def test_a_finnish_follow_up_whose_topic_is_a_service_word_stays_a_follow_up():
    # "lastenhoito" is a word of the S2 classes' name and the childcare follow-up's topic.
    message = _ranked("onko lastenhoitoa?", ("ask_childcare", 0.6), ("ask_cost", 0.2))
    assert _after_named_service_rule(message) == {"name": "ask_childcare", "confidence": 0.6}


def test_of_two_close_services_the_one_the_message_names_is_taken():
    message = _ranked(
        "Nyt mä oon työttömänä ja kirjoilla työkkärissä. Miten mä pääsen suomen kurssille?",
        ("ask_guidance_counselling", 0.54),
        ("ask_integration_training", 0.46),
    )
    assert _after_named_service_rule(message) == {
        "name": "ask_integration_training",
        "confidence": 1.0,
    }


@pytest.mark.parametrize(
    ("text", "first", "named"),
    [
        (
            "Vi ska träffa handläggaren på tisdag för vår kotoutumissuunnitelma, vad händer där?",
            "ask_guidance_counselling",
            "ask_integration_plan",
        ),
        (
            "я на пенсии. мне тоже положен план интеграции?",
            "ask_swedish_integration",
            "ask_integration_plan",
        ),
        (
            "Моя сусідка каже, що з Kaikukortti можна в басейн. Як її отримати?",
            "ask_family_services",
            "ask_kaikukortti",
        ),
    ],
)
def test_read_first_unsurely_the_other_the_message_calls_by_its_name_is_taken(
    text: str, first: str, named: str
) -> None:
    message = _ranked(text, (first, 0.52), (named, 0.3))
    assert _after_named_service_rule(message) == {"name": named, "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "first", "other", "confidence"),
    [
        # a common word of the story, no name: "dagis", "daycare"
        (
            "när barnen börjar på dagis vill jag jobba, men med vad?",
            "ask_career_guidance",
            "ask_family_services",
            0.52,
        ),
        (
            "Kids start daycare in August, then I'd like a job. What could I do?",
            "ask_career_guidance",
            "ask_family_services",
            0.52,
        ),
        # read first surely
        (
            "Vi ska träffa handläggaren på tisdag för vår kotoutumissuunnitelma, vad händer där?",
            "ask_guidance_counselling",
            "ask_integration_plan",
            0.7,
        ),
    ],
)
def test_other_first_readings_stay(text: str, first: str, other: str, confidence: float) -> None:
    message = _ranked(text, (first, confidence), (other, 0.3))
    assert _after_named_service_rule(message) == {"name": first, "confidence": confidence}


@pytest.mark.parametrize(
    ("text", "first", "named"),
    [
        # "I'd like my son in daycare, he is two. Where do we apply?"
        ("min son är två, vi vill ha en plats på dagis. vart söker man?", "ask_integration_plan",
         "ask_family_services"),
        ("Хочу записатися на перхесоппу з малою, туди всіх пускають?", "ask_kaikukortti",
         "ask_perhesoppa"),
    ],
)  # fmt: skip
def test_below_the_fallback_a_service_named_by_a_synonym_is_taken(
    text: str, first: str, named: str
) -> None:
    message = _ranked(text, (first, 0.28), (named, 0.12))
    assert _after_named_service_rule(message) == {"name": named, "confidence": 1.0}


def test_two_close_services_meeting_one_need_for_two_groups_are_one_reading():
    # "I want to learn Finnish": integration training or the S2 classes with childcare;
    # either answer tells both groups where to go.
    message = _ranked(
        "بدي اتعلم فنلندي",
        ("ask_s2_with_childcare", 0.45),
        ("ask_integration_training", 0.37),
        ("ask_civic_orientation", 0.05),
    )
    [message] = NamedServiceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_s2_with_childcare"
    assert message.get(INTENT)["confidence"] == pytest.approx(0.82)
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == [
        "ask_s2_with_childcare",
        "ask_civic_orientation",
    ]


def test_the_stated_group_still_picks_its_own_of_the_two():
    message = _ranked(
        "olen työtön, haluan oppia suomea",
        ("ask_s2_with_childcare", 0.45),
        ("ask_integration_training", 0.37),
    )
    [message] = NamedServiceRule().process([message])
    assert _after_extractor(message)["name"] == "ask_integration_training"


def test_two_close_services_for_different_needs_stay_a_tie():
    message = _ranked(
        "mitä vaihtoehtoja minulla on?",
        ("ask_language_level_test", 0.4),
        ("ask_s2_with_childcare", 0.35),
    )
    [message] = NamedServiceRule().process([message])
    assert message.get(INTENT) == {"name": "ask_language_level_test", "confidence": 0.4}


STORY = (
    "Olen eläkkeellä ja eläke on aika pieni. Kuulin naapurilta, että on olemassa joku kortti,"
    " jolla pääsee teatteriin. Mikä se on ja mistä sen saa?"
)


def test_a_story_read_as_a_detail_asks_for_the_service_it_describes():
    message = _ranked(STORY, ("ask_location", 0.72), ("ask_kaikukortti", 0.23))
    assert _after_extractor(message)["name"] == "ask_kaikukortti"


def test_a_story_with_a_service_and_a_detail_too_close_asks_for_the_service():
    message = _ranked(STORY, ("ask_kaikukortti", 0.46), ("ask_location", 0.42))
    [message] = TargetGroupExtractor().process([message])
    first, second = message.get(INTENT_RANKING_KEY)[:2]
    assert first == {"name": "ask_kaikukortti", "confidence": 1.0}
    assert first["confidence"] - second["confidence"] >= 0.1


def test_a_short_question_stating_a_situation_is_no_story():
    message = _ranked(
        "olen eläkkeellä, mistä sen saa?", ("ask_location", 0.72), ("ask_kaikukortti", 0.23)
    )
    assert _after_extractor(message)["name"] != "ask_kaikukortti"


def test_a_situation_in_latin_script_russian_is_read_in_cyrillic():
    message = _ranked(
        "ya na uchete v TE, hochu sama vybrat kursy finskogo v drugoj shkole. tak mozhno?",
        ("ask_self_motivated_study", 0.5),
        ("ask_integration_training", 0.3),
    )
    [message] = TargetGroupExtractor().process([message])
    groups = [e["value"] for e in message.get("entities") if e["entity"] == "target_group"]
    assert groups == ["job_seeker"]


def test_a_short_statement_of_a_situation_declined_by_the_classifier_answers_the_question():
    message = _classified("jag ar arbetslos om det spelar nan roll", "out_of_scope", 0.6)
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_a_short_statement_declined_surely_is_not_left_to_the_fallback():
    from bot.nlu.ranking import AMBIGUITY

    # "I'm unemployed, if it matters": the classifier's 0.96 was the words around it
    message = _ranked(
        "jag är arbetslös, om det nu spelar nån roll", ("out_of_scope", 0.96), ("greet", 0.02)
    )
    [message] = TargetGroupExtractor().process([message])
    first, second = message.get(INTENT_RANKING_KEY)[:2]
    assert first["name"] == "inform_target_group"
    assert first["confidence"] - second["confidence"] >= AMBIGUITY


def test_someone_elses_situation_declined_stays_to_the_fallback():
    from bot.nlu.ranking import AMBIGUITY

    # a footballer retired: no one's own situation
    message = _ranked("zlatan is retired these days", ("out_of_scope", 0.95), ("greet", 0.02))
    [message] = TargetGroupExtractor().process([message])
    first, second = message.get(INTENT_RANKING_KEY)[:2]
    assert first["confidence"] - second["confidence"] < AMBIGUITY


def test_an_out_of_domain_question_stating_a_situation_is_still_declined():
    message = _classified(
        "olen eläkkeellä, miten saan ruotsin eläkkeen tililleni?", "out_of_scope", 0.7
    )
    assert _after_extractor(message)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    ("text", "first", "asked"),
    [
        ("я вдома з малим, як мені на це потрапити?", "inform_target_group", "ask_signup"),
        ("I stay home with my son, how do I sign up for it?", "inform_target_group", "ask_signup"),
        ("olen kotona lasten kanssa, miten pääsen sinne?", "ask_signup", "ask_signup"),
        ("jag är arbetslös, vad kostar det?", "inform_target_group", "ask_cost"),
    ],
)
def test_a_group_stated_and_a_follow_up_asked_is_the_follow_up_with_the_group(
    text: str, first: str, asked: str
) -> None:
    second = "ask_signup" if first != "ask_signup" else "inform_target_group"
    message = _ranked(text, (first, 0.5), (second, 0.48), ("ask_cost", 0.01))
    [message] = TargetGroupExtractor().process([message])
    assert message.get(INTENT) == {"name": asked, "confidence": 1.0}
    assert [e["value"] for e in message.get("entities") if e["entity"] == "target_group"]


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # after an "ok", without a question mark: "who may take part, must one be unemployed"
        (
            "ok. kuka siihen voi osallistua, pitääkö olla työtön",
            [("ask_eligibility", 0.42), ("ask_koski_competence_centre", 0.23)],
        ),
        # Arabizi: "but she is not registered at the TE, may she go?"
        (
            "bas hiye mesh msajjale bel TE, 3adi fiya tru7?",
            [("goodbye", 0.12), ("ask_eligibility", 0.07), ("ask_guidance_counselling", 0.05)],
        ),
    ],
)
def test_who_may_take_part_asked_with_a_group_is_the_follow_up(text: str, ranking) -> None:
    message = _ranked(text, *ranking)
    [message] = TargetGroupExtractor().process([message])
    assert message.get(INTENT)["name"] == "ask_eligibility"


def test_a_group_stated_with_a_follow_up_word_but_no_question_stays_the_group() -> None:
    message = _ranked(
        "I stay at home with my kids and their childcare",
        ("inform_target_group", 0.6),
        ("ask_childcare", 0.3),
    )
    [message] = TargetGroupExtractor().process([message])
    assert message.get(INTENT)["name"] == "inform_target_group"
