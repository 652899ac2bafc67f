"""NLU components that find the `language` and `target_group` entities without training
(the rules that correct the intent alone are in bot/nlu/rules.py).

Both read the catalogue lazily on the first message, so a catalogue edit takes effect on the
next start without retraining, and training does not depend on it.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.answers import FOLLOWUP_INTENTS, INTENT_TARGET_GROUP
from bot.catalogue import get_catalogue
from bot.detail_questions import (
    MAX_WORDS_OF_A_QUESTION_IN_CONTEXT,
    asked_topic,
    asks_something,
    is_a_question,
)
from bot.languages import (
    asks_about_a_language,
    asks_for_a_language,
    detect_language,
    explicit_switch_request,
    is_language_name,
    is_translation_task,
    leading_switch_request,
    normalise_hint,
    requested_language,
    short_switch_request,
    switch_request_after_thanks,
)
from bot.nlu.ranking import (
    AMBIGUITY,
    FORCED_RIVALS_SHARE,
    UNSURE,
    NonTrainable,
    demote_intent,
    force_intent,
    intent_confidence,
)
from bot.nlu.rules import (
    HANDOFF_INTENT,
    a_story_asks_for_the_service_not_a_detail,
    ranked_followup,
)
from bot.nlu.tokenizer import reading_in_script, text_as_read
from bot.off_topic import off_topic

SWITCH_INTENT = "choose_language"
GROUP_INTENT = INTENT_TARGET_GROUP
TEACHING_LANGUAGE_INTENT = "ask_teaching_language"
# Up to this many words a question about a language is about the service in context.
MAX_WORDS_OF_A_LANGUAGE_QUESTION = 4
KEEP_WITH_A_GROUP = frozenset({SWITCH_INTENT, GROUP_INTENT, HANDOFF_INTENT, "cancel"})
# An out-of-domain message that states a situation and asks something ("my Iraqi pension…",
# "я на пенсии, какая погода") is still declined: not made the answer to "which describes you?".
OUT_OF_SCOPE = "out_of_scope"
# Asked as a question, these keep their intent when the message states a situation: "can I
# go even if I'm not a job seeker?", "voiko kotiäiti tulla mukaan?" ask who may take part.
# Guessed below the fallback threshold ("Jag är hemma med barnen. Vad finns det för mig?")
# they are the situation told, answered with the services for it.
KEEP_WHEN_ASKED_WITH_A_GROUP = frozenset({"ask_eligibility"})


class _NonTrainableExtractor(NonTrainable, EntityExtractorMixin):
    def _add(self, message: Message, entity: str, value: str, **extra: Any) -> None:
        text = message.get(TEXT) or ""
        found = {"entity": entity, "value": value, "start": 0, "end": len(text), **extra}
        message.set(
            ENTITIES,
            [*message.get(ENTITIES, []), *self.add_extractor_name([found])],
            add_to_output=True,
        )


def _short_language_question(text: str, intent: str | None) -> bool:
    """A short question about a language ("чи це українською?") that the classifier took for
    a switch request or for anything but a service or follow-up question (those keep their
    intent: "is Kaikukortti in English?" names the service)."""
    if len(text.split()) > MAX_WORDS_OF_A_LANGUAGE_QUESTION or not asks_about_a_language(text):
        return False
    if intent == SWITCH_INTENT:
        return True
    return (
        intent not in FOLLOWUP_INTENTS
        and get_catalogue().by_intent(intent or "") is None
        and intent not in KEEP_WITH_A_GROUP
    )


def _asks_the_teaching_language(text: str) -> bool:
    """Whether a question asks the language of teaching in the detail table's words ("мова
    навчання", "in which language"), not only by naming a language ("військовий збір в
    Україні ще діє?" is declined): a switch request it is not."""
    return asked_topic(text, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT) == "teaching_language"


def _a_named_service_before_an_unasked_switch(message: Message, text: str) -> bool:
    """Whether the classifier read first a service the message names, with a switch of
    language second that the message does not ask the assistant for (`_asks_no_switch`), or
    asks for in the language it is written in ("сайт міста тільки фінською … можна якось
    українською почитати?": the site, read in Ukrainian, not a switch to it)."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if len(ranking) < 2 or ranking[1].get("name") != SWITCH_INTENT:
        return False
    catalogue = get_catalogue()
    service = catalogue.by_intent(ranking[0].get("name") or "")
    if service is None or not catalogue.names_service(service, text):
        return False
    if _asks_no_switch(text):
        return True
    written_in = detect_language(text, service_terms=catalogue.service_terms()).language
    return requested_language(text) == written_in


def _asks_no_switch(text: str) -> bool:
    """Whether a message that names a language asks for something else: no word asks the
    assistant to use a language, or it asks about one ("is the course given in Arabic too?")."""
    return not asks_for_a_language(text) or asks_about_a_language(text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(_NonTrainableExtractor):
    """Sets the `language` entity: a requested switch, else the language the message is in.

    Placed after the intent classifier, so that "where can I study in Swedish?" (a service
    question) is not mistaken for a request to switch to Swedish; a message that is only a
    language's name or a short "in <language> please" is a switch request whatever the
    classifier says, and a longer one the classifier took for a switch must ask the
    assistant to use a language ("speak", "answer in", "vaihda"...), else the classifier's
    next intent is taken. The `choose_language` button payload bypasses the pipeline.
    No entity when the message
    does not tell (too short, only names or emoji): the conversation keeps its language.
    The client's language (`metadata.language`, from the widget or Telegram) is a hint.
    A question about a language ("это на русском?", "هل هي بالعربي؟") that the classifier
    took for a switch is `ask_teaching_language`: it asks about the service in context.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        service_terms = get_catalogue().service_terms()
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            requested = (
                is_language_name(text)
                or short_switch_request(text)
                or explicit_switch_request(text)
                or leading_switch_request(text)
                or switch_request_after_thanks(text)
            )
            if is_translation_task(text):
                # "translate good morning into Spanish" names a language but asks for a task
                # out of the domain: declined, and no switch.
                force_intent(message, OUT_OF_SCOPE, FORCED_RIVALS_SHARE)
                requested = None
            elif requested:
                # Unambiguous on its own ("Svenska", "in English please") or asked of the
                # assistant in a sentence ("can you answer in English, my wife doesn't
                # understand Swedish"): a switch request, whatever the classifier ranked first.
                force_intent(message, SWITCH_INTENT, FORCED_RIVALS_SHARE)
            elif _short_language_question(text, intent):
                # "это на русском?", "onko se venäjäksi?": a question about the language
                # of the service in context, not a request to switch.
                force_intent(message, TEACHING_LANGUAGE_INTENT)
            elif intent == SWITCH_INTENT and _asks_no_switch(text):
                # Names a language but asks for something else ("where can I learn
                # Finnish while at home with the baby?", "is the course given in Arabic
                # too?"): the next intent is meant, or the language of teaching asked in so
                # many words ("а мова навчання може бути англійська?").
                if _asks_the_teaching_language(text):
                    force_intent(message, TEACHING_LANGUAGE_INTENT, FORCED_RIVALS_SHARE)
                else:
                    demote_intent(message, SWITCH_INTENT)
            elif intent == SWITCH_INTENT:
                requested = requested_language(text)
            elif _a_named_service_before_an_unasked_switch(message, text):
                # "сайт міста тільки фінською і шведською … можна якось українською
                # почитати?": the website translation it names, 0.49 against a switch at 0.44
                # that no word asks for, was left to the fallback as a tie.
                demote_intent(message, SWITCH_INTENT)
            if requested:
                self._add(message, "language", requested, confidence_entity=1.0, method="switch")
                continue
            metadata = message.get("metadata") or {}
            hint = normalise_hint(metadata.get("language")) if isinstance(metadata, dict) else None
            detection = detect_language(text, hint=hint, service_terms=service_terms)
            if detection.language:
                self._add(
                    message,
                    "language",
                    detection.language,
                    confidence_entity=round(detection.confidence, 3),
                    method=detection.method,
                )
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class TargetGroupExtractor(_NonTrainableExtractor):
    """Sets the `target_group` entity when the message states the person's situation.

    A message that states a situation and asks for no service, no person and no language
    ("أنا في البيت مع أطفالي") is the answer to "which describes you?", whatever the
    classifier ranked first; one the classifier was unsure of, with a service intent close
    behind and above `inform_target_group`, asks for that service.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        for message in messages:
            text = message.get(TEXT) or ""
            group = catalogue.group_in_text(text) or _group_in_latin_script(text, catalogue)
            if not group:
                continue
            self._add(message, "target_group", group, confidence_entity=1.0)
            a_story_asks_for_the_service_not_a_detail(message, catalogue)
            intent = (message.get(INTENT) or {}).get("name") or ""
            if (
                intent in KEEP_WHEN_ASKED_WITH_A_GROUP
                and _asks(message)
                and intent_confidence(message) >= UNSURE
            ):
                continue
            # The classifier reading a stated situation as one is certain, however unsure it
            # was: without this, a low score lets the fallback swallow the answer. A follow-up
            # topic (ask_childcare, …) heard in "I'm at home with my kids" is no service
            # question either: the message answers "which describes you?".
            # But a service question ranked just behind ("where can I learn Finnish if I'm
            # at home with my child?" read as a follow-up or unsure) is the question asked.
            # A message declined as out of scope stays declined when it asks something or
            # names an off-topic subject ("I'm at home with my kids, what's the weather").
            if intent == OUT_OF_SCOPE and (
                _asks(message) or off_topic(text) or len(text.split()) > MAX_WORDS_OF_A_STATEMENT
            ):
                continue
            if intent == GROUP_INTENT or (
                catalogue.by_intent(intent) is None and intent not in KEEP_WITH_A_GROUP
            ):
                service_intent = _close_service_intent(message, catalogue)
                followup = None if service_intent else _followup_asked(message)
                if followup is not None:
                    force_intent(message, followup, FORCED_RIVALS_SHARE)
                elif intent == OUT_OF_SCOPE and _of_oneself(text):
                    # A short statement of one's own situation declined, asking nothing and
                    # naming nothing off topic ("jag ar arbetslos om det spelar nan roll"): the
                    # decline was the words around the situation, not a rival. Someone else's
                    # ("ronaldo retired already or not yet") stays declined.
                    force_intent(message, service_intent or GROUP_INTENT, FORCED_RIVALS_SHARE)
                else:
                    force_intent(message, service_intent or GROUP_INTENT)
            elif intent_confidence(message) < UNSURE and not _asks(message):
                # "أنا في البيت مع أطفالي" guessed weakly as a service it names no part of:
                # the fallback would drop it; it answers "which describes you?".
                force_intent(message, GROUP_INTENT)
            else:
                _prefer_the_service_for_the_group(message, catalogue, group)
                _ask_the_service_rather_than_tell_the_situation(message, catalogue)
            _offer_the_service_meant_for_the_group(message, catalogue, group)
        return messages


# A short statement of one's situation ("jag ar arbetslos om det spelar nan roll") that the
# classifier declined answers "which describes you?"; a longer message tells more.
MAX_WORDS_OF_A_STATEMENT = 10
# The person speaking of themselves (or their family, "we"), in the six languages; the
# Finland-Swedish "ja" (jag) before a verb only: alone it is "yes", in Finnish "and".
_OF_ONESELF = re.compile(
    r"\b(?:olen|oon|mä|mää|minä|mina|mulla|minulla|olemme|ollaan|me|meillä|jag|mig|mej|vi"
    r"|ja (?:e|är|ar|har|ha|bor|söker|soker|jobbar|kan)"
    r"|i|i'm|im|me|my|we|we're|us|я|мы|меня|мне|ми|мене|мені|ana)\b"
    r"|(?:^|\s)(?:انا|أنا|اني|آني|احنا|إحنا|نحن|نحنا|عندي)(?=\s|$|[،,.!؟?])",
    re.IGNORECASE,
)


def _of_oneself(text: str) -> bool:
    """Whether the message speaks of the person themselves ("jag ar arbetslos")."""
    return bool(_OF_ONESELF.search(text))


# A service intent ranked within this many places of the first, with at least this share of
# its confidence, and above `inform_target_group`, is what a message stating a situation asks.
SERVICE_RANKS_BEHIND = 3
SERVICE_SHARE_OF_FIRST = 0.5
# Without a question mark ("I'm at home with my kids" answers "which describes you?") the
# service must be nearly as likely as the first choice.
SERVICE_SHARE_UNASKED = 0.8


def _is_question(message: Message) -> bool:
    return is_a_question(message.get(TEXT) or "")


def _asks(message: Message) -> bool:
    return asks_something(message.get(TEXT) or "")


_CLAUSE_END = re.compile(r"[.!?;,،؛؟]+(?:\s+|$)")


# Saying what one wants asks for it as a question does: "I really want to learn Finnish".
_WANTS = re.compile(
    r"\b(?:want|wanna|would like|i'?d like|need|haluan|haluaisin|haluisin|tarviin|tarvitsen"
    r"|vill|ville|behöver|хочу|хотела|хотел|хотелось|нужно|хотіла|хотів|потрібно|треба)\b"
    r"|(?:^|\s)(?:بدي|نفسي|ودي|أريد|اريد|أبغى|ابغى|احتاج|أحتاج)(?=\s)",
    re.IGNORECASE,
)


def _tells_then_asks(message: Message) -> bool:
    """A question, or a wish, with more than one sentence or clause: the situation and what is
    asked apart ("I am unemployed and registered at the TE office. Where can I learn
    Finnish?", "I'm a stay at home dad with twins. I really want to learn Finnish")."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    text = message.get(TEXT) or ""
    clauses = [c for c in _CLAUSE_END.split(text) if c.strip()]
    return (
        bool(ranking)
        and ranking[0].get("name") == GROUP_INTENT
        and (_is_question(message) or bool(_WANTS.search(text)))
        and len(clauses) >= 2
    )


# Not _CLAUSE_END below: the last clause keeps its question mark, which some follow-up words
# need ("han voi tulla?").
_CLAUSES = re.compile(r"[.,;:!،]+\s")


def _followup_asked(message: Message) -> str | None:
    """The follow-up a message asks in so many words after stating the person's group, when
    the classifier ranked it among its first three: "я вдома з малим, як мені на це
    потрапити?" asks how to get into the service in context (the group is kept as the
    entity); "I'm at home with my kids" asks nothing."""
    if not _asks(message):
        return None
    # The question after the situation: its last clause, Arabizi read in Arabic ("bas hiye
    # mesh msajjale bel TE, 3adi fiya tru7?": may she go?).
    text = text_as_read(message.get(TEXT) or "")
    question = next((part for part in reversed(_CLAUSES.split(text)) if part.strip()), "")
    return ranked_followup(message, question)


def _close_service_intent(message: Message, catalogue: Any) -> str | None:
    """The service intent close behind the first choice, if the message asks for a service
    rather than only stating the person's situation (then `inform_target_group` ranks above
    every service, unless a question follows the situation)."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if not ranking:
        return None
    first = float(ranking[0].get("confidence") or 0.0)
    # A situation told and then a question asked ("I'm unemployed. Where can I learn
    # Finnish?") asks for the service behind the situation, however sure of it the classifier.
    tells_then_asks = _tells_then_asks(message)
    candidates = ranking[1 : SERVICE_RANKS_BEHIND + 1] if tells_then_asks else ranking
    for entry in candidates[:SERVICE_RANKS_BEHIND]:
        name = entry.get("name") or ""
        if name == GROUP_INTENT:
            return None
        if catalogue.by_intent(name) is not None:
            share = float(entry.get("confidence") or 0.0)
            asked = _is_question(message) or tells_then_asks
            needed = SERVICE_SHARE_OF_FIRST if asked else SERVICE_SHARE_UNASKED
            return name if share >= needed * first else None
    return None


def _group_in_latin_script(text: str, catalogue: Any) -> str | None:
    """The group stated in Russian, Ukrainian or Arabic typed in Latin letters, read in its own
    script ("ya na uchete v TE" → "я на учете в TE", "ana 3atel" → "انا عاطل"). The message's
    language is the tokenizer's, cached: it is not detected again."""
    reading = reading_in_script(text)
    return catalogue.group_in_text(reading) if reading else None


def _prefer_the_service_for_the_group(message: Message, catalogue: Any, group: str) -> None:
    """Of two service intents too close to tell apart, the one provided for the group the
    message states: "я безработный, можно получить консультацию по карьере?" between the
    job-search help (for job seekers) and career guidance (outside the labour force)."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if len(ranking) < 2:
        return
    first, second = ranking[0], ranking[1]
    close = float(first.get("confidence") or 0.0) - float(second.get("confidence") or 0.0)
    services = [catalogue.by_intent(r.get("name") or "") for r in (first, second)]
    if close >= AMBIGUITY or None in services:
        return
    serving = [s.providers_for(group) is not None for s in services]
    if serving[0] != serving[1]:
        force_intent(message, (first if serving[0] else second)["name"])


def _offer_the_service_meant_for_the_group(message: Message, catalogue: Any, group: str) -> None:
    """A service described, not named, that is not provided for the group the message states
    is the one the catalogue offers that group instead: "я безробітна, де вчити фінську
    безкоштовно?" read as the S2 classes for parents at home asks for integration training,
    and a job seeker asking for "career counselling" (a need, not Koto-Espoo's service by its
    name) asks for the job-search help."""
    service = catalogue.by_intent((message.get(INTENT) or {}).get("name"))
    meant = service.for_group(group) if service is not None else None
    if (
        service is not None
        and meant not in (None, service.id)
        and not catalogue.names_service_itself(service, message.get(TEXT) or "")
    ):
        # The service it replaces keeps half its confidence: not close enough to be a tie.
        force_intent(message, f"ask_{meant}", FORCED_RIVALS_SHARE)


def _ask_the_service_rather_than_tell_the_situation(message: Message, catalogue: Any) -> None:
    """A service question ranked first with the situation it states close behind ("vilket
    jobb kunde jag göra här, jag har varit hemma med barnen länge": career guidance, then
    `inform_target_group`) asks for the service; the situation is its context, not a rival
    for the fallback's tie."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if len(ranking) < 2 or catalogue.by_intent(ranking[0].get("name")) is None:
        return
    first, second = (float(r.get("confidence") or 0.0) for r in ranking[:2])
    if ranking[1].get("name") == GROUP_INTENT and first - second < AMBIGUITY:
        demote_intent(message, GROUP_INTENT)
