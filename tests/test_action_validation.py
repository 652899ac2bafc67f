"""The compiled check of a custom action's answer says what Rasa's own check says."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.channels import action_validation

GOOD = {
    "events": [{"event": "slot", "name": "service", "value": "kaikukortti"}],
    "responses": [{"text": "Kaikukortti", "buttons": [{"title": "a", "payload": "/b"}]}],
}
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "slot", "name": 7}]},
    {"responses": ["not an object"]},
    ["not", "an", "object"],
]


def _rasas_answer(result) -> str | None:
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError as error:
        return error.message
    return None


def test_a_good_answer_passes():
    action_validation.install()
    assert RemoteAction("action_answer_service", None)._validate_action_result(GOOD) is True
    assert _rasas_answer(GOOD) is None


@pytest.mark.parametrize("result", BAD)
def test_a_bad_answer_raises_rasas_error(result):
    action_validation.install()
    expected = _rasas_answer(result)
    assert expected is not None
    with pytest.raises(jsonschema.ValidationError) as raised:
        RemoteAction("action_answer_service", None)._validate_action_result(result)
    assert raised.value.message.startswith(expected + ". Failed to validate Action server")
