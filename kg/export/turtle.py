"""Turtle: the canonical output, sorted and prefixed so that the same input gives byte-identical files.

Written here rather than by rdflib's serializer, which takes minutes on a corpus graph: subjects in IRI order,
`a` first and then predicates in IRI order, objects in the order of their Turtle text. The terms are the
ones rdflib would read back (the tests parse the output with rdflib and compare the triples).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node

from kg.export import atomic_write

Triple = tuple[Node, Node, Node]

_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
"""Local names written as prefix:local; anything else is written as a full <IRI>."""
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_SHORT = re.compile(r'["\\\r\n\t\b\f\x00-\x1f\x7f]')
_LONG = re.compile(r'["\\\r\t\b\f\x00-\x09\x0b-\x1f\x7f]')


def _escape(match: re.Match[str]) -> str:
    c = match.group()
    return _ESCAPES.get(c) or ("\\n" if c == "\n" else f"\\u{ord(c):04X}")


class _Terms:
    """Turtle text of RDF terms, with the prefixes given; memoised, as entity IRIs recur thousands of times."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: (-len(x[0]), x[1]))
        self.used: set[str] = set()
        self.memo: dict[Node, str] = {}

    def __call__(self, term: Node) -> str:
        text = self.memo.get(term)
        if text is None:
            text = self.memo[term] = self._format(term)
        return text

    def _format(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self._iri(str(term))
        if isinstance(term, Literal):
            return self._literal(term)
        raise TypeError(f"kg graphs have no blank nodes or variables: {term!r}")

    def _iri(self, iri: str) -> str:
        for ns, prefix in self.prefixes:
            if iri.startswith(ns) and _LOCAL.fullmatch(iri, len(ns)):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(ns):]}"
        return "<" + "".join(c if c > " " and c not in '<>"{}|^`\\' else f"\\u{ord(c):04X}" for c in iri) + ">"

    def _literal(self, lit: Literal) -> str:
        lexical = str(lit)
        if lit.datatype == XSD.integer and _INTEGER.fullmatch(lexical):
            return lexical
        if lit.datatype == XSD.decimal and _DECIMAL.fullmatch(lexical):
            return lexical
        if "\n" in lexical:
            quoted = '"""' + _LONG.sub(_escape, lexical) + '"""'
        else:
            quoted = '"' + _SHORT.sub(_escape, lexical) + '"'
        if lit.language:
            return f"{quoted}@{lit.language}"
        return f"{quoted}^^{self._iri(str(lit.datatype))}" if lit.datatype else quoted


def serialize(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> bytes:
    """The triples (duplicates ignored) as deterministic Turtle, declaring the prefixes it uses."""
    term = _Terms(prefixes)
    tree: dict[Node, dict[Node, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        tree[s][p].add(term(o))
    blocks = []
    for subject in sorted(tree, key=str):
        predicates = tree[subject]
        parts = [("a" if p == RDF.type else term(p)) + " " + ",\n        ".join(sorted(predicates[p]))
                 for p in sorted(predicates, key=lambda p: (p != RDF.type, str(p)))]
        blocks.append(f"{term(subject)} " + " ;\n    ".join(parts) + " .\n")
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items()) if p in term.used)
    return (header + "\n" + "\n".join(blocks)).encode("utf-8")


FILE_NAME = "graph.ttl"


def write(triples: Iterable[Triple], prefixes: Mapping[str, str], out_dir: Path) -> Path:
    """`out_dir/graph.ttl`."""
    return atomic_write(out_dir / FILE_NAME, serialize(triples, prefixes))
