"""graph.html in a real browser (Debian's Chromium through Playwright): loads offline without errors, draws every
entity, labels a 500-entity corpus legibly, filters by type and date, shows evidence on hover and click, and runs
no script an article smuggles in.

Skipped with a message when Chromium or Playwright is absent (CI installs both: see .ci/run)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
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
from html_1000 import synthetic_graph  # noqa: E402

pytestmark = pytest.mark.slow
LEGIBLE_PX = 12
"""The smallest font, in CSS pixels, the page draws a name in (README, "Exploring the graph")."""

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

    def data(self) -> dict:
        return json.loads(self.js("document.getElementById('kg-data').textContent"))

    def labels(self, kind: str = "node") -> dict[int, dict]:
        """The names (or edge labels) the page's last frame drew, by entity (or edge) id."""
        return {label["id"]: label for label in self.js("kgLabels") if label["kind"] == kind}

    def drawn(self) -> tuple[set[int], set[int], set[int]]:
        """Entity ids, edge ids and fact indexes drawn now, as vis-network and the page count them."""
        nodes, edges = self.js("[kgNetwork.body.nodeIndices, kgNetwork.body.edgeIndices]")
        return set(nodes), set(edges), set(self.js("kgDrawn().facts"))

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
    edge = next(e["id"] for e in opened.data()["edges"] if len(e["facts"]) == 2)
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
    names = [e["label"] for e in opened.data()["entities"]]
    assert [names[i] for i in opened.js("kgNetwork.getSelectedNodes()")] == ["Dmitry Peskov"]
    assert "Kremlin spokesman Dmitry Peskov said Ukraine was ready." in page.inner_text("#kg-details")
    assert {names[i] for i in opened.labels()} >= {"Dmitry Peskov", "Ukraine", "Kremlin"}
    edges = opened.js("kgNetwork.body.edgeIndices.length")
    page.uncheck("#kg-relation-types input[value=said]")
    assert opened.js("kgNetwork.body.edgeIndices.length") == edges - 2
    nodes, _, _ = opened.drawn()
    assert {names[i] for i in nodes} == {"Dmitry Peskov", "Kremlin", "Recep Erdogan", "Istanbul", "Morocco"}, \
        "Putin and Ukraine, left without facts by the filter, are hidden; Morocco has no relation at all"
    assert "2 left without facts by the filters" in page.inner_text("#kg-status")
    page.uncheck("#kg-entity-types input[value=Place]")
    nodes, _, _ = opened.drawn()
    assert {names[i] for i in nodes} == {"Dmitry Peskov", "Kremlin"}
    page.check("#kg-bare")
    assert len(opened.drawn()[0]) == 4, "the tick shows Putin and Erdogan again"
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
    assert opened.js("kgNetwork.body.nodeIndices.length") == 0, "no dots: the people all lost their facts"
    assert "hidden: 3 left without facts by the filters" in opened.page.inner_text("#kg-status")
    assert "the filters leave no entity" in opened.page.inner_text("#kg-network")
    opened.page.check("#kg-bare")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 3, "the tick shows them"
    opened.assert_clean()
    places_only = small_graph()
    places_only.remove((None, RDF.type, KG.Person))
    empty = open_page(html.write(places_only, tmp_path / "empty.html",
                                 html.VizOptions(entity_types=frozenset({"Person"}))))
    assert empty.js("kgNetwork.body.nodeIndices.length") == 0
    assert "Nothing to draw" in empty.page.inner_text("#kg-network")
    empty.assert_clean()


def test_a_page_whose_entities_all_start_hidden_says_so(tmp_path, open_page):
    opened = open_page(html.write(small_graph(), tmp_path / "hidden.html",
                                  html.VizOptions(relation_types=frozenset({"proposes"}))))
    assert opened.js("kgNetwork.body.nodeIndices.length") == 0
    assert "the filters leave no entity" in opened.page.inner_text("#kg-network")
    assert "hidden: 1 without relations, 6 left without facts by the filters" in opened.page.inner_text("#kg-status")
    opened.page.check("#kg-bare")
    opened.page.check("#kg-alone")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 7
    assert "Nothing to draw" not in opened.page.inner_text("#kg-network")
    opened.assert_clean()


def test_big_pages_hide_entities_without_relations_until_asked(tmp_path, open_page, monkeypatch):
    monkeypatch.setattr(html, "SHOW_UNLINKED_UP_TO", 5)
    opened = open_page(html.write(small_graph(), tmp_path / "big.html"))
    assert "hidden: 1 without relations" in opened.page.inner_text("#kg-status")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 6
    opened.page.check("#kg-alone")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 7
    opened.page.uncheck("#kg-alone")
    opened.page.fill("#kg-search", "Morocco")
    opened.page.press("#kg-search", "Enter")
    assert opened.js("kgNetwork.body.nodeIndices.length") == 7, "searching an unlinked entity shows it"
    assert opened.page.inner_text("#kg-details").startswith("Morocco")
    opened.assert_clean()


# ------------------------------------------------------------------------------------------ a 500-entity corpus


@dataclass(frozen=True)
class CorpusPage:
    """The page of a generated 500-entity corpus graph (kg's own RDF model, as bench/html_1000.py makes it)."""

    path: Path
    data: dict

    def top(self, n: int) -> tuple[set[int], set[int]]:
        """The entities with more facts than the n-th most connected, and those with at least as many."""
        values = sorted((node["value"] for node in self.data["nodes"]), reverse=True)
        cut = values[n - 1]
        return ({node["id"] for node in self.data["nodes"] if node["value"] > cut},
                {node["id"] for node in self.data["nodes"] if node["value"] >= cut})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> CorpusPage:
    path = html.write(synthetic_graph(500), tmp_path_factory.mktemp("corpus") / "corpus.html")
    block = re.search(rb'id="kg-data">(.*?)</script>', path.read_bytes(), re.S)
    assert block, "no data block"
    data = json.loads(block.group(1))
    assert len(data["nodes"]) == 500
    return CorpusPage(path, data)


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


INK = """boxes => {
  const canvas = kgNetwork.canvas.frame.canvas, ratio = kgNetwork.canvas.pixelRatio;
  const ctx = canvas.getContext('2d');
  return boxes.map(b => {
    const d = ctx.getImageData(Math.round(b.x * ratio), Math.round(b.y * ratio), Math.round(b.w * ratio),
                               Math.round(b.h * ratio)).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) { if (d[i] < 90 && d[i + 1] < 90 && d[i + 2] < 90 && d[i + 3] > 200) dark++; }
    return dark / (d.length / 4);
  });
}"""
"""The share of each box's pixels in the dark ink of names (#1d2630), read back from the canvas."""


def test_the_top_20_entities_are_labelled_legibly_at_the_opening_zoom(corpus, open_page):
    """Legible: drawn in at least LEGIBLE_PX CSS pixels, whole inside the canvas, overlapping no other of the top
    names, and really on the canvas (its box holds the names' ink, which it does not once labels are off)."""
    opened = open_page(corpus.path)
    names = [e["label"] for e in corpus.data["entities"]]
    must, may = corpus.top(20)
    labels = opened.labels()
    assert must <= labels.keys(), f"unlabelled: {[names[i] for i in must - labels.keys()]}"
    top = [labels[i] for i in may if i in labels]
    assert len(top) >= 20
    width, height = opened.js("[kgNetwork.canvas.frame.canvas.clientWidth, kgNetwork.canvas.frame.canvas.clientHeight]")
    for label in top:
        assert label["size"] >= LEGIBLE_PX and label["text"] == names[label["id"]]
        assert 0 <= label["x"] and label["x"] + label["w"] <= width
        assert 0 <= label["y"] and label["y"] + label["h"] <= height
    assert not [(a["text"], b["text"]) for i, a in enumerate(top) for b in top[i + 1:] if _overlap(a, b)]
    inked = opened.js(INK, top)
    opened.js("kgNetwork.off('afterDrawing'); kgNetwork.redraw()")
    bare = opened.js(INK, top)
    assert all(with_names - without > 0.04 for with_names, without in zip(inked, bare, strict=True)), (inked, bare)
    assert len(labels) > 40, "and more names where there is room"
    opened.assert_clean()


def test_zooming_in_shows_more_names(corpus, open_page):
    """Zoomed in three times, the part of the graph still on screen has more of its entities named than it had at
    the opening zoom; further in, edges get their labels."""
    opened = open_page(corpus.path)
    before = opened.labels()
    opened.js("kgNetwork.moveTo({scale: kgNetwork.getScale() * 3}); kgNetwork.redraw()")
    width, height = opened.js("[kgNetwork.canvas.frame.canvas.clientWidth, kgNetwork.canvas.frame.canvas.clientHeight]")
    on_screen = {int(k) for k, p in opened.js("(() => { const out = {}; const pos = kgNetwork.getPositions(); "
                                              "for (const k in pos) out[k] = kgNetwork.canvasToDOM(pos[k]); "
                                              "return out; })()").items()
                 if 0 <= p["x"] <= width and 0 <= p["y"] <= height}
    after = opened.labels()
    assert len(after.keys() & on_screen) > 1.5 * len(before.keys() & on_screen)
    assert all(label["size"] >= LEGIBLE_PX for label in after.values())
    opened.js("kgNetwork.moveTo({scale: 1}); kgNetwork.redraw()")
    assert opened.labels("edge"), "edges are labelled once zoomed in"
    opened.assert_clean()


def test_selecting_an_entity_labels_its_neighbours_and_its_edges(corpus, open_page):
    data = corpus.data
    names = [e["label"] for e in data["entities"]]
    neighbours: dict[int, set[int]] = {n["id"]: set() for n in data["nodes"]}
    for e in data["edges"]:
        neighbours[e["from"]].add(e["to"])
        neighbours[e["to"]].add(e["from"])
    must, _ = corpus.top(40)
    chosen = next(n["id"] for n in sorted(data["nodes"], key=lambda n: (-n["value"], n["id"]))
                  if n["id"] not in must and 4 <= len(neighbours[n["id"]]) <= 8 and names.count(names[n["id"]]) == 1)
    opened = open_page(corpus.path)
    assert chosen not in opened.labels() or opened.labels()[chosen]["size"] <= 13
    opened.page.fill("#kg-search", names[chosen])
    opened.page.press("#kg-search", "Enter")
    labels = opened.labels()
    assert labels[chosen]["size"] == 15
    assert neighbours[chosen] <= labels.keys(), f"unlabelled neighbours: {neighbours[chosen] - labels.keys()}"
    assert all(labels[n]["size"] >= LEGIBLE_PX for n in neighbours[chosen])
    touching = {e["id"]: e for e in data["edges"] if chosen in (e["from"], e["to"])}
    edge_labels = opened.labels("edge")
    assert touching.keys() <= edge_labels.keys()
    for i, e in touching.items():
        count = f" ×{len(e['facts'])}" if len(e["facts"]) > 1 and e["rel"] != "role" else ""
        assert edge_labels[i]["text"] == e["text"] + count
    assert opened.page.inner_text("#kg-details").startswith(names[chosen])
    opened.assert_clean()


def _monday(day: str) -> str:
    d = date.fromisoformat(day)
    return (d - timedelta(d.weekday())).isoformat()


def test_the_date_range_changes_the_drawn_facts(corpus, open_page):
    data = corpus.data
    facts = data["facts"]
    on_edges = {i for e in data["edges"] for i in e["facts"]}

    def expected(first: str, last: str, undated: bool = False) -> tuple[set[int], set[int], set[int]]:
        kept = {i for i in on_edges if (first <= facts[i]["date"] <= last if facts[i]["date"] else undated)}
        edges = {e["id"] for e in data["edges"] if kept & set(e["facts"])}
        nodes = {x for e in data["edges"] if e["id"] in edges for x in (e["from"], e["to"])}
        return nodes, edges, kept

    opened = open_page(corpus.path)
    page = opened.page
    assert opened.drawn() == expected("", "9999", undated=True)
    days = sorted(f["date"] for f in facts if f["date"])
    page.click("#kg-week-next")
    first = _monday(days[0])
    last = (date.fromisoformat(first) + timedelta(6)).isoformat()
    assert (page.input_value("#kg-from"), page.input_value("#kg-to")) == (first, last)
    week1 = expected(first, last)
    assert week1[2] and opened.drawn() == week1
    page.click("#kg-week-next")
    week2 = expected((date.fromisoformat(first) + timedelta(7)).isoformat(),
                     (date.fromisoformat(last) + timedelta(7)).isoformat())
    assert week2[2] and week2 != week1 and opened.drawn() == week2
    assert f"{len(week2[0])} entities, {len(week2[2])} facts" in page.inner_text("#kg-status")
    page.check("#kg-undated")
    with_undated = opened.drawn()
    assert with_undated[2] > week2[2] and all(not facts[i]["date"] for i in with_undated[2] - week2[2])
    page.uncheck("#kg-undated")
    page.fill("#kg-from", "2025-04-01")
    page.fill("#kg-to", "2025-04-15")
    assert opened.drawn() == expected("2025-04-01", "2025-04-15")
    page.click("#kg-all-dates")
    assert opened.drawn() == expected("", "9999", undated=True)
    bars = page.locator("#kg-histogram button")
    assert bars.count() == len({_monday(d) for d in days}) or bars.count() >= 12
    bars.nth(2).click()
    assert opened.drawn()[2] and all(facts[i]["date"] and page.input_value("#kg-from") <= facts[i]["date"]
                                     <= page.input_value("#kg-to") for i in opened.drawn()[2])
    opened.assert_clean()


def test_filtering_relation_types_hides_the_entities_left_bare(corpus, open_page):
    data = corpus.data
    opened = open_page(corpus.path)
    page = opened.page
    for kind in ("said", "denies", "proposes", "role"):
        page.uncheck(f"#kg-relation-types input[value={kind}]")
    hosted = [e for e in data["edges"] if e["rel"] == "hosted"]
    ends = {x for e in hosted for x in (e["from"], e["to"])}
    nodes, edges, _ = opened.drawn()
    assert (nodes, edges) == (ends, {e["id"] for e in hosted}), "no dot without a hosted fact"
    assert f"hidden: {500 - len(ends)} left without facts by the filters" in page.inner_text("#kg-status")
    page.check("#kg-bare")
    assert len(opened.drawn()[0]) == 500
    page.uncheck("#kg-bare")
    page.check("#kg-relation-types input[value=said]")
    page.uncheck("#kg-relation-types input[value=said]")
    assert opened.drawn()[0] == ends
    positions = opened.js("kgNetwork.getPositions()")
    page.check("#kg-relation-types input[value=said]")
    again = opened.js("kgNetwork.getPositions()")
    assert all(again[k] == v for k, v in positions.items()), "entities come back where they were"
    opened.assert_clean()


def test_entities_can_be_coloured_by_community(corpus, open_page):
    data = corpus.data
    opened = open_page(corpus.path)
    page = opened.page
    types = opened.js("kgNetwork.body.data.nodes.get().map(n => n.color)")
    assert types == [n["color"] for n in data["nodes"]]
    page.check("#kg-colour-group")
    colours = opened.js("kgNetwork.body.data.nodes.get().map(n => n.color)")
    group_colour = {n: g["color"] for g in data["groups"] for n in g["members"]}
    assert colours == [group_colour.get(n["id"], data["loneColor"]) for n in data["nodes"]]
    assert len(set(colours)) >= 6, "a 500-entity corpus splits into several communities"
    page.locator("#kg-groups button").first.click()
    assert page.inner_text("#kg-details").startswith(f"Community 1: {len(data['groups'][0]['members'])} entities")
    opened.assert_clean()
