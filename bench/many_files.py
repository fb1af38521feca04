"""Time and peak memory of `kg build` over a folder of many small generated articles (default 100,000 files).

    .venv/bin/python bench/many_files.py [--files N] [--jobs N] [--read-only] [--keep DIR]

The articles are short made-up news items (two or three sentences written here, with a person, an
organisation and a place each, numbered so that no two are alike), one .txt file each, in a temporary
folder. Prints the wall-clock time, articles/s and the peak RSS of the whole `kg build` process tree
(sampled every 50 ms), then the counts from the build's summary. `--read-only` times only the reading stage
(kg.pipeline.read_articles: walking the folder, decoding, headlines) in a child process. Exits 1 on failure.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from throughput import measure

FIRST = ("Anna", "Marek", "Helen", "Tomasz", "Grace", "Oliver", "Maria", "David", "Sofia", "Peter")
LAST = ("Kowalczyk", "Bennett", "Okafor", "Lindqvist", "Moreau", "Haddad", "Novak", "Fischer", "Reyes", "Tanaka")
ORGS = ("the Transport Union", "the National Bank", "the Green Party", "Northfield Council", "the Rail Board")
PLACES = ("London", "Manchester", "Leeds", "Glasgow", "Cardiff", "Bristol", "Belfast")
TITLES = ("minister", "chairman", "spokeswoman", "director", "mayor")
READ = ("import sys; from kg.pipeline import read_articles; "
        "articles, skipped = read_articles([sys.argv[1]]); print(f'{len(articles):,} articles read')")
"""The reading stage alone, run in a child process so that its memory is measured by itself."""


def article(i: int) -> str:
    """The `i`th made-up article: a headline and two paragraphs, different for every `i`."""
    person = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    org, place = ORGS[i % len(ORGS)], PLACES[i % len(PLACES)]
    title = TITLES[i % len(TITLES)]
    return (f"{place} plan number {i} announced\n\n"
            f"{person}, the {title} of {org}, said on Monday that {i:,} new homes would be built in {place}.\n\n"
            f"\"We will not cut the budget,\" {person.split()[1]} said. {org[0].upper() + org[1:]} denied "
            f"that the plan had been delayed.\n")


def generate(folder: Path, count: int) -> None:
    """Write `count` articles as `folder/NNN/NNNNNN.txt`, a thousand per subfolder."""
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:06d}.txt").write_text(article(i), encoding="utf-8")


def main() -> None:
    """Generate the folder, build it once, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=100_000, help="number of articles (default 100,000)")
    parser.add_argument("--jobs", type=int, default=2, help="kg build --jobs (default 2)")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds before the build is stopped")
    parser.add_argument("--read-only", action="store_true", help="time only reading the folder, not the build")
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder instead of a temporary one")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-many-files-"))
    corpus = args.keep or work / "corpus"
    try:
        started = time.perf_counter()
        generate(corpus, args.files)
        print(f"generated {args.files:,} files in {time.perf_counter() - started:.1f} s")
        if args.read_only:
            run = measure([sys.executable, "-c", READ, str(corpus)], timeout=args.timeout)
            print(f"read_articles: {run.seconds:.1f} s (with interpreter start), {run.output.strip()}, "
                  f"peak RSS {run.peak_rss / 2**20:,.0f} MiB")
            return
        kg = Path(sys.executable).with_name("kg")
        run = measure([str(kg), "build", str(corpus), "--out", str(work / "out"), "--jobs", str(args.jobs),
                       "--no-cache"], timeout=args.timeout)
        print(f"kg build: {run.seconds:.1f} s, {args.files / run.seconds:.1f} articles/s, "
              f"peak RSS {run.peak_rss / 2**20:,.0f} MiB (process tree)")
        for name in ("documents", "triples"):
            found = re.search(rf"^{name}:\s+(.*)$", run.output, re.MULTILINE)
            print(f"{name}: {found.group(1) if found else '?'}")
        print(f"graph.ttl: {(work / 'out' / 'graph.ttl').stat().st_size / 2**20:,.1f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
