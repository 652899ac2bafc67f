"""A request, inside a longer sentence, that the assistant use a language switches to it.

"can you answer in English, my wife doesn't understand Swedish" names two languages: the one
asked for is the target, not the last one named. A language named in a question about a
service ("is the course in English?") is no switch. The sentences are our own.
"""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.languages import (
    explicit_switch_request,
    leading_switch_request,
    requested_language,
    short_switch_request,
)
from bot.nlu.components import LanguageDetector, TargetGroupExtractor

# (message, the language asked for), in all six languages.
IN_SENTENCE_SWITCHES = [
    ("can you answer in English, my wife doesn't understand Swedish", "en"),
    ("my husband can't read Finnish so could you please reply in English", "en"),
    ("switch to swedish pls, my finnish is bad", "sv"),
    ("voitko vastata englanniksi, vaimo ei ymmärrä ruotsia", "en"),
    ("mun mies ei tajua suomee, voisitko kirjottaa venäjäksi", "ru"),
    ("vastaa mulle nyt ruotsiksi kiitos", "sv"),
    ("kan du svara på engelska? min man förstår inte finska", "en"),
    ("jag läser inte finska så bra, kan ni skriva på svenska istället", "sv"),
    ("ممكن ترد بالانجليزي؟ زوجي ما بيفهم فنلندي", "en"),
    ("احكي معي بالعربي لو سمحت، ما بفهم السويدي", "ar"),
    ("طب ممكن تكمل معايا بالانجليزي؟ مراتي عايزه تقرا الكلام ده معايا", "en"),
    ("ответь мне, пожалуйста, на английском, жена не понимает по-фински", "en"),
    ("можете писать по-русски? я плохо понимаю по-английски", "ru"),
    ("говори со мной дальше по-фински, пожалуйста, хочу потренироваться", "fi"),
    ("puhu mun kanssa englantia, kiitos", "en"),
    ("voidaanko jatkaa suomeksi? haluun harjotella", "fi"),
    ("можеш відповідати українською? я не розумію шведською", "uk"),
    ("чоловік не знає фінської, напишіть англійською, будь ласка", "en"),
    ("speak English more slowly please", "en"),
    ("can we continue in swedish? i want to practise", "sv"),  # "we", and a reason
    ("عشت بالسويد، ممكن تحچي وياي بالسويدي؟", "sv"),  # Iraqi "تحچي", "وياي" (with me)
]

# Questions that name a language about a service, not asking the assistant to use it.
NOT_SWITCHES = [
    "is the course in English?",
    "can you tell me if the counselling is in Arabic",
    "do they speak English in the groups",
    "onko ohjaus englanniksi",
    "puhutaanko kurssilla englantia?",
    "kan jag prata engelska på kursen?",
    "är rådgivningen på engelska",
    "هل الدورة بالعربي؟",
    "курс на русском?",
    "чи є група українською мовою?",
    "onks täällä paikkaa missä vois puhua suomea muiden kanssa?",
    "where can I speak Finnish with people?",
    # wanting to speak it better, more, with people: practice
    "I want to speak Finnish better, is there a group for that?",
    "haluan puhua suomea paremmin, missä voin harjoitella?",
    "jag vill prata svenska bättre, finns det en grupp?",
    "بدي احكي فنلندي اكتر مع ناس، في مجموعات؟",
    "хочу говорить по-фински лучше, где практиковаться?",
    "хочу розмовляти фінською з людьми, де це можна?",
    "write me a python script in english",
    "write a poem in swedish",
    "can you translate this into english",
    "kirjoita runo ruotsiksi",
    "skriv en dikt på engelska",
    "اكتب لي قصيدة بالعربي",
    "напиши стих по-русски",
    "напишіть вірш англійською",
]


@pytest.mark.parametrize(("text", "language"), IN_SENTENCE_SWITCHES, ids=lambda v: v[:24])
def test_an_in_sentence_request_names_the_language_asked_for(text: str, language: str) -> None:
    assert explicit_switch_request(text) == language
    assert requested_language(text) == language


@pytest.mark.parametrize("text", NOT_SWITCHES, ids=lambda v: v[:24])
def test_a_language_in_a_question_about_a_service_is_no_switch(text: str) -> None:
    assert explicit_switch_request(text) is None


def _classified(text: str, intent: str) -> Message:
    message = Message({TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.5})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.5}])
    return message


@pytest.mark.parametrize(("text", "language"), IN_SENTENCE_SWITCHES, ids=lambda v: v[:24])
@pytest.mark.parametrize("intent", ["choose_language", "request_human", "ask_teaching_language"])
def test_the_detector_switches_whatever_the_classifier_said(
    text: str, language: str, intent: str
) -> None:
    message = _classified(text, intent)
    LanguageDetector().process([message])
    assert message.get(INTENT)["name"] == "choose_language"
    entity = next(e for e in message.get("entities") if e["entity"] == "language")
    assert (entity["value"], entity["method"]) == (language, "switch")


def test_a_language_question_about_the_service_stays_one() -> None:
    message = _classified("is the counselling in english?", "ask_teaching_language")
    LanguageDetector().process([message])
    assert message.get(INTENT)["name"] == "ask_teaching_language"


@pytest.mark.parametrize(
    "text",
    [
        "can i go even if i'm not a job seeker?",
        "voinko mennä vaikka en oo työnhakija",
        "kan min fru vara med fast hon är hemma med barnen?",
    ],
)
def test_an_eligibility_question_stating_a_situation_stays_one(text: str) -> None:
    message = _classified(text, "ask_eligibility")
    TargetGroupExtractor().process([message])
    assert message.get(INTENT)["name"] == "ask_eligibility"
    assert any(e["entity"] == "target_group" for e in message.get("entities"))


@pytest.mark.parametrize(
    "text",
    ["samhällsorientering på arabiska", "yhteiskuntaorientaatio arabiaksi", "kurssi venäjäksi"],
)
def test_a_service_named_with_a_language_is_no_short_switch(text: str) -> None:
    assert short_switch_request(text) is None


def test_a_forced_switch_is_not_left_ambiguous_with_a_confident_rival() -> None:
    message = Message({TEXT: "voitko vastata englanniksi? mikä on kaikukortti"})
    message.set(INTENT, {"name": "ask_kaikukortti", "confidence": 0.97})
    message.set(
        "intent_ranking",
        [{"name": "ask_kaikukortti", "confidence": 0.97}, {"name": "ask_more", "confidence": 0.02}],
    )
    LanguageDetector().process([message])
    ranking = message.get("intent_ranking")
    assert ranking[0] == {"name": "choose_language", "confidence": 1.0}
    assert [r["name"] for r in ranking[1:]] == ["ask_kaikukortti", "ask_more"]
    assert ranking[0]["confidence"] - ranking[1]["confidence"] >= 0.1


# A short switch request that opens the message, then only a reason (no question).
LEADING_SWITCHES = [
    ("voiko jatkossa englanniksi? vaimo lukee nämä", "en"),
    ("på engelska? min man läser också", "en"),
    ("in English please, my wife reads this too", "en"),
    ("بالانجليزي لو سمحت؟ ابني بيقرا معي", "en"),
    ("можно дальше по-английски? муж тоже будет читать", "en"),
    ("а можна англійською? донька теж читатиме", "en"),
    # "please" and "from now on" in the opening request: it ends with its sentence
    ("можна далі англійською, будь ласка? син теж хоче почитати", "en"),
    ("можно дальше на английском? жена по-русски не читает", "en"),
]
# Questions about the service's language, or a switch followed by a question: not this rule.
NOT_LEADING_SWITCHES = [
    "onko se venäjäksi? mun mies ei osaa suomea",
    "это на русском? я плохо понимаю",
    "in English? where is the course?",
]


@pytest.mark.parametrize(("message", "language"), LEADING_SWITCHES)
def test_a_switch_request_followed_by_a_reason_is_a_switch(message, language):
    assert leading_switch_request(message) == language


@pytest.mark.parametrize("message", NOT_LEADING_SWITCHES)
def test_a_language_question_or_a_switch_before_a_question_is_not_this_rule(message):
    assert leading_switch_request(message) is None
