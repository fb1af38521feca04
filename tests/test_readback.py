"""kg.readback: one reader of kg graphs for the page, the property-graph exports, explain and eval, and one entity
lookup by name for `kg viz --focus`, `kg explain` and `kg query`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import GraphError
from kg.explain import explain
from kg.export import Format, export
from kg.export.propgraph import property_graph
from kg.graph import KG
from kg.readback import ROLE, Entity, EntityNotFound, Target, find_entity, read
from kg.store import query, rdflib_triples
from kg.view import read_view

from exportkit import kg_log  # noqa: F401  (fixture)
from graphs import lookup_graph, small_graph

runner = CliRunner()
BASE = "https://kg.example/id/"


@pytest.fixture(scope="module")
def records():
    return read(small_graph())


def by_label(records, label: str) -> str:
    return next(iri for iri, e in records.entities.items() if e.label == label)


def test_entities_carry_type_names_wikidata_and_articles(records):
    putin = records.entities[f"{BASE}person/vladimir-putin"]
    assert (putin.type, putin.label, putin.aliases, putin.wikidata) == ("Person", "Vladimir Putin", ("Putin",), "Q7747")
    assert putin.same_as == ("http://www.wikidata.org/entity/Q7747",)
    assert putin.mentioned_in == tuple(records.documents)
    assert list(records.entities) == sorted(records.entities), "entities in IRI order, whatever the source's order"


def test_facts_keep_what_the_graph_says_apart(records):
    """The text and a role's job title, the time expression and its date, every target, the subject's own too."""
    kremlin = by_label(records, "Kremlin")
    denial = next(f for f in records.facts if f.type == "denies")
    assert denial.subject == kremlin and denial.targets == (Target(kremlin, "about"),)
    role = next(f for f in records.facts if f.type == ROLE)
    assert (role.title, role.text, role.says, role.targets) == ("spokesman", "spokesman", "spokesman",
                                                               (Target(kremlin, "affiliation"),))
    said = next(f for f in records.facts if f.type == "said" and f.text == "Ukraine must talk")
    assert (said.start, said.end, said.sentence_start, said.confidence, said.rule) == (12, 29, 0, 0.9, "said/v1")
    assert isinstance(said.start, int) and said.sentence.startswith("Putin said")
    assert said.date == "2025-05-16", "undated: its article's publication day"
    assert records.documents[said.document].headline == "Talks in Istanbul"


def test_a_resolved_date_is_kept_as_written_and_dates_the_fact():
    from rdflib import XSD  # not at module level: pytest's collection trips on its closed namespace

    g = small_graph()
    day, month = sorted(g.objects(None, KG.said), key=str)[:2]
    g.add((day, KG.timeExpression, Literal("on Tuesday")))
    g.add((day, KG.date, Literal("2025-05-13", datatype=XSD.date)))
    g.add((month, KG.date, Literal("2025-04", datatype=XSD.gYearMonth)))
    facts = {f.iri: f for f in read(g).facts}
    assert (facts[str(day)].time, facts[str(day)].resolved_date, facts[str(day)].date) == \
        ("on Tuesday (2025-05-13)", "2025-05-13", "2025-05-13")
    assert (facts[str(month)].time, facts[str(month)].date) == ("2025-04", "2025-05-16"), "a month: the article's day"


def test_a_graph_its_triples_and_a_store_s_construct_read_the_same():
    """One reader, three sources: an rdflib Graph (a file), a build's triples, a CONSTRUCT answer of the store."""
    g = small_graph()
    store = ox.Store()
    store.bulk_extend(ox.parse(g.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))
    from_store = read(rdflib_triples(query(store, "CONSTRUCT WHERE { ?s ?p ?o }")))
    assert read(g) == read(set(g)) == read(list(g)) == from_store


def test_not_a_kg_graph_and_bad_numbers_are_one_line_errors(tmp_path):
    with pytest.raises(GraphError, match="no kg:Person, kg:Organization or kg:Place"):
        read([(URIRef("http://x/a"), URIRef("http://x/b"), URIRef("http://x/c"))])
    g = small_graph()
    node = next(g.subjects(KG.start, None))
    g.set((node, KG.start, Literal("twelve")))
    with pytest.raises(GraphError, match=f"{re.escape(str(node))}: expected an integer, found 'twelve'"):
        read(g)
    path = tmp_path / "graph.ttl"
    g.serialize(path, format="turtle")
    for args in (["viz", path, "--out", tmp_path / "page.html"], ["export", path, "--to", "csv"]):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 1 and result.output.count("\n") == 1 and "expected an integer" in result.output


def test_facts_of_a_subject_that_is_no_entity_are_left_out_and_counted(kg_log):
    g = small_graph()
    said = next(g.objects(None, KG.said))
    g.add((URIRef("http://elsewhere/someone"), KG.said, said))
    records = read(g)
    assert records.left_out == 1 and "http://elsewhere/someone" not in {f.subject for f in records.facts}
    property_graph(records)
    assert "left out 1 fact(s) whose subject is not a kg entity" in kg_log.text


def test_every_consumer_reads_the_same_records(records):
    """The page's view, the property graph and explain show the records' facts, nothing else."""
    view = read_view(small_graph())
    assert [f.iri for f in view.facts] == [f.iri for f in records.facts]
    assert view.entities == records.entities
    pg = property_graph(records)
    facts = {e.id: e for e in pg.edges if e.kind in ("said", "hosted", "denies", "proposes", "holdsRole")}
    assert set(facts) == {f.iri for f in records.facts}
    assert all(facts[f.iri].props["text"] == f.text and facts[f.iri].props.get("confidence") == f.confidence
               for f in records.facts)
    putin = f"{BASE}person/vladimir-putin"
    store = ox.Store()
    store.bulk_extend(ox.parse(small_graph().serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))
    explained = explain(store, "Putin")
    assert explained.iri == putin and explained.aliases == records.entities[putin].aliases
    assert sorted(e.node for e in explained.edges) == sorted(f.iri for f in records.facts if f.subject == putin)


def test_exports_share_one_reading(tmp_path, monkeypatch):
    """`kg export --to neo4j --to gephi --to csv --to graphml` reads the records once, not once per format."""
    path = tmp_path / "graph.ttl"
    small_graph().serialize(path, format="turtle")
    import kg.readback

    calls = []
    original = kg.readback.read
    monkeypatch.setattr(kg.readback, "read", lambda source: calls.append(1) or original(source))
    result = runner.invoke(app, ["export", str(path), *sum((["--to", f.value] for f in Format), []), "-q"])
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    assert export(small_graph(), Format.GEPHI, tmp_path / "alone").read_bytes() == (tmp_path / "graph.gexf").read_bytes()


# ---------------------------------------------------------------------------------------------- finding an entity

@pytest.fixture(scope="module")
def names():
    return read(lookup_graph()).entities


@pytest.mark.parametrize("value, slug", [
    ("John Kirby", "person/john-kirby"),
    ("  JOHN KIRBY ", "person/john-kirby"),
    ("Kirby", "person/john-kirby"),  # a surname before another's first name (Kirby Smith)
    ("john", "person/john-kirby"),  # a word of a name
    ("person:john-kirby", "person/john-kirby"),
    ("john-kirby", "person/john-kirby"),
    (f"{BASE}person/john-kirby", "person/john-kirby"),
    (f"<{BASE}person/john-kirby>", "person/john-kirby"),
    ("recep tayyip erdogan", "person/recep-tayyip-erdogan"),  # accents do not matter
    ("ERDOĞAN", "person/recep-tayyip-erdogan"),
    ("Washington", "place/washington"),  # a name before another entity's other name
    ("US Government", "organization/us-government"),
    ("the Kremlin", "organization/kremlin"),
    ("place:georgia", "place/georgia"),
])
def test_find_entity_rules(names, value, slug):
    assert find_entity(names, value) == BASE + slug


@pytest.mark.parametrize("value, message", [
    ("Harris", f"'Harris' names 2 entities; give one of: Jane Harris ({BASE}person/jane-harris); "
               f"Tom Harris ({BASE}person/tom-harris)"),
    ("Georgia", f"'Georgia' names 2 entities; give one of: Georgia ({BASE}person/georgia); "
                f"Georgia ({BASE}place/georgia)"),
    ("Jhon Kirby", "no entity called 'Jhon Kirby' in the graph (did you mean 'John Kirby'?)"),
    ("Nobody", "no entity called 'Nobody' in the graph (give a name, another name, a word of a name, or an IRI or its "
               "end such as person:jane-doe)"),
    ("https://example.org/x", "https://example.org/x: no such entity in the graph"),
    ("  ", "'  ': give an entity's name or IRI"),
])
def test_find_entity_refuses_ambiguous_and_unknown_names(names, value, message):
    with pytest.raises(EntityNotFound) as error:
        find_entity(names, value)
    assert str(error.value) == message


def test_an_ambiguous_name_lists_ten_candidates_and_counts_the_rest():
    many = {f"{BASE}person/ann-{i:02d}": Entity(f"{BASE}person/ann-{i:02d}", "Person", "Ann") for i in range(12)}
    with pytest.raises(EntityNotFound, match=r"names 12 entities; give one of: (Ann \([^)]*\); ){9}Ann \([^)]*"
                                             r"ann-09\); and 2 more$"):
        find_entity(many, "ann")


WHO = "# The entity a name means\n# @param who entity: a name or IRI\nSELECT ?who WHERE { ?who a ?type }\n"


def _query(graph: Path, value: str) -> str:
    """What `kg query` binds an entity parameter to: the IRI, or the error after its `--param who: `."""
    rq = graph.with_name("who.rq")
    rq.write_text(WHO, encoding="utf-8")
    result = runner.invoke(app, ["query", "-f", str(rq), "--graph", str(graph), "-p", f"who={value}", "--format",
                                 "json"])
    if result.exit_code:
        return result.output.strip().removeprefix("error: --param who: ")
    return json.loads(result.output)["results"]["bindings"][0]["who"]["value"]


def _explain(graph: Path, value: str) -> str:
    """The entity `kg explain` explains, or its error."""
    result = runner.invoke(app, ["explain", value, "--graph", str(graph), "--json"])
    return json.loads(result.output)["iri"] if result.exit_code == 0 else result.output.strip().removeprefix("error: ")


def _viz(graph: Path, value: str) -> str:
    """The entity whose neighbourhood `kg viz --focus` draws (named in the page's notes), or the error after its
    `--focus: `."""
    page = graph.with_name("page.html")
    result = runner.invoke(app, ["viz", str(graph), "--focus", value, "--out", str(page), "-q"])
    if result.exit_code:
        return result.output.strip().removeprefix("error: --focus: ")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1))
    label = next(n.removeprefix("the neighbourhood of ") for n in data["notes"] if n.startswith("the neighbourhood"))
    return next(e["iri"] for e in data["entities"] if e["label"] == label)


def test_query_explain_and_viz_resolve_every_name_alike(tmp_path, names):
    """The same inputs give the same entity, or the same error, in all three commands, as find_entity says."""
    graph = tmp_path / "graph.ttl"
    lookup_graph().serialize(graph, format="turtle")
    values = ["John Kirby", "Kirby", "john", "person:john-kirby", f"<{BASE}person/john-kirby>", "ERDOĞAN",
              "Washington", "US Government", "the Kremlin", "Harris", "Georgia", "place:georgia", "Jhon Kirby",
              "Nobody", "https://example.org/x"]
    for value in values:
        try:
            expected = find_entity(names, value)
        except EntityNotFound as e:
            expected = str(e)
        assert _query(graph, value) == _explain(graph, value) == _viz(graph, value) == expected, value
