"""Our tracker store writes and reads exactly what Rasa's SQLTrackerStore would, masked.

MaskingSQLTrackerStore replaces Rasa's ORM queries with prepared statements (every message
reads and writes the tracker); Rasa's own store, reading the same SQLite file, is the reference.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.paths import DOMAIN_DIR
from bot.stores import MaskingSQLTrackerStore


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(DOMAIN_DIR))


def _stores(domain: Domain, tmp_path: Path) -> tuple[SQLTrackerStore, SQLTrackerStore]:
    db = str(tmp_path / "trackers.db")
    ours = MaskingSQLTrackerStore(domain=domain, dialect="sqlite", db=db)
    return ours, SQLTrackerStore(domain=domain, dialect="sqlite", db=db)


def _turn(tracker: DialogueStateTracker, text: str, timestamp: float) -> None:
    intent = {"name": "ask_cost", "confidence": 0.9}
    tracker.update(UserUttered(text, intent, parse_data={"intent": intent}, timestamp=timestamp))
    tracker.update(ActionExecuted("action_answer_followup", timestamp=timestamp))
    tracker.update(BotUttered("The programme does not say.", timestamp=timestamp))
    tracker.update(ActionExecuted("action_listen", timestamp=timestamp))


def _dicts(tracker: DialogueStateTracker | None) -> list[dict]:
    assert tracker is not None
    return [event.as_dict() for event in tracker.events]


def test_saved_turns_read_back_as_rasa_reads_them_without_duplicates(domain, tmp_path):
    ours, rasas = _stores(domain, tmp_path)
    tracker = DialogueStateTracker("newcomer", domain.slots)
    tracker.update(SessionStarted(timestamp=1.0))
    for step in range(3):
        _turn(tracker, f"how much does it cost {step}?", 2.0 + step)
        asyncio.run(ours.save(tracker))
        asyncio.run(ours.save(tracker))  # saving again adds nothing
    read = asyncio.run(ours.retrieve("newcomer"))
    assert _dicts(read) == _dicts(asyncio.run(rasas.retrieve("newcomer")))
    assert len(read.events) == 1 + 3 * 4
    assert asyncio.run(ours.retrieve("nobody")) is None


def test_only_the_latest_session_is_read_unless_all_are_asked_for(domain, tmp_path):
    ours, rasas = _stores(domain, tmp_path)
    tracker = DialogueStateTracker("newcomer", domain.slots)
    tracker.update(SessionStarted(timestamp=1.0))
    _turn(tracker, "first session", 2.0)
    tracker.update(SessionStarted(timestamp=10.0))
    _turn(tracker, "second session", 11.0)
    asyncio.run(ours.save(tracker))
    latest = asyncio.run(ours.retrieve("newcomer"))
    assert [e.text for e in latest.events if isinstance(e, UserUttered)] == ["second session"]
    assert _dicts(latest) == _dicts(asyncio.run(rasas.retrieve("newcomer")))
    everything = asyncio.run(ours.retrieve_full_tracker("newcomer"))
    assert _dicts(everything) == _dicts(asyncio.run(rasas.retrieve_full_tracker("newcomer")))
    assert len(everything.events) == 2 * 5


def test_what_is_written_is_masked(domain, tmp_path):
    ours, _ = _stores(domain, tmp_path)
    tracker = DialogueStateTracker("newcomer", domain.slots)
    tracker.update(SessionStarted(timestamp=1.0))
    _turn(tracker, "call me on 040 1234567 or mail anna@example.com", 2.0)
    asyncio.run(ours.save(tracker))
    [said] = [
        e for e in asyncio.run(ours.retrieve("newcomer")).events if isinstance(e, UserUttered)
    ]
    assert "1234567" not in said.text and "anna@example.com" not in said.text


def test_every_kind_of_event_reads_back_as_rasas_deserialise_events_reads_it(domain):
    from rasa.shared.core.events import (
        ActionExecutionRejected,
        ActiveLoop,
        FollowupAction,
        SlotSet,
        deserialise_events,
    )

    from bot.stores import _events

    stored = [
        event.as_dict()
        for event in (
            SessionStarted(timestamp=1.0),
            UserUttered("hei", {"name": "greet", "confidence": 1.0}, timestamp=2.0),
            SlotSet("language", "fi", timestamp=2.1),
            ActionExecuted("utter_greet", timestamp=2.2),
            BotUttered("Hei!", {"buttons": []}, timestamp=2.3),
            ActiveLoop("handoff_form", timestamp=2.4),
            ActionExecutionRejected("handoff_form", timestamp=2.5),
            FollowupAction("action_listen", timestamp=2.6),
            ActiveLoop(None, timestamp=2.7),
        )
    ]
    assert _events(stored) == deserialise_events(stored)
    assert _events([{"timestamp": 3.0}]) == []  # no event type: left out, as Rasa
