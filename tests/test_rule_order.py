"""Rules run in their declared order, whatever order Python imported their modules in."""

from __future__ import annotations

import importlib
import itertools
import sys

import pytest
from conftest import extract

import texts
from kg import relations

# Texts where one rule's findings feed another's (a denial inside a statement needs its speaker).
TEXTS = [texts.DENIES_REBUTTAL, texts.DENIES_THAT, texts.SAID_HE_ADDED, texts.SAID_INDIRECT, texts.DENIES_OBJECT]


def _reimport(order: tuple[str, ...]) -> None:
    """Forget the rule modules and their registrations, then import the modules in `order`."""
    for name in relations.RULE_MODULES:
        sys.modules.pop(f"kg.relations.{name}", None)
    relations.RULES.clear()
    for name in order:
        importlib.import_module(f"kg.relations.{name}")


@pytest.fixture
def restore_rules():
    """Leave the registry as the rest of the suite expects it: every module imported in the declared order."""
    yield
    _reimport(relations.RULE_MODULES)


def test_every_import_order_gives_the_declared_run_order_and_the_same_facts(restore_rules) -> None:
    _reimport(relations.RULE_MODULES)
    expected = [extract(t) for t in TEXTS]
    assert any(r.predicate == "denies" for r in expected[0].relations), "the rebuttal needs said to run first"
    for order in itertools.permutations(relations.RULE_MODULES):
        _reimport(order)
        assert list(relations.load_rules()) == list(relations.RULE_MODULES), order
        assert [extract(t) for t in TEXTS] == expected, order
