"""NLU components that find the `language` and `target_group` entities without training.

Both read the catalogue lazily on the first message, so a catalogue edit takes effect on the
next start without retraining, and training does not depend on it.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.answers import FOLLOWUP_INTENTS, asked_topic
from bot.catalogue import get_catalogue
from bot.languages import (
    asks_about_a_language,
    asks_for_a_language,
    detect_language,
    explicit_switch_request,
    is_language_name,
    is_translation_task,
    leading_switch_request,
    named_languages,
    normalise_hint,
    requested_language,
    short_switch_request,
)
from bot.person_requests import asks_for_a_person

SWITCH_INTENT = "choose_language"
GROUP_INTENT = "inform_target_group"
TEACHING_LANGUAGE_INTENT = "ask_teaching_language"
# Up to this many words a question about a language is about the service in context.
MAX_WORDS_OF_A_LANGUAGE_QUESTION = 4
HANDOFF_INTENT = "request_human"
KEEP_WITH_A_GROUP = frozenset({SWITCH_INTENT, GROUP_INTENT, HANDOFF_INTENT, "cancel"})
# An out-of-domain message that states a situation ("my Iraqi pension…", "я на пенсии, какая
# погода") is still declined: not made the answer to "which describes you?".
OUT_OF_SCOPE = "out_of_scope"
# Below this the FallbackClassifier (config.yml, `threshold`) declines the message.
UNSURE = 0.3
# Asked as a question, these keep their intent when the message states a situation: "can I
# go even if I'm not a job seeker?", "voiko kotiäiti tulla mukaan?" ask who may take part.
# Guessed below the fallback threshold ("Jag är hemma med barnen. Vad finns det för mig?")
# they are the situation told, answered with the services for it.
KEEP_WHEN_ASKED_WITH_A_GROUP = frozenset({"ask_eligibility"})


class _NonTrainable(GraphComponent):
    """A pipeline component of rules only: nothing to learn, nothing to store."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> _NonTrainable:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


class _NonTrainableExtractor(_NonTrainable, EntityExtractorMixin):
    def _add(self, message: Message, entity: str, value: str, **extra: Any) -> None:
        text = message.get(TEXT) or ""
        found = {"entity": entity, "value": value, "start": 0, "end": len(text), **extra}
        message.set(
            ENTITIES,
            [*message.get(ENTITIES, []), *self.add_extractor_name([found])],
            add_to_output=True,
        )


# A forced switch request's rivals keep their order at this share of their confidence, so
# that the fallback classifier does not find a confident rival "too close" to the forced 1.0
# ("can you answer in English? where is the Finnish course"). A stated situation forced to
# `inform_target_group` keeps its rivals: one too close still leaves it to the fallback.
FORCED_RIVALS_SHARE = 0.5


def _force_intent(message: Message, intent: str, rivals_share: float = 1.0) -> None:
    """Make `intent` the certain first choice (the fallback classifier reads both fields);
    the others keep `rivals_share` of their confidence."""
    ranking = [
        {**r, "confidence": float(r.get("confidence") or 0.0) * rivals_share}
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get("name") != intent
    ]
    message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}, *ranking], add_to_output=True
    )


def demote_intent(message: Message, intent: str) -> None:
    """Drop `intent` from the ranking: the next one becomes the first choice with its own
    confidence, so the fallback classifier still rejects it when that is low."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    if not ranking:
        return
    message.set(INTENT, dict(ranking[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


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


GREETING_INTENT = "greet"
# Greetings are short: the longest training example has 7 words.
MAX_WORDS_OF_A_GREETING = 7


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OpeningGreetingRule(_NonTrainable):
    """A greeting that opens a longer message ("Hej! Jag är arbetslös och inskriven på
    TE-byrån. Hur kommer jag in på en kurs i finska?") is a courtesy, not what the message
    is about: the classifier's next intent is taken, so the situation and the question are
    read."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            words = len((message.get(TEXT) or "").split())
            if intent == GREETING_INTENT and words > MAX_WORDS_OF_A_GREETING:
                demote_intent(message, GREETING_INTENT)
        return messages


# "تمام، شكرا" is thanks and yes at once: either answer is right, so a tie between them is
# none for the fallback (config.yml's ambiguity_threshold).
COURTESIES = frozenset({"thank", "affirm", "goodbye"})
FALLBACK_MARGIN = 0.1


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CourtesyTieRule(_NonTrainable):
    """Thanks, yes and goodbye close together ("ok, thanks", "تمام، شكرا يا باشا") are all
    harmless answers: the first is taken instead of "I'm not sure I understood"."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            if len(ranking) < 2 or {r.get("name") for r in ranking[:2]} - COURTESIES:
                continue
            first, second = (float(r.get("confidence") or 0.0) for r in ranking[:2])
            if first >= UNSURE and first - second < FALLBACK_MARGIN:
                _force_intent(message, ranking[0]["name"], FORCED_RIVALS_SHARE)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class NamedServiceRule(_NonTrainable):
    """A question that names a service is about that service (docs/intents.md): "сколько
    стоит Kaikukortti?" is `ask_kaikukortti`, however close behind the classifier put it to
    the follow-up `ask_cost`; the answer then gives the detail asked (bot/answers.py,
    `asked_topic`). Without this, two intents that close are left to the fallback."""

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        for message in messages:
            first_two = [r.get("name") or "" for r in (message.get(INTENT_RANKING_KEY) or [])[:2]]
            if len(first_two) < 2 or not any(n in FOLLOWUP_INTENTS for n in first_two):
                continue
            for name in first_two:
                service = catalogue.by_intent(name)
                if service is not None and catalogue.names_service(
                    service, message.get(TEXT) or ""
                ):
                    _force_intent(message, name, FORCED_RIVALS_SHARE)
                    break
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DetailQuestionRule(_NonTrainable):
    """A follow-up that asks a detail in so many words asks that one (the words are in one
    table, `asked_topic` in bot/answers.py): "قديش بياخد وقت؟" and "skolko chasov v nedelyu?"
    ask how long, though "how much" also asks the price and the classifier read a cost."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            if intent not in FOLLOWUP_INTENTS:
                continue
            topic = asked_topic(message.get(TEXT) or "")
            asked = f"ask_{topic}" if topic else None
            if asked in FOLLOWUP_INTENTS and asked != intent:
                _force_intent(message, asked, FORCED_RIVALS_SHARE)
        return messages


SWEDISH_SERVICE_INTENT = "ask_swedish_integration"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TaughtLanguageRule(_NonTrainable):
    """Learning Finnish is not integrating in Swedish: a message that names Finnish and not
    Swedish ("Куда мне идти учить финский?") is not `ask_swedish_integration`, however close
    the classifier put the two language courses (the words "course" and "learn" they share
    weigh more in a long story than the one word that tells them apart)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            first_two = [r.get("name") for r in (message.get(INTENT_RANKING_KEY) or [])[:2]]
            if SWEDISH_SERVICE_INTENT not in first_two:
                continue
            named = named_languages(message.get(TEXT) or "")
            if "fi" in named and "sv" not in named:
                demote_intent(message, SWEDISH_SERVICE_INTENT)
        return messages


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
            )
            if is_translation_task(text):
                # "translate good morning into Spanish" names a language but asks for a task
                # out of the domain: declined, and no switch.
                _force_intent(message, OUT_OF_SCOPE, FORCED_RIVALS_SHARE)
                requested = None
            elif requested:
                # Unambiguous on its own ("Svenska", "in English please") or asked of the
                # assistant in a sentence ("can you answer in English, my wife doesn't
                # understand Swedish"): a switch request, whatever the classifier ranked first.
                _force_intent(message, SWITCH_INTENT, FORCED_RIVALS_SHARE)
            elif _short_language_question(text, intent):
                # "это на русском?", "onko se venäjäksi?": a question about the language
                # of the service in context, not a request to switch.
                _force_intent(message, TEACHING_LANGUAGE_INTENT)
            elif intent == SWITCH_INTENT and (
                not asks_for_a_language(text) or asks_about_a_language(text)
            ):
                # Names a language but asks for something else ("where can I learn
                # Finnish while at home with the baby?", "is the course given in Arabic
                # too?"): the next intent is meant.
                demote_intent(message, SWITCH_INTENT)
            elif intent == SWITCH_INTENT:
                requested = requested_language(text)
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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PersonRequestRule(_NonTrainable):
    """A request for a person in so many words ("can someone call me and explain?", "I need
    help filling this in", bot/person_requests.py) is `request_human`, whatever the
    classifier read: right after a service answer it takes "explain" for "tell me more" and
    "who can help me" for "who can take part", and the person never reaches the
    coordinator (docs/intents.md)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if asks_for_a_person(message.get(TEXT) or ""):
                # Also when the classifier put it first, but with "cancel" too close behind
                # for the fallback ("voisko joku soittaa mulle? en osaa täyttää tätä").
                _force_intent(message, HANDOFF_INTENT, FORCED_RIVALS_SHARE)
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
            group = catalogue.group_in_text(message.get(TEXT) or "")
            if not group:
                continue
            self._add(message, "target_group", group, confidence_entity=1.0)
            intent = (message.get(INTENT) or {}).get("name") or ""
            if (
                intent in KEEP_WHEN_ASKED_WITH_A_GROUP
                and _asks(message)
                and _confidence(message) >= UNSURE
            ):
                continue
            # The classifier reading a stated situation as one is certain, however unsure it
            # was: without this, a low score lets the fallback swallow the answer. A follow-up
            # topic (ask_childcare, …) heard in "I'm at home with my kids" is no service
            # question either: the message answers "which describes you?".
            # But a service question ranked just behind ("where can I learn Finnish if I'm
            # at home with my child?" read as a follow-up or unsure) is the question asked.
            if intent == OUT_OF_SCOPE:
                continue
            if intent == GROUP_INTENT or (
                catalogue.by_intent(intent) is None and intent not in KEEP_WITH_A_GROUP
            ):
                service_intent = _close_service_intent(message, catalogue)
                _force_intent(message, service_intent or GROUP_INTENT)
            elif _confidence(message) < UNSURE and not _asks(message):
                # "أنا في البيت مع أطفالي" guessed weakly as a service it names no part of:
                # the fallback would drop it; it answers "which describes you?".
                _force_intent(message, GROUP_INTENT)
            else:
                _prefer_the_service_for_the_group(message, catalogue, group)
                _ask_the_service_rather_than_tell_the_situation(message, catalogue)
            _offer_the_service_meant_for_the_group(message, catalogue, group)
        return messages


# A service intent ranked within this many places of the first, with at least this share of
# its confidence, and above `inform_target_group`, is what a message stating a situation asks.
SERVICE_RANKS_BEHIND = 3
SERVICE_SHARE_OF_FIRST = 0.5
# Without a question mark ("I'm at home with my kids" answers "which describes you?") the
# service must be nearly as likely as the first choice.
SERVICE_SHARE_UNASKED = 0.8


def _is_question(message: Message) -> bool:
    text = message.get(TEXT) or ""
    return "?" in text or "؟" in text


# A question without a question mark: its first word asks ("voinko", "pääseekö", "can",
# "får", "можно", "чи", "هل").
_ASKING_FIRST_WORD = re.compile(
    r"^\W*(?:\w+(?:ko|kö|ks)|can|could|may|is|am|are|do|does|will|would|who|kan|får|far|är|ar"
    r"|gäller|galler|kommer|vem|можно|могу|может|можем|можу|може|можемо|чи|хто|кто|هل|ممكن"
    r"|بقدر|بيقدر|بتقدر|بنقدر|مين)\b",
    re.IGNORECASE,
)


def _confidence(message: Message) -> float:
    return float((message.get(INTENT) or {}).get("confidence") or 0.0)


def _asks(message: Message) -> bool:
    return _is_question(message) or bool(_ASKING_FIRST_WORD.search(message.get(TEXT) or ""))


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


# As the fallback classifier's ambiguity_threshold (config.yml): two intents closer than this
# are too close to tell apart.
AMBIGUITY = 0.1


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
        _force_intent(message, (first if serving[0] else second)["name"])


def _offer_the_service_meant_for_the_group(message: Message, catalogue: Any, group: str) -> None:
    """A service described, not named, that is not provided for the group the message states
    is the one the catalogue offers that group instead: "я безробітна, де вчити фінську
    безкоштовно?" read as the S2 classes for parents at home asks for integration training."""
    service = catalogue.by_intent((message.get(INTENT) or {}).get("name"))
    if service is None or service.providers_for(group) is not None:
        return
    instead = service.instead.get(group, ())
    if len(instead) == 1 and not catalogue.names_service(service, message.get(TEXT) or ""):
        # The service it replaces keeps half its confidence: not close enough to be a tie.
        _force_intent(message, f"ask_{instead[0]}", FORCED_RIVALS_SHARE)


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
