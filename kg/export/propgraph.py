"""The property-graph view of a kg graph, shared by the Neo4j, Gephi, GraphML and spreadsheet exports.

It is made from the records kg.readback reads (`property_graph(read(graph))`). Mapping (documented in README "Exports"):
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from kg.model import ENTITY_TYPES
from kg.readback import ROLE, Document, Entity, Fact, Records
from kg.spec import ROLE_PREDICATE, node_classes, relation_types

log = logging.getLogger(__name__)

Value = str | int | float | list[str]

LINK_KINDS = ("about", "place", "mentionedIn")
"""Edges that link a fact node or an entity to what it names: its arguments, its place, its articles."""


def relation_kinds() -> tuple[str, ...]:
    """The relation types of the vocabulary (said, hosted, denies, proposes, ...): each one edge kind."""
    return tuple(relation_types())


def groups() -> dict[str, str]:
    """Node kind -> its group (Neo4j's shared label and ID space), in the order nodes are written."""
    return {**{k: "Entity" for k in ENTITY_TYPES}, **{r.node_class: "RelationNode" for r in relation_types().values()},
            "Role": "Role", "Article": "Article"}


def fact_kinds() -> tuple[str, ...]:
    """Edges that are facts: identified by their RDF node's IRI and carrying text and evidence."""
    return (*relation_kinds(), ROLE_PREDICATE)


def edge_kinds() -> tuple[str, ...]:
    """Every edge kind, in the order edges are written."""
    return (*fact_kinds(), *LINK_KINDS)


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


def _short(text: str) -> str:
    """A display label: the text, cut at LABEL_CHARS characters."""
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "\u2026"


def _present(values: Iterable[tuple[str, Value | None]]) -> dict[str, Value]:
    """The properties that have a value (None and "" have none)."""
    return {name: value for name, value in values if value is not None and value != ""}


def _evidence(fact: Fact) -> dict[str, Value]:
    """A fact's or role's text and evidence as edge properties, in this order, with its `article` (the kg:document
    IRI): the text, sentence, rule and article every kg fact has (written even when empty), the offsets and
    confidence it has, and the cue, time expression and date (kg:date as written) when it has them."""
    props: dict[str, Value] = {"text": fact.text}
    props.update(_present([("cue", fact.cue)]))
    props["sentence"] = fact.sentence
    props.update(_present([("sentenceStart", fact.sentence_start), ("sentenceEnd", fact.sentence_end),
                           ("start", fact.start), ("end", fact.end)]))
    props["rule"] = fact.rule
    props.update(_present([("confidence", fact.confidence), ("timeExpression", fact.time_expression),
                           ("date", fact.resolved_date)]))
    props["article"] = fact.document
    return props


def _entity(entity: Entity) -> Node:
    """An entity node with its name, other names and sameAs IRI."""
    props = _present([("name", entity.label), ("aliases", list(entity.aliases) or None),
                      ("wikidata", entity.same_as[0] if entity.same_as else None)])
    return Node(entity.iri, entity.type, entity.label, props)


def _article(doc: Document) -> Node:
    """An article node, labelled by its headline (else its file name): its headline, date and URL when it has them,
    its file name, content hash and text always."""
    props = {**_present([("headline", doc.headline), ("published", doc.published), ("url", doc.url)]),
             "source": doc.source, "contentHash": doc.content_hash, "text": doc.text}
    return Node(doc.iri, "Article", _short(doc.headline or doc.source or doc.iri), props)


def property_graph(records: Records) -> PropertyGraph:
    """The property graph of a kg graph's records (see the module docstring for the mapping)."""
    nodes = [*map(_entity, records.entities.values()), *map(_article, records.documents.values())]
    known = {n.id for n in nodes}
    edges: list[Edge] = []
    kept: dict[str, Node] = {}
    classes = node_classes()
    for fact in records.facts:
        props = _evidence(fact)
        if fact.type == ROLE:
            props = {"title": fact.title, **props}
            affiliation = next((t.entity for t in fact.targets), None)
            if affiliation is not None:
                edges.append(Edge(fact.iri, ROLE_PREDICATE, fact.subject, affiliation, props))
                continue
            kept[fact.iri] = Node(fact.iri, "Role", fact.title or fact.iri, {"title": fact.title})
            edges.append(Edge(fact.iri, ROLE_PREDICATE, fact.subject, fact.iri, props))
            continue
        about = [t.entity for t in fact.targets if t.via == "about"]
        place = [t.entity for t in fact.targets if t.via == "place"]
        if len(about) == 1 and not place:
            edges.append(Edge(fact.iri, fact.type, fact.subject, about[0], props))
            continue
        kept[fact.iri] = Node(fact.iri, classes[fact.type], _short(fact.text), {"text": fact.text})
        edges.append(Edge(fact.iri, fact.type, fact.subject, fact.iri, props))
        edges += [_link(fact.iri, "about", a) for a in about] + [_link(fact.iri, "place", p) for p in place]
    edges += [_link(e.iri, "mentionedIn", d) for e in records.entities.values() for d in e.mentioned_in if d in known]
    if records.left_out:
        log.warning("left out %d fact(s) whose subject is not a kg entity", records.left_out)
    order = {k: i for i, k in enumerate(groups())}
    all_nodes = sorted([*nodes, *kept.values()], key=lambda n: (order[n.kind], n.id))
    edge_order = {k: i for i, k in enumerate(edge_kinds())}
    return PropertyGraph(tuple(all_nodes), tuple(sorted(edges, key=lambda e: (edge_order[e.kind], e.source,
                                                                              e.target, e.id))))


def _link(source: str, kind: str, target: str) -> Edge:
    """A plain link (about, place, mentionedIn): no evidence of its own, identified by its triple."""
    return Edge(f"{source} {kind} {target}", kind, source, target)
