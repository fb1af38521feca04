"""Fingerprints of what each rule finds on the frozen test texts, so that `kg:rule "said/v2"` names one behaviour.

    python tests/fingerprints.py     # record the current fingerprints in tests/rule_versions.json

For every text of tests/texts.py and every rule, a hash of everything the rule contributes to that text's
extraction (relations or roles, with their spans, subjects, evidence and confidence). When a rule's findings on a
text that was already recorded change, the rule's version (`@rule(..., version=N)`) must change too: recording
refuses new findings under an old version, and tests/test_rule_versions.py fails until both are recorded together.
A new text only adds fingerprints: it changes no rule's behaviour on the texts before it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
RECORD = HERE / "rule_versions.json"
sys.path.insert(0, str(HERE))

Record = dict[str, dict[str, object]]
"""{rule: {"version": N, "texts": {TEXT_NAME: hash of the rule's findings on it}}}"""


def current() -> Record:
    """Every registered rule's version and its findings' hash on every text, from the frozen parses."""
    import texts
    from conftest import extract

    from kg.relations import load_rules

    rules = load_rules()
    found: dict[str, dict[str, list[str]]] = {name: {} for name in rules}
    for name in sorted(vars(texts)):
        value = getattr(texts, name)
        if not (name.isupper() and isinstance(value, str)):
            continue
        for rule in rules:
            found[rule][name] = []
        x = extract(value)
        for item in (*x.relations, *x.roles):
            found[item.evidence.rule.split("/v")[0]][name].append(repr(item))
    return {rule: {"version": spec.version,
                   "texts": {text: hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()[:12]
                             for text, items in found[rule].items()}}
            for rule, spec in rules.items()}


def recorded() -> Record:
    """What tests/rule_versions.json holds (empty when it does not exist yet)."""
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}


def changed(before: dict[str, object], now: dict[str, object]) -> list[str]:
    """The texts, recorded in both, on which a rule's findings differ."""
    old, new = before["texts"], now["texts"]
    assert isinstance(old, dict) and isinstance(new, dict)
    return sorted(text for text in old.keys() & new.keys() if old[text] != new[text])


def main() -> int:
    now, before = current(), recorded()
    stale = {rule: changed(before[rule], entry) for rule, entry in now.items()
             if rule in before and before[rule]["version"] == entry["version"]}
    stale = {rule: texts for rule, texts in stale.items() if texts}
    if stale:
        print("refused: findings changed but not the version: " + "; ".join(
            f"{rule} on {', '.join(texts[:3])}{' ...' if len(texts) > 3 else ''}" for rule, texts in stale.items())
            + "; bump `version=` in the rule's @rule(...) and run this again", file=sys.stderr)
        return 1
    RECORD.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {len(now)} rules in {RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
