"""Time and peak memory of `kg build` on one very long article (built in parts), or the message when refused.

    .venv/bin/python bench/big_article.py [--chars 5000000]

The article is made-up news paragraphs (bench/many_files.py) joined up to the given number of characters,
in one .txt file in a temporary folder. Prints the build's wall-clock time, peak RSS of its process tree
(sampled every 50 ms) and its document and triple counts, or the reason it was skipped.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

from many_files import article
from throughput import measure


def long_article(chars: int) -> str:
    """A headline and made-up paragraphs, `chars` characters at least."""
    parts = ["A very long report\n"]
    size, i = len(parts[0]), 0
    while size < chars:
        body = article(i).split("\n\n", 1)[1]
        parts.append(body)
        size += len(body) + 1
        i += 1
    return "\n".join(parts)


def main() -> None:
    """Write the article, build it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=5_000_000, help="characters in the article (default 5,000,000)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before the build is stopped")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-big-article-"))
    try:
        (work / "in").mkdir()
        text = long_article(args.chars)
        (work / "in" / "long.txt").write_text(text, encoding="utf-8")
        kg = Path(sys.executable).with_name("kg")
        print(f"article: {len(text):,} characters, {len(text.encode()):,} bytes")
        # a refused article is the only input, so the build exits 1 with the reason: measure() would stop there
        try:
            run = measure([str(kg), "build", str(work / "in"), "--out", str(work / "out"), "--no-cache"],
                          timeout=args.timeout)
        except SystemExit as e:
            reason = re.search(r"(nothing to build: .*)", str(e))
            print(f"refused: {reason.group(1) if reason else e}")
            return
        print(f"kg build: {run.seconds:.1f} s, peak RSS {run.peak_rss / 2**20:,.0f} MiB (process tree)")
        for name in ("documents", "triples"):
            found = re.search(rf"^{name}:\s+(.*)$", run.output, re.MULTILINE)
            print(f"{name}: {found.group(1) if found else '?'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
