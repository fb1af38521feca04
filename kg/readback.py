"""Reading a kg graph back: its entities, facts and articles as plain frozen records, and finding an entity by name.

This is the one reader of kg's RDF model. The page (kg.view), the property-graph exports (Neo4j, Gephi, GraphML,
spreadsheets: kg.export.propgraph), `kg explain` and `kg eval` all read through `read`, whatever the triples come
from: an rdflib Graph (a graph file), the triples a build holds, or a CONSTRUCT answer of the store (converted with
kg.store.to_rdflib). The records say what the graph says, without interpretation: a fact keeps every entity it
points to (its own subject included), its text and a role's job title apart, the time expression and its resolved
date apart; each consumer decides what to show.

`find_entity` is the one lookup of an entity by what a user types (`kg viz --focus`, `kg explain`, the `entity`
parameters of `kg query`); see its docstring for the rules.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphError, KGError
from kg.gazetteer import fold
from kg.model import ENTITY_TYPES
from kg.spec import KG, ROLE_PREDICATE, SCHEMA, relation_types

ROLE = "role"
"""The fact type of a role (`kg:holdsRole`); every other fact type is a relation type of the vocabulary."""

Triple = tuple[Node, Node, Node]
Source = Iterable[Triple]
"""What a graph is read from: an rdflib Graph, or any other iterable of its (rdflib) triples."""

TARGETS = {"about": KG.about, "place": KG.place, "affiliation": SCHEMA.affiliation}
"""How a fact points to an entity ("via") and the property that says so."""


def fact_types() -> tuple[str, ...]:
    """Every fact type, in the order facts are listed: the vocabulary's relation types, then roles."""
    return (*relation_types(), ROLE)


def predicate_of(fact_type: str) -> URIRef:
    """The property from a fact's subject to its node: kg:said ..., kg:holdsRole for a role."""
    return KG[ROLE_PREDICATE] if fact_type == ROLE else relation_types()[fact_type].predicate


@dataclass(frozen=True)
class Document:
    """An article the graph describes (a schema:NewsArticle, or a node a fact names as its kg:document); "" for
    what the graph does not say."""

    iri: str
    headline: str = ""
    published: str = ""
    url: str = ""
    source: str = ""
    content_hash: str = ""
    text: str = ""


@dataclass(frozen=True)
class Target:
    """An entity a fact points to, and how: "about", "place" or "affiliation" (see TARGETS)."""

    entity: str
    via: str


@dataclass(frozen=True)
class Fact:
    """One relation node or role node of the graph with its subject, the entities it points to and its evidence.

    Offsets and the confidence are None, and text values "", where the graph gives none."""

    iri: str
    type: str
    """A relation type ("said", ...) or ROLE."""
    subject: str
    text: str
    """kg:text: the quote, event, claim or proposal as written; for a role, the words that name it."""
    targets: tuple[Target, ...] = ()
    """Every entity of the graph the fact points to (the subject too, when a fact is about its own subject), sorted."""
    title: str = ""
    """A role's job title (schema:jobTitle)."""
    cue: str = ""
    time_expression: str = ""
    resolved_date: str = ""
    """kg:date as written: the day, month or year kg resolved the time expression to."""
    sentence: str = ""
    sentence_start: int | None = None
    sentence_end: int | None = None
    start: int | None = None
    end: int | None = None
    document: str = ""
    rule: str = ""
    confidence: float | None = None
    date: str = ""
    """The day (YYYY-MM-DD) the fact is placed on a timeline: its resolved date where that is a day, else its
    article's publication day; "" when neither is known."""

    @property
    def says(self) -> str:
        """What the fact says in a phrase: its text, or for a role the job title."""
        return (self.title or self.text) if self.type == ROLE else self.text

    @property
    def time(self) -> str:
        """The time expression with its resolved date: "on Tuesday (2022-03-29)"; either alone when only one is
        known."""
        if self.time_expression and self.resolved_date:
            return f"{self.time_expression} ({self.resolved_date})"
        return self.time_expression or self.resolved_date


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place: its canonical name, other names and what it is the same as."""

    iri: str
    type: str
    """Person, Organization or Place (the first of these the node is typed with)."""
    label: str
    """Its rdfs:label, or the last segment of its IRI when it has none."""
    aliases: tuple[str, ...] = ()
    """Its other names (skos:altLabel), sorted, the label left out."""
    same_as: tuple[str, ...] = ()
    """The IRIs it is schema:sameAs (a Wikidata item), sorted."""
    mentioned_in: tuple[str, ...] = ()
    """The articles it is kg:mentionedIn, sorted."""

    @classmethod
    def of(cls, iri: str, type_: str, labels: Iterable[str], alt_labels: Iterable[str], same_as: Iterable[str] = (),
           mentioned_in: Iterable[str] = ()) -> Entity:
        """The record of an entity from the values of its properties, in any order and with repeats: the smallest
        label is its name (a graph kg wrote has one)."""
        label = min(labels, default="") or iri.rstrip("/").rsplit("/", 1)[-1]
        return cls(iri, type_, label, tuple(sorted(set(alt_labels) - {label})), tuple(sorted(set(same_as))),
                   tuple(sorted(set(mentioned_in))))

    @property
    def wikidata(self) -> str:
        """Its Wikidata id ("Q7747"), or ""."""
        return next((iri.rsplit("/", 1)[-1] for iri in self.same_as if "wikidata.org" in iri), "")

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the graph gives it: the label, then the other names."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Records:
    """Everything read back from a kg graph: entities and documents by IRI (sorted), and the facts whose subject is
    one of the entities, by subject, fact type, document and IRI."""

    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    documents: dict[str, Document]
    left_out: int = 0
    """Relation and role nodes not read because their subject is not an entity of the graph."""


class _P:
    """The IRIs `read` looks for, as plain strings: the index keys by strings, which compare in C (rdflib's terms
    compare in Python, and a Namespace makes a new term on every attribute access)."""

    type, label, alt_label = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
    same_as, mentioned_in, document = str(SCHEMA.sameAs), str(KG.mentionedIn), str(KG.document)
    text, title, cue, sentence, rule = str(KG.text), str(SCHEMA.jobTitle), str(KG.cue), str(KG.sentence), str(KG.rule)
    time_expression, date, confidence = str(KG.timeExpression), str(KG.date), str(KG.confidence)
    sentence_start, sentence_end, start, end = str(KG.sentenceStart), str(KG.sentenceEnd), str(KG.start), str(KG.end)
    headline, published, url = str(SCHEMA.headline), str(SCHEMA.datePublished), str(SCHEMA.url)
    source, content_hash, article_text = str(KG.sourceName), str(KG.contentHash), str(SCHEMA.text)
    article = str(SCHEMA.NewsArticle)
    targets = {via: str(iri) for via, iri in TARGETS.items()}


_READ = frozenset({_P.label, _P.alt_label, _P.same_as, _P.mentioned_in, *_P.targets.values(), _P.text, _P.title, _P.cue,
                   _P.time_expression, _P.date, _P.sentence, _P.sentence_start, _P.sentence_end, _P.start, _P.end,
                   _P.document, _P.rule, _P.confidence, _P.headline, _P.published, _P.url, _P.source,
                   _P.content_hash, _P.article_text})
"""Properties looked up on a node."""


class _Many(list["str | Node"]):
    """The objects of a property a node has several of (a node's one object is kept as it is)."""


Value = str | Node | _Many | None
"""What the index holds for a node's property: its object (a literal as its lexical form, a plain str; an IRI or
blank node as the rdflib term), _Many objects, or None."""


class _Index:
    """The lookups `read` makes, over one pass of the triples, whatever holds them (an rdflib Graph, a build's
    triples, a CONSTRUCT answer). Only what `read` asks is kept, keyed by the IRIs' strings (rdflib's terms compare
    in Python; the properties are `_P`'s own strings, which compare at once); a literal is kept as its lexical form
    and a property's one object without a list, so that reading a big graph allocates little and sets off no full
    garbage collection."""

    def __init__(self, triples: Source) -> None:
        paired = {_P.type, *(str(predicate_of(t)) for t in fact_types())}
        known = {prop: prop for prop in (*paired, *_READ)}
        self.pairs: dict[str, list[tuple[Node, Node]]] = {p: [] for p in paired}
        self.nodes: dict[str, dict[str, Value]] = {}
        pairs, nodes = self.pairs, self.nodes
        for s, p, o in triples:
            prop = known.get(str(p))
            if prop is None:
                continue
            if prop in pairs:
                pairs[prop].append((s, o))
                continue
            if isinstance(o, Literal):
                o = str(o)
            node = nodes.get(key := str(s))
            if node is None:
                nodes[key] = {prop: o}
                continue
            old = node.get(prop)
            if old is None:
                node[prop] = o
            elif type(old) is _Many:
                old.append(o)
            else:
                node[prop] = _Many((old, o))

    def node(self, iri: str) -> dict[str, Value]:
        """The properties read of the node `iri` (keyed by `_P`'s strings), with their objects."""
        return self.nodes.get(iri, _NONE)


_NONE: dict[str, Value] = {}


def _all(value: Value) -> list[str | Node] | tuple[str | Node, ...]:
    """Every object a held value stands for."""
    return () if value is None else value if type(value) is _Many else (value,)  # type: ignore[return-value]


def _literals(value: Value) -> list[str]:
    """The literal values among the objects."""
    return [v for v in _all(value) if type(v) is str]


def _text(value: Value) -> str:
    """The smallest literal value among the objects (one, deterministically, if there are several), or ""."""
    if type(value) is str:
        return value
    return min(_literals(value), default="") if type(value) is _Many else ""


def _iri(value: Value) -> str:
    """The smallest object that is not a literal, or ""."""
    return min((str(v) for v in _all(value) if type(v) is not str), default="")


def _number(value: Value, kind: type[int] | type[float], where: str) -> int | float | None:
    """The objects' value as an int or a float: None when there is none, GraphError (naming `where`) when it is not
    a number."""
    if value is None:
        return None
    raw = _text(value)
    try:
        return int(raw) if kind is int else float(Decimal(raw))
    except (ValueError, InvalidOperation):
        raise GraphError(f"{where}: expected {'an integer' if kind is int else 'a number'}, found {raw!r}") from None


def day(value: str) -> str:
    """`value` as a calendar day (YYYY-MM-DD) if it is one, else "" (a year, a month, anything unreadable)."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    return ""


def read(source: Source) -> Records:
    """Every entity (kg:Person, kg:Organization, kg:Place) of a kg graph, every relation and role fact whose subject
    is one of them, and the articles: the graph's own and those its facts name. A graph with neither entities nor
    articles is not kg's: GraphError."""
    was_collecting = gc.isenabled()
    gc.disable()  # reading makes no cycles, and a full collection would walk all of a big Graph (0.3 s) for nothing
    try:
        return _read(_Index(source))
    finally:
        if was_collecting:
            gc.enable()


def _read(index: _Index) -> Records:
    """The records of what `index` holds (see `read`)."""
    rank = {str(KG[t]): i for i, t in enumerate(ENTITY_TYPES)}
    types: dict[str, int] = {}
    articles: set[str] = set()
    for s, o in index.pairs[_P.type]:
        cls = str(o)
        if cls in rank and isinstance(s, URIRef):
            iri = str(s)
            types[iri] = min(rank[cls], types.get(iri, rank[cls]))  # the first of ENTITY_TYPES wins
        elif cls == _P.article:
            articles.add(str(s))
    if not types and not articles:
        raise GraphError("the graph holds no kg:Person, kg:Organization or kg:Place and no schema:NewsArticle, so no "
                         "kg entities or articles: is it a graph kg built?")
    entities = {iri: _entity(index, iri, ENTITY_TYPES[r]) for iri, r in sorted(types.items())}
    facts: list[Fact] = []
    left_out = 0
    published: dict[str, str] = {}
    for fact_type in fact_types():
        for subject, node in index.pairs[str(predicate_of(fact_type))]:
            if (iri := str(subject)) not in entities:
                left_out += 1
                continue
            facts.append(_fact(index, str(node), fact_type, iri, entities, published))
    order = {t: i for i, t in enumerate(fact_types())}
    facts.sort(key=lambda f: (f.subject, order[f.type], f.document, f.iri))
    documents = {d: _document(index, d) for d in sorted(articles | set(published))}
    return Records(entities, tuple(facts), documents, left_out)


def _entity(index: _Index, iri: str, type_: str) -> Entity:
    """The record of one entity node."""
    props = index.node(iri)
    return Entity.of(iri, type_, _literals(props.get(_P.label)), _literals(props.get(_P.alt_label)),
                     map(str, _all(props.get(_P.same_as))), map(str, _all(props.get(_P.mentioned_in))))


def _fact(index: _Index, node: str, fact_type: str, subject: str, entities: Mapping[str, Entity],
          published: dict[str, str]) -> Fact:
    """The record of one relation or role node; `published` remembers the publication day of each article read."""
    get = index.node(node).get
    vias = ("affiliation",) if fact_type == ROLE else ("about", "place")
    targets = {Target(iri, via) for via in vias for iri in map(str, _all(get(_P.targets[via]))) if iri in entities}
    document = _iri(get(_P.document))
    resolved = _text(get(_P.date))
    when = day(resolved)
    if document:
        if document not in published:
            published[document] = day(_text(index.node(document).get(_P.published)))
        when = when or published[document]
    return Fact(iri=node, type=fact_type, subject=subject, text=_text(get(_P.text)),
                targets=tuple(sorted(targets, key=lambda t: (t.entity, t.via))),
                title=_text(get(_P.title)) if fact_type == ROLE else "", cue=_text(get(_P.cue)),
                time_expression=_text(get(_P.time_expression)), resolved_date=resolved,
                sentence=_text(get(_P.sentence)),
                sentence_start=_number(get(_P.sentence_start), int, node),  # type: ignore[arg-type]
                sentence_end=_number(get(_P.sentence_end), int, node),  # type: ignore[arg-type]
                start=_number(get(_P.start), int, node),  # type: ignore[arg-type]
                end=_number(get(_P.end), int, node),  # type: ignore[arg-type]
                document=document, rule=_text(get(_P.rule)),
                confidence=_number(get(_P.confidence), float, node), date=when)


def _document(index: _Index, iri: str) -> Document:
    """The record of one article node."""
    props = index.node(iri)

    def text(prop: str) -> str:
        """The text of `prop`."""
        return _text(props.get(prop))

    return Document(iri=iri, headline=text(_P.headline), published=text(_P.published), url=text(_P.url),
                    source=text(_P.source), content_hash=text(_P.content_hash), text=text(_P.article_text))


# ---------------------------------------------------------------------------------------------- finding an entity

class EntityNotFound(KGError):
    """No entity, or more than one, answers to what the user typed; the message lists candidates or close names."""


MAX_LISTED = 10
"""Candidates an ambiguous name's error lists at most."""


def _key(name: str) -> str:
    """A name compared without case, accents, punctuation or a leading "the": "Erdoğan" and "erdogan" are one."""
    return " ".join(re.findall(r"\w+", fold(name).casefold()))


def _is_iri(value: str) -> bool:
    """Whether a value can only be meant as a whole IRI: in angle brackets, or with `://` or `urn:`."""
    return (value.startswith("<") and value.endswith(">")) or "://" in value or value.lower().startswith("urn:")


def _iri_end(entity: Entity) -> set[str]:
    """The end of an entity's IRI as a user may type it: "person:john-kirby" and "john-kirby"."""
    parts = entity.iri.rstrip("/").rsplit("/", 2)
    ends = {parts[-1].casefold()}
    return ends | {f"{parts[-2]}:{parts[-1]}".casefold()} if len(parts) > 1 else ends


def _name(entity: Entity) -> set[str]:
    """An entity's name, compared as `_key` compares names."""
    return {_key(entity.label)}


def _other_names(entity: Entity) -> set[str]:
    """An entity's other names."""
    return {_key(n) for n in entity.aliases}


def _words(entity: Entity) -> list[list[str]]:
    """The words of each of an entity's names."""
    return [_key(n).split() for n in entity.names]


def _surnames(entity: Entity) -> set[str]:
    """The last words of each of its names (all but the first word, or fewer): "kirby" for John Kirby."""
    return {" ".join(words[i:]) for words in _words(entity) for i in range(1, len(words))}


def _word_runs(entity: Entity) -> set[str]:
    """Every run of whole words of each of its names: "john", "kirby", "john kirby"."""
    return {" ".join(words[i:j]) for words in _words(entity) for i in range(len(words))
            for j in range(i + 1, len(words) + 1)}


TIERS: tuple[Callable[[Entity], set[str]], ...] = (_iri_end, _name, _other_names, _surnames, _word_runs)
"""What a user may call an entity, most specific first (see find_entity)."""


def find_entity(entities: Mapping[str, Entity], value: str) -> str:
    """The IRI of the one entity `value` names, by these rules, each tried only when the ones before it find none:

    1. its IRI, whole (`https://kg.example/id/person/john-kirby`, also in angle brackets), or its end
       (`person:john-kirby`, `john-kirby`); a value that can only be a whole IRI is not tried as a name;
    2. its name, 3. another of its names, 4. the last words of a name (a surname: `Kirby`), 5. any run of whole
       words of a name (`John`): names are compared without case, accents, punctuation or a leading "the".

    When a rule finds several entities, or none finds any, EntityNotFound says so in one line and lists the
    candidates, or the names closest to `value`."""
    text = value.strip()
    bare = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    if bare in entities:
        return bare
    if _is_iri(text):
        raise EntityNotFound(f"{value}: no such entity in the graph")
    wanted = _key(text)
    if not wanted:
        raise EntityNotFound(f"{value!r}: give an entity's name or IRI")
    for tier, names_of in enumerate(TIERS):
        key = bare.casefold() if tier == 0 else wanted
        found = sorted(iri for iri, e in entities.items() if key in names_of(e))
        if len(found) == 1:
            return found[0]
        if found:
            listed = "; ".join(f"{entities[iri].label} ({iri})" for iri in found[:MAX_LISTED])
            more = f"; and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
            raise EntityNotFound(f"{value!r} names {len(found)} entities; give one of: {listed}{more}")
    names = {_key(n): n for e in entities.values() for n in e.names}
    close = [names[k] for k in difflib.get_close_matches(wanted, sorted(names), n=3, cutoff=0.6)]
    hint = (f"did you mean {', '.join(repr(c) for c in close)}?" if close else
            "give a name, another name, a word of a name, or an IRI or its end such as person:jane-doe")
    raise EntityNotFound(f"no entity called {value!r} in the graph ({hint})")
