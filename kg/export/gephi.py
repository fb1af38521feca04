"""Gephi: GEXF 1.3 (namespace http://gexf.net/1.3), valid against the official RELAX NG schema.

Written with lxml rather than `networkx.write_gexf`, whose output deviates from the schema (old namespace,
an empty `name` attribute, no edge `kind`). Nodes carry their label, `type` and properties as attributes and
a colour (by type) and size (by degree) in the viz namespace; each edge's `kind` is its relation type, so
parallel edges (X said and denied something about Y) stay apart, and its evidence is in edge attributes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from lxml import etree
from rdflib import Graph

from kg.export import OUTPUT_NAMES, Format, atomic_write
from kg.export.propgraph import XML_INVALID, PropertyGraph, Value, from_rdf

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
           "Statement": (204, 121, 167), "Event": (213, 94, 0), "Claim": (240, 228, 66),
           "Proposal": (86, 180, 233), "Role": (153, 153, 153), "Article": (90, 90, 90)}
"""Okabe-Ito colours, distinguishable with colour-blindness."""


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


def size(degree: int) -> float:
    """Node size: grows with the log of the number of edges touching the node."""
    return round(8 + 4 * math.log2(1 + degree), 2)


def serialize(pg: PropertyGraph) -> bytes:
    """The property graph as a GEXF 1.3 document."""
    root = etree.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"}, nsmap={None: GEXF_NS, "viz": VIZ_NS})
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta")
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "kg"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = \
        "Who said, hosted, denies and proposes what in the news, with the evidence of every fact."
    graph = etree.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed", "mode": "static"})
    _attributes(graph, "node", NODE_ATTRIBUTES)
    _attributes(graph, "edge", EDGE_ATTRIBUTES)
    degrees = pg.degrees()
    nodes = etree.SubElement(graph, f"{{{GEXF_NS}}}nodes", {"count": str(len(pg.nodes))})
    for n in pg.nodes:
        node = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": n.id, "label": n.label})
        _attvalues(node, {"type": n.kind, **n.props}, NODE_ATTRIBUTES)
        r, g, b = COLOURS[n.kind]
        etree.SubElement(node, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})
        etree.SubElement(node, f"{{{VIZ_NS}}}size", {"value": repr(size(degrees[n.id]))})
    edges = etree.SubElement(graph, f"{{{GEXF_NS}}}edges", {"count": str(len(pg.edges))})
    for e in pg.edges:
        edge = etree.SubElement(edges, f"{{{GEXF_NS}}}edge", {"id": e.id, "source": e.source, "target": e.target,
                                                              "kind": e.kind, "label": e.kind})
        _attvalues(edge, dict(e.props), EDGE_ATTRIBUTES)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(graph: Graph, out_dir: Path) -> Path:
    """`out_dir/graph.gexf` (characters XML cannot hold are replaced by U+FFFD, with a warning)."""
    pg = from_rdf(graph).replace_chars(XML_INVALID, "XML 1.0 cannot hold these characters")
    return atomic_write(out_dir / OUTPUT_NAMES[Format.GEPHI], serialize(pg))
