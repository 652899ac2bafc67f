"""Language detection: what a newcomer notices is the language of the reply."""

from __future__ import annotations

import pytest

from bot.languages import (
    asks_about_a_language,
    detect_language,
    is_language_name,
    learns_without_naming_a_medium,
    names_a_medium,
    normalise_hint,
    requested_language,
    short_switch_request,
    typed_in_latin_letters,
    wants_to_learn_finnish,
)

FINNISH_NAMES = frozenset(
    {"kaikukortti", "testipiste", "omnia", "koto-espoo", "perhesoppa", "kotoutumiskoulutus"}
)


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("hei", "fi"),
        ("moi, missä mä saan alkukartoituksen", "fi"),
        ("hej, var kan jag lära mig svenska", "sv"),
        ("hello", "en"),
        ("where do I get the kaikukortti?", "en"),
        ("what is Testipiste and how do I get there", "en"),
        ("مرحبا", "ar"),
        ("أين أحصل على Kaikukortti؟", "ar"),
        ("привет", "ru"),
        ("где можно выучить финский язык", "ru"),
        ("привіт", "uk"),
        ("де можна вивчити фінську мову", "uk"),
        ("що таке Kaikukortti", "uk"),
        ("что такое Kaikukortti", "ru"),
        ("kotoutumiskoulutus как записаться", "ru"),
        ("ти тупий бот", "uk"),
        ("всього найкращого", "uk"),
        ("именно так", "ru"),
        ("I am a pensioner", "en"),
        ("missä on kotoutumiskoulutus", "fi"),
        # "mina" is Swedish "my" and dotless Finnish "minä"
        ("mina kotiaiti, ei tyo. saako mina tulla?", "fi"),
        ("kan mina barn komma med?", "sv"),
        ("vem leder tabellen i Veikkausliiga just nu", "sv"),
        # a Finnish word inside Swedish ("nån", "gör", "förresten" are Swedish)
        ("förresten, hur gör man ruisleipä", "sv"),
        ("godmorron!", "sv"),  # good morning, in one word
    ],
)
def test_detects_the_language_a_message_is_written_in(message, language):
    assert detect_language(message, service_terms=FINNISH_NAMES).language == language


@pytest.mark.parametrize(
    "message",
    ["ok", "👍👍", "Kaikukortti?", "Testipiste", "kotoutumiskoulutukseen?", "", "   ", "123"],
)
def test_too_little_to_tell_keeps_the_conversation_language(message):
    assert detect_language(message, service_terms=FINNISH_NAMES).language is None


def test_a_slang_russian_hello_is_russian():
    assert detect_language("привки").language == "ru"


def test_a_word_said_twice_with_a_hyphen_is_read_as_said_once():
    assert detect_language("ну здрасьте-здрасьте").language == "ru"
    assert detect_language("здрасьте-здрасьте").language == "ru"


def test_client_hint_is_used_only_when_the_text_does_not_tell():
    assert detect_language("ok", hint="uk").language == "uk"
    assert detect_language("where is the Finnish course", hint="uk").language == "en"


@pytest.mark.parametrize("message", ["hi :)", "hello", "Hey!", "ok"])
def test_a_greeting_typed_alike_in_every_language_takes_the_clients_language(message):
    assert detect_language(message, hint="ru").language == "ru"
    assert detect_language(message, hint="fi").language == "fi"


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("in English please", "en"),
        ("på svenska tack", "sv"),
        ("puhu suomea", "fi"),
        ("можно по-русски?", "ru"),
        ("українською, будь ласка", "uk"),
        ("بالعربية من فضلك", "ar"),
        ("не російською, а українською", "uk"),
        ("englanniksi kiitos", "en"),
    ],
)
def test_switch_requests_name_the_target_language(message, language):
    assert requested_language(message) == language


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("in Finnish please", "fi"),
        ("suomeksi kiitos", "fi"),
        ("по-русски пожалуйста", "ru"),
        ("українською, будь ласка", "uk"),
        ("بالعربي لو سمحت", "ar"),
        ("på svenska tack", "sv"),
        ("suomeks kiitos", "fi"),  # spoken Finnish drops the last letter
        ("enkuks", "en"),
        ("بالانقليزي", "en"),
    ],
)
def test_short_in_language_requests_are_switches(message, language):
    assert short_switch_request(message) == language


@pytest.mark.parametrize(
    "message",
    ["where can I study in Swedish?", "Finnish course", "is the course in English or not"],
)
def test_service_questions_naming_a_language_are_not_switches(message):
    assert short_switch_request(message) is None


def test_a_language_name_alone_is_a_switch():
    assert is_language_name("Svenska") == "sv"
    assert is_language_name("العربية") == "ar"
    assert is_language_name("Українська") == "uk"
    assert is_language_name("svenska kurs") is None


@pytest.mark.parametrize(
    ("raw", "code"), [("uk", "uk"), ("en-US", "en"), ("ar_SA", "ar"), ("de", None), (None, None)]
)
def test_client_language_codes_are_normalised(raw, code):
    assert normalise_hint(raw) == code


def test_control_and_bidi_override_characters_do_not_break_detection():
    assert detect_language("\u202eмне нужна помощь\u202c\x00").language == "ru"


# A short question about a language asks in which language the service is given.
LANGUAGE_QUESTIONS = {
    "fi": "onko se venäjäksi?",
    "sv": "är den på svenska?",
    "en": "is it in English?",
    "ar": "هل هي بالعربي؟",
    "ru": "это на русском?",
    "uk": "чи це українською?",
}
# A bare "in <language>" (with "please", or a question mark alone) stays a switch request.
BARE_SWITCHES = {
    "fi": ("venäjäksi?", "ru"),
    "sv": ("på svenska tack", "sv"),
    "en": ("in English please", "en"),
    "ar": ("بالعربي لو سمحت", "ar"),
    "ru": ("можно по-русски?", "ru"),
    "uk": ("українською", "uk"),
}


@pytest.mark.parametrize("language", list(LANGUAGE_QUESTIONS))
def test_a_short_question_about_a_language_is_not_a_switch(language):
    message = LANGUAGE_QUESTIONS[language]
    assert asks_about_a_language(message)
    assert short_switch_request(message) is None


@pytest.mark.parametrize("message", ["puhutaanks siellä enkkua", "meneekö se ruotsiksi"])
def test_a_colloquial_finnish_question_about_a_language_is_not_a_switch(message):
    # "enkku" is English in spoken Finnish; "-ks" asks as "-ko" does.
    assert asks_about_a_language(message)


@pytest.mark.parametrize(
    "message",
    ["pitääkö sen olla suomeks?", "måste det vara på finska?", "обязательно на финском?"],
)
def test_asking_what_a_service_requires_of_a_language_is_a_question_about_it(message):
    assert asks_about_a_language(message)


@pytest.mark.parametrize(
    "message",
    [
        "ja neuvonta myös venäjäksi",
        "hjälpen också på ryska",
        "اللقاءات كمان بالانجليزي",
    ],
)
def test_also_in_a_language_asks_which_languages_it_is_given_in(message):
    assert asks_about_a_language(message)


@pytest.mark.parametrize(
    "message", ["ок, а дальше на русском можно будет?", "можна далі зі мною російською?"]
)
def test_going_on_in_a_language_is_a_switch(message):
    assert not asks_about_a_language(message)


@pytest.mark.parametrize(
    ("message", "learns_only"),
    [
        ("where can I learn Finnish?", True),
        ("missä voin opiskella suomea?", True),
        ("käykö englanninkielinen kurssi?", False),  # the course is given in English
        ("finns det svenskspråkiga kurser?", False),
        ("есть русскоязычные курсы?", False),
        ("чи є україномовні заняття?", False),
        ("is there an English-language course?", False),
        ("onko suomen kielen kurssi ilmainen?", True),  # a Finnish course, not one in Finnish
    ],
)
def test_a_language_as_an_adjective_names_the_medium(message, learns_only):
    assert learns_without_naming_a_medium(message) is learns_only


@pytest.mark.parametrize("language", list(BARE_SWITCHES))
def test_a_bare_in_language_request_stays_a_switch(language):
    message, requested = BARE_SWITCHES[language]
    assert not asks_about_a_language(message)
    assert short_switch_request(message) == requested


def test_asking_to_speak_a_language_is_no_question_about_it():
    assert not asks_about_a_language("can you speak Russian?")
    assert not asks_about_a_language("هل تحكي عربي؟")


# Russian and Ukrainian typed in Latin letters, beyond the services: small talk, weather,
# commands to a device, short follow-ups. Finnish and Swedish must not be taken for them.
@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("prognoz pogody na zavtra", "ru"),
        ("vklyuchi muzyku pogromche", "ru"),
        ("kak tebya zovut", "ru"),
        ("kak dela", "ru"),
        ("mne skuchno, pogovori so mnoj", "ru"),
        ("skolko stoit kurs?", "ru"),
        ("mozhno s detmi?", "ru"),
        ("podrobnee", "ru"),
        ("a oni tam byli?", "ru"),
        ("ladno, spasibo bolshoe", "ru"),
        ("a skolko let dolzhno byt rebenku?", "ru"),
        ("ok, a eto voobshe po-russki vedut?", "ru"),
        ("a zanyattya tam po-ukrainsky bude vzagali?", "uk"),
        ("de vin prokhodyt?", "uk"),
        ("prohnoz pohody na zavtra", "uk"),
        ("vvimkny muzyku", "uk"),
        ("yak tebe zvaty", "uk"),
        ("yak spravy", "uk"),
        ("de tse?", "uk"),
        ("skilky koshtuye kurs", "uk"),
        ("ok, a skilky chasu tryvaie toi test?", "uk"),  # how long that test takes
        ("mozhna z ditmy?", "uk"),
        ("dokladnishe", "uk"),
        ("i v yaki dni vony zbyrayutsya?", "uk"),
        ("zroby svitlo v korydori yaskravishe", "uk"),
        ("piv roku bez roboty, na obliku v TE, yak shukaty robotu", "uk"),
        ("ty chelovek ili robot", "ru"),
        ("kto vyigral match", "ru"),
        ("ty liudyna chy robot?", "uk"),
        ("chy bude snih u subotu", "uk"),
        ("the match was good", "en"),
        ("de kan komma på tisdag", "sv"),
        ("jag vill gå en kurs i finska", "sv"),
        ("var ska jag bo", "sv"),
        ("det är en match i dag", "sv"),
        ("tack så mycket", "sv"),
        ("hur mycket kostar kursen", "sv"),
        ("paljonko kurssi maksaa", "fi"),
        ("mulla on kysymys kursseista", "fi"),
        ("where is the course", "en"),
        ("let me know where the course is", "en"),
    ],
)
def test_russian_and_ukrainian_in_latin_letters_are_told_from_finnish_and_swedish(
    message, language
):
    assert detect_language(message, service_terms=FINNISH_NAMES).language == language


# A request to switch that gives a reason names two languages: the one asked for is in the
# part that asks ("can you talk to me in English? I read Arabic slowly").
@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("ممكن تحكي معي بالإنجليزي؟ بقرأ عربي ببطء", "en"),
        ("بتقدر تكتبلي بالانجليزي لاني بقرأ العربي على مهل", "en"),
        ("جاوبني بالسويدي، الفنلندي لسا صعب علي", "sv"),
        ("можете говорить со мной по-английски? я медленно читаю по-русски", "en"),
        ("пиши по-украински, по-русски мне тяжело читать", "uk"),
        ("можете говорити зі мною англійською? українською читаю повільно", "en"),
        ("не розумію фінською, можна англійською", "en"),
        ("я не понимаю финский, давай на английском", "en"),
        ("не російською, а українською", "uk"),
        ("ما بفهم انجليزي، عربي لو سمحت", "ar"),
    ],
)
def test_the_language_asked_for_wins_over_one_named_as_a_reason(message, language):
    assert requested_language(message) == language
    assert not asks_about_a_language(message)


@pytest.mark.parametrize(
    "message",
    [
        "а можно на английском? мне так понятнее",
        "а можна англійською? мені так зрозуміліше",
        "فيك تحكيني انجليزي؟ قرايتي بالعربي بطيئة",
    ],
)
def test_a_bare_request_followed_by_a_reason_is_not_a_question_about_a_language(message):
    assert not asks_about_a_language(message)
    assert requested_language(message) == "en"


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("a kto tuda mozhet hodit?", "ru"),
        ("a kak ego poluchit?", "ru"),
        ("ya bezrobitna, de vchyty finsku?", "uk"),
        # a reflexive verb in the present tense, without the infinitive's soft sign
        ("a gde oni vstrechayutsya?", "ru"),
        ("a iak ioho znaity?", "uk"),  # "ia", "io" for я, йо
        ("kogda nachinajutsja zanjatija?", "ru"),
        ("kuinka kauan se kestää", None),
        ("how long does it take", None),
        ("а кто туда может ходить?", None),  # Cyrillic already
    ],
)
def test_russian_and_ukrainian_typed_in_latin_letters_are_told_without_a_model(message, language):
    import bot.languages

    bot.languages._latin_model.cache_clear()
    assert typed_in_latin_letters(message) == language
    assert bot.languages._latin_model.cache_info().currsize == 0, "no language model loaded"


@pytest.mark.parametrize(
    "message",
    [
        "salam 3alaikum",
        "marhaba, kifak?",
        "shu fi 3andkon kursat?",
        "ana bdi at3allam finlandi",
        "hiya b flous?",  # is it paid?
        "tab a3mel eh mnein?",  # the pieces of "a3mel" are no English "a"
        "byakhod sa3a eh?",  # how long does it take?
        "w el kors da makano fein?",  # and where is this course?
    ],
)
def test_arabic_typed_in_latin_letters_is_arabic(message):
    # Arabizi: digits for the sounds Latin lacks, and its frequent words.
    assert detect_language(message).language == "ar"


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("download the mp3 file", "en"),
        ("I have 3 kids and 2 jobs", "en"),
        ("Ana and I want to learn Finnish", "en"),
        ("Hei, missä on kurssi 3?", "fi"),
    ],
)
def test_a_digit_or_a_name_alone_makes_no_arabizi(message, language):
    assert detect_language(message).language == language


def test_hey_bot_on_an_arabic_page_is_answered_in_arabic():
    # "bot" is typed the same on a page in any language: the page's language decides.
    assert detect_language("hey bot", hint="ar").language == "ar"


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("доброго утречка", "ru"),  # "утречка": a Russian word, no Ukrainian one
        ("будьмо", "uk"),  # a Ukrainian word, no Russian one
    ],
)
def test_cyrillic_without_a_letter_of_its_own_is_told_by_the_dictionaries(
    message: str, language: str
) -> None:
    assert detect_language(message).language == language
    # the tokenizer's reading keeps to the letters and function words (bot/nlu/tokenizer.py)
    assert detect_language(message, reply=False).language is None


@pytest.mark.parametrize(
    "message",
    [
        "mä haluisin oppia suomea, mut en tiedä mistä aloittaa",
        "jag vill gärna lära mig finska. var börjar man?",
        "I really want to learn Finnish, where do I start?",
        "نفسي اتعلم اللغة الفنلندية بس ما بعرف كيف",
        "очень хочу выучить финский язык",
        "хочу нарешті вивчити фінську",
        "ya hochu uchit finskij yazyk",  # Latin letters, read in Cyrillic
        # Finnish named in the story, the wish to learn in the question
        "Фінську зовсім не розумію. Куди мені піти вчитися?",
        "My Finnish is close to zero. Where can I study?",
        "вечером хочу позаниматься финским, где можно?",  # "заниматься": to study
        "haluaisin opiskella suomen hyvin, mistä aloitan?",  # the genitive after learning
        "دايرة اتعلم اللغة الفنلندية",  # Sudanese "I want"
        # "the language", no language named: the country's
        "عايز اتعلم اللغة عشان اتكلم مع الجيران",
        "I really want to learn the language, where do I go?",
        # Swedish "skulle gärna", "vart"
        "ja skulle så gärna lära mej finska ordentligt",
        "vart ska ja vända mej för att lära mej finska?",
    ],
)
def test_a_wish_to_learn_finnish(message: str) -> None:
    assert wants_to_learn_finnish(message)


@pytest.mark.parametrize(
    "message",
    [
        "I learned Finnish at home already",  # no wish: a story
        "I want a course about Finnish society",  # about the country, not the language
        "хочу на курс про финское общество",
        "بدي دروس عن القيم الفنلندية بلغتي",  # the values, not the language
        "I want lessons on Finnish values and rights",
        "Onko kurssia Suomesta ja suomalaisesta elämästä?",
        "jag vill hellre lära mig svenska än finska",  # Swedish, not Finnish
        "можно учить шведский вместо финского?",
        "can I study Finnish in English?",  # asks the language it is taught in
        "where can I learn Swedish?",
        "I speak Finnish well, where could I study nursing?",  # another subject
        "I know Finnish and Arabic, where can I study?",  # which language is not said
        # the other official language, Swedish, named so
        "mun lapset on ruotsinkielisessä koulussa, haluun oppia sen toisen kotimaisen kielen",
        "I want to learn the second official language, where?",
    ],
)
def test_no_wish_to_learn_finnish(message: str) -> None:
    assert not wants_to_learn_finnish(message)


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("moi! var e kursen?", "sv"),
        ("moi, where is the office?", "en"),
        ("moi :)", "fi"),  # nothing else said
        ("moi, missä se on?", "fi"),
    ],
)
def test_moi_is_said_in_finland_in_every_language(message: str, language: str) -> None:
    assert detect_language(message).language == language


@pytest.mark.parametrize(("message", "language"), [("привеет", "ru"), ("дякуюю", "uk")])
def test_a_word_drawn_out_is_read_as_said_once(message: str, language: str) -> None:
    assert detect_language(message).language == language


@pytest.mark.parametrize(
    ("message", "language"),
    [("a chto v nem voobshche pishut?", "ru"), ("diakuju, buvaite", "uk")],
)
def test_thanks_and_everyday_words_in_latin_letters_tell_the_language(
    message: str, language: str
) -> None:
    assert typed_in_latin_letters(message) == language


def test_getting_into_a_finnish_course_is_learning_finnish_not_a_medium() -> None:
    story = (
        "now i am registered at TE-toimisto as unemployed, still no job. i speak dari and bit"
        " english but zero finnish. how i get in finnish course"
    )
    assert wants_to_learn_finnish(story)
    assert not names_a_medium("how i get in finnish course")
    assert names_a_medium("is the course in finnish")
