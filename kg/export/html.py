"""HTML: an interactive page (pyvis / vis-network) of who talks about whom, that works offline and is safe to open.

The page is one self-contained file: vis-network's script (shipped inside the pyvis wheel) is inlined, nothing
else is loaded, and a Content-Security-Policy allows only the page's own scripts (by hash) and no connection
at all. Names and quotes come from untrusted articles: they travel as JSON in a non-executed data block (with
`<`, `>` and `&` escaped) and the page's script puts them into the DOM as text only, never as HTML.

Entities are nodes; each statement, event, claim, proposal and role is folded into edges from its subject to
the entities it is about (see README, "Exploring the graph").
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from kg.export import ExportError, atomic_write
from kg.view import RELATION_TYPES, ROLE, Fact, GraphLike, View, read_view, select

log = logging.getLogger(__name__)

FILE_NAME = "graph.html"
DEFAULT_MAX_NODES = 1000
"""Beyond this many entities a page stays usable only with a narrower selection (`--max-nodes 0` draws all)."""

ENTITY_COLORS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Place": "#59a14f"}
RELATION_COLORS = {"said": "#55697d", "hosted": "#8c62c4", "denies": "#d1352b", "proposes": "#12968f",
                   ROLE: "#9c755f"}
OTHER_COLOR = "#8a8a8a"
SHOW_UNLINKED_UP_TO = 300
"""Pages with more entities first hide those without an edge (the legend shows them): in a corpus they are most
entities, and left in they ring the graph and crowd its connected part."""
VIA_SUFFIX = {"about": "", "place": " in", "affiliation": ""}
"""How an edge label reads for each way a fact points to an entity: "hosted in" Istanbul."""
LABEL_LIMIT = 40
VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


@dataclass(frozen=True)
class VizOptions:
    """What part of the graph to draw: see `kg.view.select`; `max_nodes=0` draws every entity."""

    focus: str | None = None
    relation_types: frozenset[str] = frozenset()
    entity_types: frozenset[str] = frozenset()
    min_confidence: float = 0.0
    max_nodes: int = DEFAULT_MAX_NODES


def _clip(text: str, limit: int = LABEL_LIMIT) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def _edges(view: View, index: dict[str, int]) -> list[dict[str, Any]]:
    """One edge per (subject, target, relation type, way), carrying the indexes of the facts folded into it."""
    groups: dict[tuple[int, int, str, str], list[int]] = defaultdict(list)
    for i, fact in enumerate(view.facts):
        for t in fact.targets:
            groups[(index[fact.subject], index[t.entity], fact.type, t.via)].append(i)
    edges = []
    parallel: dict[tuple[int, int], int] = defaultdict(int)
    for (source, target, kind, via), facts in sorted(groups.items(), key=_edge_order):
        if kind == ROLE:
            label = "; ".join(sorted({view.facts[i].text.lower() for i in facts}))
        else:
            label = kind + VIA_SUFFIX[via] + (f" ×{len(facts)}" if len(facts) > 1 else "")
        edges.append({"source": source, "target": target, "rel": kind, "label": _clip(label), "facts": facts,
                      "rank": parallel[(source, target)]})
        parallel[(source, target)] += 1
    return edges


def _edge_order(group: tuple[tuple[int, int, str, str], list[int]]) -> tuple[int, int, int, str]:
    """Edges by source and target, then relation types in their usual order (said ... role, unknown ones last)."""
    (source, target, kind, via), _ = group
    return source, target, RELATION_TYPES.index(kind) if kind in RELATION_TYPES else len(RELATION_TYPES), via


def _network(view: View, entity_ids: list[str], edges: list[dict[str, Any]]) -> Network:
    """A pyvis network of the view: a node per entity (sized by its facts), an edge per folded relation."""
    net = Network(directed=True, cdn_resources="in_line")
    degree = view.degree()
    for i, iri in enumerate(entity_ids):
        entity = view.entities[iri]
        net.add_node(i, label=_clip(entity.label) or "?", color=ENTITY_COLORS.get(entity.type, OTHER_COLOR),
                     value=degree[iri] + 1, kind=entity.type)
    for n, edge in enumerate(edges):
        net.add_edge(edge["source"], edge["target"], id=n, label=edge["label"], width=_width(len(edge["facts"])),
                     color=RELATION_COLORS.get(edge["rel"], OTHER_COLOR), dashes=edge["rel"] == ROLE,
                     rel=edge["rel"], **_curve(edge["rank"]))
    net.options = _vis_options(len(entity_ids), len(edges))
    return net


def _width(facts: int) -> float:
    """Edge width grows with the number of facts folded into it, gently (a 10-fact edge is not a wall)."""
    return round(1.0 + 0.7 * min(facts - 1, 5), 1)


def _curve(rank: int) -> dict[str, Any]:
    """Parallel edges (same source and target) bend further apart, so each stays visible and clickable."""
    return {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12 + 0.22 * rank}} if rank else {}


def _vis_options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: a force-directed settling, bounded so that 1,000 entities are drawn in well under 2 s
    (the page stops physics after it), and static edges (dynamic smoothing would add a physics body per edge)."""
    large = n_nodes > 300
    small = n_nodes <= 150
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "scaling": {"min": 8, "max": 34, "label": {"enabled": True, "min": 14, "max": 24,
                                                             "drawThreshold": 7}},
                  "font": {"face": "Helvetica, Arial, sans-serif", "color": "#1d2630", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "smooth": {"enabled": not large, "type": "curvedCW", "roundness": 0.12},
                  "font": {"face": "Helvetica, Arial, sans-serif", "size": 12, "color": "#3c4650",
                           "strokeWidth": 4, "strokeColor": "#ffffff", "align": "horizontal"},
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


def page_data(view: View) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data (entity and document lists, facts, network)."""
    entity_ids = sorted(view.entities, key=lambda k: (view.entities[k].label.casefold(), k))
    index = {iri: i for i, iri in enumerate(entity_ids)}
    documents = list(view.documents)
    doc_index = {iri: i for i, iri in enumerate(documents)}
    edges = _edges(view, index)
    net = _network(view, entity_ids, edges)
    nodes, vis_edges, _, _, _, options = net.get_network_data()
    for vis_edge, edge in zip(vis_edges, edges, strict=True):
        vis_edge["facts"] = edge["facts"]
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    for node in nodes:
        node["linked"] = node["id"] in linked
    type_counts = {t: 0 for t in ENTITY_COLORS}
    for entity in view.entities.values():
        type_counts[entity.type] = type_counts.get(entity.type, 0) + 1
    rel_counts = {r: 0 for r in RELATION_TYPES}
    for fact in view.facts:
        rel_counts[fact.type] = rel_counts.get(fact.type, 0) + 1
    return {
        "title": _title(view),
        "notes": list(view.notes),
        "unlinked": {"count": len(nodes) - len(linked), "shown": len(nodes) <= SHOW_UNLINKED_UP_TO},
        "entityTypes": [{"name": t, "color": ENTITY_COLORS.get(t, OTHER_COLOR), "count": n}
                        for t, n in type_counts.items()],
        "relationTypes": [{"name": r, "color": RELATION_COLORS.get(r, OTHER_COLOR), "count": n, "dashed": r == ROLE}
                          for r, n in rel_counts.items()],
        "entities": [_entity_record(view, iri) for iri in entity_ids],
        "documents": [{"headline": d.headline, "published": d.published, "url": d.url, "source": d.source}
                      for d in view.documents.values()],
        "facts": [_fact_record(f, index, doc_index) for f in view.facts],
        "nodes": nodes,
        "edges": vis_edges,
        "options": json.loads(options),
    }


def _title(view: View) -> str:
    """"kg graph: 25 entities, 33 facts from 1 article"."""
    articles = len(view.documents)
    return (f"kg graph: {len(view.entities)} entities, {len(view.facts)} facts from {articles} "
            f"article{'' if articles == 1 else 's'}")


def _entity_record(view: View, iri: str) -> dict[str, Any]:
    """What the details panel shows about an entity."""
    e = view.entities[iri]
    return {"iri": e.iri, "label": e.label, "type": e.type, "aliases": list(e.aliases), "wikidata": e.wikidata}


def _fact_record(fact: Fact, index: dict[str, int], doc_index: dict[str, int]) -> dict[str, Any]:
    """A fact with entity and document references as list indexes (keeps big pages small)."""
    return {"type": fact.type, "subject": index[fact.subject], "text": fact.text, "cue": fact.cue,
            "time": fact.time, "sentence": fact.sentence, "doc": doc_index.get(fact.document, -1), "rule": fact.rule,
            "confidence": fact.confidence, "targets": [[index[t.entity], t.via] for t in fact.targets]}


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


def render(graph: GraphLike, options: VizOptions = VizOptions()) -> bytes:
    """The page for `graph` (an rdflib Graph, or a kg.view.TripleIndex of one) as UTF-8 bytes: the same graph and
    options always give the same bytes."""
    view = select(read_view(graph), focus=options.focus, relation_types=options.relation_types,
                  entity_types=options.entity_types, min_confidence=options.min_confidence,
                  max_nodes=options.max_nodes)
    for note in view.notes:
        if "most connected" in note:
            log.warning("the page shows %s (set --max-nodes to change)", note)
    data = page_data(view)
    assets = resources.files("kg.export").joinpath("html_assets")
    vis_js = resources.files("pyvis").joinpath(*VIS_JS).read_text(encoding="utf-8")
    app_js = assets.joinpath("page.js").read_text(encoding="utf-8")
    css = assets.joinpath("page.css").read_text(encoding="utf-8")
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; style-src {_csp_hash(css)}; "
           "img-src 'none'; connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'")
    env = Environment(loader=FileSystemLoader(str(assets)), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True)
    hidden = 0 if data["unlinked"]["shown"] else data["unlinked"]["count"]
    html = env.get_template("page.html").render(title=data["title"], notes=data["notes"], hidden=hidden, csp=csp,
                                                 data=Markup(script_json(data)), vis_js=_inline(vis_js, "script"),
                                                 app_js=_inline(app_js, "script"), css=_inline(css, "style"))
    return html.encode("utf-8")


def write(graph: GraphLike, out: Path, options: VizOptions = VizOptions()) -> Path:
    """Write the page to `out` (a .html file) or to `out/graph.html` (a folder); whole or not at all."""
    path = out if out.suffix.lower() in (".html", ".htm") else out / FILE_NAME
    page = render(graph, options)
    try:
        return atomic_write(path, page)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
