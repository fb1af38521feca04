"""Shared fixtures: frozen parses for rule tests, the real pipeline for end-to-end tests, ../shared paths."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.gazetteer import load
from kg.model import Article, Entity, Extraction
from kg.nlp import analysed_text
from kg.pipeline import extract_doc

HERE = Path(__file__).parent
ROOT = HERE.parent
SEED = ROOT / "seeds" / "000_8e813f3e697a16aa.txt"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))

from freeze import key, make_article  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds in tests share one cache of their own, never the user's (tests that count hits pass --cache)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("kg-cache")))
    yield
    mp.undo()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current build")


@pytest.fixture(autouse=True)
def reset_kg_logging() -> Iterator[None]:
    """`kg` commands run through CliRunner set the "kg" logger's level and handler for the whole process
    (--quiet raises it to ERROR, also from module fixtures); reset it around each test."""
    logger = logging.getLogger("kg")
    logger.setLevel(logging.NOTSET)
    logger.handlers.clear()
    yield
    logger.setLevel(logging.NOTSET)
    logger.handlers.clear()


@lru_cache(maxsize=1)
def _frozen() -> dict:
    return json.loads((HERE / "frozen" / "docs.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _english_vocab():
    """English lexical attributes (lower case, punctuation, ...) without any trained component."""
    return spacy.blank("en").vocab


def parsed(text: str, *, published: str | None = None, title: str = "Test headline") -> tuple[Article, Doc]:
    """The article of `text` (a constant of tests/texts.py) under a headline, and its frozen parse.

    The headline is blanked before parsing, so a title of the default's length (13 characters) reuses the
    frozen parse."""
    article = make_article(text, published=published, title=title)
    entry = _frozen().get(key(analysed_text(article)))
    if entry is None:
        pytest.fail("no frozen parse for this text: run `python tests/freeze.py` and commit tests/frozen/docs.json")
    return article, Doc(_english_vocab()).from_json(entry["doc"])


def extract(text: str, *, published: str | None = None, title: str = "Test headline") -> Extraction:
    """Run kg's extraction on a frozen parse of `text` under a headline (see `parsed`)."""
    return extract_doc(*parsed(text, published=published, title=title), load())


def entity(x: Extraction, key_or_label: str) -> Entity:
    """The entity with this key or label (fails the test when absent)."""
    for e in x.entities:
        if key_or_label in (e.key, e.label):
            return e
    raise AssertionError(f"no entity {key_or_label!r} among {[e.label for e in x.entities]}")


def facts(x: Extraction, predicate: str) -> list[tuple[str, str]]:
    """(subject label, object text) for every relation of one type."""
    labels = {e.key: e.label for e in x.entities}
    return [(labels[r.subject], r.object.text) for r in x.relations if r.predicate == predicate]


def needs_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message when the shared data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the ../shared evaluation data beside the checkout")
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Report how many generated inputs the fuzz tests tried (when they ran)."""
    fuzz = sys.modules.get("test_fuzz")
    if fuzz is not None and fuzz.COUNTS:
        terminalreporter.section("fuzz inputs tried")
        for name, n in sorted(fuzz.COUNTS.items()):
            terminalreporter.write_line(f"{name}: {n:,}")
