"""A relation type is declared once: a rule and an ontology stanza make a new type reach every output.

The toy type `praises` is registered here the way a new relation type is added to kg (a rule and a stanza for
ontology/kg.ttl), and nothing else: its facts must reach graph.ttl, the store, `kg explain`, every export format,
the page, SHACL validation and eval, and without its stanza the rule must be refused.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg import spec
from kg.cli import app
from kg.errors import KGError
from kg.relations import RULES, Context, Found, RuleSpec, load_rules

TOY_STANZA = """
@prefix kg: <https://kg.example/ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

kg:Praise a owl:Class ;
    rdfs:label "praise" ;
    rdfs:comment "What someone praised." ;
    rdfs:subClassOf kg:RelationNode .

kg:praises a owl:ObjectProperty ;
    rdfs:subPropertyOf kg:relation ;
    kg:order 5 ;
    rdfs:label "praises" ;
    rdfs:comment "The subject praised the object." ;
    rdfs:domain kg:Entity ;
    rdfs:range kg:Praise ;
    kg:colour "#aa5500" ;
    kg:dashes "3 3" .
"""
ARTICLE = "Praise for a bridge\n\nThe mayor of Lyon, Maria Lopez, praised the new bridge over the river on Monday.\n"


def praises(ctx: Context) -> Iterator[Found]:
    """X praised Y: an entity subject of "praise", its direct object."""
    for verb in ctx.doc:
        if verb.lemma_ == "praise" and verb.pos_ == "VERB":
            target = next((c for c in verb.children if c.dep_ == "dobj"), None)
            found = ctx.finding(verb, list(target.subtree), 0.8) if target is not None else None
            if found:
                yield found


def _use_vocabulary(monkeypatch: pytest.MonkeyPatch, extra: str) -> None:
    """Make kg read the vocabulary of ontology/kg.ttl plus `extra` (Turtle), as if the stanza had been added."""
    graph = Graph()
    graph += spec.vocabulary()
    graph.parse(data=extra, format="turtle")
    monkeypatch.setattr(spec, "vocabulary", lambda: graph)
    spec.terms.cache_clear()
    spec.relation_types.cache_clear()


@pytest.fixture
def toy_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The toy rule registered beside kg's own (and the registry and vocabulary caches restored afterwards)."""
    load_rules()
    monkeypatch.setitem(RULES, "praises", RuleSpec("praises", 1, "praises", praises))
    yield
    monkeypatch.undo()
    spec.terms.cache_clear()
    spec.relation_types.cache_clear()


def test_a_rule_without_its_ontology_stanza_is_refused(toy_rule: None) -> None:
    with pytest.raises(KGError, match="praises.*ontology/kg.ttl declares no such relation type"):
        load_rules()


def kg(*args: object) -> str:
    """Run a kg command in this process (so it sees the toy type) and return its output; fail on an error."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.model
def test_a_new_relation_type_reaches_every_output(toy_rule: None, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    _use_vocabulary(monkeypatch, TOY_STANZA)
    assert "praises" in load_rules()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    kg("build", tmp_path / "in", "--out", out, "--jobs", "1", "--no-cache", "-q", *[
        x for fmt in ("neo4j", "gephi", "graphml", "jsonld", "ntriples", "nquads", "trig", "csv") for x in ("-e", fmt)])

    graph = Graph().parse(out / "graph.ttl")
    rows = list(graph.query("""PREFIX kg: <https://kg.example/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?who ?text ?node WHERE { ?s kg:praises ?node ; rdfs:label ?who . ?node a kg:Praise ; kg:text ?text ;
        kg:rule "praises/v1" }"""))
    assert [(str(w), str(t)) for w, t, _ in rows] == [("Maria Lopez", "the new bridge over the river")]
    assert "/praise/" in str(rows[0][2]), "its nodes get an IRI path from the node class"

    stored = kg("query", "SELECT ?text WHERE { ?s kg:praises ?n . ?n kg:text ?text }", "--store", out / "store",
                "--format", "csv")
    assert "the new bridge over the river" in stored
    assert "praises" in kg("explain", "Maria Lopez", "--store", out / "store")
    assert "conforms" in kg("validate", out / "graph.ttl")

    assert any(row[":TYPE"] == "PRAISES" for f in (out / "neo4j").glob("rels_*.csv")
               for row in csv.DictReader(f.open(encoding="utf-8")))
    assert "PRAISES" in (out / "neo4j" / "kg.cypher").read_text(encoding="utf-8")
    gexf = etree.parse(str(out / "graph.gexf")).iterfind(".//{http://gexf.net/1.3}edge")
    assert "praises" in {e.get("kind") for e in gexf}
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert "praises" in {d.get("kind") for *_, d in graphml.edges(data=True)}
    assert "praises" in json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))["@context"]
    for name, fmt in (("graph.nt", "nt"), ("graph.nq", "nquads"), ("graph.trig", "trig")):
        data = Dataset()
        data.parse(out / name, format=fmt)
        assert any(p == spec.KG.praises for _, p, _, _ in data.quads()), name
    relations = list(csv.DictReader((out / "csv" / "relations.csv").open(encoding="utf-8-sig")))
    assert [r["relation"] for r in relations if "bridge" in r["text"]] == ["praises"]

    page = (out / "graph.html").read_text(encoding="utf-8")
    assert '"name":"praises"' in page.replace(" ", "") and "#aa5500" in page

    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"document": "bridge.txt", "entities": [
        {"id": "lopez", "type": "Person", "name": "Maria Lopez"}], "relations": [
        {"type": "praises", "subject": ["lopez"], "object": "the new bridge over the river"}], "roles": []}),
        encoding="utf-8")
    scores = json.loads(kg("eval", out / "graph.ttl", "--gold", gold, "--json"))
    assert scores["relations"]["praises"]["tp"] == 1
