"""A tracker store with conversations in all six languages, written by Rasa's own
SQLTrackerStore from Rasa events (so the rows are exactly what the assistant writes), plus a
`handoff_outbox` table as the handoff sender keeps it.

Times are relative to today in Helsinki (10:00 local time, `DAYS_AGO` days back), so the
analytics page's default period (the last 30 days) includes every conversation but the old one.
"""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


@dataclass(frozen=True)
class Say:
    """One user message and the bot's answer to it."""

    text: str
    intent: str
    confidence: float = 0.93
    language: str | None = None  # the LanguageDetector's entity; None: too short to tell
    service: str | None = None
    target_group: str | None = None
    action: str = "utter_answer"
    replies: tuple[str, ...] = ("…",)
    buttons: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Conversation:
    sender: str
    channel: str  # Rasa's input channel: socketio (website), telegram, rest
    days_ago: int
    turns: tuple[Say, ...]
    handoff: str | None = None  # a key of _HANDOFF_STATES: its row in handoff_outbox
    hint: str | None = None  # the client's language hint in the message metadata


TOPIC_BUTTONS_FI = (("Kielen opiskelu", '/help{"topic":"language"}'), ("Lapsiperheet", "/ask_x"))
TOPIC_BUTTONS_AR = (("تعلّم اللغة", '/help{"topic":"language"}'),)

CONVERSATIONS: tuple[Conversation, ...] = (
    Conversation(
        "fi-web-kaikukortti",
        "socketio",
        1,
        (
            Say(
                "hei",
                "greet",
                0.98,
                "fi",
                replies=("Hei! Olen Kotobot.", "Mistä aiheesta?"),
                buttons=TOPIC_BUTTONS_FI,
                action="utter_greet",
            ),
            Say(
                "missä saan kaikukortin?",
                "ask_kaikukortti",
                0.91,
                "fi",
                service="kaikukortti",
                replies=("Kaikukortin saat sosiaalityöntekijältä.",),
                action="action_answer_service",
            ),
        ),
    ),
    Conversation(
        "sv-telegram-test",
        "telegram",
        2,
        (
            Say(
                "hej", "greet", 0.97, "sv", replies=("Hej! Jag är Kotobot.",), action="utter_greet"
            ),
            Say(
                "var gör man språktestet?",
                "ask_language_level_test",
                0.88,
                "sv",
                service="language_level_test",
                replies=("Testipiste ordnar testet.",),
                action="action_answer_service",
            ),
        ),
        handoff="retrying",
    ),
    Conversation(
        "en-rest-fallbacks",
        "rest",
        3,
        (
            Say("hello", "greet", 0.99, "en", replies=("Hi! I'm Kotobot.",), action="utter_greet"),
            Say(
                "blorf the wibble",
                "nlu_fallback",
                0.31,
                "en",
                action="utter_fallback",
                replies=("Sorry, I didn't understand that.",),
            ),
            Say(
                "my number is 040 123 4567",
                "nlu_fallback",
                0.25,
                "en",
                action="utter_fallback",
                replies=("Sorry, I didn't understand that.",),
            ),
        ),
    ),
    Conversation(
        "ar-web-handoff-failed",
        "socketio",
        1,
        (
            Say(
                "مرحبا",
                "greet",
                0.98,
                "ar",
                replies=("مرحبًا! أنا Kotobot.", "عن أي موضوع؟"),
                buttons=TOPIC_BUTTONS_AR,
                action="utter_greet",
            ),
            Say(
                "أين أحصل على كايكوكورتي؟",
                "ask_kaikukortti",
                0.95,
                "ar",
                service="kaikukortti",
                replies=("تحصل على بطاقة كايكو من الأخصائي الاجتماعي.",),
                action="action_answer_service",
            ),
            Say(
                "أريد التحدث مع شخص، رقمي 0401234567",
                "request_human",
                0.9,
                "ar",
                replies=("سأطلب من المنسق الاتصال بك.",),
                action="action_contact_coordinator",
            ),
        ),
        handoff="failed",
        hint="ar",
    ),
    Conversation(
        "ar-telegram-handoff-sent",
        "telegram",
        4,
        (
            Say(
                "مرحبا", "greet", 0.98, "ar", replies=("مرحبًا! أنا Kotobot.",), action="utter_greet"
            ),
            Say(
                "ما هو الطقس اليوم",
                "out_of_scope",
                0.8,
                "ar",
                action="utter_out_of_scope",
                replies=("عذرًا، يمكنني المساعدة فقط في خدمات الاندماج.",),
            ),
            Say(
                "أريد التحدث مع موظف",
                "request_human",
                0.92,
                "ar",
                replies=("سأطلب من المنسق الاتصال بك.",),
                action="action_contact_coordinator",
            ),
        ),
        handoff="sent",
    ),
    Conversation(
        "ar-web-training",
        "socketio",
        5,
        (
            Say(
                "مرحبا", "greet", 0.98, "ar", replies=("مرحبًا! أنا Kotobot.",), action="utter_greet"
            ),
            Say(
                "دورة اللغة الفنلندية",
                "ask_integration_training",
                0.86,
                "ar",
                service="integration_training",
                target_group="job_seeker",
                replies=("تدريب الاندماج تنظمه خدمات التوظيف.",),
                action="action_answer_service",
            ),
        ),
    ),
    Conversation(
        "ru-web-handoff-queued",
        "socketio",
        2,
        (
            Say(
                "привет", "greet", 0.97, "ru", replies=("Привет! Я Kotobot.",), action="utter_greet"
            ),
            Say(
                "где получить каикукортти",
                "ask_kaikukortti",
                0.9,
                "ru",
                service="kaikukortti",
                replies=("Kaikukortti выдаёт социальный работник.",),
                action="action_answer_service",
            ),
            Say(
                "Мой телефон +7 912 345-67-89, позвоните",
                "request_human",
                0.87,
                "ru",
                replies=("Координатор свяжется с вами.",),
                action="action_contact_coordinator",
            ),
        ),
        handoff="queued",
    ),
    Conversation(
        "uk-telegram-training",
        "telegram",
        3,
        (
            Say(
                "привіт", "greet", 0.97, "uk", replies=("Привіт! Я Kotobot.",), action="utter_greet"
            ),
            Say(
                "курси фінської мови",
                "ask_integration_training",
                0.84,
                "uk",
                service="integration_training",
                replies=("Навчання з інтеграції…",),
                action="action_answer_service",
            ),
            Say(
                "яка сьогодні погода",
                "out_of_scope",
                0.77,
                "uk",
                action="utter_out_of_scope",
                replies=("Вибачте, я допомагаю лише з послугами інтеграції.",),
            ),
        ),
        handoff="draft",  # the form was started, not sent: no handoff yet
    ),
    Conversation(
        "en-web-switch-to-ar",
        "socketio",
        6,
        (
            Say("hi", "greet", 0.95, "en", replies=("Hi! I'm Kotobot.",), action="utter_greet"),
            Say(
                "بالعربي",
                "choose_language",
                0.9,
                "ar",
                replies=("حسنًا، سأكتب بالعربية.",),
                action="action_switch_language",
            ),
        ),
    ),
    Conversation(
        "fi-rest-old",
        "rest",
        120,
        (
            Say(
                '=HYPERLINK("http://evil.example","hei")',
                "nlu_fallback",
                0.2,
                "fi",
                action="utter_fallback",
                replies=("Anteeksi, en ymmärtänyt.",),
            ),
            Say("hei", "greet", 0.98, "fi", replies=("Hei! Olen Kotobot.",), action="utter_greet"),
        ),
    ),
)

ALL_SENDERS = frozenset(c.sender for c in CONVERSATIONS)
SLOTS = ("language", "service", "target_group")


def start_of(days_ago: int) -> datetime:
    """10:00 in Helsinki, `days_ago` days before today."""
    day = datetime.now(HELSINKI).date() - timedelta(days=days_ago)
    return datetime.combine(day, time(10, 0), HELSINKI)


def day(days_ago: int) -> date:
    return start_of(days_ago).date()


def conversation_events(conversation: Conversation, started: float | None = None) -> list:
    """The Rasa events of one conversation, as the Rasa server would record them."""
    from rasa.shared.core.events import (
        ActionExecuted,
        BotUttered,
        SessionStarted,
        SlotSet,
        UserUttered,
    )

    at = started if started is not None else start_of(conversation.days_ago).timestamp()
    events: list = [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at + 0.01),
        ActionExecuted("action_listen", timestamp=at + 0.02),
    ]
    for n, say in enumerate(conversation.turns):
        t = at + 1 + 30 * n
        entities = []
        if say.language:
            entities.append(
                {
                    "entity": "language",
                    "value": say.language,
                    "start": 0,
                    "end": len(say.text),
                    "confidence_entity": 1.0,
                    "method": "script",
                    "extractor": "LanguageDetector",
                }
            )
        if say.target_group:
            entities.append(
                {
                    "entity": "target_group",
                    "value": say.target_group,
                    "start": 0,
                    "end": len(say.text),
                    "extractor": "TargetGroupExtractor",
                }
            )
        metadata = {"language": conversation.hint} if conversation.hint else {}
        events.append(
            UserUttered(
                say.text,
                intent={"name": say.intent, "confidence": say.confidence},
                entities=entities,
                timestamp=t,
                input_channel=conversation.channel,
                message_id=f"{conversation.sender}-{n}",
                metadata=metadata,
            )
        )
        if say.language:
            events.append(SlotSet("language", say.language, timestamp=t + 0.1))
        if say.target_group:
            events.append(SlotSet("target_group", say.target_group, timestamp=t + 0.2))
        events.append(
            ActionExecuted(say.action, policy="RulePolicy", confidence=1.0, timestamp=t + 0.3)
        )
        for r, reply in enumerate(say.replies):
            buttons = [{"title": title, "payload": payload} for title, payload in say.buttons]
            last = r == len(say.replies) - 1
            events.append(
                BotUttered(
                    reply,
                    data={"buttons": buttons if last and buttons else None},
                    timestamp=t + 0.4 + r / 100,
                )
            )
        if say.service:
            events.append(SlotSet("service", say.service, timestamp=t + 0.5))
        events.append(
            ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0, timestamp=t + 0.6)
        )
    return events


def write_tracker_store(
    database: Path, conversations: tuple[Conversation, ...] | list[Conversation] = CONVERSATIONS
) -> None:
    """Save the conversations with Rasa's SQLTrackerStore into a SQLite file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core.domain import Domain
        from rasa.shared.core.trackers import DialogueStateTracker

        domain = Domain.from_dict(
            {
                "entities": ["language", "target_group"],
                "slots": {
                    name: {"type": "any", "mappings": [{"type": "custom"}]} for name in SLOTS
                },
            }
        )
        store = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(database))

        async def save_all() -> None:
            for conversation in conversations:
                tracker = DialogueStateTracker.from_events(
                    conversation.sender, conversation_events(conversation), slots=domain.slots
                )
                await store.save(tracker)

        asyncio.run(save_all())
        store.engine.dispose()


def write_handoff_outbox(
    database: Path, conversations: tuple[Conversation, ...] | list[Conversation] = CONVERSATIONS
) -> None:
    """Rows in the handoff sender's own table (bot.handoff.outbox), one per conversation that
    asked for a person, in the state the fixture names."""
    import sqlalchemy as sa

    from bot.data import migrate
    from bot.data.schema import outbox

    engine = sa.create_engine(f"sqlite:///{database}")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        for conversation in conversations:
            if conversation.handoff:
                created = start_of(conversation.days_ago).timestamp() + 120
                connection.execute(
                    outbox.insert().values(
                        conversation_id=conversation.sender,
                        created_at=created,
                        language="ar",
                        channel=conversation.channel,
                        contact="+358 40 765 4321",  # what the newcomer consented to send
                        description="Tarvitsen apua asunnon kanssa",
                        **_HANDOFF_STATES[conversation.handoff](created),
                    )
                )
    engine.dispose()


_HANDOFF_STATES = {
    "draft": lambda created: {"status": "draft", "attempts": 0},
    "queued": lambda created: {"status": "queued", "attempts": 0, "next_attempt_at": created},
    "retrying": lambda created: {
        "status": "queued",
        "attempts": 2,
        "last_error": "SMTP connection to mail.example.fi timed out",
        "next_attempt_at": created + 600,
    },
    "sent": lambda created: {"status": "sent", "attempts": 1, "sent_at": created + 5},
    # The outbox never gives up: a failing e-mail stays queued with its last error.
    "failed": lambda created: {
        "status": "queued",
        "attempts": 5,
        "next_attempt_at": created + 3600,
        "last_error": "SMTP 550: mailbox coordinator@example.fi unavailable",
    },
}


def build_fixture_database(database: Path) -> Path:
    write_tracker_store(database)
    write_handoff_outbox(database)
    return database
