"""`kg query`, `kg explain`, `kg validate` and the store `kg build` writes, on the seed graph (real model)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.queries import catalog
from kg.store import is_store, query, with_values

from conftest import SEED

runner = CliRunner()
pytestmark = pytest.mark.model


def kg(*args: object, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    result = kg("build", SEED, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    return out


def rows(out: Path, query: str, *params: str, fmt_args: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Run a query through the CLI as CSV and read the rows back with the csv module."""
    args = [a for p in params for a in ("--param", p)]
    result = kg("query", query, "--store", out / "store", "--format", "csv", *args, *fmt_args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in result.output, result.output
    return lines[0]


# ---------------------------------------------------------------- the store kg build writes

def test_build_writes_a_store_with_one_named_graph_per_article_and_their_union(built):
    assert is_store(built / "store")
    store = ox.Store.read_only(str(built / "store"))
    graphs = list(store.named_graphs())
    documents = rows(built, "SELECT ?doc WHERE { ?doc a schema:NewsArticle }")
    assert [g.value for g in graphs] == [r["doc"] for r in documents]
    turtle = ox.Store()
    turtle.load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    union = {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert union == {str(q.triple) for q in turtle}, "the default graph is graph.ttl"
    assert union == {str(q.triple) for q in store.quads_for_pattern(None, None, None, graphs[0])}
    in_graph = rows(built, "SELECT ?g WHERE { GRAPH ?g { person:john-kirby kg:denies ?c } }")
    assert [r["g"] for r in in_graph] == [graphs[0].value]
    assert not [p.name for p in built.iterdir() if p.name.endswith((".tmp", ".old"))], "temporaries left behind"
    assert (built / "store").is_symlink() and (built / "store").resolve().parent == built.resolve()


def test_each_triple_is_seen_once_however_many_articles_have_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("Check Also", "Check Also.\n\nA second copy."), encoding="utf-8")
    assert kg("build", folder, "--out", tmp_path / "o", "-q").exit_code == 0
    result = kg("query", "SELECT ?name WHERE { person:john-kirby rdfs:label ?name }", "--store",
                tmp_path / "o" / "store", "--format", "csv")
    assert result.stdout.split() == ["name", "John", "Kirby"]
    hosts = kg("query", "hosted", "--store", tmp_path / "o" / "store", "--format", "csv").stdout
    assert len(list(csv.DictReader(io.StringIO(hosts)))) == 2, "one hosting per article, not per label copy"


def test_rebuild_swaps_in_an_equal_store(built, tmp_path):
    out = tmp_path / "o"
    assert kg("build", SEED, "--out", out, "-q").exit_code == 0
    first = sorted(map(str, ox.Store.read_only(str(out / "store"))))
    assert kg("build", SEED, "--out", out, "-q").exit_code == 0
    assert sorted(map(str, ox.Store.read_only(str(out / "store")))) == first
    assert first == sorted(map(str, ox.Store.read_only(str(built / "store"))))
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == ["graph.html", "graph.ttl", "store"]


def test_build_refuses_to_replace_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "mine.txt").write_text("keep me", encoding="utf-8")
    assert "exists and kg did not write it" in one_line_error(kg("build", SEED, "--out", tmp_path, "-q"))
    assert (tmp_path / "store" / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "graph.ttl").exists()


def test_a_store_held_open_for_writing_is_queried_read_only(built, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, pyoxigraph as ox\n"
                               f"s = ox.Store({str(built / 'store')!r})\nprint('open', flush=True)\nsys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert [r["name"] for r in rows(built, "hosted")] == ["Recep Tayyip Erdoğan"]
    finally:
        holder.communicate("", timeout=30)


# ---------------------------------------------------------------- the ready-made queries answer the news questions

def test_erdogan_hosted_the_talks_in_istanbul(built):
    hosted = rows(built, "hosted", "host=Erdogan")
    assert any("talks" in r["event"] and r["place"] == "Istanbul" for r in hosted), hosted


def test_zelensky_proposed_neutrality(built):
    proposals = rows(built, "proposals", "actor=Zelensky")
    assert any("neutral" in r["proposal"] for r in proposals), proposals
    assert all(r["name"] == "Volodymyr Zelenskyy" for r in proposals)


def test_which_proposals_russia_made(built):
    proposals = rows(built, "proposals", "actor=Russia")
    assert any("fast track" in r["proposal"] for r in proposals), proposals


def test_kirby_denied_a_withdrawal(built):
    denials = rows(built, "denials", "actor=kirby")
    assert any("withdrawal" in r["claim"] for r in denials), denials
    assert all(r["denier"] == "John Kirby" for r in denials)


def test_who_said_what_optionally_about_an_entity(built):
    everything = rows(built, "said")
    about_russia = rows(built, "said", "about=Russia")
    assert {"John Kirby", "Antony Blinken", "Volodymyr Zelenskyy"} <= {r["speaker"] for r in everything}
    assert about_russia and len(about_russia) < len(everything)
    assert {r["about"] for r in about_russia} == {"https://kg.example/id/place/russia"}
    assert "Antony Blinken" in {r["speaker"] for r in about_russia}


def test_statements_per_person_over_time(built):
    zelensky = rows(built, "statements-over-time", "person=Volodymyr Zelenskyy")
    assert zelensky and all(r["name"] == "Volodymyr Zelenskyy" for r in zelensky)
    assert sum(int(r["statements"]) for r in zelensky) >= 2


def test_roles_and_affiliations(built):
    pentagon = rows(built, "roles", "affiliation=Pentagon")
    assert [(r["name"], r["title"]) for r in pentagon] == [("John Kirby", "spokesperson")]
    everyone = {(r["name"], r["organisation"]) for r in rows(built, "roles")}
    assert ("Dmitry Peskov", "Kremlin") in everyone


def test_entities_mentioned_together(built):
    with_crimea = rows(built, "co-mentions", "entity=Crimea")
    assert "Ukraine" in {r["otherName"] for r in with_crimea}
    assert {r["name"] for r in with_crimea} == {"Crimea"}


def test_contradictions_pair_a_statement_with_a_denial_about_the_same_entity(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text("""
@prefix kg: <https://kg.example/ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> . @prefix : <https://kg.example/id/> .
:doc a schema:NewsArticle ; kg:sourceName "a.txt" ; schema:headline "Troops" .
:russia a kg:Place ; rdfs:label "Russia" .
:moscow a kg:Organization ; rdfs:label "Kremlin" ; kg:said :s1 .
:kirby a kg:Person ; rdfs:label "John Kirby" ; kg:denies :c1 ; kg:said :s2 .
:s1 a kg:Statement ; kg:text "Russia is pulling troops back" ; kg:about :russia ; kg:document :doc .
:c1 a kg:Claim ; kg:text "a real withdrawal by Russia" ; kg:about :russia ; kg:document :doc .
:s2 a kg:Statement ; kg:text "Russia is repositioning" ; kg:about :russia ; kg:document :doc .
""", encoding="utf-8")
    result = kg("query", "contradictions", "--graph", graph, "--format", "csv")
    assert result.exit_code == 0, result.output
    found = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["speaker"], r["denier"], r["topic"]) for r in found] == [("Kremlin", "John Kirby", "Russia")]
    about = kg("query", "contradictions", "--graph", graph, "--format", "csv", "--param", "about=Russia")
    assert list(csv.DictReader(io.StringIO(about.stdout))) == found
    (tmp_path / "words.ttl").write_text(graph.read_text(encoding="utf-8").replace(
        "kg:about :russia ; kg:document :doc", "kg:document :doc").replace(
        '"a real withdrawal by Russia"', '"pulling troops back"'), encoding="utf-8")
    words = kg("query", "contradictions", "--graph", tmp_path / "words.ttl", "--format", "csv")
    assert [(r["speaker"], r["claim"]) for r in csv.DictReader(io.StringIO(words.stdout))] == [
        ("Kremlin", "pulling troops back")]


@pytest.mark.parametrize("name", sorted(catalog()))
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_every_ready_made_query_runs_in_every_format(built, name, fmt):
    params = ["--param", "entity=Kirby"] if name == "explain" else []
    result = kg("query", name, "--store", built / "store", "--format", fmt, *params)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["head"]["vars"] and isinstance(data["results"]["bindings"], list)
    elif fmt == "table":
        assert " row" in result.stdout


def test_list_describes_every_ready_made_query():
    result = kg("query", "--list")
    assert result.exit_code == 0
    for name in ("said", "statements-over-time", "denials", "proposals", "hosted", "roles", "co-mentions",
                 "contradictions"):
        line = next(line for line in result.stdout.splitlines() if line.startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 20


def test_a_turtle_file_answers_like_the_store(built):
    from_store = kg("query", "said", "--store", built / "store", "--format", "csv")
    from_file = kg("query", "said", "--graph", built / "graph.ttl", "--format", "csv")
    assert from_store.exit_code == from_file.exit_code == 0
    assert from_store.stdout == from_file.stdout


def test_queries_from_text_and_file_with_parameters_bound_as_terms(built, tmp_path):
    text = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT ?entity ?name WHERE { ?entity rdfs:label ?name }")
    assert [r["entity"] for r in rows(built, text, "name=John Kirby")] == ["https://kg.example/id/person/john-kirby"]
    assert rows(built, text, 'name=x" } UNION { ?entity ?p ?name') == []
    rq = tmp_path / "q.rq"
    rq.write_text("# People with a confidence above a threshold.\n# @param min decimal: lowest confidence\n"
                  "PREFIX kg: <https://kg.example/ns#>\n"
                  "SELECT ?node ?c ?min WHERE { ?node kg:confidence ?c FILTER(?c >= ?min) }", encoding="utf-8")
    result = kg("query", "-f", rq, "--store", built / "store", "--param", "min=0.85", "--format", "csv")
    assert result.exit_code == 0, result.output
    found = list(csv.DictReader(io.StringIO(result.stdout)))
    assert found and all(float(r["c"]) >= 0.85 for r in found)
    assert "not a valid decimal" in one_line_error(kg("query", "-f", rq, "--store", built / "store",
                                                      "--param", "min=high"))


HOSTILE = ['x" } UNION { ?entity ?p ?name }', "x' } DROP ALL #", 'a\\" >\n} ; DROP ALL ; <urn:x> \\u0022 """',
           "\\", "} }\r\n# SELECT * WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_parameter_value_matches_literally_and_changes_nothing(value):
    store = ox.Store()
    person = ox.NamedNode("https://kg.example/id/person/x")
    store.add(ox.Quad(person, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(value)))
    store.add(ox.Quad(ox.NamedNode("urn:other"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("other")))
    text = "SELECT ?entity ?name WHERE { ?entity rdfs:label ?name }"
    assert "VALUES ?name" in with_values(text, {"name": ox.Literal(value)})
    found = [(r["entity"], r["name"]) for r in query(store, text, {"name": ox.Literal(value)})]
    assert found == [(person, ox.Literal(value))]
    assert list(query(store, text, {"name": ox.Literal(value + "!")})) == []


def test_a_hostile_iri_is_refused_in_one_line(built):
    for value in ["<urn:x> } DROP ALL", "urn:x>\n} UNION {", 'urn:x"}']:
        line = one_line_error(kg("query", "SELECT ?x WHERE { ?x ?p ?o }", "--store", built / "store",
                                 "--param", f"x=<{value}>"))
        assert "not a valid iri" in line


@pytest.mark.parametrize("text, expected", [
    ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE { VALUES ?s { <urn:a> }  ?s ?p ?o }"),
    ("ASK { ?s ?p '}' # }\n}", "ASK { VALUES ?s { <urn:a> }  ?s ?p '}' # }\n}"),
    ("SELECT * { SELECT ?s { ?s ?p ?o } }", "SELECT * { VALUES ?s { <urn:a> } { SELECT ?s { VALUES ?s { <urn:a> }  ?s ?p ?o } } }"),
    ("SELECT ?s { { SELECT ?o { ?s ?p ?o } } }", "SELECT ?s { VALUES ?s { <urn:a> }  { SELECT ?o { ?s ?p ?o } } }"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
])
def test_values_go_first_in_each_where_group_of_the_bound_variable(text, expected):
    assert with_values(text, {"s": ox.NamedNode("urn:a")}) == expected


def test_co_mentions_ranks_pairs_and_takes_a_limit(built):
    top = rows(built, "co-mentions")
    assert 0 < len(top) <= 100
    counts = [int(r["articles"]) for r in top]
    pairs = [frozenset((r["entity"], r["other"])) for r in top]
    assert counts == sorted(counts, reverse=True) and len(set(pairs)) == len(pairs) and all(len(p) == 2 for p in pairs)
    mentions: dict[str, set[str]] = {}
    for r in rows(built, "SELECT ?e ?doc WHERE { ?e kg:mentionedIn ?doc }"):
        mentions.setdefault(r["e"], set()).add(r["doc"])
    assert [len(mentions[r["entity"]] & mentions[r["other"]]) for r in top] == counts
    assert counts[0] == max(len(a & b) for e, a in mentions.items() for o, b in mentions.items() if e < o)
    assert [int(r["articles"]) for r in rows(built, "co-mentions", "limit=3")] == counts[:3]
    assert "must be 0 or more" in one_line_error(kg("query", "co-mentions", "--store", built / "store",
                                                    "--param", "limit=-1"))


def test_ask_and_construct(built):
    assert kg("query", "ASK { ?s ?p ?o }", "--store", built / "store").stdout == "yes\n"
    turtle = kg("query", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }", "--store", built / "store").stdout
    assert "person:john-kirby a kg:Person" in turtle
    assert "triples, not rows" in one_line_error(kg("query", "CONSTRUCT WHERE { ?s ?p ?o }", "--store",
                                                    built / "store", "--format", "csv"))


# ---------------------------------------------------------------- explain

def test_explain_shows_each_edge_with_its_evidence(built):
    result = kg("explain", "Kirby", "--store", built / "store")
    assert result.exit_code == 0, result.output
    assert "John Kirby  <https://kg.example/id/person/john-kirby>" in result.stdout
    assert "not [[a real withdrawal]]." in result.stdout
    assert re.search(r"rule: denies/v\d+ ", result.stdout) and "[[Pentagon spokesperson]] John Kirby" in result.stdout


def test_explain_json_spans_slice_back_to_the_text(built):
    result = kg("explain", "https://kg.example/id/place/crimea", "--store", built / "store", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["label"] == "Crimea" and data["edges"]
    for edge in data["edges"]:
        assert edge["sentence"][edge["span_start"]:edge["span_end"]] == edge["text"]
    assert any(e["relation"] == "kg:proposes" and e["via"] == "kg:about" for e in data["edges"])


def test_explain_unknown_and_ambiguous_entities(built):
    unknown = one_line_error(kg("explain", "Nobody Atall", "--store", built / "store"))
    assert "no entity called 'Nobody Atall'" in unknown
    assert "names 2 entities" in one_line_error(kg("explain", "Zelenskyy", "--store", built / "store"))
    assert "no such entity" in one_line_error(kg("explain", "https://example.org/x", "--store", built / "store"))


# ---------------------------------------------------------------- errors a user can fix

def test_malformed_sparql_gives_one_line_with_the_position(built):
    line = one_line_error(kg("query", "SELECT ?s WHERE {\n  ?s ?p\n}", "--store", built / "store"))
    assert "malformed SPARQL" in line and "error at 3:2" in line
    assert "error at 1:10" in one_line_error(kg("query", "SELEC ?s WHERE { ?s ?p ?o }", "--store", built / "store"))


def test_updates_are_refused(built):
    line = one_line_error(kg("query", "PREFIX a: <urn:a:>\nINSERT DATA { a:b a:c a:d }", "--store", built / "store"))
    assert "updates are refused" in line


@pytest.mark.parametrize("args, message", [
    (["query", "nosuch"], "no ready-made query 'nosuch'"),
    (["query", "said", "--param", "bogus=1"], "said has no parameter bogus"),
    (["query", "said", "--param", "about"], "write key=value"),
    (["query", "explain"], "explain needs --param entity"),
    (["query", "said", "--format", "xml"], "--format"),
    (["query"], "give a query"),
    (["query", "   "], "the query is empty"),
])
def test_bad_arguments(built, args, message):
    assert message in one_line_error(kg(*args, "--store", built / "store"))


def test_bad_stores_and_graph_files(built, tmp_path):
    assert "run `kg build` first" in one_line_error(kg("query", "said", "--store", tmp_path / "none"))
    assert "not a kg store" in one_line_error(kg("query", "said", "--store", tmp_path))
    (tmp_path / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    assert "not valid Turtle: Parser error at line 1" in one_line_error(
        kg("query", "said", "--graph", tmp_path / "bad.ttl"))
    (tmp_path / "bin.ttl").write_bytes(b"\xff\xfe\x00\x01")
    assert "Invalid UTF-8" in one_line_error(kg("query", "said", "--graph", tmp_path / "bin.ttl"))
    (tmp_path / "empty.ttl").write_bytes(b"")
    assert "empty" in one_line_error(kg("query", "said", "--graph", tmp_path / "empty.ttl"))
    (tmp_path / "g.xyz").write_text("x", encoding="utf-8")
    assert "unknown graph format" in one_line_error(kg("query", "said", "--graph", tmp_path / "g.xyz"))
    assert "not both" in one_line_error(kg("query", "said", "--graph", built / "graph.ttl", "--store",
                                           built / "store"))
    assert "no such query file" in one_line_error(kg("query", "-f", tmp_path / "none.rq", "--store", built / "store"))


# ---------------------------------------------------------------- validate

def test_the_seed_graph_conforms_to_the_shapes(built):
    result = kg("validate", built / "graph.ttl")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_validate_reports_each_violation(built, tmp_path):
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    broken = text.replace('rdfs:label "CNN" ;', 'rdfs:label "CNN", "Cable News" ;').replace(
        "kg:confidence 0.6 ;", "kg:confidence 1.6 ;", 1)
    assert broken != text
    (tmp_path / "broken.ttl").write_text(broken + "\n<https://kg.example/id/statement/x> a kg:Statement .\n",
                                         encoding="utf-8")
    result = kg("validate", tmp_path / "broken.ttl")
    assert result.exit_code == 1
    out = result.output
    assert "organization/cnn> http://www.w3.org/2000/01/rdf-schema#label: an entity has exactly one name" in out
    assert "kg:confidence is one decimal from 0 to 1 (value: 1.6)" in out
    assert "statement/x>: a relation node is the object of exactly one relation" in out
    assert out.splitlines()[-1].startswith("error:") and "SHACL violations" in out.splitlines()[-1]


def test_validate_catches_offsets_that_do_not_slice_back(built, tmp_path):
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    (tmp_path / "shifted.ttl").write_text(text.replace("kg:start 1351 ;", "kg:start 1350 ;"), encoding="utf-8")
    result = kg("validate", tmp_path / "shifted.ttl")
    assert result.exit_code == 1 and "not the article text between its offsets" in result.output


def test_validate_bad_input(tmp_path):
    assert "no such graph file" in one_line_error(kg("validate", tmp_path / "none.ttl"))
    (tmp_path / "bad.ttl").write_text("not turtle <<<", encoding="utf-8")
    assert "not valid Turtle" in one_line_error(kg("validate", tmp_path / "bad.ttl"))
    (tmp_path / "empty.ttl").write_text("@prefix kg: <https://kg.example/ns#> .\n", encoding="utf-8")
    assert "empty" in one_line_error(kg("validate", tmp_path / "empty.ttl"))
