"""Shared fixtures: the project's catalogue, domain and the city's integration programme."""

from __future__ import annotations

import pytest
import yaml

from bot.catalogue import Catalogue, get_catalogue
from bot.paths import DOMAIN_DIR, PROJECT_ROOT

# The city's integration programme, carried in the repository (see docs/sources/README.md).
SEED_FILE = PROJECT_ROOT / "docs" / "sources" / "integration-programme.txt"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return get_catalogue()


@pytest.fixture(scope="session")
def seed_text() -> str:
    assert SEED_FILE.exists(), f"the integration programme is missing: {SEED_FILE}"
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def domain_responses() -> dict[str, list[dict]]:
    responses: dict[str, list[dict]] = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        responses.update(
            (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        )
    return responses
