"""The query benchmark runs end to end on the seed (the real figures need ../shared: bench/query_bench.py)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kg.queries import catalog

from conftest import ROOT

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_benchmark_compares_both_engines_on_every_ready_made_query(tmp_path):
    result = subprocess.run(
        [sys.executable, ROOT / "bench" / "query_bench.py", "--corpus", ROOT / "seeds", "--min-triples", "1500",
         "--target", "0", "--cache", tmp_path, "--rdflib-cap", "120"],
        capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"\b\d+ copies of \d+ triples", out) and "load: oxigraph" in out
    for name in catalog():
        assert any(line.startswith(name) for line in out.splitlines()), name
    assert "MISMATCH" not in out and "times faster overall" in out


def test_benchmark_without_the_corpus_says_so(tmp_path):
    result = subprocess.run([sys.executable, ROOT / "bench" / "query_bench.py", "--corpus", tmp_path / "none"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "is absent" in result.stdout
