"""Fingerprints of what each rule finds on the frozen test texts, so that `kg:rule "said/v2"` names one behaviour.

    python tests/fingerprints.py     # record the current fingerprints in tests/rule_versions.json

A rule's fingerprint is a hash of everything it contributes to the extractions of every text in tests/texts.py
(relations or roles, with their spans, subjects, evidence and confidence). When it changes, the rule's version
(`@rule(..., version=N)`) must change too: recording refuses a new fingerprint under an old version, and
tests/test_rule_versions.py fails until both are recorded together.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
RECORD = HERE / "rule_versions.json"
sys.path.insert(0, str(HERE))


def current() -> dict[str, dict[str, object]]:
    """{rule name: {"version": N, "fingerprint": hex}} for every registered rule, from the frozen parses."""
    import texts
    from conftest import extract

    from kg.relations import load_rules

    rules = load_rules()
    parts: dict[str, list[str]] = {name: [] for name in rules}
    for name in sorted(vars(texts)):
        value = getattr(texts, name)
        if not (name.isupper() and isinstance(value, str)):
            continue
        x = extract(value)
        for item in (*x.relations, *x.roles):
            rule = item.evidence.rule.split("/v")[0]
            parts[rule].append(f"{name}\x1f{item!r}")
    return {name: {"version": spec.version,
                   "fingerprint": hashlib.sha256("\n".join(parts[name]).encode("utf-8")).hexdigest()[:16]}
            for name, spec in rules.items()}


def recorded() -> dict[str, dict[str, object]]:
    """What tests/rule_versions.json holds (empty when it does not exist yet)."""
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}


def main() -> int:
    now, before = current(), recorded()
    stale = [name for name, entry in now.items() if name in before and before[name]["version"] == entry["version"]
             and before[name]["fingerprint"] != entry["fingerprint"]]
    if stale:
        print(f"refused: the findings of {', '.join(stale)} changed but not the version; bump `version=` in the "
              "rule's @rule(...) and run this again", file=sys.stderr)
        return 1
    RECORD.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {len(now)} rules in {RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
