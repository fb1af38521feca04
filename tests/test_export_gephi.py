"""Gephi and GraphML: the GEXF validates against the official GEXF 1.3 RELAX NG schema (lxml) and both read back
in networkx with the RDF graph's nodes, edges and kinds; the GEXF carries the dates Gephi's timeline filters by;
hostile names survive; XML-illegal characters do not break the file."""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal

from kg.export import Format, export
from kg.export.gephi import GEXF_NS, VIZ_NS, colour
from kg.export.propgraph import property_graph
from kg.readback import read
from kg.graph import KG, SCHEMA, Minter, build_graph
from kg.model import Article, Entity, Evidence, Extraction, Relation, Span, TimeRef

from conftest import HERE
from exportkit import HOSTILE, expected_counts, graph, hostile_graph, kg_log, names  # noqa: F401  (fixtures)

NS = {"g": GEXF_NS, "viz": VIZ_NS}


@lru_cache(maxsize=1)
def gexf_schema() -> etree.RelaxNG:
    """The official GEXF 1.3 RELAX NG grammar (tests/schemas/gexf-1.3, see its README for source and licence)."""
    return etree.RelaxNG(etree.parse(str(HERE / "schemas" / "gexf-1.3" / "gexf.rng")))


def assert_valid(doc: etree._ElementTree) -> None:
    """Fail with the validator's messages unless `doc` is valid GEXF 1.3."""
    schema = gexf_schema()
    assert schema.validate(doc), str(schema.error_log)[:2000]


def test_gexf_validates_against_the_gexf_1_3_schema(graph, tmp_path):
    path = export(graph, Format.GEPHI, tmp_path)
    assert path.name == "graph.gexf"
    assert_valid(etree.parse(str(path)))


def test_the_schema_rejects_what_networkx_writes():
    """The validator is not vacuous: networkx's own GEXF 1.3 (attributes `mode`, empty graph `name`) fails it."""
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", kind="said")
    buf = io.BytesIO()
    nx.write_gexf(g, buf, version="1.3")
    assert not gexf_schema().validate(etree.fromstring(buf.getvalue()).getroottree())


def test_gexf_reads_back_in_networkx_with_the_same_nodes_edges_and_kinds(graph, tmp_path):
    path = export(graph, Format.GEPHI, tmp_path)
    g = nx.read_gexf(path)
    nodes, edges = expected_counts(graph)
    assert Counter(d["type"] for _, d in g.nodes(data=True)) == nodes
    read_edges = list(g.edges(data=True))
    assert Counter(d["label"] for *_, d in read_edges) == edges
    kinds = {e.get("id"): e.get("kind") for e in etree.parse(str(path)).iterfind(".//g:edge", NS)}
    assert all(kinds[d["id"]] == d["label"] for *_, d in read_edges), "kind and label both name the relation"
    pg = property_graph(read(graph))
    assert set(g.nodes) == {n.id for n in pg.nodes}
    assert {d["id"] for *_, d in read_edges} == {e.id for e in pg.edges}
    for *_, d in read_edges:
        if d["label"] == "said":
            assert isinstance(d["confidence"], float) and isinstance(d["start"], int) and d["sentence"]


def test_parallel_edges_of_different_kinds_stay_apart(tmp_path):
    """Ann said something about Bob and denies something about Bob: two edges Ann -> Bob, told apart by kind."""
    text = "Ann said Bob lied. Ann denied that Bob won."
    ann, bob = Entity("person:ann", "Person", "Ann"), Entity("person:bob", "Person", "Bob")

    def fact(predicate: str, sentence: str, obj: str) -> Relation:
        """Ann's fact about Bob, read from `sentence`."""
        s, o = text.index(sentence), text.index(obj)
        return Relation(predicate, ann.key, Span(o, o + len(obj), obj),
                        Evidence(Span(s, s + len(sentence), sentence), f"{predicate}/v1", 0.9), about=(bob.key,))

    x = Extraction(Article(text, "p.txt", hashlib.sha256(text.encode()).hexdigest()), (ann, bob),
                   (fact("said", "Ann said Bob lied.", "Bob lied"), fact("denies", "Ann denied that Bob won.", "Bob won")))
    path = export(build_graph([x], {e.key: e for e in (ann, bob)}, minter=Minter()), Format.GEPHI, tmp_path)
    assert_valid(etree.parse(str(path)))
    g = nx.read_gexf(path)
    assert g.is_multigraph()
    between = g.get_edge_data("https://kg.example/id/person/ann", "https://kg.example/id/person/bob")
    assert sorted(d["label"] for d in between.values()) == ["denies", "said"]


def test_gexf_viz_colours_nodes_by_type_and_sizes_them_by_degree(tmp_path):
    doc = etree.parse(str(export(hostile_graph(), Format.GEPHI, tmp_path)))
    sizes = {}
    for node in doc.iterfind(".//g:node", NS):
        kind = node.find("g:attvalues/g:attvalue[@for='type']", NS).get("value")
        drawn = node.find("viz:color", NS)
        assert tuple(int(drawn.get(c)) for c in "rgb") == colour(kind)
        sizes[node.get("id")] = float(node.find("viz:size", NS).get("value"))
    degree = Counter(x for e in doc.iterfind(".//g:edge", NS) for x in (e.get("source"), e.get("target")))
    by_degree = sorted(sizes, key=lambda n: degree[n])
    assert [sizes[n] for n in by_degree] == sorted(sizes.values()) and len(set(sizes.values())) > 1


def test_hostile_names_survive_gexf_and_graphml(tmp_path):
    g = hostile_graph()
    gexf = export(g, Format.GEPHI, tmp_path)
    assert_valid(etree.parse(str(gexf)))
    labels = {n.get("label") for n in etree.parse(str(gexf)).iterfind(".//g:node", NS)}
    assert names(g) <= labels and set(HOSTILE) <= labels
    read = nx.read_gexf(gexf)
    assert names(g) <= {d["label"] for _, d in read.nodes(data=True)}
    aliases = [json.loads(d["aliases"]) for _, d in read.nodes(data=True) if "aliases" in d]
    assert {a for lst in aliases for a in lst} >= {f"{h} (alias)" for h in HOSTILE}
    graphml = nx.read_graphml(export(g, Format.GRAPHML, tmp_path))
    assert names(g) <= {d.get("name") for _, d in graphml.nodes(data=True)}
    texts = {d.get("text") for *_, d in graphml.edges(data=True)}
    assert set(HOSTILE) <= texts


def test_graphml_reads_back_in_networkx_with_the_same_nodes_edges_and_kinds(graph, tmp_path):
    path = export(graph, Format.GRAPHML, tmp_path)
    assert path.name == "graph.graphml"
    g = nx.read_graphml(path, force_multigraph=True)
    nodes, edges = expected_counts(graph)
    assert Counter(d["type"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["kind"] for *_, d in g.edges(data=True)) == edges
    pg = property_graph(read(graph))
    assert {k for *_, k in g.edges(keys=True)} == {e.id for e in pg.edges}


@pytest.mark.parametrize("fmt", [Format.GEPHI, Format.GRAPHML])
def test_characters_xml_cannot_hold_are_replaced_with_a_warning(fmt, tmp_path, kg_log):
    g = Graph()
    for t in hostile_graph():
        g.add(t)
    person = next(iter(g.subjects(RDF.type, KG.Person)))
    for label in list(g.objects(person, RDFS.label)):
        g.remove((person, RDFS.label, label))
    g.add((person, RDFS.label, Literal("Form\x0cfeed\x00Null")))
    path = export(g, fmt, tmp_path)
    etree.parse(str(path))  # well-formed XML
    assert "Form\ufffdfeed\ufffdNull" in Path(path).read_text(encoding="utf-8")
    assert "U+FFFD" in kg_log.text


def _article(text: str, source: str, published: str | None, *facts: tuple[str, str, str, dict]) -> Extraction:
    """An article of one sentence per fact: (predicate, subject key, object text, Relation keywords)."""
    relations = []
    for predicate, subject, obj, kw in facts:
        s, o = text.index(obj), text.index(obj)
        relations.append(Relation(predicate, subject, Span(o, o + len(obj), obj),
                                  Evidence(Span(s, s + len(obj), obj), f"{predicate}/v1", 0.9), **kw))
    keys = {k for _, subject, _, kw in facts for k in (subject, *kw.get("about", ()), kw.get("place"))} - {None}
    article = Article(text, source, hashlib.sha256(text.encode()).hexdigest(), title=source, published=published)
    return Extraction(article, tuple(PEOPLE[k] for k in sorted(keys)), tuple(relations))


PEOPLE = {"person:ann": Entity("person:ann", "Person", "Ann"), "person:bob": Entity("person:bob", "Person", "Bob"),
          "place:kyiv": Entity("place:kyiv", "Place", "Kyiv")}


def dated_graph() -> Graph:
    """Three articles: one of 4 March 2024 (a statement dated 1 March, an undated event in Kyiv), one of 12 March
    (an undated statement), one with no date (a proposal)."""
    march4 = _article("Ann said Bob lied. Bob hosted talks in Kyiv.", "a.txt", "2024-03-04",
                      ("said", "person:ann", "Ann said Bob lied.",
                       {"about": ("person:bob",), "time": TimeRef("on Friday", "2024-03-01")}),
                      ("hosted", "person:bob", "Bob hosted talks in Kyiv.", {"place": "place:kyiv"}))
    march12 = _article("Bob said Ann was wrong.", "b.txt", "2024-03-12",
                       ("said", "person:bob", "Bob said Ann was wrong.", {"about": ("person:ann",)}))
    undated = _article("Ann proposed new talks.", "c.txt", None, ("proposes", "person:ann", "Ann proposed new talks.", {}))
    return build_graph([march4, march12, undated], PEOPLE, minter=Minter())


def test_gexf_carries_the_dates_gephis_timeline_filters_by(tmp_path):
    g = dated_graph()
    path = export(g, Format.GEPHI, tmp_path)
    doc = etree.parse(str(path))
    assert_valid(doc)
    graph = doc.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("start"), graph.get("end")) == \
        ("dynamic", "date", "2024-03-01", "2024-03-12")
    read = nx.read_gexf(path)
    days = {(d["label"], read.nodes[u]["label"], read.nodes[v]["label"]): d.get("spells")
            for u, v, d in read.edges(data=True)}
    assert days[("said", "Ann", "Bob")] == [("2024-03-01", "2024-03-01")], "the statement's own date"
    assert days[("said", "Bob", "Ann")] == [("2024-03-12", "2024-03-12")], "undated: the article's date"
    event = next(v for (kind, _, v) in days if kind == "hosted")
    assert days[("hosted", "Bob", event)] == days[("place", event, "Kyiv")] == [("2024-03-04", "2024-03-04")]
    assert days[("proposes", "Ann", next(v for (k, _, v) in days if k == "proposes"))] is None, "no date: always shown"
    assert days[("mentionedIn", "Kyiv", "a.txt")] == [("2024-03-04", "2024-03-04")]
    spells = {d["label"]: [s for s, _ in d.get("spells", [])] for _, d in read.nodes(data=True)}
    assert spells["Ann"] == ["2024-03-01", "2024-03-04", "2024-03-12"] and spells["Kyiv"] == ["2024-03-04"]
    assert spells["b.txt"] == ["2024-03-12"] and spells["c.txt"] == []

    def week(first: str, last: str) -> set[tuple[str, str, str]]:
        """The edges Gephi's timeline shows for a window: a spell inside it, or no spell at all."""
        return {key for key, s in days.items() if s is None or any(first <= a <= last for a, _ in s)}

    second = week("2024-03-11", "2024-03-17")
    assert {k for k in second if k[0] in ("said", "hosted", "denies", "proposes")} == \
        {("said", "Bob", "Ann"), next(k for k in days if k[0] == "proposes")}


def test_a_date_that_is_not_a_date_leaves_the_element_undated_and_the_gexf_valid(tmp_path):
    g = dated_graph()
    for s, o in list(g.subject_objects(KG.date)):
        g.set((s, KG.date, Literal("2024-02-30</spell>")))
    for s, o in list(g.subject_objects(SCHEMA.datePublished)):
        g.set((s, SCHEMA.datePublished, Literal("yesterday")))
    path = export(g, Format.GEPHI, tmp_path)
    doc = etree.parse(str(path))
    assert_valid(doc)
    assert doc.find("g:graph", NS).get("mode") == "static" and not doc.findall(".//g:spells", NS)
    assert nx.read_gexf(path).number_of_edges() == len(property_graph(read(g)).edges)
