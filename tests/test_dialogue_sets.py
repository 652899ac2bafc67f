"""The held-out dialogue and out-of-domain sets follow their format (tests/dialogues/README.md)
and cover what the conversation benchmark measures, in every language."""

from __future__ import annotations

import pytest

from bot.dialogue_sets import (
    DECLINED,
    HELD_OUT_SETS,
    MAX_TURNS,
    MIN_DIALOGUES,
    MIN_TURNS,
    dialogue_problems,
    load_dialogues,
    load_ood,
    ood_problems,
    training_overlap,
)
from bot.languages import LANGUAGES

FOLLOW_UPS = {"ask_cost", "ask_location", "ask_schedule", "ask_signup", "ask_teaching_language"}


SETS = sorted(HELD_OUT_SETS)


@pytest.mark.parametrize("name", SETS)
def test_dialogue_files_follow_the_format(name: str) -> None:
    assert dialogue_problems(HELD_OUT_SETS[name].dialogues_dir) == []


@pytest.mark.parametrize("name", SETS)
def test_ood_files_follow_the_format(name: str) -> None:
    assert ood_problems(HELD_OUT_SETS[name].ood_dir) == []


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_covers_the_situations(name: str, language: str) -> None:
    dialogues = load_dialogues(HELD_OUT_SETS[name].dialogues_dir)[language]
    assert len(dialogues) >= MIN_DIALOGUES
    assert all(MIN_TURNS <= len(d.turns) <= MAX_TURNS for d in dialogues)
    turns = [t for d in dialogues for t in d.turns]
    assert any(t.declined and set(t.intents) <= set(DECLINED) for t in turns), "out-of-domain"
    assert any(t.handoff and "request_human" in t.intents for t in turns), "indirect handoff"
    assert any(set(t.intents) & FOLLOW_UPS for t in turns), "follow-up question"
    assert any(t.language != language for t in turns), "language switch"
    assert any("ask_teaching_language" in t.intents for t in turns), "is it in <language>?"
    assert any(len(d.turns[0].user.split()) >= 20 for d in dialogues), "a situation story"


@pytest.mark.parametrize("name", SETS)
def test_the_sets_are_loaded_in_every_language(name: str) -> None:
    ood = load_ood(HELD_OUT_SETS[name].ood_dir)
    assert set(ood) == set(LANGUAGES)
    assert all(len(s.in_scope) >= 40 for s in ood.values())


@pytest.mark.parametrize("name", SETS)
def test_no_held_out_message_is_in_the_training_data(name: str) -> None:
    """Held out means never trained on: not even a short follow-up word for word."""
    held_out = HELD_OUT_SETS[name]
    dialogues, ood = load_dialogues(held_out.dialogues_dir), load_ood(held_out.ood_dir)
    assert training_overlap(dialogues, ood) == []
