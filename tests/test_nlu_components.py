"""The target-group component decides the intent of a message that only states a situation."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import TargetGroupExtractor


def _classified(text: str, intent: str, confidence: float) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    return message


def _after_extractor(message: Message) -> dict:
    [message] = TargetGroupExtractor().process([message])
    return message.get(INTENT)


def test_a_situation_read_unsurely_as_a_situation_is_not_left_to_the_fallback():
    message = _classified("أنا في البيت مع أطفالي", "inform_target_group", 0.27)
    assert _after_extractor(message) == {"name": "inform_target_group", "confidence": 1.0}


def test_a_situation_read_as_something_else_is_the_answer_to_the_group_question():
    message = _classified("I stay at home with my kids", "affirm", 0.6)
    assert _after_extractor(message)["name"] == "inform_target_group"


def test_a_service_question_that_states_a_situation_stays_a_service_question():
    message = _classified("olen työtön, saanko uraohjausta?", "ask_career_guidance", 0.57)
    assert _after_extractor(message) == {"name": "ask_career_guidance", "confidence": 0.57}
