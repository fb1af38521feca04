"""Turtle: the canonical output, sorted and prefixed so that the same input gives byte-identical files.

Oxigraph's serializer writes it (the same one graph.trig uses): it escapes every literal the way the Turtle
grammar requires and groups a subject's predicates with `;`. kg only fixes the order that makes the bytes
repeatable: subjects in IRI order, `rdf:type` first and then predicates in IRI order, objects in the order of
their N-Triples text; and it declares only the prefixes the graph uses. rdflib's own serializer would take
minutes on a corpus graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, URIRef
from rdflib.term import Node

from kg.export import atomic_write
from kg.store import Term, to_oxigraph

Triple = tuple[Node, Node, Node]


def _used_prefixes(terms: Iterable[Term], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace starts some IRI among `terms`, sorted by name."""
    namespaces = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    used: dict[str, str] = {}
    for term in terms:
        iri = term.value if isinstance(term, ox.NamedNode) else term.datatype.value \
            if isinstance(term, ox.Literal) else None
        if iri is None:
            continue
        for prefix, ns in namespaces:
            if iri.startswith(ns):
                used[prefix] = ns
                break
    return dict(sorted(used.items()))


def serialize(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> bytes:
    """The triples (duplicates ignored) as deterministic Turtle, declaring the prefixes it uses."""
    cache: dict[Node, Term] = {}
    kind = to_oxigraph(URIRef(RDF.type), cache)
    rows = sorted({(to_oxigraph(s, cache), to_oxigraph(p, cache), to_oxigraph(o, cache)) for s, p, o in triples},
                  key=lambda t: (str(t[0]), t[1] != kind, str(t[1]), str(t[2])))
    return ox.serialize((ox.Triple(*row) for row in rows), format=ox.RdfFormat.TURTLE,
                        prefixes=_used_prefixes(cache.values(), prefixes))


FILE_NAME = "graph.ttl"


def write(triples: Iterable[Triple], prefixes: Mapping[str, str], out_dir: Path) -> Path:
    """`out_dir/graph.ttl`."""
    return atomic_write(out_dir / FILE_NAME, serialize(triples, prefixes))
