"""Server-issued conversation ids and server secrets (bot/identity), without servers."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from bot.handoff import limits
from bot.identity import trust
from bot.identity.clients import CLIENT_KEY, NewConversationLimit, with_client_key
from bot.identity.keys import secret
from bot.identity.session_ids import REST, WIDGET, SessionIds, foreign_channel
from bot.settings import load_settings


def test_an_issued_token_verifies_for_its_channel_only():
    ids = SessionIds("secret")
    conversation_id, token = ids.issue(WIDGET)
    assert conversation_id.startswith("web-") and token.startswith(conversation_id + ".")
    assert ids.verify(WIDGET, token) == conversation_id
    assert ids.verify(REST, token) is None
    assert SessionIds("another secret").verify(WIDGET, token) is None


@pytest.mark.parametrize(
    "presented",
    ["", "abc", "tg-424242", "web-abc", "web-abc.", "web-abc.AAAA", None, 42, ["web-a.b"]],
)
def test_unsigned_forged_or_odd_ids_do_not_verify(presented):
    assert SessionIds("secret").verify(WIDGET, presented) is None


def test_other_channels_ids_are_foreign_to_rest():
    assert foreign_channel("tg-424242") and foreign_channel("web-abc")
    assert not foreign_channel("a") and not foreign_channel("rest-abc.sig")


def test_a_secret_is_generated_once_with_mode_600_even_when_asked_at_once(tmp_path):
    path = tmp_path / "var" / "session_secret"
    with ThreadPoolExecutor(8) as pool:
        values = set(pool.map(lambda _: secret("", path, "SESSION_SECRET"), range(16)))
    assert len(values) == 1 and len(values.pop()) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret("from-the-environment", path, "SESSION_SECRET") == "from-the-environment"


def test_only_the_rest_token_makes_a_caller_trusted(tmp_path):
    settings = load_settings({"REST_TRUSTED_TOKEN": "the-token", "KOTOBOT_VAR_DIR": str(tmp_path)})
    token = trust.trusted_token(settings)

    def request(value: str) -> SimpleNamespace:
        return SimpleNamespace(headers={"Authorization": value} if value else {})

    assert trust.is_trusted(request("Bearer the-token"), token)
    for value in ("", "Bearer", "Bearer other", "Basic the-token", "the-token"):
        assert not trust.is_trusted(request(value), token)


def test_the_client_key_replaces_whatever_the_client_sent():
    assert with_client_key({CLIENT_KEY: "chosen", "language": "fi"}, "k") == {
        CLIENT_KEY: "k",
        "language": "fi",
    }


def test_new_conversations_are_counted_per_address():
    limit = NewConversationLimit(2, SessionIds("secret"))
    assert [limit.allow("10.0.0.1", "REST") for _ in range(3)] == [True, True, False]
    assert limit.allow("10.0.0.2", "REST")


def test_handoff_limits_count_per_client_and_in_all(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    for key in ("a", "a", "b"):
        limits.record(database_url, key)
    assert limits.refusal(database_url, "a", client_limit=2, global_limit=10) == limits.CLIENT
    assert limits.refusal(database_url, "b", client_limit=2, global_limit=10) is None
    assert limits.refusal(database_url, "c", client_limit=2, global_limit=3) == limits.GLOBAL
    assert limits.refusal(database_url, "a", client_limit=0, global_limit=0) is None
    events = [{"event": "user", "metadata": {CLIENT_KEY: "k"}}, {"event": "bot"}]
    assert limits.client_key(events, "c1") == "k"
    assert limits.client_key([{"event": "user"}], "c1") == "conversation:c1"
