"""graph.html in a real browser (Debian's Chromium through Playwright): loads offline without errors, draws every
entity, shows evidence on hover and click, filters and searches, and runs no script an article smuggles in.

Skipped with a message when Chromium or Playwright is absent (CI installs both: see .ci/run)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.export import html
from kg.graph import KG

from conftest import ROOT, SEED
from graphs import HOSTILE, hostile_graph, small_graph

sys.path.insert(0, str(ROOT / "bench"))
import chromium  # noqa: E402

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if reason := chromium.missing():
        pytest.skip(f"browser tests need Chromium and Playwright: {reason}")
    with chromium.browser() as b:
        yield b


@dataclass
class Opened:
    """A loaded page and everything it did: console errors, page errors, requests, dialogs."""

    page: object
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def point_of_node(self, node_id: int) -> tuple[float, float]:
        box = self.page.locator("#kg-network").bounding_box()
        p = self.js("id => kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id])", node_id)
        return box["x"] + p["x"], box["y"] + p["y"]

    def point_of_edge(self, edge_id: int) -> tuple[float, float]:
        box = self.page.locator("#kg-network").bounding_box()
        p = self.js("id => kgNetwork.canvasToDOM(kgNetwork.body.edges[id].edgeType.getPoint(0.5))", edge_id)
        return box["x"] + p["x"], box["y"] + p["y"]

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.requests == [self.url], f"requests besides the page itself: {self.requests}"
        assert self.dialogs == [] and self.js("window.__violations") == []


@pytest.fixture()
def open_page(browser) -> Iterator:
    pages = []

    def _open(path: Path) -> Opened:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        opened = Opened(page, path.resolve().as_uri())
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.add_init_script(WATCH)
        page.goto(opened.url)
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        pages.append(page)
        return opened

    yield _open
    for page in pages:
        page.close()


def entity_count(graph: Graph) -> int:
    return len({s for t in ("Person", "Organization", "Place") for s in graph.subjects(RDF.type, KG[t])})


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed-page")
    result = CliRunner().invoke(app, ["build", str(SEED), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.model
def test_seed_page_loads_offline_and_draws_every_entity(seed_out, open_page):
    opened = open_page(seed_out / "graph.html")
    opened.assert_clean()
    graph = Graph().parse(seed_out / "graph.ttl")
    drawn = opened.js("kgNetwork.body.nodeIndices.length")
    assert drawn == entity_count(graph) > 20
    assert opened.js("kgNetwork.body.edgeIndices.length") > 20


def test_hover_and_click_show_the_evidence(tmp_path, open_page):
    opened = open_page(html.write(small_graph(), tmp_path / "small.html"))
    page = opened.page
    edge = opened.js("kgNetwork.body.data.edges.get().find(e => e.label === 'said ×2').id")
    page.mouse.move(*opened.point_of_edge(edge))
    page.wait_for_selector("#kg-tooltip:not([hidden])")
    tip = page.inner_text("#kg-tooltip")
    assert "Vladimir Putin said ×2 → Ukraine" in tip and "Ukraine must talk" in tip and "Talks in Istanbul" in tip
    page.mouse.click(*opened.point_of_edge(edge))
    details = page.inner_text("#kg-details")
    for text in ("Ukraine had agreed", "Putin said that Ukraine had agreed.", "Talks in Istanbul", "said/v1",
                 "confidence 0.90", "confidence 0.80"):
        assert text in details
    opened.assert_clean()


def test_search_selects_an_entity_and_the_legend_filters(tmp_path, open_page):
    opened = open_page(html.write(small_graph(), tmp_path / "small.html"))
    page = opened.page
    page.fill("#kg-search", "peskov")
    page.press("#kg-search", "Enter")
    selected = opened.js("kgNetwork.getSelectedNodes()")
    assert [opened.js("id => kgNetwork.body.data.nodes.get(id).label", selected[0])] == ["Dmitry Peskov"]
    assert "Kremlin spokesman Dmitry Peskov said Ukraine was ready." in page.inner_text("#kg-details")
    edges = opened.js("kgNetwork.body.edgeIndices.length")
    page.uncheck("#kg-relation-types input[value=said]")
    assert opened.js("kgNetwork.body.edgeIndices.length") == edges - 2
    page.uncheck("#kg-entity-types input[value=Place]")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 7 - 3
    page.click("#kg-reset")
    assert opened.js("[kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]") == [7, edges]
    opened.assert_clean()


def _poke_everything(opened: Opened) -> None:
    """Hover and click every node and edge, and search every name, so every sink gets its data."""
    page = opened.page
    for node in opened.js("kgNetwork.body.nodeIndices"):
        page.mouse.move(*opened.point_of_node(node))
        page.mouse.click(*opened.point_of_node(node))
    for edge in opened.js("kgNetwork.body.edgeIndices"):
        page.mouse.move(*opened.point_of_edge(edge))
        page.wait_for_selector("#kg-tooltip:not([hidden])")
        page.mouse.click(*opened.point_of_edge(edge))


def test_a_hostile_graph_runs_no_injected_script(tmp_path, open_page):
    opened = open_page(html.write(hostile_graph(), tmp_path / "hostile.html"))
    page = opened.page
    assert opened.js("kgNetwork.body.nodeIndices.length") == 3
    _poke_everything(opened)
    page.fill("#kg-search", "Ivan")
    page.press("#kg-search", "Enter")
    details = opened.js("document.getElementById('kg-details').textContent")
    for text in (HOSTILE["person"], HOSTILE["alias"], HOSTILE["quote"], HOSTILE["headline"]):
        assert text in details, f"{text!r} not shown as text"
    assert opened.js("window.__xss") is None
    assert opened.js("document.querySelectorAll('img, svg, b').length") == 0
    assert opened.js("document.scripts.length") == 3, "only the data block, vis-network and the page script"
    opened.assert_clean()


@pytest.mark.model
def test_a_hostile_article_built_by_kg_runs_no_injected_script(tmp_path, open_page):
    article = tmp_path / "hostile.txt"
    article.write_text(
        "Talks </script><script>window.__xss='headline'</script> resume\n\n"
        "Russian President Vladimir Putin said on Tuesday: \"<img src=x onerror=window.__xss='quote'> Ukraine will "
        "not \\ back down, '); window.__xss='js'; ('\". Kremlin spokesman Dmitry Peskov denied the report that "
        "\"</script><svg onload=window.__xss='svg'> NATO\" was signed.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(article), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    opened = open_page(tmp_path / "out" / "graph.html")
    data_texts = opened.js("JSON.parse(document.getElementById('kg-data').textContent).facts.map(f => f.text)")
    assert any("<img src=x onerror=" in t for t in data_texts), "the payload must reach the page for this test"
    assert opened.js("kgNetwork.body.edgeIndices.length") >= 2, "and its quotes must be on edges (hover, click)"
    _poke_everything(opened)
    assert opened.js("window.__xss") is None
    assert opened.js("document.querySelectorAll('img, svg').length") == 0
    opened.assert_clean()


def test_a_selection_with_nothing_left_says_so(tmp_path, open_page):
    options = html.VizOptions(entity_types=frozenset({"Person"}), min_confidence=0.99)
    opened = open_page(html.write(small_graph(), tmp_path / "none.html", options))
    assert opened.js("kgNetwork.body.edgeIndices.length") == 0
    assert opened.js("kgNetwork.body.nodeIndices.length") == 3, "entities stay, without their weaker facts"
    opened.assert_clean()
    places_only = small_graph()
    places_only.remove((None, RDF.type, KG.Person))
    empty = open_page(html.write(places_only, tmp_path / "empty.html",
                                 html.VizOptions(entity_types=frozenset({"Person"}))))
    assert empty.js("kgNetwork.body.nodeIndices.length") == 0
    assert "Nothing to draw" in empty.page.inner_text("#kg-network")
    empty.assert_clean()


def test_a_page_whose_entities_all_start_hidden_says_so(tmp_path, open_page, monkeypatch):
    monkeypatch.setattr(html, "SHOW_UNLINKED_UP_TO", 0)
    opened = open_page(html.write(small_graph(), tmp_path / "hidden.html",
                                  html.VizOptions(relation_types=frozenset({"proposes"}))))
    assert opened.js("kgNetwork.body.nodeIndices.length") == 0
    assert "until the legend shows some entities" in opened.page.inner_text("#kg-network")
    opened.page.check("#kg-unlinked")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 7
    opened.assert_clean()


def test_big_pages_hide_entities_without_relations_until_asked(tmp_path, open_page, monkeypatch):
    monkeypatch.setattr(html, "SHOW_UNLINKED_UP_TO", 5)
    opened = open_page(html.write(small_graph(), tmp_path / "big.html"))
    assert "1 entity without relations is hidden" in opened.page.inner_text("#kg-notes")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 6
    opened.page.check("#kg-unlinked")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 7
    opened.page.uncheck("#kg-unlinked")
    opened.page.fill("#kg-search", "Morocco")
    opened.page.press("#kg-search", "Enter")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 7, "searching an unlinked entity shows it"
    assert opened.page.inner_text("#kg-details").startswith("Morocco")
    opened.assert_clean()
