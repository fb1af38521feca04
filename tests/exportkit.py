"""Shared material for the export tests: a hostile graph built by hand, the seed graph, expected counts.

Expected counts are read from the RDF graph directly (not from the exporters), so a test compares what an
exporter wrote with what the graph holds, whatever the extraction finds in the seed today.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import pytest
from rdflib import RDF, RDFS, Graph

from kg.graph import KG, SCHEMA, Minter, build_graph
from kg.model import Article, Entity, Evidence, Extraction, Relation, Role, Span, TimeRef

from conftest import SEED

HOSTILE = (
    "</script><script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "O'Brien \"The Boss\" Smith",
    "Back\\slash \\' \\\" \\n Person",
    "Multi\nLine\r\nName",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+44 Caller",
    "-2+3 Minus",
    "@SUM(A1:A2)",
    "Tab\tIn Name",
    "Semi;colon, comma | pipe",
    "x'}) MATCH (n) DETACH DELETE n //",
    "$rows {braces} [brackets] `backticks`",
    "Ünïcødé 😀 עברית",
    "]]> <!-- --> &amp; &lt;",
)
"""Names and quotes that break naive HTML, XML, CSV, spreadsheet or Cypher writers."""

RELATIONS = ("said", "hosted", "denies", "proposes")


@lru_cache(maxsize=1)
def hostile_graph() -> Graph:
    """A graph whose every entity is named with a HOSTILE string and whose facts quote them.

    It has each shape the exports distinguish: a fact about exactly one entity, one about several, one with
    a place, one about none, roles with and without an affiliation."""
    entities = [Entity(f"person:hostile-{i}", "Person", name, aliases=(name, f"{name} (alias)"))
                for i, name in enumerate(HOSTILE)]
    place = Entity("place:nowhere", "Place", "Nowhere \"Land\" </script>")
    org = Entity("organization:acme", "Organization", "=ACME'\"\\ Corp")
    text, spans = "", []
    for e in entities:
        sentence = f"{e.label} said \"{HOSTILE[len(spans) % len(HOSTILE)]}\".\n"
        spans.append((len(text), sentence))
        text += sentence
    article = Article(text=text, source="hostile.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                      title="Hostile <b>headline</b> & \"quotes\"")

    def fact(i: int, predicate: str, **kw: object) -> Relation:
        """Entity i's fact quoting HOSTILE[i], with the sentence it is in as evidence."""
        start, sentence = spans[i]
        quote_start = start + sentence.index(' said "') + len(' said "')
        quote = HOSTILE[i]
        return Relation(predicate, entities[i].key, Span(quote_start, quote_start + len(quote), quote),
                        Evidence(Span(start, start + len(sentence) - 1, sentence[:-1]), f"{predicate}/v1", 0.75),
                        cue=Span(start + len(entities[i].label) + 1, start + len(entities[i].label) + 5, "said"),
                        **kw)  # type: ignore[arg-type]

    relations = [fact(i, RELATIONS[i % 4]) for i in range(len(entities))]
    relations[0] = fact(0, "said", about=(entities[1].key,))                      # one entity: a direct edge
    relations[1] = fact(1, "said", about=(entities[2].key, entities[3].key))     # several: node kept
    relations[2] = fact(2, "hosted", place=place.key, time=TimeRef("Tuesday \"night\"", "2022-03-29"))
    relations[3] = fact(3, "denies", about=(org.key,), place=place.key)
    start, sentence = spans[4]
    roles = [Role(entities[4].key, "Chief \"Officer\" <b>", Span(start, start + 5, sentence[:5]),
                  Evidence(Span(start, start + len(sentence) - 1, sentence[:-1]), "roles/v1", 0.85),
                  affiliation=org.key),
             Role(entities[5].key, "=cmd|' /C calc'!A0", Span(spans[5][0], spans[5][0] + 5, spans[5][1][:5]),
                  Evidence(Span(spans[5][0], spans[5][0] + len(spans[5][1]) - 1, spans[5][1][:-1]), "roles/v1", 0.8))]
    all_entities = (*entities, place, org)
    x = Extraction(article, all_entities, tuple(relations), tuple(roles))
    return build_graph([x], {e.key: e for e in all_entities}, minter=Minter())


@lru_cache(maxsize=1)
def seed_graph() -> Graph:
    """The seed article's graph, built with the real pipeline (needs the spaCy model)."""
    from kg.pipeline import build

    return build([str(SEED)]).graph


@pytest.fixture(params=["seed", "hostile"])
def graph(request: pytest.FixtureRequest) -> Graph:
    """Each test that takes `graph` runs on the seed graph (model) and on the hostile graph."""
    if request.param == "seed":
        request.applymarker(pytest.mark.model)
        return seed_graph()
    return hostile_graph()


@pytest.fixture
def kg_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog for kg's own loggers, which the CLI stops from propagating to the root logger."""
    logger = logging.getLogger("kg")
    logger.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        logger.removeHandler(caplog.handler)


def expected_counts(g: Graph) -> tuple[Counter[str], Counter[str]]:
    """(nodes per kind, edges per kind) that the property-graph mapping must give for `g`.

    Read straight from the RDF: a fact keeps its node unless it is about exactly one entity and has no place;
    a role keeps its node unless it has an affiliation."""
    nodes: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    for kind in ("Person", "Organization", "Place"):
        nodes[kind] = len(set(g.subjects(RDF.type, KG[kind])))
    nodes["Article"] = len(set(g.subjects(RDF.type, SCHEMA.NewsArticle)))
    node_class = {"said": "Statement", "hosted": "Event", "denies": "Claim", "proposes": "Proposal"}
    for predicate in RELATIONS:
        for _, o in g.subject_objects(KG[predicate]):
            edges[predicate] += 1
            about, places = set(g.objects(o, KG.about)), set(g.objects(o, KG.place))
            if len(about) == 1 and not places:
                continue
            nodes[node_class[predicate]] += 1
            edges["about"] += len(about)
            edges["place"] += len(places)
    for _, role in g.subject_objects(KG.holdsRole):
        edges["holdsRole"] += 1
        if g.value(role, SCHEMA.affiliation) is None:
            nodes["Role"] += 1
    edges["mentionedIn"] = len(list(g.subject_objects(KG.mentionedIn)))
    return +nodes, +edges


def names(g: Graph) -> set[str]:
    """Every entity name (rdfs:label) in `g`."""
    return {str(label) for e in g.subjects(KG.mentionedIn, None) for label in g.objects(e, RDFS.label)}
