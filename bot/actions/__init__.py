"""Custom actions (rasa-sdk); `actions/__init__.py` imports them for the action server
(`python -m bot.actions.server`)."""

from bot.actions.followups import ActionAnswerFollowup, ActionReadInContext
from bot.actions.handoff import (
    ActionAnswerInForm,
    ActionAskHandoffConfirm,
    ActionAskHandoffConsent,
    ActionAskHandoffContact,
    ActionAskHandoffDescription,
    ActionCancelHandoff,
    ActionHandleFallback,
    ActionHandoffGate,
    ActionSubmitHandoff,
    ValidateHandoffForm,
)
from bot.actions.language import ActionSwitchLanguage
from bot.actions.services import ActionAnswerService
from bot.actions.topics import ActionShowTopics

__all__ = [
    "ActionAnswerFollowup",
    "ActionAnswerInForm",
    "ActionAnswerService",
    "ActionAskHandoffConfirm",
    "ActionAskHandoffConsent",
    "ActionAskHandoffContact",
    "ActionAskHandoffDescription",
    "ActionCancelHandoff",
    "ActionHandleFallback",
    "ActionHandoffGate",
    "ActionReadInContext",
    "ActionShowTopics",
    "ActionSubmitHandoff",
    "ActionSwitchLanguage",
    "ValidateHandoffForm",
]
