"""A story the classifier declined, read again by its question.

Newcomers tell their situation before they ask: "Hi, I came from Syria five months ago with my
wife and kids. I'm unemployed and registered at the TE office, but I know no Finnish at all.
Where can I sign up for a language course?" The classifier weighs every word of the story, and
a long story in words it has seen little (a dialect, a life told in detail) can pull a clear
question down to "I'm not sure I understood" or to a decline. A person would read the question.

So when a message of two or more sentences is declined (`nlu_fallback` or `out_of_scope`), the
same pipeline reads its question again alone: the last sentence that asks (ends in "?" or
"؟"; else the last one), and that sentence with the one before it. When one of them is a
question the assistant answers (a service, a follow-up, a request for a person, the topics),
at least 0.6 sure, the message gets the surer one's intent. Entities stay those of the whole
message: the story states the person's group and shows the language. A decline the question
confirms stays a decline: "I love football. Who won yesterday?" asks nothing of ours.

`install()` wraps Rasa's MessageProcessor.parse_message, which every channel and the
HTTP API's /model/parse use, in the Rasa server's process (bot/rasa_server.py) and in the
NLU evaluation (bot/eval.py), so both measure what the server does.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable, Callable
from typing import Any

from bot.answers import FOLLOWUP_INTENTS
from bot.catalogue import get_catalogue

DECLINED = frozenset({"nlu_fallback", "out_of_scope"})
# Questions the assistant answers besides the services and the follow-ups.
OTHER_QUESTIONS = frozenset({"request_human", "help"})
# A sentence ends at ".", "!", "?", "؟", "…" or a line break, before a space or the end.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|\n+")
_ASKS = re.compile(r"[?؟]")
# A question read alone must be at least this sure: a vague one ("is there something for
# me?") gets a service at random, about half sure, and the story then answers better.
SURE = 0.6
# Fewer words than this are one thought, even when split by a full stop ("Hi. Kaikukortti?").
MIN_WORDS_OF_A_STORY = 12


def sentences(text: str) -> list[str]:
    """The message's sentences, in order, without empty ones."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def question_parts(text: str) -> list[str]:
    """What to read again of a story, in order: its question (the last sentence that asks, else
    the last sentence), then that sentence with the one before it. Empty for a message too
    short to be a story, or of one sentence."""
    if len(text.split()) < MIN_WORDS_OF_A_STORY:
        return []
    parts = sentences(text)
    if len(parts) < 2:
        return []
    asking = [i for i, part in enumerate(parts) if _ASKS.search(part)]
    last = asking[-1] if asking else len(parts) - 1
    found = [parts[last]]
    if last > 0:
        found.append(f"{parts[last - 1]} {parts[last]}")
    return found


def answers_it(intent: str | None) -> bool:
    """Whether an intent is a question the assistant answers (not a decline, greeting, thanks)."""
    return bool(intent) and (
        intent in FOLLOWUP_INTENTS
        or intent in OTHER_QUESTIONS
        or get_catalogue().by_intent(intent) is not None
    )


def _intent(parsed: dict[str, Any]) -> str | None:
    return (parsed.get("intent") or {}).get("name")


def _confidence(parsed: dict[str, Any]) -> float:
    return float((parsed.get("intent") or {}).get("confidence") or 0.0)


def with_question(whole: dict[str, Any], question: dict[str, Any]) -> dict[str, Any]:
    """The whole message's parse with the intent of its question; the whole message's entities
    (its language, the group its story states) and those the question adds."""
    entities = list(whole.get("entities") or [])
    known = {e.get("entity") for e in entities}
    entities += [e for e in question.get("entities") or [] if e.get("entity") not in known]
    return {
        **whole,
        "intent": question.get("intent"),
        "intent_ranking": question.get("intent_ranking") or [],
        "entities": entities,
    }


Parse = Callable[..., Awaitable[dict[str, Any]]]


def reading_stories(parse: Parse) -> Parse:
    """`parse` (MessageProcessor.parse_message) that reads a declined story by its question."""

    async def parse_message(
        self: Any, message: Any, tracker: Any = None, only_output_properties: bool = True
    ) -> dict[str, Any]:
        whole = await parse(self, message, tracker, only_output_properties)
        if _intent(whole) not in DECLINED:
            return whole
        best: dict[str, Any] | None = None
        for part in question_parts(message.text or ""):
            asked = copy.copy(message)
            asked.text = part
            question = await parse(self, asked, tracker, only_output_properties)
            if answers_it(_intent(question)) and _confidence(question) >= max(
                SURE, _confidence(best) if best else 0.0
            ):
                best = question
        return whole if best is None else with_question(whole, best)

    parse_message.reads_stories = True  # type: ignore[attr-defined]
    return parse_message


def install() -> None:
    """Make Rasa's MessageProcessor read a declined story by its question (once)."""
    from rasa.core.processor import MessageProcessor

    if not getattr(MessageProcessor.parse_message, "reads_stories", False):
        MessageProcessor.parse_message = reading_stories(MessageProcessor.parse_message)
