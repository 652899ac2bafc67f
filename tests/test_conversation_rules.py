"""The rules after the classifier (bot/nlu/rules.py) that read what a message says in so many
words: a request for a person (bot/person_requests.py), a detail asked (`asked_topic` in
bot/detail_questions.py), a greeting before a story, thanks and yes together, Finnish named."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY

from bot.detail_questions import followup_topic
from bot.nlu.rules import (
    BareGreetingRule,
    ChildrensActivitiesRule,
    CourtesyTieRule,
    DetailQuestionRule,
    EligibilityQuestionRule,
    FinnishCourseRule,
    HelpRequestRule,
    LanguageChoiceRule,
    NamedServiceRule,
    OpeningGreetingRule,
    OwnCourseRule,
    PersonRequestRule,
    TaughtLanguageRule,
)
from bot.person_requests import asks_for_a_person
from tests.nlu_messages import ranked as _ranked


@pytest.mark.parametrize(
    "text",
    [
        "voisitko joku soittaa mulle huomenna?",
        "haluun puhua oikean ihmisen kanssa",
        "kan nån ringa upp mig senare?",
        "is there a real person here? this is too hard",
        "I need help filling in the Kela form",
        "ممكن حدا يتصل فيني بكرا؟",
        "بدي مساعدة بتعبئة الاستمارة",
        "пусть кто-нибудь мне перезвонит",
        "помогите заполнить заявление",
        "хтось може мені зателефонувати?",
        "потрібна допомога заповнити анкету",
        "Мне бы кто-нибудь помог разобраться с бумагами",
        "Мені треба, щоб хтось допоміг заповнити анкету",
        "tarviin apua näiden papereiden kanssa",
        "kan någon hjälpa mig med blanketterna?",
        "can someone help me with the paperwork",
        "ممكن حدا يساعدني بالاوراق",
        "voitteko laittaa mulle sähköpostia?",
        "kan ni mejla mig istället?",
        "could you email me the details instead",
        "ابعتلي ايميل احسن",
        "лучше напишите мне на почту",
        "напишіть мені краще на пошту",
        "could someone meet me and go through it all?",
        "kan någon träffa mig och förklara?",
        "можно, чтобы со мной кто-нибудь встретился и всё объяснил?",
        "чи може хтось зустрітися зі мною особисто?",
        "kan jag få sitta ner med en handläggare en gång?",
        "في حد يقعد معايا نعبي الورق؟",
        "بدي حدا يعبيلي الاستمارة لاني ما بفهمها",
        "ممكن واحد منكم يدقلي تلفون بكرة؟",  # Levantine: someone to call me
        "في زول ممكن اتكلم معاهو بالتلفون؟",  # Sudanese: someone on the phone
        "ممكن حدا يرن علينا بكرة الصبح؟",  # to call us
        "хочу, чтобы мне кто-нибудь помог разобраться",  # someone to help me
        "можна, щоб мені хтось допоміг з цим?",
        "onko siellä ketään elävää ihmistä jolle vois puhua",  # the partitive, as spoken
        "finns det nån människa där jag kan fråga?",
        "any humans around? the bot doesn't get me",
        "ممكن حدا يساعدني بتعباية الورقة؟",  # Levantine "تعباية", filling in
        "är du en bot? jag vill prata med en människa",  # a question about the bot, then one
        "чи можна з людиною поговорити по телефону?",
        "хочу поговорити з кимось по телефону",
        "ممكن حدا يبعتلي رسالة يشرحلي؟",  # someone to send me a message
        "في حدا يساعدني عبي الطلب؟",  # Levantine "عبي", fill in
        "нужен человек, который поможет с документами",  # "поможет": the future
        # Sudanese "زول" (someone) to sit with me; the coordinator (she) to send an e-mail
        "عندي ورقة لازم املاها، في زول يقعد معاي ويشرحها لي؟",
        "فيك تخلي المنسقة تبعتلي ايميل؟",
        # someone to sit down with me over the papers
        "а я сама не впораюсь. хто б міг зі мною сісти і пройтись по них?",
        "кто бы мог посидеть со мной над этими бумагами?",
    ],
)
def test_indirect_requests_for_a_person_are_found(text: str) -> None:
    assert asks_for_a_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "call my brother",
        "ring min syster",
        "are you a real person or a bot?",
        "oletko oikea ihminen?",
        "ти бот чи жива людина?",
        "I don't want anyone to call me",
        "не надо мне звонить, просто напишите",
        "تكلمني بالانجليزي احسن",
        "where is the Finnish course?",
        "I need help with my CV",
        "write me a poem",
        "напиши мне стих",
        "who can help me find a job?",
        "какие документы нужны для курса?",
        "is there a place where I can meet other parents?",
        "finns det någon grupp där jag kan träffa andra mammor?",
        "في حد يقعد مع الولاد وانا بالدرس؟",
        "ابني بيقعد معي بالبيت",
        # A business's papers ask for the business advice.
        "مرتي بدها تفتح صالون، مين بيساعدها بالاوراق والتأسيس؟",
        "who can help me with the papers to start a company?",
        "tarvitsen apua yrityksen perustamisen papereiden kanssa",
        "кто поможет с документами, чтобы открыть своё дело?",
        "بدي افتح دكان صغير، مين بيساعدني بالاوراق؟",  # a shop to open
        "I want to open a small barbershop here. I know nothing of the papers. Who can help?",
        "I want speak with real people in finnish. Is there some group for this?",
        # someone to speak Finnish with: the conversation groups
        "ما في حدا بالبيت احكي معه فنلندي، في مجموعة؟",
        "انا ما بعرف احكي مع حدا هون، بدي اتعلم فنلندي",  # can't talk with anyone
        "i want to practise speaking finnish with real people",
        "är du en människa?",
        "what about human rights here?",
    ],
)
def test_other_messages_are_no_request_for_a_person(text: str) -> None:
    assert not asks_for_a_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm registered as a job seeker. I found an online Finnish course at a university, can"
        " that count as my integration training?",
        "Я безработный, нашел сам курс финского. Его могут засчитать вместо котоутумискоулутуса?",
        "löysin itse suomen kurssin, voiko sen hyväksyä kotoutumissuunnitelmaan?",
        "jag har hittat en kurs själv, kan den godkännas?",
        "я знайшла курс сама, чи можуть його зарахувати?",
        "وجدت دورة لغة في مدرسة خاصة، هل يمكن أن تُحتسب ضمن خطة الاندماج؟",
        "нашёл вечерний курс финского сам, пойдёт ли он как интеграционное обучение?",
        "сама нашла курс финского по вечерам, хочу ходить туда, а не туда куда пошлют",
        "I found an evening course, could it go as my integration training?",
        "jag har hittat en distanskurs i finska på egen hand, räknas den?",  # a compound
        "ja hitta själv en kvällskurs, kan den godkännas?",  # Finland-Swedish past tense
        "لكيت دورة فنلندي مسائية، يكدرون يحسبوها بدل الكورس مال مكتب العمل؟",  # Iraqi: found
        "löysin ite ammattikoulun suomenkielisen linjan, voiks sen laskea kotoutumiskoulutukseks?",
    ],
)
def test_a_course_of_ones_own_asked_to_count_is_the_self_motivated_study(text: str) -> None:
    message = _ranked(text, ("ask_integration_training", 0.9), ("ask_integration_plan", 0.05))
    [message] = OwnCourseRule().process([message])
    assert message.get(INTENT)["name"] == "ask_self_motivated_study"


def test_a_course_of_ones_own_read_so_unsurely_is_made_certain() -> None:
    # Unsure, a story is read again by its question alone, which names only the course it
    # would replace ("могут засчитать вместо коту-курса?": the integration training).
    message = _ranked(
        "я сама нашла онлайн курс. могут его засчитать вместо коту-курса?",
        ("ask_self_motivated_study", 0.55),
        ("ask_integration_training", 0.4),
    )
    [message] = OwnCourseRule().process([message])
    assert message.get(INTENT) == {"name": "ask_self_motivated_study", "confidence": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "where can I find a Finnish course?",
        "I chose the Finnish course, when does it start?",
        "löysin kurssin, milloin se alkaa?",
    ],
)
def test_other_course_questions_keep_their_reading(text: str) -> None:
    message = _ranked(text, ("ask_integration_training", 0.9), ("ask_schedule", 0.05))
    [message] = OwnCourseRule().process([message])
    assert message.get(INTENT)["name"] == "ask_integration_training"


def test_a_request_for_a_person_read_as_a_follow_up_starts_the_handoff() -> None:
    message = _ranked(
        "voisko joku soittaa mulle ja selittää", ("ask_more", 0.62), ("request_human", 0.3)
    )
    [message] = PersonRequestRule().process([message])
    assert message.get(INTENT) == {"name": "request_human", "confidence": 1.0}


def test_childcare_asked_of_the_service_in_context_is_no_question_about_the_s2_classes() -> None:
    # "childcare" is also a synonym of the S2 classes with childcare
    message = _ranked(
        "onks siellä sit lastenhoito järjestetty?",
        ("ask_childcare", 0.8),
        ("ask_s2_with_childcare", 0.15),
    )
    [message] = NamedServiceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_childcare"


def test_childcare_read_as_the_s2_classes_by_the_word_asks_the_childcare() -> None:
    message = _ranked(
        "and how does the childcare work there?",
        ("ask_s2_with_childcare", 0.6),
        ("ask_childcare", 0.3),
    )
    [message] = NamedServiceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_childcare"


def test_finnish_classes_with_childcare_are_the_s2_classes() -> None:
    message = _ranked(
        "finnish lessons for mums with childcare?",
        ("ask_s2_with_childcare", 0.6),
        ("ask_childcare", 0.3),
    )
    [message] = NamedServiceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_s2_with_childcare"


def test_the_s2_classes_named_with_childcare_are_the_service() -> None:
    message = _ranked(
        "is the Finnish course with childcare free?",
        ("ask_cost", 0.5),
        ("ask_s2_with_childcare", 0.4),
    )
    [message] = NamedServiceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_s2_with_childcare"


def test_a_follow_up_asking_how_long_in_words_of_price_asks_how_long() -> None:
    message = _ranked("قديش بياخد وقت الكورس؟", ("ask_cost", 0.7), ("ask_schedule", 0.2))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_schedule"


def test_an_unsure_message_asking_a_detail_in_so_many_words_asks_it() -> None:
    message = _ranked(
        "onko se auki lauantaisin", ("ask_family_services", 0.2), ("ask_location", 0.15)
    )
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_schedule"


def test_a_message_the_fallback_would_decline_may_say_more_around_its_detail() -> None:
    message = _ranked(
        "och måste man punga ut nåt för själva kursen alls",
        ("ask_perhesoppa", 0.2),
        ("ask_referral", 0.1),
    )
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_cost"


def test_a_longer_unsure_message_naming_a_language_is_no_question_of_teaching() -> None:
    message = _ranked(
        "måste jag betala skatt i Polen för pengarna jag tjänar här nu",
        ("ask_perhesoppa", 0.2),
        ("ask_teaching_language", 0.1),
    )
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_perhesoppa"


def test_an_unsure_message_the_classifier_thought_out_of_scope_is_left_alone() -> None:
    message = _ranked(
        "what time is it", ("greet", 0.25), ("out_of_scope", 0.2), ("ask_schedule", 0.1)
    )
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "greet"


@pytest.mark.parametrize(
    ("text", "guess", "asked"),
    [
        ("ومتى مواعيدهم عادة؟", "ask_koski_competence_centre", "ask_schedule"),
        (
            "بتقدر تروح حتى لو ما معها شغل ولا مسجله بأي مكتب؟",
            "ask_guidance_counselling",
            "ask_eligibility",
        ),
        ("mitä se maksaa meille kahdelle?", "ask_perhesoppa", "ask_cost"),
    ],
)
def test_a_service_guessed_unsure_gives_way_to_the_follow_up_asked_and_ranked(
    text: str, guess: str, asked: str
) -> None:
    message = _ranked(text, (guess, 0.35), ("out_of_scope", 0.1), (asked, 0.08))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == asked


def test_a_follow_up_asked_but_not_ranked_keeps_the_service_guessed() -> None:
    message = _ranked("ومتى مواعيدهم عادة؟", ("ask_koski_competence_centre", 0.35), ("thank", 0.1))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_koski_competence_centre"


def test_a_bare_detail_question_gives_way_to_the_detail_ranked_second() -> None:
    """The question "وين مكان الدورة؟" (where is the course's place?) read a little over
    half as a service by a word of it: in three words, the detail ranked second is asked."""
    message = _ranked("وين مكان الدورة؟", ("ask_self_motivated_study", 0.55), ("ask_location", 0.3))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_location"


def test_a_longer_question_or_a_detail_ranked_third_keeps_the_service_guessed() -> None:
    longer = _ranked("mitä se maksaa meille kahdelle?", ("ask_perhesoppa", 0.55), ("ask_cost", 0.3))
    third = _ranked(
        "وين مكان الدورة؟",
        ("ask_self_motivated_study", 0.55),
        ("ask_talent_espoo", 0.2),
        ("ask_location", 0.1),
    )
    for message, guess in ((longer, "ask_perhesoppa"), (third, "ask_self_motivated_study")):
        [message] = DetailQuestionRule().process([message])
        assert message.get(INTENT)["name"] == guess


def test_a_service_guessed_surely_keeps_it_though_a_follow_up_is_ranked() -> None:
    message = _ranked("mitä se maksaa meille kahdelle?", ("ask_perhesoppa", 0.6), ("ask_cost", 0.3))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_perhesoppa"


def test_an_unsure_service_question_naming_the_service_keeps_it() -> None:
    message = _ranked(
        "onko Perhesoppa auki lauantaisin", ("ask_perhesoppa", 0.2), ("ask_schedule", 0.1)
    )
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT) == {"name": "ask_perhesoppa", "confidence": 0.2}


def test_a_follow_up_without_detail_words_keeps_the_classifiers_intent() -> None:
    message = _ranked("is it ok for me?", ("ask_eligibility", 0.7), ("ask_cost", 0.2))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_eligibility"


@pytest.mark.parametrize(
    "text",
    [
        "ты живой человек или программа?",
        "тут со мной человек общается или программа?",  # "человек … или программа"
    ],
)
def test_asking_whether_the_assistant_is_a_person_is_no_request_for_one(text: str) -> None:
    message = _ranked(text, ("request_human", 0.6), ("out_of_scope", 0.3))
    [message] = PersonRequestRule().process([message])
    assert message.get(INTENT)["name"] == "out_of_scope"


def test_a_request_for_a_person_the_classifier_was_unsure_of_is_made_certain() -> None:
    message = _ranked(
        "Voisko joku soittaa mulle? en osaa täyttää tätä lomaketta",
        ("request_human", 0.47),
        ("cancel", 0.45),
    )
    [message] = PersonRequestRule().process([message])
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0] == {"name": "request_human", "confidence": 1.0}
    assert ranking[1]["confidence"] < 0.9  # no rival within the fallback's margin


def test_a_greeting_that_opens_a_longer_message_gives_way_to_what_follows() -> None:
    message = _ranked(
        "Hej! Jag är arbetslös och inskriven på TE-byrån. Hur kommer jag in på en kurs i finska?",
        ("greet", 0.95),
        ("ask_integration_training", 0.03),
    )
    [message] = OpeningGreetingRule().process([message])
    assert message.get(INTENT)["name"] == "ask_integration_training"


def test_a_greeting_alone_stays_a_greeting() -> None:
    message = _ranked("hei, mitä kuuluu?", ("greet", 0.9), ("help", 0.05))
    [message] = OpeningGreetingRule().process([message])
    assert message.get(INTENT)["name"] == "greet"


@pytest.mark.parametrize("text", ["hiii", "moii", "hii 👋", "хаюшки"])
def test_a_greeting_alone_is_a_greeting_however_unsure_the_classifier(text: str) -> None:
    message = _ranked(text, ("greet", 0.29), ("out_of_scope", 0.25), ("goodbye", 0.12))
    [message] = BareGreetingRule().process([message])
    assert message.get(INTENT) == {"name": "greet", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("no moroo", "deny"),
        ("slm 3likom", "out_of_scope"),
        ("хаюшки 👋", "nlu_fallback"),
        ("добрый день!", "ask_schedule"),
        ("God dag", "ask_more"),
        ("صباح الخير", "out_of_scope"),
        ("hyvää päivää", "nlu_fallback"),
        ("helloo!", "out_of_scope"),
        ("прівєт!!", "nlu_fallback"),  # the Russian word in Ukrainian letters
        ("privetik!", "nlu_fallback"),  # Russian in Latin letters, the diminutive
        ("good evening to you all!", "out_of_scope"),  # said to whom
        ("hello there", "nlu_fallback"),
        ("godmorron!", "out_of_scope"),  # Swedish good morning, said in one word
        ("goomorron goomorron", "out_of_scope"),
        ("gud mornin all", "out_of_scope"),  # typed as spoken
    ],
)
def test_greeting_words_alone_are_a_greeting_whatever_the_classifier_read(text, guess) -> None:
    message = _ranked(text, (guess, 0.6), ("greet", 0.2))
    [message] = BareGreetingRule().process([message])
    assert message.get(INTENT) == {"name": "greet", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("moi moi", "goodbye"),  # also a goodbye
        ("hei, kiitos", "thank"),
        ("good", "affirm"),
        ("день", "out_of_scope"),
        ("привет, как дела с курсами?", "out_of_scope"),
        ("как дела у тебя?", "out_of_scope"),  # "how are you?" alone is small talk
    ],
)
def test_a_goodbye_or_more_than_a_hello_is_not_made_a_greeting(text, guess) -> None:
    message = _ranked(text, (guess, 0.6), ("greet", 0.2))
    [message] = BareGreetingRule().process([message])
    assert message.get(INTENT) == {"name": guess, "confidence": 0.6}


@pytest.mark.parametrize(
    "text", ["هاي، كيفك انت؟", "hej hej, hur mår du?", "Привіт! Як ти?", "marhaba, kifak?"]
)
def test_a_hello_with_how_are_you_is_a_greeting(text: str) -> None:
    message = _ranked(text, ("out_of_scope", 0.66), ("greet", 0.29))
    [message] = BareGreetingRule().process([message])
    assert message.get(INTENT) == {"name": "greet", "confidence": 1.0}


def test_a_longer_message_read_as_a_greeting_is_left_to_the_fallback() -> None:
    text = "hi there can you tell me a story"
    message = _ranked(text, ("greet", 0.29), ("out_of_scope", 0.25))
    [message] = BareGreetingRule().process([message])
    assert message.get(INTENT) == {"name": "greet", "confidence": 0.29}


@pytest.mark.parametrize("text", ["تمام ميرسي كتير", "ok merci", "ماشي متشكر جدا", "زين ممنون"])
def test_thanks_in_french_words_said_with_a_yes_are_thanks(text: str) -> None:
    message = _ranked(text, ("affirm", 0.5), ("thank", 0.45))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "thank"


def test_thanks_and_yes_close_together_are_no_tie() -> None:
    message = _ranked("تمام، شكرا يا باشا", ("thank", 0.51), ("affirm", 0.42))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT) == {"name": "thank", "confidence": 1.0}


def test_a_courtesy_close_to_a_question_is_still_left_to_the_fallback() -> None:
    message = _ranked("ok and the price?", ("affirm", 0.45), ("ask_cost", 0.4))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT) == {"name": "affirm", "confidence": 0.45}


@pytest.mark.parametrize("text", ["okej tack!", "хорошо, спасибо", "kiitos, selvä", "تمام، شكرا"])
def test_an_ok_that_says_thanks_is_the_thanks(text) -> None:
    [message] = CourtesyTieRule().process([_ranked(text, ("affirm", 0.9), ("thank", 0.06))])
    assert message.get(INTENT)["name"] == "thank"


@pytest.mark.parametrize("text", ["ok kiitos, hei hei", "tack, hej hej", "спасибо, пока-пока"])
@pytest.mark.parametrize("first", ["greet", "thank"])
def test_a_short_thanks_read_as_a_greeting_is_the_thanks(text, first) -> None:
    # "hei hei" says goodbye; without the rule greet, thanks and goodbye tie in the fallback.
    second = "thank" if first == "greet" else "greet"
    message = _ranked(text, (first, 0.39), (second, 0.36), ("goodbye", 0.25))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "thank"


def test_a_greeting_with_thanks_in_a_longer_message_is_left_to_the_other_rules() -> None:
    text = "hei, kiitos eilisestä, mulla olis vielä yks kysymys kurssista"
    message = _ranked(text, ("greet", 0.39), ("thank", 0.36), ("ask_more", 0.2))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "greet"


@pytest.mark.parametrize(
    "text", ["ja tack", "kyllä kiitos", "yes thanks", "да, спасибо", "نعم شكرا"]
)
def test_yes_please_stays_a_yes(text) -> None:
    # The answer to "may I send this to the coordinator?" (handoff_form's consent).
    [message] = CourtesyTieRule().process([_ranked(text, ("affirm", 0.9), ("thank", 0.06))])
    assert message.get(INTENT)["name"] == "affirm"


@pytest.mark.parametrize(
    ("text", "courtesy", "asked"),
    [
        ("okej. kostar det nåt att få hjälpen?", "affirm", "ask_cost"),
        ("нет, это я не вам. а где её получить?", "deny", "ask_location"),
        # an aside first: the message before was for someone else
        ("oops wrong chat. where do they give it out?", "ask_civic_orientation", "ask_location"),
        # after an aside the detail comes first, though a common word names a service
        (
            "ой, не туда написала. а за консультацию платить нужно?",
            "ask_guidance_counselling",
            "ask_cost",
        ),
        # the question typed without its mark after the ok
        ("joo selvä. paljonko se maksaa", "affirm", "ask_cost"),
        # no question mark: a word that asks after the ok
        ("okei mut mistä sitä korttia haetaan", "affirm", "ask_location"),
        # after an aside, as long as a question in context
        (
            "ой, то я не вам. а ці курси десь у Гельсінкі чи можна тут, поруч?",
            "ask_s2_with_childcare",
            "ask_location",
        ),
    ],
)
def test_a_question_after_an_ok_or_a_no_asks_its_detail(text, courtesy, asked) -> None:
    message = _ranked(text, (courtesy, 0.71), ("ask_cost", 0.07))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == asked


def test_a_longer_question_after_an_aside_pointing_back_at_nothing_keeps_its_service() -> None:
    # "wrong chat. tell me, where can I get advice on integration in person, is there an
    # office?": the guidance it names, not where the service in context is
    text = "ой, не туда написал. скажите, где можно лично получить консультацию, есть офис какой?"
    message = _ranked(text, ("ask_guidance_counselling", 0.6), ("ask_location", 0.3))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_guidance_counselling"


@pytest.mark.parametrize(
    ("text", "courtesy"),
    [("okej, det kostar alltså inget", "affirm"), ("нет, спасибо, а вы кто?", "deny")],
)
def test_an_ok_or_a_no_asking_no_detail_stays_what_it_is(text, courtesy) -> None:
    message = _ranked(text, (courtesy, 0.71), ("ask_cost", 0.07))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == courtesy


def test_can_i_take_it_in_another_language_asks_the_language_not_who_may_come() -> None:
    text = "onks opetus ihan suomeks vai voiko sen käydä englanniksi?"
    message = _ranked(text, ("ask_teaching_language", 0.5), ("ask_eligibility", 0.3))
    [message] = EligibilityQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_teaching_language"


@pytest.mark.parametrize(
    ("text", "guess", "asked"),
    [
        ("طب الواد هيبقى مع مين وانا في الدرس؟", "ask_cost", "ask_childcare"),
        ("с малышом туда можно прийти? ему 4 месяца", "ask_childcare", "ask_childcare"),
        ("وقديش مدة مسموح ادرس هيك؟", "ask_eligibility", "ask_schedule"),
        ("can my husband come with me too?", "ask_childcare", "ask_eligibility"),
        # a child looked after, with a little situation around it (more than 8 words)
        (
            "our son is 9 months, can he stay with me during class?",
            "ask_schedule",
            "ask_childcare",
        ),
        (
            "а малыша там могут взять на время урока, ему всего полгода?",
            "ask_eligibility",
            "ask_childcare",
        ),
        # who may come, with a child or not
        ("а туда и отцы могут ходить?", "ask_location", "ask_eligibility"),
        ("could we just go there, no paper?", "ask_signup", "ask_referral"),
        ("saaks sinne mennä vaikka en oo kotoutuja", "ask_cost", "ask_eligibility"),
        ("voiks sen pikkuisen ottaa mukaan", "ask_eligibility", "ask_childcare"),
        ("kuinka monesti niitä on", "ask_cost", "ask_schedule"),
        ("وقتيش بيبلش؟", "ask_location", "ask_schedule"),
        ("ska nån skicka mej eller?", "ask_signup", "ask_referral"),
        ("ولا احنا بس؟", "ask_cost", "ask_eligibility"),  # or only us?
        ("بقدر اجيب العيال؟", "ask_eligibility", "ask_childcare"),  # Gulf: the kids
        ("а с внуком можно прийти?", "ask_eligibility", "ask_childcare"),
        ("а дочь куда девать на это время?", "ask_location", "ask_childcare"),
        ("when will be the next one?", "ask_cost", "ask_schedule"),
        ("مين بيهتم بالبنت وقت الكورس؟", "ask_eligibility", "ask_childcare"),
        ("а с малым туда можно?", "ask_eligibility", "ask_childcare"),
        ("وهاد بياخد وقت؟", "ask_childcare", "ask_schedule"),
        ("how much weeks is it?", "ask_cost", "ask_schedule"),
        ("behöver man betala?", "ask_referral", "ask_cost"),
        ("do we have to pay?", "ask_referral", "ask_cost"),
        ("فين ممكن اخدها؟", "ask_signup", "ask_location"),
        ("а мне точно можно?", "ask_cost", "ask_eligibility"),
        (
            "а тато з дитиною теж може прийти чи там лише мами?",
            "ask_eligibility",
            "ask_eligibility",
        ),
        # the person's life at home is no child brought along
        (
            "I'm at home with my baby while my husband works, can I join?",
            "ask_eligibility",
            "ask_eligibility",
        ),
        ("я в декреті з малою, мене візьмуть?", "ask_eligibility", "ask_eligibility"),
    ],
)
def test_a_follow_up_asks_the_detail_it_names(text, guess, asked) -> None:
    [message] = DetailQuestionRule().process([_ranked(text, (guess, 0.6), ("ask_more", 0.1))])
    assert message.get(INTENT)["name"] == asked


def test_ambiguity_is_the_ambiguity_threshold_of_config_yml() -> None:
    import yaml

    from bot.nlu.ranking import AMBIGUITY
    from bot.paths import PROJECT_ROOT

    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    [fallback] = [c for c in pipeline if c["name"] == "FallbackClassifier"]
    assert fallback["ambiguity_threshold"] == AMBIGUITY


def test_learning_finnish_is_no_swedish_course() -> None:
    message = _ranked(
        "Работы пока нет, встала на учёт в TE-toimisto. Куда мне идти учить финский?",
        ("ask_integration_training", 0.43),
        ("ask_swedish_integration", 0.33),
        ("ask_job_search_help", 0.1),
    )
    [message] = TaughtLanguageRule().process([message])
    names = [r["name"] for r in message.get(INTENT_RANKING_KEY)]
    assert names == ["ask_integration_training", "ask_job_search_help"]


def test_learning_swedish_stays_the_swedish_course() -> None:
    message = _ranked(
        "jag vill lära mig svenska, inte finska", ("ask_swedish_integration", 0.5), ("x", 0.4)
    )
    [message] = TaughtLanguageRule().process([message])
    assert message.get(INTENT)["name"] == "ask_swedish_integration"


@pytest.mark.parametrize(
    "text",
    ["ya khochu uchit shvedskij, a ne finskij", "khochu vchyty shvedsku movu zamist finskoi"],
)
def test_swedish_named_in_latin_letters_stays_the_swedish_course(text: str) -> None:
    message = _ranked(text, ("ask_swedish_integration", 0.9), ("ask_integration_training", 0.05))
    [message] = TaughtLanguageRule().process([message])
    assert message.get(INTENT)["name"] == "ask_swedish_integration"


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # declined, or an unsure service, though a child is looked after while one is in class
        ("and our boy, who watches him when we're in the class?", (("out_of_scope", 0.25),)),
        ("وابني مين بيضل معه واحنا بالكورس؟", (("nlu_fallback", 0.3),)),
        ("kuka katsoo sitä vauvaa sillä aikaa kun mä oon kurssilla", (("out_of_scope", 0.22),)),
        ("где будет малыш, пока я на уроке?", (("ask_career_guidance", 0.35),)),
        ("ja mitä nuorimmalle tehdään sillä aikaa kun oon tunnilla?", (("ask_more", 0.4),)),
        # no one to leave her with ("нема на кого її лишити")
        (
            "а з малою що робити, поки я на уроці? нема на кого її лишити",
            (("ask_eligibility", 0.4),),
        ),
        # "where" ranked second asks where the child is, not where the course is
        (
            "and where is my little boy while we study in class?",
            (("ask_integration_plan", 0.28), ("ask_location", 0.13)),
        ),
    ],
)
def test_a_child_looked_after_meanwhile_asks_the_childcare_however_unsure(text, ranking) -> None:
    message = _ranked(text, *ranking, ("ask_family_services", 0.15))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_childcare"


def test_a_long_story_read_as_a_detail_asks_for_the_service_it_describes() -> None:
    text = (
        "Денег мало, муж сейчас без работы, у нас двое детей. Знакомая говорила про какую-то"
        " карту, с которой дешевле в бассейн и в музей. Что это за карта и где её оформить?"
    )
    message = _ranked(text, ("ask_location", 0.7), ("ask_kaikukortti", 0.25))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_kaikukortti"


def test_an_unsure_guess_of_a_person_gives_way_to_a_childs_hobby() -> None:
    text = "а дочку на танцы куда-нибудь можно записать? ей 7"
    message = _ranked(text, ("request_human", 0.26), ("ask_family_services", 0.1))
    [message] = ChildrensActivitiesRule().process([message])
    assert message.get(INTENT)["name"] == "ask_family_services"


@pytest.mark.parametrize(
    "text",
    [
        "so where on the website is that translating button?",
        "missä kohtaa sivua se käännösnappi on?",
        "а где на сайте кнопка перевода, не вижу",
        "وين الزر تبع الترجمة بالصفحة؟",
        "ووين الزر تبع الترجمة بالموقع؟ ما شفته",  # "and where", joined to its "and"
        "ووين مخبايين خيار الترجمة بصفحة البلدية؟",  # "بصفحة": on the page
        "mist sen kääntäjän löytää sivulta",  # spoken "mistä"
        "в якому місці на сторінці той переклад?",  # in which place
        # after an aside
        "oops wrong window sorry. where on the page do i find that translation thing",
    ],
)
def test_where_on_the_page_asks_where_the_website_translation_is(text: str) -> None:
    message = _ranked(text, ("ask_website_translation", 0.9), ("ask_location", 0.05))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_location"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("where on the page do I sign up for Kaikukortti?", "ask_kaikukortti"),
        # whose page, said: a first question for the service
        ("where on the city's site is the translate button?", "ask_website_translation"),
    ],
)
def test_where_on_the_page_of_another_service_or_the_city_keeps_its_reading(text, read) -> None:
    message = _ranked(text, (read, 0.9))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == read


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("nej strunta i det. vad kostar det då", "ask_cost"),
        ("ei mitään, anna olla. mikä on Kaikukortti", "ask_kaikukortti"),
        ("нет, забудь. а где это находится?", "ask_location"),
    ],
)
def test_a_question_after_forget_it_is_the_question(text: str, asked: str) -> None:
    message = _ranked(text, ("cancel", 0.8), ("deny", 0.1))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == asked


def test_a_no_and_thanks_stays_a_no() -> None:
    message = _ranked("no thanks. bye", ("deny", 0.8), ("thank", 0.1))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "deny"


def test_a_sure_service_with_a_child_in_it_stays() -> None:
    message = _ranked(
        "are there hobbies for my boy while I'm at work?", ("ask_family_services", 0.7)
    )
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_family_services"


def test_a_child_brought_along_is_no_question_of_who_may_come() -> None:
    message = _ranked("بقدر اجيب بنتي معي عالدرس؟", ("ask_childcare", 0.4), ("ask_cost", 0.2))
    [message] = EligibilityQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_childcare"


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        ("а пенсионеров туда вообще берут?", (("ask_cost", 0.84), ("ask_referral", 0.03))),
        ("я сейчас на больничном, мне так можно?", (("inform_target_group", 0.81),)),
        ("mina kotiaiti, ei tyo. saako mina tulla?", (("inform_target_group", 0.86),)),
        ("saako isätkin tulla vai onko se lähinnä äideille", (("out_of_scope", 0.5),)),
        ("انا مسلمه، مسموح اروح مع بنتي؟", (("nlu_fallback", 0.3),)),
        ("can my wife also come?", (("ask_signup", 0.5),)),
        ("who can get it?", (("ask_signup", 0.5),)),
        ("муж тоже хочет ходить, он по сменам работает, ему можно?", (("nlu_fallback", 0.3),)),
        ("а если я студентка, мне её дадут?", (("affirm", 0.4),)),
        ("طب جوزي ممكن ييجي معايا؟", (("ask_cost", 0.4),)),
        ("منو يقدر ياخذها؟", (("ask_signup", 0.4),)),
        ("vem kan få det?", (("ask_signup", 0.4),)),
        ("onko se vaan espoolaisille vai pääseekö kauniaisista", (("ask_referral", 0.4),)),
        ("хто може її отримати?", (("ask_location", 0.4),)),
        ("ومين بيحقله ياخدها؟", (("out_of_scope", 0.4),)),
        ("min bror jobbar inte heller, får han följa med?", (("ask_referral", 0.6),)),
        # a service guessed far below sure, and not named
        ("can my mum come even if she's retired?", (("ask_career_guidance", 0.18),)),
        # only some may; even if not registered
        ("а ходить туда могут только безработные?", (("inform_target_group", 1.0),)),
        ("лише пенсіонери можуть її отримати?", (("goodbye", 0.2),)),
        ("can only job seekers join it?", (("inform_target_group", 1.0),)),
        ("ممكن تسجل حتى لو ما عندها شغل؟", (("thank", 0.24),)),
        # one question of 14 words
        (
            "alright and does my husband have to be unemployed to be able to join?",
            (("ask_self_motivated_study", 0.2),),
        ),
        # the child is the person's life at home, not brought along
        (
            "я не безработная, сижу дома с ребёнком, мне это подходит?",
            (("inform_target_group", 1.0), ("ask_s2_with_childcare", 0.22)),
        ),
    ],
)
def test_can_i_come_asks_who_may_take_part(text, ranking) -> None:
    [message] = EligibilityQuestionRule().process([_ranked(text, *ranking)])
    assert message.get(INTENT) == {"name": "ask_eligibility", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # a service close behind is the question asked
        (
            "can I join a Finnish course if I am at home?",
            (("inform_target_group", 0.5), ("ask_s2_with_childcare", 0.4)),
        ),
        # a service named, however unsure
        ("can I come to Kaikukortti even if I work?", (("ask_kaikukortti", 0.2),)),
        # a small child named: childcare, the classifier's guess
        ("с малышом туда можно прийти? ему 4 месяца", (("ask_childcare", 0.6),)),
        # a place asked
        ("where can I go to learn Finnish?", (("ask_integration_training", 0.4),)),
        ("где можно пойти учить финский?", (("ask_integration_training", 0.4),)),
        # no "may I" in it
        ("я на пенсии", (("inform_target_group", 0.9),)),
        # another detail asked
        ("їй треба від когось направлення чи можна просто прийти?", (("ask_referral", 0.5),)),
        ("måste TE-byrån skicka mig dit eller kan jag gå själv?", (("ask_referral", 0.5),)),
        (
            "måste någon på TE-byrån skicka mig dit först eller kan jag gå dit direkt?",
            (("ask_referral", 0.9),),
        ),
        ("voiko sinne soittaa vai pitääkö mennä paikan päälle", (("ask_location", 0.5),)),
    ],
)
def test_other_questions_keep_the_classifiers_intent(text, ranking) -> None:
    [message] = EligibilityQuestionRule().process([_ranked(text, *ranking)])
    assert message.get(INTENT)["name"] == ranking[0][0]


@pytest.mark.parametrize(
    "text",
    [
        "does it have to be in Finnish or can it be Swedish?",
        "а учиться можно на русском или только финский/шведский?",
        "måste studierna vara på finska eller duger svenska också?",
        "onko se suomeksi vai ruotsiksi?",
    ],
)
def test_weighing_languages_asks_the_language_of_teaching(text) -> None:
    message = _ranked(text, ("ask_swedish_integration", 0.6), ("ask_teaching_language", 0.3))
    [message] = LanguageChoiceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_teaching_language"


@pytest.mark.parametrize(
    "text",
    [
        "Can I learn Swedish instead of Finnish?",
        "haluan opiskella ruotsia enkä suomea, onko kurssia?",
        "is there integration in Swedish?",
    ],
)
def test_choosing_swedish_stays_the_swedish_course(text) -> None:
    message = _ranked(text, ("ask_swedish_integration", 0.6), ("ask_teaching_language", 0.3))
    [message] = LanguageChoiceRule().process([message])
    assert message.get(INTENT)["name"] == "ask_swedish_integration"


def test_a_service_ranked_first_keeps_a_fresh_question_about_it() -> None:
    # Without context "kan jag gå i vuxengymnasiet och ändå få integrationsstöd" asks for the
    # service; after an answer about another one the action reads it (test_actions.py).
    text = "kan jag gå i vuxengymnasiet och ändå få integrationsstöd"
    message = _ranked(text, ("ask_self_motivated_study", 0.6), ("ask_eligibility", 0.3))
    [message] = EligibilityQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_self_motivated_study"


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("nej tack, inget mer. hej då", "ask_more"),
        ("ні, дякую, більше нічого", "ask_more"),
        ("ei muuta, kiitos", "ask_more"),
        ("no, that's all", "ask_more"),
        ("нет, больше ничего не надо", "ask_more"),
        ("لا، ما في شي تاني", "ask_more"),
        ("ні, вже все", "nlu_fallback"),
        ("glöm det", "nlu_fallback"),
        ("неа, все, питань більше нема", "ask_more"),  # no more questions
        ("ei mulla muuta kysyttävää", "nlu_fallback"),  # I have nothing more to ask
    ],
)
def test_nothing_more_is_a_no_though_it_says_more(text: str, guess: str) -> None:
    message = _ranked(text, (guess, 0.6), ("deny", 0.3))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "deny"


def test_all_this_followed_by_more_is_no_nothing_more() -> None:
    # "это все" (that's all) ends a message; "это все удовольствие" is all this pleasure
    message = _ranked("а почём это все удовольствие выйдет", ("ask_cost", 0.98))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "ask_cost"


@pytest.mark.parametrize(
    "text",
    [
        "ничего не понимаю",
        "nothing more to say about the course? where is it?",
    ],
)
def test_not_understanding_or_a_question_is_no_nothing_more(text: str) -> None:
    message = _ranked(text, ("ask_more", 0.6), ("deny", 0.3))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "ask_more"


@pytest.mark.parametrize(
    ("text", "guess"), [("forget it, cancel", "cancel"), ("ei muuta, hei hei", "goodbye")]
)
def test_nothing_more_read_as_another_ending_stays_that_ending(text: str, guess: str) -> None:
    message = _ranked(text, (guess, 0.6), ("deny", 0.3))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == guess


def test_a_no_and_a_cancel_too_close_to_tell_are_the_first_of_them() -> None:
    message = _ranked("nej, låt bli", ("cancel", 0.44), ("deny", 0.43))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "cancel"
    assert message.get(INTENT_RANKING_KEY)[1]["confidence"] < 1.0 - 0.1  # no tie left


def test_nothing_more_read_unsure_as_an_ending_is_that_ending() -> None:
    message = _ranked("не, поки все", ("deny", 0.27), ("goodbye", 0.23), ("affirm", 0.09))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT) == {"name": "deny", "confidence": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "hi, can u help",
        "hey bot, what can you do?",
        "moi, voitko auttaa?",
        "hej, kan du hjälpa mig?",
        "مرحبا، ممكن تساعدني؟",
        "Здравствуйте, можете мне помочь?",
        "привіт, чим можеш допомогти?",
        "привіт! а що ти взагалі вмієш?",
        "а что вы умеете?",
        "hello, what can you do for us exactly?",
        "hej, vad kan du egentligen göra för mig?",
        "vad är det du kan svara på?",
        "привіт, допоможеш?",  # will you help?
        "انت شو شغلتك، بإيش ممكن تفيدني؟",  # what is your job, what use are you to me?
        "hej! vad kan du egentligen hjälpa oss med?",
        "а шо ви вмієте?",
        "tjena, vad kan du hjälpa mej med då?",  # "mej" for "mig"
        "so what stuff are you able to help people with",
        "hmm what sort of stuff are u able to help with",  # a filler, "sort of"
        "hej, vad e du för en bot, vad kan du hjälpa till me egentligen?",  # spoken "me"
        "moi botti, mitä kaikkee sult voi kysyy",  # spoken Finnish
        "добрый вечер, а что тут можно спросить?",  # what may be asked here
        "hei, mitä täältä voi kysyä?",
        "hej, vad är det du kan hjälpa mig med?",  # "mig" between
        "va kan du göra egentligen",  # the spoken "va"
        "слушайте, с какими вопросами к вам можно обращаться?",  # which questions to bring
        "з якими питаннями до тебе можна звертатися?",
        "а что ты вообше умееш?",  # Latin-letter Russian read back: "вообше", "умееш"
        "а в чем вы можете мне помочь?",
        "ти в чому можеш допомогти?",
    ],
)
def test_a_greeting_and_help_with_nothing_said_of_what_asks_for_the_topics(text: str) -> None:
    message = _ranked(text, ("greet", 0.16), ("goodbye", 0.14), ("out_of_scope", 0.1))
    [message] = HelpRequestRule().process([message])
    assert message.get(INTENT) == {"name": "help", "confidence": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "can you help me fill in this form",
        "hi, can you help me find a Finnish course?",
        "помогите найти курс финского",
    ],
)
def test_help_with_something_named_keeps_the_classifiers_reading(text: str) -> None:
    message = _ranked(text, ("request_human", 0.5), ("help", 0.2))
    [message] = HelpRequestRule().process([message])
    assert message.get(INTENT)["name"] == "request_human"


def test_help_read_first_with_out_of_scope_close_behind_is_no_tie() -> None:
    message = _ranked(
        "hi! what kind of things can you help me with", ("help", 0.46), ("out_of_scope", 0.45)
    )
    [message] = HelpRequestRule().process([message])
    assert message.get(INTENT) == {"name": "help", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[1]["confidence"] < 1.0 - 0.1


def _with_group(message, group: str):
    """`message` with the target group TargetGroupExtractor found in it."""
    message.set("entities", [{"entity": "target_group", "value": group}], add_to_output=True)
    return message


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        (
            "I'm retired and bored at home, I'd like to chat in Finnish with locals. Anything?",
            "ask_career_guidance",
        ),
        (
            "Я на пенсии, хочется пообщаться по-фински хоть с кем-то. Есть где?",
            "ask_s2_with_childcare",
        ),
        ("متقاعد وتعلمت شوي فنلندي بس ما عندي حدا اسولف معه", "ask_s2_with_childcare"),
        ("Oon eläkkeellä ja haluisin jutella suomeksi ihmisten kanssa. Onko jotain?", "help"),
        # real people, said so
        ("Jag läser finska i en app men vill prata med riktiga människor. Finns nåt?", "help"),
        # read as asking for a person, who is not asked for
        ("Kan lite finska men vill prata med riktiga människor. Finns nån grupp?", "request_human"),
        # Ukrainian "по-фінськи"
        ("Я на пенсії, хочу хоч трохи поговорити з людьми по-фінськи. Є щось?", "ask_perhesoppa"),
    ],
)
def test_a_wish_to_speak_finnish_with_people_asks_for_the_conversation_groups(text, guess) -> None:
    message = _with_group(_ranked(text, (guess, 1.0)), "outside_labour_force")
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT)["name"] == "ask_finnish_conversation_groups"


def test_a_wish_to_learn_finnish_with_children_looked_after_asks_for_the_s2_classes() -> None:
    text = "haluisin oppia suomea, mut kuka hoitaa lapset sillä aikaa? onko jotain"
    message = _ranked(text, ("ask_integration_training", 0.9))
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT)["name"] == "ask_s2_with_childcare"


@pytest.mark.parametrize(
    "text",
    [
        "Vi kom i våras. Jag är hemma med lillen och kan ingen finska. Finns det något för mig?",
        "Я дома с дочкой, финский пока на нуле. Есть что-то для таких как я?",
        "Сижу дома с сыном, финский у меня на нуле. Есть что-то для нас?",  # "у меня" between
        # the language, which here is Finnish; "any options for me"
        "Я дома с малышкой, язык совсем не знаю. Есть для меня какие-то варианты?",
    ],
)
def test_knowing_no_finnish_and_asking_nothing_in_particular_asks_for_the_course(text) -> None:
    message = _with_group(_ranked(text, ("ask_family_services", 0.9)), "outside_labour_force")
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT)["name"] == "ask_s2_with_childcare"


def test_knowing_no_finnish_and_asking_something_in_particular_keeps_it() -> None:
    text = "Jag är hemma med barnen och kan ingen finska. Var delar man ut Kaikukortet?"
    message = _with_group(_ranked(text, ("ask_kaikukortti", 0.9)), "outside_labour_force")
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT)["name"] == "ask_kaikukortti"


def test_a_wish_to_speak_finnish_with_people_naming_another_service_keeps_it() -> None:
    text = "I'd like to chat in Finnish with locals, does the Kaikukortti help with that?"
    message = _ranked(text, ("ask_kaikukortti", 0.9))
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT)["name"] == "ask_kaikukortti"


@pytest.mark.parametrize(
    ("text", "group", "guess", "course"),
    [
        # a story around the wish: the shop read as out of scope, the husband's job as Koski
        (
            "Мы тут с весны, муж на стройке, я с дочкой дома. Хочу нормально выучить финский,"
            " в поликлинике ничего не понимаю. Что посоветуете?",
            "outside_labour_force",
            "out_of_scope",
            "ask_s2_with_childcare",
        ),
        (
            "Чоловік працює на заводі, а я вдома з малою. Хочу вивчити фінську. Що є для мене?",
            "outside_labour_force",
            "ask_koski_competence_centre",
            "ask_s2_with_childcare",
        ),
        # the TE office read as job-search help, the group alone as the answer to "which?"
        (
            "I'm unemployed and registered at TE, I need a Finnish course",
            "job_seeker",
            "ask_job_search_help",
            "ask_integration_training",
        ),
        (
            "olen työtön työnhakija, haluun oppia suomea",
            "job_seeker",
            "inform_target_group",
            "ask_integration_training",
        ),
        # the story's words for other services ("firma", "työkkäri") do not name them
        (
            "Meidän firma lopetti keväällä, nyt oon kirjoilla työkkärissä. Haluisin oppia"
            " suomea paremmin, mitä teen?",
            "job_seeker",
            "ask_omnia_competence_centre",
            "ask_integration_training",
        ),
        # improving it is learning it
        (
            "oon ilman töitä ja ilmoittautunut työkkäriin. Suomee osaan vähän ja haluisin parantaa"
            " sitä",
            "job_seeker",
            "ask_job_search_help",
            "ask_integration_training",
        ),
        (
            "I'm at home with our daughter. I really wanna learn finnish, what can I do?",
            "outside_labour_force",
            "inform_target_group",
            "ask_s2_with_childcare",
        ),
        # integration training is not for people outside the labour force: what is, instead
        (
            "jag är hemma med barnen och vill lära mig finska",
            "outside_labour_force",
            "ask_integration_training",
            "ask_s2_with_childcare",
        ),
    ],
)
def test_a_group_stated_with_a_wish_to_learn_finnish_asks_for_the_groups_course(
    text: str, group: str, guess: str, course: str
) -> None:
    message = _with_group(_ranked(text, (guess, 0.9), (course, 0.05)), group)
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT) == {"name": course, "confidence": 1.0}


def test_the_groups_course_read_unsurely_is_made_certain() -> None:
    # a story read by its parts below 0.6 (bot/story_reading.py) would lose it to the life told
    text = "Я безробітна, стою на обліку. Хочу нарешті вивчити фінську, куди йти?"
    message = _with_group(
        _ranked(text, ("ask_integration_training", 0.55), ("ask_job_search_help", 0.3)),
        "job_seeker",
    )
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT) == {"name": "ask_integration_training", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "group", "guess"),
    [
        # a Finnish-learning service that serves the group stays
        (
            "I'm at home and want to learn Finnish but I can't read",
            "outside_labour_force",
            "ask_literacy_training",
        ),
        (
            "olen työtön, haluun oppia suomea omatoimisesti",
            "job_seeker",
            "ask_self_motivated_study",
        ),
        # another service named, a person asked for, a follow-up
        (
            "I'm unemployed, I learn Finnish; what is the Kaikukortti?",
            "job_seeker",
            "ask_kaikukortti",
        ),
        (
            "I'm at home and want to learn Finnish, can someone call me?",
            "outside_labour_force",
            "request_human",
        ),
        (
            "I'm at home, can I learn Finnish there with my baby?",
            "outside_labour_force",
            "ask_childcare",
        ),
        # speaking it with people: the conversation groups, whatever the classifier read
        (
            "I am retired. I learn some words from an app but I want to speak with people in"
            " Finnish",
            "outside_labour_force",
            "ask_finnish_conversation_groups",
        ),
        # no wish to learn Finnish
        (
            "I'm at home with the kids, I'd like to learn Swedish",
            "outside_labour_force",
            "ask_swedish_integration",
        ),
    ],
)
def test_other_readings_stay(text: str, group: str, guess: str) -> None:
    message = _with_group(_ranked(text, (guess, 0.9), ("ask_integration_training", 0.05)), group)
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT)["name"] == guess


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("I want to learn Finnish, where?", "ask_self_motivated_study"),
        ("وين فيه كورسات فنلندي هون؟", "ask_finnish_conversation_groups"),
        ("jag skulle vilja plugga finska, var?", "ask_s2_with_childcare"),
    ],
)
def test_without_a_group_an_unsure_finnish_service_is_the_course(text: str, guess: str) -> None:
    message = _ranked(text, (guess, 0.4), ("ask_integration_training", 0.2))
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT) == {"name": "ask_integration_training", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # "where do I learn Finnish? I heard of some koto course": not the civic orientation
        ("и еще, где финский учить? слышала про какой то коту-курс", "ask_civic_orientation"),
        ("so what about finnish courses for me?", "ask_civic_orientation"),
        ("I want to learn Finnish, where?", "ask_guidance_counselling"),
    ],
)
def test_without_a_group_a_service_the_wish_does_not_name_is_the_course(text, guess) -> None:
    message = _ranked(text, (guess, 0.85), ("ask_integration_training", 0.03))
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT) == {"name": "ask_integration_training", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        # the classifier is sure of it
        ("I want to learn Finnish, where?", "ask_self_motivated_study", 0.7),
        # the message names the service
        ("haluan oppia suomea, missä TOISTO on?", "ask_finnish_conversation_groups", 0.4),
        # another service, named: "the Kaikukortti"
        ("I want to learn Finnish, can I use the Kaikukortti?", "ask_kaikukortti", 0.6),
        # how the country works: the civic orientation
        (
            "En osaa suomee vielä, mut haluisin ymmärtää miten täällä asiat toimii. Onks kurssia?",
            "ask_civic_orientation",
            0.9,
        ),
    ],
)
def test_without_a_group_other_readings_stay(text: str, guess: str, confidence: float) -> None:
    message = _ranked(text, (guess, confidence), ("ask_integration_training", 0.2))
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT)["name"] == guess


def test_the_groups_course_is_certain_when_the_classifier_was_unsure_of_one() -> None:
    # the fallback would have declined it: "I'm retired, is there a Finnish course for me?"
    message = _with_group(
        _ranked(
            "I'm retired now, is there a Finnish course for me?", ("ask_literacy_training", 0.28)
        ),
        "outside_labour_force",
    )
    [message] = FinnishCourseRule().process([message])
    assert message.get(INTENT) == {"name": "ask_s2_with_childcare", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # read as a no: "can I go there with her?", no service named nor guessed surely
        (
            "а я можу з нею разом туди ходити?",
            (("deny", 0.22), ("ask_s2_with_childcare", 0.16), ("ask_literacy_training", 0.16)),
        ),
        # "must one be unemployed for it?", read as when, a service far behind
        ("onko siihen pakko olla työtön?", (("ask_schedule", 0.22), ("ask_perhesoppa", 0.11))),
        # "she is not registered at the office, is it all right that she joins?"
        (
            "هي مش مسجلة عند مكتب العمل، عادي تدخل؟",
            (("ask_guidance_counselling", 0.13), ("ask_eligibility", 0.13)),
        ),
        # "will they receive us all right there?"
        (
            "بس احنا عيلة مسلمة ومحجبة، بيستقبلونا عادي هناك؟",
            (("ask_talent_espoo", 0.14), ("ask_perhesoppa", 0.14)),
        ),
    ],
)
def test_who_may_take_part_asked_unsurely_asks_it(
    text: str, ranking: tuple[tuple[str, float], ...]
) -> None:
    message = _ranked(text, *ranking)
    [message] = EligibilityQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_eligibility"


@pytest.mark.parametrize(
    ("text", "guess", "asked"),
    [
        # how often, not where ("проходят": they take place)
        ("ладно. а мероприятия у них часто проходят?", "ask_location", "ask_schedule"),
        # when the next time is
        ("när e nästa gång dom ordnar det", "ask_location", "ask_schedule"),
    ],
)
def test_a_detail_read_wrongly_is_the_one_its_words_ask(text: str, guess: str, asked: str) -> None:
    message = _ranked(text, (guess, 0.6), (asked, 0.2))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == asked


def test_a_longer_detail_question_read_unsurely_is_the_one_its_words_ask() -> None:
    # "and where will mum travel to, where are these lessons of theirs?" read as the price
    text = "а мама куда ездить будет, где эти уроки у них?"
    message = _ranked(text, ("ask_cost", 0.42), ("ask_location", 0.22))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_location"


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        # sure of the language asked, whatever "only" may say
        ("the guidance people, they speak english or only finnish?", "ask_teaching_language", 0.91),
        # an aside after the question
        ("ok and where is it held? sorry english is easier for me", "ask_location", 0.45),
        # a language named of oneself before the question
        ("okej, jag förstår lite svenska redan. var hålls kurserna?", "ask_location", 0.45),
        ("sorry my finnish is bad, how do I sign him up?", "ask_signup", 0.48),
    ],
)
def test_a_longer_detail_question_keeps_the_classifiers_detail(
    text: str, guess: str, confidence: float
) -> None:
    message = _ranked(text, (guess, confidence), ("ask_eligibility", 0.1))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == guess


def test_who_may_take_part_read_unsurely_with_services_close_behind_stays_unforced() -> None:
    # "I'm retired, which courses may I take?": the courses are asked
    text = "ya na pensii, kakie kursy mne mozhno"
    message = _ranked(text, ("ask_eligibility", 0.22), ("ask_integration_training", 0.12))
    [message] = EligibilityQuestionRule().process([message])
    assert message.get(INTENT) == {"name": "ask_eligibility", "confidence": 0.22}


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # the child's age told after the question
        (
            "å vad gör ja med lillan medan ja sitter på lektionen? hon e 2 år",
            (("ask_integration_plan", 0.44), ("ask_civic_orientation", 0.23)),
        ),
        # Egyptian: "does the kid stay with me, or does someone mind him?"
        (
            "والعيل بيفضل معايا ولا في حد بياخد باله منه؟",
            (("ask_eligibility", 0.2), ("ask_childcare", 0.15)),
        ),
    ],
)
def test_a_child_looked_after_asked_unsurely_asks_about_childcare(
    text: str, ranking: tuple[tuple[str, float], ...]
) -> None:
    message = _ranked(text, *ranking)
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_childcare"


def test_a_story_told_before_a_question_about_a_child_is_no_follow_up() -> None:
    # the question after a story of life at home: the service, not a detail in context
    text = (
        "я в декреті з малим, йому 8 місяців. чи є якісь заняття фінської, куди можна прийти"
        " з дитиною?"
    )
    message = _ranked(text, ("ask_s2_with_childcare", 0.45), ("ask_childcare", 0.2))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_s2_with_childcare"


@pytest.mark.parametrize("text", ["ок пока", "ok, bye", "okei heippa", "تمام، مع السلامة"])
def test_an_ok_that_only_says_goodbye_is_the_goodbye(text: str) -> None:
    message = _ranked(text, ("affirm", 0.5), ("goodbye", 0.3))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "goodbye"


def test_an_ok_with_not_yet_stays_a_yes() -> None:
    # "ок, пока нет": ok, not yet; "пока" is no goodbye here
    message = _ranked("ок, пока нет", ("affirm", 0.5), ("goodbye", 0.3))
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == "affirm"


@pytest.mark.parametrize(
    ("text", "ranking", "asked"),
    [
        # one sentence, read unsurely as where: every week or less often
        (
            "e det varje vecka dom ses eller mer sällan",
            (("ask_location", 0.41), ("ask_more", 0.36)),
            "ask_schedule",
        ),
        # "tell me more" for the word "mer": the words ask how often
        (
            "e dom där grupperna varje vecka eller mer sällan?",
            (("ask_more", 0.6), ("ask_finnish_conversation_groups", 0.2)),
            "ask_schedule",
        ),
        # no detail ranked, but asked in so many words: they nearby during the lesson
        (
            "kan dom vara i samma hus medan ja sitter på lektionen?",
            (("ask_civic_orientation", 0.12), ("ask_s2_with_childcare", 0.1)),
            "ask_childcare",
        ),
        # the little one with me
        (
            "kan lillen vara me mej på lektionen eller?",
            (("request_human", 0.34), ("ask_cost", 0.07)),
            "ask_childcare",
        ),
    ],
)
def test_a_detail_its_words_ask_is_taken_over_an_unsure_or_vague_reading(
    text: str, ranking: tuple[tuple[str, float], ...], asked: str
) -> None:
    message = _ranked(text, *ranking)
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == asked


def test_a_husband_on_the_same_course_is_no_question_about_childcare() -> None:
    assert followup_topic("min man ocksa, får han va med på samma kurs?", 12) != "childcare"


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # thanks and praise, read out of scope as surely
        ("дякую вам, ви просто золото ❤️", (("out_of_scope", 0.5), ("thank", 0.49))),
        # thanks and a reason, a service close behind
        (
            "супер, дякую, бо я вже думала що мені нічого не світить",
            (("thank", 0.35), ("ask_service_needs_assessment", 0.29)),
        ),
        # thanks, "now I know a bit more": no "tell me more"
        ("tack, nu vet ja lite mer", (("ask_more", 0.53), ("thank", 0.46))),
    ],
)
def test_thanks_read_as_surely_as_another_reading_are_thanks(
    text: str, ranking: tuple[tuple[str, float], ...]
) -> None:
    # made certain: no tie left for the fallback
    message = _ranked(text, *ranking)
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT) == {"name": "thank", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # a question after the thanks
        ("kiitos! paljonko se maksaa?", (("ask_cost", 0.45), ("thank", 0.4))),
        # thanks far behind
        ("thanks but who won the match yesterday", (("out_of_scope", 0.8), ("thank", 0.15))),
    ],
)
def test_thanks_with_a_question_or_far_behind_are_no_thanks(
    text: str, ranking: tuple[tuple[str, float], ...]
) -> None:
    message = _ranked(text, *ranking)
    [message] = CourtesyTieRule().process([message])
    assert message.get(INTENT)["name"] == ranking[0][0]


@pytest.mark.parametrize(
    "text", ["чё ты умеешь вообще?", "va e du för en bot, vad kan du göra för mej"]
)
def test_colloquial_questions_of_what_the_assistant_does_ask_for_the_topics(text: str) -> None:
    message = _ranked(text, ("out_of_scope", 0.79), ("help", 0.2))
    [message] = HelpRequestRule().process([message])
    assert message.get(INTENT)["name"] == "help"


def test_where_to_get_it_with_the_object_before_the_verb_asks_where() -> None:
    text = "ja mistä mä sen saisin itselleni"
    message = _ranked(text, ("ask_self_motivated_study", 0.27), ("ask_location", 0.15))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_location"


def test_an_iraqi_can_my_wife_come_with_me_asks_who_may_take_part() -> None:
    text = "وزوجتي تكدر تجي ويايه؟"
    message = _ranked(text, ("ask_service_needs_assessment", 0.14), ("request_human", 0.11))
    [message] = EligibilityQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_eligibility"


def test_no_one_to_leave_the_child_with_asks_about_childcare_though_it_asks_who_may_come() -> None:
    text = "а чи можна прийти з онуком, йому два рочки, нема з ким лишити"
    message = _ranked(text, ("ask_s2_with_childcare", 0.49), ("ask_childcare", 0.24))
    [message] = DetailQuestionRule().process([message])
    assert message.get(INTENT)["name"] == "ask_childcare"
