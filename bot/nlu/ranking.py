"""Edits of the classifier's intent ranking that the rule components share, and their base.

The FallbackClassifier after them reads the first intent's confidence and its distance to
the second (config.yml `threshold`, `ambiguity_threshold`): a rule that decides an intent
makes it certain and keeps its rivals well behind; one that rules an intent out lets the
next take its place with its own confidence, so that the fallback still declines it when
that is low.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# Below this the FallbackClassifier (config.yml, `threshold`) declines the message.
UNSURE = 0.3
# As the fallback classifier's ambiguity_threshold (config.yml): two intents closer than this
# are too close to tell apart.
AMBIGUITY = 0.1


class NonTrainable(GraphComponent):
    """A pipeline component of rules only: nothing to learn, nothing to store."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NonTrainable:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


# A forced switch request's rivals keep their order at this share of their confidence, so
# that the fallback classifier does not find a confident rival "too close" to the forced 1.0
# ("can you answer in English? where is the Finnish course"). A stated situation forced to
# `inform_target_group` keeps its rivals: one too close still leaves it to the fallback,
# unless it was declined only for the words around it (bot/nlu/components.py).
FORCED_RIVALS_SHARE = 0.5


def intent_confidence(message: Message) -> float:
    """How sure the classifier (or a rule before) is of the message's intent; 0 without one."""
    return float((message.get(INTENT) or {}).get("confidence") or 0.0)


def force_intent(message: Message, intent: str, rivals_share: float = 1.0) -> None:
    """Make `intent` the certain first choice (the fallback classifier reads both fields);
    the others keep `rivals_share` of their confidence."""
    ranking = [
        {**r, "confidence": float(r.get("confidence") or 0.0) * rivals_share}
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get("name") != intent
    ]
    message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}, *ranking], add_to_output=True
    )


def demote_intent(message: Message, intent: str) -> None:
    """Drop `intent` from the ranking: the next one becomes the first choice with its own
    confidence, so the fallback classifier still rejects it when that is low."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    if not ranking:
        return
    message.set(INTENT, dict(ranking[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def merge_first_two(message: Message) -> None:
    """The first choice takes the second's confidence too, and the second leaves the ranking:
    two readings that lead to one answer are no tie for the fallback classifier."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if len(ranking) < 2:
        return
    both = sum(float(r.get("confidence") or 0.0) for r in ranking[:2])
    first = {**ranking[0], "confidence": min(1.0, both)}
    message.set(INTENT, first, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [first, *ranking[2:]], add_to_output=True)
