"""Extractions -> RDF. The only place IRIs are minted: from content (slugs and hashes), never at random.

Each article's triples form one named graph (its document IRI), so an article can be replaced or removed
exactly; `graph.ttl` is their union. The vocabulary is documented in ontology/kg.ttl.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kg.model import Entity, Extraction, Relation, Role
from kg.spec import KG, SCHEMA, relation_types, terms

WD = Namespace("http://www.wikidata.org/entity/")
DEFAULT_BASE = "https://kg.example/id/"
PREFIXES = {"kg": KG, "schema": SCHEMA, "skos": SKOS, "rdfs": RDFS, "xsd": XSD, "wd": WD}

Triple = tuple[Node, Node, Node]


class _Terms:
    """A namespace whose terms are made once and then kept as attributes. rdflib's namespaces build a new URIRef
    (through Python-level checks) on every access, and article_triples asks for several per triple. With `closed`,
    only those names exist: a kg term the vocabulary does not declare is an error, never a triple."""

    def __init__(self, namespace: Namespace | type, closed: Callable[[], frozenset[str]] | None = None) -> None:
        self._namespace = namespace
        self._closed = closed

    def __getattr__(self, name: str) -> URIRef:
        if self._closed is not None and name not in self._closed():
            raise AttributeError(f"kg:{name} is not in the vocabulary (ontology/kg.ttl)")
        term = URIRef(self._namespace[name])
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)


_KG = _Terms(KG, terms)
_SCHEMA, _RDF, _RDFS, _SKOS, _XSD = map(_Terms, (SCHEMA, RDF, RDFS, SKOS, XSD))


def slug(text: str, *, limit: int = 80) -> str:
    """A readable IRI segment: ASCII letters, digits and hyphens; a hash where nothing readable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    if not out:
        return digest
    return out if len(out) <= limit else f"{out[:limit].rstrip('-')}-{digest}"


class Minter:
    """IRIs for documents, entities, relation nodes and roles under one base IRI."""

    def __init__(self, base: str = DEFAULT_BASE, entities: Iterable[Entity] = ()) -> None:
        """`entities` (the corpus) are minted first, gazetteer entries before names and each in key order, so
        which of two entities whose names give one slug keeps it plain depends on the corpus, not on order."""
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", base):
            raise ValueError(f"not a valid base IRI: {base!r}")
        self.base = base if base.endswith(("/", "#", ":")) else base + "/"
        self._entities: dict[tuple[str, str], URIRef] = {}
        self._taken: set[URIRef] = set()
        for entity in sorted(entities, key=lambda e: (not e.key.startswith("gz:"), e.type, e.key)):
            self.entity(entity)

    def prefixes(self) -> dict[str, str]:
        """Prefixes for the graph's own resources, so Turtle reads "person:john-kirby"."""
        paths = ["doc", "person", "organization", "place", "role", *(r.path for r in relation_types().values())]
        return {p: f"{self.base}{p}/" for p in paths}

    def document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}doc/{doc_id}")

    def entity(self, entity: Entity) -> URIRef:
        """The entity's IRI, kept for the next article that mentions it (a slug takes a regex and a hash)."""
        iri = self._entities.get((entity.type, entity.key))
        if iri is None:
            name = entity.key.split(":", 1)[1]
            iri = URIRef(f"{self.base}{entity.type.lower()}/{slug(name)}")
            if iri in self._taken:  # another entity's name gives the same slug ("NATO" and "NATO æ"): keep them apart
                iri = URIRef(f"{iri}-{_digest(entity.key)[:8]}")
            self._taken.add(iri)
            self._entities[(entity.type, entity.key)] = iri
        return iri

    def relation(self, doc_id: str, rel: Relation) -> URIRef:
        digest = _digest(doc_id, rel.predicate, rel.subject, rel.object.start, rel.object.end)
        return URIRef(f"{self.base}{relation_types()[rel.predicate].path}/{digest}")

    def role(self, doc_id: str, role: Role) -> URIRef:
        return URIRef(f"{self.base}role/{_digest(doc_id, role.person, role.title.lower(), role.span.start)}")


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=2**12)
def _date_literal(value: str) -> Literal:
    """A date as xsd:date, xsd:gYearMonth or xsd:gYear by its length; anything else as a plain string (which RDF 1.1
    makes the same literal as xsd:string, so every reader sees one term)."""
    datatype = {10: _XSD.date, 7: _XSD.gYearMonth, 4: _XSD.gYear}.get(len(value))
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=2**16)
def _int(value: int) -> Literal:
    """An xsd:integer literal; offsets recur from article to article, so each is made once."""
    return Literal(value, datatype=_XSD.integer)


@lru_cache(maxsize=2**10, typed=True)
def _decimal(value: float) -> Literal:
    """A confidence as an xsd:decimal literal (a rule gives a handful of values, so each is made once)."""
    return Literal(Decimal(str(value)), datatype=_XSD.decimal)


def article_triples(x: Extraction, corpus: dict[str, Entity], minter: Minter) -> Iterator[Triple]:
    """All triples read from one article: its document node, its entities, relations and roles."""
    article = x.article
    doc = minter.document(article.doc_id)
    yield doc, _RDF.type, _SCHEMA.NewsArticle
    yield doc, _KG.contentHash, Literal("sha256:" + article.content_hash)
    yield doc, _KG.sourceName, Literal(article.source)
    yield doc, _SCHEMA.text, Literal(article.text)
    if article.title:
        yield doc, _SCHEMA.headline, Literal(article.title)
    if article.published:
        yield doc, _SCHEMA.datePublished, _date_literal(article.published)
    if article.url:
        yield doc, _SCHEMA.url, Literal(article.url, datatype=_XSD.anyURI)
    iri = {e.key: minter.entity(corpus.get(e.key, e)) for e in x.entities}
    types = relation_types()
    for local in x.entities:
        entity = corpus.get(local.key, local)
        node = iri[local.key]
        yield node, _RDF.type, _KG[entity.type]
        yield node, _RDFS.label, Literal(entity.label)
        for alias in local.aliases:
            if alias != entity.label:
                yield node, _SKOS.altLabel, Literal(alias)
        if entity.wikidata:
            yield node, _SCHEMA.sameAs, WD[entity.wikidata]
        yield node, _KG.mentionedIn, doc
    for rel in x.relations:
        node = minter.relation(article.doc_id, rel)
        yield iri[rel.subject], _KG[rel.predicate], node
        yield node, _RDF.type, _KG[types[rel.predicate].node_class]
        yield node, _KG.text, Literal(rel.object.text)
        yield node, _KG.start, _int(rel.object.start)
        yield node, _KG.end, _int(rel.object.end)
        if rel.cue:
            yield node, _KG.cue, Literal(rel.cue.text)
        for key in rel.about:
            yield node, _KG.about, iri[key]
        if rel.place:
            yield node, _KG.place, iri[rel.place]
        if rel.time:
            yield node, _KG.timeExpression, Literal(rel.time.expression)
            if rel.time.date:
                yield node, _KG.date, _date_literal(rel.time.date)
        yield from _evidence(node, doc, rel.evidence)
    for role in x.roles:
        node = minter.role(article.doc_id, role)
        yield iri[role.person], _KG.holdsRole, node
        yield node, _RDF.type, _KG.Role
        yield node, _SCHEMA.jobTitle, Literal(role.title)
        yield node, _KG.text, Literal(role.span.text)
        yield node, _KG.start, _int(role.span.start)
        yield node, _KG.end, _int(role.span.end)
        if role.affiliation:
            yield node, _SCHEMA.affiliation, iri[role.affiliation]
        yield from _evidence(node, doc, role.evidence)


def named_graphs(extractions: Iterable[Extraction], corpus: dict[str, Entity],
                 minter: Minter) -> tuple[list[tuple[URIRef, tuple[Triple, ...]]], dict[Triple, Triple]]:
    """Each article's document IRI with its triples, and their union, from one pass of `article_triples`.

    The union maps each distinct triple to itself, and the articles' tuples hold those very triples, so a triple
    several articles share is kept once: every output of a build reuses these instead of making them again."""
    union: dict[Triple, Triple] = {}
    graphs = [(minter.document(x.article.doc_id),
               tuple(union.setdefault(t, t) for t in article_triples(x, corpus, minter))) for x in extractions]
    return graphs, union


def _evidence(node: URIRef, doc: URIRef, evidence) -> Iterator[Triple]:
    yield node, _KG.document, doc
    yield node, _KG.sentence, Literal(evidence.sentence.text)
    yield node, _KG.sentenceStart, _int(evidence.sentence.start)
    yield node, _KG.sentenceEnd, _int(evidence.sentence.end)
    yield node, _KG.rule, Literal(evidence.rule)
    yield node, _KG.confidence, _decimal(evidence.confidence)


def prefixes(minter: Minter) -> dict[str, str]:
    """The vocabulary's and the minter's prefixes, as every output declares them."""
    return {prefix: str(ns) for prefix, ns in {**PREFIXES, **minter.prefixes()}.items()}


def new_graph(minter: Minter) -> Graph:
    """An empty graph with the vocabulary's and the minter's prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in prefixes(minter).items():
        g.bind(prefix, ns)
    return g


def build_graph(extractions: Iterable[Extraction], corpus: dict[str, Entity], *, minter: Minter) -> Graph:
    """The union of every article's triples."""
    g = new_graph(minter)
    for x in extractions:
        for triple in article_triples(x, corpus, minter):
            g.add(triple)
    return g


def build_dataset(extractions: Iterable[Extraction], corpus: dict[str, Entity], *, minter: Minter) -> Dataset:
    """One named graph per article, named by its document IRI."""
    ds = Dataset()
    for prefix, ns in prefixes(minter).items():
        ds.bind(prefix, ns, replace=True)
    for x in extractions:
        g = ds.graph(minter.document(x.article.doc_id))
        for triple in article_triples(x, corpus, minter):
            g.add(triple)
    return ds
