"""A rule's version changes whenever its findings on the frozen test texts change (see tests/fingerprints.py)."""

from __future__ import annotations

from fingerprints import changed, current, recorded


def test_every_rule_version_names_the_behaviour_recorded_for_it() -> None:
    now, before = current(), recorded()
    for name, entry in sorted(now.items()):
        assert name in before, f"rule {name} has no recorded fingerprint: run `python tests/fingerprints.py`"
        assert before[name]["version"] == entry["version"], (
            f"{name} is now v{entry['version']} (recorded v{before[name]['version']}): run "
            "`python tests/fingerprints.py` and commit tests/rule_versions.json with the change")
        texts = changed(before[name], entry)
        assert not texts, (f"the findings of {name}/v{entry['version']} changed on {', '.join(texts[:5])}: bump its "
                           "version in @rule(...) and run `python tests/fingerprints.py`")
        missing = sorted(entry["texts"].keys() - before[name]["texts"].keys())
        assert not missing, f"texts without a recorded fingerprint: {missing[:5]}: run `python tests/fingerprints.py`"
