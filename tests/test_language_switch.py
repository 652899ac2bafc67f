"""A language named inside a question is not a switch; the language of a message is kept.

The classifier sometimes takes a question that names a language ("where can I learn
Finnish?") for a switch request; the language detector then takes the next intent.
"""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.languages import (
    asks_for_a_language,
    detect_language,
    explicit_switch_request,
    is_translation_task,
    switch_request_after_thanks,
)
from bot.nlu.components import LanguageDetector

# Questions about a service that name a language: not switches, in all six languages.
NOT_SWITCHES = {
    "fi": "Missä voin opiskella suomea, jos olen kotona lapsen kanssa?",
    "sv": "Var kan jag lära mig finska om jag är hemma med mitt barn?",
    "en": "Where can my wife learn Finnish while she stays home with the baby?",
    "ar": "وين بقدر أتعلم اللغة الفنلندية إذا أنا قاعدة بالبيت مع ابني؟",
    "ru": "Где можно учить финский язык, если я сижу дома с ребёнком?",
    "uk": "Де можна вивчати фінську мову, якщо я вдома з дитиною?",
}
# Requests to use a language, long and short.
SWITCHES = {
    "fi": ["voisitko vastata englanniksi", "en ymmärrä suomea, puhu englantia", "ruotsiksi"],
    "sv": ["kan du skriva på engelska istället", "jag förstår inte finska, svenska tack"],
    "en": ["i don't understand, can you write in ukrainian", "russian please"],
    "ar": ["ممكن تكمل معي بالسويدية لاني بفهمها احسن من الفنلندية؟", "بالعربي لو سمحت"],
    "ru": ["можешь отвечать мне на украинском?", "я не понимаю финский, давай на русском"],
    "uk": ["пишіть, будь ласка, українською", "не розумію фінською, можна англійською"],
}


@pytest.mark.parametrize("language", sorted(NOT_SWITCHES))
def test_a_question_that_names_a_language_does_not_ask_for_it(language: str) -> None:
    assert not asks_for_a_language(NOT_SWITCHES[language])


@pytest.mark.parametrize(
    "message", [m for messages in SWITCHES.values() for m in messages], ids=lambda m: m[:20]
)
def test_requests_to_use_a_language_are_switches(message: str) -> None:
    assert asks_for_a_language(message)


# Practising speaking a language: a service question, though it has a word like "speak".
PRACTISING = {
    "fi": "missä voin harjoitella puhumaan suomea muiden kanssa?",
    "sv": "var kan jag öva på att prata finska med andra?",
    "en": "where can I practise speaking Finnish with people?",
    "ar": "فين اقدر اتدرب اتكلم فنلندي مع حد؟",
    "ru": "где можно практиковаться говорить по-фински с людьми?",
    "uk": "де можна практикуватися розмовляти фінською з людьми?",
}


@pytest.mark.parametrize("language", sorted(PRACTISING))
def test_practising_to_speak_a_language_is_not_a_switch(language: str) -> None:
    assert not asks_for_a_language(PRACTISING[language])


@pytest.mark.parametrize("language", sorted(PRACTISING))
def test_practising_to_speak_a_language_is_no_request_to_the_assistant(language: str) -> None:
    assert explicit_switch_request(PRACTISING[language]) is None


@pytest.mark.parametrize(
    "message",
    ["voiko puhua suomea? haluan harjoitella", "давай по-фински, хочу попрактиковаться"],
)
def test_asking_for_a_language_to_practise_it_is_a_switch(message: str) -> None:
    assert asks_for_a_language(message)


def test_an_indirect_request_for_a_person_in_a_language_is_not_a_switch() -> None:
    assert not asks_for_a_language(
        "Чи може координатор з інтеграції мені зателефонувати? Можна українською?"
    )


def _classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    message = Message({TEXT: text})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    return message


def _language_entity(message: Message) -> dict | None:
    return next((e for e in message.get("entities", []) if e["entity"] == "language"), None)


@pytest.mark.parametrize("language", sorted(NOT_SWITCHES))
def test_the_detector_takes_the_next_intent_and_keeps_the_message_language(language: str) -> None:
    message = _classified(
        NOT_SWITCHES[language], [("choose_language", 0.6), ("ask_s2_with_childcare", 0.3)]
    )
    LanguageDetector().process([message])
    assert message.get(INTENT)["name"] == "ask_s2_with_childcare"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["ask_s2_with_childcare"]
    entity = _language_entity(message)
    assert entity is not None and entity["value"] == language and entity["method"] != "switch"


@pytest.mark.parametrize(
    "text",
    ["а мова навчання може бути англійська?", "är undervisningsspråket svenska eller finska?"],
)
def test_the_language_of_teaching_named_is_a_question_about_it(text: str) -> None:
    """Read as a switch, "мова навчання" (the language of teaching) says what is asked: not
    the next intent, far below the fallback's threshold."""
    message = _classified(text, [("choose_language", 0.74), ("ask_teaching_language", 0.1)])
    LanguageDetector().process([message])
    assert message.get(INTENT) == {"name": "ask_teaching_language", "confidence": 1.0}
    entity = _language_entity(message)
    assert entity is None or entity["method"] != "switch"


@pytest.mark.parametrize(
    "text",
    [
        "на сайті міста все фінською, чи можна його якось українською читати?",
        # "I don't understand", said of the site, in the language asked for
        "сайт міста тільки фінською, я нічого не розумію. можна його українською?",
    ],
)
def test_a_named_service_is_no_tie_with_a_switch_not_asked_for(text: str) -> None:
    message = _classified(
        text, [("ask_website_translation", 0.49), ("choose_language", 0.44), ("greet", 0.02)]
    )
    LanguageDetector().process([message])
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == [
        "ask_website_translation",
        "greet",
    ]


def test_a_named_service_and_a_switch_asked_for_stay_close() -> None:
    text = "переклад сайту є? і відповідай мені українською"
    ranking = [("ask_website_translation", 0.49), ("choose_language", 0.44)]
    message = _classified(text, ranking)
    LanguageDetector().process([message])
    assert message.get(INTENT)["name"] == "choose_language"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("sorry my finnish is weak, can we do it in english?", "en"),
        ("voisitko vastata englanniksi", "en"),
        ("kan du skriva på engelska istället", "en"),
        ("can you answer in russian", "ru"),
        ("ممكن نكمل بالانجليزية؟", "en"),
        ("переключи на финский", "fi"),
        ("можеш відповідати англійською?", "en"),
    ],
)
def test_a_real_switch_request_still_switches(text: str, language: str) -> None:
    message = _classified(text, [("choose_language", 0.9), ("greet", 0.05)])
    LanguageDetector().process([message])
    assert message.get(INTENT)["name"] == "choose_language"
    entity = _language_entity(message)
    assert entity is not None and (entity["value"], entity["method"]) == (language, "switch")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("zhena doma s rebenkom, ne rabotaet. gde ej uchit finskij?", "ru"),
        ("ya bezrabotnyj, v TE skazali uchit finskij. kak zapisatsya na kurs?", "ru"),
        ("druzhyna vdoma z dytynoyu, de vona mozhe vchyty finsku?", "uk"),
        ("ya bezrobitnyj, yak zapysatysya na kurs finskoyi?", "uk"),
        ("додай молоко до мого списку покупок", "uk"),
        ("добавь молоко в список покупок", "ru"),
    ],
)
def test_russian_and_ukrainian_in_latin_letters_and_short_commands(text: str, language: str):
    assert detect_language(text).language == language


@pytest.mark.parametrize(
    "text",
    ["de har en kurs i finska", "I need help with my kids", "mulla on kysymys kursseista"],
)
def test_latin_script_languages_are_not_taken_for_transliteration(text: str) -> None:
    assert detect_language(text).language in ("fi", "sv", "en")


# Translating a phrase is a task out of the domain, not a switch and not a service.
TRANSLATION_TASKS = [
    "käännä ruotsiksi kiitos paljon",
    "översätt god morgon till arabiska",
    'translate "see you tomorrow" into Finnish',
    "ترجملي شكرا كتير للفنلندي",
    "переведи «где вокзал» на финский",
    "переклади на фінську «добрий вечір»",
]


def test_what_the_service_translates_into_is_no_translation_task() -> None:
    # "thanks" here is the courtesy before the question, not a phrase to translate
    assert not is_translation_task("thanks, and can it translate into Somali?")


@pytest.mark.parametrize("message", TRANSLATION_TASKS)
def test_translating_a_phrase_is_declined_without_a_switch(message: str) -> None:
    assert is_translation_task(message)
    classified = _classified(message, [("choose_language", 0.6), ("greet", 0.3)])
    LanguageDetector().process([classified])
    assert classified.get(INTENT)["name"] == "out_of_scope"
    entity = _language_entity(classified)
    assert entity is None or entity["method"] != "switch"


@pytest.mark.parametrize(
    "message",
    [
        "can you translate the city website into Arabic?",
        "переведи сайт Кауниайнена на русский",
        "I can't read this letter, can you translate it?",
    ],
)
def test_translating_the_website_or_a_letter_is_not_a_phrase_to_translate(message: str) -> None:
    assert not is_translation_task(message)


@pytest.mark.parametrize(
    "text",
    ["i eto vse besplatno?", "spasibo, teper vse ponyatno", "a skolko on dlitsya po vremeni?"],
)
def test_short_latin_script_russian_is_russian(text: str) -> None:
    assert detect_language(text).language == "ru"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("давай дальше переписываться на финском, хочу потренироваться", "fi"),
        ("Oon asunu Ruotsissa kymmenen vuotta. Voiks me jutella ruotsiks?", "sv"),
        # going on oneself in a language
        ("tack för hjälpen, vi fortsätter på engelska nu", "en"),
        ("ok I'll continue in Swedish then", "sv"),
        ("перейдімо на російську, будь ласка", "ru"),  # let's switch
    ],
)
def test_asking_to_go_on_writing_in_a_language_is_a_switch(text: str, language: str) -> None:
    assert explicit_switch_request(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "voiks siellä puhua ruotsiks?",
        "voiks siellä jutella ruotsiks?",
        "jag skriver på svenska på kursen, räcker det?",  # writing there, not to the assistant
    ],
)
def test_speaking_a_language_there_is_no_switch(text: str) -> None:
    assert explicit_switch_request(text) is None


@pytest.mark.parametrize(
    ("message", "language"),
    [("дякую, а можна далі українською?", "uk"), ("thanks, in English please", "en")],
)
def test_a_switch_asked_after_a_thanks_is_a_switch(message: str, language: str) -> None:
    assert switch_request_after_thanks(message) == language
    text = Message(data={TEXT: message})
    text.set(INTENT, {"name": "thank", "confidence": 1.0})
    text.set(INTENT_RANKING_KEY, [{"name": "thank", "confidence": 1.0}])
    [text] = LanguageDetector().process([text])
    assert text.get(INTENT)["name"] == "choose_language"


@pytest.mark.parametrize("message", ["kiitos, missä se on?", "ok, onko se suomeksi?"])
def test_a_question_after_a_thanks_is_no_switch(message: str) -> None:
    assert switch_request_after_thanks(message) is None
