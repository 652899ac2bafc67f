"""action_answer_service: answer a service question from the catalogue."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_language, language_choice, latest_entity, send
from bot.actions.followups import guessed_detail, latest_confidence, latest_intent, read_again
from bot.answers import (
    Reply,
    service_detail_replies,
    service_replies,
    topics_reply,
)
from bot.catalogue import Catalogue, Service, get_catalogue
from bot.detail_questions import (
    MAX_WORDS_OF_A_DETAIL_QUESTION,
    MAX_WORDS_OF_A_QUESTION_IN_CONTEXT,
    POINTS_BACK,
    asks_something,
    followup_topic,
)
from bot.i18n import text
from bot.languages import (
    asks_about_a_language,
    in_latin_script,
    learns_a_language,
    without_language_names,
)
from bot.nlu.children_activities import asks_about_a_childs_school_or_hobby
from bot.spelling import compile_tolerant


class ActionAnswerService(Action):
    """Answers `ask_<service>` intents, and the follow-up when the person states their group.

    The service comes from the intent, else from the `service` slot (the question the
    target-group buttons answer). Sets `service` as soon as it is known. A short question
    that names the service and asks a detail ("сколько стоит Kaikukortti?") gets the detail.
    """

    def name(self) -> str:
        return "action_answer_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        catalogue = get_catalogue()
        language = conversation_language(tracker)
        intent = latest_intent(tracker)
        asked = catalogue.by_intent(intent)
        in_context = catalogue.services.get(tracker.get_slot("service") or "")
        if (
            asked is not None
            and in_context is not None
            and asked is not in_context
            and _tells_the_group(catalogue, asked, tracker)
        ):
            asked = None  # the group for the service in context, not another service
        service = asked or in_context
        if service is None:
            topics = topics_reply(catalogue, language)
            send(dispatcher, [Reply(text("target_group_noted", language)), topics])
            return []
        group = tracker.get_slot("target_group")
        message = tracker.latest_message.get("text") or ""
        if asked is not None and in_context is not None:
            topic = _followup_in_context(catalogue, asked, in_context, message)
            if (
                topic is None
                and asked is in_context
                and not _calls_it_by_its_name(catalogue, asked, message)
                # "entäs koulu, poika on 8" after daycare asks about school, not childcare
                and not asks_about_a_childs_school_or_hobby(message)
            ):
                topic = guessed_detail(tracker)
            if topic is not None and (again := read_again(tracker, f"ask_{topic}")):
                return again
        # A question naming the service and one of its details ("is the kaikukortti free?")
        # is answered with that detail; the `service` slot is set for the follow-ups.
        detail = None
        if asked is not None:
            detail = service_detail_replies(catalogue, asked, message, language, group)
        replies = detail or service_replies(catalogue, service, language, group)
        send(dispatcher, [*replies, *language_choice(tracker)])
        return [SlotSet("service", service.id)]


# A service read this sure is what a message stating the person's group asks.
SURE_OF_THE_SERVICE = 0.5


def _tells_the_group(catalogue: Catalogue, asked: Service, tracker: Tracker) -> bool:
    """Whether the message states the person's group, asks nothing and does not name the
    service the classifier read, unsure: "я вдома з дітьми" after the service needs
    assessment, read as the S2 classes 0.34 sure, answers "which describes you?" for the
    assessment."""
    message = tracker.latest_message.get("text") or ""
    return (
        latest_entity(tracker, "target_group") is not None
        and latest_confidence(tracker) < SURE_OF_THE_SERVICE
        and not asks_something(message)
        and not catalogue.names_service(asked, message)
    )


def _followup_in_context(
    catalogue: Catalogue, service: Service, in_context: Service, message: str
) -> str | None:
    """The detail asked by a question the classifier read as a service, when it asks about
    the service just answered: "а с ребенком что будет, пока я на уроке сижу?" after the S2
    classes asks about childcare, "kauanko testi kestää" after the test how long it takes, "а
    де на сайті той переклад вмикається?" after the website translation where to find it.
    The message is then taken again as that follow-up (`read_again`), so the conversation log
    shows what was asked. Also "finns det svenskspråkig undervisning?" after daycare: the
    language word made it the Swedish course; it asks about the daycare. And a question who
    may take part read as another service it does not name. None: it asks no one detail, or
    about another service."""
    if service is in_context:
        if _calls_it_by_its_name(catalogue, service, message):
            return None  # "сколько стоит Kaikukortti?" is about Kaikukortti (docs/intents.md)
        return followup_topic(message, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT)
    if _names_only_a_language(catalogue, service, message):
        return "teaching_language"
    topic = followup_topic(message, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT)
    # "maste man vara arbetslos for att fa gora det?" after the level test, read as Koski for
    # the situation it names: who may take part in the service just answered.
    if not catalogue.names_service(service, message) and topic == "eligibility":
        return "eligibility"
    # A common word for another service refers to the one just answered when a word points
    # back ("а як записатись на ту консультацію?" after business advice, read as the guidance
    # service for the common word) or when the one just answered goes by that word too
    # ("консультации платные?" after "Консультации для предпринимателей"), as "it" would.
    # A name of its own ("kotoutumiskoulutus") asks for that service, whatever points back.
    named = _calls_it_by_its_name(catalogue, service, message) or _names_it_alone(
        catalogue, service, message
    )
    if not named and (
        POINTS_BACK.search(message)
        or (topic is not None and _goes_by_the_same_word(catalogue, service, in_context, message))
    ):
        return topic
    return None


def _goes_by_the_same_word(
    catalogue: Catalogue, service: Service, in_context: Service, message: str
) -> bool:
    """Whether the word that names `service` in the message is in `in_context`'s own name or
    summary, in any language, however its marks are typed ("ارشاد" is the "الإرشاد" of the
    job-search help's name)."""
    word = catalogue.name_in_text(service, message)
    if word is None:
        return False
    spelt = compile_tolerant(re.escape(word))
    return any(
        spelt.search(f"{in_context.name[language]} {in_context.summary(language)}".lower())
        for language in in_context.name
    )


def _calls_it_by_its_name(catalogue: Catalogue, service: Service, message: str) -> bool:
    """Whether the message names the service as a proper name: with a capital letter
    ("Perhesoppa", "Kaikukortti"), or in Latin letters inside Arabic or Cyrillic. A common
    word for it ("а де на сайті той переклад вмикається?", "эта школа") refers to the
    service just answered, as "it" would."""
    name = catalogue.name_in_text(service, message)
    if name is None:
        return False
    start = message.lower().find(name)
    written = message[start : start + len(name)] if start >= 0 else name
    return written[:1].isupper() or (in_latin_script(written) and not in_latin_script(message))


def _names_it_alone(catalogue: Catalogue, service: Service, message: str) -> bool:
    """Whether the message names `service` by the start of one of its names that no other
    service's name has: "ja sit se kotoutumiskoulutus, missä sitä pidetään?" after the level
    test asks about the integration training, though "se" and "sitä" point back; "ту
    консультацію" may still be the consultation just answered."""
    found = (catalogue.name_in_text(service, message) or "").lower()
    if not found or not any(name.lower().startswith(found) for name in service.name.values()):
        return False
    return not any(
        found in name.lower()
        for other in catalogue.services.values()
        if other is not service
        for name in other.name.values()
    )


def _names_only_a_language(catalogue: Catalogue, service: Service, message: str) -> bool:
    """Whether a short question names `service` only by a language, and asks about that
    language rather than about learning it: "finns det svenskspråkig undervisning?" names the
    Swedish course by "svensk" alone; "можно учить шведский?" learns it, and "onko
    ruotsinkielistä kotoutumiskoulutusta?" names a service besides."""
    if len(message.split()) > MAX_WORDS_OF_A_DETAIL_QUESTION or learns_a_language(message):
        return False
    rest = without_language_names(message)
    return (
        catalogue.names_service(service, message)
        and not catalogue.services_named(rest)
        and asks_about_a_language(message)
    )
