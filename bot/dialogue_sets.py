"""The held-out conversation sets: dialogues (tests/dialogues/<lang>.yml) and out-of-domain
messages (tests/nlu_ood/<lang>.yml). Loading and schema only, no Rasa, so the unit test can
check the files quickly and the benchmark (bot/eval_dialogues.py) reads them the same way.

The sets are written separately from the training data and never trained on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.catalogue import TARGET_GROUPS, get_catalogue
from bot.languages import LANGUAGES
from bot.paths import DATA_DIR, DOMAIN_DIR, PROJECT_ROOT

DIALOGUES_DIR = PROJECT_ROOT / "tests" / "dialogues"
OOD_DIR = PROJECT_ROOT / "tests" / "nlu_ood"
DECLINED = ("out_of_scope", "nlu_fallback")
HANDOFF_LOOP = "handoff_form"

MIN_DIALOGUES = 12
MIN_TURNS, MAX_TURNS = 2, 4
MIN_OOD, MIN_IN_SCOPE = 40, 40
DIALOGUE_KEYS = frozenset({"id", "story", "hint", "turns"})
TURN_KEYS = frozenset(
    {"user", "intent", "service", "target_group", "language", "handoff", "declined", "note"}
)
OOD_CATEGORIES = frozenset({"device", "chitchat", "weather", "sports", "recipes", "taxes", "other"})


@dataclass(frozen=True)
class Turn:
    """One user message and what must hold after the bot has handled it."""

    user: str
    intents: tuple[str, ...]  # acceptable intents (any of them)
    services: tuple[str | None, ...]  # acceptable values of the `service` slot after the turn
    language: str  # the `language` slot after the turn = the language of the replies
    target_group: str | None = None  # checked only when the turn states one
    handoff: bool = False  # handoff_form must be the active loop
    declined: bool = False  # an out-of-domain message: out_of_scope or nlu_fallback


@dataclass(frozen=True)
class Dialogue:
    id: str
    language: str  # the file's language (turns may switch)
    turns: tuple[Turn, ...]
    hint: str | None = None  # the client's language hint (metadata.language), if any
    story: str = ""


@dataclass(frozen=True)
class OodSet:
    language: str
    out_of_domain: dict[str, tuple[str, ...]]  # category -> messages
    in_scope: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class HeldOutSet:
    """One held-out set: dialogues and out-of-domain messages in six languages."""

    name: str
    dialogues_dir: Path
    ood_dir: Path
    about: str


def _development_set(name: str, session: int, day: str = "2026-12-07") -> HeldOutSet:
    """A set written blind on `day` in `session`, measured once, then read: its files are
    `tests/dialogues_<name>/` and `tests/nlu_ood_<name>/`."""
    dialogues, ood = f"dialogues_{name}", f"nlu_ood_{name}"
    return HeldOutSet(
        name,
        PROJECT_ROOT / "tests" / dialogues,
        PROJECT_ROOT / "tests" / ood,
        f"tests/{dialogues}, tests/{ood}: written blind on {day} (session {session}),"
        " measured once, then a development set",
    )


# Set A steered the training data (its misses were analysed by category, and briefs quoted
# some); set B was written blind, after it, by writers who saw neither the training data,
# set A nor any results, and measured once before its misses were analysed in turn; set C
# was written blind after that and used only for measuring until set D was written the same
# way; C's misses were then analysed and D used only for measuring, until set E was written
# the same way (fifth session): since then D's misses are analysed too and E only measured,
# until set F was written the same way (sixth session): E's misses are analysed, F measured,
# until set G was written the same way (seventh session): F's misses are analysed, G measured,
# until set H was written the same way (tenth session): G's misses are analysed, H measures.
# Set I was written the same way (fourteenth session), measured once, then analysed: a
# development set like B-G, so that H stays the only set never read; and sets J to AH the same
# way (sessions 15 to 23, `_development_set`).
HELD_OUT_SETS = {
    "a": HeldOutSet("a", DIALOGUES_DIR, OOD_DIR, "tests/dialogues, tests/nlu_ood"),
    "b": HeldOutSet(
        "b",
        PROJECT_ROOT / "tests" / "dialogues_b",
        PROJECT_ROOT / "tests" / "nlu_ood_b",
        "tests/dialogues_b, tests/nlu_ood_b: written blind on 2026-12-05",
    ),
    "c": HeldOutSet(
        "c",
        PROJECT_ROOT / "tests" / "dialogues_c",
        PROJECT_ROOT / "tests" / "nlu_ood_c",
        "tests/dialogues_c, tests/nlu_ood_c: written blind on 2026-12-05, a development set"
        " since set D",
    ),
    "d": HeldOutSet(
        "d",
        PROJECT_ROOT / "tests" / "dialogues_d",
        PROJECT_ROOT / "tests" / "nlu_ood_d",
        "tests/dialogues_d, tests/nlu_ood_d: written blind on 2026-12-05 (session 4), a"
        " development set since set E",
    ),
    "e": HeldOutSet(
        "e",
        PROJECT_ROOT / "tests" / "dialogues_e",
        PROJECT_ROOT / "tests" / "nlu_ood_e",
        "tests/dialogues_e, tests/nlu_ood_e: written blind on 2026-12-05 (session 5), a"
        " development set since set F",
    ),
    "f": HeldOutSet(
        "f",
        PROJECT_ROOT / "tests" / "dialogues_f",
        PROJECT_ROOT / "tests" / "nlu_ood_f",
        "tests/dialogues_f, tests/nlu_ood_f: written blind on 2026-12-06 (session 6), a"
        " development set since set G",
    ),
    "g": HeldOutSet(
        "g",
        PROJECT_ROOT / "tests" / "dialogues_g",
        PROJECT_ROOT / "tests" / "nlu_ood_g",
        "tests/dialogues_g, tests/nlu_ood_g: written blind on 2026-12-06 (session 7), a"
        " development set since set H",
    ),
    "h": HeldOutSet(
        "h",
        PROJECT_ROOT / "tests" / "dialogues_h",
        PROJECT_ROOT / "tests" / "nlu_ood_h",
        "tests/dialogues_h, tests/nlu_ood_h: written blind on 2026-12-06 (session 10), measuring"
        " only",
    ),
    "i": _development_set("i", session=14),
    "j": _development_set("j", session=15),
    "k": _development_set("k", session=17),
    "l": _development_set("l", session=17),
    "m": _development_set("m", session=18),
    "n": _development_set("n", session=18),
    "o": _development_set("o", session=18),
    "p": _development_set("p", session=18),
    "q": _development_set("q", session=18),
    "r": _development_set("r", session=18),
    "s": _development_set("s", session=19),
    "t": _development_set("t", session=19),
    "u": _development_set("u", session=19),
    "v": _development_set("v", session=19),
    "w": _development_set("w", session=20),
    "x": _development_set("x", session=20),
    "y": _development_set("y", session=20),
    "z": _development_set("z", session=20),
    "aa": _development_set("aa", session=20),
    "ab": _development_set("ab", session=21),
    "ac": _development_set("ac", session=21),
    "ad": _development_set("ad", session=22, day="2026-12-08"),
    "ae": _development_set("ae", session=22, day="2026-12-08"),
    "af": _development_set("af", session=23, day="2026-12-08"),
    "ag": _development_set("ag", session=23, day="2026-12-08"),
    "ah": _development_set("ah", session=23, day="2026-12-08"),
}


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def known_intents() -> frozenset[str]:
    """The domain's intents and one per catalogue service."""
    intents: set[str] = set()
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        for intent in (_read(path) or {}).get("intents") or []:
            intents.add(intent if isinstance(intent, str) else next(iter(intent)))
    intents.update(f"ask_{sid}" for sid in get_catalogue().services)
    intents.update(DECLINED)
    return frozenset(intents)


def known_services() -> frozenset[str]:
    return frozenset(get_catalogue().services)


def _turn(raw: dict[str, Any]) -> Turn:
    declined = bool(raw.get("declined", False))
    intent = raw.get("intent", list(DECLINED) if declined else None)
    intents = tuple(intent) if isinstance(intent, list) else (intent,)
    service = raw.get("service")
    return Turn(
        user=str(raw["user"]),
        intents=intents,
        services=tuple(service) if isinstance(service, list) else (service,),
        language=raw["language"],
        target_group=raw.get("target_group"),
        handoff=bool(raw.get("handoff", False)),
        declined=declined,
    )


def load_dialogues(directory: Path = DIALOGUES_DIR) -> dict[str, list[Dialogue]]:
    """Every language's dialogues, in file order."""
    sets: dict[str, list[Dialogue]] = {}
    for language in LANGUAGES:
        data = _read(directory / f"{language}.yml")
        sets[language] = [
            Dialogue(
                id=str(raw["id"]),
                language=language,
                turns=tuple(_turn(t) for t in raw["turns"]),
                hint=raw.get("hint"),
                story=raw.get("story", ""),
            )
            for raw in data["dialogues"]
        ]
    return sets


def load_ood(directory: Path = OOD_DIR) -> dict[str, OodSet]:
    sets = {}
    for language in LANGUAGES:
        data = _read(directory / f"{language}.yml")
        sets[language] = OodSet(
            language=language,
            out_of_domain={k: tuple(v) for k, v in data["out_of_domain"].items()},
            in_scope=tuple(data["in_scope"]),
        )
    return sets


def dialogue_problems(directory: Path = DIALOGUES_DIR) -> list[str]:
    """What is wrong with the dialogue files (empty: they follow the format in the README)."""
    problems: list[str] = []
    intents, services = known_intents(), known_services()
    seen_ids: set[str] = set()
    for language in LANGUAGES:
        path = directory / f"{language}.yml"
        if not path.exists():
            problems.append(f"{path.name}: missing")
            continue
        data = _read(path) or {}
        if data.get("language") != language:
            problems.append(f"{path.name}: `language: {language}` expected at the top")
        dialogues = data.get("dialogues") or []
        if len(dialogues) < MIN_DIALOGUES:
            problems.append(f"{path.name}: {len(dialogues)} dialogues, at least {MIN_DIALOGUES}")
        for raw in dialogues:
            where = f"{path.name} {raw.get('id')}"
            if raw.get("id") in seen_ids:
                problems.append(f"{where}: duplicate id")
            seen_ids.add(raw.get("id"))
            problems += [f"{where}: unknown key {k}" for k in set(raw) - DIALOGUE_KEYS]
            if raw.get("hint") not in (None, *LANGUAGES):
                problems.append(f"{where}: hint {raw.get('hint')!r} is not a language")
            turns = raw.get("turns") or []
            if not MIN_TURNS <= len(turns) <= MAX_TURNS:
                problems.append(f"{where}: {len(turns)} turns, {MIN_TURNS}–{MAX_TURNS} expected")
            for number, turn in enumerate(turns, 1):
                problems += [
                    f"{where} turn {number}: {p}" for p in _turn_problems(turn, intents, services)
                ]
    return problems


def _turn_problems(
    turn: dict[str, Any], intents: frozenset[str], services: frozenset[str]
) -> list[str]:
    problems = [f"unknown key {k}" for k in set(turn) - TURN_KEYS]
    for key in ("user", "language", "service"):
        if key not in turn:
            problems.append(f"`{key}` missing")
    if not str(turn.get("user") or "").strip():
        problems.append("empty user text")
    if turn.get("language") not in LANGUAGES:
        problems.append(f"language {turn.get('language')!r}")
    service = turn.get("service")
    for name in service if isinstance(service, list) else [service]:
        if name is not None and name not in services:
            problems.append(f"unknown service {name!r}")
    if turn.get("target_group") is not None and turn["target_group"] not in TARGET_GROUPS:
        problems.append(f"unknown target group {turn['target_group']!r}")
    declined = turn.get("declined", False)
    intent = turn.get("intent")
    if intent is None and not declined:
        problems.append("`intent` missing")
    for name in intent if isinstance(intent, list) else [intent] if intent else []:
        if name not in intents:
            problems.append(f"unknown intent {name!r}")
        elif declined and name not in DECLINED:
            problems.append(f"declined turn with intent {name!r}")
    for flag in ("handoff", "declined"):
        if flag in turn and not isinstance(turn[flag], bool):
            problems.append(f"`{flag}` must be true or false")
    return problems


def ood_problems(directory: Path = OOD_DIR) -> list[str]:
    problems: list[str] = []
    for language in LANGUAGES:
        path = directory / f"{language}.yml"
        if not path.exists():
            problems.append(f"{path.name}: missing")
            continue
        data = _read(path) or {}
        problems += [
            f"{path.name}: unknown key {k}"
            for k in set(data) - {"language", "out_of_domain", "in_scope"}
        ]
        ood = data.get("out_of_domain") or {}
        problems += [f"{path.name}: unknown category {c}" for c in set(ood) - OOD_CATEGORIES]
        messages = [m for ms in ood.values() for m in ms or []]
        if len(messages) < MIN_OOD:
            problems.append(f"{path.name}: {len(messages)} out-of-domain messages, {MIN_OOD}+")
        missing = {"device", "chitchat", "weather", "sports", "recipes", "taxes"} - set(ood)
        if missing:
            problems.append(f"{path.name}: no {', '.join(sorted(missing))}")
        in_scope = data.get("in_scope") or []
        if len(in_scope) < MIN_IN_SCOPE:
            problems.append(f"{path.name}: {len(in_scope)} in-scope messages, {MIN_IN_SCOPE}+")
        every = messages + list(in_scope)
        if len(set(every)) != len(every):
            problems.append(f"{path.name}: duplicate messages")
        if not all(isinstance(m, str) and m.strip() for m in every):
            problems.append(f"{path.name}: a message that is not text")
    return problems


def training_overlap(dialogues: dict[str, list[Dialogue]], ood: dict[str, OodSet]) -> list[str]:
    """Held-out messages that appear in the training data (should be none): word for word,
    whatever the case, spacing and end punctuation ("что такое Testipiste?" is "что такое
    testipiste")."""
    held_out = {_same(t.user) for ds in dialogues.values() for d in ds for t in d.turns}
    for s in ood.values():
        held_out |= {_same(m) for ms in s.out_of_domain.values() for m in ms}
        held_out |= {_same(m) for m in s.in_scope}
    trained = set()
    for path in (DATA_DIR / "nlu").rglob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("- "):
                trained.add(_same(line.strip()[2:]))
    return sorted(held_out & trained)


def _same(message: str) -> str:
    """A message as the overlap check compares it."""
    return " ".join(message.lower().split()).rstrip(" .!?؟…")
