"""The package rules of docs/architecture.md, checked on the code (`ast`, no imports run):
the layers, what may import the actions, the catalogue without Rasa, no import cycle, a
process toolkit that knows nothing of the assistant, and the widget apart from the channels."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from bot.paths import PROJECT_ROOT

# The layers, lowest first, as docs/architecture.md draws them. A module belongs to the layer of
# the longest name here that it is or is inside of; it may import its own layer and lower ones.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "bot",
            "bot.paths",
            "bot.shutdown",
            "bot.process",
            "bot.private_files",
            "bot.settings",
            "bot.languages",
            "bot.i18n",
            "bot.masking",
            "bot.speech",
            "bot.rasa_cli",
            "bot.rasa_client",
            "bot.rasa_graph",
        ),
    ),
    ("data", ("bot.data", "bot.stores")),
    (
        "domain",
        (
            "bot.catalogue",
            "bot.answers",
            "bot.guard",
            "bot.identity",
            "bot.privacy",
            "bot.handoff",
            "bot.nlu",
            "bot.story_reading",
            "bot.dialogue_sets",
        ),
    ),
    ("interfaces", ("bot.actions", "bot.channels", "bot.widget", "bot.review")),
    (
        "processes",
        (
            "bot.stack",
            "bot.supervisor",
            "bot.listening",
            "bot.preflight",
            "bot.run",
            "bot.rasa_server",
            "bot.cluster",
            "bot.bench",
            "bot.eval",
            "bot.eval_dialogues",
            "bot.eval_masking",
            # A process's own loop or its supervision, kept beside what it runs.
            "bot.handoff.__main__",
            "bot.handoff.sender",
            "bot.channels.telegram.polling",
            "bot.review.supervise",
        ),
    ),
)

# Import cycles the code has today; each is to be removed (issue #13), never added to.
KNOWN_CYCLES: set[frozenset[str]] = set()

RASA = {"rasa", "rasa_sdk"}


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    """Every module of the bot package by its dotted name (a package by its __init__)."""
    found: dict[str, Path] = {}
    for path in sorted((PROJECT_ROOT / "bot").rglob("*.py")):
        parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
        if "node_modules" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _owner(name: str) -> str | None:
    """The module of ours that `name` (a module, or a name in one) is."""
    while name:
        if name in modules():
            return name
        name = name.rpartition(".")[0]
    return None


def _imported(module: str, path: Path) -> Iterable[str]:
    """The absolute names an import statement of the module names, anywhere in it."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


@lru_cache(maxsize=1)
def graph() -> dict[str, set[str]]:
    """module -> the modules of ours it imports (at any depth of its code)."""
    edges: dict[str, set[str]] = {}
    for module, path in modules().items():
        targets = {_owner(name) for name in _imported(module, path)}
        edges[module] = {t for t in targets if t is not None and t != module}
    return edges


def external(module: str) -> set[str]:
    """The top-level names of the other packages the module imports."""
    names = {name.partition(".")[0] for name in _imported(module, modules()[module])}
    return {name for name in names if name != "bot"}


def reachable(start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in graph()[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (length of the matching name, layer)
    for index, (_, names) in enumerate(LAYERS):
        for name in names:
            if module == name or module.startswith(name + "."):
                if best is None or len(name) > best[0]:
                    best = (len(name), index)
    return best[1] if best else None


def inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def cycles() -> set[frozenset[str]]:
    """The import cycles: strongly connected sets of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph()[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for node in sorted(graph()):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer():
    unplaced = sorted(m for m in modules() if layer_of(m) is None)
    assert not unplaced, f"place these in a layer (here and in docs/architecture.md): {unplaced}"


def test_no_module_imports_one_from_a_higher_layer():
    upward = sorted(
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in graph().items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )
    assert not upward, "\n".join(upward)


def test_the_catalogue_imports_nothing_of_rasa():
    for module in reachable("bot.catalogue"):
        assert not external(module) & RASA, f"{module}, which the catalogue uses, imports Rasa"


def test_the_review_tool_and_the_channels_never_import_the_actions():
    for module in modules():
        if any(inside(module, p) for p in ("bot.review", "bot.channels", "bot.widget")):
            used = {m for m in reachable(module) if inside(m, "bot.actions")}
            assert not used, f"{module} imports the actions ({sorted(used)})"


def test_the_widget_and_the_channels_are_apart():
    """bot/widget/ is the page, the script and their server; its socket.io channel is in
    bot/channels/. Neither imports the other."""
    for module in modules():
        if inside(module, "bot.widget"):
            used = {m for m in reachable(module) if inside(m, "bot.channels")}
            assert not used, f"{module} imports the channels ({sorted(used)})"
        if inside(module, "bot.channels"):
            used = {m for m in reachable(module) if inside(m, "bot.widget")}
            assert not used, f"{module} imports the widget ({sorted(used)})"


def test_nothing_imports_the_actions():
    """Only the action server runs them: bot.actions.server, or Rasa's loader through the thin
    actions/ package. No module of ours imports either."""
    for module in modules():
        assert "actions" not in external(module), f"{module} imports actions/"
        if not inside(module, "bot.actions"):
            used = {m for m in graph()[module] if inside(m, "bot.actions")}
            assert not used, f"{module} imports {sorted(used)}"


def test_no_import_cycle():
    found = cycles()
    new = found - KNOWN_CYCLES
    assert not new, f"import cycles: {[sorted(c) for c in new]}"
    gone = KNOWN_CYCLES - found
    assert not gone, f"no longer cycles, remove them from KNOWN_CYCLES: {[sorted(c) for c in gone]}"


def test_the_process_toolkit_knows_nothing_of_the_assistant():
    """bot.process is generic (it imports only bot.shutdown, which imports nothing of ours);
    the workers and checks that need it never reach the list of processes, bot.stack."""
    assert graph()["bot.process"] <= {"bot.shutdown"}
    assert not graph()["bot.shutdown"]
    for module in ("bot.handoff.sender", "bot.channels.telegram.polling", "bot.preflight"):
        assert "bot.stack" not in reachable(module), f"{module} reaches bot.stack"


# SQL on Rasa's table, or a table of our own, written outside bot/data.
_RASA_SQL = re.compile(r"\b(from|into|update|join|table)\s+events\b", re.IGNORECASE)


def test_only_bot_data_touches_rasas_tables_and_defines_ours():
    for module, path in modules().items():
        if inside(module, "bot.data"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value != "events", f"{module} names Rasa's table: use rasa_events"
                assert not _RASA_SQL.search(node.value), f"{module} queries Rasa's table"
            if isinstance(node, ast.Attribute) and node.attr in ("MetaData", "Table"):
                raise AssertionError(f"{module} defines a table: put it in bot/data/schema.py")
            if isinstance(node, ast.Attribute) and node.attr == "create_all":
                raise AssertionError(f"{module} creates tables: migrations do (bot/data)")


# Rule 9: the environment is read in bot/settings.py only. The exceptions hand an environment
# on (to a child process, or to code that reads its own variable), each named here.
ENVIRONMENT_EXCEPTIONS = {
    "bot.rasa_cli": 1,  # rasa_environment: the child processes' environment
    "bot.rasa_server": 1,  # writes SANIC_REQUEST_MAX_SIZE, which Sanic reads
    "bot.eval": 1,  # writes the settings' variables for the Rasa it runs in-process
    "bot.cluster.postgres": 1,  # PATH for initdb and pg_ctl
}


def _environment_uses(path: Path) -> int:
    """How often a module names os.environ, os.getenv or os.putenv."""
    return sum(
        1
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv")
    )


def test_only_the_settings_read_the_environment():
    uses = {module: _environment_uses(path) for module, path in modules().items()}
    found = {module: count for module, count in uses.items() if count and module != "bot.settings"}
    assert found == ENVIRONMENT_EXCEPTIONS, "read it in bot/settings.py (docs/architecture.md)"
    assert uses["bot.settings"] == 1


def test_the_checks_see_the_imports():
    """The rules above pass only if this reads the imports right: some known facts."""
    assert "bot.catalogue" in graph()["bot.answers"]
    assert "bot.handoff.outbox" in graph()["bot.actions.handoff"]
    assert "bot.review.app" in graph()["bot.review.cli"]  # an import inside a function
    assert external("bot.actions.handoff") & RASA
    assert cycles() >= KNOWN_CYCLES
