"""`python -m bot.cluster` as `make run-cluster` starts it: a killed Rasa server is restarted
while nginx serves from the other, and shutdown finishes whatever signals arrive.

The first test runs a whole cluster: it kills Rasa server 1 with SIGKILL, talks through nginx
all the time it is down, kills nginx, and ends the cluster with SIGTERM twice. The second
sends a storm of SIGINT and SIGTERM for 0.3 s while a cluster is starting (PostgreSQL, Redis,
the action server and the Rasa servers running, nginx not yet). Neither may leave a process
of ours running.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.process import free_port, log_tail, url_ready
from bot.settings import get_settings
from tests.e2e.conftest import post_json
from tests.e2e.processes import (
    Supervised,
    alive,
    cmdline,
    descendants,
    describe,
    listening_sockets,
    start_time,
)
from tests.e2e.test_cluster import cluster_directory, slots_seen_by

pytestmark = [pytest.mark.e2e, pytest.mark.cluster]

TOKEN = "cluster-test-token"
# The test names its conversation, as only a trusted REST caller may (bot/identity/trust.py).
REST_TOKEN = "cluster-test-rest-token"
RESTARTED_WITHIN = 90.0  # seconds: model loading while the other server works
_CHILD_ENV = (
    "DATABASE_URL",
    "LOCK_STORE_URL",
    "SMTP_HOST",
    "CLUSTER_HOST",
    "CLUSTER_RASA_SERVERS",
    "CLUSTER_POSTGRES_PORT",
    "CLUSTER_REDIS_PORT",
    "TELEGRAM_BOT_TOKEN",
)


@pytest.fixture
def directory() -> Iterator[Path]:
    path = cluster_directory("kotobot-cluster-supervised-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _start(directory: Path) -> Supervised:
    env = {k: v for k, v in os.environ.items() if k not in _CHILD_ENV}
    env.update(
        KOTOBOT_VAR_DIR=str(directory / "var"),
        KOTOBOT_MODEL=str(get_settings().model_path),
        CLUSTER_DIR=str(directory / "cluster"),
        CLUSTER_PORT=str(free_port()),
        RASA_API_TOKEN=TOKEN,
        REST_TRUSTED_TOKEN=REST_TOKEN,
        COORDINATOR_EMAIL="",
        PYTHONUNBUFFERED="1",
    )
    return Supervised("bot.cluster", env, directory / "cluster.log", marker=str(directory))


def _say(base: str, sender: str, message: str) -> list[dict]:
    body = {"sender": sender, "message": message}
    trusted = {"Authorization": f"Bearer {REST_TOKEN}"}
    return post_json(f"{base}/webhooks/rest/webhook", body, trusted)


def _rasa_pid(run: Supervised, port: int) -> int | None:
    return run.child(["--model", "--port", str(port)])


def test_a_killed_rasa_server_is_restarted_while_nginx_serves_and_sigterm_twice_stops_all(
    directory,
):
    run = _start(directory)
    try:
        started = time.monotonic()
        run.wait_for_line("The Kotobot cluster is running", timeout=400)
        print(f"\ncluster started in {time.monotonic() - started:.1f} s")
        output = run.output()
        nginx = re.search(r"load balancer:\s+(http://[\d.]+:\d+)", output).group(1)
        found = re.findall(r"Rasa server (\d):\s+http://[\d.]+:(\d+)/", output)
        rasa_ports = {int(n): int(p) for n, p in found}
        assert sorted(rasa_ports) == [1, 2]

        sender = "cluster-survivor"
        assert _say(nginx, sender, "hej")
        old = _rasa_pid(run, rasa_ports[1])
        assert old is not None
        started_at = start_time(old)
        killed_at = time.monotonic()
        os.kill(old, signal.SIGKILL)
        # Once it is gone and its port closed (a zombie's other threads may hold it a moment):
        # a request that reaches a dying server is lost with it (nginx resends no POST that
        # reached a server).
        while alive(old, started_at) or rasa_ports[1] in {p for _, p, _ in listening_sockets()}:
            time.sleep(0.05)
        answered_meanwhile = 0
        status = f"http://127.0.0.1:{rasa_ports[1]}/status?token={TOKEN}"
        while True:
            elapsed = time.monotonic() - killed_at
            assert elapsed < RESTARTED_WITHIN, f"Rasa server 1 not back:\n{run.output()[-3000:]}"
            assert run.process.poll() is None, f"the cluster stopped:\n{run.output()[-3000:]}"
            new = _rasa_pid(run, rasa_ports[1])
            if new is not None and new != old and url_ready(status):
                break
            # Through nginx, while server 1 is down or loading: server 2 answers.
            assert _say(nginx, sender, "/ask_perhesoppa"), "nginx did not answer meanwhile"
            answered_meanwhile += 1
            time.sleep(1)
        back = time.monotonic() - killed_at
        print(f"Rasa server 1 back {back:.1f} s after SIGKILL; {answered_meanwhile} answered")
        assert answered_meanwhile >= 3
        run.wait_for_line("the Rasa server 1 stopped unexpectedly (killed by SIGKILL)", 5)
        run.wait_for_line("the Rasa server 1 is back", 10)
        # The restarted server has the conversation (from PostgreSQL) and answers directly.
        assert _say(f"http://127.0.0.1:{rasa_ports[1]}", sender, "/thank")
        assert slots_seen_by(f"http://127.0.0.1:{rasa_ports[1]}", sender)["language"] == "sv"

        # nginx too: its worker outlives a SIGKILLed master and holds the port until the
        # supervisor kills the rest of the master's process group.
        master = _nginx_master(run)
        assert master is not None
        killed_at = time.monotonic()
        os.kill(master, signal.SIGKILL)
        while True:
            assert time.monotonic() - killed_at < 30, f"nginx not back:\n{run.output()[-3000:]}"
            new = _nginx_master(run)
            if new not in (None, master) and url_ready(f"{nginx}/webhooks/rest/"):
                break
            time.sleep(0.2)
        print(f"nginx back {time.monotonic() - killed_at:.1f} s after SIGKILL")
        assert _say(nginx, sender, "/ask_perhesoppa")

        # The addresses printed are those the cluster's processes listen on (ss -ltnp).
        block = output[output.index("Listening (TCP)") :].splitlines()[1:8]
        printed = {
            (host, int(port))
            for line in block
            for host, port in re.findall(r"\[?([0-9a-f.:]+?)\]?:(\d+)(?:,|\s|$)", line)
        }
        family = set(descendants(run.pid))
        assert printed == {(h, p) for h, p, pids in listening_sockets() if pids & family}

        ours = descendants(run.pid)
        before = len(run.lines)
        run.signal_group(signal.SIGTERM)
        run.wait_for_line("kotobot stopping", 10, after=before)
        run.signal_group(signal.SIGTERM)
        code = run.process.wait(90)
        time.sleep(1)
        left = run.leftovers(ours)
        assert not left, f"still running: {describe(left)}"
        assert code == 0, run.output()[-3000:]
    except Exception:
        _print_logs(directory / "cluster")
        raise
    finally:
        run.close()


def _print_logs(cluster_dir: Path) -> None:
    for log in [cluster_dir / "nginx" / "error.log", cluster_dir / "nginx" / "access.log"] + sorted(
        (cluster_dir / "logs").glob("rasa-*.log")
    ):
        print(f"--- {log} ---\n{log_tail(log, 30)}")


def test_sigint_and_sigterm_while_the_cluster_starts_stop_everything(directory):
    run = _start(directory)
    try:
        deadline = time.monotonic() + 120
        while sum("--model" in " ".join(p) for p in _cmdlines(run)) < 2:
            assert time.monotonic() < deadline, run.output()[-3000:]
            assert run.process.poll() is None, run.output()[-3000:]
            time.sleep(0.2)
        time.sleep(2)  # the Rasa servers are loading their models
        ours = descendants(run.pid)
        # SIGINT, then a storm of SIGTERM and SIGINT (Ctrl-C held down while a service
        # manager sends SIGTERM): some must land in the first moments of the clean-up.
        storm_end = time.monotonic() + 0.3
        while time.monotonic() < storm_end:
            run.signal_group(signal.SIGINT)
            run.signal_group(signal.SIGTERM)
        code = run.process.wait(90)
        time.sleep(1)
        left = run.leftovers(ours)
        assert not left, f"still running: {describe(left)}"
        assert code == 0, run.output()[-3000:]
    finally:
        run.close()


def _nginx_master(run: Supervised) -> int | None:
    """nginx rewrites its command line into one title: "nginx: master process …"."""
    for pid in descendants(run.pid):
        if " ".join(cmdline(pid)).startswith("nginx: master process"):
            return pid
    return None


def _cmdlines(run: Supervised) -> list[list[str]]:
    return [cmdline(pid) for pid in descendants(run.pid)]
