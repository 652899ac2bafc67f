"""A language-aware tokenizer: spaCy's rules for the message's language, plus base forms.

Finnish, Russian and Ukrainian inflect heavily ("kotoutumiskoulutukseen", "курсів"), so the
same word appears in many forms that word-count features treat as unrelated. This tokenizer
splits each message with spaCy's tokenizer for its language (`spacy.blank`) and gives every
token a lemma — Finnish through Voikko, Russian and Ukrainian through pymorphy3, the others
lower-cased — which Rasa's CountVectorsFeaturizer counts (`use_lemma`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.languages import LANGUAGES, detect_language, script_language

CACHE_SIZE = 200_000


@lru_cache(maxsize=len(LANGUAGES))
def _spacy(language: str) -> Any:
    import spacy

    return spacy.blank(language)


@lru_cache(maxsize=1)
def _voikko() -> Any:
    import libvoikko

    return libvoikko.Voikko("fi")


@lru_cache(maxsize=2)
def _morph(language: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=CACHE_SIZE)
def lemma(word: str, language: str) -> str:
    """The base form of `word` in `language`; the lower-cased word when none is known."""
    lowered = word.lower()
    if not any(ch.isalpha() for ch in word):
        return lowered
    if language == "fi":
        analyses = _voikko().analyze(word)
        return str(analyses[0]["BASEFORM"]).lower() if analyses else lowered
    if language in ("ru", "uk"):
        return str(_morph(language).parse(lowered)[0].normal_form)
    return lowered


def load_language_tools() -> None:
    """Load spaCy for every language, Voikko and pymorphy3 now, when the model loads, rather
    than on the first message in each language (about 1.2 s spread over a newcomer's first
    replies after every start)."""
    for language in LANGUAGES:
        _spacy(language)
    _voikko()
    for language in ("ru", "uk"):
        _morph(language)


def message_language(text: str) -> str:
    """The language to tokenise with: detected, else guessed from the script."""
    return detect_language(text).language or script_language(text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class LanguageAwareTokenizer(Tokenizer):
    """Tokenizes with spaCy per language and sets base forms as lemmas."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageAwareTokenizer:
        load_language_tools()
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute) or ""
        language = message_language(text)
        tokens = []
        for token in _spacy(language)(text):
            if token.is_space:
                continue
            tokens.append(Token(token.text, token.idx, lemma=lemma(token.text, language)))
        return self._apply_token_pattern(tokens)
