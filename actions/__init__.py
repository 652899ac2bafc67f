"""Entry point for `rasa run actions`: the actions themselves live in the `bot` package."""

from bot.actions import *  # noqa: F401,F403
