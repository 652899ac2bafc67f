"""`python -m bot.run` as `make run` starts it: one crash must not stop the assistant, and
shutdown must always finish.

One stack (with Telegram, against the Bot API stand-in, and a real SMTP server) serves every
kill test: each child in turn gets SIGKILL; it must be back within 30 s, the others must
answer meanwhile, and no conversation or queued handoff may be lost. The stack ends with
SIGINT sent twice to its process group (a terminal's Ctrl-C, pressed twice); a second run
gets SIGTERM twice while it is starting. Neither may leave a process of ours running.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.guard.texts import guard_text
from bot.handoff.outbox import Outbox
from bot.identity.trust import trusted_headers
from bot.process import free_port, url_ready
from bot.settings import get_settings
from tests.e2e.conftest import COORDINATOR, Mailbox, post_json
from tests.e2e.processes import (
    Supervised,
    cmdline,
    descendants,
    describe,
    listening_sockets,
)
from tests.e2e.telegram_standin import TEXT, BotApiStandIn, message_update
from tests.e2e.test_faults import ASSESSMENT, QUESTIONS, _expected_answer
from tests.e2e.test_handoff import _handoff

pytestmark = pytest.mark.e2e

TOKEN = "supervisor-test-token"
BOT_TOKEN = "123456789:kotobot-supervisor-TOKEN"
BACK_WITHIN = 30.0  # seconds from SIGKILL until the child serves again
_CHILD_ENV = (  # what the caller's environment must not decide for this stack
    "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_WEBHOOK_SECRET",
    "RASA_URL",
    "RASA_PUBLIC_URL",
    "DATABASE_URL",
    "LOCK_STORE_URL",
    "WIDGET_HOST",
    "REVIEW_HOST",
    "RASA_HOST",
)

# How to find each child among the supervisor's children, by its command line.
CHILDREN = {
    "action server": ["bot.actions.server"],
    "Rasa server": ["bot.rasa_server"],
    "handoff sender": ["bot.handoff.sender"],
    "widget server": ["bot.widget"],
    "review tool": ["-m", "bot.review"],  # retention runs are "bot.review retention"
    "Telegram polling runner": ["bot.channels.telegram.polling"],
}


@dataclass
class RunStack:
    """`python -m bot.run` on free loopback ports, with what it talks to."""

    run: Supervised
    var_dir: Path
    ports: dict[str, int]
    mailbox: Mailbox
    standin: BotApiStandIn
    started_in: float = 0.0  # seconds the whole stack took to start
    kill_times: dict[str, float] = field(default_factory=dict)

    def back_within(self, name: str) -> float:
        """30 s; for the Rasa server no less than the stack's own start took: its restart is
        a cold start (imports, model loading), which on a machine busy enough to start the
        stack slowly cannot be faster. The test prints which bound it used."""
        if name == "Rasa server":
            return max(BACK_WITHIN, self.started_in)
        return BACK_WITHIN

    def all_serving(self, timeout: float = 180.0) -> None:
        """Wait until every child serves, so one slow restart does not fail the next test."""
        deadline = time.monotonic() + timeout
        while not all(self.child(n) is not None and self.ready(n) for n in CHILDREN):
            assert time.monotonic() < deadline, f"not all serving:\n{self.run.output()[-3000:]}"
            time.sleep(0.5)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.ports['RASA_PORT']}"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.var_dir / 'tracker.db'}"

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": message}
        # A trusted caller (like the Telegram runner), so the test can name the conversation.
        headers = trusted_headers(self.var_dir)
        return post_json(f"{self.base}/webhooks/rest/webhook", body, headers)

    def slots(self, sender: str) -> dict[str, Any]:
        url = f"{self.base}/conversations/{sender}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())["slots"]

    def child(self, name: str) -> int | None:
        pid = self.run.child(CHILDREN[name])
        if pid is not None and name == "review tool" and cmdline(pid)[-1] != "bot.review":
            return None  # a retention run, not the review server
        return pid

    def ready(self, name: str) -> bool:
        """The child answers as its supervisor's readiness check would."""
        ports = self.ports
        urls = {
            "action server": f"http://127.0.0.1:{ports['ACTION_PORT']}/health",
            "Rasa server": f"{self.base}/status?token={TOKEN}",
            "widget server": f"http://127.0.0.1:{ports['WIDGET_PORT']}/health",
            "review tool": f"http://127.0.0.1:{ports['REVIEW_PORT']}/login",
        }
        return name not in urls or url_ready(urls[name])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _others_answer(stack: RunStack, killed: str) -> None:
    """Every server but the killed one answers now (the Rasa server: a new conversation)."""
    ports = stack.ports
    checks: dict[str, Callable[[], bool]] = {
        "action server": lambda: _answers(f"http://127.0.0.1:{ports['ACTION_PORT']}/health"),
        "Rasa server": lambda: bool(stack.say(f"meanwhile-{killed}", "hello")),
        "widget server": lambda: _answers(f"http://127.0.0.1:{ports['WIDGET_PORT']}/health"),
        "review tool": lambda: _answers(f"http://127.0.0.1:{ports['REVIEW_PORT']}/login"),
    }
    for name, check in checks.items():
        if name != killed:
            assert check(), f"the {name} did not answer while the {killed} was down"
    for name in CHILDREN:
        if name != killed:
            assert stack.child(name) is not None, f"the {name} stopped with the {killed}"


def _kill(stack: RunStack, name: str) -> int:
    stack.all_serving()
    pid = stack.child(name)
    assert pid is not None, f"no {name} running:\n{stack.run.output()[-3000:]}"
    stack.kill_times[name] = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    return pid


def _wait_back(stack: RunStack, name: str, old_pid: int) -> float:
    """Seconds from the kill until a new process of `name` serves; fails after its bound."""
    killed_at, bound = stack.kill_times[name], stack.back_within(name)
    while time.monotonic() - killed_at < bound:
        assert stack.run.process.poll() is None, (
            f"the supervisor exited after the {name} was killed:\n{stack.run.output()[-3000:]}"
        )
        pid = stack.child(name)
        if pid is not None and pid != old_pid and stack.ready(name):
            back = time.monotonic() - killed_at
            print(f"\nthe {name} was back {back:.1f} s after SIGKILL (bound {bound:.0f} s)")
            return back
        time.sleep(0.2)
    raise AssertionError(
        f"the {name} was not back within {bound:.0f} s:\n{stack.run.output()[-3000:]}"
    )


def _logged(stack: RunStack, name: str) -> None:
    """The supervisor said what happened, naming the child and the signal."""
    stack.run.wait_for_line(f"the {name} stopped unexpectedly (killed by SIGKILL)", 10)
    stack.run.wait_for_line(f"the {name} is back", 10)


def _environment(var_dir: Path, ports: dict[str, int], **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CHILD_ENV}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    env.update(
        KOTOBOT_VAR_DIR=str(var_dir),
        KOTOBOT_MODEL=str(get_settings().model_path),
        RASA_API_TOKEN=TOKEN,
        RASA_HOST="127.0.0.1",
        **{name: str(port) for name, port in ports.items()},
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def _free_ports() -> dict[str, int]:
    names = ("RASA_PORT", "ACTION_PORT", "WIDGET_PORT", "REVIEW_PORT")
    ports: dict[str, int] = {}
    while len(ports) < len(names):
        port = free_port()
        if port not in ports.values():
            ports[names[len(ports)]] = port
    return ports


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunStack]:
    assert get_settings().model_path.exists(), "the e2e tests need a trained model: `make train`"
    var_dir = tmp_path_factory.mktemp("supervised-run")
    ports = _free_ports()
    mailbox = Mailbox(free_port())  # started by the handoff test: first the SMTP server is down
    standin = BotApiStandIn(BOT_TOKEN)
    standin.start()
    env = _environment(
        var_dir,
        ports,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(mailbox.port),
        SMTP_STARTTLS="false",
        SMTP_FROM="kotobot@kotobot.test",
        COORDINATOR_EMAIL=COORDINATOR,
        HANDOFF_POLL_SECONDS="0.5",
        HANDOFF_RETRY_BASE_SECONDS="1",
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_API_BASE_URL=standin.base_url,
    )
    run = Supervised("bot.run", env, var_dir / "run.log", marker=str(var_dir))
    try:
        started = time.monotonic()
        run.wait_for_line("Kotobot is running", timeout=300)
        standin.wait_for("getUpdates", timeout=60)
        print(f"\nbot.run started in {time.monotonic() - started:.1f} s")
        yield RunStack(run, var_dir, ports, mailbox, standin, time.monotonic() - started)
    finally:
        run.close()
        mailbox.stop()
        standin.stop()


def test_the_printed_addresses_are_those_ss_shows(stack):
    """Every address a server of ours listens on is printed, and nothing else."""
    lines = stack.run.lines
    start = stack.run.wait_for_line("Listening (TCP)", 5)
    printed: dict[str, set[tuple[str, int]]] = {}
    for line in lines[start + 1 :]:
        match = re.match(r"^  (.+?):\s+(.*)$", line)
        if not match or match.group(1) not in CHILDREN:
            break
        found = re.findall(r"\[?([0-9a-f.:]+?)\]?:(\d+)(?:,|\s|$)", match.group(2))
        printed[match.group(1)] = {(host, int(port)) for host, port in found}
    assert set(printed) == set(CHILDREN), lines[start:]
    ours = set(descendants(stack.run.pid))
    listening = {(host, port) for host, port, pids in listening_sockets() if pids & ours}
    assert set().union(*printed.values()) == listening
    ports = stack.ports
    assert {p for _, p in printed["Rasa server"]} == {ports["RASA_PORT"]}
    assert {p for _, p in printed["action server"]} == {ports["ACTION_PORT"]}
    assert {p for _, p in printed["widget server"]} == {ports["WIDGET_PORT"]}
    assert {p for _, p in printed["review tool"]} == {ports["REVIEW_PORT"]}
    assert printed["handoff sender"] == printed["Telegram polling runner"] == set()


def test_a_killed_action_server_comes_back_and_rasa_apologises_meanwhile(stack):
    sender = "supervised-actions"
    stack.say(sender, "hei")
    old = _kill(stack, "action server")
    replies = stack.say(sender, QUESTIONS["fi"])
    assert [r["text"] for r in replies] == [guard_text("unavailable", "fi")]
    _others_answer(stack, "action server")
    _wait_back(stack, "action server", old)
    _logged(stack, "action server")
    replies = stack.say(sender, QUESTIONS["fi"])
    assert [r["text"] for r in replies] == _expected_answer("fi")


def test_a_killed_rasa_server_comes_back_with_the_conversation(stack):
    sender = "supervised-rasa"
    stack.say(sender, "привіт")
    stack.say(sender, QUESTIONS["uk"])
    old = _kill(stack, "Rasa server")
    _others_answer(stack, "Rasa server")
    _wait_back(stack, "Rasa server", old)
    _logged(stack, "Rasa server")
    slots = stack.slots(sender)
    assert (slots["language"], slots["service"]) == ("uk", ASSESSMENT)
    replies = stack.say(sender, '/inform_target_group{"target_group":"outside_labour_force"}')
    assert [r["text"] for r in replies] == _expected_answer("uk", "outside_labour_force")


def _outbox_rows(stack: RunStack, conversation_id: str) -> list[tuple[str, int]]:
    engine = Outbox(stack.database_url).engine
    query = sa.text("SELECT status, attempts FROM handoff_outbox WHERE conversation_id = :c")
    with engine.connect() as db:
        return [(row[0], int(row[1])) for row in db.execute(query, {"c": conversation_id})]


def _mails_about(stack: RunStack, conversation_id: str) -> list[Any]:
    mails = [message_from_bytes(raw, policy=policy.default) for raw in stack.mailbox.messages]
    return [mail for mail in mails if conversation_id in mail.get_content()]


def test_a_killed_handoff_sender_comes_back_and_delivers_what_was_queued(stack):
    sender = "supervised-handoff"
    stack.say(sender, "hei")
    _handoff(
        stack,
        sender,
        "haluan puhua ihmisen kanssa",
        "matti.virtanen@example.com",
        "Tarvitsen apua Kaikukortin hakemisessa.",
        "fi",
    )
    # Queued, and the SMTP server is down: the sender has tried and failed at least once.
    deadline = time.monotonic() + 30
    while not any(attempts >= 1 for _, attempts in _outbox_rows(stack, sender)):
        assert time.monotonic() < deadline, _outbox_rows(stack, sender)
        time.sleep(0.2)
    assert [status for status, _ in _outbox_rows(stack, sender)] in (["queued"], ["sending"])
    old = _kill(stack, "handoff sender")
    stack.mailbox.start()
    _others_answer(stack, "handoff sender")
    _wait_back(stack, "handoff sender", old)
    _logged(stack, "handoff sender")
    deadline = stack.kill_times["handoff sender"] + BACK_WITHIN
    while not _mails_about(stack, sender):
        assert time.monotonic() < deadline, "the queued handoff was not delivered"
        time.sleep(0.2)
    time.sleep(1)  # a second copy would come now
    assert len(_mails_about(stack, sender)) == 1
    assert [status for status, _ in _outbox_rows(stack, sender)] == ["sent"]


@pytest.mark.parametrize("name", ["widget server", "review tool"])
def test_a_killed_web_server_comes_back(stack, name):
    old = _kill(stack, name)
    _others_answer(stack, name)
    _wait_back(stack, name, old)
    _logged(stack, name)


def test_a_killed_telegram_runner_comes_back_and_answers_what_came_meanwhile(stack):
    chat, ids = 700_001, iter(range(90_000_000, 90_000_100))
    standin = stack.standin
    standin.push(message_update(TEXT, next(ids), chat, text="hei"))
    greeting = standin.settle(chat)
    assert greeting, "no answer before the kill"
    old = _kill(stack, "Telegram polling runner")
    standin.push(message_update(TEXT, next(ids), chat, text=QUESTIONS["fi"]))  # while it is down
    _others_answer(stack, "Telegram polling runner")
    killed_at = stack.kill_times["Telegram polling runner"]
    _wait_back(stack, "Telegram polling runner", old)
    while not [c for c in standin.calls_of("getUpdates") if c.at > killed_at]:
        assert time.monotonic() - killed_at < BACK_WITHIN, "the runner did not poll again"
        time.sleep(0.2)
    print(f"polling again {time.monotonic() - killed_at:.1f} s after SIGKILL")
    _logged(stack, "Telegram polling runner")
    answer = [c.params["text"] for c in standin.settle(chat, after=len(greeting))[len(greeting) :]]
    first_line = _expected_answer("fi")[0].split("\n")[0]
    assert any(text.startswith(first_line) for text in answer), answer


def test_sigint_twice_to_the_process_group_stops_everything(stack):
    """Last: the stack ends here. Ctrl-C pressed twice; the second arrives while stopping."""
    ours = descendants(stack.run.pid)
    assert len(ours) >= len(CHILDREN)
    before = len(stack.run.lines)
    stack.run.signal_group(signal.SIGINT)
    stack.run.wait_for_line("kotobot stopping", 10, after=before)
    stack.run.signal_group(signal.SIGINT)
    code = stack.run.process.wait(60)
    time.sleep(1)
    left = stack.run.leftovers(ours)
    assert not left, f"still running: {describe(left)}"
    assert code == 0, stack.run.output()[-3000:]
    # The restarts did not stop a crash-looping child: nothing gave up.
    assert "giving up" not in stack.run.output()


def test_sigterm_twice_while_starting_stops_everything(tmp_path):
    var_dir = tmp_path / "var"
    ports = _free_ports()
    run = Supervised("bot.run", _environment(var_dir, ports), tmp_path / "run.log", str(var_dir))
    try:
        run.wait_for_line("starting the review tool", timeout=60)
        deadline = time.monotonic() + 60
        while run.child(CHILDREN["action server"]) is None or not url_ready(
            f"http://127.0.0.1:{ports['ACTION_PORT']}/health"
        ):
            assert time.monotonic() < deadline, run.output()[-3000:]
            time.sleep(0.2)
        ours = descendants(run.pid)
        assert len(ours) >= 5, describe(list(ours))
        run.signal_group(signal.SIGTERM)
        time.sleep(0.3)  # the second while the first is being handled
        run.signal_group(signal.SIGTERM)
        code = run.process.wait(60)
        time.sleep(1)
        left = run.leftovers(ours)
        assert not left, f"still running: {describe(left)}"
        assert code == 0, run.output()[-3000:]
        assert "Kotobot is running" not in run.output()
    finally:
        run.close()
