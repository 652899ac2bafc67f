"""Russian and Ukrainian typed in Latin letters are read back in Cyrillic (bot/transliteration.py)
and detected by the language detector, so that the classifier sees the words it was taught."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.languages import detect_language
from bot.nlu.tokenizer import LanguageAwareTokenizer
from bot.transliteration import read_in_cyrillic, reads_as_word, to_cyrillic


@pytest.mark.parametrize(
    ("latin", "language", "cyrillic"),
    [
        ("bezrabotnyj", "ru", "безработный"),
        ("zapisatsya", "ru", "записаться"),
        ("nedelyu", "ru", "неделю"),
        ("eto", "ru", "это"),
        ("finskii", "ru", "финский"),
        ("shchas", "ru", "щас"),
        ("diakuiu", "uk", "дякую"),
        ("dyakuyu", "uk", "дякую"),
        ("vymkny", "uk", "вимкни"),
        ("dobryi", "uk", "добрий"),
        ("ukrayina", "uk", "україна"),
        ("vmiiesh", "uk", "вмієш"),
        ("yoho", "uk", "його"),
    ],
)
def test_latin_words_are_read_in_cyrillic(latin: str, language: str, cyrillic: str) -> None:
    assert to_cyrillic(latin, language) == cyrillic


def test_a_dropped_soft_sign_is_found_by_the_dictionary() -> None:
    assert reads_as_word("bolshoe", "ru")  # большое
    assert reads_as_word("vitalni", "uk")  # вітальні
    assert not reads_as_word("course", "ru")


@pytest.mark.parametrize(
    ("latin", "language", "cyrillic"),
    [
        ("finskoyu", "uk", "фінською"),
        ("lyudmy", "uk", "людьми"),
        ("detmi", "ru", "детьми"),
        ("bolshoe", "ru", "большое"),
        ("gde", "ru", "где"),  # known as it is: no soft sign added
    ],
)
def test_the_classifier_reads_the_soft_sign_the_dictionary_needs(
    latin: str, language: str, cyrillic: str
) -> None:
    assert read_in_cyrillic(latin, language) == cyrillic


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ok, spasibo bolshoe", "ru"),
        ("vymkny svitlo u vitalni", "uk"),
        ("prognoz pogody na subotu", "uk"),
        ("a eto na russkom byvaet?", "ru"),
    ],
)
def test_transliterated_messages_are_detected(text: str, language: str) -> None:
    assert detect_language(text).language == language


@pytest.mark.parametrize(
    "text",
    ["tell me more", "billiga flyg till Split i juli", "de har en kurs i finska", "is it free"],
)
def test_english_and_swedish_are_not_read_as_transliteration(text: str) -> None:
    assert detect_language(text).language not in ("ru", "uk")


def _tokens(text: str) -> list[str]:
    tokenizer = LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config())
    return [t.text for t in tokenizer.tokenize(Message({"text": text}), "text")]


def test_the_classifier_sees_transliterated_words_in_cyrillic() -> None:
    tokens = _tokens("ya bezrabotnyj, stoyu na uchete v TE. gde pomogut najti rabotu?")
    assert {"безработный", "где", "работу"} <= set(tokens)
    assert "TE" in tokens  # an abbreviation stays as newcomers type it inside Cyrillic too


def test_service_names_stay_in_latin_letters() -> None:
    assert "Kaikukortti" in _tokens("gde vzyat Kaikukortti, skolko ona stoit?")


def test_other_languages_keep_their_words() -> None:
    assert _tokens("where is the course?") == ["where", "is", "the", "course", "?"]
