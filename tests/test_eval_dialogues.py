"""The conversation benchmark's scoring, on hand-made tracker states (no servers)."""

from __future__ import annotations

from bot.dialogue_sets import Dialogue, Turn
from bot.eval_dialogues import TurnResult, check, first_answer_words, report

COST = Turn("how much?", ("ask_cost",), ("kaikukortti",), "en")
CARD = Turn("kaikukortti?", ("ask_kaikukortti",), ("kaikukortti",), "en", target_group=None)
HUMAN = Turn("call me", ("request_human",), ("kaikukortti",), "en", handoff=True)


def test_a_turn_is_right_when_all_it_states_holds() -> None:
    slots = {"service": "kaikukortti", "language": "en", "target_group": None}
    assert check(COST, "ask_cost", slots, None) == []
    assert check(HUMAN, "request_human", slots, "handoff_form") == []


def test_each_miss_is_named() -> None:
    misses = check(HUMAN, "choose_language", {"service": None, "language": "ru"}, None)
    assert [m.split(":")[0] for m in misses] == ["intent", "service", "language", "handoff"]


def test_a_stated_target_group_is_checked() -> None:
    turn = Turn("I'm unemployed", ("inform_target_group",), (None,), "en", "job_seeker")
    slots = {"service": None, "language": "en", "target_group": "outside_labour_force"}
    assert check(turn, "inform_target_group", slots, None)[0].startswith("target_group")


def _result(dialogue: Dialogue, number: int, intent: str, replies: list[str]) -> TurnResult:
    turn = dialogue.turns[number - 1]
    slots = {"service": "kaikukortti", "language": "en"}
    result = TurnResult(dialogue, number, turn, intent, slots, None, replies)
    result.misses = check(turn, intent, slots, None)
    return result


def test_only_the_first_answer_about_a_service_is_counted() -> None:
    dialogue = Dialogue("en-x", "en", (CARD, COST, CARD))
    results = [
        _result(dialogue, 1, "ask_kaikukortti", ["one two three", "buttons"]),
        _result(dialogue, 2, "ask_cost", ["free"]),
        _result(dialogue, 3, "ask_kaikukortti", ["a b c d e"]),
    ]
    assert first_answer_words(results) == [3]
    table = report(results, [])
    assert "| en | 1 | 3 | 1.000 | 1.000 | 1.000 |" in table
