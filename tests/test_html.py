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
from kg.view import TripleIndex

from graphs import HOSTILE, hostile_graph, small_graph

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
    names = [n["label"] for n in data["nodes"]]
    assert sorted(names) == sorted(e["label"] for e in data["entities"]) and len(names) == 7
    by_name = {n["label"]: n for n in data["nodes"]}
    edges = {(names[e["from"]], e["label"], names[e["to"]]) for e in data["edges"]}
    assert edges == {("Vladimir Putin", "said ×2", "Ukraine"), ("Dmitry Peskov", "said", "Ukraine"),
                     ("Recep Erdogan", "hosted in", "Istanbul"), ("Dmitry Peskov", "spokesman", "Kremlin")}
    assert by_name["Ukraine"]["value"] > by_name["Istanbul"]["value"] > by_name["Morocco"]["value"]
    assert {n["color"] for n in data["nodes"]} == set(html.ENTITY_COLORS.values())
    assert len(data["facts"]) == 7, "facts without a target (a proposal, a self-denial) stay in the evidence"


def test_edges_carry_their_evidence(small_page):
    data = data_of(small_page)
    edge = next(e for e in data["edges"] if e["label"] == "said ×2")
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
    """`kg build` draws its page from a TripleIndex of its triples: the bytes must be those of the rdflib Graph's."""
    g = graph()
    assert html.render(TripleIndex(set(g))) == html.render(g)


def test_hostile_strings_stay_inert_data():
    page = html.render(hostile_graph())
    block = re.search(rb'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert not re.search(rb"[<>&]|[^\x00-\x7f]", block), "the data block must be plain ASCII without markup"
    data = json.loads(block)
    shown = {n["label"] for n in data["nodes"]} | {a for e in data["entities"] for a in e["aliases"]}
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
    assert sorted(n["label"] for n in data["nodes"]) == ["Dmitry Peskov", "Kremlin", "Ukraine"]
    assert {f["type"] for f in data["facts"]} == {"said", "role"}
    assert "the neighbourhood of Dmitry Peskov" in out.read_text(encoding="utf-8")


def test_kg_viz_max_nodes_warns_what_it_left_out(graph_file, tmp_path):
    result = viz(graph_file, "--out", tmp_path / "top.html", "--max-nodes", "3")
    assert result.exit_code == 0, result.output
    assert "shows the 3 most connected of 7 entities" in result.output
    assert len(data_of((tmp_path / "top.html").read_bytes())["nodes"]) == 3


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
