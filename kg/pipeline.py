"""The stages wired together: read this first.

    paths -ingest-> Article -nlp-> Doc -mentions-> [Mention] -entities-> Resolver
          -relations-> Extraction (plain data) -link-> corpus entities -graph-> rdflib Graph -export-> files

`extract_article` is the per-article unit (spaCy lives only inside it); everything after it works on
frozen dataclasses, so it can be cached, sent to other processes and compared in tests.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph
from spacy.language import Language
from spacy.tokens import Doc

from kg.entities import Resolver, link
from kg.errors import InputError
from kg.export import Format
from kg.gazetteer import Gazetteer
from kg.gazetteer import load as load_gazetteer
from kg.graph import DEFAULT_BASE, Minter, article_triples, build_graph
from kg.ingest import Skipped, read_inputs
from kg.mentions import find_mentions
from kg.model import Article, Entity, Extraction
from kg.nlp import DEFAULT_MODEL, load_pipeline, parse
from kg.relations import extract

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildOptions:
    """Everything `kg build` can be told, with the defaults a user gets."""

    model: str = DEFAULT_MODEL
    base_iri: str = DEFAULT_BASE
    published: str | None = None
    min_confidence: float = 0.0


@dataclass
class BuildResult:
    """What a build produced, for the summary and the writers."""

    graph: Graph
    extractions: list[Extraction]
    entities: dict[str, Entity]
    skipped: list[Skipped] = field(default_factory=list)
    minter: Minter = field(default_factory=Minter)

    def summary(self) -> dict[str, object]:
        """Counts a user wants to see after a build."""
        entity_types = Counter(e.type for e in self.entities.values())
        relation_types = Counter(r.predicate for x in self.extractions for r in x.relations)
        return {
            "documents": len(self.extractions),
            "entities": dict(sorted(entity_types.items())),
            "relations": dict(sorted(relation_types.items())),
            "roles": sum(len(x.roles) for x in self.extractions),
            "triples": len(self.graph),
            "skipped": [f"{s.source}: {s.reason}" for s in self.skipped],
        }


def extract_doc(article: Article, doc: Doc, gazetteer: Gazetteer) -> Extraction:
    """One parsed article -> its entities, relations and roles (plain data; the Doc is not kept)."""
    resolver = Resolver(doc, find_mentions(doc, gazetteer), gazetteer)
    relations, roles = extract(article, doc, resolver, gazetteer)
    used = {r.subject for r in relations} | {k for r in relations for k in r.about} \
        | {r.place for r in relations if r.place} | {r.person for r in roles} \
        | {r.affiliation for r in roles if r.affiliation}
    entities = tuple(e for e in resolver.entities() if e.mentions or e.key in used)
    return Extraction(article, entities, relations, roles)


def extract_articles(articles: Iterable[Article], nlp: Language, gazetteer: Gazetteer) -> Iterator[Extraction]:
    """Parse articles in batches and extract each one."""
    for article, doc in parse(nlp, articles):
        yield extract_doc(article, doc, gazetteer)


def read_articles(paths: Iterable[str], *, published: str | None = None) -> tuple[list[Article], list[Skipped]]:
    """Every readable article under `paths` (duplicates by content dropped) and what was skipped, and why."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for item in read_inputs(paths, published=published):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.content_hash in articles:
            log.warning("skipped %s: same text as %s", item.source, articles[item.content_hash].source)
        else:
            articles[item.content_hash] = item
    if not articles:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no input given"
        raise InputError(f"nothing to build: {reasons}")
    for s in skipped:
        log.warning("skipped %s: %s", s.source, s.reason)
    return list(articles.values()), skipped


def filter_confidence(x: Extraction, threshold: float) -> Extraction:
    """Drop relations (not roles or entities) whose confidence is below `threshold`."""
    if threshold <= 0:
        return x
    return replace(x, relations=tuple(r for r in x.relations if r.evidence.confidence >= threshold))


def build(paths: Iterable[str], options: BuildOptions = BuildOptions(), *,
          progress: Callable[[int], None] | None = None,
          on_start: Callable[[int], None] | None = None) -> BuildResult:
    """Read, extract and link a set of articles into one graph (nothing is written here)."""
    articles, skipped = read_articles(paths, published=options.published)
    if on_start:
        on_start(len(articles))
    gazetteer = load_gazetteer()
    nlp = load_pipeline(options.model, gazetteer=gazetteer)
    extractions = []
    for x in extract_articles(articles, nlp, gazetteer):
        extractions.append(filter_confidence(x, options.min_confidence))
        if progress:
            progress(1)
    extractions.sort(key=lambda x: x.article.content_hash)
    entities = link(extractions)
    minter = Minter(options.base_iri)
    graph = build_graph(extractions, entities, minter=minter)
    return BuildResult(graph, extractions, entities, skipped, minter)


def write_outputs(result: BuildResult, out_dir: Path, formats: Sequence[Format] = ()) -> list[Path]:
    """Write the SPARQL store (one named graph per article, and their union), the graph (Turtle), its
    interactive page (graph.html) and each export format into `out_dir`; each output appears whole or not at
    all. The store goes first, so a store that cannot be replaced stops the build before graph.ttl changes.

    N-Quads and TriG get each article's own triples as its named graph (exact, from the extractions)."""
    from kg.export import NAMED_GRAPH_FORMATS, export, html, turtle
    from kg.export.rdf import make_dataset
    from kg.store import STORE_DIR, article_quads, write_store

    m = result.minter
    store = write_store(article_quads(result.extractions, result.entities, minter=m), out_dir / STORE_DIR)
    dataset = None
    if NAMED_GRAPH_FORMATS & set(formats):
        dataset = make_dataset(result.graph, {m.document(x.article.doc_id): article_triples(x, result.entities, m)
                                              for x in result.extractions})
    return [store, turtle.write(result.graph, out_dir), html.write(result.graph, out_dir),
            *(export(result.graph, f, out_dir, dataset=dataset) for f in formats)]
