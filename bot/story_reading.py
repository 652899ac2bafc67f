"""A situation story read again in parts: a declined one (or one read only as the situation) by
its question, one read as general advice by its question and its story.

Newcomers tell their situation before they ask: "Hi, I came from Syria five months ago with my
wife and kids. I'm unemployed and registered at the TE office, but I know no Finnish at all.
Where can I sign up for a language course?" The classifier weighs every word of the story, and
a long story in words it has seen little (a dialect, a life told in detail) can pull a clear
question down to "I'm not sure I understood" or to a decline. A person would read the question.

So when a message of two or more sentences is declined (`nlu_fallback` or `out_of_scope`), or
read as the person's situation only though it asks, the same pipeline reads its question again
alone: the last sentence that asks (ends in "?" or "؟"; else the last one), and that sentence
with the one before it. When one of them is a question the assistant answers (a service, a
follow-up, a request for a person, the topics), at least 0.6 sure, the message gets the surer
one's intent. Entities stay those of the whole message: the story states the person's group
and shows the language. A decline the question confirms stays a decline: "I love football.
Who won yesterday?" asks nothing of ours.

The other way round, a story can end in a question that asks nothing in particular ("Куда
обращаться?", "في شي بيناسبني؟", "is there something for me?"). The classifier then reads one
of the services that answer "where do I turn?" (`GENERAL_ADVICE`: guidance, career guidance,
the assessment, the integration plan), at up to 0.99, though the story says what the person
wants: "I stay home with my two small children and would like to learn Finnish". So a story
read as one of them is read again in two parts. Its question alone decides when it is read as
a service at least 0.6 sure ("Var kan jag börja studera finska på riktigt?"): that one, or
the whole reading when it is the same ("… What kind of work could I do, is there anyone who
helps to think about it?"), general advice of another kind ("Any advice?" asks for any), or a
service not provided for the group the story states. Otherwise the question is vague, and the
story without it decides when it is read as another service at least 0.8 sure (its situation
words weigh towards many services), or 0.5 sure when the question alone asks nothing we know
and the whole ranked that service too; else the sentence right before the question, read as
another service at least 0.8 sure (the story's last sentence says what the person wants, the
ones before who they are). A story read as any service less than 0.6 sure is read by its parts
the same way.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable, Callable
from typing import Any

from bot.answers import FOLLOWUP_INTENTS, INTENT_TARGET_GROUP
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
# The services that answer "where do I turn?": a vague closing question is read as one of them.
GENERAL_ADVICE = frozenset(
    {
        "ask_guidance_counselling",
        "ask_career_guidance",
        "ask_service_needs_assessment",
        "ask_integration_plan",
    }
)
# A story without its question must be at least this sure of another service to take over;
# or this sure, when its question alone asks nothing the assistant knows and the whole message
# ranked that service among its first three too (two readings agree: "… نفسي اتعلم فنلندي بس
# مش عارفة اسيب الولد مع مين. في حاجة تناسبني؟"). A question that asks for advice ("Kuka vois
# neuvoa?") is read as the advice it asks for, not as the children its story names.
SURE_STORY = 0.8
STORY_AGREES = 0.5


def sentences(text: str) -> list[str]:
    """The message's sentences, in order, without empty ones."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _split_story(text: str) -> tuple[list[str], int] | None:
    """The story's sentences and the index of its question (the last sentence that asks, else
    the last one); None for a message too short to be a story, or of one sentence."""
    if len(text.split()) < MIN_WORDS_OF_A_STORY:
        return None
    parts = sentences(text)
    if len(parts) < 2:
        return None
    asking = [i for i, part in enumerate(parts) if _ASKS.search(part)]
    return parts, asking[-1] if asking else len(parts) - 1


def question_parts(text: str) -> list[str]:
    """What to read again of a declined story, in order: its question, then that sentence
    with the one before it. Empty for a message too short to be a story, or of one sentence."""
    split = _split_story(text)
    if split is None:
        return []
    parts, last = split
    found = [parts[last]]
    if last > 0:
        found.append(f"{parts[last - 1]} {parts[last]}")
    return found


def question_and_story(text: str) -> tuple[str, str] | None:
    """A story's question alone and the story without it, or None for no story."""
    split = _split_story(text)
    if split is None:
        return None
    parts, last = split
    return parts[last], " ".join(parts[:last] + parts[last + 1 :])


def statement_before_question(text: str) -> str | None:
    """The sentence right before a story's question, when the story has another before it
    ("… جوزي بيشتغل وانا في البيت معاهم. عايزة اقدم للكبير على المدرسة والصغير على حضانة. اعمل
    ايه؟": what she wants, before a question that asks nothing in particular); else None."""
    split = _split_story(text)
    if split is None:
        return None
    parts, last = split
    return parts[last - 1] if last >= 2 else None


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


def _group(parsed: dict[str, Any]) -> str | None:
    """The target group a reading's entities state, if any."""
    for entity in parsed.get("entities") or []:
        if entity.get("entity") == "target_group":
            return str(entity.get("value"))
    return None


def _service_for(parsed: dict[str, Any], group: str | None) -> bool:
    """Whether a reading is one of the catalogue's services, provided for the group the story
    states (when it states one): "Я пока дома с двумя детьми … какую работу я могу найти?" asks
    the career guidance of people outside the labour force, though its question alone reads as
    the job-search help of job seekers."""
    service = get_catalogue().by_intent(_intent(parsed))
    return service is not None and (group is None or service.providers_for(group) is not None)


async def _read_by_its_parts(
    whole: dict[str, Any],
    question_text: str,
    story_text: str,
    read: Callable[[str], Awaitable[dict[str, Any]]],
    statement_text: str | None = None,
) -> dict[str, Any]:
    """A story read as general advice (or unsurely as a service), read again by its question,
    then its story, then the sentence before its question."""
    group = _group(whole)
    question = await read(question_text)
    if _service_for(question, None) and _confidence(question) >= SURE:
        if _intent(question) == _intent(whole) or not _service_for(question, group):
            return whole
        if _intent(question) in GENERAL_ADVICE and _intent(whole) in GENERAL_ADVICE:
            # "… I was a nurse. I'd like to work again someday … Any advice?": the question
            # alone asks for advice of any kind; the story said which.
            return whole
        return with_question(whole, question)
    if story_text:
        story = await read(story_text)
        another = _intent(story) not in GENERAL_ADVICE and _service_for(story, group)
        agrees = (
            _intent(question) in DECLINED
            and _intent(story) in [r.get("name") for r in whole.get("intent_ranking") or []][:3]
        )
        if another and _confidence(story) >= (STORY_AGREES if agrees else SURE_STORY):
            return with_question(whole, story)
    if statement_text:
        # The story read as a whole says who she is; its last sentence what she wants.
        statement = await read(statement_text)
        if (
            _intent(statement) not in GENERAL_ADVICE
            and _service_for(statement, group)
            and _confidence(statement) >= SURE_STORY
        ):
            return with_question(whole, statement)
    return whole


def _worth_reading_by_parts(whole: dict[str, Any], text: str) -> bool:
    """Whether a story's reading is worth reading again by its parts: general advice, or a
    service read less than SURE ("… ست بيت وعندي ولدين … فيه كورس ينفع لحالتي؟" as the
    Kaikukortti, 0.44); not a service the story calls by its name ("وصلتني رسالة انه لازم اعمل
    kotoutumissuunnitelma مع الموظفة. شو يعني هاد وشو رح نحكي فيه؟": its question alone, "what
    will we talk about", was the conversation groups)."""
    catalogue = get_catalogue()
    read = catalogue.by_intent(_intent(whole) or "")
    if read is not None and catalogue.calls_by_its_name(read, text):
        return False
    return _intent(whole) in GENERAL_ADVICE or (
        _service_for(whole, None) and _confidence(whole) < SURE
    )


def _tells_and_asks(whole: dict[str, Any], text: str) -> bool:
    """Whether a story read only as the person's situation (`inform_target_group`) asks a
    question too ("I am on maternity leave … After the leave I would like to work here but I
    have no clue how to get there. Who could guide me?"): its question is then read like a
    declined story's."""
    return _intent(whole) == INTENT_TARGET_GROUP and bool(_ASKS.search(text))


def reading_stories(parse: Parse) -> Parse:
    """`parse` (MessageProcessor.parse_message) that reads a declined story by its question,
    and a story read as general advice, or unsurely as a service, by its question and its
    story apart."""

    async def parse_message(
        self: Any, message: Any, tracker: Any = None, only_output_properties: bool = True
    ) -> dict[str, Any]:
        async def read(text: str) -> dict[str, Any]:
            part = copy.copy(message)
            part.text = text
            return await parse(self, part, tracker, only_output_properties)

        whole = await parse(self, message, tracker, only_output_properties)
        text = message.text or ""
        if _worth_reading_by_parts(whole, text) and (split := question_and_story(text)):
            return await _read_by_its_parts(whole, *split, read, statement_before_question(text))
        if _intent(whole) not in DECLINED and not _tells_and_asks(whole, text):
            return whole
        best: dict[str, Any] | None = None
        for part in question_parts(text):
            question = await read(part)
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
