"""A parsed message as the rule components receive it, for their unit tests."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def ranked(text: str, *ranking: tuple[str, float]) -> Message:
    """`text` as the classifier left it: `ranking` in order, the first as the intent."""
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    return message
