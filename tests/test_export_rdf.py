"""RDF exports: N-Triples, N-Quads, TriG and JSON-LD parse back (rdflib, and pyld for JSON-LD) to the source graph,
with one named graph per article; output is byte-stable across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import SKOS, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.export import Format, export
from kg.export.rdf import named_graphs
from kg.graph import KG, SCHEMA, article_triples

from conftest import ROOT, SEED
from exportkit import HOSTILE, graph, hostile_graph  # noqa: F401  (graph is a fixture)

SECOND_ARTICLE = """Blinken welcomes the Istanbul talks

U.S. Secretary of State Antony Blinken said on Wednesday that the talks in Istanbul were "a useful first step".
Turkish President Recep Tayyip Erdogan hosted the delegations at the Dolmabahce Palace.
Kremlin spokesman Dmitry Peskov denied that Russia had agreed to a ceasefire.
"""
"""A second article (written for these tests) naming some of the seed's people, so entities span articles."""
KG_COMMAND = str(Path(sys.executable).with_name("kg"))


def assert_same(expected: Graph, got: Graph) -> None:
    """Fail with a few differing triples unless the graphs are isomorphic."""
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(f"{len(only_expected)} triples lost, {len(only_got)} added: e.g. {sorted(only_expected)[:2]} "
                    f"/ {sorted(only_got)[:2]}")


def union(ds: Dataset) -> Graph:
    """Every triple of every graph of a Dataset."""
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_ntriples_parse_back_to_the_same_graph(graph, tmp_path):
    path = export(graph, Format.NTRIPLES, tmp_path)
    assert path.name == "graph.nt"
    assert_same(graph, Graph().parse(path, format="nt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)


@pytest.mark.parametrize("fmt, rdflib_format", [(Format.NQUADS, "nquads"), (Format.TRIG, "trig")])
def test_named_graph_formats_parse_back_one_graph_per_article(graph, tmp_path, fmt, rdflib_format):
    path = export(graph, fmt, tmp_path)
    ds = Dataset()
    ds.parse(path, format=rdflib_format)
    assert_same(graph, union(ds))
    articles = set(graph.subjects(predicate=None, object=SCHEMA.NewsArticle))
    named = {c.identifier for c in ds.graphs() if len(c) and c.identifier != ds.default_graph.identifier}
    assert named == articles and len(ds.default_graph) == 0
    for doc in articles:
        part = ds.graph(doc)
        facts = set(graph.subjects(KG.document, doc))
        assert facts and facts <= set(part.subjects()), "every fact sits in its article's graph"
        assert all(o == doc for o in part.objects(None, KG.document))


def test_jsonld_parses_back_in_rdflib_and_in_an_independent_processor(graph, tmp_path):
    from pyld import jsonld

    path = export(graph, Format.JSONLD, tmp_path)
    assert_same(graph, Graph().parse(path, format="json-ld"))
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert {"label", "said", "confidence", "kg", "person"} <= set(doc["@context"])
    quads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert_same(graph, Graph().parse(data=quads, format="nquads"))


def test_hostile_literals_survive_every_rdf_format(tmp_path):
    g = hostile_graph()
    for fmt in (Format.NTRIPLES, Format.NQUADS, Format.TRIG, Format.JSONLD):
        path = export(g, fmt, tmp_path)
        back = Dataset()
        back.parse(path, format={"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}.get(fmt.value, "nt"))
        literals = {str(o) for _, _, o, _ in back.quads((None, None, None, None))}
        assert set(HOSTILE) <= literals, fmt


def _without(g: Graph, predicate: URIRef) -> Graph:
    """`g` less the triples of one predicate."""
    out = Graph()
    for t in g:
        if t[1] != predicate:
            out.add(t)
    return out


@pytest.mark.model
def test_build_and_export_give_each_article_its_own_graph(tmp_path):
    """kg build --export trig/nquads: each named graph is exactly its article's triples. kg export from
    graph.ttl rebuilds the same graphs, except that an alias may also land in another article containing it."""
    from kg.pipeline import build, write_outputs

    second = tmp_path / "second.txt"
    second.write_text(SECOND_ARTICLE, encoding="utf-8")
    result = build([str(SEED), str(second)])
    out = tmp_path / "built"
    write_outputs(result, out, [Format.TRIG, Format.NQUADS])
    built = {}
    for name, fmt in (("graph.trig", "trig"), ("graph.nq", "nquads")):
        built[fmt] = Dataset()
        built[fmt].parse(out / name, format=fmt)
    rebuilt = named_graphs(Graph().parse(out / "graph.ttl"))
    mentioned = []
    for x in result.extractions:
        doc = result.minter.document(x.article.doc_id)
        own = Graph()
        for triple in article_triples(x, result.entities, result.minter):
            own.add(triple)
        for ds in built.values():
            assert_same(own, ds.graph(doc))
        got = rebuilt.graph(doc)
        assert_same(_without(own, SKOS.altLabel), _without(got, SKOS.altLabel))
        assert set(own.triples((None, SKOS.altLabel, None))) <= set(got.triples((None, SKOS.altLabel, None)))
        mentioned.append(set(own.subjects(KG.mentionedIn, None)))
    assert len(mentioned) == 2 and mentioned[0] & mentioned[1], "no entity spans both articles"


@pytest.mark.parametrize("fmt", [f for f in Format])
def test_every_format_is_byte_identical_across_processes(tmp_path, fmt):
    """Same graph, another process with another hash seed: the same bytes (no set order, no timestamps)."""
    source = tmp_path / "graph.ttl"
    source.write_bytes(hostile_graph().serialize(format="turtle", encoding="utf-8"))
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([KG_COMMAND, "export", str(source), "--to", fmt.value, "--out", str(out), "-q"], check=True,
                       env=env, cwd=ROOT)
        outputs.append(sorted((p.relative_to(out), p.read_bytes()) for p in out.rglob("*") if p.is_file()))
    assert outputs[0] == outputs[1] and outputs[0]


def test_line_based_formats_keep_unicode_line_breaks_inside_literals(tmp_path):
    """Sorting N-Triples lines must cut only at "\\n": U+2028, NEL, form feed... are legal inside a literal."""
    g = Graph()
    text = "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i"
    g.add((URIRef("https://kg.example/id/doc/1"), URIRef("http://schema.org/text"), Literal(text)))
    for fmt, rdf_format in ((Format.NTRIPLES, "nt"), (Format.NQUADS, "nquads")):
        back = Dataset()
        back.parse(export(g, fmt, tmp_path), format=rdf_format)
        assert {str(o) for _, _, o, _ in back.quads((None, None, None, None))} == {text}, fmt


def test_trig_keeps_a_literal_that_ends_in_a_quote_after_a_line_break(tmp_path):
    """rdflib's TriG writes such a literal as a long string ending in four quotes, which no reader accepts."""
    import pyoxigraph as ox

    g = Graph()
    text = 'he said: "\n=1 \\"'
    g.add((URIRef("https://kg.example/id/doc/1"), URIRef("http://schema.org/text"), Literal(text)))
    data = export(g, Format.TRIG, tmp_path).read_bytes()
    assert [q.object.value for q in ox.parse(data, format=ox.RdfFormat.TRIG)] == [text]
    assert {str(o) for o in Dataset().parse(data=data, format="trig").objects()} == {text}
