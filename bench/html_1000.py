"""Benchmark: how long a 1,000-entity graph.html takes to become stable and drawn in headless Chromium.

Builds a synthetic corpus graph with kg's own RDF model (1,000 entities, a few thousand facts, hubs as in
news), writes kg's page and the page pyvis makes with its defaults for the same nodes and edges, and times both
in the same browser, in turn. kg's page is ready when its layout has settled and the frame is drawn; pyvis's
default page when vis-network reports "stabilized" (the graph stops moving), which on a 1,000-entity graph
can take longer than the bound (PYVIS_TIMEOUT_S); the ratio therefore uses the end of pyvis's stabilisation
iterations (its loading bar disappears, nodes still move), the earliest moment its page could count as drawn.
Any request leaving file:// is blocked and counted. Prints both times, their ratio and the target (2 s).

    .venv/bin/python bench/html_1000.py [--entities 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

sys.path.insert(0, str(Path(__file__).parent))

from chromium import browser, missing  # noqa: E402
from rdflib import Graph  # noqa: E402

from kg.export import html  # noqa: E402
from kg.graph import Minter, build_graph  # noqa: E402
from kg.model import Article, Entity, Evidence, Extraction, Relation, Role, Span, TimeRef  # noqa: E402
from kg.view import read_view  # noqa: E402

TARGET_SECONDS = 2.0
PYVIS_TIMEOUT_S = 300
SYLLABLES = ["ka", "lo", "mi", "ra", "den", "sto", "vel", "an", "tor", "is", "mar", "ko", "zu", "bel", "ri", "sha",
             "nov", "el", "gra", "pe", "tin", "do", "lu", "vic"]
PREDICATES = ["said"] * 12 + ["proposes"] * 3 + ["denies"] * 2 + ["hosted"]
FIRST_DAY = date(2025, 3, 3)
WEEKS = 12
"""Articles are published over WEEKS weeks from FIRST_DAY (one in twenty undated); some statements carry a
resolved date a few days before their article's."""
# Wait for the network object, then note when it is stable: kg's page says so itself (kgReadyAt);
# pyvis's default page is stable when vis-network emits "stabilized" (its last frame is already drawn).
HOOK = """
(() => {
  const hook = () => {
    const net = window.network;
    if (!net || typeof net.once !== 'function') { setTimeout(hook, 1); return; }
    net.once('stabilizationIterationsDone', () => { window.benchIterationsDone = performance.now(); });
    net.once('stabilized', () => { window.benchStable = performance.now(); });
  };
  if (!window.kgNetwork) { hook(); }
})();
"""


def _name(rng: random.Random, words: int) -> str:
    """A made-up name of `words` words of two or three syllables."""
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(words))


def synthetic_graph(n_entities: int = 1000, *, seed: int = 7) -> Graph:
    """A corpus-like kg graph: `n_entities` entities (some of them hubs), each in at least one fact with another
    entity, facts with evidence and dates, roles."""
    rng = random.Random(seed)
    kinds = ["Person"] * 45 + ["Organization"] * 35 + ["Place"] * 20
    entities: list[Entity] = []
    keys: set[str] = set()
    while len(entities) < n_entities:
        kind = kinds[len(entities) % len(kinds)]
        label = _name(rng, 2 if kind == "Person" else rng.randint(1, 3))
        if kind == "Organization":
            label = f"{label} {rng.choice(['Ministry', 'Party', 'News', 'Council', 'Group'])}"
        key = f"{kind.lower()}:{label.lower()}"
        if key not in keys:
            keys.add(key)
            entities.append(Entity(key=key, type=kind, label=label))  # type: ignore[arg-type]
    weights = [1 / (rank + 1) ** 0.9 for rank in range(n_entities)]
    extractions = []
    unseen = list(entities)
    for a in range(n_entities // 4):
        cast = {e.key: e for e in rng.choices(entities, weights=weights, k=10)}
        newcomers = unseen[:4]
        cast.update({e.key: e for e in newcomers})
        unseen = unseen[4:]
        extractions.append(_article(rng, a, list(cast.values()), newcomers))
    return build_graph(extractions, {e.key: e for e in entities}, minter=Minter())


def _article(rng: random.Random, number: int, cast: list[Entity], newcomers: list[Entity]) -> Extraction:
    """One synthetic article whose facts join the entities of `cast`; every one of `newcomers` is in a fact."""
    speakers = [e for e in cast if e.type != "Place"] or cast
    published = None if rng.random() < 0.05 else (FIRST_DAY + timedelta(rng.randrange(WEEKS * 7))).isoformat()
    sentences: list[str] = []
    relations: list[Relation] = []
    roles: list[Role] = []
    plans = [(rng.choice(speakers), rng.sample(cast, k=rng.randint(0, 2))) for _ in range(rng.randint(5, 10))]
    plans += [(rng.choice([s for s in speakers if s.key != e.key] or speakers), [e]) for e in newcomers]
    for subject, about_entities in plans:
        about = tuple(sorted({e.key for e in about_entities if e.key != subject.key}))
        predicate = rng.choice(PREDICATES)
        quote = f"{_name(rng, 1)} {' and '.join(e.label for e in about_entities) or 'the talks'} matter"
        sentence = f'"{quote}," {subject.label} {predicate}.'
        offset = sum(len(s) + 1 for s in sentences)
        span = Span(offset + 1, offset + 1 + len(quote), quote)
        evidence = Evidence(Span(offset, offset + len(sentence), sentence), f"{predicate}/v1",
                            round(rng.uniform(0.4, 0.95), 2))
        time = None
        if published and rng.random() < 0.15:
            time = TimeRef("last week", (date.fromisoformat(published) - timedelta(rng.randint(1, 6))).isoformat())
        relations.append(Relation(predicate, subject.key, span, evidence, about=about, time=time))
        if subject.type == "Person" and rng.random() < 0.3:
            org = next((e for e in cast if e.type == "Organization"), None)
            roles.append(Role(subject.key, "spokesperson", span, evidence, affiliation=org.key if org else None))
        sentences.append(sentence)
    text = " ".join(sentences)
    article = Article(text=text, source=f"synthetic-{number:04d}.txt",
                      content_hash=hashlib.sha256(text.encode()).hexdigest(), title=f"Synthetic article {number}",
                      published=published)
    return Extraction(article, tuple(cast), tuple(relations), tuple(roles))


def pyvis_default_page(graph: Graph, path: Path) -> Path:
    """The page pyvis makes with its defaults (inline vis-network) for the same entities and folded edges."""
    from pyvis.network import Network

    data = html.page_data(read_view(graph))
    net = Network(directed=True, cdn_resources="in_line")
    for node, entity in zip(data["nodes"], data["entities"], strict=True):
        net.add_node(node["id"], label=entity["label"], color=node["color"], value=node["value"])
    for edge in data["edges"]:
        net.add_edge(edge["from"], edge["to"], label=edge["text"], title=edge["text"])
    path.write_text(net.generate_html(), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Load:
    """One page load: ms until stable (and drawn), ms until the stabilisation iterations ended, requests that
    tried to leave file://, and nodes drawn. None for what pyvis's page did not reach within PYVIS_TIMEOUT_S."""

    stable: float | None
    iterations_done: float | None
    blocked: int
    nodes: int


def time_page(chromium: Browser, path: Path, *, ours: bool) -> Load:
    """Load `path` in a fresh tab, block and count requests leaving file://, and time it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []

    def route(r: Route) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.add_init_script(HOOK)
    page.goto(path.as_uri())
    if ours:  # its Content-Security-Policy forbids the eval that wait_for_function needs
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        stable = iterations = page.evaluate("window.kgReadyAt")
        nodes = page.evaluate("kgNetwork.body.nodeIndices.length")
    else:
        try:
            page.wait_for_function("window.benchStable !== undefined", timeout=PYVIS_TIMEOUT_S * 1000, polling=200)
        except PlaywrightTimeout:
            pass
        stable, iterations, nodes = page.evaluate(
            "[window.benchStable, window.benchIterationsDone, window.network.body.nodeIndices.length]")
    page.close()
    return Load(stable, iterations, len(blocked), nodes)


def _seconds(ms: float | None) -> str:
    """Milliseconds as seconds, or "> the timeout" for a page that never got there."""
    return f"{ms / 1000:.2f} s" if ms is not None else f"> {PYVIS_TIMEOUT_S} s (timed out)"


def main() -> int:
    """Build both pages, time kg's page `--rounds` times and pyvis's default page `--pyvis-rounds` times, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="loads of kg's page (the median is reported)")
    parser.add_argument("--pyvis-rounds", type=int, default=1,
                        help=f"loads of pyvis's default page (each can take minutes; bounded by {PYVIS_TIMEOUT_S} s)")
    args = parser.parse_args()
    if reason := missing():
        print(f"skipped: {reason}")
        return 0
    started = time.perf_counter()
    graph = synthetic_graph(args.entities)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ours = html.write(graph, Path(tmp) / "kg.html", html.VizOptions(max_nodes=0))
        rendered = time.perf_counter()
        theirs = pyvis_default_page(graph, Path(tmp) / "pyvis-default.html")
        data = html.page_data(read_view(graph))
        print(f"graph: {len(data['nodes'])} entities, {len(data['edges'])} edges, {len(data['facts'])} facts, "
              f"{len(graph)} triples (built in {built - started:.2f} s; kg page rendered in "
              f"{rendered - built:.2f} s, {ours.stat().st_size / 1e6:.2f} MB)", flush=True)
        with browser() as chromium:
            kg_runs = [time_page(chromium, ours, ours=True) for _ in range(args.rounds)]
            kg_ms = statistics.median(r.stable or 0.0 for r in kg_runs)  # kg's page always gets there
            print(f"kg page:       {kg_runs[0].nodes} nodes stable and drawn in {_seconds(kg_ms)} (median of "
                  f"{args.rounds}: {', '.join(_seconds(r.stable) for r in kg_runs)}); requests leaving file://: "
                  f"{sum(r.blocked for r in kg_runs)}", flush=True)
            pyvis_runs = [time_page(chromium, theirs, ours=False) for _ in range(args.pyvis_rounds)]
    drawn = [r.iterations_done for r in pyvis_runs]
    print(f"pyvis default: {pyvis_runs[0].nodes} nodes; stabilisation iterations end (loading bar gone) at "
          f"{', '.join(_seconds(t) for t in drawn)}; stable (stops moving) at "
          f"{', '.join(_seconds(r.stable) for r in pyvis_runs)}; it asks CDNs for {pyvis_runs[0].blocked} files per "
          f"load (blocked here)")
    finished = [t for t in drawn if t is not None]
    ratio = (f"{statistics.median(finished) / kg_ms:.0f}x" if len(finished) == len(drawn)
             else f"> {PYVIS_TIMEOUT_S * 1000 / kg_ms:.0f}x")
    print(f"ratio pyvis default (iterations end) / kg (stable and drawn): {ratio}; target {TARGET_SECONDS:.0f} s "
          f"for kg's page: {'met' if kg_ms <= TARGET_SECONDS * 1000 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
