"""`kg explain`: every relation of one entity with the evidence for it, so a user sees why each edge exists.

The entity is found by kg.readback.find_entity's rules (kg.queries.resolve_entity); one CONSTRUCT query fetches its
neighbourhood from the store (its own triples, each fact it is the subject of or named in, with the fact's subject
and article), and kg.readback reads that as it reads any kg graph. This module renders each edge with its sentence,
the span highlighted, the article, the rule and the confidence. The ready-made query `explain` gives the same edges
as a table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pyoxigraph as ox
from rich.console import Group
from rich.text import Text

from kg.queries import resolve_entity
from kg.readback import TARGETS, Fact, Records, predicate_of, read
from kg.results import prefixes, short
from kg.spec import KG
from kg.store import query, rdflib_triples
from kg.terminal import clean

FACTS = f"""{{
      ENTITY ?relation ?node .
      ?node kg:rule ?rule .
      BIND(ENTITY AS ?subject)
    }} UNION {{
      VALUES ?via {{ {" ".join(f"<{iri}>" for iri in TARGETS.values())} }}
      ?node ?via ENTITY .
      ?subject ?relation ?node .
      ?node kg:rule ?rule .
    }}"""
"""The fact nodes (nodes with evidence) the entity is the subject of or named in, with their subject."""
NEIGHBOURHOOD = f"""PREFIX kg: <https://kg.example/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
CONSTRUCT {{
  ENTITY ?p ?o .
  ?node ?q ?v .
  ?subject ?relation ?node ; a ?type ; rdfs:label ?name .
  ?document kg:sourceName ?source ; schema:headline ?headline ; schema:datePublished ?published .
}} WHERE {{
  {{
    ENTITY ?p ?o .
  }} UNION {{
    {FACTS}
    ?node ?q ?v .
  }} UNION {{
    {FACTS}
    OPTIONAL {{ ?subject a ?type }}
    OPTIONAL {{ ?subject rdfs:label ?name }}
    OPTIONAL {{
      ?node kg:document ?document .
      OPTIONAL {{ ?document kg:sourceName ?source }}
      OPTIONAL {{ ?document schema:headline ?headline }}
      OPTIONAL {{ ?document schema:datePublished ?published }}
    }}
  }}
}}"""
"""The entity's neighbourhood: its own triples; all the triples of each of its facts; each fact's subject, with its
types and name; each fact's article, with its file name, headline and date. ENTITY is the entity's IRI, written in
wherever it is used, and the rest hangs on the facts through OPTIONAL: Oxigraph then starts from the entity (a
variable bound outside a group, or a group of plain triple patterns after a UNION, made it read far more of a corpus
store: seconds instead of a tenth of one)."""


@dataclass(frozen=True)
class Edge:
    """One relation the entity takes part in, with where it was read."""

    subject: str
    relation: str
    via: str | None
    text: str
    sentence: str
    span_start: int
    span_end: int
    document: str
    article: str | None
    source: str
    start: int
    end: int
    rule: str
    confidence: float
    node: str


@dataclass(frozen=True)
class Explanation:
    """An entity, its names, and every edge it takes part in (as subject, or as what a fact is about)."""

    iri: str
    label: str
    types: tuple[str, ...]
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]
    edges: tuple[Edge, ...]

    def to_json(self) -> dict[str, object]:
        """Plain data for `kg explain --json`."""
        return asdict(self)


def explain(store: ox.Store, entity: str) -> Explanation:
    """Everything the graph says about `entity` (a name or an IRI) and the evidence for it."""
    iri = resolve_entity(store, entity)
    records = read(rdflib_triples(query(store, NEIGHBOURHOOD.replace("ENTITY", str(iri)))))
    names = prefixes()
    found = records.entities[iri.value]
    named = [(fact, via) for fact in records.facts
             for via in ([None] if fact.subject == iri.value else []) + [t.via for t in fact.targets
                                                                         if t.entity == iri.value]]
    named.sort(key=lambda f: (f[0].document, f[0].start or 0, str(predicate_of(f[0].type)),
                              str(TARGETS[f[1]]) if f[1] else "", f[0].iri))  # explain.rq's ORDER BY
    edges = (_edge(records, fact, via, names) for fact, via in named)
    return Explanation(iri.value, found.label, (short(ox.NamedNode(str(KG[found.type])), names),), found.aliases,
                       found.same_as, tuple(e for e in edges if e is not None))


def _edge(records: Records, fact: Fact, via: str | None, names: dict[str, str]) -> Edge | None:
    """The edge of `fact` for the entity, named in it `via` a target property (None: it is the subject); None when
    the fact lacks evidence an edge shows (offsets, confidence, its article's file name)."""
    document = records.documents.get(fact.document)
    if (fact.start is None or fact.end is None or fact.sentence_start is None or fact.confidence is None
            or document is None or not document.source):
        return None
    return Edge(subject=records.entities[fact.subject].label,
                relation=short(ox.NamedNode(str(predicate_of(fact.type))), names),
                via=short(ox.NamedNode(str(TARGETS[via])), names) if via else None, text=fact.text,
                sentence=fact.sentence, span_start=fact.start - fact.sentence_start,
                span_end=fact.end - fact.sentence_start, document=fact.document, article=document.headline or None,
                source=document.source, start=fact.start, end=fact.end, rule=fact.rule,
                confidence=fact.confidence, node=fact.iri)


def render(x: Explanation, *, styled: bool, wide: bool = True) -> Group:
    """The explanation for a terminal: styled spans when `styled`, otherwise the span between [[ and ]]; IRIs in
    full when `wide`, else as prefix:name (the terminal's lines wrap at word boundaries). Every string from the
    graph is cleaned (control characters made visible) and printed as Text, never as rich markup."""
    names = prefixes()

    def iri(value: str) -> str:
        return clean(value if wide else short(ox.NamedNode(value), names))

    head = Text(clean(x.label), style="bold")
    head.append(f"  <{iri(x.iri)}>  {clean(', '.join(x.types))}", style="dim")
    lines: list[Text] = [head]
    if x.aliases:
        lines.append(Text(clean(f"also: {'; '.join(x.aliases)}")))
    if x.same_as:
        lines.append(Text(f"same as: {' '.join(iri(s) for s in x.same_as)}"))
    lines.append(Text(f"{len(x.edges)} relation{'s' if len(x.edges) != 1 else ''}"))
    for edge in x.edges:
        lines.append(Text(""))
        role = f" (names {x.label} as {edge.via.split(':')[-1]})" if edge.via else ""
        lines.append(Text(clean(f"{edge.subject} {edge.relation.split(':')[-1]}: {edge.text}{role}"), style="bold"))
        lines.append(_sentence(edge, styled=styled))
        where = f"{edge.article} ({edge.source})" if edge.article else edge.source
        lines.append(Text(f"  article: {clean(where)}  <{iri(edge.document)}>  characters {edge.start}-{edge.end}",
                          style="dim"))
        lines.append(Text(f"  rule: {clean(edge.rule)}  confidence: {edge.confidence:g}  node: <{iri(edge.node)}>",
                          style="dim"))
    return Group(*lines)


def _sentence(edge: Edge, *, styled: bool) -> Text:
    """The sentence the edge was read in, its span highlighted (the parts are cleaned one by one, so the offsets
    still cut the sentence where the span is)."""
    before, span, after = (edge.sentence[:edge.span_start], edge.sentence[edge.span_start:edge.span_end],
                           edge.sentence[edge.span_end:])
    out = Text("  ")
    out.append(clean(before))
    if styled:
        out.append(clean(span), style="bold black on yellow")
    else:
        out.append(f"[[{clean(span)}]]")
    out.append(clean(after))
    return out
