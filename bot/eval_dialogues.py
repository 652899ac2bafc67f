"""Conversation benchmark per language on the held-out dialogues and out-of-domain set.

Usage: python -m bot.eval_dialogues [--results results/dialogues.txt] [--language fi ...]
                                   [--set a b c d]

Starts a private stack (action server and Rasa server on free loopback ports, a temporary
SQLite tracker store: `bot.stack.isolated_settings`) and, for each held-out set
(`bot.dialogue_sets.HELD_OUT_SETS`: set A in tests/dialogues, sets B to I, written
blind, in tests/dialogues_b to _i), plays every dialogue of <set>/<lang>.yml over
REST, one new sender per dialogue, with the dialogue's client-language hint if it has one.
After each turn it reads the tracker over the HTTP API (slots, latest intent, active loop)
and checks what the turn expects. The set's out-of-domain messages (tests/nlu_ood/<lang>.yml,
tests/nlu_ood_b/…) are parsed by the same server (/model/parse, NLU only).

Prints per language: turn accuracy, whole-dialogue success, replies in the right language
(the `language` slot after each turn), out-of-domain declined, in-scope wrongly declined,
and the median words of a first service answer (the bot's first text after a turn that
answered a service question for the first time in the dialogue). Every miss goes to the
results file, for the developers. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.dialogue_sets import (
    DECLINED,
    HANDOFF_LOOP,
    HELD_OUT_SETS,
    Dialogue,
    HeldOutSet,
    OodSet,
    Turn,
    load_dialogues,
    load_ood,
    training_overlap,
)
from bot.identity.trust import trusted_headers
from bot.languages import LANGUAGES
from bot.paths import PROJECT_ROOT
from bot.process import Server, StartError, start_all
from bot.stack import isolated_settings, log_tails, private_stack

RESULTS_FILE = PROJECT_ROOT / "results" / "dialogues.txt"
CONCURRENCY = 4  # dialogues at once: quicker than one by one, gentle on a 2-core machine


@dataclass
class TurnResult:
    dialogue: Dialogue
    number: int
    turn: Turn
    intent: str | None
    slots: dict[str, Any]
    active_loop: str | None
    replies: list[str]
    misses: list[str] = field(default_factory=list)  # "what: expected … got …"

    @property
    def right(self) -> bool:
        return not self.misses


@dataclass
class OodResult:
    language: str
    category: str  # an out-of-domain category, or "in_scope"
    text: str
    intent: str
    detected: str | None

    @property
    def declined(self) -> bool:
        return self.intent in DECLINED


def check(turn: Turn, intent: str | None, slots: dict[str, Any], loop: str | None) -> list[str]:
    """What does not hold after the turn, one line each."""
    misses = []
    if intent not in turn.intents:
        misses.append(f"intent: expected {'|'.join(turn.intents)}, got {intent}")
    if slots.get("service") not in turn.services:
        expected = "|".join(str(s) for s in turn.services)
        misses.append(f"service: expected {expected}, got {slots.get('service')}")
    if slots.get("language") != turn.language:
        misses.append(f"language: expected {turn.language}, got {slots.get('language')}")
    if turn.target_group is not None and slots.get("target_group") != turn.target_group:
        misses.append(
            f"target_group: expected {turn.target_group}, got {slots.get('target_group')}"
        )
    if turn.handoff and loop != HANDOFF_LOOP:
        misses.append(f"handoff: expected {HANDOFF_LOOP} active, got {loop}")
    return misses


class Client:
    """REST messages and the tracker of the private Rasa server."""

    def __init__(
        self, session: aiohttp.ClientSession, base: str, token: str, rest: dict[str, str]
    ) -> None:
        self.session, self.base, self.token = session, base, token
        self.rest = rest  # a trusted caller's header: the benchmark names each conversation

    async def say(self, sender: str, text: str, hint: str | None) -> list[str]:
        body: dict[str, Any] = {"sender": sender, "message": text}
        if hint:
            body["metadata"] = {"language": hint}
        url = f"{self.base}/webhooks/rest/webhook"
        async with self.session.post(url, json=body, headers=self.rest) as answer:
            answer.raise_for_status()
            replies = await answer.json(content_type=None)
        return [r["text"] for r in replies or [] if r.get("text")]

    async def tracker(self, sender: str) -> dict[str, Any]:
        url = f"{self.base}/conversations/{sender}/tracker"
        async with self.session.get(url, params={"token": self.token}) as answer:
            answer.raise_for_status()
            return await answer.json()

    async def parse(self, text: str) -> dict[str, Any]:
        url = f"{self.base}/model/parse"
        async with self.session.post(url, params={"token": self.token}, json={"text": text}) as a:
            a.raise_for_status()
            return await a.json()


async def play(client: Client, dialogue: Dialogue, run_id: str) -> list[TurnResult]:
    sender = f"eval-{run_id}-{dialogue.id}"
    results = []
    for number, turn in enumerate(dialogue.turns, 1):
        replies = await client.say(sender, turn.user, dialogue.hint)
        tracker = await client.tracker(sender)
        intent = ((tracker.get("latest_message") or {}).get("intent") or {}).get("name")
        slots = tracker.get("slots") or {}
        loop = (tracker.get("active_loop") or {}).get("name")
        result = TurnResult(dialogue, number, turn, intent, slots, loop, replies)
        result.misses = check(turn, intent, slots, loop)
        results.append(result)
    return results


async def play_all(client: Client, dialogues: list[Dialogue]) -> list[TurnResult]:
    run_id = secrets.token_hex(3)
    queue: asyncio.Queue[Dialogue] = asyncio.Queue()
    for dialogue in dialogues:
        queue.put_nowait(dialogue)
    results: list[TurnResult] = []

    async def worker() -> None:
        while not queue.empty():
            results.extend(await play(client, queue.get_nowait(), run_id))

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    order = {d.id: i for i, d in enumerate(dialogues)}
    return sorted(results, key=lambda r: (order[r.dialogue.id], r.number))


async def parse_ood(client: Client, sets: dict[str, OodSet]) -> list[OodResult]:
    results = []
    for language, ood in sets.items():
        items = [(c, t) for c, texts in ood.out_of_domain.items() for t in texts]
        items += [("in_scope", t) for t in ood.in_scope]
        for category, text in items:
            parsed = await client.parse(text)
            detected = next(
                (e["value"] for e in parsed.get("entities", []) if e.get("entity") == "language"),
                None,
            )
            results.append(OodResult(language, category, text, parsed["intent"]["name"], detected))
    return results


def first_answer_words(results: list[TurnResult]) -> list[int]:
    """Words of the bot's first text after each turn that answered a service question (the
    `ask_<service>` intent the turn expects was recognised) for the first time in its
    dialogue: how much a newcomer has to read first."""
    words, answered = [], set()
    for r in results:
        service = r.slots.get("service")
        key = (r.dialogue.id, service)
        if (
            service in r.turn.services
            and r.intent == f"ask_{service}"
            and r.intent in r.turn.intents
            and key not in answered
            and r.replies
        ):
            answered.add(key)
            words.append(len(r.replies[0].split()))
    return words


def report(turns: list[TurnResult], ood: list[OodResult]) -> str:
    lines = [
        "| language | dialogues | turns | turn accuracy | dialogue success | right reply "
        "language | out-of-domain declined | in-scope wrongly declined | median words of a "
        "first service answer (n) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for language in [*LANGUAGES, "all"]:
        t = [r for r in turns if language in ("all", r.dialogue.language)]
        o = [r for r in ood if language in ("all", r.language)]
        if not t:
            continue
        dialogues: dict[str, bool] = {}
        for r in t:
            dialogues[r.dialogue.id] = dialogues.get(r.dialogue.id, True) and r.right
        oods = [r for r in o if r.category != "in_scope"]
        ins = [r for r in o if r.category == "in_scope"]
        words = first_answer_words(t)
        median = f"{statistics.median(words):.0f} ({len(words)})" if words else "– (0)"
        lines.append(
            f"| {language} | {len(dialogues)} | {len(t)} "
            f"| {_share(sum(r.right for r in t), len(t))} "
            f"| {_share(sum(dialogues.values()), len(dialogues))} "
            f"| {_share(sum(r.slots.get('language') == r.turn.language for r in t), len(t))} "
            f"| {_share(sum(r.declined for r in oods), len(oods))} "
            f"| {_share(sum(r.declined for r in ins), len(ins))} | {median} |"
        )
    return "\n".join(lines)


def _share(count: int, total: int) -> str:
    return f"{count / total:.3f}" if total else "–"


def misses_text(turns: list[TurnResult], ood: list[OodResult]) -> str:
    """Every turn that missed, and every out-of-domain or in-scope message on the wrong side."""
    lines = ["# Dialogue turns that missed (language, dialogue, turn: text / misses / replies)"]
    for r in turns:
        if r.right:
            continue
        lines.append(f"\n{r.dialogue.language} {r.dialogue.id} turn {r.number}: {r.turn.user}")
        lines += [f"    {miss}" for miss in r.misses]
        first = (r.replies[0] if r.replies else "(no text reply)").replace("\n", " ")
        lines.append(f"    bot: {first[:160]}")
    lines.append("\n# Out-of-domain messages not declined (language, category, got intent)")
    lines += [
        f"{r.language}\t{r.category}\t{r.intent}\t{r.text}"
        for r in ood
        if r.category != "in_scope" and not r.declined
    ]
    lines.append("\n# Out-of-domain messages whose language would change the reply language")
    lines += [
        f"{r.language}\t-> {r.detected}\t{r.text}"
        for r in ood
        if r.category != "in_scope" and r.detected not in (None, r.language)
    ]
    lines.append("\n# In-scope messages wrongly declined (language, got intent)")
    lines += [
        f"{r.language}\t{r.intent}\t{r.text}"
        for r in ood
        if r.category == "in_scope" and r.declined
    ]
    return "\n".join(lines) + "\n"


async def evaluate(
    base: str,
    token: str,
    rest: dict[str, str],
    dialogues: list[Dialogue],
    ood: dict[str, OodSet],
) -> tuple[list[TurnResult], list[OodResult]]:
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        client = Client(session, base, token, rest)
        await client.parse("hello")  # the first parse loads lazy parts; not measured
        turns = await play_all(client, dialogues)
        return turns, await parse_ood(client, ood)


def start_stack(var_dir: Path, token: str) -> tuple[list[Server], str]:
    """The action server and the Rasa server, private (no handoff sender: a handoff is
    checked by the active form, no e-mail is needed)."""
    stack = private_stack(isolated_settings(var_dir), token, var_dir, sender=False)
    start_all(stack.servers, timeout=300)
    return stack.servers, stack.base


def results_file(results: Path, name: str) -> Path:
    """Set A's misses go to `results`, the others' next to it (results/dialogues-b.txt, …)."""
    return results if name == "a" else results.with_stem(f"{results.stem}-{name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.eval_dialogues", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--results", type=Path, default=RESULTS_FILE, help="where misses go")
    parser.add_argument("--language", nargs="*", choices=LANGUAGES, help="only these languages")
    parser.add_argument(
        "--set", nargs="*", choices=sorted(HELD_OUT_SETS), help="only these held-out sets"
    )
    args = parser.parse_args(argv)
    languages = args.language or list(LANGUAGES)
    held_out = [HELD_OUT_SETS[name] for name in args.set or sorted(HELD_OUT_SETS)]
    token = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="kotobot-eval-") as tmp:
        var_dir = Path(tmp)
        servers: list[Server] = []
        try:
            print("conversations: starting a private Rasa and action server …", flush=True)
            started = time.monotonic()
            servers, base = start_stack(var_dir, token)
            print(f"(servers started in {time.monotonic() - started:.0f} s)")
            rest = trusted_headers(var_dir)
            for one in held_out:
                evaluate_set(one, languages, base, token, rest, args.results)
        except (StartError, aiohttp.ClientError, asyncio.TimeoutError) as error:
            print(f"eval_dialogues: {error or 'timed out'}", file=sys.stderr)
            print(log_tails(var_dir), file=sys.stderr)
            return 2
        finally:
            for server in reversed(servers):
                server.stop()
    return 0


def evaluate_set(
    held_out: HeldOutSet,
    languages: list[str],
    base: str,
    token: str,
    rest: dict[str, str],
    results: Path,
) -> None:
    """Play one held-out set against the running servers and print its table."""
    dialogue_sets, ood_sets = load_dialogues(held_out.dialogues_dir), load_ood(held_out.ood_dir)
    dialogues = [d for lang in languages for d in dialogue_sets[lang]]
    ood = {lang: ood_sets[lang] for lang in languages}
    started = time.monotonic()
    turns, ood_results = asyncio.run(evaluate(base, token, rest, dialogues, ood))
    print(f"\nSet {held_out.name.upper()} ({held_out.about})\n")
    print(report(turns, ood_results))
    print(
        f"\n{len(dialogues)} dialogues ({len(turns)} turns) and {len(ood_results)} "
        f"out-of-domain/in-scope messages in {time.monotonic() - started:.0f} s"
    )
    path = results_file(results, held_out.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(misses_text(turns, ood_results), encoding="utf-8")
    print(f"misses: {path}")
    overlap = training_overlap(dialogue_sets, ood_sets)
    if overlap:
        # The count only: whoever runs the benchmark may be writing training data.
        print(
            f"warning: {len(overlap)} held-out messages are in the training data "
            "(tests/test_dialogue_sets.py lists them)"
        )


if __name__ == "__main__":
    sys.exit(main())
