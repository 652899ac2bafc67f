"""Helpers for the security tests: raw HTTP the way an attacker sends it, forged action calls,
and this machine's address on a non-loopback interface."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any

import rasa_sdk


def post(
    url: str, body: Any, headers: dict[str, str] | None = None, timeout: float = 30.0
) -> tuple[int, bytes]:
    """POST JSON; the status and body, also for 4xx/5xx answers."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def get(
    url: str, headers: dict[str, str] | None = None, timeout: float = 30.0
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def announce_huge_body(
    host: str,
    port: int,
    path: str,
    length: int,
    headers: dict[str, str] | None = None,
    wait: float = 5.0,
) -> tuple[int | None, float]:
    """Send only the headers of a POST announcing `length` bytes (and a few bytes of body), then
    wait for an answer without sending the rest: a server that checks first answers at once;
    one that reads the body first keeps waiting. The status (None: no answer within `wait`)
    and the seconds it took."""
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Content-Type: application/json",
        f"Content-Length: {length}",
        *(f"{name}: {value}" for name, value in (headers or {}).items()),
    ]
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=wait) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + b'{"x": "')
        connection.settimeout(wait)
        try:
            answer = connection.recv(4096)
        except (TimeoutError, ConnectionResetError):
            return None, time.monotonic() - started
    if not answer.startswith(b"HTTP/1."):
        return None, time.monotonic() - started
    return int(answer.split(b" ", 2)[1]), time.monotonic() - started


def outside_address() -> str | None:
    """This machine's address on its main non-loopback interface, if it has one (no packet
    is sent: connecting a UDP socket only picks the route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.250", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except OSError:
        return False


def slot_event(name: str, value: Any, at: float) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value, "timestamp": at}


def action_call(
    action: str,
    sender_id: str,
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    intent: str = "affirm",
    domain: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the Rasa server POSTs to the action server's /webhook, as an attacker forges it."""
    return {
        "next_action": action,
        "sender_id": sender_id,
        "version": rasa_sdk.__version__,
        "domain": domain or {},
        "tracker": {
            "sender_id": sender_id,
            "slots": {"language": "en", **(slots or {})},
            "latest_message": {"text": "/" + intent, "intent": {"name": intent}, "entities": []},
            "latest_event_time": time.time(),
            "followup_action": None,
            "paused": False,
            "events": events or [],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
    }
