"""The classifier gets a message's sentence features and empty token ones
(bot/nlu/sentence_features.py)."""

from __future__ import annotations

import numpy as np
import scipy.sparse
import yaml
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.sentence_features import SentenceFeaturesOnly
from bot.paths import PROJECT_ROOT


def _message() -> Message:
    message = Message(data={TEXT: "missä on kurssi", INTENT: "ask_location"})
    tokens = scipy.sparse.random(3, 500, density=0.1, format="coo", random_state=1)
    sentence = scipy.sparse.coo_matrix(tokens.sum(axis=0))
    message.features = [
        Features(tokens, FEATURE_TYPE_SEQUENCE, TEXT, "CountVectorsFeaturizer"),
        Features(sentence, FEATURE_TYPE_SENTENCE, TEXT, "CountVectorsFeaturizer"),
        Features(np.ones((1, 4)), FEATURE_TYPE_SENTENCE, TEXT, "dense"),
        Features(scipy.sparse.coo_matrix(np.ones((1, 7))), FEATURE_TYPE_SEQUENCE, INTENT, "cv"),
    ]
    return message


def test_token_features_keep_their_rows_but_no_columns_and_sentence_features_stay():
    message = _message()
    before = [f.features for f in message.features]
    [message] = SentenceFeaturesOnly().process([message])
    tokens, sentence, dense, intent = (f.features for f in message.features)
    assert tokens.shape == (3, 1) and tokens.nnz == 0
    assert (sentence != before[1]).nnz == 0
    assert dense is before[2] and intent is before[3]
    sequence, sentence_features = message.get_sparse_features(TEXT)
    assert sequence.features.shape == (3, 1) and sentence_features.features.shape == (1, 500)


def test_training_examples_are_changed_the_same_way():
    data = TrainingData([_message(), _message()])
    SentenceFeaturesOnly().process_training_data(data)
    for message in data.training_examples:
        assert message.get_sparse_features(TEXT)[0].features.shape == (3, 1)


def test_the_pipeline_drops_token_features_only_where_nothing_reads_them():
    # The token features matter to DIET's transformer layers and entity recognition: with
    # either turned on, SentenceFeaturesOnly would silently cost accuracy.
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    assert "bot.nlu.sentence_features.SentenceFeaturesOnly" in names
    assert names.index("bot.nlu.sentence_features.SentenceFeaturesOnly") > max(
        i for i, name in enumerate(names) if name == "CountVectorsFeaturizer"
    )
    [diet] = [c for c in config["pipeline"] if c["name"] == "DIETClassifier"]
    assert diet["number_of_transformer_layers"] == 0
    assert diet["entity_recognition"] is False
