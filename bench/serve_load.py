"""`kg serve` under load from a second process: throughput, latency, update refusals, the timeout, rebuilds.

    .venv/bin/python bench/serve_load.py [--clients 50] [--seconds 30] [--timeout 5] [--rebuilds 3]

Builds made-up articles (bench/many_files.py; --articles, default 40) into a temporary folder, starts
`kg serve --timeout T` on it and, from this process, runs N client threads for S seconds. Each client loops over
a mix of valid SELECT/ASK queries (GET and POST); one request in ten is an update, which must be refused
with 403. One more client sends a pathological query (a cross product of the whole graph, three times over)
at the start of the load: it must get a 503 after about T seconds while the others go on being answered.
With --rebuilds R, `kg build` runs R times into the served folder during the load, alternately from the corpus
and from the corpus with two articles more, so that the endpoint swaps stores under load. After the load the
pathological query is sent once more and a valid query must still succeed.

Prints requests/s, latency percentiles (p50/p95/p99, valid queries), errors by kind, refusals, what the
pathological queries got and in how long; exits 1 on any error or unexpected answer.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from many_files import article

from kg.store import open_store, query

KG = str(Path(sys.executable).with_name("kg"))
PREFIXES = "PREFIX kg: <https://kg.example/ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    PREFIXES + "SELECT ?speaker ?text WHERE { ?s kg:said ?st ; rdfs:label ?speaker . ?st kg:text ?text } LIMIT 50",
    PREFIXES + "SELECT ?e ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label LIMIT 20",
    "ASK { ?s ?p ?o }",
    "SELECT DISTINCT ?type WHERE { ?s a ?type }",
)
"""The valid queries the clients send in turn."""
UPDATE = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A cross product of the whole graph with itself, three times: never finishes in any reasonable time."""


def request(url: str, query: str, *, post: bool = False, update: bool = False,
            timeout: float = 120) -> tuple[int | str, float]:
    """Send one query (or update) and read the whole answer: its HTTP status (or, when there was no answer, the
    error's name) and seconds."""
    started = time.perf_counter()
    if update:
        req = urllib.request.Request(f"{url}/update", data=urllib.parse.urlencode({"update": query}).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif post:
        req = urllib.request.Request(f"{url}/query", data=query.encode(),
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    else:
        req = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    except OSError as e:
        status = type(e.reason if isinstance(e, urllib.error.URLError) else e).__name__
    return status, time.perf_counter() - started


class Load:
    """The clients' shared tallies."""

    def __init__(self) -> None:
        """Empty tallies."""
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.refused = 0
        self.errors: list[str] = []

    def client(self, url: str, number: int, until: float) -> None:
        """One client: valid queries (GET and POST by turns), and an update every tenth request."""
        i = number
        while time.monotonic() < until:
            i += 1
            if i % 10 == 0:
                status, _ = request(url, UPDATE, update=True)
                with self.lock:
                    self.statuses[f"update {status}"] += 1
                    if status == 403:
                        self.refused += 1
                    else:
                        self.errors.append(f"an update got {status}, not 403")
                continue
            status, seconds = request(url, QUERIES[i % len(QUERIES)], post=i % 2 == 1)
            with self.lock:
                self.statuses[f"query {status}"] += 1
                if status == 200:
                    self.latencies.append(seconds)
                else:
                    self.errors.append(f"a valid query got {status}")


def serve(store: Path, timeout: float) -> tuple[subprocess.Popen[str], str]:
    """Start `kg serve` on a free port; the process and its base URL once it listens."""
    process = subprocess.Popen([KG, "serve", "--store", str(store), "--port", "0", "--timeout", str(timeout)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+)/query", line)
    if not found:
        process.kill()
        sys.exit(f"kg serve did not start: {line}{process.stderr.read()}")
    threading.Thread(target=process.stderr.read, daemon=True).start()  # keep its log from filling the pipe
    return process, found[1]


def rebuild(corpora: list[Path], out: Path, times: int, log: list[str]) -> None:
    """Run `kg build` `times` times into `out`, from the corpora in turn, noting any failure in `log`."""
    for i in range(times):
        done = subprocess.run([KG, "build", str(corpora[i % len(corpora)]), "--out", str(out), "-q"],
                              capture_output=True, text=True)
        log.append(f"rebuild {i + 1}: " + ("ok" if done.returncode == 0 else f"FAILED {done.stderr[-300:]}"))


def triples(url: str) -> int:
    """The number of triples the endpoint counts in its default graph."""
    req = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': QUERIES[0]})}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    """Build, serve, load, report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=30, help="length of the load (default 30)")
    parser.add_argument("--timeout", type=float, default=5, help="kg serve --timeout (default 5)")
    parser.add_argument("--articles", type=int, default=40, help="made-up articles to build (default 40)")
    parser.add_argument("--rebuilds", type=int, default=0, help="kg build runs into the served folder meanwhile")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kg-serve-load-"))
    server = None
    try:
        corpora = [root / "A", root / "B"]
        for corpus, extra in zip(corpora, (0, 2)):
            corpus.mkdir()
            for i in range(args.articles + extra):
                (corpus / f"{i:04d}.txt").write_text(article(i), encoding="utf-8")
        out = root / "out"
        rebuilds: list[str] = []
        rebuild(corpora, out, 1, rebuilds)
        quads = len(open_store(out / "store"))
        server, url = serve(out / "store", args.timeout)
        first = triples(url)
        load = Load()
        until = time.monotonic() + args.seconds
        cross: list[tuple[int, float]] = []
        threads = [threading.Thread(target=load.client, args=(url, n, until)) for n in range(args.clients)]
        threads.append(threading.Thread(target=lambda: cross.append(request(url, CROSS))))
        if args.rebuilds:
            threads.append(threading.Thread(target=rebuild, args=(corpora[::-1], out, args.rebuilds, rebuilds)))
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads[:args.clients]:
            t.join()
        elapsed = time.monotonic() - started
        for t in threads[args.clients:]:
            t.join()
        cross.append(request(url, CROSS))
        after, _ = request(url, QUERIES[0])
        [row] = query(open_store(out / "store"), QUERIES[0])
        served, built = triples(url), int(row["n"].value)
        total = sum(load.statuses.values())
        lat = load.latencies
        print(f"{args.clients} clients for {args.seconds:g} s against kg serve --timeout {args.timeout:g} "
              f"({args.articles} articles, {quads:,} quads in the store)")
        print(f"requests: {total:,} in {elapsed:.1f} s = {total / elapsed:,.1f}/s; valid queries answered: "
              f"{len(lat):,}; updates refused (403): {load.refused:,}; errors: {len(load.errors)}")
        if lat:
            print(f"latency of valid queries: p50 {percentile(lat, 50) * 1000:.0f} ms, "
                  f"p95 {percentile(lat, 95) * 1000:.0f} ms, p99 {percentile(lat, 99) * 1000:.0f} ms, "
                  f"max {max(lat) * 1000:.0f} ms, mean {statistics.fmean(lat) * 1000:.0f} ms")
        print("statuses: " + ", ".join(f"{k}: {n:,}" for k, n in sorted(load.statuses.items())))
        print("pathological query: " + "; ".join(f"{'during' if i == 0 else 'after'} the load: {s} in {t:.1f} s"
                                                  for i, (s, t) in enumerate(cross)))
        print(f"a valid query after it: {after}")
        for line in rebuilds[1:]:
            print(line)
        print(f"triples served: {first:,} at the start, {served:,} at the end; the last build has {built:,}")
        problems = sorted(Counter(load.errors).items())
        problems += [(f"the pathological query got {s} in {t:.1f} s, not 503 within the timeout", 1)
                     for s, t in cross if s != 503 or t > args.timeout + 2]
        problems += [(f"a valid query after the load got {after}", 1)] if after != 200 else []
        problems += [(line, 1) for line in rebuilds if "FAILED" in line]
        problems += [(f"the endpoint answers from an old store ({served:,} triples, not {built:,})", 1)] \
            if served != built else []
        if problems:
            sys.exit("FAILED:\n" + "\n".join(f"{message} (x{n})" for message, n in problems))
        print("OK: every valid query answered, every update refused, the timeout enforced")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
