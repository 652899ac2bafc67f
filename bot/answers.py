"""Compose replies from the catalogue: pure functions, so they are tested without Rasa."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.catalogue import TARGET_GROUPS, Catalogue, Service
from bot.i18n import join_list, text
from bot.languages import NATIVE_NAMES

INTENT_HANDOFF = "request_human"
INTENT_TARGET_GROUP = "inform_target_group"


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


def service_replies(
    catalogue: Catalogue, service: Service, language: str, group: str | None
) -> list[Reply]:
    """The answer about `service` for someone in `group` (None: not known yet).

    When the provider depends on the group and it is unknown, the answer describes the service
    and asks for the group with buttons; otherwise it names the providers for this person and
    the next step, and ends with related services and the offer to contact the coordinator.
    """
    intro = f"{service.name[language]}\n{service.description[language]}"
    facts = "".join(f"\n• {fact[language]}" for fact in service.facts)
    if service.depends_on_group and group is None:
        return [
            Reply(intro + facts),
            Reply(text("ask_target_group", language), target_group_buttons(catalogue, language)),
        ]

    parts = [intro + facts]
    providers = service.providers_for(group)
    how_to = service.how_to_for(group)
    if providers is None or how_to is None:
        parts.append(not_for_group_text(catalogue, service, language))
    else:
        key = "provided_for_you" if group and "any" not in service.providers else "provided_by"
        parts.append(text(key, language, providers=_provider_names(catalogue, providers, language)))
        if service.multisectoral is not None:
            ms_providers = service.multisectoral.providers.get("any") or (
                service.multisectoral.providers.get(group or "", ())
            )
            if ms_providers:
                parts.append(
                    text(
                        "multisectoral",
                        language,
                        description=service.multisectoral.description[language],
                        providers=_provider_names(catalogue, ms_providers, language),
                    )
                )
        parts.append(text("how_to", language, how_to=how_to[language]))
    related = service.related_for(group)
    buttons = [service_button(catalogue.services[rid], language) for rid in related]
    buttons.append(coordinator_button(language))
    return [Reply("\n\n".join(parts), buttons)]
