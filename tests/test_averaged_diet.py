"""DIET with its weights averaged over the last epochs (bot/nlu/averaged_diet.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.averaged_diet import AveragedDIETClassifier, WeightAverage
from bot.nlu.sentence_counts import SentenceCountsFeaturizer
from bot.nlu.tokenizer import LanguageAwareTokenizer

TEXTS = {
    "Missä voin opiskella suomea?": "ask_course",
    "Where can I learn Finnish?": "ask_course",
    "Где учить финский язык?": "ask_course",
    "How much does it cost?": "ask_cost",
    "Сколько это стоит?": "ask_cost",
    "Paljonko se maksaa?": "ask_cost",
}


def _model(weights: float) -> tf.keras.Model:
    model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
    model.set_weights([np.full(w.shape, weights, dtype=np.float32) for w in model.get_weights()])
    return model


def test_the_weights_left_are_the_mean_of_the_last_epochs_only():
    model = _model(0.0)
    average = WeightAverage(first_epoch=1)
    average.set_model(model)
    for epoch, value in enumerate([100.0, 1.0, 2.0, 6.0]):
        model.set_weights([np.full(w.shape, value, dtype=np.float32) for w in model.get_weights()])
        average.on_epoch_end(epoch)
    average.on_train_end()
    for weight in model.get_weights():
        assert weight.dtype == np.float32
        np.testing.assert_allclose(weight, 3.0)


def test_without_an_averaged_epoch_the_last_weights_stay():
    model = _model(5.0)
    average = WeightAverage(first_epoch=10)
    average.set_model(model)
    average.on_epoch_end(0)
    average.on_train_end()
    for weight in model.get_weights():
        np.testing.assert_allclose(weight, 5.0)


def _featurized(storage_dir: Path) -> list[Message]:
    tokenizer = LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config())
    messages = [Message(data={TEXT: text, INTENT: intent}) for text, intent in TEXTS.items()]
    data = tokenizer.process_training_data(TrainingData(messages))
    context = ExecutionContext(GraphSchema({}), "test")
    storage = LocalModelStorage(storage_dir)
    featurizer = SentenceCountsFeaturizer.create(
        SentenceCountsFeaturizer.get_default_config(), storage, Resource("counts"), context
    )
    featurizer.train(data)
    return featurizer.process_training_data(data).training_examples


def test_the_saved_classifier_is_the_average_and_reads_as_trained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    seen: list[list[np.ndarray]] = []
    record = WeightAverage.on_epoch_end

    def recording(self: WeightAverage, epoch: int, logs: dict | None = None) -> None:
        seen.append(self.model.get_weights())
        record(self, epoch, logs)

    monkeypatch.setattr(WeightAverage, "on_epoch_end", recording)
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    config = {
        **AveragedDIETClassifier.get_default_config(),
        "epochs": 4,
        "averaged_epochs": 2,
        "number_of_transformer_layers": 0,
        "entity_recognition": False,
        "constrain_similarities": True,
        "random_seed": 1,
    }
    resource = Resource("diet")
    classifier = AveragedDIETClassifier.create(config, storage, resource, context)
    classifier.train(TrainingData(_featurized(tmp_path)))

    assert len(seen) == 4
    for kept, last_two in zip(
        classifier.model.get_weights(), zip(*seen[2:], strict=True), strict=True
    ):
        np.testing.assert_allclose(kept, np.mean(last_two, axis=0), rtol=1e-5, atol=1e-6)

    # Loaded without Rasa's one training step (AveragedDIET.load): the same readings.
    loaded = AveragedDIETClassifier.load(config, storage, resource, context)
    before = classifier.process(_featurized(tmp_path))
    after = loaded.process(_featurized(tmp_path))
    for one, other in zip(before, after, strict=True):
        ranked = [(i["name"], round(i["confidence"], 4)) for i in one.get(INTENT_RANKING_KEY)]
        assert ranked == [
            (i["name"], round(i["confidence"], 4)) for i in other.get(INTENT_RANKING_KEY)
        ]
        assert one.get(INTENT)["name"] == one.get(INTENT_RANKING_KEY)[0]["name"]
