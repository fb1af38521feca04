"""kg.export.html and `kg viz` without a browser: what the page holds, that it loads nothing, escaping, errors."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export import html

from graphs import HOSTILE, hostile_graph, small_graph

from kg.graph import Minter, build_graph
from kg.model import Article, Entity, Evidence, Extraction, Relation, Span, TimeRef

runner = CliRunner()


class Page(HTMLParser):
    """Every tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks.append((*self._open, data))
            self._open = None


def data_of(page: bytes) -> dict:
    block = re.search(rb'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert block, "no data block"
    return json.loads(block.group(1))


@pytest.fixture(scope="module")
def small_page() -> bytes:
    return html.render(small_graph())


def test_nodes_are_entities_and_relations_fold_into_labelled_edges(small_page):
    data = data_of(small_page)
    names = [e["label"] for e in data["entities"]]
    assert [n["id"] for n in data["nodes"]] == list(range(7)) and len(names) == 7
    by_name = dict(zip(names, data["nodes"], strict=True))
    edges = {(names[e["from"]], e["text"], len(e["facts"]), names[e["to"]]) for e in data["edges"]}
    assert edges == {("Vladimir Putin", "said", 2, "Ukraine"), ("Dmitry Peskov", "said", 1, "Ukraine"),
                     ("Recep Erdogan", "hosted in", 1, "Istanbul"), ("Dmitry Peskov", "spokesman", 1, "Kremlin")}
    assert by_name["Ukraine"]["value"] > by_name["Istanbul"]["value"] > by_name["Morocco"]["value"]
    assert {n["color"] for n in data["nodes"]} == set(html.ENTITY_COLORS.values())
    assert len(data["facts"]) == 7, "facts without a target (a proposal, a self-denial) stay in the evidence"
    assert [n["alone"] for n in data["nodes"] if names[n["id"]] == "Morocco"] == [True]
    assert data["alone"] == {"count": 1, "shown": True}


def test_relation_types_differ_in_colour_and_dash_pattern(small_page):
    types = data_of(small_page)["relationTypes"]
    assert [t["name"] for t in types] == ["said", "hosted", "denies", "proposes", "role"]
    assert len({t["color"] for t in types}) == len({tuple(t["dashes"]) for t in types}) == len(types)
    by_type = {t["name"]: t for t in types}
    for edge in data_of(small_page)["edges"]:
        assert edge["color"] == by_type[edge["rel"]]["color"]
        assert (edge["dashes"] or []) == by_type[edge["rel"]]["dashes"]


def test_edges_carry_their_evidence(small_page):
    data = data_of(small_page)
    edge = next(e for e in data["edges"] if e["text"] == "said" and len(e["facts"]) == 2)
    facts = [data["facts"][i] for i in edge["facts"]]
    assert sorted(f["text"] for f in facts) == ["Ukraine had agreed", "Ukraine must talk"]
    assert {data["documents"][f["doc"]]["headline"] for f in facts} == {"Talks in Istanbul"}
    assert {(f["rule"], f["confidence"]) for f in facts} == {("said/v1", 0.9), ("said/v1", 0.8)}


def test_the_page_loads_nothing_and_allows_only_its_own_scripts(small_page):
    page = Page(small_page.decode())
    assert [t for t, attrs in page.tags if "src" in attrs or "href" in attrs or t in ("link", "iframe", "img")] == []
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe" not in csp
    for tag, attrs, text in page.blocks:
        if attrs.get("type") == "application/json":
            continue
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp, f"inline <{tag}> not allowed by the CSP"
    assert sum(1 for t, a in page.tags if t == "script" and a.get("type") != "application/json") == 2


def test_same_graph_gives_byte_identical_pages(small_page):
    assert html.render(small_graph()) == small_page


@pytest.mark.parametrize("graph", [small_graph, hostile_graph])
def test_a_triple_index_gives_the_page_of_the_rdflib_graph(graph):
    """`kg build` draws its page from its triples: the bytes must be those of the rdflib Graph's."""
    g = graph()
    assert html.render(set(g)) == html.render(g)


def test_hostile_strings_stay_inert_data():
    page = html.render(hostile_graph())
    block = re.search(rb'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert not re.search(rb"[<>&]|[^\x00-\x7f]", block), "the data block must be plain ASCII without markup"
    data = json.loads(block)
    shown = {e["label"] for e in data["entities"]} | {a for e in data["entities"] for a in e["aliases"]}
    assert HOSTILE["alias"] in shown and data["facts"][0]["text"] == HOSTILE["quote"]
    assert data["documents"][0]["headline"] == HOSTILE["headline"]
    assert page.lower().count(b"</script") == 3, "only the page's own three scripts end"
    title = re.search(rb"<title>(.*?)</title>", page).group(1)
    assert b"<" not in title


def test_script_json_escapes_what_could_end_a_script():
    text = html.script_json({"a": "</script><!-- \u2028\u2029 & é"})
    assert not re.search(r"[<>&\u2028\u2029é]", text)
    assert json.loads(text) == {"a": "</script><!-- \u2028\u2029 & é"}


def test_write_takes_a_file_or_a_folder(tmp_path):
    assert html.write(small_graph(), tmp_path / "x.html") == tmp_path / "x.html"
    assert html.write(small_graph(), tmp_path / "out") == tmp_path / "out" / "graph.html"
    assert (tmp_path / "out" / "graph.html").read_bytes() == (tmp_path / "x.html").read_bytes()
    assert not [p for p in tmp_path.rglob(".*")], "temporary files left behind"


# ------------------------------------------------------------------------------------------------- dates


def dated_graph():
    """Three articles a week apart (the last undated) whose facts join two pairs of people; one statement is dated
    to a day, another only to a month."""
    a, b, c, d = (Entity(f"person:{n}", "Person", n.title()) for n in ("ann", "bob", "cy", "dee"))

    def said(who, about, text, time=None):
        sentence = f"{who.label} said {text}."
        return Relation("said", who.key, Span(0, len(text), text), Evidence(Span(0, len(sentence), sentence),
                                                                            "said/v1", 0.9), about=(about.key,),
                        time=time)

    def article(n, published, *relations):
        text = " ".join(r.evidence.sentence.text for r in relations)
        return Extraction(Article(text=text, source=f"a{n}.txt", content_hash=f"{n:x}" * 64, title=f"Article {n}",
                                  published=published), (a, b, c, d), relations)

    extractions = [
        article(1, "2025-03-03", said(a, b, "one"), said(c, d, "two", TimeRef("on Friday", "2025-02-28"))),
        article(2, "2025-03-10", said(a, b, "three"), said(b, a, "four", TimeRef("in March", "2025-03"))),
        article(3, None, said(c, d, "five")),
    ]
    return build_graph(extractions, {e.key: e for e in (a, b, c, d)}, minter=Minter())


def test_a_fact_is_dated_by_its_statement_else_by_its_article():
    data = data_of(html.render(dated_graph()))
    assert {f["text"]: f["date"] for f in data["facts"]} == {
        "one": "2025-03-03", "two": "2025-02-28", "three": "2025-03-10", "four": "2025-03-10", "five": ""}


def test_a_date_that_is_not_a_day_dates_nothing():
    """A graph's date literals reach the page's timeline only as YYYY-MM-DD days: anything else (markup, a year,
    a timestamp) leaves the fact undated rather than passing through."""
    from rdflib import Literal

    from kg.graph import KG, SCHEMA

    g = dated_graph()
    for node in list(g.subjects(KG.date, None)):
        g.set((node, KG.date, Literal("<img src=x onerror=alert(1)>")))
    for doc in list(g.subjects(SCHEMA.datePublished, None)):
        g.set((doc, SCHEMA.datePublished, Literal("2025-03-03T10:00:00Z")))
    assert {f["date"] for f in data_of(html.render(g))["facts"]} == {""}


@pytest.mark.parametrize("since, until, texts, drawn", [
    ("2025-03-01", None, {"one", "three", "four"}, {"Ann", "Bob"}),
    (None, "2025-03-05", {"one", "two"}, {"Ann", "Bob", "Cy", "Dee"}),
    ("2025-02-28", "2025-02-28", {"two"}, {"Cy", "Dee"}),
])
def test_since_and_until_keep_the_facts_dated_in_the_range(since, until, texts, drawn):
    data = data_of(html.render(dated_graph(), html.VizOptions(since=since, until=until)))
    assert {f["text"] for f in data["facts"]} == texts, "an undated fact is in no range"
    names = [e["label"] for e in data["entities"]]
    assert {names[x] for e in data["edges"] for x in (e["from"], e["to"])} == drawn
    bare = {names[n["id"]] for n in data["nodes"] if not n["alone"]} - drawn
    assert bare == {"Ann", "Bob", "Cy", "Dee"} - drawn, "the others are flagged: left without facts by the filter"
    assert data["alone"]["shown"] is False
    assert "undated left out" in data["notes"][0]


# ------------------------------------------------------------------------------------------------- groups


def test_communities_are_found_with_a_fixed_seed():
    """Two triangles joined by one fact: Louvain finds each triangle, the same on every run."""
    edges = [{"from": s, "to": t, "facts": [0] * w} for s, t, w in
             [(0, 1, 2), (1, 2, 2), (0, 2, 1), (3, 4, 2), (4, 5, 1), (3, 5, 2), (2, 3, 1)]]
    assert html.communities(edges) == [[0, 1, 2], [3, 4, 5]]
    assert html.communities([]) == []


def test_the_page_carries_communities_and_opens_coloured_by_them_when_asked():
    plain = data_of(html.render(dated_graph()))
    grouped = data_of(html.render(dated_graph(), html.VizOptions(groups=True)))
    assert (plain["groupsShown"], grouped["groupsShown"]) == (False, True)
    names = [e["label"] for e in plain["entities"]]
    assert sorted(sorted(names[n] for n in g["members"]) for g in plain["groups"]) == [["Ann", "Bob"], ["Cy", "Dee"]]
    assert plain["groups"] == grouped["groups"]
    options = html.VizOptions(groups=True, since="2025-03-01")
    assert html.render(dated_graph(), options) == html.render(dated_graph(), options)


# ------------------------------------------------------------------------------------------------- kg viz


@pytest.fixture()
def graph_file(tmp_path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_bytes(small_graph().serialize(format="turtle", encoding="utf-8"))
    return path


def viz(*args: object):
    return runner.invoke(app, ["viz", *map(str, args)])


def test_kg_viz_writes_the_page_beside_the_graph(graph_file):
    result = viz(graph_file)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {graph_file.with_suffix('.html')}"
    assert len(data_of(graph_file.with_suffix(".html").read_bytes())["nodes"]) == 7


def test_kg_viz_options_narrow_the_page(graph_file, tmp_path):
    out = tmp_path / "peskov.html"
    result = viz(graph_file, "--out", out, "--focus", "Peskov", "--types", "said,role", "--min-confidence", "0.5")
    assert result.exit_code == 0, result.output
    data = data_of(out.read_bytes())
    assert sorted(e["label"] for e in data["entities"]) == ["Dmitry Peskov", "Kremlin", "Ukraine"]
    assert {f["type"] for f in data["facts"]} == {"said", "role"}
    assert "the neighbourhood of Dmitry Peskov" in out.read_text(encoding="utf-8")


def test_kg_viz_max_nodes_warns_what_it_left_out(graph_file, tmp_path):
    result = viz(graph_file, "--out", tmp_path / "top.html", "--max-nodes", "3")
    assert result.exit_code == 0, result.output
    assert "shows the 3 most connected of 7 entities" in result.output
    assert len(data_of((tmp_path / "top.html").read_bytes())["nodes"]) == 3


def test_kg_viz_types_hide_the_entities_they_leave_bare(graph_file, tmp_path):
    """`--types said,Person`: the people with no said fact between people are flagged (the page hides them, with
    a count and a tick), as are those with no relation at all; none opens drawn as a dot."""
    out = tmp_path / "said.html"
    result = viz(graph_file, "--out", out, "--types", "said,Person")
    assert result.exit_code == 0, result.output
    data = data_of(out.read_bytes())
    names = [e["label"] for e in data["entities"]]
    assert sorted(names) == ["Dmitry Peskov", "Recep Erdogan", "Vladimir Putin"]
    assert data["edges"] == [] and data["alone"]["shown"] is False
    assert not any(n["alone"] for n in data["nodes"]), "all three have relations in the graph, none kept"


def test_kg_viz_since_until_and_groups(tmp_path):
    path = tmp_path / "dated.ttl"
    path.write_bytes(dated_graph().serialize(format="turtle", encoding="utf-8"))
    out = tmp_path / "march.html"
    result = viz(path, "--out", out, "--since", "2025-03-01", "--until", "2025-03-31", "--groups")
    assert result.exit_code == 0, result.output
    data = data_of(out.read_bytes())
    assert sorted(f["date"] for f in data["facts"]) == ["2025-03-03", "2025-03-10", "2025-03-10"]
    assert data["groupsShown"] is True
    result = viz(path, "--out", tmp_path / "none.html", "--since", "2026-01-01")
    assert result.exit_code == 0 and "no fact is dated in that range (facts are dated 2025-02-28 to 2025-03-10; " \
                                      "1 have none)" in result.output


@pytest.mark.parametrize("args, message", [
    (["--since", "2025-13-01"], "--since: '2025-13-01' is not a date (use YYYY-MM-DD"),
    (["--until", "10/03/2025"], "--until: '10/03/2025' is not a date"),
    (["--since", "2025-03"], "--since: '2025-03' is not a date"),
    (["--since", "2025-03-10", "--until", "2025-03-01"], "--since 2025-03-10 is after --until 2025-03-01"),
])
def test_kg_viz_bad_dates_are_one_line(graph_file, tmp_path, args, message):
    result = viz(graph_file, "--out", tmp_path / "page.html", *args)
    assert result.exit_code == 1 and message in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "page.html").exists()


@pytest.mark.parametrize("content, args, message", [
    (None, [], "no such graph file"),
    (b"", [], "empty file"),
    (b"\x00\xff\xfe binary \x89PNG", [], "binary file"),
    (b"caf\xe9 <a> <b> <c> .", [], "not UTF-8"),
    (b"<a> <b> .", [], "not valid Turtle"),
    (b"<a> <b> <c> .", [], "holds no kg:Person"),
    ("graph", ["--types", "quotes"], "unknown type 'quotes'"),
    ("graph", ["--focus", "Nobody"], "no entity called 'Nobody'"),
])
def test_kg_viz_bad_input_is_one_line_and_exit_1(tmp_path, graph_file, content, args, message):
    path = graph_file if content == "graph" else tmp_path / "bad.ttl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    result = viz(path, "--out", tmp_path / "page.html", *args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "page.html").exists()


def test_kg_viz_unwritable_output_is_one_line(graph_file, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = viz(graph_file, "--out", blocker / "page.html")
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot write") and len(result.output.strip().splitlines()) == 1
