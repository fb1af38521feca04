"""Rules are pure: a rule reads a frozen context and returns findings with what they propose; `extract` alone applies
the proposals (each finding's as it arrives, in the declared rule order) and combines confidence."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from types import MappingProxyType

import pytest
from conftest import parsed

import texts
from kg import relations
from kg.entities.memory import Alias, Memory, NewEntity, Resolved, Speaker, Statement
from kg.entities.table import EntityTable, entity_table
from kg.entities.view import Entities
from kg.gazetteer import load
from kg.mentions import find_mentions
from kg.model import Article, Extraction
from kg.relations import Context, Found, RuleSpec, confidence
from kg.relations.quotes import find_quotes

# Texts whose findings propose new entities (a name NER missed, a campaign, a delegate), aliases, speakers and
# statements, and whose rules read each other's (a denial inside a statement, "he added").
TEXTS = [texts.DENIES_DECLINED_COMMENT_ON, texts.SAID_CAMPAIGN, texts.SAID_INVERTED, texts.SAID_HIS_LAWYER,
         texts.ROLES_CAMPAIGN, texts.ENTITIES_TITLE_DESCRIPTION, texts.SAID_HE_ADDED, texts.DENIES_REBUTTAL,
         texts.SAID_QUOTE_ENDS_BEFORE_NEW_SUBJECT]


def table_of(text: str) -> tuple[Article, EntityTable]:
    """The article of a frozen text and its entity table."""
    article, doc = parsed(text)
    return article, entity_table(doc, find_mentions(doc, load()), load())


def fresh_context(article: Article, table: EntityTable) -> Context:
    """A context whose entities are the table alone, as no finding has been applied."""
    view = Entities(table)
    quotes = tuple(find_quotes(article.text, article.body_start, article.body_stop, article.masked))
    return Context(article, table.doc, table.gaz, quotes, lambda: view)


def snapshot(table: EntityTable) -> tuple:
    """Everything a rule could have changed in a table, copied."""
    return (dict(table.clusters), dict(table.token_key), dict(table.mention_key), table.mentions, table.groups,
            table.titled, dict(table.title_words), table.sentences)


@pytest.mark.parametrize("text", TEXTS)
def test_every_rule_twice_over_a_fresh_context_finds_the_same_and_changes_nothing(text: str) -> None:
    article, table = table_of(text)
    ctx = fresh_context(article, table)
    before, view = snapshot(table), ctx.entities
    for spec in relations.load_rules().values():
        first, second = list(spec.find(ctx)), list(spec.find(ctx))
        assert first == second, spec.name
        assert snapshot(table) == before and ctx.entities is view and view.memory == Memory(), spec.name


def test_the_texts_exercise_every_kind_of_proposal() -> None:
    kinds = set()
    for text in TEXTS:
        ctx = fresh_context(*table_of(text))
        kinds |= {type(p) for spec in relations.load_rules().values() for f in spec.find(ctx) for p in f.proposes}
    assert kinds == {NewEntity, Alias, Speaker, Statement}


def _immutable_fields(obj: object) -> None:
    """`obj` is a frozen dataclass whose fields hold no list, dict, set or bytearray."""
    assert dataclasses.is_dataclass(obj) and type(obj).__dataclass_params__.frozen, type(obj).__name__
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        assert not isinstance(value, (list, dict, set, bytearray)), f"{type(obj).__name__}.{f.name}"
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, f.name, value)


def test_what_a_rule_sees_is_frozen_all_the_way_down() -> None:
    article, table = table_of(texts.SAID_HE_ADDED)
    ctx = fresh_context(article, table)
    found = next(iter(relations.load_rules()["said"].find(ctx)))
    view = ctx.entities.adding(found.proposes)
    objects = [ctx, view, view.memory, table, table.sentences, *table.clusters.values(), *table.titled, found,
               *found.proposes, Resolved("k", "name")]
    for obj in objects:
        _immutable_fields(obj)
    for mapping in (table.clusters, table.token_key, table.mention_key, table.title_words, view.memory.clusters,
                    view.memory.aliases, *table.sentences.named, *table.sentences.unnamed):
        assert isinstance(mapping, MappingProxyType)


def test_memory_after_applies_proposals_in_order_and_leaves_itself_alone() -> None:
    article, table = table_of(texts.SAID_INVERTED)
    view = Entities(table)
    aide = next(t for t in view.doc if t.text == "aide")
    surface = view.doc[aide.i - 1:aide.i + 3]
    first = NewEntity.described("aide to Volodymyr Zelenskyy", "Person", surface, aide.i)
    again = NewEntity("Person:aide to volodymyr zelenskyy", "Person", "the aide", (100, 108), aide.i)
    memory = view.memory.after([first, again, Alias(first.key, "an aide"), Speaker(13, first.key, person=True),
                                Statement(15, 69, first.key), Speaker(20, "gz:volodymyr-zelenskyy")], table)
    assert view.memory == Memory(), "applying returns a new memory"
    cluster = memory.clusters[first.key]
    assert cluster.forms == ("an aide to Zelensky", "the aide") and cluster.label == "aide to Volodymyr Zelenskyy"
    assert memory.aliases[first.key] == ("an aide",)
    assert memory.speakers == ((13, first.key), (20, "gz:volodymyr-zelenskyy")) and memory.spoken_through == {13}
    later = Entities(table, memory)
    assert later.speaker_at(20, 30) == first.key and later.speaker_at(10, 30) is None
    assert later.type_of(first.key) == "Person" and first.key not in table.clusters


def _only(monkeypatch: pytest.MonkeyPatch, find: relations.Rule, predicate: str = "said") -> None:
    """Make `find` the only rule extract runs."""
    monkeypatch.setattr(relations, "load_rules", lambda: {"probe": RuleSpec("probe", 1, predicate, find)})


def _extract(text: str) -> Extraction:
    return relations.extract(*table_of(text))


def test_a_findings_proposals_are_applied_before_its_rule_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []

    def probe(ctx: Context) -> Iterator[Found]:
        verb = next(t for t in ctx.doc if t.lemma_ == "decline")
        who, _ = ctx.agent(verb, new_names=True)
        seen.append(ctx.entities.by_name("Barclays", ctx.article.text.index("Barclays")))
        yield Found(who.key, (verb.idx, verb.idx + 8), 0.8, how=who.how, proposes=who.proposes)
        seen.append(ctx.entities.by_name("Barclays", ctx.article.text.index("Barclays")))

    _only(monkeypatch, probe)
    x = _extract(texts.DENIES_DECLINED_COMMENT_ON)
    assert seen[0] is None and seen[1] is not None, "the new entity exists once its finding is applied"
    assert [e.label for e in x.entities] == ["Barclays"]


def test_a_resolution_whose_finding_never_comes_leaves_no_entity(monkeypatch: pytest.MonkeyPatch) -> None:
    def probe(ctx: Context) -> Iterator[Found]:
        verb = next(t for t in ctx.doc if t.lemma_ == "decline")
        who, _ = ctx.agent(verb, new_names=True)
        assert who.proposes, "Barclays is a name NER missed: resolving it proposes an entity"
        return iter(())

    _only(monkeypatch, probe)
    assert _extract(texts.DENIES_DECLINED_COMMENT_ON).entities == ()


def test_confidence_is_the_base_weighed_by_how_the_subject_was_resolved() -> None:
    assert confidence(Found("k", (0, 1), 0.9)) == 0.9
    assert confidence(Found("k", (0, 1), 0.9, how="pronoun")) == 0.765
    assert confidence(Found("k", (0, 1), 0.7, how="it")) == 0.49
    assert [confidence(Found("k", (0, 1), 1.0, how=h)) for h in relations.HOW_WEIGHT] == \
        list(relations.HOW_WEIGHT.values())


@pytest.mark.parametrize(("base", "how", "recorded"), [
    (0.9, "pronoun", 0.77),  # 0.765, to two places
    (0.8, "description", 0.72),
    (1.5, "name", 0.99),  # never certain
    (0.01, "it", 0.05),  # never nothing
])
def test_extract_records_the_combined_confidence_clamped_and_rounded(monkeypatch: pytest.MonkeyPatch, base: float,
                                                                     how: str, recorded: float) -> None:
    def probe(ctx: Context) -> Iterator[Found]:
        name = ctx.entities.mentions[0]
        yield Found(ctx.entities.entity_of_token(name.start), (name.end_char + 1, len(ctx.article.text) - 1), base,
                    how=how)

    _only(monkeypatch, probe)
    (fact,) = _extract(texts.SAID_INDIRECT).relations
    assert fact.evidence.confidence == recorded and fact.evidence.rule == "probe/v1"
