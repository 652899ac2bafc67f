"""Compose the coordinator's e-mail from what the newcomer consented to send.

The coordinator works in Finnish, so the e-mail's labels are Finnish (with English in
brackets); the newcomer's own words are quoted as they wrote them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from bot.catalogue import Catalogue

LANGUAGE_NAMES_FI = {
    "fi": "suomi",
    "sv": "ruotsi",
    "en": "englanti",
    "ar": "arabia",
    "ru": "venäjä",
    "uk": "ukraina",
}
CHANNEL_NAMES_FI = {
    "socketio": "verkkosivun chat (website)",
    "rest": "REST-rajapinta (REST API)",
    "telegram": "Telegram",
}
GROUP_NAMES_FI = {
    "job_seeker": "työtön työnhakija (unemployed job seeker)",
    "outside_labour_force": "työvoiman ulkopuolella (outside the labour force)",
}


@dataclass(frozen=True)
class Turn:
    timestamp: float
    speaker: str  # "user" or "bot"
    text: str


@dataclass(frozen=True)
class HandoffRequest:
    conversation_id: str
    language: str
    channel: str
    contact: str
    description: str | None
    target_group: str | None
    services: list[str] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)


def subject(request: HandoffRequest, catalogue: Catalogue) -> str:
    language = LANGUAGE_NAMES_FI.get(request.language, request.language)
    topic = (
        catalogue.services[request.services[-1]].name["fi"]
        if request.services and request.services[-1] in catalogue.services
        else "yleinen kysymys"
    )
    return f"Kotobot: yhteydenottopyyntö – kieli: {language} – aihe: {topic}"


def body(request: HandoffRequest, catalogue: Catalogue) -> str:
    services = [
        catalogue.services[s].name["fi"] for s in request.services if s in catalogue.services
    ]
    group = GROUP_NAMES_FI.get(request.target_group or "", "ei tiedossa (unknown)")
    lines = [
        "Uusi yhteydenottopyyntö Kotobotista (a newcomer asks to be contacted).",
        "",
        f"Kieli (language): {LANGUAGE_NAMES_FI.get(request.language, request.language)}"
        f" ({request.language})",
        f"Kanava (channel): {CHANNEL_NAMES_FI.get(request.channel, request.channel)}",
        f"Yhteystieto (contact): {request.contact}",
        f"Kohderyhmä (target group): {group}",
        f"Käsitellyt palvelut (services discussed): {', '.join(services) or '–'}",
        "",
        "Kuvaus asiakkaan omin sanoin (description in their words):",
        request.description
        or "(ei kuvausta; katso keskustelu alla / none, see the conversation below)",
        "",
        "Keskustelun viimeiset viestit (last messages, as written):",
    ]
    for turn in request.turns:
        clock = time.strftime("%Y-%m-%d %H:%M", time.gmtime(turn.timestamp))
        who = "Asiakas" if turn.speaker == "user" else "Kotobot"
        lines.append(f"[{clock} UTC] {who}: {turn.text}")
    if not request.turns:
        lines.append("–")
    lines += [
        "",
        f"Keskustelun tunniste (conversation id, for the review tool): {request.conversation_id}",
        "",
        "Asiakas on antanut suostumuksensa näiden tietojen lähettämiseen.",
        "(The newcomer consented to sending this information.)",
    ]
    return "\n".join(lines) + "\n"
