"""Per-language NLU benchmark on the held-out set (tests/nlu_heldout/<lang>.yml).

Prints, per language: intent accuracy and macro-F1, the share of replies in the right
language (as a new conversation's first message with no client hint, and mid-conversation
where an undecided message keeps the language), the out-of-scope rejection rate and the
in-scope false-rejection rate; plus the last training time. A benchmark, not a test: it
asserts nothing. Usage: python -m bot.eval [--model models/kotobot.tar.gz]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES
from bot.paths import MODELS_DIR, PROJECT_ROOT

HELD_OUT_DIR = PROJECT_ROOT / "tests" / "nlu_heldout"
REJECTED = {"out_of_scope", "nlu_fallback"}
TRAIN_TIME_FILE = MODELS_DIR / "train_seconds"


@dataclass
class Row:
    language: str
    text: str
    expected: str
    predicted: str
    detected: str | None
    ranking: list[tuple[str, float]]  # the classifier's own ranking, without nlu_fallback


def load_held_out(directory: Path = HELD_OUT_DIR) -> list[tuple[str, str, str]]:
    """(language, text, intent) for every example of every language file."""
    examples = []
    for language in LANGUAGES:
        data = yaml.safe_load((directory / f"{language}.yml").read_text(encoding="utf-8"))
        for block in data["nlu"]:
            for line in block["examples"].splitlines():
                text = line.strip()
                if text.startswith("- "):
                    examples.append((language, text[2:].strip(), block["intent"]))
    return examples


async def _predict(model: Path, examples: list[tuple[str, str, str]]) -> list[Row]:
    from rasa.core.agent import Agent

    from bot import rasa_graph, story_reading

    story_reading.install()  # as the Rasa server reads (bot/rasa_server.py)
    rasa_graph.install()
    agent = Agent.load(str(model))
    rows = []
    for language, text, intent in examples:
        parsed = await agent.parse_message(text)
        detected = next(
            (e["value"] for e in parsed.get("entities", []) if e.get("entity") == "language"), None
        )
        ranking = [
            (r["name"], float(r["confidence"]))
            for r in parsed.get("intent_ranking", [])
            if r["name"] != "nlu_fallback"
        ]
        rows.append(Row(language, text, intent, parsed["intent"]["name"], detected, ranking))
    return rows


def _label(intent: str) -> str:
    return "out_of_scope" if intent in REJECTED else intent


def macro_f1(truth: list[str], predicted: list[str]) -> float:
    """Macro-F1 over the intents of the held-out set. A message given an intent the set has no
    examples of (a follow-up intent, say) still counts against its true intent's recall; that
    intent is just not averaged in as a class of its own with an F1 of 0."""
    from sklearn.metrics import f1_score

    return float(
        f1_score(truth, predicted, labels=sorted(set(truth)), average="macro", zero_division=0)
    )


def report(rows: list[Row]) -> str:
    by_language: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_language[row.language].append(row)
    lines = [
        "| language | examples | intent accuracy | intent macro-F1 | right language (first "
        "message) | right language (mid-conversation) | out-of-scope rejected "
        "| in-scope wrongly rejected |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for language in [*LANGUAGES, "all"]:
        subset = rows if language == "all" else by_language[language]
        truth = [_label(r.expected) for r in subset]
        predicted = [_label(r.predicted) for r in subset]
        accuracy = sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(subset)
        macro = macro_f1(truth, predicted)
        worded = [r for r in subset if r.expected != "choose_language"]
        first = sum((r.detected or DEFAULT_LANGUAGE) == r.language for r in worded) / len(worded)
        kept = sum((r.detected or r.language) == r.language for r in worded) / len(worded)
        oos = [r for r in subset if r.expected == "out_of_scope"]
        ins = [r for r in subset if r.expected != "out_of_scope"]
        rejected = sum(r.predicted in REJECTED for r in oos) / len(oos)
        false_rejected = sum(r.predicted in REJECTED for r in ins) / len(ins)
        lines.append(
            f"| {language} | {len(subset)} | {accuracy:.3f} | {macro:.3f} | {first:.3f} "
            f"| {kept:.3f} | {rejected:.3f} | {false_rejected:.3f} |"
        )
    return "\n".join(lines)


def _quiet() -> None:
    """Rasa and TensorFlow print a lot; the benchmark's output is the table."""
    import os

    from bot.settings import get_settings

    os.environ.update(get_settings().rasa_env())
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.ERROR)
    configure_structlog(logging.ERROR)


def threshold_sweep(rows: list[Row]) -> str:
    """Out-of-scope rejection and in-scope false rejection for other fallback and ambiguity
    thresholds, recomputed from the classifier's ranking (no retraining needed)."""
    lines = [
        "| threshold | ambiguity | out-of-scope rejected | in-scope wrongly rejected | macro-F1 |",
        "|---|---|---|---|---|",
    ]
    grid = [(t, a) for a in (0.1, 0.05, 0.0) for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)]
    for threshold, ambiguity in grid:
        predicted = []
        for row in rows:
            (top, confidence), second = row.ranking[0], row.ranking[1][1]
            fallback = confidence < threshold or confidence - second < ambiguity
            predicted.append("out_of_scope" if fallback else _label(top))
        truth = [_label(r.expected) for r in rows]
        oos = [p for p, t in zip(predicted, truth, strict=True) if t == "out_of_scope"]
        ins = [p for p, t in zip(predicted, truth, strict=True) if t != "out_of_scope"]
        lines.append(
            f"| {threshold} | {ambiguity} | {sum(p == 'out_of_scope' for p in oos) / len(oos):.3f} "
            f"| {sum(p == 'out_of_scope' for p in ins) / len(ins):.3f} "
            f"| {macro_f1(truth, predicted):.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODELS_DIR / "kotobot.tar.gz")
    parser.add_argument("--errors", action="store_true", help="list the misclassified examples")
    parser.add_argument("--sweep", action="store_true", help="try other fallback thresholds")
    args = parser.parse_args()
    _quiet()
    examples = load_held_out()
    started = time.monotonic()
    rows = asyncio.run(_predict(args.model, examples))
    elapsed = time.monotonic() - started
    print(report(rows))
    print(
        f"\n{len(rows)} held-out messages parsed in {elapsed:.1f} s "
        f"({1000 * elapsed / len(rows):.1f} ms each, model loading included)"
    )
    if TRAIN_TIME_FILE.exists():
        print(f"last full training: {TRAIN_TIME_FILE.read_text().strip()} s (make train)")
    if args.sweep:
        print("\nFallback and ambiguity threshold sweep (all languages):")
        print(threshold_sweep(rows))
    if args.errors:
        for row in rows:
            if _label(row.expected) != _label(row.predicted):
                print(f"{row.language}\t{row.expected}\t->{row.predicted}\t{row.text}")


if __name__ == "__main__":
    main()
