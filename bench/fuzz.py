"""A bigger fuzz campaign than the test suite's: tests/test_fuzz.py with more, randomly seeded, longer inputs.

    .venv/bin/python bench/fuzz.py [--scale 10] [--long-words 4000] [--long-chars 40000] [--seed N] [PYTEST ARGS]

The suite's run is derandomized (the same inputs every time); here `--scale` multiplies the number of examples,
`--seed` picks the inputs (random by default, printed so a failure can be replayed), `--long-words` lengthens
the run-on sentences and `--long-chars` the longest tokens (the suite keeps them to 800 words and 4,000
characters). The counts of inputs tried are printed at the end; the exit code is pytest's.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the fuzz tests with the campaign's settings; returns pytest's exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0, help="multiply every fuzz test's examples")
    parser.add_argument("--long-words", type=int, default=4000, help="longest run-on sentence, in words")
    parser.add_argument("--long-chars", type=int, default=40000, help="longest single token, in characters")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (random by default)")
    args, pytest_args = parser.parse_known_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "KG_FUZZ_SCALE": str(args.scale), "KG_FUZZ_LONG_WORDS": str(args.long_words),
           "KG_FUZZ_LONG_CHARS": str(args.long_chars), "KG_FUZZ_RANDOM": "1", "PYTHONPATH": path}
    print(f"fuzz campaign: scale {args.scale}, sentences up to {args.long_words} words, tokens up to "
          f"{args.long_chars} characters, seed {seed}", flush=True)
    started = time.monotonic()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--hypothesis-seed={seed}",
               str(ROOT / "tests" / "test_fuzz.py"), *[a for a in pytest_args if a != "--"]]
    code = subprocess.run(command, env=env, cwd=ROOT).returncode
    print(f"fuzz campaign: {time.monotonic() - started:.0f} s, pytest exit code {code}")
    return code


if __name__ == "__main__":
    sys.exit(main())
