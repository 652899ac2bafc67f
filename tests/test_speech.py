"""Answers read aloud: real espeak-ng and opusenc, in each of the six languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.languages import LANGUAGES
from bot.speech import MAX_CHARS, SpeechError, Synthesizer, ogg_opus_seconds, speakable


def _greeting(domain_responses: dict[str, list[dict]], language: str) -> str:
    """The bot's own greeting in `language`: what a newcomer would ask to hear first."""
    for variation in domain_responses["utter_greet"]:
        if (variation.get("condition") or [{}])[0].get("value") == language:
            return variation["text"]
    raise AssertionError(f"no utter_greet in {language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_is_spoken_as_ogg_opus_of_plausible_length(
    tmp_path: Path, domain_responses: dict[str, list[dict]], language: str
) -> None:
    text = _greeting(domain_responses, language)
    speech = Synthesizer(tmp_path).speak(text, language)
    assert speech.audio.startswith(b"OggS") and b"OpusHead" in speech.audio[:200]
    words = len(text.split())
    # espeak-ng at 150 words a minute: about 0.4 s a word; allow for pauses and short words.
    assert 0.15 * words <= speech.seconds <= 1.5 * words + 1, (words, speech.seconds)


def test_a_cached_answer_is_served_without_the_tools(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synthesizer = Synthesizer(tmp_path)
    first = synthesizer.speak("Hei! Miten voin auttaa?", "fi")
    assert len(list(tmp_path.glob("*.ogg"))) == 1
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    assert not synthesizer.available
    again = synthesizer.speak("Hei!   Miten voin\nauttaa?", "fi")  # same words, other spacing
    assert again.audio == first.audio
    with pytest.raises(SpeechError, match="espeak-ng"):
        synthesizer.speak("Jotain uutta", "fi")


def test_a_text_with_a_contact_is_spoken_but_never_cached(tmp_path: Path) -> None:
    synthesizer = Synthesizer(tmp_path)
    speech = synthesizer.speak("Lähetämme yhteystietosi: maria.k@example.com. Sopiiko?", "fi")
    assert speech.seconds > 1
    assert not list(tmp_path.glob("*"))


def test_other_voice_other_audio(tmp_path: Path) -> None:
    synthesizer = Synthesizer(tmp_path)
    assert (
        synthesizer.speak("Kauniainen", "fi").audio != synthesizer.speak("Kauniainen", "sv").audio
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [("x" * (MAX_CHARS + 1), "fi"), ("", "fi"), ("\x00\x07 ", "en"), ("hello", "de")],
)
def test_what_cannot_be_spoken_is_refused(tmp_path: Path, text: str, language: str) -> None:
    with pytest.raises(SpeechError):
        Synthesizer(tmp_path).speak(text, language)
    assert not list(tmp_path.glob("*.ogg"))


def test_speakable_folds_control_characters_and_spaces() -> None:
    assert speakable(" a\tb\x00c\n\nd ") == "a b c d"


def test_other_bytes_are_not_taken_for_opus() -> None:
    with pytest.raises(SpeechError):
        ogg_opus_seconds(b"RIFF....WAVEfmt ")
