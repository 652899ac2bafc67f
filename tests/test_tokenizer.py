"""The tokenizer splits each language with its own rules and gives inflected words their base
form; it loads its language tools when the model loads, not on a newcomer's first message."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import tokenizer
from bot.nlu.tokenizer import LanguageAwareTokenizer


def _lemmas(text: str) -> list[str]:
    message = Message(data={TEXT: text})
    tokens = LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config()).tokenize(
        message, TEXT
    )
    return [t.lemma for t in tokens]


@pytest.mark.parametrize(
    ("text", "base_form"),
    [
        ("miten pääsen kotoutumiskoulutukseen?", "kotoutumiskoulutus"),
        ("где список курсов?", "курс"),
        ("де розклад курсів?", "курс"),
        # Arabic: article, "and"/"with" before it, possessive and plural suffixes, spelling.
        ("وين الدروس؟", "دروس"),
        ("والدروس قديش بتكلف؟", "دروس"),
        ("في كورس للأطفال؟", "اطفال"),
        ("بدي سجل ولادي بالمدرسة", "مدرس"),
        ("هل المدرسه قريبة؟", "مدرس"),
        ("ما هي حالتي؟", "حال"),
    ],
)
def test_inflected_words_get_their_base_form(text: str, base_form: str) -> None:
    assert base_form in _lemmas(text)


def test_the_language_tools_are_loaded_when_the_model_loads() -> None:
    tokenizer._spacy.cache_clear()
    tokenizer.morph.cache_clear()
    LanguageAwareTokenizer.create(LanguageAwareTokenizer.get_default_config(), None, None, None)
    assert tokenizer._spacy.cache_info().currsize == 6
    assert tokenizer.morph.cache_info().currsize == 2


def test_the_question_of_a_situation_story_is_counted_twice() -> None:
    story = (
        "Мне 34, переехала к мужу в августе. Работы пока нет, встала на учёт как "
        "безработная. Куда мне идти учить финский?"
    )
    words = [
        t.text
        for t in LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config()).tokenize(
            Message({"text": story}), "text"
        )
    ]
    assert words.count("финский") == 2
    assert words.count("безработная") == 1


def test_a_short_question_is_counted_once() -> None:
    words = [
        t.text
        for t in LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config()).tokenize(
            Message({"text": "Hi. Where is it?"}), "text"
        )
    ]
    assert words.count("Where") == 1


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("وظيفة", "وظيف"),  # its own first letter "و" stays
        ("الوظيفة", "وظيف"),
        ("وين", "وين"),  # too short to strip
        ("بدي", "بدي"),
        ("بيتي", "بيت"),
        ("كورس", "كورس"),
    ],
)
def test_arabic_light_stemming_keeps_short_words_and_a_words_own_letters(
    word: str, stem: str
) -> None:
    from bot.nlu.arabic import light_stem

    assert light_stem(word) == stem
