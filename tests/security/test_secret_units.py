"""The secrets' plumbing without servers: where the action server's token comes from, how the
header is compared, and that the endpoints file makes Rasa send it."""

from __future__ import annotations

import stat

import yaml

from bot.actions.server import authorised
from bot.paths import PROJECT_ROOT
from bot.rasa_server import bearer_matches
from bot.settings import load_settings
from bot.stack import action_server, isolated_settings, rasa_server


def test_the_action_token_is_generated_once_into_var_readable_only_by_its_owner(tmp_path):
    settings = isolated_settings(tmp_path).replace(action_server_token="")  # as `make run`
    first = settings.action_token()
    assert len(first) >= 32 and first == settings.action_token()
    mode = stat.S_IMODE(settings.action_token_file.stat().st_mode)
    assert mode == 0o600
    configured = load_settings({"KOTOBOT_VAR_DIR": str(tmp_path), "ACTION_SERVER_TOKEN": "set"})
    assert configured.action_token() == "set"


def test_a_private_stack_and_the_stacks_derived_from_it_share_one_token(tmp_path):
    settings = isolated_settings(tmp_path / "a")
    derived = settings.replace(var_dir=tmp_path / "b")
    assert settings.action_token() == derived.action_token()
    assert not settings.action_token_file.exists()
    assert isolated_settings(tmp_path / "c").action_token() != settings.action_token()


def test_only_the_exact_bearer_header_passes():
    assert authorised("Bearer s3cret", "s3cret") and bearer_matches("Bearer s3cret", "s3cret")
    for header in ("", "s3cret", "Bearer s3cre", "Bearer s3cretx", "bearer s3cret", "Basic s3cret"):
        assert not authorised(header, "s3cret") and not bearer_matches(header, "s3cret")
    assert not authorised("Bearer ", "") and not bearer_matches("Bearer ", "")


def test_the_rasa_server_sends_the_token_and_both_servers_get_it(tmp_path):
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    header = endpoints["action_endpoint"]["headers"]["Authorization"]
    assert header == "Bearer ${ACTION_SERVER_TOKEN}"
    model = tmp_path / "model.tar.gz"  # building the command needs a model file, not a trained one
    model.touch()
    settings = isolated_settings(tmp_path).replace(model_path=model)
    token = settings.action_token()
    actions = action_server(settings)
    rasa = rasa_server(settings, "api-token")
    assert actions.env and actions.env["ACTION_SERVER_TOKEN"] == token
    assert rasa.env and rasa.env["ACTION_SERVER_TOKEN"] == token
    assert rasa.env["RASA_API_TOKEN"] == "api-token"


def test_a_wildcard_action_host_is_reached_on_loopback(tmp_path):
    settings = isolated_settings(tmp_path).replace(action_host="0.0.0.0")
    assert settings.action_endpoint_url.startswith("http://127.0.0.1:")
    remote = settings.replace(action_host="10.0.0.5")
    assert remote.action_endpoint_url == f"http://10.0.0.5:{settings.action_port}/webhook"
