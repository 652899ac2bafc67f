"""The classifier's counts: Rasa's sentence counts to the number, empty token ones
(bot/nlu/sentence_counts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.sentence_counts import SentenceCountsFeaturizer
from bot.nlu.tokenizer import LanguageAwareTokenizer
from bot.paths import PROJECT_ROOT

TEXTS = {
    "Missä voin opiskella suomea, jos olen kotona lapsen kanssa?": "ask_service",
    "How much does it cost?": "ask_cost",
    "Сколько это стоит?": "ask_cost",
    "Можна українською?": "ask_language",
    "هل يوجد دورة لغة؟": "ask_service",
    "hej": "greet",
}
CHAR_WB = {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4, "use_lemma": False}
WORDS = {"min_ngram": 1, "max_ngram": 2}


def _messages() -> list[Message]:
    tokenizer = LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config())
    messages = [Message(data={TEXT: text, INTENT: intent}) for text, intent in TEXTS.items()]
    return tokenizer.process_training_data(TrainingData(messages)).training_examples


def _trained(cls: type, config: dict, tmp_path: Path, name: str) -> CountVectorsFeaturizer:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    featurizer = cls.create(
        {**cls.get_default_config(), **config}, storage, Resource(name), context
    )
    featurizer.train(TrainingData(_messages()))
    return featurizer


@pytest.mark.parametrize("config", [WORDS, CHAR_WB], ids=["words", "characters"])
def test_sentence_counts_are_rasas_and_token_counts_are_empty(tmp_path: Path, config: dict):
    ours = _trained(SentenceCountsFeaturizer, config, tmp_path, "ours")
    rasas = _trained(CountVectorsFeaturizer, config, tmp_path, "rasas")
    ours_data = ours.process_training_data(TrainingData(_messages()))
    rasas_data = rasas.process_training_data(TrainingData(_messages()))
    for mine, theirs in zip(ours_data.training_examples, rasas_data.training_examples, strict=True):
        my_tokens, my_sentence = mine.get_sparse_features(TEXT)
        their_tokens, their_sentence = theirs.get_sparse_features(TEXT)
        assert my_sentence.features.shape == their_sentence.features.shape
        assert (my_sentence.features != their_sentence.features).nnz == 0
        assert my_sentence.features.nnz > 0
        assert my_tokens.features.shape == (their_tokens.features.shape[0], 1)
        assert my_tokens.features.nnz == 0
        # The intent names, which DIET embeds as labels, are counted as Rasa counts them.
        if config is WORDS:
            my_label, _ = mine.get_sparse_features(INTENT)
            their_label, _ = theirs.get_sparse_features(INTENT)
            assert (my_label.features != their_label.features).nnz == 0


def test_a_message_alone_gets_the_counts_it_got_among_others(tmp_path: Path):
    featurizer = _trained(SentenceCountsFeaturizer, CHAR_WB, tmp_path, "alone")
    together = featurizer.process(_messages())
    for i, message in enumerate(_messages()):
        [alone] = featurizer.process([message])
        ours = alone.get_sparse_features(TEXT)[1].features
        assert (ours != together[i].get_sparse_features(TEXT)[1].features).nnz == 0


def test_an_empty_message_gets_no_counts(tmp_path: Path):
    featurizer = _trained(SentenceCountsFeaturizer, WORDS, tmp_path, "empty")
    [message] = featurizer.process([Message(data={TEXT: ""})])
    assert message.get_sparse_features(TEXT) == (None, None)


def test_the_pipeline_drops_token_counts_only_where_nothing_reads_them():
    # Token counts matter to DIET's transformer layers and entity recognition: with either
    # turned on, these featurizers would silently cost accuracy.
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    assert "CountVectorsFeaturizer" not in names
    assert names.count("bot.nlu.sentence_counts.SentenceCountsFeaturizer") == 2
    [diet] = [c for c in config["pipeline"] if c["name"].endswith("DIETClassifier")]
    assert diet["number_of_transformer_layers"] == 0
    assert diet["entity_recognition"] is False
