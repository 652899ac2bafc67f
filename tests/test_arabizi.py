"""Arabic typed in Latin letters (Arabizi) is read back in Arabic script (bot/nlu/arabizi.py), so
that the classifier and the target-group words see the Arabic they were taught."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.arabizi import arabic_skeleton, latin_skeleton, read_in_arabic, read_text_in_arabic
from bot.nlu.components import TargetGroupExtractor
from bot.nlu.rules import DetailQuestionRule, NamedServiceRule
from bot.nlu.tokenizer import (
    LanguageAwareTokenizer,
    message_language,
    reading_in_script,
    text_as_read,
)
from bot.person_requests import asks_for_a_person
from tests.nlu_messages import ranked


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("majmou3at", "مجموعات"),
        ("mo7adatha", "محادثة"),
        ("3atel", "عاطل"),
        ("finlandi", "فنلندي"),
        ("jdeed", "جديد"),
        ("baddi", "بدي"),
    ],
)
def test_a_word_and_its_arabizi_spelling_have_one_skeleton(latin: str, arabic: str) -> None:
    assert latin_skeleton(latin) == arabic_skeleton(arabic)


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("3atel", "عاطل"),
        ("finlandi", "فنلندي"),
        ("wen", "وين"),
        ("lazem", "لازم"),
        ("3andkom", "عندكم"),
        ("masari", "مصاري"),
        ("fi", "في"),
        ("shu", "شو"),
        ("wa2t", "وقت"),  # "2" for qāf
        ("course", "كورس"),  # the English word Arabic borrowed
        ("Kauniainen", "كاونياينن"),
    ],
)
def test_arabizi_words_are_read_as_the_arabic_words_of_the_training_data(
    latin: str, arabic: str
) -> None:
    assert read_in_arabic(latin) == arabic


@pytest.mark.parametrize("word", ["finnish", "b", "law", "2024", "weekend", "kotoutumiskoulutus"])
def test_words_without_an_arabic_reading_stay_as_written(word: str) -> None:
    assert read_in_arabic(word) == word


def _tokens(text: str) -> list[str]:
    tokenizer = LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config())
    return [t.text for t in tokenizer.tokenize(Message({"text": text}), "text")]


def test_the_classifier_sees_arabizi_in_arabic_script() -> None:
    tokens = _tokens("salam, fi 3andkom majmou3at mo7adatha bel finlandi? baddi atmarran")
    assert {"في", "عندكم", "مجموعات", "بالفنلندي", "بدي"} <= set(tokens)


def test_a_word_with_a_digit_inside_stays_one_word() -> None:
    assert len(_tokens("kam bya5od wa2t?")) == 4  # "wa2t" is one word, as "?" is one


def test_service_names_and_abbreviations_stay_in_latin_letters_inside_arabizi() -> None:
    tokens = _tokens("shu ya3ni Kaikukortti w kif ba3mel TE?")
    assert {"Kaikukortti", "TE"} <= set(tokens)


def test_other_latin_languages_are_not_read_in_arabic() -> None:
    assert _tokens("where is the course?") == ["where", "is", "the", "course", "?"]
    assert reading_in_script("missä on kurssi?") is None


def test_a_situation_in_arabizi_states_the_group() -> None:
    message = Message({"text": "ana 3atel w bade ta3allam finnish, wen?"})
    message.set("intent", {"name": "ask_integration_training", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "ask_integration_training", "confidence": 0.9}])
    [message] = TargetGroupExtractor().process([message])
    groups = [e["value"] for e in message.get("entities") or [] if e["entity"] == "target_group"]
    assert groups == ["job_seeker"]


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("sme3et enno l kanise", "سمعت انو الكنيسه"),  # the article written apart
        ("w bikam keda fel shahr?", "و بكم كده في الشهر?"),
        ("shu fi bel finlandi", "شو في بالفنلندي"),
        ("w add eh", "و قد ايه"),  # Egyptian "how much", not a skeleton's word
        ("ok", "اوكي"),  # not the Iraqi "اكو"
        ("bl bet", "بالبيت"),
    ],
)
def test_words_arabic_writes_as_one_are_read_together(latin: str, arabic: str) -> None:
    assert read_text_in_arabic(latin) == arabic


def test_an_article_before_a_word_without_arabic_reading_stays_apart() -> None:
    assert read_text_in_arabic("el weekend") == "ال weekend"


def test_a_service_name_after_an_article_stays_as_written() -> None:
    # "el Kaikukortti" was read "الكارت" (the card) as "alkaikukortti" by its consonants
    assert "Perhesoppa" in text_as_read("3ayez a3raf eh howa el Perhesoppa da bezabt")
    assert text_as_read("w da bfelos wala bbalash? mnen bezabt?").endswith("منين بالضبط?")


def test_to_speak_in_arabizi_is_read_as_such() -> None:
    # "7aki" had been read as "هيك" (so), by its consonants
    assert "احكي" in text_as_read("bade 7aki ma3 nas, fi shi?")


def test_someone_to_call_me_in_arabizi_is_a_request_for_a_person() -> None:
    assert asks_for_a_person(text_as_read("fik tkhalli 7ada yettesel fiyye bokra?"))


def test_where_and_the_first_step_in_arabizi_are_read_as_such() -> None:
    # "fen" had been "فيني" (in me), "awwal khatwe" "اللي خطه" (which plan), "ballesh" (start)
    # "ببلاش" (free): each by its consonants
    assert text_as_read("tayeb el maktab fen?") == "طيب المكتب فين?"
    assert text_as_read("ya3ni awal khatwa eh?") == "يعني اول خطوة ايه?"
    assert text_as_read("mnen ballish?") == "منين بلش?"
    # "kam" (how many), "bikoun" (will be) had been read as other words, "bikoun" as Kauniainen
    assert text_as_read("kam usbu3 el kurs?") == "كم اسبوع الكورس?"
    assert text_as_read("w wein bikoun?") == "و وين بيكون?"
    assert text_as_read("7ada yettesel fiye?") == "حدا يتصل فيي?"


def test_egyptian_arabizi_is_read_in_arabic_script_by_the_rules() -> None:
    assert text_as_read("w bikam keda fel shahr?") == "و بكم كده في الشهر?"
    # "where is it" had left the message unread; "come with me", "توجيه مع" (guidance with)
    assert text_as_read("w el kors da makano fein?") == "و الكورس ده مكانه فين?"
    assert text_as_read("w momken mrati tegi ma3aya?") == "و ممكن مرتي تيجي معايا?"
    # "and how much does it cost?", Levantine
    assert text_as_read("w 2adde bteklif?") == "و قديش بتكلف?"
    assert text_as_read("where is the course?") == "where is the course?"


def test_a_detail_asked_in_arabizi_is_read_from_its_words() -> None:
    # "and how long does this take?", Egyptian: the price's "how much" with "time"
    message = ranked("w 2add eh bya5od wa2t da?", ("ask_cost", 0.5), ("ask_schedule", 0.3))
    [message] = DetailQuestionRule().process([message])
    assert message.get("intent")["name"] == "ask_schedule"


def test_a_service_named_in_arabizi_is_the_one_asked_about() -> None:
    # "my daughter is three, I want to put her in daycare: what do I do?"
    message = ranked(
        "3ayza a2dem bente fel 7adana, 3omraha 3 snin, a3mel eh?",
        ("ask_family_services", 0.35),
        ("ask_childcare", 0.3),
    )
    [message] = NamedServiceRule().process([message])
    assert message.get("intent")["name"] == "ask_family_services"


@pytest.mark.parametrize(
    "text",
    [
        "tayeb kif bsajjel ibni?",
        "iza fi kurs, kif?",
        "fi shi bel 3arabi?",  # is there something in Arabic?
        "btkoun bel english wala finnish?",  # is it in English or Finnish?
        "w kam bikallif?",  # and how much does it cost?
    ],
)
def test_short_arabizi_without_digits_is_read_as_arabic(text: str) -> None:
    assert message_language(text) == "ar"
