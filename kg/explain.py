"""`kg explain`: every relation of one entity with the evidence for it, so a user sees why each edge exists.

The rows come from the ready-made query `explain.rq`; this module adds the entity's names and renders each edge
with its sentence, the span highlighted, the article, the rule and the confidence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pyoxigraph as ox
from rich.console import Group
from rich.text import Text

from kg.queries import ready_made, resolve_entity
from kg.results import prefixes, short
from kg.store import query
from kg.terminal import clean

ABOUT = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT ?entity ?label ?type ?alias ?sameAs WHERE {
  ?entity a ?type .
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity skos:altLabel ?alias }
  OPTIONAL { ?entity schema:sameAs ?sameAs }
}"""


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
    names = prefixes()
    label, types, aliases, same_as = iri.value, set(), set(), set()
    for row in query(store, ABOUT, {"entity": iri}):
        label = row["label"].value if row["label"] else label
        types.add(short(row["type"], names))
        if row["alias"]:
            aliases.add(row["alias"].value)
        if row["sameAs"]:
            same_as.add(row["sameAs"].value)
    edges = tuple(
        Edge(subject=row["subject"].value, relation=short(row["relation"], names),
             via=short(row["via"], names) if row["via"] else None, text=row["text"].value,
             sentence=row["sentence"].value, span_start=int(row["spanStart"].value),
             span_end=int(row["spanEnd"].value), document=row["document"].value,
             article=row["article"].value if row["article"] else None, source=row["source"].value,
             start=int(row["start"].value), end=int(row["end"].value), rule=row["rule"].value,
             confidence=float(row["confidence"].value), node=row["node"].value)
        for row in query(store, ready_made("explain").text, {"entity": iri}))
    return Explanation(iri.value, label, tuple(sorted(types)), tuple(sorted(aliases - {label})),
                       tuple(sorted(same_as)), edges)


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
