"""NLU components that find the `language` and `target_group` entities without training.

Both read the catalogue lazily on the first message, so a catalogue edit takes effect on the
next start without retraining, and training does not depend on it.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.catalogue import get_catalogue
from bot.languages import (
    asks_for_a_language,
    detect_language,
    is_language_name,
    normalise_hint,
    requested_language,
    short_switch_request,
)

SWITCH_INTENT = "choose_language"
GROUP_INTENT = "inform_target_group"
KEEP_WITH_A_GROUP = frozenset({SWITCH_INTENT, GROUP_INTENT, "request_human", "cancel"})


class _NonTrainableExtractor(GraphComponent, EntityExtractorMixin):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> _NonTrainableExtractor:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def _add(self, message: Message, entity: str, value: str, **extra: Any) -> None:
        text = message.get(TEXT) or ""
        found = {"entity": entity, "value": value, "start": 0, "end": len(text), **extra}
        message.set(
            ENTITIES,
            [*message.get(ENTITIES, []), *self.add_extractor_name([found])],
            add_to_output=True,
        )


def _force_intent(message: Message, intent: str) -> None:
    """Make `intent` the certain first choice (the fallback classifier reads both fields)."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}, *ranking], add_to_output=True
    )


def _demote_intent(message: Message, intent: str) -> None:
    """Drop `intent` from the ranking: the next one becomes the first choice with its own
    confidence, so the fallback classifier still rejects it when that is low."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    if not ranking:
        return
    message.set(INTENT, dict(ranking[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(_NonTrainableExtractor):
    """Sets the `language` entity: a requested switch, else the language the message is in.

    Placed after the intent classifier, so that "where can I study in Swedish?" (a service
    question) is not mistaken for a request to switch to Swedish; a message that is only a
    language's name or a short "in <language> please" is a switch request whatever the
    classifier says, and a longer one the classifier took for a switch must ask the
    assistant to use a language ("speak", "answer in", "vaihda"...), else the classifier's
    next intent is taken. The `choose_language` button payload bypasses the pipeline.
    No entity when the message
    does not tell (too short, only names or emoji): the conversation keeps its language.
    The client's language (`metadata.language`, from the widget or Telegram) is a hint.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        service_terms = get_catalogue().service_terms()
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            requested = is_language_name(text) or short_switch_request(text)
            if requested:
                # Unambiguous on its own ("Svenska", "in English please"): a switch request,
                # whatever the classifier ranked first.
                _force_intent(message, SWITCH_INTENT)
            elif intent == SWITCH_INTENT and not asks_for_a_language(text):
                # Names a language but asks for something else ("where can I learn
                # Finnish while at home with the baby?"): the next intent is meant.
                _demote_intent(message, SWITCH_INTENT)
            elif intent == SWITCH_INTENT:
                requested = requested_language(text)
            if requested:
                self._add(message, "language", requested, confidence_entity=1.0, method="switch")
                continue
            metadata = message.get("metadata") or {}
            hint = normalise_hint(metadata.get("language")) if isinstance(metadata, dict) else None
            detection = detect_language(text, hint=hint, service_terms=service_terms)
            if detection.language:
                self._add(
                    message,
                    "language",
                    detection.language,
                    confidence_entity=round(detection.confidence, 3),
                    method=detection.method,
                )
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class TargetGroupExtractor(_NonTrainableExtractor):
    """Sets the `target_group` entity when the message states the person's situation.

    A message that states a situation and asks for no service, no person and no language
    ("أنا في البيت مع أطفالي") is the answer to "which describes you?", whatever the
    classifier ranked first.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        for message in messages:
            group = catalogue.group_in_text(message.get(TEXT) or "")
            if not group:
                continue
            self._add(message, "target_group", group, confidence_entity=1.0)
            intent = (message.get(INTENT) or {}).get("name") or ""
            # The classifier reading a stated situation as one is certain, however unsure it
            # was: without this, a low score lets the fallback swallow the answer. A follow-up
            # topic (ask_childcare, …) heard in "I'm at home with my kids" is no service
            # question either: the message answers "which describes you?".
            if intent == GROUP_INTENT or (
                catalogue.by_intent(intent) is None and intent not in KEEP_WITH_A_GROUP
            ):
                _force_intent(message, GROUP_INTENT)
        return messages
