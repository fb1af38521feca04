"""Gephi: GEXF 1.3 (namespace http://gexf.net/1.3), valid against the official RELAX NG schema.

Written with lxml rather than `networkx.write_gexf`, whose output deviates from the schema (old namespace,
an empty `name` attribute, no edge `kind`). Nodes carry their label, `type` and properties as attributes and
a colour (by type) and size (by degree) in the viz namespace; each edge's `kind` is its relation type, so
parallel edges (X said and denied something about Y) stay apart, and its evidence is in edge attributes.

The graph is dynamic (`timeformat="date"`) so that Gephi's timeline filter shows the news day by day or week by
week: each fact edge has a spell on its statement's resolved date, else its article's publication date (as its
`about`/`place` links and kept node do), a mention on its article's date, and each node a spell on every date of
the edges that touch it (an article on its publication date). Spells rather than `start`/`end` attributes, which
networkx would read into the same key as the evidence's `start` offset. Undated elements are always shown.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

from lxml import etree

from kg.export import OUTPUT_NAMES, Format, atomic_write
from kg.export.propgraph import XML_INVALID, PropertyGraph, Value, fact_kinds, property_graph
from kg.readback import Records, day
from kg.spec import relation_types

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
NODE_ATTRIBUTES = (("type", "string"), ("name", "string"), ("aliases", "string"), ("wikidata", "string"),
                   ("text", "string"), ("title", "string"), ("headline", "string"), ("published", "string"),
                   ("url", "string"), ("source", "string"), ("contentHash", "string"))
EDGE_ATTRIBUTES = (("text", "string"), ("cue", "string"), ("title", "string"), ("sentence", "string"),
                   ("sentenceStart", "integer"), ("sentenceEnd", "integer"), ("start", "integer"),
                   ("end", "integer"), ("rule", "string"), ("confidence", "double"), ("article", "string"),
                   ("timeExpression", "string"), ("date", "string"))
COLOURS = {"Person": (0, 114, 178), "Organization": (230, 159, 0), "Place": (0, 158, 115),
           "Role": (153, 153, 153), "Article": (90, 90, 90)}
"""Okabe-Ito colours, distinguishable with colour-blindness; a relation node takes its relation type's colour."""


def colour(kind: str) -> tuple[int, int, int]:
    """The RGB colour of a node kind: an entity, role or article's own, a relation node's from the vocabulary."""
    if kind in COLOURS:
        return COLOURS[kind]
    hexa = next((r.colour for r in relation_types().values() if r.node_class == kind), "#8a8a8a").lstrip("#")
    return int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16)


def _value(value: Value) -> str:
    """An attribute value as text: lists as a JSON array (names may hold commas), floats exactly."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return repr(value) if isinstance(value, float) else str(value)


def _attributes(parent: etree._Element, cls: str, spec: tuple[tuple[str, str], ...]) -> None:
    """Declare the node or edge attributes (id = title = property name)."""
    attributes = etree.SubElement(parent, f"{{{GEXF_NS}}}attributes", {"class": cls})
    for name, kind in spec:
        etree.SubElement(attributes, f"{{{GEXF_NS}}}attribute", {"id": name, "title": name, "type": kind})


def _attvalues(parent: etree._Element, values: dict[str, Value], spec: tuple[tuple[str, str], ...]) -> None:
    """The values a node or edge has, in declaration order."""
    present = [(name, values[name]) for name, _ in spec if name in values]
    if present:
        box = etree.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
        for name, value in present:
            etree.SubElement(box, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": _value(value)})


def _iso_date(value: Value | None) -> str | None:
    """`value` as a day (YYYY-MM-DD) GEXF can hold, else None (a graph file may hold anything)."""
    return (day(value) or None) if isinstance(value, str) else None


def timeline(pg: PropertyGraph) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The date of each dated edge (by id) and the sorted dates of each dated node (see the module docstring)."""
    published = {n.id: d for n in pg.nodes if n.kind == "Article" and (d := _iso_date(n.props.get("published")))}
    edges: dict[str, str] = {}
    of_fact: dict[str, str] = {}
    facts = fact_kinds()
    for e in pg.edges:
        if e.kind in facts:
            when = _iso_date(e.props.get("date")) or published.get(str(e.props.get("article")))
            if when:
                edges[e.id] = of_fact[e.target] = when
        elif e.kind == "mentionedIn" and e.target in published:
            edges[e.id] = published[e.target]
    for e in pg.edges:
        if e.kind in ("about", "place") and e.source in of_fact:
            edges[e.id] = of_fact[e.source]
    nodes: defaultdict[str, set[str]] = defaultdict(set)
    for article, when in published.items():
        nodes[article].add(when)
    for e in pg.edges:
        if e.id in edges:
            nodes[e.source].add(edges[e.id])
            nodes[e.target].add(edges[e.id])
    return edges, {node: sorted(days) for node, days in nodes.items()}


def _spells(parent: etree._Element, days: list[str]) -> None:
    """A spell of one day for each date."""
    spells = etree.SubElement(parent, f"{{{GEXF_NS}}}spells")
    for when in days:
        etree.SubElement(spells, f"{{{GEXF_NS}}}spell", {"start": when, "end": when})


def size(degree: int) -> float:
    """Node size: grows with the log of the number of edges touching the node."""
    return round(8 + 4 * math.log2(1 + degree), 2)


def serialize(pg: PropertyGraph) -> bytes:
    """The property graph as a GEXF 1.3 document."""
    root = etree.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"}, nsmap={None: GEXF_NS, "viz": VIZ_NS})
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta")
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "kg"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = \
        f"Who {', '.join(relation_types())} what in the news, with the evidence of every fact."
    edge_days, node_days = timeline(pg)
    days = sorted({d for ds in node_days.values() for d in ds})
    dynamic = {"mode": "dynamic", "timeformat": "date", "start": days[0], "end": days[-1]} if days else \
        {"mode": "static"}
    graph = etree.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed", **dynamic})
    _attributes(graph, "node", NODE_ATTRIBUTES)
    _attributes(graph, "edge", EDGE_ATTRIBUTES)
    degrees = pg.degrees()
    nodes = etree.SubElement(graph, f"{{{GEXF_NS}}}nodes", {"count": str(len(pg.nodes))})
    for n in pg.nodes:
        node = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": n.id, "label": n.label})
        _attvalues(node, {"type": n.kind, **n.props}, NODE_ATTRIBUTES)
        r, g, b = colour(n.kind)
        etree.SubElement(node, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})
        etree.SubElement(node, f"{{{VIZ_NS}}}size", {"value": repr(size(degrees[n.id]))})
        if n.id in node_days:
            _spells(node, node_days[n.id])
    edges = etree.SubElement(graph, f"{{{GEXF_NS}}}edges", {"count": str(len(pg.edges))})
    for e in pg.edges:
        edge = etree.SubElement(edges, f"{{{GEXF_NS}}}edge", {"id": e.id, "source": e.source, "target": e.target,
                                                              "kind": e.kind, "label": e.kind})
        _attvalues(edge, dict(e.props), EDGE_ATTRIBUTES)
        if e.id in edge_days:
            _spells(edge, [edge_days[e.id]])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(records: Records, out_dir: Path) -> Path:
    """`out_dir/graph.gexf` (characters XML cannot hold are replaced by U+FFFD, with a warning)."""
    pg = property_graph(records).replace_chars(XML_INVALID, "XML 1.0 cannot hold these characters")
    return atomic_write(out_dir / OUTPUT_NAMES[Format.GEPHI], serialize(pg))
