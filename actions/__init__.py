"""The action package bot.actions.server serves (also works with `rasa run actions`, without
its token check and loopback default): the actions themselves live in the `bot` package."""

from bot.actions import *  # noqa: F401,F403
