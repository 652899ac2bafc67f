"""The one configuration (bot/settings.py): read from a given environment, one error style, and
the documentation's environment tables (README.md, bot/cluster/README.md) checked against it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from bot.settings import SECTIONS, Settings, load_settings

# The tables that document the variables: README.md's Configuration section, the cluster's.
DOCUMENTED = (
    (PROJECT_ROOT / "README.md", "## Configuration"),
    (PROJECT_ROOT / "bot" / "cluster" / "README.md", ""),
)
NAMES = re.compile(r"^(`[A-Z][A-Z0-9_]*`)(, `[A-Z][A-Z0-9_]*`)*$")


def _fields() -> dict[str, object]:
    """Every variable the settings read, with its default."""
    found = {}
    for model in (Settings, *(Settings.__fields__[name].type_ for name in SECTIONS)):
        for field in model.__fields__.values():
            if field.name not in SECTIONS:
                found[field.alias] = field.default
    return found


def _documented() -> dict[str, str]:
    """Every documented variable with its default as the table gives it."""
    found: dict[str, str] = {}
    for path, heading in DOCUMENTED:
        text = path.read_text(encoding="utf-8")
        if heading:
            text = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for line in text.splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) < 3 or not NAMES.match(cells[0]):
                continue
            names = re.findall(r"`([A-Z0-9_]+)`", cells[0])
            defaults = cells[1].split(", ") if len(names) > 1 else [cells[1]]
            if len(defaults) == 1:
                defaults *= len(names)
            assert len(defaults) == len(names), f"{path.name}: one default per variable: {line}"
            found.update(zip(names, defaults, strict=True))
    return found


def _as_documented(default: object) -> set[str] | None:
    """How a default is written in the tables; None where the table says it in words (empty,
    or derived from another variable)."""
    if default is None or default == "":
        return None
    if isinstance(default, Path):  # in the project, written relative to it
        relative = default.relative_to(PROJECT_ROOT).as_posix()
        return {relative, f"{relative}/"}
    if isinstance(default, bool):
        return {"true", "on"} if default else {"false", "off"}
    if isinstance(default, float):
        return {f"{default:g}"}
    return {str(default)}


def test_every_variable_is_documented_and_every_documented_one_is_read():
    fields, documented = _fields(), _documented()
    assert sorted(set(fields) - set(documented)) == [], "not in README.md's table"
    assert sorted(set(documented) - set(fields)) == [], "documented but not read"


def test_the_documented_defaults_are_the_settings_defaults():
    documented = _documented()
    wrong = {}
    for name, default in _fields().items():
        expected = _as_documented(default)
        written = documented[name].replace("`", "").split(" (")[0].strip()
        if expected is not None and written not in expected:
            wrong[name] = (written, sorted(expected))
    assert wrong == {}


def test_the_example_environment_names_only_variables_that_are_read():
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert names and sorted(names - set(_fields())) == []


def test_unset_and_empty_mean_the_default_and_values_are_trimmed(tmp_path):
    settings = load_settings({"RASA_PORT": "", "WIDGET_PORT": " 9000 ", "SMTP_STARTTLS": "off"})
    assert settings.rasa_port == 5005 and settings.widget.port == 9000
    assert settings.smtp.starttls is False
    assert load_settings({"SMTP_PASSWORD": " a b "}).smtp.password == " a b ", "kept as it is"
    settings = load_settings({"KOTOBOT_VAR_DIR": str(tmp_path)})
    assert settings.var_dir == tmp_path and settings.database_url.endswith("tracker.db")
    assert settings.local_rasa_url == "http://127.0.0.1:5005"


@pytest.mark.parametrize(
    ("name", "value", "what"),
    [
        ("REVIEW_PORT", "abc", "a port number"),
        ("RASA_PORT", "70000", "a port number"),
        ("RATE_LIMIT_MESSAGES", "many", "a whole number, 0 or more"),
        ("HANDOFF_GLOBAL_DAILY_LIMIT", "-1", "a whole number, 0 or more"),
        ("RATE_LIMIT_SECONDS", "soon", "a number of seconds, 0 or more"),
        ("REVIEW_SESSION_IDLE_MINUTES", "0", "a whole number, at least 1"),
        ("RETENTION_DAYS", "1.5", "a whole number, at least 1"),
        ("SMTP_STARTTLS", "maybe", "true or false (1/0, yes/no, on/off)"),
        ("REVIEW_TRUST_PROXY", "2", "true or false (1/0, yes/no, on/off)"),
        ("CLUSTER_RASA_SERVERS", "17", "a whole number from 1 to 16"),
        ("RASA_PUBLIC_URL", "javascript:alert(1)", "an http(s) address"),
    ],
)
def test_a_bad_value_stops_with_one_line_naming_the_variable(name, value, what):
    with pytest.raises(SystemExit) as stopped:
        load_settings({name: value})
    assert str(stopped.value) == f"{name} must be {what}, got {value!r}"


def test_every_bad_value_is_named_at_once():
    with pytest.raises(SystemExit) as stopped:
        load_settings({"REVIEW_PORT": "abc", "WIDGET_PORT": "x"})
    assert sorted(str(stopped.value).splitlines()) == [
        "REVIEW_PORT must be a port number, got 'abc'",
        "WIDGET_PORT must be a port number, got 'x'",
    ]


def test_a_child_process_reads_back_what_its_parent_passes(tmp_path):
    parent = load_settings(
        {"KOTOBOT_VAR_DIR": str(tmp_path), "SMTP_HOST": "mail.example", "SMTP_STARTTLS": "no"}
    ).replace(rasa_port=6123, handoff_poll_seconds=0.5, new_conversations_per_hour=7)
    child = load_settings(parent.rasa_env())
    for name in ("var_dir", "rasa_port", "database_url", "handoff_poll_seconds", "smtp"):
        assert getattr(child, name) == getattr(parent, name), name
    assert child.new_conversations_per_hour == 7


def test_secrets_are_not_shown():
    settings = load_settings(
        {"RASA_API_TOKEN": "t0ken", "SMTP_PASSWORD": "pa55", "TELEGRAM_BOT_TOKEN": "123:x"}
    )
    assert not {"t0ken", "pa55", "123:x"} & set(re.findall(r"[\w:]+", repr(settings)))
