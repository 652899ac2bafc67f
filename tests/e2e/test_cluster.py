"""The scaled-out deployment, for real: two Rasa servers sharing PostgreSQL (tracker store) and
Redis (lock store) behind nginx, started from bot/cluster on free loopback ports.

One conversation's messages go to either server, directly or through nginx, one after another
and several at once; the tracker stored in PostgreSQL must read as if one server had answered
them one by one. That needs the lock store that bot.stores gives for redis:// URLs to issue
each ticket once across servers (bot/cluster/lock_store.py; Rasa Open Source's RedisLockStore
does not). The widget's socket.io gets through nginx on both transports. The last test kills
a Rasa server with SIGKILL (it runs last: the module's cluster keeps one server from then on).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import websockets
from rasa.utils.endpoints import EndpointConfig

from bot.cluster.cluster import Cluster
from bot.cluster.config import ClusterConfig, free_ports
from bot.cluster.debian import APT_PACKAGES, missing_packages
from bot.i18n import text
from bot.identity.trust import trusted_headers
from bot.masking import mask
from bot.process import log_tail
from bot.settings import SmtpSettings, get_settings
from bot.stores import UrlLockStore
from tests.e2e.conftest import post_json

pytestmark = [pytest.mark.e2e, pytest.mark.cluster]

TOKEN = "cluster-test-token"
# The REST token's header (the servers share the cluster's var/): these tests choose senders.
TRUSTED: dict[str, str] = {}


def cluster_directory(prefix: str) -> Path:
    """A fresh directory for a cluster's data; skips when its Debian packages are missing.

    Not pytest's tmp_path: that is private to root, and PostgreSQL runs as its own user."""
    missing = missing_packages()
    if missing:
        pytest.skip(
            f"needs Debian's packages {' '.join(missing)} "
            f"(apt-get install -y --no-install-recommends {' '.join(APT_PACKAGES)})"
        )
    assert get_settings().model_path.exists(), "the e2e tests need a trained model: `make train`"
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    directory.chmod(0o755)
    return directory


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    directory = cluster_directory("kotobot-cluster-")
    settings = get_settings().replace(
        var_dir=directory / "var", smtp=SmtpSettings(), coordinator_email=""
    )
    port, postgres_port, redis_port, action_port, *rasa_ports = free_ports(6)
    config = ClusterConfig(
        directory=directory,
        host="127.0.0.1",
        port=port,
        rasa_ports=tuple(rasa_ports),
        action_port=action_port,
        postgres_port=postgres_port,
        redis_port=redis_port,
    )
    cluster = Cluster(config, settings, TOKEN)
    TRUSTED.update(trusted_headers(settings.var_dir))
    try:
        started = time.monotonic()
        cluster.start()
        print(f"\ncluster started in {time.monotonic() - started:.1f} s")
        yield cluster
    except Exception:
        for log in sorted(cluster.log_dir.glob("*.log")):
            print(f"--- {log.name} ---\n{log_tail(log, 40)}")
        raise
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class Turn:
    """One message as sent, and the replies its HTTP request returned."""

    message: str
    replies: list[dict[str, Any]]
    via: str
    sent_at: float = 0.0
    answered_at: float = 0.0


def say(base: str, sender: str, message: str) -> Turn:
    sent_at = time.monotonic()
    replies = post_json(
        f"{base}/webhooks/rest/webhook", {"sender": sender, "message": message}, TRUSTED
    )
    return Turn(message, replies, base, sent_at, time.monotonic())


def stored_events(cluster: Cluster, sender: str) -> list[dict[str, Any]]:
    """The conversation's events as PostgreSQL holds them, in the order they were stored."""
    engine = sa.create_engine(cluster.database_url)
    try:
        with engine.connect() as db:
            rows = db.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"),
                {"sender": sender},
            ).all()
    finally:
        engine.dispose()
    return [json.loads(row.data) for row in rows]


def slots_seen_by(base: str, sender: str) -> dict[str, Any]:
    url = f"{base}/conversations/{sender}/tracker?token={TOKEN}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())["slots"]


def user_turns(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The events split at each user message: [user event, what followed it…] per message."""
    turns: list[list[dict[str, Any]]] = []
    for event in events:
        if event["event"] == "user":
            turns.append([event])
        elif turns:
            turns[-1].append(event)
    return turns


def assert_one_at_a_time(events: list[dict[str, Any]], sent: list[Turn], in_order: bool) -> None:
    """Every message stored exactly once, each followed by exactly the replies its request got,
    and none processed while another was: one turn ends (action_listen) before the next
    begins. A message handled by two servers at once without a shared lock breaks this: each
    saves the tracker it loaded plus its own events, so one turn loses events or doubles."""
    turns = user_turns(events)
    stored = [turn[0]["text"] for turn in turns]
    if in_order:
        assert stored == [t.message for t in sent]
    else:
        assert Counter(stored) == Counter(t.message for t in sent)
        assert len(set(stored)) == len(stored)
    # The tracker store masks contact details (bot/stores.py); so does this comparison.
    replies = {t.message: [mask(r["text"]) for r in t.replies] for t in sent}
    for turn in turns:
        message = turn[0]["text"]
        assert [e.get("text") for e in turn if e["event"] == "bot"] == replies[message], message
        actions = [e["name"] for e in turn if e["event"] == "action"]
        assert actions[-1] == "action_listen" and actions.count("action_listen") == 1, message
    for earlier, later in zip(turns, turns[1:], strict=False):
        assert earlier[-1]["timestamp"] <= later[0]["timestamp"], "two messages overlapped"


def _variant(domain_responses: dict[str, list[dict]], name: str, language: str) -> str:
    return next(v["text"] for v in domain_responses[name] if v["condition"][0]["value"] == language)


def test_messages_alternating_between_servers_and_nginx_form_one_conversation(
    cluster, domain_responses
):
    sender = "alternating"
    bases = [*cluster.rasa_urls, cluster.url]
    messages = [
        "hei",
        "/ask_service_needs_assessment",
        '/inform_target_group{"target_group":"job_seeker"}',
        '/help{"topic":"families"}',
        "/ask_kaikukortti",
        "/thank",
    ]
    sent = [say(bases[i % len(bases)], sender, m) for i, m in enumerate(messages)]

    assert [r["text"] for r in sent[0].replies] == [
        _variant(domain_responses, "utter_greet", "fi"),
        text("choose_topic", "fi"),
    ]
    assert all(turn.replies for turn in sent), "a message went unanswered"
    assert sent[-1].replies[-1]["text"] == _variant(domain_responses, "utter_you_are_welcome", "fi")
    assert_one_at_a_time(stored_events(cluster, sender), sent, in_order=True)
    expected = {"language": "fi", "service": "kaikukortti", "target_group": "job_seeker"}
    for base in cluster.rasa_urls:
        slots = slots_seen_by(base, sender)
        assert {name: slots[name] for name in expected} == expected, base


def test_concurrent_messages_of_one_conversation_are_processed_one_at_a_time(
    cluster, domain_responses
):
    sender = "concurrent"
    first = say(cluster.url, sender, "hello")
    assert first.replies[0]["text"] == _variant(domain_responses, "utter_greet", "en")
    bases = [*cluster.rasa_urls, cluster.url]
    rounds = [
        ["/ask_kaikukortti", "/ask_perhesoppa", "/ask_career_guidance", "/ask_talent_espoo"]
        + ['/help{"topic":"families"}', '/help{"topic":"work"}'],
        ["/ask_integration_plan", "/ask_civic_orientation", "/ask_literacy_training"]
        + ["/ask_business_advice", '/help{"topic":"start"}', '/help{"topic":"language"}'],
    ]
    sent = [first]
    for messages in rounds:  # two bursts: a race between servers shows in one or the other
        start = threading.Barrier(len(messages))

        def send(index: int, messages: list[str] = messages, start=start) -> Turn:
            start.wait()
            return say(bases[index % len(bases)], sender, messages[index])

        with ThreadPoolExecutor(len(messages)) as pool:
            burst = list(pool.map(send, range(len(messages))))
        # All requests of a burst were in flight together: the test really is concurrent.
        assert max(t.sent_at for t in burst) < min(t.answered_at for t in burst)
        assert all(turn.replies for turn in burst), "a message went unanswered"
        sent += burst

    events = stored_events(cluster, sender)
    assert_one_at_a_time(events, sent, in_order=False)
    last_service = [t[0]["text"] for t in user_turns(events) if t[0]["text"].startswith("/ask_")]
    slots = slots_seen_by(cluster.rasa_urls[1], sender)
    assert slots["service"] == last_service[-1].removeprefix("/ask_")
    assert slots["language"] == "en"


def test_tickets_issued_at_once_by_two_servers_are_all_distinct(cluster):
    """The lock store's own guarantee, below the conversation: two servers' stores issuing
    tickets for one conversation at the same moment never hand out the same ticket twice."""
    stores = [UrlLockStore(EndpointConfig(url=cluster.lock_store_url)) for _ in range(2)]
    conversation, threads, each = "tickets", 8, 25
    start = threading.Barrier(threads)

    def issue(index: int) -> list[int]:
        start.wait()
        store = stores[index % 2]
        return [store.issue_ticket(conversation, lock_lifetime=60) for _ in range(each)]

    with ThreadPoolExecutor(threads) as pool:
        issued = [ticket for tickets in pool.map(issue, range(threads)) for ticket in tickets]
    queued = [ticket.number for ticket in stores[0].get_lock(conversation).tickets]
    stores[0].delete_lock(conversation)
    assert sorted(issued) == list(range(threads * each))
    assert sorted(queued) == sorted(issued)


class PollingSocket:
    """An engine.io client on the long-polling transport: every packet is its own HTTP request."""

    def __init__(self, base: str) -> None:
        self.url = f"{base}/socket.io/?EIO=4&transport=polling"
        handshake = self.receive()[0]  # 0{"sid": …}
        self.url += f"&sid={json.loads(handshake[1:])['sid']}"

    def send(self, packet: str) -> None:
        request = urllib.request.Request(
            self.url, data=packet.encode(), headers={"Content-Type": "text/plain;charset=UTF-8"}
        )
        urllib.request.urlopen(request, timeout=30).close()

    def receive(self) -> list[str]:
        with urllib.request.urlopen(self.url, timeout=60) as response:
            return response.read().decode().split("\x1e")

    def close(self) -> None:
        self.send("1")


class WebSocket:
    """An engine.io client on the WebSocket transport, from the start (no polling first)."""

    def __init__(self, base: str) -> None:
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)  # websockets 10 looks the loop up
        url = base.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.connection = self.loop.run_until_complete(websockets.connect(url))
        self.receive()  # 0{"sid": …}

    def send(self, packet: str) -> None:
        self.loop.run_until_complete(self.connection.send(packet))

    def receive(self) -> list[str]:
        return [self.loop.run_until_complete(asyncio.wait_for(self.connection.recv(), 60))]

    def close(self) -> None:
        self.loop.run_until_complete(self.connection.close())
        asyncio.set_event_loop(None)
        self.loop.close()


def socketio_events(socket: PollingSocket | WebSocket, name: str, count: int) -> list[Any]:
    """The data of the next `count` socket.io events called `name` (answering pings)."""
    found: list[Any] = []
    while len(found) < count:
        for packet in socket.receive():
            if packet == "2":
                socket.send("3")
            elif packet.startswith("42"):
                event, *data = json.loads(packet[2:])
                if event == name:
                    found.append(data[0] if data else None)
    return found


@pytest.mark.parametrize("transport", [WebSocket, PollingSocket])
def test_the_widget_socket_reaches_a_rasa_server_through_nginx(
    cluster, domain_responses, transport
):
    """WebSocket needs nginx's upgrade headers; long-polling needs every request of a session
    on the same server (ip_hash): the server that did not open it answers "unknown sid"."""
    session_id = f"socket-{transport.__name__}"  # not issued by the server: it issues one
    greeting = [_variant(domain_responses, "utter_greet", "fi"), text("choose_topic", "fi")]
    socket = transport(cluster.url)
    try:
        socket.send("40")  # socket.io: connect to the default namespace
        request = json.dumps(["session_request", {"session_id": session_id}])
        socket.send(f"42{request}")
        [session_id] = socketio_events(socket, "session_confirm", 1)
        assert session_id.startswith("web-")
        for _ in range(3):  # several round trips: with polling, any of them could stray
            message = json.dumps(["user_uttered", {"message": "hei", "session_id": session_id}])
            socket.send(f"42{message}")
            replies = socketio_events(socket, "bot_uttered", 2)
            assert [reply["text"] for reply in replies] == greeting
    finally:
        socket.close()


def test_the_conversation_goes_on_when_a_rasa_server_is_killed(cluster, domain_responses):
    sender = "survivor"
    before = [say(cluster.url, sender, m) for m in ("hej", "/ask_perhesoppa")]
    assert before[0].replies[0]["text"] == _variant(domain_responses, "utter_greet", "sv")

    cluster.rasa[0].kill()  # SIGKILL: no chance to clean up
    after = [
        say(cluster.url, sender, m)
        for m in (
            '/inform_target_group{"target_group":"outside_labour_force"}',
            '/help{"topic":"language"}',
            "/ask_integration_training",
            "/thank",
        )
    ]
    after.append(say(cluster.rasa_urls[1], sender, '/help{"topic":"work"}'))

    assert all(turn.replies for turn in after), "a message went unanswered after the kill"
    # /thank tells no language: the Swedish came from PostgreSQL, whichever server had it.
    assert after[3].replies[-1]["text"] == _variant(domain_responses, "utter_you_are_welcome", "sv")
    assert_one_at_a_time(stored_events(cluster, sender), before + after, in_order=True)
    slots = slots_seen_by(cluster.rasa_urls[1], sender)
    assert (slots["language"], slots["target_group"], slots["service"]) == (
        "sv",
        "outside_labour_force",
        "integration_training",
    )
