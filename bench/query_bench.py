"""Benchmark: kg's ready-made queries on the Oxigraph store against rdflib's in-memory engine, in the same run.

Builds the BBC corpus from ../shared once (cached under /tmp), replicates it under different base IRIs until the
union holds at least --min-triples (default 1,000,000), loads it into both engines (the store as kg build
writes it: a named graph per article plus the union as default graph; rdflib: the union), runs every ready-made query
with the same parameters on both (the store as `kg query` runs them, rdflib with its initBindings), checks that
both return the same number of rows, and prints load times, per-query times and ratios. Exits 1 when the store is less than --target times (default 20) faster overall,
2 when ../shared is absent.

    .venv/bin/python bench/query_bench.py [--min-triples N] [--target X] [--cache DIR] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg import __version__
from kg.linking import link
from kg.graph import DEFAULT_BASE, Minter
from kg.pipeline import BuildOptions, extract_corpus, read_articles
from kg.queries import catalog
from kg.store import article_quads, query

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news"
TOP = """PREFIX kg: <https://kg.example/ns#>
SELECT ?entity (COUNT(*) AS ?n) WHERE {
  %s
  FILTER(STRSTARTS(STR(?entity), "%s"))
} GROUP BY ?entity ORDER BY DESC(?n) ?entity LIMIT 1"""


def corpus_key(corpus: Path, min_triples: int) -> str:
    """A cache key from kg's version, the corpus files (names and sizes) and the size asked for."""
    h = hashlib.sha256(f"{__version__}\n{min_triples}\n".encode())
    for path in sorted(corpus.rglob("*.txt")):
        h.update(f"{path.relative_to(corpus)}\t{path.stat().st_size}\n".encode())
    return h.hexdigest()[:16]


def dataset_files(corpus: Path, min_triples: int, cache: Path) -> tuple[Path, Path]:
    """The replicated corpus as kg build stores it (N-Quads: a named graph per article and their union as the
    default graph) and that union alone (N-Triples), built once and cached (each written whole, then renamed)."""
    stem = cache / f"bbc-{corpus_key(corpus, min_triples)}"
    target, union = stem.with_suffix(".nq"), stem.with_suffix(".nt")
    if target.is_file() and union.is_file():
        print(f"using cached dataset {target}")
        return target, union
    print(f"building {corpus} with kg (once; cached as {target}) ...", flush=True)
    started = time.perf_counter()
    articles, _ = read_articles([str(corpus)])
    extractions, skipped, _ = extract_corpus(articles, BuildOptions(time_limit=30.0))
    entities = link(extractions).entities
    print(f"extracted {len(extractions)} articles ({len(skipped)} skipped) in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    per_copy = len({q.triple for q in article_quads(extractions, entities, minter=Minter())
                    if isinstance(q.graph_name, ox.DefaultGraph)})  # the union of one copy, as a set
    copies = max(1, math.ceil(min_triples / per_copy))
    cache.mkdir(parents=True, exist_ok=True)

    def quads() -> Iterator[ox.Quad]:
        """Every copy's quads, each copy under a base IRI of its own."""
        for i in range(copies):
            minter = Minter(DEFAULT_BASE if i == 0 else f"https://kg.example/r{i}/id/")
            yield from article_quads(extractions, entities, minter=minter)

    for path, fmt, items in ((target, ox.RdfFormat.N_QUADS, quads()),
                             (union, ox.RdfFormat.N_TRIPLES, (q.triple for q in quads()
                                                              if isinstance(q.graph_name, ox.DefaultGraph)))):
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        os.close(fd)
        ox.serialize(items, output=tmp, format=fmt)
        os.replace(tmp, path)
    print(f"{copies} copies of {per_copy:,} triples", flush=True)
    return target, union


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """(result, seconds) of calling fn()."""
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def rdflib_rows(dataset: Graph, text: str, bindings: dict[str, URIRef], cap: float) -> tuple[int | None, float]:
    """(rows, seconds) of rdflib answering `text`, run in a forked child so that a query over `cap` seconds can be
    stopped: it then counts as `cap` seconds (the ratio becomes a lower bound) and rows as None."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def work() -> None:
        """Run the query in the child and send back its row count and time."""
        started = time.perf_counter()
        count = len(list(dataset.query(text, initBindings=bindings)))
        send.send((count, time.perf_counter() - started))

    child = ctx.Process(target=work)
    child.start()
    try:
        if receive.poll(cap):
            return receive.recv()
        return None, cap
    finally:
        child.kill()
        child.join()


def top_entity(store: ox.Store, pattern: str) -> ox.NamedNode:
    """The entity of the first copy that matches `pattern` most often: a parameter that selects real rows."""
    rows = list(store.query(TOP % (pattern, DEFAULT_BASE)))
    return rows[0]["entity"]


def main() -> int:
    """Build or reuse the dataset, load it into both engines, run the queries, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-triples", type=int, default=1_000_000)
    parser.add_argument("--target", type=float, default=20.0, help="required overall speed-up of the store")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-query-bench")
    parser.add_argument("--rdflib-cap", type=float, default=600.0,
                        help="seconds after which an rdflib query is stopped and counted as taking that long")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of articles (default: the BBC corpus)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus} is absent: this benchmark needs the ../shared BBC corpus beside the checkout "
              f"(or --corpus DIR)")
        return 2
    nq, nt = dataset_files(args.corpus, args.min_triples, args.cache)

    store_dir = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    try:
        def load_store() -> ox.Store:
            """Bulk-load the N-Quads into a store on disk, then open it read-only as kg query does."""
            writer = ox.Store(str(store_dir))
            writer.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
            writer.flush()
            del writer
            return ox.Store.read_only(str(store_dir))

        store, store_load = timed(load_store)
        dataset, rdflib_load = timed(lambda: Graph().parse(str(nt), format="nt"))
        print(f"\nstore: {len(store):,} quads: {len(dataset):,} triples in the default graph (the union) and "
              f"{len(store) - len(dataset):,} in {len(list(store.named_graphs())):,} named graphs, one per article")
        print(f"rdflib: the {len(dataset):,} triples of the union ({nt})")
        print(f"load: oxigraph {store_load:.1f} s (bulk load to disk, both), rdflib {rdflib_load:.1f} s (in memory)\n")

        speaker = top_entity(store, "?entity kg:said ?node .")
        topic = top_entity(store, "?node kg:about ?entity .")
        proposer = top_entity(store, "?entity kg:proposes ?node .")
        person = top_entity(store, "?entity kg:holdsRole ?node .")
        params = {"said": {"about": topic}, "proposals": {"actor": proposer}, "explain": {"entity": speaker},
                  "roles": {"person": person}, "co-mentions": {"entity": speaker}}
        chosen = ", ".join(f"{q} {k}={v.value}" for q, b in params.items() for k, v in b.items())
        print(f"parameters: {chosen}\n")

        queries = catalog()
        cases = [(name, {}) for name in queries if name != "explain"] + list(params.items())
        print(f"{'query':<32} {'rows':>8} {'oxigraph s':>11} {'rdflib s':>10} {'ratio':>8}")
        total_ox = total_rdflib = 0.0
        mismatches: list[str] = []
        stopped: list[str] = []
        for name, bound in cases:
            q = queries[name]
            text, terms = q.prepared(bound)
            ox_rows, ox_s = timed(lambda: list(query(store, text, terms, source=name)))
            rd_count, rd_s = rdflib_rows(dataset, text, {k: URIRef(v.value) for k, v in terms.items()},
                                         args.rdflib_cap)
            total_ox += ox_s
            total_rdflib += rd_s
            capped = rd_count is None
            label = name + (" " + " ".join(f"{k}=" for k in bound) if bound else "")
            print(f"{label:<32} {len(ox_rows):>8,} {ox_s:>11.3f} {'>=' if capped else '':>2}{rd_s:>8.3f} "
                  f"{'>=' if capped else '':>2}{rd_s / max(ox_s, 1e-9):>6.1f}x", flush=True)
            if capped:
                stopped.append(label)
            elif len(ox_rows) != rd_count:
                mismatches.append(f"{label}: oxigraph {len(ox_rows)} rows, rdflib {rd_count}")
        ratio = total_rdflib / max(total_ox, 1e-9)
        print(f"\n{'total':<32} {'':>8} {total_ox:>11.3f} {total_rdflib:>10.3f} {ratio:>7.1f}x")
        bound = "at least " if stopped else ""
        print(f"store vs rdflib: {bound}{ratio:.1f} times faster overall (target: at least {args.target:g})")
        if stopped:
            print(f"rdflib stopped after {args.rdflib_cap:g} s on: {', '.join(stopped)} "
                  f"(counted as {args.rdflib_cap:g} s)")
        for m in mismatches:
            print(f"MISMATCH {m}")
        return 0 if ratio >= args.target and not mismatches else 1
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
