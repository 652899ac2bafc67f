"""A language-aware tokenizer: spaCy's rules for the message's language, plus base forms.

Finnish, Russian and Ukrainian inflect heavily ("kotoutumiskoulutukseen", "курсів"), so the
same word appears in many forms that word-count features treat as unrelated. This tokenizer
splits each message with spaCy's tokenizer for its language (`spacy.blank`) and gives every
token a lemma — Finnish through Voikko, Russian and Ukrainian through pymorphy3, Arabic by
light stemming (bot/nlu/arabic.py), the others lower-cased — which Rasa's
CountVectorsFeaturizer counts (`use_lemma`).

Three readings help the counts: Russian and Ukrainian typed in Latin letters are tokenised in
Cyrillic (bot/transliteration.py), Arabic typed in Latin letters in Arabic script
(bot/nlu/arabizi.py), and the question of a situation story is counted twice (`question_focus`).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.catalogue import get_catalogue
from bot.languages import LANGUAGES, detect_language, in_latin_script, script_language
from bot.nlu.arabic import light_stem
from bot.nlu.arabizi import read_in_arabic, read_text_in_arabic
from bot.transliteration import morph, read_in_cyrillic, read_text_in_cyrillic

CACHE_SIZE = 200_000


@lru_cache(maxsize=len(LANGUAGES))
def _spacy(language: str) -> Any:
    import spacy

    return spacy.blank(language)


@lru_cache(maxsize=1)
def _voikko() -> Any:
    import libvoikko

    return libvoikko.Voikko("fi")


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
        return str(morph(language).parse(lowered)[0].normal_form)
    if language == "ar":
        return light_stem(lowered)
    return lowered


def load_language_tools() -> None:
    """Load spaCy for every language, Voikko and pymorphy3 now, when the model loads, rather
    than on the first message in each language (about 1.2 s spread over a newcomer's first
    replies after every start)."""
    for language in LANGUAGES:
        _spacy(language)
    _voikko()
    for language in ("ru", "uk"):
        morph(language)


@lru_cache(maxsize=4096)
def message_language(text: str) -> str:
    """The language to tokenise with: detected, else guessed from the script. Cached: the
    target-group component asks again for a Latin-script message. Not the reply's reading
    (`detect_language`'s `reply`): a model trained with its dictionaries' reading of
    Cyrillic tokenised some Russian and Ukrainian examples the other way and measured no
    better on the development sets (fourteenth session, docs/benchmarks.md), and every
    retraining moves the figures by chance."""
    return detect_language(text, reply=False).language or script_language(text)


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
            # Rasa's training cache fingerprints this class's source and config, not the
            # functions around it or the modules that decide a message's language and its
            # Cyrillic reading: their source's digest here retrains when any of them changes.
            "reading_rules": _reading_rules_digest(),
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
        in_latin = language in _READ_IN_SCRIPT and in_latin_script(text)
        if in_latin and language == "ar":
            # Read as a whole, where an article written apart joins its word ("fel shahr" →
            # "في الشهر"): the words are then Arabic script, as an Arabic message's.
            text, in_latin = reading_in_script(text) or text, False
        tokens = []
        for text_of_token, start in _words(text, language):
            word = _word_in_script(text_of_token, language) if in_latin else text_of_token
            tokens.append(Token(word, start, lemma=lemma(word, language)))
        focus = question_focus(text)
        if focus:
            start, end = focus
            tokens += [
                Token(t.text, t.start, lemma=t.lemma) for t in tokens if start <= t.start < end
            ]
        return self._apply_token_pattern(tokens)


def _words(text: str, language: str) -> list[tuple[str, int]]:
    """The message's words and where each starts: spaCy's for the language."""
    return [(token.text, token.idx) for token in _spacy(language)(text) if not token.is_space]


_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟\n]*")
MIN_WORDS_OF_A_STORY = 12


def question_focus(text: str) -> tuple[int, int] | None:
    """Where the question of a situation story is: the last sentence with a question mark,
    in a message of two sentences or more and at least MIN_WORDS_OF_A_STORY words ("Мне 34,
    переехала к мужу. Работы пока нет, встала на учёт в TE-toimisto. Куда мне идти учить
    финский?"). Its words are counted twice, so that the question weighs more than the life
    told around it in the classifier's word counts; the story still tells the situation."""
    if len(text.split()) < MIN_WORDS_OF_A_STORY:
        return None
    sentences = [m for m in _SENTENCE.finditer(text) if m.group(0).strip(" .!?؟\n")]
    if len(sentences) < 2:
        return None
    asked = [m for m in sentences if "?" in m.group(0) or "؟" in m.group(0)]
    return (asked[-1].start(), asked[-1].end()) if asked else None


@lru_cache(maxsize=1)
def _reading_rules_digest() -> str:
    import hashlib
    import inspect

    import bot.languages
    import bot.nlu.arabic
    import bot.nlu.arabizi
    import bot.transliteration

    modules = (
        bot.languages,
        bot.nlu.arabic,
        bot.nlu.arabizi,
        bot.transliteration,
        sys.modules[__name__],
    )
    source = "".join(inspect.getsource(module) for module in modules)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


# The languages whose messages typed in Latin letters are read in their own script.
_READ_IN_SCRIPT = ("ru", "uk", "ar")


@lru_cache(maxsize=4096)
def reading_in_script(text: str) -> str | None:
    """A Russian, Ukrainian or Arabic message typed in Latin letters, read in its own script
    word by word as the classifier sees it ("ya na uchete v TE" → "я на учете в TE", "ana
    3atel" → "انا عاطل"); None for any other. Cached as `message_language` is: the tokenizer,
    the target-group component and a dozen rules (`text_as_read`) ask for each message."""
    if not in_latin_script(text):
        return None
    language = message_language(text)
    if language not in _READ_IN_SCRIPT:
        return None
    if language == "ar":
        return read_text_in_arabic(text, lambda word: _word_in_script(word, language))
    return read_text_in_cyrillic(text, language, _word_in_script)


def text_as_read(text: str) -> str:
    """The message as the rules' word lists read it: Arabic, Russian or Ukrainian typed in
    Latin letters in its own script, as the classifier reads it ("ezayak, 3ayza a2dem le bente
    fi 7adana" names daycare, "حضانه"; "khotila vchyty shvedsku a ne finsku" names Swedish,
    "шведську"); any other message as written."""
    return reading_in_script(text) or text


def _word_in_script(word: str, language: str) -> str:
    """A word of Russian, Ukrainian or Arabic typed in Latin letters, in its own script
    ("rabotu" → "работу", "3atel" → "عاطل"), so that it shares features and base forms with
    the examples in that script. Finnish and Swedish service names ("Kaikukortti",
    "Testipiste") and abbreviations ("TE", "YKI") stay as they are, as newcomers type them
    inside Cyrillic and Arabic too."""
    if sum(ch.isupper() for ch in word) >= 2 or word.lower() in get_catalogue().service_terms():
        return word
    return read_in_arabic(word) if language == "ar" else read_in_cyrillic(word, language)
