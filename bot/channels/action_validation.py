"""Rasa 3.6 checks every custom action's answer with `jsonschema.validate`, which first checks
the schema itself against the JSON Schema meta-schema. Measured with py-spy under load, that
meta-schema check was about 40 % of the Rasa server's time for a message answered by a custom
action: the schema never changes, so it is checked once here and the compiled validator kept.

`install()` replaces RemoteAction._validate_action_result with a method that gives the same
answer and the same error; the REST channel calls it when the Rasa server builds its channels.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    error: ValidationError | None = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Idempotent; only in the process that calls it (the Rasa server)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
