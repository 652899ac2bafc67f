"""Compose replies from the catalogue: pure functions, so they are tested without Rasa."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.catalogue import DETAIL_TOPICS, TARGET_GROUPS, Catalogue, Service
from bot.detail_questions import asked_topic_in_any_script
from bot.i18n import join_list, text
from bot.languages import NATIVE_NAMES

INTENT_HANDOFF = "request_human"
INTENT_TARGET_GROUP = "inform_target_group"
INTENT_MORE = "ask_more"
INTENT_TOPICS = "help"
# Follow-up intents: ask_<topic> for each detail topic, and ask_more ("More about this").
FOLLOWUP_INTENTS: dict[str, str] = {f"ask_{t}": t for t in DETAIL_TOPICS} | {INTENT_MORE: "more"}
MAX_FIRST_ANSWER_WORDS = 60
MAX_SERVICE_BUTTONS = 6


@dataclass(frozen=True)
class Reply:
    """One bot message: text and quick-reply buttons ({"title", "payload"})."""

    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def _payload(intent: str, **entities: str) -> str:
    if not entities:
        return f"/{intent}"
    inner = ",".join(f'"{k}":"{v}"' for k, v in entities.items())
    return f"/{intent}{{{inner}}}"


def _provider_names(catalogue: Catalogue, ids: tuple[str, ...], language: str) -> str:
    return join_list([catalogue.providers[pid].name[language] for pid in ids], language)


def not_for_group_text(catalogue: Catalogue, service: Service, language: str) -> str:
    """Whom the service is for, in a sentence: each group's `for_whom` phrase is written in the
    form the sentence needs in that language (a group's name is a label and would not fit)."""
    phrases = [catalogue.target_groups[g].for_whom[language] for g in service.target_groups]
    return text("not_for_group", language, for_whom=join_list(phrases, language))


def service_button(service: Service, language: str) -> dict[str, str]:
    return {"title": service.name[language], "payload": _payload(service.intent)}


def coordinator_button(language: str) -> dict[str, str]:
    return {"title": text("button_contact_coordinator", language), "payload": f"/{INTENT_HANDOFF}"}


def target_group_buttons(catalogue: Catalogue, language: str) -> list[dict[str, str]]:
    return [
        {
            "title": catalogue.target_groups[group].button[language],
            "payload": _payload(INTENT_TARGET_GROUP, target_group=group),
        }
        for group in TARGET_GROUPS
    ]


def language_buttons() -> list[dict[str, str]]:
    """Each language named in itself, so anyone can find theirs."""
    return [
        {"title": name, "payload": _payload("choose_language", language=code)}
        for code, name in NATIVE_NAMES.items()
    ]


def topics_reply(catalogue: Catalogue, language: str) -> Reply:
    buttons = [
        {"title": topic.name[language], "payload": _payload("help", topic=topic.id)}
        for topic in catalogue.topics
    ]
    return Reply(text("choose_topic", language), buttons)


def topic_services_reply(catalogue: Catalogue, topic_id: str, language: str) -> Reply | None:
    topic = catalogue.topic(topic_id)
    if topic is None:
        return None
    buttons = [service_button(catalogue.services[sid], language) for sid in topic.services]
    return Reply(text("choose_service", language, topic=topic.name[language]), buttons)


def words(message: str) -> int:
    """Words as a reader counts them: split on whitespace (a URL or e-mail is one word)."""
    return len(message.split())


def more_button(language: str) -> dict[str, str]:
    return {"title": text("button_more", language), "payload": f"/{INTENT_MORE}"}


def _heading(service: Service, language: str) -> str:
    return service.name[language]


def service_replies(
    catalogue: Catalogue, service: Service, language: str, group: str | None
) -> list[Reply]:
    """The first answer about `service` for someone in `group` (None: not known yet).

    Plain language, at most MAX_FIRST_ANSWER_WORDS: what it is in one sentence, who provides
    it for this person, and the next step. When the provider depends on the group and it is
    unknown, the answer asks for the group with buttons instead. Everything else (the
    description, facts, the multi-sectoral version, related services) is behind "More about
    this" (`more_replies`) and the follow-up questions (`followup_replies`).
    """
    intro = f"{_heading(service, language)}\n{service.summary(language)}"
    if service.depends_on_group and group is None:
        buttons = [*target_group_buttons(catalogue, language), more_button(language)]
        return [Reply(intro), Reply(text("ask_target_group", language), buttons)]

    parts = [intro]
    providers = service.providers_for(group)
    how_to = service.how_to_for(group)
    if providers is None or how_to is None:
        parts.append(not_for_group_text(catalogue, service, language))
        related = service.related_for(group)
        buttons = [service_button(catalogue.services[rid], language) for rid in related]
        return [Reply("\n\n".join(parts), [*buttons, coordinator_button(language)])]
    key = "provided_for_you" if group and "any" not in service.providers else "provided_by"
    parts.append(text(key, language, providers=_provider_names(catalogue, providers, language)))
    parts.append(text("how_to", language, how_to=how_to[language]))
    return [Reply("\n\n".join(parts), [more_button(language), coordinator_button(language)])]


def _multisectoral_paragraph(
    catalogue: Catalogue, service: Service, language: str, group: str | None
) -> str | None:
    if service.multisectoral is None:
        return None
    ms = service.multisectoral.providers
    ms_providers = ms.get("any") or ms.get(group or "", ())
    if not ms_providers:
        return None
    return text(
        "multisectoral",
        language,
        description=service.multisectoral.description[language],
        providers=_provider_names(catalogue, ms_providers, language),
    )


def more_replies(
    catalogue: Catalogue, service: Service, language: str, group: str | None
) -> list[Reply]:
    """ "More about this": the description, the facts, the multi-sectoral version for the
    person's group, and related services as buttons."""
    facts = "".join(f"\n• {fact[language]}" for fact in service.facts)
    parts = [f"{_heading(service, language)}\n{service.description[language]}{facts}"]
    multisectoral = _multisectoral_paragraph(catalogue, service, language, group)
    if multisectoral:
        parts.append(multisectoral)
    parts.append(text("source", language, seed=_seed_names(service.seed, language)))
    related = service.related_for(group)
    buttons = [service_button(catalogue.services[rid], language) for rid in related]
    buttons.append(coordinator_button(language))
    return [Reply("\n\n".join(parts), buttons)]


def _seed_names(seed: str, language: str) -> str:
    return ", ".join(
        text("seed_table", language) if ref == "Vastuutaulukko" else ref for ref in seed.split(", ")
    )


def _by_group_lines(
    catalogue: Catalogue, values: dict[str, str], language: str, group: str | None
) -> str:
    """One value for the person's group, or each group's value on its own line."""
    if "any" in values:
        return values["any"]
    if group in values:
        return values[group]
    if len(values) == 1:
        return next(iter(values.values()))
    return "\n".join(
        f"• {catalogue.target_groups[g].name[language]}: {v}" for g, v in values.items()
    )


def followup_replies(
    catalogue: Catalogue,
    service: Service | None,
    topic: str,
    language: str,
    group: str | None,
) -> list[Reply]:
    """The answer to a follow-up question (`topic` of DETAIL_TOPICS, or "more") about the
    service in context: the programme's detail with its section, or a plain "the programme
    does not say" and the coordinator. Without a service in context: which one is meant?"""
    if service is None:
        return [which_service_reply(catalogue, topic, language)]
    if topic == "more":
        return more_replies(catalogue, service, language, group)
    heading = _heading(service, language)
    buttons = [more_button(language), coordinator_button(language)]
    detail = service.details.get(topic)
    if detail is not None:
        source = text("source", language, seed=_seed_names(detail.seed, language))
        return [Reply(f"{heading}\n{detail.text[language]}\n\n{source}", buttons)]
    source = text("source", language, seed=_seed_names(service.seed, language))
    if topic == "eligibility":
        names = [catalogue.target_groups[g].name[language] for g in service.target_groups]
        answer = text("meant_for", language, groups=join_list(names, language))
        return [Reply(f"{heading}\n{answer}\n\n{source}", buttons)]
    if topic == "signup":
        how_to = {g: v[language] for g, v in service.how_to.items()}
        answer = _by_group_lines(catalogue, how_to, language, group)
        return [Reply(f"{heading}\n{answer}\n\n{source}", buttons)]
    silent = text(f"silent_{topic}", language, service=heading)
    return [Reply(silent, [coordinator_button(language), more_button(language)])]


def which_service_reply(catalogue: Catalogue, topic: str, language: str) -> Reply:
    """A follow-up with no service in context: the services the programme says something
    about on this topic as buttons (when there are a few), else the topics."""
    having = [s for s in catalogue.services.values() if topic in s.details]
    if 0 < len(having) <= MAX_SERVICE_BUTTONS:
        return Reply(text("which_service", language), [service_button(s, language) for s in having])
    topics = topics_reply(catalogue, language)
    return Reply(text("which_service", language), topics.buttons)


def which_of_reply(services: list[Service], language: str) -> Reply:
    """Which of these services is meant: one button each, and one for something else (the
    topics)."""
    other = {"title": text("button_something_else", language), "payload": f"/{INTENT_TOPICS}"}
    return Reply(
        text("which_service", language), [*(service_button(s, language) for s in services), other]
    )


def service_detail_replies(
    catalogue: Catalogue, service: Service, message: str, language: str, group: str | None
) -> list[Reply] | None:
    """The answer to a message that names `service` and asks one of its details ("сколько
    стоит Kaikukortti?"): that detail, when the catalogue has it; else None (the first answer
    tells more than "the programme does not say")."""
    topic = asked_topic_in_any_script(message)
    if topic is None or topic not in service.details:
        return None
    return followup_replies(catalogue, service, topic, language, group)
