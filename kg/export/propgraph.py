"""The property-graph view of a kg graph, shared by the Neo4j, Gephi, GraphML and spreadsheet exports.

Mapping (documented in README "Exports"):
- entities (kg:Person, kg:Organization, kg:Place) and articles (schema:NewsArticle) are nodes;
- each said/hosted/denies/proposes fact is ONE edge from its subject carrying the verbatim text and all
  evidence (sentence, offsets, rule, confidence, article). When the fact links exactly two entities (one
  kg:about entity, no kg:place) the edge goes straight to that entity; otherwise its statement, event,
  claim or proposal node is kept and the edge points to it, with `about`/`place` edges to its arguments;
- a role is one `holdsRole` edge: to its affiliation when it has one, else to a kept Role node;
- `mentionedIn` edges link entities to the articles they appear in.
Node and edge kinds come from the closed vocabulary below; nothing else is ever emitted as a label or type.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node as RDFNode

from kg.errors import GraphError
from kg.spec import KG, ROLE_PREDICATE, SCHEMA, relation_types

log = logging.getLogger(__name__)

Value = str | int | float | list[str]

ENTITY_KINDS = ("Person", "Organization", "Place")
LINK_KINDS = ("about", "place", "mentionedIn")
"""Edges that link a fact node or an entity to what it names: its arguments, its place, its articles."""


def relation_kinds() -> tuple[str, ...]:
    """The relation types of the vocabulary (said, hosted, denies, proposes, ...): each one edge kind."""
    return tuple(relation_types())


def groups() -> dict[str, str]:
    """Node kind -> its group (Neo4j's shared label and ID space), in the order nodes are written."""
    return {**{k: "Entity" for k in ENTITY_KINDS}, **{r.node_class: "RelationNode" for r in relation_types().values()},
            "Role": "Role", "Article": "Article"}


def fact_kinds() -> tuple[str, ...]:
    """Edges that are facts: identified by their RDF node's IRI and carrying text and evidence."""
    return (*relation_kinds(), ROLE_PREDICATE)


def edge_kinds() -> tuple[str, ...]:
    """Every edge kind, in the order edges are written."""
    return (*fact_kinds(), *LINK_KINDS)

EVIDENCE = {  # edge property -> (predicate, type)
    "text": (KG.text, str), "cue": (KG.cue, str), "sentence": (KG.sentence, str),
    "sentenceStart": (KG.sentenceStart, int), "sentenceEnd": (KG.sentenceEnd, int),
    "start": (KG.start, int), "end": (KG.end, int), "rule": (KG.rule, str),
    "confidence": (KG.confidence, float), "timeExpression": (KG.timeExpression, str), "date": (KG.date, str),
}
ARTICLE = {"headline": (SCHEMA.headline, str), "published": (SCHEMA.datePublished, str),
           "url": (SCHEMA.url, str), "source": (KG.sourceName, str), "contentHash": (KG.contentHash, str),
           "text": (SCHEMA.text, str)}
LABEL_CHARS = 80
XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)."""


@dataclass(frozen=True)
class Node:
    """A node: its IRI, kind (from `groups()`), display label and properties (no None values)."""

    id: str
    kind: str
    label: str
    props: Mapping[str, Value] = field(default_factory=dict)

    @property
    def group(self) -> str:
        """Entity, RelationNode, Role or Article."""
        return groups()[self.kind]


@dataclass(frozen=True)
class Edge:
    """A directed edge of one of `edge_kinds()`; `id` is the fact's IRI, or source, kind and target for links."""

    id: str
    kind: str
    source: str
    target: str
    props: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class PropertyGraph:
    """Nodes and edges in a fixed order (group, kind, id), so every writer is deterministic."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def node_index(self) -> dict[str, Node]:
        """Nodes by id."""
        return {n.id: n for n in self.nodes}

    def degrees(self) -> Counter[str]:
        """How many edges touch each node."""
        return Counter(x for e in self.edges for x in (e.source, e.target))

    def replace_chars(self, pattern: re.Pattern[str], why: str) -> PropertyGraph:
        """Every string with characters matching `pattern` replaced by U+FFFD; logs how many, and why."""
        count = 0

        def clean(value: Value) -> Value:
            """`value` with the matching characters replaced, counted."""
            nonlocal count
            if isinstance(value, str):
                new, n = pattern.subn("\ufffd", value)
                count += n
                return new
            if isinstance(value, list):
                return [clean(v) for v in value]  # type: ignore[misc]
            return value

        def props(p: Mapping[str, Value]) -> dict[str, Value]:
            """Every property value cleaned."""
            return {k: clean(v) for k, v in p.items()}

        nodes = tuple(replace(n, label=clean(n.label), props=props(n.props)) for n in self.nodes)
        edges = tuple(replace(e, props=props(e.props)) for e in self.edges)
        if count:
            log.warning("replaced %d character(s) with U+FFFD: %s", count, why)
        return PropertyGraph(nodes, edges) if count else self


def _one(g: Graph, s: RDFNode, p: URIRef, cast: type) -> Value | None:
    """The smallest value of `p` on `s` (one, deterministically, if a hand-edited graph has several)."""
    values = sorted(g.objects(s, p), key=str)
    if not values:
        return None
    v = values[0]
    if cast is str:
        return str(v)
    py = v.toPython() if isinstance(v, Literal) else v
    if cast is float and isinstance(py, (Decimal, int, float)):
        return float(py)
    if cast is int and isinstance(py, int) and not isinstance(py, bool):
        return py
    raise GraphError(f"{s} {p}: expected a number, found {v!r}")


def _props(g: Graph, s: RDFNode, spec: Mapping[str, tuple[URIRef, type]]) -> dict[str, Value]:
    """The properties in `spec` (name -> predicate, type) that `s` has."""
    out = {}
    for name, (p, cast) in spec.items():
        value = _one(g, s, p, cast)
        if value is not None:
            out[name] = value
    return out


def _evidence(g: Graph, node: RDFNode, spec: Mapping[str, tuple[URIRef, type]] = EVIDENCE) -> dict[str, Value]:
    """A fact's or role's properties in `spec` plus its `article` (the kg:document IRI)."""
    props = _props(g, node, spec)
    if (article := _one(g, node, KG.document, str)) is not None:
        props["article"] = article
    return props


def _pairs(g: Graph, predicate: URIRef) -> list[tuple[str, str]]:
    """(subject, object) IRIs of every `predicate` triple, sorted."""
    return sorted((str(s), str(o)) for s, o in g.subject_objects(predicate))


def _short(text: str) -> str:
    """A display label: the text, cut at LABEL_CHARS characters."""
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "\u2026"


def _entities(g: Graph) -> Iterator[Node]:
    """A node per kg:Person, kg:Organization and kg:Place, with name, aliases and Wikidata IRI."""
    for kind in ENTITY_KINDS:
        for s in sorted(set(g.subjects(RDF.type, KG[kind])), key=str):
            name = _one(g, s, RDFS.label, str) or str(s)
            props: dict[str, Value] = {"name": name}
            aliases = sorted({str(a) for a in g.objects(s, SKOS.altLabel)})
            if aliases:
                props["aliases"] = aliases
            wikidata = _one(g, s, SCHEMA.sameAs, str)
            if wikidata:
                props["wikidata"] = wikidata
            yield Node(str(s), kind, str(name), props)


def _articles(g: Graph) -> Iterator[Node]:
    """A node per schema:NewsArticle, labelled by its headline."""
    for s in sorted(set(g.subjects(RDF.type, SCHEMA.NewsArticle)), key=str):
        props = _props(g, s, ARTICLE)
        label = props.get("headline") or props.get("source") or str(s)
        yield Node(str(s), "Article", _short(str(label)), props)


def from_rdf(g: Graph) -> PropertyGraph:
    """The property graph of a kg graph (see the module docstring for the mapping)."""
    nodes = [*_entities(g), *_articles(g)]
    if not nodes:
        raise GraphError("the graph holds no kg entities or articles: is it a graph `kg build` wrote?")
    known = {n.id for n in nodes}
    entities = {n.id for n in nodes if n.group == "Entity"}
    edges: list[Edge] = []
    kept: dict[str, Node] = {}
    dropped = 0
    for predicate, relation in relation_types().items():
        for s, o in _pairs(g, KG[predicate]):
            if s not in entities:
                dropped += 1
                continue
            node = URIRef(o)
            props = _evidence(g, node)
            about = sorted({str(a) for a in g.objects(node, KG.about)} & entities)
            place = sorted({str(p) for p in g.objects(node, KG.place)} & entities)
            if len(about) == 1 and not place:
                edges.append(Edge(o, predicate, s, about[0], props))
                continue
            kept[o] = Node(o, relation.node_class, _short(str(props.get("text", ""))),
                           {"text": props["text"]} if "text" in props else {})
            edges.append(Edge(o, predicate, s, o, props))
            edges += [_link(o, "about", a) for a in about] + [_link(o, "place", p) for p in place]
    for s, o in _pairs(g, KG.holdsRole):
        if s not in entities:
            dropped += 1
            continue
        props = _evidence(g, URIRef(o), {"title": (SCHEMA.jobTitle, str), **EVIDENCE})
        affiliation = _one(g, URIRef(o), SCHEMA.affiliation, str)
        if affiliation in entities:
            edges.append(Edge(o, "holdsRole", s, str(affiliation), props))
        else:
            title = props.get("title")
            kept[o] = Node(o, "Role", str(title or o), {"title": title} if title else {})
            edges.append(Edge(o, "holdsRole", s, o, props))
    edges += [_link(s, "mentionedIn", o) for s, o in _pairs(g, KG.mentionedIn) if s in entities and o in known]
    if dropped:
        log.warning("left out %d fact(s) whose subject is not a kg entity", dropped)
    order = {k: i for i, k in enumerate(groups())}
    all_nodes = sorted([*nodes, *kept.values()], key=lambda n: (order[n.kind], n.id))
    edge_order = {k: i for i, k in enumerate(edge_kinds())}
    return PropertyGraph(tuple(all_nodes), tuple(sorted(edges, key=lambda e: (edge_order[e.kind], e.source,
                                                                              e.target, e.id))))


def _link(source: str, kind: str, target: str) -> Edge:
    """A plain link (about, place, mentionedIn): no evidence of its own, identified by its triple."""
    return Edge(f"{source} {kind} {target}", kind, source, target)
