"""The vocabulary as kg uses it: the one place a relation type is declared is its stanza in ontology/kg.ttl.

A relation type is a sub-property of `kg:relation` whose range is its node class (a subclass of
`kg:RelationNode`), with a label, a comment, where it comes in lists (`kg:order`) and how kg draws it
(`kg:colour`, `kg:dashes`). Everything else that
differs by relation type is derived here from that stanza: the predicate, the node class and its IRI path, the
Neo4j relationship type. The graph writer, the exports, the queries, the SHACL shapes, the page, eval and the CLI
help all ask `relation_types()`, so adding a relation type is one rule file, one ontology stanza and one test file.

Nothing here loads spaCy: exports and queries read the vocabulary without the extraction code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.errors import KGError

KG = Namespace("https://kg.example/ns#")
SCHEMA = Namespace("https://schema.org/")
ROLE_PREDICATE = "holdsRole"
"""Roles are facts too (a kg:Role node with evidence), but not a relation type: a person holds a role."""


@dataclass(frozen=True)
class RelationType:
    """One relation type as the vocabulary declares it."""

    name: str
    """The predicate's local name, which is also the rule's name: "said"."""
    node_class: str
    """The class of the node the relation points to (its rdfs:range): "Statement"."""
    label: str
    comment: str
    colour: str
    dashes: tuple[int, ...] = ()
    order: int = 100

    @property
    def predicate(self) -> URIRef:
        """kg:said."""
        return KG[self.name]

    @property
    def node_iri(self) -> URIRef:
        """kg:Statement."""
        return KG[self.node_class]

    @property
    def path(self) -> str:
        """The IRI path segment of its nodes: "statement"."""
        return self.node_class.lower()

    @property
    def neo4j_type(self) -> str:
        """The Neo4j relationship type: "SAID" (camelCase names become SNAKE_CASE)."""
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", self.name).upper()


@lru_cache(maxsize=1)
def vocabulary() -> Graph:
    """ontology/kg.ttl, parsed once."""
    return Graph().parse(data=resources.files("kg.ontology").joinpath("kg.ttl").read_text(encoding="utf-8"),
                         format="turtle")


@lru_cache(maxsize=1)
def terms() -> frozenset[str]:
    """The local names of every class and property the vocabulary declares (the closed set kg writes)."""
    g = vocabulary()
    return frozenset(str(s)[len(str(KG)):] for s in g.subjects(RDF.type, None) if str(s).startswith(str(KG)))


@lru_cache(maxsize=1)
def relation_types() -> dict[str, RelationType]:
    """Every relation type of the vocabulary, by name, in their declared order (kg:order, then name)."""
    g = vocabulary()
    found: dict[str, RelationType] = {}
    for prop in g.subjects(RDFS.subPropertyOf, KG.relation):
        name = _local(prop)
        node = g.value(prop, RDFS.range)
        if node is None or not str(node).startswith(str(KG)) or (node, RDFS.subClassOf, KG.RelationNode) not in g:
            raise KGError(f"ontology: kg:{name} needs an rdfs:range that is a subclass of kg:RelationNode")
        if (node, RDF.type, OWL.Class) not in g:
            raise KGError(f"ontology: the node class of kg:{name}, {_local(node)}, is not declared as an owl:Class")
        dashes = str(g.value(prop, KG.dashes, default=Literal("")))
        found[name] = RelationType(name=name, node_class=_local(node), label=_text(g, prop, RDFS.label, name),
                                   comment=_text(g, prop, RDFS.comment, ""),
                                   colour=_text(g, prop, KG.colour, "#8a8a8a"),
                                   dashes=tuple(int(x) for x in dashes.split()),
                                   order=int(g.value(prop, KG.order, default=Literal(100))))
    return {r.name: r for r in sorted(found.values(), key=lambda r: (r.order, r.name))}


def relation_type(name: str) -> RelationType:
    """The relation type called `name`; KGError when the vocabulary has none."""
    try:
        return relation_types()[name]
    except KeyError:
        raise KGError(f"unknown relation type {name!r}; the vocabulary has {', '.join(relation_types())}") from None


def node_classes() -> dict[str, str]:
    """Relation name -> node class name ("said" -> "Statement")."""
    return {r.name: r.node_class for r in relation_types().values()}


def names_text() -> str:
    """The relation names for help texts: "said, hosted, denies, proposes"."""
    return ", ".join(relation_types())


def _local(term: URIRef) -> str:
    return str(term)[len(str(KG)):] if str(term).startswith(str(KG)) else str(term).rsplit("/", 1)[-1]


def _text(g: Graph, subject: URIRef, predicate: URIRef, default: str) -> str:
    value = g.value(subject, predicate)
    return str(value) if value is not None else default
