"""POST /speech on the real widget server: who may ask, what is refused, what is cached."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.speech import ogg_opus_seconds
from bot.widget.config import WidgetConfig
from bot.widget.server import make_server
from bot.widget.speech_api import MAX_BODY_BYTES, NEW_AUDIO_PER_MINUTE

CITY = "https://www.kauniainen.fi"


@pytest.fixture
def widget(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    config = WidgetConfig(
        host="127.0.0.1",
        port=0,
        rasa_public_url="http://127.0.0.1:5005",
        cors_origins=(CITY,),
        var_dir=tmp_path,
    )
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], tmp_path / "speech"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _post(
    port: int, body: bytes, origin: str | None = CITY, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {"Content-Type": "application/json", **({"Origin": origin} if origin else {})}
    try:
        connection.request("POST", "/speech", body=body, headers={**sent, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _ask(text: str, language: str = "ar") -> bytes:
    return json.dumps({"text": text, "language": language}).encode()


def test_an_answer_comes_back_as_ogg_opus_for_the_citys_page(widget):
    port, _ = widget
    status, headers, audio = _post(port, _ask("مرحبًا! كيف يمكنني مساعدتك؟"))
    assert status == 200 and headers["Content-Type"] == "audio/ogg"
    assert headers["Access-Control-Allow-Origin"] == CITY
    assert ogg_opus_seconds(audio) > 0.5


def test_the_status_tells_the_widget_to_show_its_listen_controls(widget):
    port, _ = widget
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/speech")
    assert json.loads(connection.getresponse().read()) == {"available": True}


def test_another_site_is_refused(widget):
    port, cache = widget
    status, headers, _ = _post(port, _ask("Hello"), origin="https://evil.example")
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert not cache.exists()


def test_a_preflight_is_answered_only_for_allowed_origins(widget):
    port, _ = widget
    for origin, expected in ((CITY, 204), ("https://evil.example", 403)):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("OPTIONS", "/speech", headers={"Origin": origin})
        assert connection.getresponse().status == expected


def test_a_body_announced_too_large_is_refused_unread(widget):
    port, _ = widget
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("POST", "/speech")
    connection.putheader("Origin", CITY)
    connection.putheader("Content-Length", str(100 * 1024 * 1024))
    connection.endheaders()  # no body follows: the server must answer without waiting for it
    assert connection.getresponse().status == 413


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[]", _ask("Hello", "de"), json.dumps({"text": 3, "language": "en"}).encode()],
)
def test_bad_requests_get_400(widget, body):
    assert _post(widget[0], body)[0] == 400


def test_too_long_a_text_gets_400(widget):
    body = _ask("a " * 1000, "en")
    assert len(body) < MAX_BODY_BYTES and _post(widget[0], body)[0] == 400


def test_new_audio_is_rate_limited_but_cached_audio_is_not(widget):
    port, _ = widget
    statuses = [_post(port, _ask(f"Number {n}", "en"))[0] for n in range(NEW_AUDIO_PER_MINUTE)]
    assert statuses == [200] * NEW_AUDIO_PER_MINUTE
    assert _post(port, _ask("Something new", "en"))[0] == 429
    assert _post(port, _ask("Number 3", "en"))[0] == 200  # already made: served from the cache
