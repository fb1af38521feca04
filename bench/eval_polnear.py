"""Build the PolNeAR dev articles into one graph and score it: P/R/F1 per relation type and confidence bands.

    python bench/eval_polnear.py [--split polnear-dev] [--out DIR] [--min-confidence X]

Besides the figures against PolNeAR's own gold it prints `said` against that gold in GUIDELINES.md's convention
(bench/polnear_convention.py): PolNeAR keeps a quotation that goes on in a new sentence after its attribution as
one statement, the guidelines and the full-dev gold as two.

Needs ../shared/eval (research-only data, not shipped); exits with a message when it is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.evaluate import confidence_bands, load_gold, load_records, relation_names, score
from kg.pipeline import BuildOptions, build, write_outputs
from polnear_convention import report

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="polnear-dev", help="folder under ../shared/eval (default polnear-dev)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-eval-polnear"), help="where to write the graph")
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong and missed said items")
    a = ap.parse_args()
    folder = SHARED / a.split
    if not folder.is_dir():
        print(f"skipped: {folder} is absent (the evaluation data lives in ../shared, beside the checkout)")
        return 0
    started = time.perf_counter()
    result = build([str(folder)], BuildOptions(min_confidence=a.min_confidence))
    write_outputs(result, a.out)
    elapsed = time.perf_counter() - started
    gold, records = load_gold(folder), load_records(a.out / "graph.ttl")
    figures = score(gold, records)
    print(f"{a.split}: {len(result.extractions)} articles built in {elapsed:.1f} s")
    for kind in (*relation_names(), "all"):
        r = figures["relations"][kind]
        print(f"{kind:<10} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}  "
              f"({r['tp']}/{r['predicted']} predicted, {r['gold']} gold)")
    print(report(folder, records))
    print("said precision by confidence band:")
    for band in confidence_bands(gold, records, kinds=("said",)):
        precision = "n/a" if band["precision"] is None else f"{band['precision']:.3f}"
        print(f"  {band['band']}: {precision}  ({band['tp']} right, {band['fp']} wrong)")
    if a.errors:
        said = figures["relations"]["said"]
        print("\nwrong:", *said["wrong"][:a.errors], sep="\n  ")
        print("\nmissed:", *said["missed"][:a.errors], sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
