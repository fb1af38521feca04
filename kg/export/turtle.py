"""Turtle: the canonical output, sorted and prefixed so that the same input gives byte-identical files."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.export import atomic_write


def serialize(graph: Graph) -> bytes:
    """The graph as deterministic Turtle (rdflib sorts subjects, predicates and objects; no blank nodes)."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write(graph: Graph, out_dir: Path) -> Path:
    """`out_dir/graph.ttl`."""
    return atomic_write(out_dir / "graph.ttl", serialize(graph))
