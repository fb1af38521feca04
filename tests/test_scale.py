"""Corpus builds end to end: the per-article cache (change, removal, rename), worker processes, the Dask
executor and `kg entities`. Every incremental or distributed build must equal a clean local build byte for byte.
"""

from __future__ import annotations

import json
import re
import threading
from functools import partial
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner, Result

from kg import executors
from kg.cache import ExtractionCache, article_key
from kg.cli import app
from kg.executors import ExecutorError, batches_of, run_dask, run_processes
from kg.graph import article_triples
from kg.ingest import from_plain_text
from kg.model import Entity, Extraction
from kg.pipeline import BuildOptions, write_outputs
from kg.pipeline import build as run_build
from kg.store import article_quads, graph_quads

from test_cli import one_line_error

runner = CliRunner()

ARTICLES = {
    "budget.txt": "Budget talks resume\n\nFinance Minister Maria Kowalczyk said on Monday that the budget would be "
                  "balanced by 2026. \"We will not raise taxes,\" Kowalczyk told reporters in Warsaw.\n\nThe opposition "
                  "said the plan was unrealistic.",
    "rates.txt": "Rates held\n\n\"Inflation is falling,\" Kowalczyk said on Tuesday, adding that the central bank "
                 "would hold rates.\n\nBankers welcomed the decision.",
    "summit.txt": "Leaders meet in Prague\n\nThe Czech prime minister hosted talks with European leaders in Prague "
                  "on Friday. John Smith, a spokesman for the European Commission, said the meeting was useful.",
    "trade.txt": "Trade deal signed\n\nAnna Smith, the trade commissioner, said the agreement would cut tariffs. "
                 "\"This is a good day for exporters,\" she said.\n\nSmith did not say when it takes effect.",
    "talks.txt": "Talks go on\n\nSmith said on Thursday that the talks would continue. \"We are close to a deal,\" "
                 "Smith told reporters in Brussels.",
}


def kg(*args: object) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def write_corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(corpus: Path, out: Path, *options: object) -> tuple[bytes, str]:
    """The graph's bytes and the printed summary of one `kg build`."""
    result = kg("build", corpus, "--out", out, *options)
    assert result.exit_code == 0, result.output
    return (out / "graph.ttl").read_bytes(), result.output


def parsed(summary: str) -> int:
    return int(re.search(r"^parsed:\s+(\d+)", summary, re.MULTILINE).group(1))


@pytest.mark.model
def test_a_rebuild_parses_only_the_changed_article_and_equals_a_clean_build(tmp_path):
    corpus, cache = write_corpus(tmp_path / "in"), ("--cache", tmp_path / "cache")
    first, summary = build(corpus, tmp_path / "a", *cache)
    assert parsed(summary) == 5
    again, summary = build(corpus, tmp_path / "b", *cache)
    assert parsed(summary) == 0 and again == first
    (corpus / "rates.txt").write_text(ARTICLES["rates.txt"] + "\n\nKowalczyk said the bank was independent.",
                                      encoding="utf-8")
    incremental, summary = build(corpus, tmp_path / "c", *cache)
    assert parsed(summary) == 1 and "4 from the cache" in summary
    clean, _ = build(corpus, tmp_path / "d", "--no-cache")
    assert incremental == clean and incremental != first


@pytest.mark.model
def test_a_removed_article_disappears_with_all_its_triples(tmp_path):
    corpus, cache = write_corpus(tmp_path / "in"), ("--cache", tmp_path / "cache")
    full, _ = build(corpus, tmp_path / "a", *cache)
    (corpus / "summit.txt").unlink()
    smaller, summary = build(corpus, tmp_path / "b", *cache)
    assert parsed(summary) == 0
    clean, _ = build(corpus, tmp_path / "c", "--no-cache")
    assert smaller == clean
    assert b"Prague" in full and b"Prague" not in smaller and b"summit.txt" not in smaller


@pytest.mark.model
def test_a_renamed_file_hits_the_cache_and_carries_its_new_name(tmp_path):
    corpus, cache = write_corpus(tmp_path / "in"), ("--cache", tmp_path / "cache")
    build(corpus, tmp_path / "a", *cache)
    (corpus / "trade.txt").rename(corpus / "trade-deal.txt")
    renamed, summary = build(corpus, tmp_path / "b", *cache)
    assert parsed(summary) == 0 and b'"trade-deal.txt"' in renamed
    assert renamed == build(corpus, tmp_path / "c", "--no-cache")[0]


def test_the_cache_key_covers_the_extractor_and_what_is_read_with_the_text():
    article = from_plain_text("Headline\n\nBody text.", source="a.txt")
    dated = from_plain_text("Headline\n\nBody text.", source="a.txt", published="2024-01-02")
    renamed = from_plain_text("Headline\n\nBody text.", source="b.txt")
    assert article_key(article, "kg 1") != article_key(article, "kg 2")
    assert article_key(article, "kg 1") != article_key(dated, "kg 1")
    assert article_key(article, "kg 1") == article_key(renamed, "kg 1")


def test_the_cache_stores_and_misses_by_extractor(tmp_path):
    article = from_plain_text("Headline\n\nBody text.", source="a.txt")
    x = Extraction(article, (Entity("Person:ann lee", "Person", "Ann Lee", ("Ann Lee",), None, ((10, 17),)),))
    cache = ExtractionCache(tmp_path, "kg 1")
    cache.put(x)
    cache.close()
    assert ExtractionCache(tmp_path, "kg 1").get(article) == x
    assert ExtractionCache(tmp_path, "kg 2").get(article) is None
    moved = from_plain_text("Headline\n\nBody text.", source="elsewhere.txt")
    assert ExtractionCache(tmp_path, "kg 1").get(moved).article.source == "elsewhere.txt"


def test_an_unusable_cache_folder_is_a_one_line_error(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    message = one_line_error(kg("build", corpus, "--out", tmp_path / "o", "--cache", tmp_path / "file"))
    assert "cache" in message and "--no-cache" in message


@pytest.mark.model
@pytest.mark.slow
def test_worker_processes_give_the_same_graph_as_one_process(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    one, _ = build(corpus, tmp_path / "a", "--no-cache", "--jobs", "1")
    two, _ = build(corpus, tmp_path / "b", "--no-cache", "--jobs", "2", "--batch-size", "1")
    assert one == two


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


@pytest.mark.model
@pytest.mark.slow
def test_the_dask_executor_gives_the_same_graph_as_a_local_build(tmp_path, dask_cluster):
    corpus = write_corpus(tmp_path / "in")
    local, _ = build(corpus, tmp_path / "a", "--no-cache")
    remote, summary = build(corpus, tmp_path / "b", "--no-cache", "--executor", "dask", "--batch-size", "2",
                            "--scheduler", dask_cluster.scheduler_address)
    assert parsed(summary) == 5 and remote == local


def _thread_name() -> str:
    return threading.current_thread().name


@pytest.mark.slow
def test_dask_workers_that_answer_differently_are_refused(dask_cluster):
    with pytest.raises(ExecutorError, match="1 of 1 Dask workers cannot run this kg build"):
        list(run_dask(len, [[1]], scheduler=dask_cluster.scheduler_address, check=_thread_name))


@pytest.mark.slow
def test_dask_runs_every_batch(dask_cluster):
    batches = [[n] * n for n in range(1, 30)]
    results = run_dask(len, batches, scheduler=dask_cluster.scheduler_address, check=partial(str, "same"))
    assert sorted(results) == list(range(1, 30))


@pytest.mark.slow
def test_dask_errors_are_one_line(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in")
    monkeypatch.setattr(executors, "DASK_TIMEOUT", "1s")
    assert "--scheduler" in one_line_error(kg("build", corpus, "--out", tmp_path / "o", "--executor", "dask"))
    assert "--executor dask" in one_line_error(kg("build", corpus, "--out", tmp_path / "o", "--scheduler", "tcp://x:1"))
    message = one_line_error(kg("build", corpus, "--out", tmp_path / "o", "--no-cache", "--executor", "dask",
                                "--scheduler", "tcp://127.0.0.1:9"))
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in message


@pytest.mark.model
def test_kg_entities_lists_entities_and_the_merges_with_reasons(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    table = kg("entities", corpus, "-q")
    assert table.exit_code == 0, table.output
    assert re.search(r"^\s+2\s+Person\s+Maria Kowalczyk\s+https://kg.example/id/person/maria-kowalczyk$",
                     table.output, re.MULTILINE), table.output
    merges = kg("entities", corpus, "--merges", "--json", "-q")
    assert merges.exit_code == 0, merges.output
    rows = json.loads(merges.output)
    joined = [r for r in rows if r["key"] == "Person:kowalczyk"]
    assert joined and joined[0]["into"].endswith("/person/maria-kowalczyk") and "surname" in joined[0]["reason"]
    assert any(r["key"] == "Person:smith" and r["into"] is None for r in rows), rows


@pytest.mark.model
def test_graph_ttl_holds_exactly_the_triples_of_the_rdflib_graph(tmp_path):
    result = run_build([str(write_corpus(tmp_path / "in"))], BuildOptions(jobs=1))
    path = tmp_path / "out" / "graph.ttl"
    assert path in write_outputs(result, tmp_path / "out")
    written = set(Graph().parse(path))
    assert written == set(result.graph) and len(written) == result.summary()["triples"]


@pytest.mark.model
def test_each_article_triple_is_made_once_and_shared_by_the_store_and_the_union(tmp_path):
    result = run_build([str(write_corpus(tmp_path / "in"))], BuildOptions(jobs=1))
    m = result.minter
    expected = {m.document(x.article.doc_id): list(article_triples(x, result.entities, m)) for x in result.extractions}
    assert {name: list(triples) for name, triples in result.named_graphs} == expected
    assert set(result.triples) == {t for triples in expected.values() for t in triples}
    quads = article_quads(result.extractions, result.entities, minter=m)
    assert list(graph_quads(result.named_graphs)) == list(quads)


def test_batches_cover_every_item_in_order_and_shrink_towards_the_end_for_several_workers():
    items = list(range(1000))
    for workers in (1, 2, 8):
        batches = batches_of(items, 64, workers=workers)
        assert [x for b in batches for x in b] == items and max(map(len, batches)) <= 64
        assert len(batches[-1]) == (1 if workers > 1 else 1000 % 64)
    assert len(batches_of(items, 64)[0]) == 64
    assert [len(b) for b in batches_of(items[:10], 64)] == [10]


def test_local_workers_stopped_early_leave_no_process_or_pool_thread_behind() -> None:
    """An error or Ctrl-C ends the build while workers are busy: they are stopped, and the pool's manager thread
    has ended before the build returns (a thread still closing its pipe at exit made Python print a traceback)."""
    import time

    import psutil

    results = run_processes(time.sleep, [0.1, 30.0, 30.0, 30.0], workers=2)
    assert next(results) is None
    started = time.monotonic()
    results.close()
    assert time.monotonic() - started < 10
    assert not [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
    helpers = ("forkserver", "resource_tracker")  # multiprocessing's own, kept for the next run
    left = [p for p in psutil.Process().children(recursive=True) if not any(h in " ".join(p.cmdline()) for h in helpers)]
    assert not left


def test_long_articles_are_parsed_a_few_at_a_time_to_bound_spacys_memory() -> None:
    from kg.model import Article
    from kg.pipeline import char_groups

    def art(n: int) -> Article:
        return Article(text="x" * n, source=f"{n}", content_hash=f"{n}")

    sizes = [10, 20, 30, 500, 5, 5]
    groups = char_groups([art(n) for n in sizes], 60)
    assert [[len(a.text) for a in g] for g in groups] == [[10, 20, 30], [500], [5, 5]]
    assert char_groups([], 60) == []
