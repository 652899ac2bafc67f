"""What the channel's buttons carry in Telegram's callback_data: the channel's own buttons
(🔊, the /forget question) and Rasa's payloads, which travel as they are when they fit in 64
bytes and otherwise as a short key (`store.ChannelStore` keeps what the key stands for)."""

from __future__ import annotations

MAX_CALLBACK_DATA_BYTES = 64
# callback_data starting with this is the channel's own (never a payload sent as it is).
CHANNEL_DATA_PREFIX = "~"
FORGET_YES = "~forget:yes"
FORGET_NO = "~forget:no"
LISTEN = "~listen"  # the 🔊 button: read the chat's last answer aloud
MAPPED_PREFIX = "~p:"


def is_channel_data(data: str) -> bool:
    return data.startswith(CHANNEL_DATA_PREFIX)


def fits_callback_data(payload: str) -> bool:
    """Whether a payload can travel as callback_data as it is."""
    size = len(payload.encode("utf-8"))
    return 0 < size <= MAX_CALLBACK_DATA_BYTES and not is_channel_data(payload)
