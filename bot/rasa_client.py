"""A client of the Rasa server's REST channel (bot/channels/rest.py): how the Telegram polling
runner passes messages to the Rasa server and gets its replies."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from bot.rasa_cli import api_token_header

log = logging.getLogger("kotobot.telegram")

CONNECT_ATTEMPTS = 3
CONNECT_BACKOFF_SECONDS = 1.0


class RasaUnavailable(RuntimeError):
    """The Rasa server did not answer (the message text is never in this error)."""


class RasaRest:
    """POST {rasa_url}/webhooks/rest/webhook with sender, message and metadata.

    With `trusted_token` (REST_TRUSTED_TOKEN, bot/identity/trust.py) the REST channel takes the
    sender (`tg-<chat id>`) and input channel as given; without it, it would put every message
    in a new conversation of its own."""

    def __init__(
        self,
        rasa_url: str,
        api_token: str | None = None,
        timeout: float = 120.0,
        trusted_token: str | None = None,
    ) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self._api_token = api_token
        self._headers = {"Authorization": f"Bearer {trusted_token}"} if trusted_token else {}
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=5.0))

    async def close(self) -> None:
        await self._client.aclose()

    async def ready(self) -> bool:
        """Whether the Rasa server answers with its model loaded (until then it ignores
        messages). Without the API token only whether it answers at all."""
        try:
            if self._api_token:
                answer = await self._client.get(
                    f"{self.rasa_url}/status",
                    headers=api_token_header(self._api_token),  # never in the URL
                    timeout=5.0,
                )
                return answer.status_code == 200 and bool(answer.json().get("model_file"))
            answer = await self._client.get(f"{self.rasa_url}/", timeout=5.0)
        except (httpx.HTTPError, ValueError, AttributeError):
            return False
        return answer.status_code == 200

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any], input_channel: str
    ) -> list[dict[str, Any]]:
        """Rasa's replies to one message. Only a refused connection is tried again (then the
        message cannot have been handled); anything else raises RasaUnavailable."""
        body = {
            "sender": sender,
            "message": message,
            "metadata": metadata,
            "input_channel": input_channel,
        }
        url = f"{self.rasa_url}/webhooks/rest/webhook"
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            try:
                answer = await self._client.post(url, json=body, headers=self._headers)
                break
            except httpx.ConnectError as error:
                if attempt == CONNECT_ATTEMPTS:
                    raise RasaUnavailable("the Rasa server refused the connection") from error
                await asyncio.sleep(CONNECT_BACKOFF_SECONDS * attempt)
            except httpx.HTTPError as error:
                raise RasaUnavailable(f"{type(error).__name__} from the Rasa server") from error
        if answer.status_code != 200:
            raise RasaUnavailable(f"the Rasa server answered {answer.status_code}")
        try:
            replies = answer.json()
        except ValueError as error:
            raise RasaUnavailable("the Rasa server's answer is not JSON") from error
        return [r for r in replies if isinstance(r, dict)] if isinstance(replies, list) else []
