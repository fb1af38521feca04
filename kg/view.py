"""The graph as an analyst explores it: entities, and every relation folded into entity-to-entity facts.

`read_view` makes a view of a kg graph from the records kg.readback reads: each entity, and each
said/hosted/denies/proposes/role fact pointing to the other entities it names (`kg:about`, `kg:place`,
`schema:affiliation`) with its evidence. `select` narrows a view the way `kg viz` options ask (a focus entity,
types, a confidence floor, the most connected entities). Writers such as the HTML page draw a view; they never
query RDF themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from kg.errors import KGError
from kg.model import ENTITY_TYPES
from kg.readback import Document, Entity, EntityNotFound, Fact, Source, day, fact_types, find_entity, read


class ViewError(KGError):
    """A view cannot be made as asked: an unknown focus or type, a bad date."""


@dataclass(frozen=True)
class View:
    """Entities and facts (every fact's subject and targets are among the entities, and no fact points to its own
    subject), their documents, and notes on what a selection left out."""

    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    documents: dict[str, Document]
    notes: tuple[str, ...] = field(default=())

    def related(self) -> set[str]:
        """The entities that share a fact with another entity (the others stand alone in the graph)."""
        return {x for fact in self.facts if fact.targets for x in _ends(fact)}

    def degree(self) -> Counter[str]:
        """How many facts each entity takes part in (as subject or as a target; once per fact)."""
        counts: Counter[str] = Counter({iri: 0 for iri in self.entities})
        for fact in self.facts:
            for iri in {fact.subject, *(t.entity for t in fact.targets)}:
                counts[iri] += 1
        return counts


def read_view(source: Source) -> View:
    """The view of a kg graph (an rdflib Graph, or a build's triples): every entity, and every relation and role
    fact whose subject is one, pointing to the other entities it names (a fact about its own subject points
    nowhere); the documents those facts were read in."""
    records = read(source)
    facts = tuple(replace(f, targets=tuple(t for t in f.targets if t.entity != f.subject))
                  if any(t.entity == f.subject for t in f.targets) else f for f in records.facts)
    documents = {iri: records.documents[iri] for iri in sorted({f.document for f in facts if f.document})}
    return View(entities=records.entities, facts=facts, documents=documents)


def parse_day(value: str, option: str = "date") -> str:
    """`value` if it is a calendar day written YYYY-MM-DD, else a ViewError naming `option`."""
    parsed = day(value)
    if not parsed:
        raise ViewError(f"{option}: {value!r} is not a date (use YYYY-MM-DD, e.g. 2025-05-16)")
    return parsed


def parse_types(values: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """`--types` values (comma-separated, any case) -> (relation types, entity types); an unknown one is an error."""
    relations: set[str] = set()
    kinds: set[str] = set()
    entity_names = {t.lower(): t for t in ENTITY_TYPES}
    for value in values:
        for name in filter(None, (v.strip().lower() for v in value.split(","))):
            if name in fact_types():
                relations.add(name)
            elif name in entity_names:
                kinds.add(entity_names[name])
            else:
                known = ", ".join([*fact_types(), *ENTITY_TYPES])
                raise ViewError(f"--types: unknown type {name!r} (use any of: {known})")
    return frozenset(relations), frozenset(kinds)


def select(view: View, *, focus: str | None = None, relation_types: Collection[str] = (),
           entity_types: Collection[str] = (), min_confidence: float = 0.0, max_nodes: int = 0,
           since: str | None = None, until: str | None = None) -> View:
    """The part of `view` the options ask for; empty collections, 0 and None mean "no limit".

    Facts below `min_confidence`, of other relation types or dated outside `since`..`until` (days, YYYY-MM-DD,
    both included; an undated fact is outside any range) go; entities of other types go with their facts;
    `focus` keeps that entity and the entities it shares a fact with; `max_nodes` keeps the most connected."""
    notes: list[str] = []
    since = parse_day(since, "--since") if since else None
    until = parse_day(until, "--until") if until else None
    if since and until and since > until:
        raise ViewError(f"--since {since} is after --until {until}")
    entities = {k: e for k, e in view.entities.items() if not entity_types or e.type in entity_types}
    try:
        focus_iri = find_entity(view.entities, focus) if focus else None
    except EntityNotFound as e:
        raise ViewError(f"--focus: {e}") from None
    if focus_iri and focus_iri not in entities:
        raise ViewError(f"--focus: {view.entities[focus_iri].label!r} is a {view.entities[focus_iri].type}, "
                        f"which --types leaves out")
    facts = [f for f in view.facts if (not relation_types or f.type in relation_types)
             and (min_confidence <= 0 or (f.confidence is not None and f.confidence >= min_confidence))]
    if since or until:
        undated = sum(1 for f in facts if not f.date)
        facts = [f for f in facts if f.date and (not since or f.date >= since) and (not until or f.date <= until)]
        span = f"from {since} " if since else ""
        span += f"until {until}" if until else ""
        notes.append(f"facts dated {span.strip()}" + (f" ({undated} undated left out)" if undated else ""))
    facts = _within(facts, entities)
    if focus_iri:
        near = {focus_iri} | {x for f in facts if focus_iri in _ends(f) for x in _ends(f)}
        entities = {k: e for k, e in entities.items() if k in near}
        facts = _within(facts, entities)
        notes.append(f"the neighbourhood of {view.entities[focus_iri].label}")
    if max_nodes and len(entities) > max_nodes:
        degree = replace(view, entities=entities, facts=tuple(facts)).degree()
        ranked = sorted(entities, key=lambda k: (k != focus_iri, -degree[k], entities[k].label, k))
        shown = len(entities)
        entities = {k: entities[k] for k in sorted(ranked[:max_nodes])}
        facts = _within(facts, entities)
        notes.append(f"the {max_nodes} most connected of {shown} entities")
    used = {f.document for f in facts}
    documents = {k: d for k, d in view.documents.items() if k in used}
    return View(entities=entities, facts=tuple(facts), documents=documents, notes=tuple(notes))


def _ends(fact: Fact) -> set[str]:
    """The entities a fact joins: its subject and its targets."""
    return {fact.subject, *(t.entity for t in fact.targets)}


def _within(facts: Iterable[Fact], entities: dict[str, Entity]) -> list[Fact]:
    """Facts whose subject is kept, with their targets cut to the kept entities."""
    return [f if all(t.entity in entities for t in f.targets) else
            replace(f, targets=tuple(t for t in f.targets if t.entity in entities))
            for f in facts if f.subject in entities]
