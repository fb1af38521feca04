"""GraphML, written by networkx: the property graph as a directed multigraph (yEd, Cytoscape, igraph, networkx).

Nodes carry `label`, `type` and their properties; edges are keyed by their id and carry `kind` (the relation
type) and their evidence. Lists (aliases) are JSON arrays in a string, since GraphML has no list type.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from kg.export import OUTPUT_NAMES, Format, atomic_write
from kg.export.propgraph import XML_INVALID, PropertyGraph, Value, property_graph
from kg.readback import Records


def _attr(value: Value) -> str | int | float:
    """A GraphML data value: lists become a JSON array (GraphML has no list type)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def to_networkx(pg: PropertyGraph) -> nx.MultiDiGraph:
    """The property graph as a networkx MultiDiGraph (edge key = edge id)."""
    g = nx.MultiDiGraph()
    for n in pg.nodes:
        g.add_node(n.id, label=n.label, type=n.kind, **{k: _attr(v) for k, v in n.props.items()})
    for e in pg.edges:
        g.add_edge(e.source, e.target, key=e.id, kind=e.kind, **{k: _attr(v) for k, v in e.props.items()})
    return g


def serialize(pg: PropertyGraph) -> bytes:
    """GraphML bytes (UTF-8)."""
    buf = io.BytesIO()
    nx.write_graphml(to_networkx(pg), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def write(records: Records, out_dir: Path) -> Path:
    """`out_dir/graph.graphml` (characters XML cannot hold are replaced by U+FFFD, with a warning)."""
    pg = property_graph(records).replace_chars(XML_INVALID, "XML 1.0 cannot hold these characters")
    return atomic_write(out_dir / OUTPUT_NAMES[Format.GRAPHML], serialize(pg))
