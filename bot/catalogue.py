"""The service catalogue: load `data/catalogue/`, validate it, and answer look-ups.

The catalogue is the single source of every fact the assistant states. Validation collects
every problem and reports each with its file, service and field, so a broken edit is found
by `make test` (and by the action server at start-up), not by a newcomer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.languages import LANGUAGES, is_common_word
from bot.paths import CATALOGUE_DIR
from bot.spelling import compile_tolerant

TARGET_GROUPS: tuple[str, ...] = ("job_seeker", "outside_labour_force")
ANY_GROUP = "any"
MAX_DESCRIPTION_WORDS = 80
MAX_SUMMARY_WORDS = 20
MAX_DETAIL_WORDS = 60
# What a follow-up question can ask about a service (intent ask_<topic>), in the order the
# "More about this" answer lists them. The programme is silent on a topic a service has no
# detail for; the answer then says so (see bot/answers.py).
DETAIL_TOPICS: tuple[str, ...] = (
    "eligibility",
    "signup",
    "referral",
    "location",
    "schedule",
    "teaching_language",
    "childcare",
    "cost",
)
_SEED_REF = re.compile(r"^(§[1-7]|Vastuutaulukko)(, (§[1-7]|Vastuutaulukko))*$")
_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:-[A-Za-z\u00C0-\u024F]+)*")

Localized = Mapping[str, str]


class CatalogueError(ValueError):
    """The catalogue does not satisfy its schema; the message lists every problem."""


@dataclass(frozen=True)
class Provider:
    id: str
    name: Localized
    seed: str
    email: str | None


@dataclass(frozen=True)
class Topic:
    id: str
    name: Localized
    services: tuple[str, ...]


@dataclass(frozen=True)
class TargetGroup:
    id: str
    name: Localized
    button: Localized
    for_whom: Localized  # "for unemployed job seekers", in the form the language needs there
    patterns: Mapping[str, tuple[re.Pattern[str], ...]]

    def matches(self, lowered_text: str) -> bool:
        """Whether the (lower-cased) message says the person belongs to this group."""
        return any(p.search(lowered_text) for ps in self.patterns.values() for p in ps)


@dataclass(frozen=True)
class Multisectoral:
    providers: Mapping[str, tuple[str, ...]]
    description: Localized


@dataclass(frozen=True)
class Detail:
    """One follow-up fact about a service, with the programme section it comes from."""

    topic: str
    seed: str
    text: Localized


_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@dataclass(frozen=True)
class Service:
    id: str
    seed: str
    target_groups: tuple[str, ...]
    providers: Mapping[str, tuple[str, ...]]
    partners: tuple[str, ...]
    name: Localized
    synonyms: Mapping[str, tuple[str, ...]]
    description: Localized
    facts: tuple[Localized, ...]
    how_to: Mapping[str, Localized]
    multisectoral: Multisectoral | None
    related: tuple[str, ...]
    instead: Mapping[str, tuple[str, ...]]  # per group it is not for: the services to offer
    # When set, only these words (and the full names) name this service itself; its synonyms
    # name a need that the `instead` services meet for the groups it leaves out.
    own_names: tuple[str, ...] = ()
    summary_text: Localized | None = None
    details: Mapping[str, Detail] = field(default_factory=dict)

    def summary(self, language: str) -> str:
        """What the service is, in one sentence: `summary`, else the description's first."""
        if self.summary_text is not None:
            return self.summary_text[language]
        return _SENTENCE_END.split(self.description[language].strip(), maxsplit=1)[0]

    @property
    def intent(self) -> str:
        return f"ask_{self.id}"

    @property
    def depends_on_group(self) -> bool:
        """True when who provides it (or how to get there) differs between the two groups."""
        return len(self.providers) > 1 or len(self.how_to) > 1

    def providers_for(self, group: str | None) -> tuple[str, ...] | None:
        """Provider ids for the group; None when the group matters but is unknown or not served."""
        return _by_group(self.providers, group)

    def how_to_for(self, group: str | None) -> Localized | None:
        return _by_group(self.how_to, group)

    def for_group(self, group: str | None) -> str | None:
        """The id of the service that meets this one's need for `group`: this one when it is
        provided for the group, else the one the catalogue offers instead (when it names one
        only): the S2 classes with childcare for integration training, outside the labour
        force. None when neither."""
        if self.providers_for(group) is not None:
            return self.id
        instead = self.instead.get(group or "", ())
        return instead[0] if len(instead) == 1 else None

    def meets_the_same_need_as(self, other: Service) -> bool:
        """Each is what the other offers instead to the group it leaves out (integration
        training for job seekers, the S2 classes with childcare for parents at home): one
        need, met for two groups."""
        return other.id in self._offered_instead() and self.id in other._offered_instead()

    def _offered_instead(self) -> set[str]:
        return {sid for ids in self.instead.values() for sid in ids}

    def related_for(self, group: str | None) -> tuple[str, ...]:
        """The services to show after the answer: first the ones meant for this person's group
        when this service is not (a job seeker asking about Koto-Espoo's career guidance is
        offered the job-search help), then the related ones."""
        first = self.instead.get(group or "", ())
        return (*first, *(rid for rid in self.related if rid not in first))


def _by_group(mapping: Mapping[str, Any], group: str | None) -> Any:
    """The value for `group`: the "any" one, the only one when the group is unknown, or None."""
    if ANY_GROUP in mapping:
        return mapping[ANY_GROUP]
    if group is None:
        return next(iter(mapping.values())) if len(mapping) == 1 else None
    return mapping.get(group)


# A name this long may end inflected ("kaikukortti" -> "kaikukortin"); a shorter one is whole.
MIN_INFLECTED_NAME = 6
# In a name of several words, a word this long may end inflected ("курсы финского" ->
# "курс финского языка", "Finnish course" -> "Finnish courses").
MIN_INFLECTED_WORD = 4
# Words that begin like an inflected name but are other words: "toista" and "toisen" are
# "another", not TOISTO; "pari kuukautta" is "a couple of months", not the parish; "поможет",
# "допоможіть" and "приходить" are "will help", "help!" and "to come", not the guidance
# service's "помощь"/"допомога" or the parish ("приход"); "переключись" and "перевірити" are
# "switch" and "check", and "käännyn" is "I turn": not "переклад", "перевод" or "käännös"
# (the website translation).
_FALSE_FRIENDS = re.compile(
    r"tois(?:ta|en|een|ella|essa|elle|esta|et|ia|ten|illa|ille|issa|ista|iin)"
    r"|pari(?:n|a|lle|ssa|sta|lla|s)?"
    r"|помо(?:г|ч|ж)\w*|допомо(?:ж|гт|гл|га)\w*"
    r"|приход(?:и|я|ж)\w*"
    r"|переключ\w*|перевір\w*|käänny\w*"
)
_WORD_AT = re.compile(r"\w+")


def _any_name(names: Iterable[str]) -> re.Pattern[str]:
    """One pattern for a service's names, each a whole word or inflected (`_name_form`), and
    as typed without its letters' marks ("paivakoti", "sprakkurs": `bot/spelling.py`)."""
    lowered = {n.strip().lower() for n in names}
    return compile_tolerant(
        r"(?<!\w)(?:" + "|".join(_name_form(n) for n in sorted(lowered) if n) + ")", 0
    )


def _name_form(name: str) -> str:
    """The regular expression for a service name as people type it, inflected."""
    words = name.split()
    if len(words) == 1:
        return (
            re.escape(name) + r"(?!\w)" if len(name) < MIN_INFLECTED_NAME else re.escape(name[:-2])
        )
    return r"\s+".join(
        re.escape(w[: max(3, len(w) - 2)]) + r"\w*"
        if len(w) >= MIN_INFLECTED_WORD
        else re.escape(w) + r"(?!\w)"
        for w in words
    )


@dataclass(frozen=True)
class Catalogue:
    services: Mapping[str, Service]
    providers: Mapping[str, Provider]
    topics: tuple[Topic, ...]
    target_groups: Mapping[str, TargetGroup]

    def by_intent(self, intent: str | None) -> Service | None:
        if not intent or not intent.startswith("ask_"):
            return None
        return self.services.get(intent[len("ask_") :])

    def topic(self, topic_id: str | None) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def group_in_text(self, text: str) -> str | None:
        """The target group a message states ("olen työtön"), if exactly one matches."""
        lowered = text.lower()
        found = [g.id for g in self.target_groups.values() if g.matches(lowered)]
        return found[0] if len(found) == 1 else None

    def names_service(self, service: Service, text: str) -> bool:
        """Whether the message calls the service by its name or a synonym, in any language:
        a short name as a whole word ("S2", "ИП"), a longer one in any inflected form
        ("Kaikukortin", "kotoutumiskoulutukseen")."""
        return self.name_in_text(service, text) is not None

    def services_named(self, text: str) -> list[Service]:
        """The services the message calls by a name or synonym (`names_service`)."""
        return [s for s in self.services.values() if self.names_service(s, text)]

    def name_in_text(self, service: Service, text: str) -> str | None:
        """The name or synonym by which the message calls the service, as written, if any;
        not a word that only begins like one (`_FALSE_FRIENDS`)."""
        lowered = text.lower()
        for found in self._name_patterns[service.id].finditer(lowered):
            word = _WORD_AT.match(lowered, found.start())
            if word is None or not _FALSE_FRIENDS.fullmatch(word.group(0)):
                return found.group(0)
        return None

    def calls_by_its_name(self, service: Service, text: str) -> bool:
        """Whether the message calls the service by the start of its name in one of the six
        languages, as newcomers type it ("kotoutumissuunnitelma", "Kaikukortin", "Omnia"), not
        by a synonym for what it helps with ("dagis", "neuvonta", "firma")."""
        found = self.name_in_text(service, text)
        return found is not None and any(
            name.lower().startswith(found.lower()) for name in service.name.values()
        )

    def names_service_itself(self, service: Service, text: str) -> bool:
        """Whether the message calls the service by a name that is its own, not a synonym for
        the need it meets ("Koto-Espoo", not "career guidance"): catalogue field `own_names`,
        else any name or synonym."""
        if not service.own_names:
            return self.names_service(service, text)
        return bool(self._own_name_patterns[service.id].search(text.lower()))

    @cached_property
    def _own_name_patterns(self) -> dict[str, re.Pattern[str]]:
        return {
            service.id: _any_name([*service.own_names, *(service.name[lang] for lang in LANGUAGES)])
            for service in self.services.values()
            if service.own_names
        }

    @cached_property
    def _name_patterns(self) -> dict[str, re.Pattern[str]]:
        return {
            service.id: _any_name(n for ns in self._service_names(service) for n in ns)
            for service in self.services.values()
        }

    def _service_names(self, service: Service) -> Iterator[list[str]]:
        for language in LANGUAGES:
            yield [service.name[language], *service.synonyms.get(language, ())]

    def service_terms(self) -> frozenset[str]:
        """Finnish and Swedish service terms newcomers type in any language ("kaikukortti",
        "kotoutumiskoulutus", "Omnia"): the words of the services' and providers' names and
        one-word synonyms, in every language but English, without common words. Language
        detection ignores them. Computed once: the language detector asks for every message."""
        return self._service_terms

    @cached_property
    def _service_terms(self) -> frozenset[str]:
        terms: set[str] = set()
        for names in self._name_lists():
            for language, texts in names.items():
                if language == "en":
                    continue
                for position, phrase in enumerate(texts):
                    if position > 0 and " " in phrase.strip():
                        continue  # a multi-word synonym is a phrase, not a name
                    terms.update(w.lower() for w in _LATIN_WORD.findall(phrase))
        return frozenset(w for w in terms if len(w) >= 4 and not is_common_word(w))

    def _name_lists(self) -> Iterator[dict[str, list[str]]]:
        for service in self.services.values():
            yield dict(zip(LANGUAGES, self._service_names(service), strict=True))
        for provider in self.providers.values():
            yield {lang: [provider.name[lang]] for lang in LANGUAGES}


class _Problems:
    """Collects validation problems with their location."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.items.append(f"{where}: {problem}")

    def localized(self, where: str, value: Any, max_words: int | None = None) -> dict[str, str]:
        if not isinstance(value, Mapping):
            self.add(where, "must be a mapping with the six languages " + " ".join(LANGUAGES))
            return {lang: "" for lang in LANGUAGES}
        for lang in LANGUAGES:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.add(where, f"missing or empty language '{lang}'")
            elif max_words is not None and len(text.split()) > max_words:
                self.add(where, f"'{lang}' has {len(text.split())} words, at most {max_words}")
        extra = set(value) - set(LANGUAGES)
        if extra:
            self.add(where, f"unknown languages {sorted(extra)}")
        return {lang: str(value.get(lang) or "") for lang in LANGUAGES}

    def ids(
        self, where: str, value: Any, known: Mapping[str, Any] | tuple[str, ...]
    ) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(where, "must be a list of ids")
            return ()
        for item in value:
            if item not in known:
                self.add(where, f"unknown id '{item}'")
        return tuple(value)


def _read(path: Path, problems: _Problems) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        problems.add(path.name, f"cannot be read: {error}")
        return None


def _by_group_field(problems: _Problems, where: str, value: Any, convert: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping) or not value:
        problems.add(where, "must map 'any' or target groups to values")
        return {}
    allowed = (ANY_GROUP, *TARGET_GROUPS)
    result: dict[str, Any] = {}
    for key, item in value.items():
        if key not in allowed:
            problems.add(where, f"unknown key '{key}' (allowed: {', '.join(allowed)})")
            continue
        result[key] = convert(f"{where}.{key}", item)
    if ANY_GROUP in result and len(result) > 1:
        problems.add(where, "'any' cannot be combined with target-group keys")
    return result


_SERVICE_FIELDS = {
    "id",
    "seed",
    "target_groups",
    "providers",
    "partners",
    "name",
    "synonyms",
    "description",
    "facts",
    "how_to",
    "multisectoral",
    "related",
    "instead",
    "own_names",
    "summary",
    "details",
}
_REQUIRED_SERVICE_FIELDS = {
    "id",
    "seed",
    "target_groups",
    "providers",
    "name",
    "synonyms",
    "description",
    "how_to",
}


def _load_providers(directory: Path, problems: _Problems) -> dict[str, Provider]:
    raw = _read(directory / "providers.yml", problems) or {}
    providers: dict[str, Provider] = {}
    if not isinstance(raw, Mapping):
        problems.add("providers.yml", "must map provider ids to providers")
        return providers
    for pid, entry in raw.items():
        where = f"providers.yml: provider {pid}"
        entry = entry if isinstance(entry, Mapping) else {}
        contact = entry.get("contact") or {}
        email = contact.get("email") if isinstance(contact, Mapping) else None
        providers[pid] = Provider(
            id=pid,
            name=problems.localized(f"{where}: field name", entry.get("name")),
            seed=str(entry.get("seed", "")),
            email=email,
        )
    return providers


def _load_target_groups(directory: Path, problems: _Problems) -> dict[str, TargetGroup]:
    raw = _read(directory / "target_groups.yml", problems) or {}
    groups: dict[str, TargetGroup] = {}
    for gid in TARGET_GROUPS:
        where = f"target_groups.yml: group {gid}"
        entry = raw.get(gid) if isinstance(raw, Mapping) else None
        if not isinstance(entry, Mapping):
            problems.add(where, "missing")
            continue
        patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
        raw_patterns = entry.get("patterns") or {}
        for lang in LANGUAGES:
            compiled = []
            for pattern in raw_patterns.get(lang) or []:
                try:
                    compiled.append(compile_tolerant(pattern))
                except re.error as error:
                    problems.add(
                        f"{where}: field patterns.{lang}", f"bad pattern {pattern!r}: {error}"
                    )
            if not compiled:
                problems.add(f"{where}: field patterns.{lang}", "needs at least one pattern")
            patterns[lang] = tuple(compiled)
        groups[gid] = TargetGroup(
            id=gid,
            name=problems.localized(f"{where}: field name", entry.get("name")),
            button=problems.localized(f"{where}: field button", entry.get("button")),
            for_whom=problems.localized(f"{where}: field for_whom", entry.get("for_whom")),
            patterns=patterns,
        )
    return groups


def _load_service(
    path: Path, providers: Mapping[str, Provider], problems: _Problems
) -> Service | None:
    raw = _read(path, problems)
    if not isinstance(raw, Mapping):
        problems.add(path.name, "must be a mapping describing one service")
        return None
    sid = str(raw.get("id", ""))
    where = f"services/{path.name}: service {sid or '?'}"
    if sid != path.stem:
        problems.add(where, f"field id must equal the file name '{path.stem}'")
    for missing in sorted(_REQUIRED_SERVICE_FIELDS - set(raw)):
        problems.add(f"{where}: field {missing}", "missing")
    for unknown in sorted(set(raw) - _SERVICE_FIELDS):
        problems.add(f"{where}: field {unknown}", "unknown field")
    seed = str(raw.get("seed", ""))
    if not _SEED_REF.match(seed):
        problems.add(f"{where}: field seed", f"must cite seed sections like '§4', got {seed!r}")

    def provider_ids(w: str, v: Any) -> tuple[str, ...]:
        ids = problems.ids(w, v, providers)
        if not ids:
            problems.add(w, "needs at least one provider")
        return ids

    def localized(w: str, v: Any) -> dict[str, str]:
        return problems.localized(w, v)

    synonyms_raw = raw.get("synonyms") if isinstance(raw.get("synonyms"), Mapping) else {}
    synonyms: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        items = synonyms_raw.get(lang)
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.add(
                f"{where}: field synonyms.{lang}", "must be a list of words (may be empty)"
            )
            items = []
        synonyms[lang] = tuple(items)

    multisectoral = None
    if raw.get("multisectoral") is not None:
        ms = raw["multisectoral"] if isinstance(raw["multisectoral"], Mapping) else {}
        multisectoral = Multisectoral(
            providers=_by_group_field(
                problems,
                f"{where}: field multisectoral.providers",
                ms.get("providers"),
                provider_ids,
            ),
            description=problems.localized(
                f"{where}: field multisectoral.description",
                ms.get("description"),
                MAX_DESCRIPTION_WORDS,
            ),
        )

    facts_raw = raw.get("facts") or []
    if not isinstance(facts_raw, list):
        problems.add(f"{where}: field facts", "must be a list")
        facts_raw = []
    target_groups = problems.ids(
        f"{where}: field target_groups", raw.get("target_groups"), TARGET_GROUPS
    )
    if not target_groups:
        problems.add(f"{where}: field target_groups", "needs at least one target group")

    instead_raw = raw.get("instead") or {}
    instead: dict[str, tuple[str, ...]] = {}
    if not isinstance(instead_raw, Mapping):
        problems.add(f"{where}: field instead", "must map target groups to service ids")
        instead_raw = {}
    for group, ids in instead_raw.items():
        if group not in TARGET_GROUPS or group in target_groups:
            problems.add(
                f"{where}: field instead", f"'{group}' is not a target group the service leaves out"
            )
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            problems.add(f"{where}: field instead.{group}", "must be a list of service ids")
            continue
        instead[str(group)] = tuple(ids)
    summary = None
    if raw.get("summary") is not None:
        summary = problems.localized(f"{where}: field summary", raw["summary"], MAX_SUMMARY_WORDS)

    return Service(
        id=sid,
        seed=seed,
        target_groups=target_groups,
        providers=_by_group_field(
            problems, f"{where}: field providers", raw.get("providers"), provider_ids
        ),
        partners=problems.ids(f"{where}: field partners", raw.get("partners"), providers),
        name=problems.localized(f"{where}: field name", raw.get("name")),
        synonyms=synonyms,
        description=problems.localized(
            f"{where}: field description", raw.get("description"), MAX_DESCRIPTION_WORDS
        ),
        facts=tuple(
            problems.localized(f"{where}: field facts[{i}]", fact)
            for i, fact in enumerate(facts_raw)
        ),
        how_to=_by_group_field(problems, f"{where}: field how_to", raw.get("how_to"), localized),
        multisectoral=multisectoral,
        related=tuple(raw.get("related") or ()),
        instead=instead,
        own_names=tuple(str(n) for n in raw.get("own_names") or ()),
        summary_text=summary,
        details=_load_details(problems, f"{where}: field details", raw.get("details")),
    )


def _load_details(problems: _Problems, where: str, value: Any) -> dict[str, Detail]:
    """`details:` maps topics of DETAIL_TOPICS to {seed, text}; optional."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.add(where, "must map topics to {seed, text}")
        return {}
    details: dict[str, Detail] = {}
    for topic, entry in value.items():
        at = f"{where}.{topic}"
        if topic not in DETAIL_TOPICS:
            problems.add(at, f"unknown topic (allowed: {', '.join(DETAIL_TOPICS)})")
            continue
        entry = entry if isinstance(entry, Mapping) else {}
        unknown = set(entry) - {"seed", "text"}
        if unknown:
            problems.add(at, f"unknown fields {sorted(unknown)}")
        seed = str(entry.get("seed", ""))
        if not _SEED_REF.match(seed):
            problems.add(f"{at}.seed", f"must cite seed sections like '§4', got {seed!r}")
        text = problems.localized(f"{at}.text", entry.get("text"), MAX_DETAIL_WORDS)
        details[topic] = Detail(topic=topic, seed=seed, text=text)
    return details


def load_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    """Load and validate the catalogue; raise CatalogueError listing every problem."""
    problems = _Problems()
    providers = _load_providers(directory, problems)
    groups = _load_target_groups(directory, problems)
    services: dict[str, Service] = {}
    for path in sorted((directory / "services").glob("*.yml")):
        service = _load_service(path, providers, problems)
        if service is not None:
            services[service.id] = service
    if not services:
        problems.add("services/", "no service files")
    for service in services.values():
        offered = [*service.related, *(i for ids in service.instead.values() for i in ids)]
        for rid in offered:
            if rid not in services or rid == service.id:
                problems.add(
                    f"services/{service.id}.yml: service {service.id}: field related/instead",
                    f"'{rid}' is not another service",
                )

    topics_raw = _read(directory / "topics.yml", problems) or []
    topics = []
    for i, entry in enumerate(topics_raw if isinstance(topics_raw, list) else []):
        tid = str(entry.get("id", f"#{i}"))
        where = f"topics.yml: topic {tid}"
        topics.append(
            Topic(
                id=tid,
                name=problems.localized(f"{where}: field name", entry.get("name")),
                services=problems.ids(f"{where}: field services", entry.get("services"), services),
            )
        )
    in_topics = {sid for t in topics for sid in t.services}
    for sid in services:
        if sid not in in_topics:
            problems.add(f"services/{sid}.yml: service {sid}", "is in no topic of topics.yml")

    if problems.items:
        raise CatalogueError(
            f"The service catalogue in {directory} has {len(problems.items)} problem(s):\n  - "
            + "\n  - ".join(problems.items)
        )
    return Catalogue(
        services=services, providers=providers, topics=tuple(topics), target_groups=groups
    )


@lru_cache(maxsize=1)
def get_catalogue() -> Catalogue:
    """The project's catalogue, loaded once per process on first use."""
    return load_catalogue()
