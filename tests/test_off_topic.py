"""Topics no integration service is about, named plainly (bot/off_topic.py), are declined by
`OffTopicRule` however the classifier read them; a child's hobby, TalentMatch, baking to sell
and a message naming a service are not. The sentences are our own."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.rules import OffTopicRule
from bot.off_topic import off_topic
from tests.nlu_messages import ranked


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("sataako huomenna Espoossa?", "weather"),
        ("blir det snö i helgen?", "weather"),
        ("what's the forecast for Saturday", "weather"),
        ("будет ли гололед завтра утром", "weather"),
        ("яка погода буде у вихідні?", "weather"),
        ("بتمطر بكرا؟", "weather"),
        ("anna resepti pullaan", "cooking"),
        ("hur bakar man kanelbullar?", "cooking"),
        ("give me a recipe for pancakes", "cooking"),
        ("как приготовить борщ", "cooking"),
        ("дай рецепт сирників", "cooking"),
        ("بدي وصفة كبسة", "cooking"),
        ("lisää maito ostoslistalle", "device"),
        ("släck lampan i köket", "device"),
        ("turn off the lights in the kitchen", "device"),
        ("выключи свет в коридоре", "device"),
        ("вимкни світло на кухні", "device"),
        ("طفي الضو بالمطبخ", "device"),
        ("kuka voitti ottelun eilen?", "sports"),
        ("who won the world cup", "sports"),
        ("кто выиграл матч вчера", "sports"),
        ("مين ربح المباراة امبارح", "sports"),
        ("miten saan verokortin?", "taxes"),
        ("когда придёт возврат налога", "taxes"),
        ("كيف أقدم الإقرار الضريبي؟", "taxes"),
        ("kerro vitsi", "joke"),
        ("расскажи анекдот", "joke"),
        ("how old are you?", "age"),
        ("скільки тобі років?", "age"),
        ("а тобі скільки рочків?", "age"),
        ("kan du nåt bra skämt om finnar", "joke"),
        ("hernekeiton ohje kiitos", "cooking"),
        ("kuinka kauan kananmunaa keitetään", "cooking"),
        ("hur gör man laxsoppa?", "cooking"),
        ("شو بحط بالفتوش؟", "cooking"),
        ("paljonko kello on", "clock"),
        ("vad är klockan nu", "clock"),
        ("tarviiko ulkomaisen yrityksen rekisteröityä alv-velvolliseksi Norjassa", "taxes"),
        ("how does a foreign company file its VAT return in Norway", "taxes"),
        ("paljonko perintöveroa menee Virossa", "taxes"),
        ("how do I fill in the W-8BEN for my broker", "taxes"),
        ("hur många grader varmt blir det i morgon", "weather"),
        ("как думаешь, когда начнётся весна?", "weather"),
        ("vem vann sommar-OS i fotboll", "sports"),
        ("хто виграв бій з боксу вчора?", "sports"),
        ("где смотреть трансляцию хоккея", "sports"),
        ("how long should a cake stay in the oven", "cooking"),
        ("в духовке сколько держать курицу?", "cooking"),
        ("let's chat about anything you like", "chat"),
        ("skolko tebe let?", "age"),
        ("write javascript that adds two numbers", "code"),
        ("tuuleeko huomenna paljon?", "weather"),
        ("kuka voitti hiihto-MM:n?", "sports"),
        ("vem vann fotbolls-VM", "sports"),
        ("коли буде бій за титул?", "sports"),
        ("what time is it now in New York", "clock"),
        ("i'm bored, chat with me", "chat"),
        ("как тебя зовут, бот?", "chat"),
        ("osaatko laulaa?", "chat"),
        ("ring min mamma", "device"),
        ("позвони маме", "device"),
        ("كم الضرايب على السيارة بالسعودية؟", "taxes"),
        ("blåsigt ute ikväll?", "weather"),
        ("quick borscht for four people", "cooking"),
        ("коли він знову вийде на ринг?", "sports"),
        ("who scored in el clásico", "sports"),
        ("де взяти податковий код дистанційно?", "taxes"),
        ("пойдёшь со мной на свидание?", "chat"),
        ("are you single?", "chat"),
        ("كيف بعمل ملوخية زي امي؟", "cooking"),
        ("بدي اعمل محشي ورق عنب، شو بحط فيه؟", "cooking"),
        ("pitääkö mun maksaa veroja Turkkiin mökistä", "taxes"),
        ("tuleeks lauantaina vettä", "weather"),
        ("must I pay my taxes in Romania too?", "taxes"),
        # degrees outside, the spring awaited, a social contribution at home, an umbrella
        ("how many degrees will it be outside tonight", "weather"),
        ("hur många grader blir det i morgon", "weather"),
        ("сколько градусов обещают на выходные", "weather"),
        ("когда уже весна, сил нет", "weather"),
        ("behöver ja paraply i dag?", "weather"),
        ("onko tänään liukasta kävellä", "weather"),
        ("milloin on seuraavat kesäolympialaiset", "sports"),
        ("كيف اخلي العجين يختمر اسرع؟", "cooking"),
        ("як сплачувати єдиний внесок в Україні, коли живу тут?", "taxes"),
    ],
)
def test_plain_out_of_domain_topics_are_found(text: str, topic: str) -> None:
    assert off_topic(text) == topic


@pytest.mark.parametrize(
    "text",
    [
        "where can my kids play football cheaply?",
        "где дети могут заниматься футболом?",
        "где регистрация на талент матч",
        "ممكن اروح على تالنت ماتش؟",
        "leivon kakkuja kotona ja haluun myydä niitä, mistä saan ohjeita?",
        "احتاج الوثيقة اللي مكتوب فيها أهداف الشغل",
        "чи може TE-toimisto погодити мені навчання?",
        "what score do I need in the YKI test?",
        "وين المطرح اللي بيعطوا فيه الكورس؟",
        "وصفها أكثر",
        "where is the Finnish course?",
        "who helps with VAT questions when starting a firm here",
        "where is the course for parents?",
        "finnish classes for stay at home moms with childcare",
        "kan min firma dra av moms?",
        "котра година починається курс?",
        "onko Perhesopassa ruokaa?",
        # boredom at home asks for company: the family meeting places, the conversation groups
        "oon kotona vauvan kanssa ja tylsää, onko paikkaa missä tavata muita perheitä",
        "мне скучно дома с ребенком, хочу общаться с другими мамами",
        "грамматику знаю, но где можно поболтать с людьми по-фински?",
        "onko lapsille jääkiekkoa tai jalkapalloa?",
        "how do I pay taxes in Finland as a sole trader?",  # the business advice
    ],
)
def test_service_questions_are_no_out_of_domain_topic(text: str) -> None:
    assert off_topic(text) is None


def test_a_plain_out_of_domain_topic_read_as_a_service_is_declined() -> None:
    message = ranked("сколько голов Месси забил за карьеру", ("ask_career_guidance", 0.6))
    [message] = OffTopicRule().process([message])
    assert message.get(INTENT) == {"name": "out_of_scope", "confidence": 1.0}


def test_a_message_naming_a_service_keeps_the_classifiers_intent() -> None:
    message = ranked("is the Kaikukortti valid for football matches?", ("ask_kaikukortti", 0.7))
    [message] = OffTopicRule().process([message])
    assert message.get(INTENT) == {"name": "ask_kaikukortti", "confidence": 0.7}


def test_a_language_named_as_a_country_is_no_service_named() -> None:
    # "ruotsissa" (in Sweden) is no Swedish course: the inheritance tax is out of scope.
    message = ranked("paljonko perintöveroa maksetaan ruotsissa", ("ask_swedish_integration", 0.6))
    [message] = OffTopicRule().process([message])
    assert message.get(INTENT)["name"] == "out_of_scope"
