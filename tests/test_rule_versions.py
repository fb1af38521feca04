"""A rule's version changes whenever its findings on the frozen test texts change (see tests/fingerprints.py)."""

from __future__ import annotations

from fingerprints import current, recorded


def test_every_rule_version_names_the_behaviour_recorded_for_it() -> None:
    now, before = current(), recorded()
    for name, entry in sorted(now.items()):
        assert name in before, f"rule {name} has no recorded fingerprint: run `python tests/fingerprints.py`"
        if before[name]["version"] == entry["version"]:
            assert before[name]["fingerprint"] == entry["fingerprint"], (
                f"the findings of {name}/v{entry['version']} changed: bump its version in @rule(...) and run "
                "`python tests/fingerprints.py`")
        else:
            raise AssertionError(f"{name} is now v{entry['version']} (recorded v{before[name]['version']}): run "
                                 "`python tests/fingerprints.py` and commit tests/rule_versions.json with the change")
