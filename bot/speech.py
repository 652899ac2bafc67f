"""Answers read aloud, for newcomers who read little: speech made on our own server, offline.

Debian's `espeak-ng` speaks each of the six languages; `opusenc` (opus-tools) encodes the
result as Ogg/Opus, the format Telegram's voice messages use and browsers play. Nothing goes
over the network. Results are cached on disk by voice and text, because the same answers are
asked for again and again; texts and results have a size cap so that nobody can make the
server speak a book.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bot.languages import LANGUAGES
from bot.masking import find_pii

# espeak-ng's voice for each language (`espeak-ng --voices`).
VOICES: dict[str, str] = {
    "fi": "fi",
    "sv": "sv",
    "en": "en-gb",
    "ar": "ar",
    "ru": "ru",
    "uk": "uk",
}
TOOLS = ("espeak-ng", "opusenc")
MAX_CHARS = 1500  # the longest bot answer is well under this
MAX_AUDIO_BYTES = 2_000_000
MAX_CACHED_FILES = 2000
TIMEOUT_SECONDS = 30
OPUS_RATE = 48_000  # Ogg/Opus granule positions always count 48 kHz samples


class SpeechError(Exception):
    """The text cannot be spoken (too long, empty, unknown language) or a tool failed."""


@dataclass(frozen=True)
class Speech:
    audio: bytes  # Ogg/Opus
    seconds: float


def missing_tools() -> list[str]:
    """The programs that speech needs and this machine lacks (empty when it can speak)."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def unavailable_reason() -> str | None:
    """Why answers cannot be read aloud here, for the run output; None when they can."""
    missing = missing_tools()
    if not missing:
        return None
    return (
        f"reading answers aloud is off: {' and '.join(missing)} not installed "
        "(Debian packages espeak-ng and opus-tools; `make setup` installs them)"
    )


def speakable(text: str) -> str:
    """The text as it will be spoken: control characters out, white space folded."""
    kept = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    return " ".join(kept.split())


def ogg_opus_seconds(audio: bytes) -> float:
    """The playing time of an Ogg/Opus stream, from its last page's granule position.

    Raises SpeechError when the bytes are not Ogg/Opus, so callers and tests can tell.
    """
    if not audio.startswith(b"OggS") or b"OpusHead" not in audio[:200]:
        raise SpeechError("not an Ogg/Opus stream")
    head = audio.index(b"OpusHead")
    pre_skip = struct.unpack_from("<H", audio, head + 10)[0]
    last = audio.rindex(b"OggS")
    granule = struct.unpack_from("<q", audio, last + 6)[0]
    return max(0.0, (granule - pre_skip) / OPUS_RATE)


class Synthesizer:
    """Turns a text into Ogg/Opus speech in one of the six languages, with a disk cache."""

    def __init__(self, cache_dir: Path, max_chars: int = MAX_CHARS) -> None:
        self.cache_dir = cache_dir
        self.max_chars = max_chars

    @property
    def available(self) -> bool:
        return not missing_tools()

    def speak(self, text: str, language: str) -> Speech:
        spoken = self._checked(text, language)
        path = self._cache_path(spoken, language)
        try:
            audio = path.read_bytes()
            os.utime(path)  # recently used: kept longest when the cache is pruned
        except FileNotFoundError:
            audio = self._synthesize(VOICES[language], spoken)
            # A text with a contact in it (a handoff's confirmation) is personal data: it is
            # spoken but never written to the cache.
            if not find_pii(spoken):
                self._store(path, audio)
        return Speech(audio=audio, seconds=ogg_opus_seconds(audio))

    def cached(self, text: str, language: str) -> bool:
        """Whether this text is already spoken (free to serve again); False if unspeakable."""
        try:
            return self._cache_path(self._checked(text, language), language).is_file()
        except SpeechError:
            return False

    def _checked(self, text: str, language: str) -> str:
        if language not in LANGUAGES:
            raise SpeechError(f"no voice for language {language!r}")
        spoken = speakable(text)
        if not spoken:
            raise SpeechError("nothing to say")
        if len(spoken) > self.max_chars:
            raise SpeechError(f"text longer than {self.max_chars} characters")
        return spoken

    def _cache_path(self, spoken: str, language: str) -> Path:
        key = hashlib.sha256(f"{VOICES[language]}\0{spoken}".encode()).hexdigest()
        return self.cache_dir / f"{key}.ogg"

    def _synthesize(self, voice: str, text: str) -> bytes:
        if not self.available:
            raise SpeechError(unavailable_reason() or "speech is unavailable")
        # The text goes on standard input, never on a command line.
        wav = _run(["espeak-ng", "-v", voice, "-s", "150", "--stdin", "--stdout"], text.encode())
        audio = _run(["opusenc", "--quiet", "--bitrate", "24", "-", "-"], wav)
        if len(audio) > MAX_AUDIO_BYTES:
            raise SpeechError("the audio would be too large")
        ogg_opus_seconds(audio)  # raises if the encoder gave something else
        return audio

    def _store(self, path: Path, audio: bytes) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(audio)
        os.replace(partial, path)
        self._prune()

    def _prune(self) -> None:
        files = sorted(self.cache_dir.glob("*.ogg"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - MAX_CACHED_FILES)]:
            old.unlink(missing_ok=True)


def _run(command: list[str], data: bytes) -> bytes:
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SpeechError(f"{command[0]} failed: {error}") from error
    if done.returncode != 0 or not done.stdout:
        raise SpeechError(f"{command[0]} failed with exit code {done.returncode}")
    return done.stdout
