"""Kill `kg build` with SIGKILL at random moments and check that nothing a reader uses is ever broken.

    .venv/bin/python bench/crash_safety.py [--kills 30] [--articles 40] [--corpus DIR] [--seed 1]

Two corpora, A and B (B: A with its first article left out and two articles added), are built once each
without interruption (no cache) as the references. Then a working output folder holding A's build is rebuilt
again and again, alternately from B and A (whichever it does not hold), with or without a shared cache, and each
build is killed (SIGKILL to `kg build`, then to its workers) after a delay drawn uniformly (seeded) over the
whole time such a build takes: start-up, parsing, linking and the write phase. After every kill:

- every output (graph.ttl, graph.html, the N-Quads and CSV exports, the store) is whole: byte for byte the
  previous build's or the new build's, never missing or a mix within one output;
- the store opens read-only and holds exactly A's or B's quads.

The outputs may be from different builds for a moment (the store is written first), never one output half
of each. Finally B and then A are built to completion with the cache the killed builds shared: each must be
byte-identical to its uninterrupted reference, with no leftovers of the killed builds in the folder.
Prints one line per kill and a summary; exits 1 on any failure. The articles are made up (bench/many_files.py),
or --corpus gives the files of A.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from many_files import article

KG = str(Path(sys.executable).with_name("kg"))
OUTPUTS = ("graph.ttl", "graph.html", "graph.nq", "csv", "store")
EXPORTS = ("--export", "nquads", "--export", "csv")


def make_corpora(root: Path, count: int, given: Path | None) -> tuple[Path, Path]:
    """Corpus A (the files of `given`, else `count` made-up articles) and B (A less its first file, plus two)."""
    a, b = root / "A", root / "B"
    a.mkdir()
    if given:
        for file in sorted(p for p in given.iterdir() if p.is_file()):
            shutil.copy(file, a / file.name)
    else:
        for i in range(count):
            (a / f"{i:04d}.txt").write_text(article(i), encoding="utf-8")
    shutil.copytree(a, b)
    first = sorted(b.iterdir())
    if len(first) > 1:
        first[0].unlink()
    for i in (90_001, 90_002):
        (b / f"extra-{i}.txt").write_text(article(i), encoding="utf-8")
    return a, b


def digest(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, in order); "missing" if absent."""
    if not path.exists():
        return "missing"
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        h.update(file.relative_to(path.parent).as_posix().encode() + b"\0" + file.read_bytes())
    return h.hexdigest()


def store_digest(store: Path) -> str:
    """SHA-256 of the store's quads, sorted; raises when it cannot be opened or read."""
    db = ox.Store.read_only(str(store.resolve()))
    quads = sorted(map(str, db))
    del db
    return hashlib.sha256("\n".join(quads).encode()).hexdigest()


def state(out: Path) -> dict[str, str]:
    """The digest of every output in `out` (the store's by its quads, or the error opening it)."""
    found = {name: digest(out / name) for name in OUTPUTS if name != "store"}
    try:
        found["store"] = store_digest(out / "store")
    except (OSError, ValueError, RuntimeError) as e:
        found["store"] = f"unreadable: {e}"
    return found


def build(corpus: Path, out: Path, cache: Path | None) -> float:
    """One uninterrupted `kg build`; returns its seconds (exits when it fails)."""
    started = time.perf_counter()
    options = ["--cache", str(cache)] if cache else ["--no-cache"]
    done = subprocess.run([KG, "build", str(corpus), "--out", str(out), "-q", *EXPORTS, *options],
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"kg build {corpus.name} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def killed_build(corpus: Path, out: Path, cache: Path | None, delay: float) -> str:
    """Start `kg build` and SIGKILL it (then its workers) after `delay` s; "killed" or how it ended first."""
    options = ["--cache", str(cache)] if cache else ["--no-cache"]
    process = subprocess.Popen([KG, "build", str(corpus), "--out", str(out), "-q", *EXPORTS, *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=delay)
        return "finished" if process.returncode == 0 else f"failed ({process.returncode})"
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return "killed"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the fork server and workers the build started
        except ProcessLookupError:
            pass


def main() -> None:
    """References, the kills with their checks, the final builds; a summary and the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=30, help="kill points to try (default 30)")
    parser.add_argument("--articles", type=int, default=40, help="made-up articles in corpus A (default 40)")
    parser.add_argument("--corpus", type=Path, help="use this folder's files as corpus A instead")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random kill delays (default 1)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="kg-crash-"))
    try:
        a, b = make_corpora(root, args.articles, args.corpus)
        cache, work = root / "cache", root / "work"
        seconds = {"no cache": build(b, root / "ref-B", None)}
        build(a, root / "ref-A", None)
        refs = {"A": state(root / "ref-A"), "B": state(root / "ref-B")}
        build(b, root / "warm", cache)  # fills the shared cache with B's articles
        seconds["cache"] = build(b, root / "warm", cache)
        build(a, work, cache)
        print(f"references: A and B built; an uncached build takes {seconds['no cache']:.1f} s, "
              f"a cached one {seconds['cache']:.1f} s")
        failures: list[str] = []
        outcomes: Counter[str] = Counter()
        mixed = 0
        for i in range(args.kills):
            held = "A" if digest(work / "graph.ttl") == refs["A"]["graph.ttl"] else "B"
            target = "B" if held == "A" else "A"
            mode = "cache" if i % 2 else "no cache"
            delay = rng.uniform(0, seconds[mode] * 1.1)
            outcome = killed_build(a if target == "A" else b, work, cache if mode == "cache" else None, delay)
            outcomes[outcome] += 1
            now = state(work)
            which = {name: next((k for k in ("A", "B") if refs[k][name] == value), "BROKEN")
                     for name, value in now.items()}
            broken = [f"{name}: {now[name][:60]}" for name, k in which.items() if k == "BROKEN"]
            if len(set(which.values())) > 1 and not broken:
                mixed += 1
            failures += [f"kill {i + 1}: {b_}" for b_ in broken]
            print(f"kill {i + 1:2d}: {held}->{target} {mode:8s} after {delay:5.2f} s: {outcome:8s} "
                  f"outputs {' '.join(f'{n}={k}' for n, k in which.items())}")
        for name, corpus in (("B", b), ("A", a)):
            build(corpus, work, cache)
            final = state(work)
            failures += [f"final build {name}: {n} differs from an uninterrupted build"
                         for n in OUTPUTS if final[n] != refs[name][n]]
        current = os.readlink(work / "store")
        leftovers = sorted(p.name for p in work.iterdir()
                           if p.name.startswith(".") and p.name not in (current, ".kg-build.lock", ".kg-manifest.json"))
        if len(leftovers) > 1:  # the version before the current one is kept for readers that have it open
            failures.append(f"leftovers of killed builds: {leftovers}")
        print(f"{args.kills} kill points: {dict(outcomes)}; {mixed} left outputs of two builds side by side "
              f"(each whole); final builds identical to uninterrupted ones: "
              f"{'yes' if not any(f.startswith('final') for f in failures) else 'NO'}")
        if failures:
            sys.exit("FAILED:\n" + "\n".join(failures))
        print("OK: every output stayed whole and readable after every kill")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
