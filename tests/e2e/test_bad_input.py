"""Bad input against the running servers: never a 5xx, never a crash; either a sensible reply
or a clear 4xx with a JSON error. Property-based (hypothesis), with bounded example counts."""

from __future__ import annotations

import asyncio
import http.client
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.guard.limits import MAX_BODY_BYTES, MAX_MESSAGE_CHARS
from bot.guard.texts import guard_text
from tests.e2e.sockets import WidgetClient

pytestmark = pytest.mark.e2e

FEW = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
MARKER = "Qzxjvmarker"  # in every injection string: must never reach the logs
INJECTIONS = [
    f"<script>alert('{MARKER}')</script>",
    f'"><img src=x onerror=alert("{MARKER}")>',
    f"javascript:alert('{MARKER}')",
    f"{{{{7*7}}}} ${{7*7}} {MARKER}",
    f"'; DROP TABLE events; -- {MARKER}",
    f"' OR '1'='1' -- {MARKER}",
    f'{MARKER}" UNION SELECT sender_id, data FROM events --',
    f"1; DELETE FROM events WHERE 1=1; {MARKER}",
]
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
EMOJI = st.sampled_from("👍😀🙏🇫🇮👨‍👩‍👧❤️🤔🎉📅🏠")


# The REST token's header: these tests choose senders (to read their trackers), as trusted
# callers do; what untrusted callers may do is tested in tests/security/.
TRUSTED: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _trusted(stack) -> None:
    TRUSTED.update(stack.trusted_headers)


def post(base: str, body: bytes, path: str = "/webhooks/rest/webhook") -> tuple[int, Any]:
    """POST raw bytes; the status and the JSON answer (None when the answer is not JSON)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        headers = {"Content-Type": "application/json", **TRUSTED}
        connection.request("POST", path, body=body, headers=headers)
        answer = connection.getresponse()
        raw = answer.read()
    finally:
        connection.close()
    try:
        return answer.status, json.loads(raw)
    except ValueError:
        return answer.status, None


def say(base: str, message: Any, sender: Any = None, **extra: Any) -> tuple[int, Any]:
    body = {"sender": sender if sender is not None else uuid.uuid4().hex, "message": message}
    return post(base, json.dumps({**body, **extra}).encode())


def assert_replied(status: int, answer: Any) -> list[dict[str, Any]]:
    assert status == 200, (status, answer)
    assert isinstance(answer, list) and answer, "every message gets at least one reply"
    assert all(isinstance(r.get("text"), str) and r["text"].strip() for r in answer)
    return answer


def assert_refused(status: int, answer: Any) -> None:
    assert 400 <= status < 500, (status, answer)
    assert isinstance(answer, dict) and answer.get("error"), answer


def assert_alive(stack) -> None:
    assert stack.rasa.running() and stack.actions.running()
    assert_replied(*say(stack.base, "/goodbye"))


# --- the REST channel --------------------------------------------------------------------------

ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.text(alphabet=st.sampled_from(BIDI + "abc שלום مرحبا"), max_size=40),
    st.lists(EMOJI, min_size=1, max_size=8).map("".join),
    st.sampled_from(INJECTIONS),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs"]), max_size=30),
)


@FEW
@given(text=ANY_TEXT)
def test_any_text_gets_a_reply(stack, text):
    assert_replied(*say(stack.base, text))


@pytest.mark.parametrize("blank", ["", " ", "\n\t  \n", "\u200b\u2060", "\u202e\u202c", "\x00\x01"])
def test_an_empty_message_is_asked_to_be_typed_in_the_conversations_language(stack, blank):
    sender = uuid.uuid4().hex
    assert_replied(*say(stack.base, "привіт", sender))
    replies = assert_replied(*say(stack.base, blank, sender))
    assert [r["text"] for r in replies] == [guard_text("empty_message", "uk")]
    # a new conversation: the client's language hint
    replies = assert_replied(*say(stack.base, blank, metadata={"language": "sv"}))
    assert [r["text"] for r in replies] == [guard_text("empty_message", "sv")]


def test_the_stream_mode_answers_line_by_line_and_apologises_the_same_way(stack):
    sender = uuid.uuid4().hex
    body = json.dumps({"sender": sender, "message": "hej"}).encode()
    status, _ = post(stack.base, body, path="/webhooks/rest/webhook?stream=true")
    assert status == 200
    host, port = stack.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    connection.request(
        "POST",
        "/webhooks/rest/webhook?stream=true",
        body=json.dumps({"sender": sender, "message": " "}).encode(),
        headers=TRUSTED,
    )
    lines = connection.getresponse().read().decode().splitlines()
    connection.close()
    assert [json.loads(line)["text"] for line in lines] == [guard_text("empty_message", "sv")]


def test_a_100_kb_message_is_refused_with_413(stack):
    status, answer = say(stack.base, "a" * 100_000)
    assert status == 413 and answer.get("error")
    assert_alive(stack)


def test_a_message_over_the_length_limit_is_answered_politely(stack):
    sender = uuid.uuid4().hex
    assert_replied(*say(stack.base, "hei", sender))
    body = "kysymys " * (MAX_MESSAGE_CHARS // 8 + 1)
    assert len(json.dumps({"message": body}).encode()) < MAX_BODY_BYTES
    replies = assert_replied(*say(stack.base, body, sender))
    assert [r["text"] for r in replies] == [guard_text("too_long", "fi")]


@FEW
@given(body=st.binary(max_size=3000))
def test_binary_bodies_are_refused_with_400(stack, body):
    status, answer = post(stack.base, body)
    if status == 200:  # hypothesis may, rarely, build a valid message
        assert_replied(status, answer)
    else:
        assert_refused(status, answer)


def test_invalid_utf8_is_refused_with_400(stack):
    body = b'{"sender": "utf8", "message": "caf\xe9 \xff\xfe"}'
    assert_refused(*post(stack.base, body))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@FEW
@given(
    body=st.one_of(
        JSON_VALUES.map(json.dumps),
        st.fixed_dictionaries(
            {"sender": JSON_VALUES, "message": JSON_VALUES},
            optional={"metadata": JSON_VALUES, "input_channel": JSON_VALUES},
        ).map(json.dumps),
        st.sampled_from(
            [
                '{"sender": "x", "message": "hei"',
                '{"sender": "x" "message": "hei"}',
                "{'sender': 'x', 'message': 'hei'}",
                '{"sender": "x", "message": "hei"}}',
                "[" * 5000 + "]" * 5000,
                '{"a":' * 3000 + "1" + "}" * 3000,
                "",
                "null",
                '{"sender": "x", "message": "\\ud800"}',
            ]
        ),
    )
)
def test_malformed_json_gets_a_clear_4xx_or_a_reply(stack, body):
    status, answer = post(stack.base, body.encode("utf-8", "surrogatepass"))
    if status == 200:
        assert_replied(status, answer)
    else:
        assert_refused(status, answer)


@FEW
@given(
    sender=st.one_of(
        st.text(max_size=300), st.sampled_from(["", " ", "a" * 256, "\x00", "default"])
    )
)
def test_unknown_and_weird_sender_ids_get_a_reply_or_a_400(stack, sender):
    status, answer = say(stack.base, "hello", sender)
    if status == 200:
        assert_replied(status, answer)
    else:
        assert_refused(status, answer)


def test_injections_are_stored_as_plain_text_and_never_logged(stack):
    sender = uuid.uuid4().hex
    for text in INJECTIONS:
        replies = assert_replied(*say(stack.base, text, sender))
        assert all(MARKER not in r["text"] for r in replies), "the bot does not echo input"
    said = [e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert said == INJECTIONS, "every message kept as it was sent, the tables intact"
    for name in ("rasa.log", "actions.log"):
        log = (stack.log_dir / name).read_text(encoding="utf-8", errors="replace")
        assert MARKER not in log, name


def test_bidi_overrides_and_controls_are_removed_before_the_bot_sees_them(stack):
    sender = uuid.uuid4().hex
    assert_replied(*say(stack.base, "\u202eolleh\u202c\x00 hello\x07", sender))
    said = [e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert said == ["olleh hello"]


def test_flooding_one_conversation_gets_no_5xx_and_the_server_stays_up(stack):
    sender = uuid.uuid4().hex
    assert_replied(*say(stack.base, "hei", sender))  # a Finnish conversation
    with ThreadPoolExecutor(max_workers=60) as pool:  # 60 messages at once
        results = list(pool.map(lambda n: say(stack.base, f"hei {n}", sender), range(60)))
    for status, answer in results:
        assert_replied(status, answer)
    limited = [a for _, a in results if a[0]["text"] == guard_text("rate_limited", "fi")]
    assert len(limited) >= 60 - 19, "at most 20 messages in 10 s are handled"
    assert_alive(stack)


# --- the socket.io channel --------------------------------------------------------------------


def _widget(stack, coroutine) -> Any:
    async def scenario() -> Any:
        async with WidgetClient(stack.base, uuid.uuid4().hex) as widget:
            return await coroutine(widget)

    return asyncio.run(scenario())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ANY_TEXT)
def test_socketio_any_text_gets_a_reply(stack, text):
    async def talk(widget: WidgetClient) -> list[dict[str, Any]]:
        return await widget.say(text, quiet=0.5)

    replies = _widget(stack, talk)
    assert replies and all(isinstance(r.get("text"), str) for r in replies)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        JSON_VALUES, st.fixed_dictionaries({"message": JSON_VALUES, "metadata": JSON_VALUES})
    )
)
def test_socketio_malformed_events_leave_the_connection_working(stack, data):
    async def talk(widget: WidgetClient) -> list[dict[str, Any]]:
        if isinstance(data, dict):
            data.setdefault("session_id", widget.session_id)
        await widget.emit(data)
        await widget.collect(quiet=0.3, first=1)  # a malformed event may get a reply or none
        assert widget.connected()
        return await widget.say("/goodbye", quiet=0.3)

    assert _widget(stack, talk), "the connection still works after a malformed event"


def test_socketio_a_100_kb_message_is_answered_politely(stack):
    async def talk(widget: WidgetClient) -> list[dict[str, Any]]:
        return await widget.say("a" * 100_000, quiet=0.5, language="ru")

    replies = _widget(stack, talk)
    assert [r["text"] for r in replies] == [guard_text("too_long", "ru")]
