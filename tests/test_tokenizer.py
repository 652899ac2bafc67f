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
    ],
)
def test_inflected_words_get_their_base_form(text: str, base_form: str) -> None:
    assert base_form in _lemmas(text)


def test_the_language_tools_are_loaded_when_the_model_loads() -> None:
    tokenizer._spacy.cache_clear()
    tokenizer._morph.cache_clear()
    LanguageAwareTokenizer.create(LanguageAwareTokenizer.get_default_config(), None, None, None)
    assert tokenizer._spacy.cache_info().currsize == 6
    assert tokenizer._morph.cache_info().currsize == 2
