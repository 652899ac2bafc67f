"""Load benchmark: many newcomers talking at once over the REST channel, against real servers.

Usage: python -m bot.bench [--concurrency 50] [--conversations 100] [--rounds 2]

It starts the action server, the Rasa server and the handoff sender on free loopback ports
with a temporary var dir and SQLite tracker store, warms them up, then runs `--conversations`
conversations, `--concurrency` at a time, in the six languages in turn. A conversation: a
greeting, `--rounds` times (a service question, a target-group payload, the rule-only
`/goodbye`), then thanks. It prints latency percentiles of catalogue answers (the question and
the payload, both answered by action_answer_service) and of the floor (`/goodbye`: no custom
action, utter_goodbye from a rule), their ratio, throughput, errors and peak memory.
Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bot.catalogue import get_catalogue
from bot.guard.texts import guard_text
from bot.identity.trust import trusted_headers
from bot.languages import LANGUAGES
from bot.process import Server, StartError, start_all
from bot.stack import isolated_settings, log_tails, private_stack

FLOOR = "/goodbye"
GROUPS = ("job_seeker", "outside_labour_force")
GREETINGS = {"fi": "hei", "sv": "hej", "en": "hello", "ar": "مرحبا", "ru": "привет", "uk": "привіт"}
THANKS = {
    "fi": "kiitos paljon",
    "sv": "tack så mycket",
    "en": "thank you",
    "ar": "شكرا جزيلا",
    "ru": "спасибо",
    "uk": "дякую",
}
# (intent, question) pairs from the training data: the benchmark measures speed, not the NLU.
QUESTIONS: dict[str, list[tuple[str, str]]] = {
    "fi": [
        ("ask_service_needs_assessment", "mikä on alkukartoitus?"),
        ("ask_integration_training", "miten pääsen suomen kielen kurssille?"),
        ("ask_kaikukortti", "mistä saan Kaikukortin?"),
    ],
    "sv": [
        ("ask_service_needs_assessment", "hur får jag en kartläggning av mina kunskaper"),
        ("ask_integration_training", "hur kommer jag in på en finskakurs"),
        ("ask_kaikukortti", "var får jag kaikukortti"),
    ],
    "en": [
        ("ask_service_needs_assessment", "where do I start?"),
        ("ask_integration_training", "integration training"),
        ("ask_kaikukortti", "how do I get a kaiku card"),
    ],
    "ar": [
        ("ask_service_needs_assessment", "ما هو تقييم احتياجات الخدمة للمهاجرين الجدد؟"),
        ("ask_integration_training", "بدي اتعلم فنلندي"),
        ("ask_kaikukortti", "بطاقة الثقافة"),
    ],
    "ru": [
        ("ask_service_needs_assessment", "я только переехал в Кауниайнен, с чего начать?"),
        ("ask_integration_training", "хочу учить финский язык"),
        ("ask_kaikukortti", "где получить kaikukortti?"),
    ],
    "uk": [
        ("ask_service_needs_assessment", "де пройти оцінку потреби в послугах?"),
        ("ask_integration_training", "хочу вивчити фінську мову"),
        ("ask_kaikukortti", "культурна картка"),
    ],
}


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    wrong_answers: int = 0
    messages: int = 0


@dataclass
class Step:
    kind: str  # catalogue | floor | greeting | thanks
    text: str
    expect: str | None = None  # a text the first reply must contain


def conversation(index: int, rounds: int) -> tuple[str, list[Step]]:
    """The steps of conversation `index` (its language by turns) with `rounds` questions."""
    catalogue = get_catalogue()
    language = LANGUAGES[index % len(LANGUAGES)]
    steps = [Step("greeting", GREETINGS[language])]
    for round_ in range(rounds):
        intent, question = QUESTIONS[language][(index + round_) % len(QUESTIONS[language])]
        service = catalogue.by_intent(intent)
        name = service.name[language] if service is not None else None
        group = GROUPS[(index + round_) % 2]
        steps += [
            Step("catalogue", question, expect=name),
            Step("catalogue", f'/inform_target_group{{"target_group":"{group}"}}', expect=name),
            Step("floor", FLOOR),
        ]
    steps.append(Step("thanks", THANKS[language]))
    return language, steps


async def talk(
    session: aiohttp.ClientSession, url: str, sender: str, steps: list[Step], results: Results
) -> None:
    failed = {
        guard_text(key, language)
        for key in ("unavailable", "rate_limited")
        for language in LANGUAGES
    }
    for step in steps:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": step.text}) as answer:
                replies = await answer.json(content_type=None) if answer.status == 200 else None
                status = answer.status
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            results.errors[type(error).__name__] += 1
            continue
        elapsed = time.perf_counter() - started
        results.messages += 1
        if status != 200:
            results.errors[f"HTTP {status}"] += 1
        elif not replies:
            results.errors["no reply"] += 1
        elif replies[0].get("text") in failed:
            results.errors["apology or rate limit"] += 1
        else:
            results.latencies[step.kind].append(elapsed)
            if step.expect and step.expect not in (replies[0].get("text") or ""):
                results.wrong_answers += 1


async def run_load(
    base: str, concurrency: int, conversations: int, rounds: int, headers: dict[str, str]
) -> Results:
    results = Results()
    url = f"{base}/webhooks/rest/webhook"
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(conversations):
        queue.put_nowait(index)
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=concurrency)
    run_id = secrets.token_hex(3)

    async with aiohttp.ClientSession(
        timeout=timeout, connector=connector, headers=headers
    ) as session:

        async def newcomer() -> None:
            while not queue.empty():
                index = queue.get_nowait()
                _, steps = conversation(index, rounds)
                await talk(session, url, f"bench-{run_id}-{index}", steps, results)

        await asyncio.gather(*(newcomer() for _ in range(concurrency)))
    return results


async def warm_up(base: str, headers: dict[str, str]) -> None:
    """One conversation per language, not measured (the first messages load lazy parts)."""
    results = Results()
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout, headers=headers) as session:
        for index in range(len(LANGUAGES)):
            _, steps = conversation(index, 1)
            await talk(session, f"{base}/webhooks/rest/webhook", f"warm-{index}", steps, results)


class MemoryWatch:
    """Peak resident memory (VmRSS) of some processes, sampled while the load runs."""

    def __init__(self, processes: dict[str, int]) -> None:
        self.processes = processes
        self.peak_kib: dict[str, int] = dict.fromkeys(processes, 0)

    async def run(self, every: float = 0.2) -> None:
        while True:
            for name, pid in self.processes.items():
                self.peak_kib[name] = max(self.peak_kib[name], _status_kib(pid, "VmRSS"))
            await asyncio.sleep(every)


def _status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used (/proc/<pid>/stat, fields 14 and 15)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(
    results: Results,
    seconds: float,
    memory: MemoryWatch,
    pids: dict[str, int],
    cpu: dict[str, float],
) -> str:
    lines = ["", "latency (ms)            n      p50      p95      p99"]
    for kind in ("catalogue", "floor", "greeting", "thanks"):
        values = results.latencies.get(kind, [])
        p = [percentile(values, q) * 1000 for q in (50, 95, 99)]
        lines.append(f"  {kind:<18}{len(values):>5}{p[0]:>9.0f}{p[1]:>9.0f}{p[2]:>9.0f}")
    catalogue_p95 = percentile(results.latencies.get("catalogue", []), 95)
    floor_p95 = percentile(results.latencies.get("floor", []), 95)
    ratio = catalogue_p95 / floor_p95 if floor_p95 else float("nan")
    errors = sum(results.errors.values())
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(results.errors.items())) or "none"
    lines += [
        f"p95 catalogue / p95 floor: {ratio:.2f}  "
        f"(target <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})",
        f"throughput: {results.messages / seconds:.1f} messages/s "
        f"({results.messages} messages in {seconds:.1f} s)",
        f"errors: {errors} ({detail}); unexpected answers: {results.wrong_answers}",
        "peak memory (VmRSS during the load / VmHWM since start):",
    ]
    for name, pid in pids.items():
        lines.append(
            f"  {name:<16}{memory.peak_kib[name] / 1024:>7.0f} MiB / "
            f"{_status_kib(pid, 'VmHWM') / 1024:.0f} MiB"
        )
    # Where the two cores go: what to make cheaper for more messages a second.
    lines.append("CPU during the load (seconds / milliseconds a message):")
    for name, used in cpu.items():
        per_message = used / results.messages * 1000 if results.messages else float("nan")
        lines.append(f"  {name:<16}{used:>7.1f} s / {per_message:.1f} ms")
    return "\n".join(lines)


def start_servers(var_dir: Path) -> tuple[list[Server], str]:
    stack = private_stack(isolated_settings(var_dir), secrets.token_urlsafe(16), var_dir)
    start_all(stack.servers, timeout=240)
    return stack.servers, stack.base


async def bench(args: argparse.Namespace, servers: list[Server], base: str, var_dir: Path) -> str:
    # 100 newcomers from one address, each naming its conversation: a trusted caller's right
    headers = trusted_headers(var_dir)
    await warm_up(base, headers)
    pids = {s.name: s.process.pid for s in servers[:2] if s.process is not None}
    memory = MemoryWatch(pids)
    watcher = asyncio.create_task(memory.run())
    cpu_before = {name: _cpu_seconds(pid) for name, pid in pids.items()}
    started = time.perf_counter()
    try:
        results = await asyncio.wait_for(
            run_load(base, args.concurrency, args.conversations, args.rounds, headers),
            args.timeout,
        )
    finally:
        watcher.cancel()
    seconds = time.perf_counter() - started
    cpu = {name: _cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
    return report(results, seconds, memory, pids, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=50, help="newcomers at once (50)")
    parser.add_argument("--conversations", type=int, default=100, help="in all (100)")
    parser.add_argument("--rounds", type=int, default=2, help="service questions each (2)")
    parser.add_argument("--timeout", type=float, default=600, help="give up after (600 s)")
    args = parser.parse_args(argv)
    if min(args.concurrency, args.conversations, args.rounds) < 1 or args.conversations > 10_000:
        parser.error("--concurrency, --conversations and --rounds must be at least 1")
    with tempfile.TemporaryDirectory(prefix="kotobot-bench-") as tmp:
        var_dir = Path(tmp)
        servers: list[Server] = []
        try:
            print("starting the servers …", flush=True)
            servers, base = start_servers(var_dir)
            print(
                f"{args.conversations} conversations, {args.concurrency} at a time, "
                f"{args.rounds} rounds each, six languages, REST at {base}",
                flush=True,
            )
            print(asyncio.run(bench(args, servers, base, var_dir)))
        except (StartError, asyncio.TimeoutError) as error:
            print(f"bench: {error or 'timed out'}", file=sys.stderr)
            print(log_tails(var_dir), file=sys.stderr)
            return 2
        finally:
            for server in reversed(servers):
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
