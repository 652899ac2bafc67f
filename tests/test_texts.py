"""Every text the bot can say exists in all six languages, with the same placeholders."""

from __future__ import annotations

import re
import string

import pytest
import yaml

from bot.i18n import load_texts, text
from bot.languages import LANGUAGES
from bot.paths import PROJECT_ROOT

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _looks_like(language: str, value: str) -> bool:
    if language == "ar":
        return bool(_ARABIC_LETTER.search(value))
    if language in ("ru", "uk"):
        return bool(_CYRILLIC_LETTER.search(value))
    return not _ARABIC_LETTER.search(value) and not _CYRILLIC_LETTER.search(value)


def test_every_domain_response_has_exactly_one_variation_per_language(domain_responses):
    assert domain_responses, "no responses found in domain/"
    for name, variations in domain_responses.items():
        languages = [
            c["value"]
            for v in variations
            for c in v.get("condition", [])
            if c.get("name") == "language"
        ]
        assert sorted(languages) == sorted(LANGUAGES), f"{name}: languages {languages}"
        assert all(v.get("text", "").strip() for v in variations), f"{name}: empty text"


# The review tool's texts are for coordinators, in three languages: tests/review/test_i18n.py.
REVIEW_TEXTS = PROJECT_ROOT / "bot" / "review" / "texts.yml"
TEXT_FILES = sorted(p for p in (PROJECT_ROOT / "bot").glob("**/texts.yml") if p != REVIEW_TEXTS)
ALL_TEXTS = [
    (path.relative_to(PROJECT_ROOT).as_posix(), key, variants)
    for path in TEXT_FILES
    for key, variants in yaml.safe_load(path.read_text(encoding="utf-8")).items()
]


def test_the_text_files_are_found():
    names = {path.relative_to(PROJECT_ROOT).as_posix() for path in TEXT_FILES}
    assert {"bot/texts.yml", "bot/channels/telegram/texts.yml"} <= names


@pytest.mark.parametrize(("file", "key", "variants"), ALL_TEXTS, ids=lambda v: str(v)[:40])
def test_every_text_exists_in_six_languages_with_the_same_placeholders(file, key, variants):
    assert sorted(variants) == sorted(LANGUAGES), f"{file} {key}: {sorted(variants)}"
    expected = _placeholders(variants["en"])
    for language, template in variants.items():
        assert template.strip(), f"{file} {key}.{language} is empty"
        assert _placeholders(template) == expected, f"{file} {key}.{language} placeholders differ"
        assert _looks_like(language, template), f"{file} {key}.{language}: {template!r}"


def test_domain_responses_are_written_in_their_own_script(domain_responses):
    for name, variations in domain_responses.items():
        for variation in variations:
            language = variation["condition"][0]["value"]
            assert _looks_like(language, variation["text"]), f"{name}.{language}"


def test_unknown_language_falls_back_to_english():
    assert text("choose_topic", "xx") == load_texts()["choose_topic"]["en"]


def _localized_strings(node, language=None):
    """(language, text) for every string under a language key, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "patterns":  # regular expressions, not texts
                continue
            yield from _localized_strings(value, key if key in LANGUAGES else language)
    elif isinstance(node, list):
        for value in node:
            yield from _localized_strings(value, language)
    elif isinstance(node, str) and language:
        yield language, node


def _user_visible_texts(domain_responses):
    """Every text a person can read: the catalogue, the text files and the domain responses."""
    files = sorted((PROJECT_ROOT / "data" / "catalogue").rglob("*.yml")) + TEXT_FILES
    for path in files:
        where = path.relative_to(PROJECT_ROOT).as_posix()
        for language, value in _localized_strings(yaml.safe_load(path.read_text("utf-8"))):
            yield where, language, value
    for name, variations in domain_responses.items():
        for variation in variations:
            yield f"domain {name}", variation["condition"][0]["value"], variation["text"]


def test_the_text_sources_are_all_searched(domain_responses):
    found = {
        (where.split(" ")[0], language)
        for where, language, _ in _user_visible_texts(domain_responses)
    }
    for source in (
        "bot/texts.yml",
        "bot/guard/texts.yml",
        "bot/channels/telegram/texts.yml",
        "domain",
    ):
        assert (source, "uk") in found and (source, "ar") in found, source
    assert ("data/catalogue/providers.yml", "ar") in found


def test_arabic_uses_the_arabic_comma_and_one_spelling_of_kauniainen(domain_responses):
    for where, language, value in _user_visible_texts(domain_responses):
        if language != "ar":
            continue
        assert not re.search(r"[\u0600-\u06FF]\s*,", value), f"{where}: Latin comma: {value}"
        assert "كاونيانين" not in value, f"{where}: write Kauniainen كاونياينن"
        assert "منطقة الرفاه" not in value, f"{where}: the county is منطقة خدمات الرفاه"
        assert "عمل عاطل" not in value, f"{where}: ambiguous job-seeker wording"


def test_ukrainian_uses_the_typographic_apostrophe_and_one_verb_for_referral(domain_responses):
    for where, language, value in _user_visible_texts(domain_responses):
        if language == "uk":
            assert "'" not in value, f"{where}: write ’ not ': {value}"
            assert "скер" not in value, f"{where}: направити, not скерувати: {value}"


def test_the_coordinator_is_named_without_a_gender(domain_responses):
    gendered = {"ar": ("منسّقة", "منسقة"), "ru": ("координаторш", "который свяж")}
    gendered["uk"] = ("координаторк", "який зв")
    for where, language, value in _user_visible_texts(domain_responses):
        for word in gendered.get(language, ()):
            assert word not in value, f"{where}: {word}"
