"""HTML: an interactive page (vis-network, from the pyvis wheel) of who talks about whom, that works offline and
is safe to open.

The page is one self-contained file: vis-network's script is inlined, nothing else is loaded, and a
Content-Security-Policy allows only the page's own scripts and style (by hash) and no connection at all. Names and
quotes come from untrusted articles: they travel as JSON in a non-executed data block (with `<`, `>` and `&`
escaped) and the page's script puts them into the DOM as text only, never as HTML, and onto the canvas with
fillText.

Entities are nodes; each statement, event, claim, proposal and role is folded into edges from its subject to
the entities it is about. This module decides what the page holds (facts with their days, edges with their
colour and dash pattern, Louvain communities); page.js lays it out, labels it at a readable size, and filters it
by type and date (see README, "Exploring the graph").
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kg.export import ExportError, atomic_write
from kg.spec import relation_types
from kg.readback import ROLE, Fact, Source, fact_types
from kg.view import View, read_view, select

log = logging.getLogger(__name__)

FILE_NAME = "graph.html"
DEFAULT_MAX_NODES = 1000
"""Beyond this many entities a page stays usable only with a narrower selection (`--max-nodes 0` draws all)."""

ENTITY_COLORS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Place": "#59a14f"}
ROLE_STYLE = ("#9c755f", [6, 5])
"""Colour and line pattern of role edges; each relation type's come from the vocabulary (kg:colour, kg:dashes)."""


def fact_style(kind: str) -> tuple[str, list[int]]:
    """The colour and line pattern (dash, gap, ... in screen pixels at the opening zoom; [] is solid) of a fact type,
    so types differ at a glance even to a reader who cannot tell the colours apart."""
    if kind == ROLE:
        return ROLE_STYLE
    relation = relation_types().get(kind)
    return (relation.colour, list(relation.dashes)) if relation else (OTHER_COLOR, [])


OTHER_COLOR = "#8a8a8a"
GROUP_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f", "#79706e", "#d37295", "#a0cbe8")
"""Colours of the largest communities when entities are coloured by group; the rest share LONE_COLOR."""
LONE_COLOR = "#c3c9cf"
MIN_GROUP = 3
"""A community of fewer entities is not worth a colour of its own."""
LOUVAIN_SEED = 7
"""networkx's Louvain is randomised: a fixed seed keeps the groups, and so the page, the same on every run."""
SHOW_UNLINKED_UP_TO = 300
"""Pages with more entities first hide those without an edge (the legend shows them): in a corpus they are most
entities, and left in they ring the graph and crowd its connected part."""
VIA_SUFFIX = {"about": "", "place": " in", "affiliation": ""}
"""How an edge label reads for each way a fact points to an entity: "hosted in" Istanbul."""
LABEL_LIMIT = 40
VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


@dataclass(frozen=True)
class VizOptions:
    """What part of the graph to draw (see `kg.view.select`; `max_nodes=0` draws every entity, `since` and `until`
    are days, YYYY-MM-DD) and whether the page opens with entities coloured by community (`groups`)."""

    focus: str | None = None
    relation_types: frozenset[str] = frozenset()
    entity_types: frozenset[str] = frozenset()
    min_confidence: float = 0.0
    max_nodes: int = DEFAULT_MAX_NODES
    since: str | None = None
    until: str | None = None
    groups: bool = False


def _clip(text: str, limit: int = LABEL_LIMIT) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def _edges(view: View, index: dict[str, int]) -> list[dict[str, Any]]:
    """One vis-network edge per (subject, target, relation type, way), carrying the indexes of the facts folded
    into it; its label is drawn by the page (which counts the facts the filters keep), from `text`."""
    groups: dict[tuple[int, int, str, str], list[int]] = defaultdict(list)
    for i, fact in enumerate(view.facts):
        for t in fact.targets:
            groups[(index[fact.subject], index[t.entity], fact.type, t.via)].append(i)
    edges = []
    parallel: dict[tuple[int, int], int] = defaultdict(int)
    for (source, target, kind, via), facts in sorted(groups.items(), key=_edge_order):
        text = ("; ".join(sorted({view.facts[i].says.lower() for i in facts})) if kind == ROLE
                else kind + VIA_SUFFIX[via])
        edge = {"id": len(edges), "from": source, "to": target, "rel": kind, "text": _clip(text), "facts": facts,
                "value": len(facts), "color": fact_style(kind)[0], "dashes": fact_style(kind)[1] or False}
        rank = parallel[(source, target)]
        if rank:  # parallel edges (same source and target) bend further apart, so each stays visible and clickable
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.12 + 0.22 * rank, 2)}
        parallel[(source, target)] += 1
        edges.append(edge)
    return edges


def _edge_order(group: tuple[tuple[int, int, str, str], list[int]]) -> tuple[int, int, int, str]:
    """Edges by source and target, then relation types in their usual order (said ... role, unknown ones last)."""
    (source, target, kind, via), _ = group
    order = fact_types()
    return source, target, order.index(kind) if kind in order else len(order), via


def communities(edges: list[dict[str, Any]]) -> list[list[int]]:
    """Communities of the drawn graph (networkx's Louvain, weighted by facts, fixed seed), largest first, each
    with its members; entities without an edge belong to none."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted({e["from"] for e in edges} | {e["to"] for e in edges}))
    for e in edges:
        if graph.has_edge(e["from"], e["to"]):
            graph[e["from"]][e["to"]]["weight"] += len(e["facts"])
        else:
            graph.add_edge(e["from"], e["to"], weight=len(e["facts"]))
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED) if len(graph) else []
    return sorted((sorted(group) for group in found), key=lambda g: (-len(g), g))


def _vis_options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: a force-directed settling, bounded so that 1,000 entities are drawn in well under 2 s
    (the page stops physics after it), and static edges (dynamic smoothing would add a physics body per edge).
    The page adds sizes and widths (for the zoom it opens with) and draws the labels itself."""
    large = n_nodes > 300
    small = n_nodes <= 150
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
        "nodes": {"shape": "dot", "borderWidth": 1, "borderWidthSelected": 3},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "color": {"opacity": 0.6 if large else 0.85},
                  "smooth": {"enabled": not large, "type": "curvedCW", "roundness": 0.12},
                  "selectionWidth": 1.5, "hoverWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": n_edges > 2000},
        "physics": {"enabled": True, "solver": "forceAtlas2Based", "timestep": 0.5 if small else 0.8,
                    "forceAtlas2Based": {"gravitationalConstant": -130, "centralGravity": 0.012, "springLength": 170,
                                         "springConstant": 0.05, "avoidOverlap": 0.8 if small else 0.0,
                                         "theta": 0.5 if small else 0.8},
                    "stabilization": {"enabled": True, "iterations": 400 if small else 80, "updateInterval": 40,
                                      "fit": True}},
    }


def page_data(view: View, related: Collection[str] | None = None, *, narrowed: bool = False,
              groups: bool = False) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data: entities, documents, facts (each with its
    day), the vis-network nodes and edges, communities, and the page's opening state.

    `related` names the entities that share a fact with another entity in the graph before any selection
    (default: in `view`); the others stand alone, and the page opens with them drawn only if it has at most
    SHOW_UNLINKED_UP_TO entities and the view is not `narrowed` (by relation or entity type, date or
    confidence). An entity that is related but has no fact in `view` was left bare by the selection: the page
    hides it, with a count and a tick to show it. `groups`: the page opens with entities coloured by community."""
    entity_ids = sorted(view.entities, key=lambda k: (view.entities[k].label.casefold(), k))
    index = {iri: i for i, iri in enumerate(entity_ids)}
    related = view.related() if related is None else related
    documents = list(view.documents)
    doc_index = {iri: i for i, iri in enumerate(documents)}
    edges = _edges(view, index)
    found = communities(edges)
    degree = view.degree()
    nodes = [{"id": i, "color": ENTITY_COLORS.get(view.entities[iri].type, OTHER_COLOR),
              "kind": view.entities[iri].type, "value": degree[iri] + 1, "alone": iri not in related}
             for i, iri in enumerate(entity_ids)]
    type_counts = {t: 0 for t in ENTITY_COLORS}
    for entity in view.entities.values():
        type_counts[entity.type] = type_counts.get(entity.type, 0) + 1
    rel_counts = {r: 0 for r in fact_types()}
    for fact in view.facts:
        rel_counts[fact.type] = rel_counts.get(fact.type, 0) + 1
    return {
        "title": _title(view),
        "notes": list(view.notes),
        "alone": {"count": sum(1 for n in nodes if n["alone"]),
                  "shown": len(nodes) <= SHOW_UNLINKED_UP_TO and not narrowed},
        "entityTypes": [{"name": t, "color": ENTITY_COLORS.get(t, OTHER_COLOR), "count": n}
                        for t, n in type_counts.items()],
        "relationTypes": [{"name": r, "color": fact_style(r)[0], "count": n, "dashes": fact_style(r)[1]}
                          for r, n in rel_counts.items()],
        "groups": [{"color": GROUP_COLORS[g] if g < len(GROUP_COLORS) and len(members) >= MIN_GROUP else LONE_COLOR,
                    "members": sorted(members, key=lambda n: (-nodes[n]["value"], n))}
                   for g, members in enumerate(found)],
        "groupsShown": groups,
        "loneColor": LONE_COLOR,
        "entities": [_entity_record(view, iri) for iri in entity_ids],
        "documents": [{"headline": d.headline, "published": d.published, "url": d.url, "source": d.source}
                      for d in view.documents.values()],
        "facts": [_fact_record(f, index, doc_index) for f in view.facts],
        "nodes": nodes,
        "edges": edges,
        "options": _vis_options(len(nodes), len(edges)),
    }


def _title(view: View) -> str:
    """"kg graph: 25 entities, 33 facts from 1 article"."""
    articles = len(view.documents)
    return (f"kg graph: {len(view.entities)} entities, {len(view.facts)} facts from {articles} "
            f"article{'' if articles == 1 else 's'}")


def _span(view: View) -> str:
    """The days a view's facts cover, for a message: "facts are dated 2016-09-08 to 2016-10-02; 3 have none"."""
    days = sorted(f.date for f in view.facts if f.date)
    undated = len(view.facts) - len(days)
    if not days:
        return "the graph's facts have no date"
    return f"facts are dated {days[0]} to {days[-1]}" + (f"; {undated} have none" if undated else "")


def _entity_record(view: View, iri: str) -> dict[str, Any]:
    """What the details panel shows about an entity."""
    e = view.entities[iri]
    return {"iri": e.iri, "label": e.label, "type": e.type, "aliases": list(e.aliases), "wikidata": e.wikidata}


def _fact_record(fact: Fact, index: dict[str, int], doc_index: dict[str, int]) -> dict[str, Any]:
    """A fact with entity and document references as list indexes (keeps big pages small)."""
    return {"type": fact.type, "subject": index[fact.subject], "text": fact.says, "cue": fact.cue,
            "time": fact.time, "date": fact.date, "sentence": fact.sentence, "doc": doc_index.get(fact.document, -1),
            "rule": fact.rule, "confidence": fact.confidence,
            "targets": [[index[t.entity], t.via] for t in fact.targets]}


def script_json(data: Any) -> str:
    """JSON that is inert inside an HTML <script> data block: no `<`, `>`, `&` and no non-ASCII character."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def _inline(source: str, tag: str) -> Markup:
    """Trusted code (ours or vis-network's) to inline in a <script> or <style>; refuses what would end it early."""
    if f"</{tag}" in source.lower() or "<!--" in source:
        raise ValueError(f"cannot inline code containing </{tag} or <!--")
    return Markup(source)


def render(graph: Source, options: VizOptions = VizOptions()) -> bytes:
    """The page for `graph` (an rdflib Graph, or a build's triples) as UTF-8 bytes: the same graph and
    options always give the same bytes."""
    whole = read_view(graph)
    view = select(whole, focus=options.focus, relation_types=options.relation_types,
                  entity_types=options.entity_types, min_confidence=options.min_confidence,
                  max_nodes=options.max_nodes, since=options.since, until=options.until)
    for note in view.notes:
        if "most connected" in note:
            log.warning("the page shows %s (set --max-nodes to change)", note)
    if (options.since or options.until) and not view.facts and whole.facts:
        log.warning("no fact is dated in that range (%s)", _span(whole))
    narrowed = bool(options.relation_types or options.entity_types or options.min_confidence > 0 or options.since
                    or options.until)
    data = page_data(view, whole.related(), narrowed=narrowed, groups=options.groups)
    assets = resources.files("kg.export").joinpath("html_assets")
    vis_js = resources.files("pyvis").joinpath(*VIS_JS).read_text(encoding="utf-8")
    app_js = assets.joinpath("page.js").read_text(encoding="utf-8")
    css = assets.joinpath("page.css").read_text(encoding="utf-8")
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; style-src {_csp_hash(css)}; "
           "img-src 'none'; connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'")
    env = Environment(loader=FileSystemLoader(str(assets)), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True)
    html = env.get_template("page.html").render(title=data["title"], notes=data["notes"], csp=csp,
                                                 data=Markup(script_json(data)), vis_js=_inline(vis_js, "script"),
                                                 app_js=_inline(app_js, "script"), css=_inline(css, "style"))
    return html.encode("utf-8")


def write(graph: Source, out: Path, options: VizOptions = VizOptions()) -> Path:
    """Write the page to `out` (a .html file) or to `out/graph.html` (a folder); whole or not at all."""
    path = out if out.suffix.lower() in (".html", ".htm") else out / FILE_NAME
    page = render(graph, options)
    try:
        return atomic_write(path, page)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
