"""Rules run in the order their declarations give (`requires`/`assigns`, then name), whatever order Python imported
their modules in."""

from __future__ import annotations

import importlib
import itertools
import sys

import pytest
from conftest import extract

import texts
from kg import relations
from kg.errors import KGError

# Texts where one rule's findings feed another's (a denial inside a statement needs its speaker).
TEXTS = [texts.DENIES_REBUTTAL, texts.DENIES_THAT, texts.SAID_HE_ADDED, texts.SAID_INDIRECT, texts.DENIES_OBJECT]


MODULES = ("said", "hosted", "denies", "proposes", "roles")
"""The rule modules of kg.relations."""


def _reimport(order: tuple[str, ...]) -> None:
    """Forget the rule modules and their registrations, then import the modules in `order`."""
    for name in MODULES:
        sys.modules.pop(f"kg.relations.{name}", None)
    relations.RULES.clear()
    for name in order:
        importlib.import_module(f"kg.relations.{name}")


@pytest.fixture
def restore_rules():
    """Leave the registry as the rest of the suite expects it: every module imported in the declared order."""
    yield
    _reimport(MODULES)


def test_every_import_order_gives_the_declared_run_order_and_the_same_facts(restore_rules) -> None:
    _reimport(MODULES)
    expected = [extract(t) for t in TEXTS]
    run = list(relations.load_rules())
    assert run == ["said", "denies", "hosted", "proposes", "roles"], "said assigns the statements the others require"
    assert any(r.predicate == "denies" for r in expected[0].relations), "the rebuttal needs said to run first"
    for order in itertools.permutations(MODULES):
        _reimport(order)
        assert list(relations.load_rules()) == run, order
        assert [extract(t) for t in TEXTS] == expected, order


def test_requires_and_assigns_order_rules_and_a_cycle_is_an_error() -> None:
    def spec(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> relations.RuleSpec:
        return relations.RuleSpec(name, 1, name, lambda ctx: iter(()), requires, assigns)

    rules = {r.name: r for r in (spec("a", requires=("x",)), spec("b"), spec("z", assigns=("x",)))}
    assert relations.run_order(rules) == ["z", "a", "b"], "what assigns first, then what it frees, then names"
    rules["z"] = spec("z", requires=("y",), assigns=("x",))
    rules["a"] = spec("a", requires=("x",), assigns=("y",))
    with pytest.raises(KGError, match="require what each other assign"):
        relations.run_order(rules)
