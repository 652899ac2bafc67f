"""Rasa's DIET classifier, keeping the average of its weights over the last epochs.

DIET's last weights are one point of a noisy walk: with dropout and shuffled batches, two
random seeds give models that differ by several points of accuracy in one language
(docs/benchmarks.md). The average of the weights at the end of the last epochs (Polyak
averaging; "stochastic weight averaging") is the middle of that walk. It costs one copy of the
weights per epoch and nothing at run time: the saved model is an ordinary DIET.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

AVERAGED_EPOCHS = "averaged_epochs"


class WeightAverage(tf.keras.callbacks.Callback):
    """Averages the model's weights at the end of the last `epochs` epochs, and sets the
    average when training ends."""

    def __init__(self, first_epoch: int) -> None:
        super().__init__()
        self.first_epoch = first_epoch
        self.total: list[np.ndarray] | None = None
        self.count = 0

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if epoch < self.first_epoch:
            return
        weights = self.model.get_weights()
        if self.total is None:
            self.total = [np.array(w, dtype=np.float64) for w in weights]
        else:
            for total, weight in zip(self.total, weights, strict=True):
                total += weight
        self.count += 1

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        if self.total is None:
            return
        current = self.model.get_weights()
        self.model.set_weights(
            [
                (total / self.count).astype(weight.dtype)
                for total, weight in zip(self.total, current, strict=True)
            ]
        )


class AveragedDIET(DIET):
    """DIET's model, trained with a running average of its weights, and loaded for prediction
    without Rasa's one training step."""

    averaged_epochs = 0

    def fit(self, *args: Any, **kwargs: Any) -> Any:
        epochs = int(kwargs.get("epochs", 1))
        if self.averaged_epochs > 0:
            first = max(0, epochs - self.averaged_epochs)
            kwargs["callbacks"] = [*(kwargs.get("callbacks") or []), WeightAverage(first)]
        return super().fit(*args, **kwargs)

    @classmethod
    def load(  # type: ignore[override]
        cls,
        model_file_name: str,
        model_data_example: RasaModelData,
        predict_data_example: RasaModelData | None = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> RasaModel:
        """Rasa trains a loaded model on one example to create its weights (and traces the
        whole training graph: a few seconds of every server start). For prediction, the
        weights are created by the first prediction and take their saved values then
        (TensorFlow's deferred restoration); the optimiser's saved state is not needed."""
        if finetune_mode:
            return super().load(
                model_file_name,
                model_data_example,
                predict_data_example,
                finetune_mode,
                *args,
                **kwargs,
            )
        model = cls(*args, **kwargs)
        model.load_weights(model_file_name).expect_partial()
        if predict_data_example:
            model.run_inference(predict_data_example)
        return model


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=True,
)
class AveragedDIETClassifier(DIETClassifier):
    """DIETClassifier whose saved weights are the average over its last `averaged_epochs`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DIETClassifier.get_default_config(), AVERAGED_EPOCHS: 8}

    @staticmethod
    def model_class() -> type[RasaModel]:
        return AveragedDIET

    def _instantiate_model_class(self, model_data: Any) -> RasaModel:
        model = super()._instantiate_model_class(model_data)
        model.averaged_epochs = int(self.component_config[AVERAGED_EPOCHS])
        return model
