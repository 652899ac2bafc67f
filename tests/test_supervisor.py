"""The supervisor's restart policy, the stop signals and the listening report, without servers
(tests/e2e/test_supervisor.py runs the real thing)."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from bot.listening import _address, format_address, listening_addresses
from bot.process import Server
from bot.shutdown import Shutdown, StopRequested
from bot.supervisor import CrashLoop, RestartPolicy, Supervisor


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _server(name: str, code: str, ready: bool = True) -> Server:
    return Server(
        name=name,
        command=[sys.executable, "-c", code],
        ready_url=None,
        env=None,
        ready_check=lambda: ready,
        log=subprocess.DEVNULL,  # type: ignore[arg-type]
    )


def _wait_exit(server: Server) -> None:
    assert server.process is not None
    server.process.wait(10)


def test_a_killed_child_is_restarted_after_a_delay_and_the_others_are_left_alone(caplog):
    clock = Clock()
    victim = _server("victim", "import time; time.sleep(60)")
    other = _server("other", "import time; time.sleep(60)")
    for server in (victim, other):
        server.start()
    supervisor = Supervisor([victim, other], RestartPolicy(first_delay=1), clock)
    try:
        first, untouched = victim.pid, other.pid
        victim.kill()
        with caplog.at_level(logging.INFO, logger="kotobot.supervisor"):
            supervisor.check()
            assert not victim.running() and not supervisor.all_up()
            clock.now += 0.5
            supervisor.check()
            assert not victim.running()  # not before its delay
            clock.now += 0.6
            supervisor.check()  # restarted
            assert victim.running() and victim.pid != first
            supervisor.check()  # ready
        assert supervisor.all_up() and supervisor.restarts == 1
        assert other.pid == untouched and other.running()
        messages = [r.getMessage() for r in caplog.records]
        assert any("the victim stopped unexpectedly (killed by SIGKILL)" in m for m in messages)
        assert any("restarting it in 1 s" in m for m in messages)
        assert any(m.startswith("the victim is back (down 1.1 s)") for m in messages)
    finally:
        for server in (victim, other):
            server.stop(grace=2)


def test_a_crash_loop_gives_up_naming_the_child_and_why():
    clock = Clock()
    crasher = _server("crasher", "raise SystemExit(3)")
    crasher.start()
    policy = RestartPolicy(first_delay=1, max_delay=4, max_failures=4, window=60)
    supervisor = Supervisor([crasher], policy, clock)
    delays = []
    with pytest.raises(CrashLoop) as error:
        for _ in range(10):
            _wait_exit(crasher)
            supervisor.check()  # found dead: a restart is due later
            due = supervisor.children[0].restart_at
            assert due is not None
            delays.append(due - clock.now)
            clock.now = due
            supervisor.check()  # restarted (and crashes again)
    assert delays == [1, 2, 4]  # doubling, capped at max_delay
    assert "the crasher failed 4 times within 60 s (last: exit status 3)" in str(error.value)


def test_failures_outside_the_window_are_forgotten():
    clock = Clock()
    crasher = _server("crasher", "raise SystemExit(1)")
    crasher.start()
    supervisor = Supervisor([crasher], RestartPolicy(max_failures=2, window=60), clock)
    for _ in range(3):  # three failures, each more than a window after the one before
        _wait_exit(crasher)
        supervisor.check()
        clock.now += 61
        supervisor.check()
    _wait_exit(crasher)


def test_a_restarted_child_that_never_gets_ready_counts_as_failed():
    clock = Clock()
    stuck = _server("stuck", "import time; time.sleep(60)", ready=False)
    stuck.start()
    supervisor = Supervisor([stuck], RestartPolicy(ready_timeout=10, max_failures=3), clock)
    try:
        stuck.kill()
        supervisor.check()
        clock.now += 1
        supervisor.check()  # restarted, not ready
        clock.now += 11
        supervisor.check()  # not ready in time: stopped, a failure
        assert not stuck.running()
        assert len(supervisor.children[0].failures) == 2
    finally:
        stuck.stop(grace=2)


def test_a_second_signal_is_only_noted():
    shutdown = Shutdown()
    previous = signal.getsignal(signal.SIGUSR1)
    shutdown.install(signal.SIGUSR1)
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        time.sleep(0.05)
        assert shutdown.requested and shutdown.first == signal.SIGUSR1
        os.kill(os.getpid(), signal.SIGUSR1)  # would raise inside a clean-up before
        time.sleep(0.05)
        assert shutdown.count == 2
        with pytest.raises(StopRequested):
            shutdown.sleep(5)
    finally:
        signal.signal(signal.SIGUSR1, previous)


SUPERVISOR = textwrap.dedent(
    """
    import sys, time
    from bot.process import Server, stop_all
    from bot.shutdown import SHUTDOWN, StopRequested

    # A child that takes a second to stop, so signals arrive during the clean-up.
    slow = "import signal, time\\n" \\
        "signal.signal(signal.SIGTERM, lambda *a: (time.sleep(1), exit(0)))\\n" \\
        "print('ready', flush=True)\\n" \\
        "time.sleep(60)"
    child = Server("slow", [sys.executable, "-c", slow], None, None)
    SHUTDOWN.install()
    try:
        child.start()
        print("child", child.pid, flush=True)
        while True:
            SHUTDOWN.sleep(1)
    except StopRequested:
        print("stopping", flush=True)
    finally:
        stop_all([child])
        print("stopped", flush=True)
    """
)


def test_signals_during_the_clean_up_do_not_stop_it():
    process = subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    first = [process.stdout.readline().split() for _ in range(2)]  # in either order
    assert ["ready"] in first
    child = next(int(line[1]) for line in first if line[0] == "child")
    os.killpg(process.pid, signal.SIGINT)
    assert process.stdout.readline().strip() == "stopping"
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGTERM):
        os.killpg(process.pid, number)
        time.sleep(0.1)
    assert process.wait(10) == 0
    assert process.stdout.read().split() == ["stopped"]
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


LATE_SIGNAL = textwrap.dedent(
    """
    import os, sys, time
    from bot.shutdown import SHUTDOWN
    from bot.supervisor import supervise

    class SlowToCollect:  # Python's shutdown collects it after putting the default handlers back
        def __del__(self):
            os.write(1, b"finalizing\\n")
            time.sleep(1)

    keep = SlowToCollect()

    def run():
        print("running", flush=True)
        while True:
            SHUTDOWN.sleep(1)

    sys.exit(supervise("test", run, lambda: print("stopped", flush=True)))
    """
)


def test_a_signal_while_python_shuts_down_after_the_clean_up_keeps_exit_code_0():
    # A second SIGTERM to the group that arrives once everything is stopped, while the
    # interpreter exits, used to end the supervisor as "killed by SIGTERM" (exit -15).
    process = subprocess.Popen(
        [sys.executable, "-c", LATE_SIGNAL],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "running"
    os.killpg(process.pid, signal.SIGTERM)
    assert process.stdout.readline().strip() == "stopped"
    assert process.stdout.readline().strip() == "finalizing"
    os.killpg(process.pid, signal.SIGTERM)
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(10) == 0


def test_the_listening_report_reads_what_the_kernel_says():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert ("127.0.0.1", port) in listening_addresses(os.getsid(0))
    assert ("127.0.0.1", port) not in listening_addresses(os.getsid(0))


def test_addresses_are_decoded_and_every_interface_is_flagged():
    assert _address("0100007F:1F90") == ("127.0.0.1", 8080)
    assert _address("00000000000000000000000000000000:1F90") == ("::", 8080)
    assert _address("00000000000000000000000001000000:0050") == ("::1", 80)
    assert format_address("127.0.0.1", 5005) == "127.0.0.1:5005"
    assert format_address("0.0.0.0", 5055).startswith("0.0.0.0:5055  (every interface")
    assert format_address("::", 5055).startswith("[::]:5055  (every interface")
