"""Custom actions (rasa-sdk); `actions/__init__.py` imports them for `rasa run actions`."""

from bot.actions.contact import ActionContactCoordinator
from bot.actions.language import ActionSwitchLanguage
from bot.actions.services import ActionAnswerService
from bot.actions.topics import ActionShowTopics

__all__ = [
    "ActionAnswerService",
    "ActionContactCoordinator",
    "ActionShowTopics",
    "ActionSwitchLanguage",
]
