"""Only sentence features for the classifier: the per-token ones are never read.

With `number_of_transformer_layers: 0` (config.yml), DIET reads a message's intent from its
sentence features alone: nothing mixes the positions of a message, and the intent is read at
the sentence's own position. Yet the per-token (sequence) features of both count
featurizers still pass through their own dense layers, 103,000 inputs wide, on every
training step, with their gradients and optimiser updates: half of training's work, for
nothing the classifier uses.

This featurizer, after the count featurizers, keeps each token's row but leaves it one
empty column, so the classifier's token layers become one input wide. The sentence features
(what the intent is read from) are untouched. With transformer layers or entity recognition
the token features would matter: then this component must go.
"""

from __future__ import annotations

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.ranking import NonTrainable


def _empty_tokens(features: Features) -> Features:
    """The same rows (one per token), one column, no values."""
    rows = features.features.shape[0]
    return Features(
        scipy.sparse.coo_matrix((rows, 1), dtype=features.features.dtype),
        features.type,
        features.attribute,
        features.origin,
    )


def keep_sentence_features(message: Message) -> None:
    """Replace the message text's sparse token features by empty ones of the same length."""
    message.features = [
        _empty_tokens(f)
        if f.attribute == TEXT and f.type == FEATURE_TYPE_SEQUENCE and f.is_sparse()
        else f
        for f in message.features
    ]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceFeaturesOnly(NonTrainable):
    """Leaves the classifier the sentence features it reads, not the token ones it ignores."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            keep_sentence_features(message)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            keep_sentence_features(message)
        return messages
