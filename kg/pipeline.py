"""The stages wired together: read this first.

    paths -ingest-> Article -nlp-> Doc -mentions-> [Mention] -entities-> EntityTable
          -relations-> Extraction (plain data) -link-> corpus entities -graph-> triples -export-> files

`extract_doc` is the per-article unit (spaCy lives only inside it); everything after it works on frozen
dataclasses, so it is cached (`kg.cache`), run in batches on worker processes or a Dask cluster
(`kg.executors`) and compared in tests. The graph is always made from the current articles' extractions.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path

from rdflib import Graph, URIRef
from spacy.language import Language
from spacy.tokens import Doc

from kg.entities.table import entity_table
from kg.errors import InputError
from kg.executors import (EXECUTORS, TIME_LIMIT, TimeLimitExceeded, available_cores, batches_of, run_dask,
                          run_processes, run_serial, start_fork_server, time_limit)
from kg.export import Format
from kg.gazetteer import Gazetteer
from kg.gazetteer import load as load_gazetteer
from kg.graph import DEFAULT_BASE, Minter, Triple, named_graphs, new_graph, prefixes
from kg.ingest import Skipped, read_inputs
from kg.linking import Linking, link
from kg.mentions import find_mentions
from kg.model import Article, Entity, Extraction
from kg.nlp import DEFAULT_MODEL, load_pipeline, model_version, parse
from kg.outdir import FILE, LINK, STORE, Output, check_target, writing
from kg.relations import extract

log = logging.getLogger(__name__)

BATCH_SIZE = 64
"""Articles per spaCy batch and per task sent to a worker."""

PRELOAD = ("kg.preload",)
"""What the fork server of local workers imports before forking them: the gazetteer and default model."""


@dataclass(frozen=True)
class BuildOptions:
    """Everything `kg build` can be told, with the defaults a user gets.

    `jobs` is the number of local worker processes (None: every core); `cache_dir` None turns the cache off;
    `executor` "dask" sends the batches to the Dask scheduler at `scheduler` instead; `time_limit` bounds the
    seconds spent extracting one article (None: no bound); `follow_symlinks` reads symbolic links in input folders
    that lead out of them."""

    model: str = DEFAULT_MODEL
    base_iri: str = DEFAULT_BASE
    published: str | None = None
    min_confidence: float = 0.0
    jobs: int | None = None
    batch_size: int = BATCH_SIZE
    cache_dir: Path | None = None
    executor: str = "local"
    scheduler: str | None = None
    time_limit: float | None = TIME_LIMIT
    follow_symlinks: bool = False
    skip: tuple[Path, ...] = ()
    """Folders never read as input (the build's output folder; kg's output folders are skipped anyway)."""


@dataclass
class BuildResult:
    """What a build produced, for the summary and the writers.

    `named_graphs` holds each article's triples and `triples` their union, both made in one pass on first use and
    shared by the store, Turtle and the page; `graph` builds an rdflib Graph from them, only for the export
    formats that want one."""

    extractions: list[Extraction]
    linking: Linking
    minter: Minter
    skipped: list[Skipped] = field(default_factory=list)
    parsed: int = 0

    @property
    def entities(self) -> dict[str, Entity]:
        """Corpus entity of every article-level entity key."""
        return self.linking.entities

    @property
    def prefixes(self) -> dict[str, str]:
        """Prefixes for the vocabulary and the graph's own resources."""
        return prefixes(self.minter)

    @cached_property
    def _triples(self) -> tuple[list[tuple[URIRef, tuple[Triple, ...]]], dict[Triple, Triple]]:
        """kg.graph.named_graphs of the build: the only place its triples are made."""
        return named_graphs(self.extractions, self.linking.entities, self.minter)

    @property
    def named_graphs(self) -> list[tuple[URIRef, tuple[Triple, ...]]]:
        """Each article's document IRI and its own triples, in the extractions' order."""
        return self._triples[0]

    @property
    def triples(self) -> AbstractSet[Triple]:
        """Every triple of the graph once."""
        return self._triples[1].keys()

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib Graph, for the writers that take one (made on first use, from `triples`)."""
        g = new_graph(self.minter)
        g.addN((s, p, o, g) for s, p, o in self.triples)
        return g

    def summary(self) -> dict[str, object]:
        """Counts a user wants to see after a build."""
        entity_types = Counter(e.type for e in self.linking.corpus_entities())
        relation_types = Counter(r.predicate for x in self.extractions for r in x.relations)
        return {
            "documents": len(self.extractions),
            "parsed": self.parsed,
            "cached": len(self.extractions) - self.parsed,
            "entities": dict(sorted(entity_types.items())),
            "relations": dict(sorted(relation_types.items())),
            "roles": sum(len(x.roles) for x in self.extractions),
            "merges": sum(1 for m in self.linking.merges if m.key != m.into),
            "triples": len(self.triples),
            "skipped": [f"{s.source}: {s.reason}" for s in self.skipped],
            "skipped_inputs": sum(s.count for s in self.skipped),
        }


def extract_doc(article: Article, doc: Doc, gazetteer: Gazetteer) -> Extraction:
    """One parsed article -> its entities, relations and roles (plain data; the Doc is not kept)."""
    return extract(article, entity_table(doc, find_mentions(doc, gazetteer), gazetteer))


_local = threading.local()


def pipeline_for(model: str) -> tuple[Language, Gazetteer]:
    """This thread's spaCy pipeline for `model`, loaded once (a worker keeps it for all its batches)."""
    loaded: dict[str, tuple[Language, Gazetteer]] | None = getattr(_local, "pipelines", None)
    if loaded is None:
        loaded = _local.pipelines = {}
    if model not in loaded:
        gazetteer = load_gazetteer()
        loaded[model] = (load_pipeline(model, gazetteer=gazetteer), gazetteer)
    return loaded[model]


PIPE_CHARS = 100_000
"""Characters spaCy parses at once: its memory grows with a batch's total length (3.6 GB for 21 parts of 50,000
characters in one batch, 0.4 GB one at a time), so long articles are parsed a few at a time."""


def char_groups(articles: Sequence[Article], budget: int) -> list[Sequence[Article]]:
    """`articles` in order, cut into runs of at most `budget` characters (an article longer than that alone)."""
    groups: list[Sequence[Article]] = []
    start, size = 0, 0
    for i, article in enumerate(articles):
        if i > start and size + len(article.text) > budget:
            groups.append(articles[start:i])
            start, size = i, 0
        size += len(article.text)
    if start < len(articles):
        groups.append(articles[start:])
    return groups


def extract_batch(articles: Sequence[Article], model: str,
                  limit: float | None = TIME_LIMIT) -> list[Extraction | Skipped]:
    """Parse and extract one batch of articles: the task a worker process or Dask worker runs.

    An article whose extraction fails, or takes more than `limit` seconds, comes back as `Skipped` with the
    reason, so one odd article does not stop a corpus build. The batch runs in a spaCy memory zone: the words it
    adds to the vocabulary are dropped afterwards, so a worker's memory does not grow with the corpus."""
    nlp, gazetteer = pipeline_for(model)
    out: list[Extraction | Skipped] = []
    with nlp.memory_zone():
        for article, doc in (pair for group in char_groups(articles, PIPE_CHARS)
                             for pair in parse(nlp, group, batch_size=len(group))):
            try:
                with time_limit(limit):
                    out.append(extract_doc(article, doc, gazetteer))
            except TimeLimitExceeded:
                out.append(Skipped(article.source, f"extraction took more than {limit:g} s (a text that makes a "
                                                   "rule run away); the rest of the build goes on"))
            except Exception as e:  # a rule's bug on one article: report it, keep the rest of the corpus
                log.debug("extraction failed on %s", article.source, exc_info=True)
                out.append(Skipped(article.source, f"extraction failed: {type(e).__name__}: {e}"))
    return out


REASONS_SHOWN = 3
"""Inputs named in the one-line error when none can be built; the others are counted."""


def read_articles(paths: Iterable[str], *, published: str | None = None, follow_symlinks: bool = False,
                  skip: Sequence[Path] = ()) -> tuple[list[Article], list[Skipped]]:
    """Every readable article under `paths` (duplicates by content dropped) and what was skipped, and why
    (see kg.ingest.read_inputs for `follow_symlinks` and `skip`)."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for item in read_inputs(paths, published=published, follow_symlinks=follow_symlinks, skip=skip):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.content_hash in articles:
            log.warning("skipped %s: same text as %s", item.source, articles[item.content_hash].source)
        else:
            articles[item.content_hash] = item
    if not articles:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:REASONS_SHOWN]) or "no input given"
        if len(skipped) > REASONS_SHOWN:
            reasons += f"; and {sum(s.count for s in skipped[REASONS_SHOWN:]):,} more inputs skipped"
        raise InputError(f"nothing to build: {reasons}")
    for s in skipped:
        log.warning("skipped %s: %s", s.source, s.reason)
    return list(articles.values()), skipped


def filter_confidence(x: Extraction, threshold: float) -> Extraction:
    """Drop relations (not roles or entities) whose confidence is below `threshold`."""
    if threshold <= 0:
        return x
    return replace(x, relations=tuple(r for r in x.relations if r.evidence.confidence >= threshold))


def _check_executor(options: BuildOptions) -> None:
    """InputError for an unknown executor, or a scheduler address without Dask or Dask without one."""
    if options.executor not in EXECUTORS:
        raise InputError(f"unknown executor {options.executor!r}; use one of: {', '.join(EXECUTORS)}")
    if options.executor == "dask" and not options.scheduler:
        raise InputError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if options.executor != "dask" and options.scheduler:
        raise InputError("--scheduler is for --executor dask")


def _run(options: BuildOptions, todo: list[Article]) -> Iterator[list[Extraction | Skipped]]:
    """The extractions of `todo`, batch by batch, from the executor the options name (in this process when
    there is only one batch or one job)."""
    from kg.cache import fingerprint

    task = partial(extract_batch, model=options.model, limit=options.time_limit)
    if options.executor == "dask":
        return run_dask(task, batches_of(todo, options.batch_size), scheduler=options.scheduler,
                        check=partial(fingerprint, options.model))
    workers = min(options.jobs or available_cores(), -(-len(todo) // options.batch_size))
    if workers <= 1:
        return run_serial(task, batches_of(todo, options.batch_size))
    return run_processes(task, batches_of(todo, options.batch_size, workers=workers), workers=workers,
                         preload=PRELOAD)


def extract_corpus(articles: list[Article], options: BuildOptions, *,
                   progress: Callable[[int], None] | None = None,
                   on_start: Callable[[int], None] | None = None) -> tuple[list[Extraction], list[Skipped], int]:
    """Every article's extraction, from the cache where it holds one, else parsed by the executor.

    `on_start` learns how many articles need parsing, `progress` how many more are done. Returns the
    extractions (in content-hash order), the articles that failed and how many were parsed."""
    from kg.cache import ExtractionCache, fingerprint

    advance = progress or (lambda n: None)
    _check_executor(options)
    model_version(options.model)  # a missing model fails here, with its install hint, before any work
    cache = ExtractionCache(options.cache_dir, fingerprint(options.model)) if options.cache_dir else None
    found: list[Extraction] = []
    failed: list[Skipped] = []
    todo: list[Article] = []
    try:
        for article in articles:
            hit = cache.get(article) if cache else None
            if hit is None:
                todo.append(article)
            else:
                found.append(hit)
        if on_start:
            on_start(len(todo))
        for results in _run(options, todo):
            for item in results:
                if isinstance(item, Skipped):
                    log.warning("skipped %s: %s", item.source, item.reason)
                    failed.append(item)
                    continue
                found.append(item)
                if cache:
                    cache.put(item)
            advance(len(results))
    finally:
        if cache:
            cache.close()
    found.sort(key=lambda x: x.article.content_hash)
    return found, failed, len(todo) - len(failed)


def build(paths: Iterable[str], options: BuildOptions = BuildOptions(), *,
          progress: Callable[[int], None] | None = None,
          on_start: Callable[[int], None] | None = None) -> BuildResult:
    """Read, extract and link a set of articles into one graph (nothing is written here).

    `on_start(n)` is called once it is known that n articles need parsing (the rest are cached), and
    `progress(k)` each time k more are done.

    With more than one job, worker processes are started by a fork server, so a script that calls this needs
    the usual `if __name__ == "__main__":` guard of multiprocessing."""
    if options.executor == "local" and (options.jobs or available_cores()) > 1:
        start_fork_server(PRELOAD)  # loads the model in the background while the articles are read
    articles, skipped = read_articles(paths, published=options.published, follow_symlinks=options.follow_symlinks,
                                      skip=options.skip)
    extractions, failed, parsed = extract_corpus(articles, options, progress=progress, on_start=on_start)
    if not extractions:
        raise InputError(f"nothing to build: every article failed ({failed[0].reason})")
    extractions = [filter_confidence(x, options.min_confidence) for x in extractions]
    corpus = link(extractions)
    return BuildResult(extractions, corpus, Minter(options.base_iri, corpus.entities.values()), skipped + failed, parsed)


def build_outputs(formats: Sequence[Format] = ()) -> list[Output]:
    """What a build writes into its output folder: the store (a symlink), graph.ttl, graph.html and the exports."""
    from kg.export import html, output_of, turtle

    return [Output(STORE, LINK), Output(turtle.FILE_NAME, FILE), Output(html.FILE_NAME, FILE),
            *(output_of(f) for f in formats)]


def check_output_folder(out_dir: Path, formats: Sequence[Format] = (), inputs: Iterable[str] = ()) -> None:
    """OutputError (one line) unless a build of `inputs` may write into `out_dir`; meant to run before the
    extraction, so a wrong --out costs nothing (kg.outdir.check_target says what is refused)."""
    check_target(out_dir, build_outputs(formats), inputs)


def write_outputs(result: BuildResult, out_dir: Path, formats: Sequence[Format] = (),
                  inputs: Iterable[str] = ()) -> list[Path]:
    """Write the SPARQL store (one named graph per article, and their union), the graph (Turtle), its
    interactive page (graph.html) and each export format into `out_dir`; each output appears whole or not at
    all. The store goes first, so a store that cannot be replaced stops the build before graph.ttl changes.

    The folder is checked again and locked first, and the outputs are recorded in its manifest before they are
    written (kg.outdir.writing): nothing kg did not write is replaced. N-Quads and TriG get each article's own
    triples as its named graph (exact, from the extractions)."""
    from kg.export import NAMED_GRAPH_FORMATS, PROPERTY_GRAPH_FORMATS, export, html, turtle
    from kg.export.rdf import make_dataset
    from kg.readback import read
    from kg.store import graph_quads, write_store

    with writing(out_dir, build_outputs(formats), inputs):
        store = write_store(graph_quads(result.named_graphs), out_dir / STORE)
        dataset = make_dataset(result.graph, dict(result.named_graphs)) if NAMED_GRAPH_FORMATS & set(formats) \
            else None
        records = read(result.triples) if PROPERTY_GRAPH_FORMATS & set(formats) else None
        return [store, turtle.write(result.triples, result.prefixes, out_dir),
                html.write(result.triples, out_dir),
                *(export(result.graph, f, out_dir, dataset=dataset, records=records) for f in formats)]
