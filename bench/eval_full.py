"""Build and score every evaluation set in one command: full-dev (full schema), polnear-dev (said) and the seed.

    python bench/eval_full.py [--sets full-dev,polnear-dev,seed] [--out DIR] [--errors FILE.json]

Prints P/R/F1 per entity, relation and role for each set, and the precision of every relation per confidence
band on full-dev. Each set is built into one corpus graph with `kg.pipeline` (the extraction cache makes a
rebuild after a small change take seconds) and scored with `kg.evaluate`, which gives the same figures as
../shared/eval/score.py. `--errors` writes every wrong and missed item of every set as JSON, for error analysis.

Needs ../shared/eval (research-only data, not shipped): a set that is absent is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from kg.evaluate import _Scorer, confidence_bands, load_gold, load_records, norm_name, relation_names, score
from kg.pipeline import BuildOptions, build, write_outputs
from kg.readback import ROLE, Records
from polnear_convention import report

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SETS: dict[str, tuple[Path, Path]] = {
    "full-dev": (SHARED / "full-dev", SHARED / "full-dev"),
    "polnear-dev": (SHARED / "polnear-dev", SHARED / "polnear-dev"),
    "seed": (ROOT / "seeds", SHARED / "gold"),
}
TARGETS = {"full-dev": {"entities": 0.90, "said": 0.85, "hosted": 0.70, "denies": 0.70, "proposes": 0.70,
                        "all": 0.80, "roles": 0.80},
           "polnear-dev": {"said": 0.82},
           "seed": {"entities": 0.90, "all": 0.90}}


def inputs_of(folder: Path) -> list[str]:
    """The article files of an evaluation folder (its .txt files; the gold .json beside them is not input)."""
    return [str(p) for p in sorted(folder.glob("*.txt"))]


def run(name: str, out: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, list[str]], float] | None:
    """Build one set into `out` and score it: (figures, confidence bands, role errors, seconds), or None when
    the set is absent."""
    articles, gold_path = SETS[name]
    if not articles.is_dir() or not gold_path.exists():
        print(f"{name}: skipped, {articles} or {gold_path} is absent (the evaluation data lives in ../shared)")
        return None
    started = time.perf_counter()
    result = build(inputs_of(articles), BuildOptions())
    write_outputs(result, out)
    seconds = time.perf_counter() - started
    gold, records = load_gold(gold_path), load_records(out / "graph.ttl")
    return score(gold, records), confidence_bands(gold, records), role_errors(gold, records), seconds


def role_errors(gold: dict[str, Any], records: Records) -> dict[str, list[str]]:
    """Predicted roles no gold role matches (`wrong`), gold roles no prediction matches (`missed`) and matched
    roles whose affiliation is not a gold one (`wrong_org`), by the matching rules of kg.evaluate."""
    s = _Scorer(gold, records)
    predicted = []
    for role in records.facts:
        if role.type != ROLE or s.types[role.subject] != "Person":
            continue
        orgs = {s.node_gold.get(t.entity) for t in role.targets}
        org_labels = [s.label.get(t.entity, t.entity) for t in role.targets]
        predicted.append((s.node_gold.get(role.subject), s.label[role.subject], norm_name(role.title), orgs - {None},
                          org_labels))
    out: dict[str, list[str]] = {"wrong": [], "missed": [], "wrong_org": []}
    matched = set()
    for gid, label, title, orgs, org_labels in sorted(predicted, key=lambda x: (x[1], x[2])):
        hit = next((r for r in gold.get("roles", []) if r["person"] == gid and id(r) not in matched
                    and (title == norm_name(r["title"]) or title.endswith(" " + norm_name(r["title"])))), None)
        if hit is None:
            out["wrong"].append(f"{label}: {title} @ {'/'.join(org_labels) or '-'}")
            continue
        matched.add(id(hit))
        if hit.get("org") and not orgs & set(hit["org"]):
            out["wrong_org"].append(f"{label}: {title} @ {'/'.join(org_labels) or '-'} (gold {'/'.join(hit['org'])})")
    out["missed"] = [f"{r['person']}: {r['title']} @ {'/'.join(r.get('org') or []) or '-'}"
                     for r in gold.get("roles", []) if id(r) not in matched]
    return out


def table(name: str, figures: dict[str, Any]) -> list[str]:
    """One line per figure, with the issue's target beside it where there is one."""
    targets = TARGETS.get(name, {})

    def line(kind: str, r: dict[str, Any], extra: str) -> str:
        target = targets.get(kind)
        mark = "" if target is None else f"  target {target:.2f} {'met' if r['f1'] >= target else 'NOT met'}"
        return f"  {kind:<10} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}  {extra}{mark}"

    out = []
    e = figures["entities"]
    if e.get("annotated", True):
        out.append(line("entities", e, f"({e['tp']}/{e['predicted']} predicted, {e['gold']} gold)"))
    for kind in (*relation_names(), "all"):
        r = figures["relations"][kind]
        if r["gold"] or r["predicted"]:
            out.append(line(kind, r, f"({r['tp']}/{r['predicted']} predicted, {r['gold']} gold)"))
    r = figures["roles"]
    if r["gold"]:
        out.append(line("roles", r, f"({r['tp']}/{r['predicted']} predicted, {r['gold']} gold, "
                                    f"{r['with_org']} of {r['tp']} with the right organisation)"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="full-dev,polnear-dev,seed", help="comma-separated: " + ", ".join(SETS))
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-eval-full"), help="where the graphs are written")
    ap.add_argument("--errors", type=Path, help="write every wrong and missed item as JSON to this file")
    a = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    names = [s.strip() for s in a.sets.split(",") if s.strip()]
    unknown = [s for s in names if s not in SETS]
    if unknown:
        print(f"error: unknown set {', '.join(unknown)}; use {', '.join(SETS)}", file=sys.stderr)
        return 2
    errors: dict[str, Any] = {}
    for name in names:
        done = run(name, a.out / name)
        if done is None:
            continue
        figures, bands, roles, seconds = done
        print(f"{name}: built and scored in {seconds:.1f} s")
        print("\n".join(table(name, figures)))
        if name == "polnear-dev":
            print("  " + report(SETS[name][1], load_records(a.out / name / "graph.ttl")))
        if name == "full-dev":
            print("  precision by confidence band (all relations):",
                  ", ".join(f"{b['band']} {'n/a' if b['precision'] is None else format(b['precision'], '.3f')} "
                            f"({b['tp']}/{b['tp'] + b['fp']})" for b in bands))
        errors[name] = {
            "entities": {k: figures["entities"].get(k, []) for k in ("wrong", "duplicates", "missed")},
            **{kind: {k: figures["relations"][kind][k] for k in ("wrong", "missed")} for kind in relation_names()},
            "roles": roles,
        }
    if a.errors:
        a.errors.write_text(json.dumps(errors, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {a.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
