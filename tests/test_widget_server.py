"""The widget's static server, its settings, the socket.io client it ships, and its colours.

No browser here: tests/e2e/test_widget.py drives the real widget in Chromium.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

import pytest
import sqlalchemy as sa

from bot.channels.socketio.channel import SocketIOInput
from bot.identity.clients import session_ids
from bot.languages import NATIVE_NAMES
from bot.paths import PROJECT_ROOT
from bot.process import free_port
from bot.settings import Settings, load_settings
from bot.widget.assets import SOCKET_IO_PACKAGE, STATIC_DIR, WIDGET_DIR, demo_page
from bot.widget.config import WidgetConfig
from bot.widget.server import make_server

RASA_URL = "http://127.0.0.1:5005"


@pytest.fixture(scope="module")
def widget_url() -> Iterator[str]:
    server = make_server(WidgetConfig(host="127.0.0.1", port=0, rasa_public_url=RASA_URL))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _request(base: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """The raw path goes out as given: http.client does not normalise `..` or `%2e`."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


# --- what the server serves ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type", "start"),
    [
        ("/", "text/html; charset=utf-8", b"<!doctype html>"),
        ("/kotobot-widget.js", "text/javascript; charset=utf-8", b"/*\n * Kotobot chat widget"),
        ("/kotobot-widget.css", "text/css; charset=utf-8", b"/* Kotobot chat widget"),
        ("/vendor/socket.io.min.js", "text/javascript; charset=utf-8", b"/*!\n * Socket.IO v4."),
        ("/demo.css", "text/css; charset=utf-8", b"/* The demo page"),
        ("/favicon.svg", "image/svg+xml", b"<svg"),
    ],
)
def test_assets_are_served_with_their_content_type(widget_url, path, content_type, start):
    status, headers, body = _request(widget_url, path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert int(headers["Content-Length"]) == len(body)
    assert body.startswith(start)


def test_texts_are_utf8(widget_url):
    _, _, script = _request(widget_url, "/kotobot-widget.js")
    for name in ("Suomi", "Svenska", "English", "العربية", "Русский", "Українська"):
        assert f'name: "{name}"' in script.decode("utf-8")
    _, _, page = _request(widget_url, "/")
    assert "اسأل Kotobot" in page.decode("utf-8")


def test_the_demo_page_embeds_the_widget_with_one_script_tag(widget_url):
    status, headers, body = _request(widget_url, "/")
    page = body.decode("utf-8")
    assert status == 200
    assert page.count("<script") == 1
    assert (
        f'<script src="/kotobot-widget.js" data-server="{RASA_URL}" data-language="fi" defer>'
        in page
    )
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert f"connect-src 'self' {RASA_URL} ws://127.0.0.1:5005;" in policy


def test_the_rasa_address_cannot_break_out_of_the_attribute():
    config = WidgetConfig("127.0.0.1", 0, 'https://bot.example/x"><script>alert(1)</script>')
    page = demo_page(config).body.decode("utf-8")
    assert "<script>alert(1)" not in page
    assert 'data-server="https://bot.example/x&quot;&gt;&lt;script&gt;' in page
    assert (
        "connect-src 'self' https://bot.example wss://bot.example;"
        in dict(demo_page(config).headers)["Content-Security-Policy"]
    )


def test_head_answers_without_a_body(widget_url):
    status, headers, body = _request(widget_url, "/kotobot-widget.js", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) > 1000


def test_other_methods_are_refused(widget_url):
    assert _request(widget_url, "/", method="POST")[0] == 404  # POST is for /speech only
    assert _request(widget_url, "/", method="PUT")[0] == 501


def test_health(widget_url):
    status, headers, body = _request(widget_url, "/health")
    assert status == 200 and json.loads(body) == {"status": "ok"}


@pytest.mark.parametrize(
    "path",
    ["/missing.js", "/static/kotobot-widget.js", "/templates/demo.html", "/vendor/", "/vendor"],
)
def test_unknown_paths_are_404(widget_url, path):
    status, headers, body = _request(widget_url, path)
    assert status == 404
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body == b"Not found\n"


@pytest.mark.parametrize(
    "path",
    [
        "/../__init__.py",
        "/../../pyproject.toml",
        "/..%2f..%2fpyproject.toml",
        "/%2e%2e/%2e%2e/pyproject.toml",
        "/%2E%2E%2F%2E%2E%2Fpyproject.toml",
        "/vendor/../../__init__.py",
        "/..\\..\\pyproject.toml",
        "/..%5c..%5cpyproject.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/kotobot-widget.js%00.html",
        "/./kotobot-widget.js/../../assets.py",
        "/node_modules/socket.io-client/package.json",
        "/../node_modules/socket.io-client/package.json",
    ],
)
def test_no_path_leaves_the_static_folder(widget_url, path):
    status, _, body = _request(widget_url, path)
    assert status == 404
    assert b"[project]" not in body and b"import" not in body and b"root:" not in body


def test_hidden_files_and_unknown_types_are_not_served(widget_url, tmp_path):
    # Only listed types are served, even from static/: a stray file there stays private.
    stray = STATIC_DIR / ".stray-test-file.js"
    other = STATIC_DIR / "stray-test-file.py"
    try:
        stray.write_text("secret", encoding="utf-8")
        other.write_text("secret", encoding="utf-8")
        assert _request(widget_url, "/.stray-test-file.js")[0] == 404
        assert _request(widget_url, "/stray-test-file.py")[0] == 404
    finally:
        stray.unlink(missing_ok=True)
        other.unlink(missing_ok=True)


# --- settings and the command ----------------------------------------------------------------


def test_settings_come_from_the_environment():
    config = WidgetConfig.of(load_settings({}))
    assert (config.host, config.port, config.rasa_public_url) == (
        "127.0.0.1",
        8080,
        "http://127.0.0.1:5005",
    )
    assert config.cors_origins == ("http://localhost:8080", "http://127.0.0.1:8080")
    env = {
        "RASA_PORT": "6005",
        "WIDGET_PORT": "9000",
        "WIDGET_HOST": "0.0.0.0",
        "CORS_ORIGINS": "https://www.kauniainen.fi",
    }
    config = WidgetConfig.of(load_settings(env))
    assert (config.host, config.port, config.rasa_public_url) == (
        "0.0.0.0",
        9000,
        "http://127.0.0.1:6005",
    )
    assert config.cors_origins == ("https://www.kauniainen.fi",)
    env["RASA_PUBLIC_URL"] = "https://bot.kauniainen.example/"
    assert WidgetConfig.of(load_settings(env)).rasa_public_url == "https://bot.kauniainen.example"


@pytest.mark.parametrize(
    ("name", "value"), [("RASA_PUBLIC_URL", "javascript:alert(1)"), ("WIDGET_PORT", "eighty")]
)
def test_bad_settings_stop_with_a_message(name, value):
    with pytest.raises(SystemExit, match=f"^{name} must be .*, got {re.escape(repr(value))}$"):
        load_settings({name: value})


def test_the_command_serves_until_terminated():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.widget"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "WIDGET_PORT": str(port), "WIDGET_HOST": "127.0.0.1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "the widget server did not start"
                time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=10)
        assert process.returncode == 0
        assert f"http://127.0.0.1:{port}/" in output
        assert "Traceback" not in output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


# --- the socket.io client and the server's protocol ------------------------------------------

# python-socketio's documented compatibility: its 5.x serves JavaScript clients 3.x and 4.x,
# its 4.x served 1.x and 2.x. python-engineio 4.x speaks Engine.IO protocol 4 (clients 3.x, 4.x).
SOCKETIO_CLIENT_MAJORS = {4: {1, 2}, 5: {3, 4}}
ENGINEIO_CLIENT_MAJORS = {3: {1, 2}, 4: {3, 4}}


def _installed_client_version() -> str:
    manifest = SOCKET_IO_PACKAGE / "package.json"
    assert manifest.exists(), f"socket.io-client is not installed: npm ci --prefix {WIDGET_DIR}"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def _major(text: str) -> int:
    return int(text.split(".")[0])


def test_the_socket_io_client_speaks_the_rasa_servers_protocol():
    client = _major(_installed_client_version())
    server = _major(version("python-socketio"))
    engine = _major(version("python-engineio"))
    assert client in SOCKETIO_CLIENT_MAJORS.get(server, set()), (
        f"socket.io-client {client}.x cannot talk to python-socketio {server}.x"
    )
    assert client in ENGINEIO_CLIENT_MAJORS.get(engine, set())


def test_the_served_client_is_the_locked_version(widget_url):
    installed = _installed_client_version()
    manifest = json.loads((WIDGET_DIR / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((WIDGET_DIR / "package-lock.json").read_text(encoding="utf-8"))
    assert manifest["dependencies"]["socket.io-client"] == installed
    assert lock["packages"]["node_modules/socket.io-client"]["version"] == installed
    _, _, body = _request(widget_url, "/vendor/socket.io.min.js")
    assert body.startswith(f"/*!\n * Socket.IO v{installed}\n".encode())


# --- the widget's texts and colours ----------------------------------------------------------

LANGUAGES = ("fi", "sv", "en", "ar", "ru", "uk")


def _widget_constant(name: str) -> Any:
    """A constant of the widget script (TEXTS, LANGUAGES), evaluated by node: it is JavaScript."""
    source = (STATIC_DIR / "kotobot-widget.js").read_text(encoding="utf-8")
    block = re.search(rf"var {name} = ([{{\[].*?\n  [}}\]]);", source, re.S)
    assert block, f"the widget script has no {name}"
    result = subprocess.run(
        ["node", "-e", f"process.stdout.write(JSON.stringify({block.group(1)}))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


def test_the_language_selector_names_each_language_in_itself():
    languages = _widget_constant("LANGUAGES")
    assert {item["code"]: item["name"] for item in languages} == NATIVE_NAMES
    assert [item["code"] for item in languages] == list(NATIVE_NAMES)


def test_every_widget_text_exists_in_the_six_languages():
    texts = _widget_constant("TEXTS")
    assert sorted(texts) == sorted(LANGUAGES)
    keys = set(texts["en"])
    assert {"title", "placeholder", "send", "reconnecting", "forget", "language"} <= keys
    for language in LANGUAGES:
        assert set(texts[language]) == keys, language
        assert all(value.strip() for value in texts[language].values()), language
    # Translated, not copied: only the bot's name may be the same in two languages.
    for key in keys - {"bot"}:
        assert len({texts[language][key] for language in LANGUAGES}) == 6, key
    assert all(re.search("[\u0600-\u06ff]", texts["ar"][key]) for key in keys - {"bot"})
    # Ukrainian is not Russian: letters Russian does not have (і, ї, є, ґ) or its own words.
    assert sum(bool(re.search("[іїєґ]", texts["uk"][key])) for key in keys) >= len(keys) // 2


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body)
        )
        rules.append((selector.strip(), declarations))
    return rules


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_text_colour_in_the_widget_css_meets_wcag_aa():
    rules = _rules((STATIC_DIR / "kotobot-widget.css").read_text(encoding="utf-8"))
    variables = {
        name: value for _, body in rules for name, value in body.items() if name.startswith("--")
    }

    def resolve(value: str) -> str:
        found = re.fullmatch(r"var\((--[\w-]+)\)", value)
        return variables[found.group(1)] if found else value

    pairs = []
    for selector, body in rules:
        background = body.get("background-color") or body.get("background")
        if "color" in body and background:
            pairs.append((selector, resolve(body["color"]), resolve(background)))
    placeholder = next(body for selector, body in rules if selector.endswith("::placeholder"))
    input_rule = next(body for selector, body in rules if selector == ".kotobot__input")
    pairs.append(("placeholder", resolve(placeholder["color"]), resolve(input_rule["background"])))
    assert len(pairs) >= 15, pairs
    failing = [(s, f, b, round(contrast(f, b), 2)) for s, f, b in pairs if contrast(f, b) < 4.5]
    assert not failing


# --- the socket.io channel -------------------------------------------------------------------


# The channel signs session ids with SESSION_SECRET (else a file in var/): a test one.
SETTINGS = load_settings({"SESSION_SECRET": "unit-test-secret"})


def _run_channel(
    channel_class: type, *events: tuple[str, dict[str, Any]], settings: Settings = SETTINGS
) -> dict[str, Any]:
    """Connect one client to the channel, send it `events`; its rooms, the handlers' answers
    and the session ids the server confirmed."""

    async def on_new_message(message: Any) -> None:
        return None

    async def scenario() -> dict[str, Any]:
        channel = channel_class(
            user_message_evt="user_uttered", session_persistence=True, settings=settings
        )
        channel.blueprint(on_new_message)
        sio = channel.sio
        confirmed: list[str] = []
        emit = sio.emit

        async def recording_emit(event: str, data: Any = None, **options: Any) -> None:
            if event == "session_confirm":
                confirmed.append(data)
            await emit(event, data, **options)

        sio.emit = recording_emit
        sid = await sio.manager.connect("engine-io-sid", "/")
        answers = [await sio.handlers["/"][event](sid, data) for event, data in events]
        rooms = set(sio.rooms(sid)) - {sid}
        return {"sid": sid, "rooms": rooms, "answers": answers, "confirmed": confirmed}

    return asyncio.run(scenario())


def test_a_session_request_joins_the_room_of_an_id_the_server_issued():
    # Rasa 3.6's own handler fails this on python-socketio 5.18: it never awaits enter_room.
    # And it would join "abc": a client must not choose its conversation.
    result = _run_channel(SocketIOInput, ("session_request", {"session_id": "abc"}))
    [token] = result["confirmed"]
    conversation_id = token.rsplit(".", 1)[0]
    assert conversation_id.startswith("web-") and conversation_id != "abc"
    assert result["rooms"] == {conversation_id}, "bot replies must reach the client"


def test_a_signed_session_id_keeps_its_conversation_and_a_forged_one_does_not():
    token = session_ids(SETTINGS).issue("web")[1]
    kept = _run_channel(SocketIOInput, ("session_request", {"session_id": token}))
    assert kept["confirmed"] == [token] and kept["rooms"] == {token.rsplit(".", 1)[0]}
    forged = token[:-4] + "AAAA"
    other = _run_channel(SocketIOInput, ("session_request", {"session_id": forged}))
    assert other["confirmed"] != [forged] and other["rooms"] != kept["rooms"]


def test_forget_session_deletes_only_the_conversation_of_a_signed_id(tmp_path):
    conversation_id, token = session_ids(SETTINGS).issue("web")
    database_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (sender_id TEXT, data TEXT)"))
        for sender in (conversation_id, conversation_id, "someone-else"):
            connection.execute(sa.text("INSERT INTO events VALUES (:s, '{}')"), {"s": sender})
    settings = SETTINGS.replace(database_url=database_url)

    def senders() -> list[str]:
        with engine.connect() as connection:
            return [r[0] for r in connection.execute(sa.text("SELECT sender_id FROM events"))]

    for unsigned in (conversation_id, "someone-else"):
        forget = ("forget_session", {"session_id": unsigned})
        refused = _run_channel(SocketIOInput, forget, settings=settings)
        assert refused["answers"] == [{"forgotten": False}]
    assert senders() == [conversation_id, conversation_id, "someone-else"]

    done = _run_channel(
        SocketIOInput,
        ("session_request", {"session_id": token}),
        ("forget_session", {"session_id": token}),
        settings=settings,
    )
    assert done["answers"][1] == {"forgotten": True}
    assert senders() == ["someone-else"]
    assert conversation_id not in done["rooms"]
    engine.dispose()
