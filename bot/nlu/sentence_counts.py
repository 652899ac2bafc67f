"""Word and character counts for the whole message, not for each token.

With `number_of_transformer_layers: 0` (config.yml), DIET reads a message's intent from its
sentence features alone: nothing mixes the positions of a message, and the intent is read at
the sentence's own position. Rasa's count featurizer still counts every token on its own
(one scikit-learn call per message for the tokens, one more for the sentence), and DIET
would pass those token rows, 103,000 inputs wide, through their own dense layers on every
training step: half of training's work, for nothing the classifier uses.

This featurizer counts the message text's sentence once, for all messages in one call, and
gives each token one empty column, so the classifier's token layers are one input wide. The
sentence counts are Rasa's own, to the number. Other attributes (the intent names DIET embeds
as labels) are counted as Rasa does. With transformer layers or entity recognition the token
counts would matter: then use Rasa's CountVectorsFeaturizer again.
"""

from __future__ import annotations

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

SparseRows = list[scipy.sparse.spmatrix | None]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountsFeaturizer(CountVectorsFeaturizer):
    """Rasa's count featurizer, counting a message's text as one sentence."""

    def _create_features(
        self, attribute: str, all_tokens: list[list[str]]
    ) -> tuple[SparseRows, SparseRows]:
        """The text's sentence counts in one call; each token one empty column."""
        if attribute != TEXT:
            return super()._create_features(attribute, all_tokens)
        sequence: SparseRows = [None] * len(all_tokens)
        sentence: SparseRows = [None] * len(all_tokens)
        vectorizer = self.vectorizers.get(attribute)
        present = [i for i, tokens in enumerate(all_tokens) if tokens]
        if vectorizer is None or not present:
            return sequence, sentence
        counts = vectorizer.transform([" ".join(all_tokens[i]) for i in present]).tocsr()
        for row, i in enumerate(present):
            counted = counts[row]
            counted.sort_indices()
            sentence[i] = counted.tocoo()
            sequence[i] = scipy.sparse.coo_matrix((len(all_tokens[i]), 1), dtype=counts.dtype)
        return sequence, sentence

    def process(self, messages: list[Message]) -> list[Message]:
        """Counts all messages' texts together (one call, not one per message)."""
        if self.vectorizers is None or TEXT not in self._attributes:
            return super().process(messages)
        tokens = [self._get_processed_message_tokens_by_attribute(m, TEXT) for m in messages]
        sequence, sentence = self._create_features(TEXT, tokens)
        for message, token_rows, sentence_row in zip(messages, sequence, sentence, strict=True):
            self.add_features_to_message(token_rows, sentence_row, TEXT, message)
            for attribute in self._attributes:
                if attribute != TEXT:
                    self._count_alone(message, attribute)
        return messages

    def _count_alone(self, message: Message, attribute: str) -> None:
        """Rasa's way for the other attributes: one message at a time."""
        tokens = self._get_processed_message_tokens_by_attribute(message, attribute)
        sequence, sentence = self._create_features(attribute, [tokens])
        self.add_features_to_message(sequence[0], sentence[0], attribute, message)
