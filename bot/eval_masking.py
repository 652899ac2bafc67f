"""Recall and precision of `bot.masking` on a file of labelled cases (the project's is
tests/data/pii_cases.yml; `make eval` passes it). A benchmark, not part of the assistant: it
reads the cases from the path it is given.

Usage: python -m bot.eval_masking CASES_FILE [--verbose]

A labelled item counts as found when one detected span of the same kind covers all of it; a
detected span counts as correct when it overlaps a labelled item of the same kind. Every
detection in a negative case (`pii: []`) is a false positive.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.masking import Span, find_pii, mask


@dataclass
class Result:
    """Counts over all cases, and the cases that went wrong (for --verbose)."""

    expected: int = 0
    found: int = 0
    detected: int = 0
    correct: int = 0
    negatives: int = 0
    masked_negatives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.detected if self.detected else 1.0


def load_cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def _labelled_spans(case: dict) -> list[Span]:
    spans = []
    for item in case["pii"]:
        start = case["text"].index(item["value"])
        spans.append(Span(start, start + len(item["value"]), item["kind"]))
    return spans


def _covers(got: Span, want: Span) -> bool:
    return got.kind == want.kind and got.start <= want.start and want.end <= got.end


def _overlaps(got: Span, want: Span) -> bool:
    return got.kind == want.kind and got.start < want.end and want.start < got.end


def evaluate(cases: list[dict]) -> Result:
    result = Result()
    for case in cases:
        text = case["text"]
        labelled = _labelled_spans(case)
        detected = find_pii(text)
        if not labelled:
            result.negatives += 1
            if mask(text) != text:
                result.masked_negatives.append(f"{text!r} -> {mask(text)!r}")
        result.expected += len(labelled)
        result.detected += len(detected)
        for want in labelled:
            if any(_covers(got, want) for got in detected):
                result.found += 1
            else:
                value = text[want.start : want.end]
                result.missed.append(f"{want.kind}: {value!r} in {mask(text)!r}")
        for got in detected:
            if any(_overlaps(got, want) for want in labelled):
                result.correct += 1
            else:
                result.wrong.append(f"{got.kind}: {text[got.start : got.end]!r} in {text!r}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path, help="YAML file with a `cases` list")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    result = evaluate(cases)
    print(f"cases: {len(cases)} ({result.negatives} negatives), labelled items: {result.expected}")
    print(f"recall:    {result.recall:.3f} ({result.found}/{result.expected})")
    print(f"precision: {result.precision:.3f} ({result.correct}/{result.detected})")
    print(f"negatives masked: {len(result.masked_negatives)}")
    if args.verbose:
        for title, lines in (
            ("missed", result.missed),
            ("false positives", result.wrong),
            ("masked negatives", result.masked_negatives),
        ):
            for line in lines:
                print(f"  {title}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
