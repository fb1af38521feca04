"""The graph as an analyst explores it: entities, and every relation folded into entity-to-entity facts.

`read_view` turns a graph kg built (RDF) into plain records: each entity with its type, names and roles, and
each said/hosted/denies/proposes/role fact with the entities it points to (`kg:about`, `kg:place`,
`schema:affiliation`) and its evidence. `select` narrows a view the way `kg viz` options ask (a focus entity,
types, a confidence floor, the most connected entities). Writers such as the HTML page draw a view; they never
query RDF themselves.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError
from kg.spec import KG, SCHEMA, relation_types
from kg.model import ENTITY_TYPES

ROLE = "role"


def fact_types() -> tuple[str, ...]:
    """Every fact type a view holds: the vocabulary's relation types, then roles."""
    return (*relation_types(), ROLE)


class ViewError(KGError):
    """A view cannot be made as asked: no entities in the graph, an unknown focus or type."""


@dataclass(frozen=True)
class Document:
    """The article a fact was read in, as far as the graph describes it."""

    iri: str
    headline: str = ""
    published: str = ""
    url: str = ""
    source: str = ""


@dataclass(frozen=True)
class Target:
    """An entity a fact points to, and through which property: "about", "place" or "affiliation"."""

    entity: str
    via: str


@dataclass(frozen=True)
class Fact:
    """One relation or role node of the graph, folded: who, what kind, the text, whom it points to, evidence."""

    iri: str
    type: str
    subject: str
    text: str
    targets: tuple[Target, ...] = ()
    cue: str = ""
    time: str = ""
    sentence: str = ""
    document: str = ""
    rule: str = ""
    confidence: float | None = None
    date: str = ""
    """The day (YYYY-MM-DD) the fact is placed on a timeline: its statement's date where kg resolved one to a
    day, else its article's publication date; "" when neither is known."""


@dataclass(frozen=True)
class ViewEntity:
    """A person, organisation or place: canonical name, other names, Wikidata id and what kg read about it."""

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str = ""


@dataclass(frozen=True)
class View:
    """Entities and facts (every fact's subject and targets are among the entities), their documents, and notes
    on what a selection left out."""

    entities: dict[str, ViewEntity]
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


class TripleIndex:
    """The lookups `read_view` makes, over a plain set of triples: what `kg build` hands its page instead of an
    rdflib Graph, whose store takes seconds and much memory to fill with a corpus graph. Only the properties a
    view reads are indexed."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self._objects: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self._pairs: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        paired = _paired()
        for s, p, o in triples:
            if p in paired:
                self._pairs[p].append((s, o))
            elif p in _READ:
                self._objects[(s, p)].append(o)

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """Subjects with `predicate` `obj` (for rdf:type and the fact predicates only)."""
        return (s for s, o in self._pairs.get(predicate, ()) if o == obj)

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """(subject, object) pairs of `predicate` (for rdf:type and the fact predicates only)."""
        return iter(self._pairs.get(predicate, ()))

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """Objects of `subject` `predicate` (for the properties a view reads only)."""
        return iter(self._objects.get((subject, predicate), ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """One object of `subject` `predicate`, or None."""
        return next(self.objects(subject, predicate), None)


def _paired() -> frozenset[Node]:
    """Properties read_view walks from the property (subjects by type, fact nodes by predicate)."""
    return frozenset({RDF.type, KG.holdsRole, *(r.predicate for r in relation_types().values())})


_READ = frozenset({RDFS.label, SKOS.altLabel, SCHEMA.sameAs, KG.about, KG.place, KG.timeExpression, KG.date,
                   KG.text, KG.cue, KG.sentence, KG.document, KG.rule, KG.confidence, SCHEMA.affiliation,
                   SCHEMA.jobTitle, SCHEMA.headline, SCHEMA.datePublished, SCHEMA.url, KG.sourceName})
"""Properties read_view looks up on a node."""

GraphLike = Graph | TripleIndex
"""What a view is read from: an rdflib Graph (a file) or the index of a build's triples."""


def _text(graph: GraphLike, node: Node, prop: URIRef) -> str:
    """The smallest literal value of `prop` on `node` (deterministic when there are several), or ""."""
    values = sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, Literal))
    return values[0] if values else ""


def _confidence(graph: GraphLike, node: Node) -> float | None:
    """kg:confidence as a float, or None when absent or not a number."""
    raw = _text(graph, node, KG.confidence)
    try:
        return float(Decimal(raw)) if raw else None
    except InvalidOperation:
        return None


def _document(graph: GraphLike, iri: Node) -> Document:
    """The headline, date, URL and source file of a schema:NewsArticle node."""
    return Document(iri=str(iri), headline=_text(graph, iri, SCHEMA.headline),
                    published=_text(graph, iri, SCHEMA.datePublished), url=_text(graph, iri, SCHEMA.url),
                    source=_text(graph, iri, KG.sourceName))


def _entity(graph: GraphLike, iri: URIRef, type_: str) -> ViewEntity:
    """One entity node: its rdfs:label (or the IRI's last segment), altLabels and Wikidata id."""
    label = _text(graph, iri, RDFS.label) or str(iri).rstrip("/").rsplit("/", 1)[-1]
    aliases = tuple(sorted({str(a) for a in graph.objects(iri, SKOS.altLabel)} - {label}))
    wikidata = next((o.rsplit("/", 1)[-1] for o in sorted(map(str, graph.objects(iri, SCHEMA.sameAs)))
                     if "wikidata.org" in o), "")
    return ViewEntity(iri=str(iri), type=type_, label=label, aliases=aliases, wikidata=wikidata)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str, option: str = "date") -> str:
    """`value` if it is a calendar day written YYYY-MM-DD, else a ViewError naming `option`."""
    if _DAY.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ViewError(f"{option}: {value!r} is not a date (use YYYY-MM-DD, e.g. 2025-05-16)")


def _day(value: str) -> str:
    """`value` if it is a calendar day (YYYY-MM-DD), else "" (a year, a month, anything unreadable)."""
    try:
        return parse_day(value)
    except ViewError:
        return ""


def _fact(graph: GraphLike, node: Node, type_: str, subject: Node, text: str, targets: Iterable[Target],
          entities: dict[str, ViewEntity], published: dict[str, str], *, cue: str = "", time: str = "",
          day: str = "") -> Fact:
    """A fact with the provenance every relation and role node carries (sentence, document, rule, confidence),
    dated `day` or else by its document's publication day (`published` remembers those already read)."""
    document = str(graph.value(node, KG.document) or "")
    if not day and document:
        if document not in published:
            published[document] = _day(_text(graph, URIRef(document), SCHEMA.datePublished))
        day = published[document]
    return Fact(iri=str(node), type=type_, subject=str(subject), text=text,
                targets=_known(targets, entities, str(subject)), cue=cue, time=time,
                sentence=_text(graph, node, KG.sentence), document=document,
                rule=_text(graph, node, KG.rule), confidence=_confidence(graph, node), date=day)


def read_view(graph: GraphLike) -> View:
    """Every kg entity of `graph` and every relation and role fact whose subject is one of them (none when kg
    found no entity in the graph's articles; a graph with neither entities nor articles is not kg's)."""
    entities: dict[str, ViewEntity] = {}
    for type_ in ENTITY_TYPES:
        for iri in graph.subjects(RDF.type, KG[type_]):
            if isinstance(iri, URIRef) and str(iri) not in entities:
                entities[str(iri)] = _entity(graph, iri, type_)
    if not entities and next(iter(graph.subjects(RDF.type, SCHEMA.NewsArticle)), None) is None:
        raise ViewError("the graph holds no kg:Person, kg:Organization or kg:Place: is it a graph kg built?")
    facts: list[Fact] = []
    published: dict[str, str] = {}
    for predicate in relation_types():
        for subject, node in graph.subject_objects(KG[predicate]):
            if str(subject) not in entities:
                continue
            targets = [Target(str(o), "about") for o in graph.objects(node, KG.about)]
            targets += [Target(str(o), "place") for o in graph.objects(node, KG.place)]
            time = _text(graph, node, KG.timeExpression)
            resolved = _text(graph, node, KG.date)
            facts.append(_fact(graph, node, predicate, subject, _text(graph, node, KG.text), targets, entities,
                               published, cue=_text(graph, node, KG.cue),
                               time=f"{time} ({resolved})" if time and resolved else time or resolved,
                               day=_day(resolved)))
    for person, node in graph.subject_objects(KG.holdsRole):
        if str(person) not in entities:
            continue
        targets = [Target(str(o), "affiliation") for o in graph.objects(node, SCHEMA.affiliation)]
        title = _text(graph, node, SCHEMA.jobTitle) or _text(graph, node, KG.text)
        facts.append(_fact(graph, node, ROLE, person, title, targets, entities, published))
    order = fact_types()
    facts.sort(key=lambda f: (f.subject, order.index(f.type), f.document, f.iri))
    documents = {iri: _document(graph, URIRef(iri)) for iri in {f.document for f in facts if f.document}}
    return View(entities=entities, facts=tuple(facts), documents=dict(sorted(documents.items())))


def _known(targets: Iterable[Target], entities: dict[str, ViewEntity], subject: str) -> tuple[Target, ...]:
    """Targets that are entities of the view, other than the subject itself, sorted and without repeats."""
    return tuple(sorted({t for t in targets if t.entity in entities and t.entity != subject},
                        key=lambda t: (t.entity, t.via)))


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


def _names(entity: ViewEntity) -> tuple[set[str], ...]:
    """What a user may call an entity, most specific first: IRI, "type:slug" or slug, label, other names, and
    any run of whole words of its label ("Peskov" for "Dmitry Peskov")."""
    kind, slug = entity.iri.rsplit("/", 2)[-2:]
    words = entity.label.split()
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return ({entity.iri}, {f"{kind}:{slug}", slug}, {entity.label}, set(entity.aliases), runs)


def find_entity(view: View, name: str) -> str:
    """The IRI of the entity called `name` (any case); an ambiguous or unknown name is an error with hints."""
    wanted = name.strip().casefold()
    tiers = {iri: _names(e) for iri, e in view.entities.items()}
    for tier in range(5):
        found = sorted(iri for iri, names in tiers.items() if wanted in {n.casefold() for n in names[tier]})
        if len(found) == 1:
            return found[0]
        if found:
            choices = "; ".join(f"{view.entities[iri].label} ({iri})" for iri in found[:10])
            raise ViewError(f"--focus: {name!r} names {len(found)} entities; give one of: {choices}")
    labels = sorted({e.label for e in view.entities.values()})
    close = difflib.get_close_matches(name, labels, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    raise ViewError(f"--focus: no entity called {name!r} in the graph{hint}")


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
    focus_iri = find_entity(view, focus) if focus else None
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


def _within(facts: Iterable[Fact], entities: dict[str, ViewEntity]) -> list[Fact]:
    """Facts whose subject is kept, with their targets cut to the kept entities."""
    return [replace(f, targets=tuple(t for t in f.targets if t.entity in entities))
            for f in facts if f.subject in entities]
