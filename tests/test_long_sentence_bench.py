"""The long-sentence benchmark runs end to end (its figures: `python bench/long_sentence.py`)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_benchmark_times_a_run_on_sentence_against_ordinary_ones() -> None:
    result = subprocess.run([sys.executable, ROOT / "bench" / "long_sentence.py", "--words", "600", "--max-ratio", "0"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = re.findall(r"^([\w-]+): 600 words, [\d,]+ sentences as parsed \(longest ([\d,]+) tokens\): extract_doc "
                      r"[\d.]+ s", result.stdout, re.MULTILINE)
    assert [name for name, _ in rows] == ["Run-on", "Sentences"], result.stdout
    assert int(rows[0][1]) > 500 and int(rows[1][1]) < 40, "one run-on sentence against ordinary ones"
    assert re.search(r"^ratio run-on / sentences: [\d.]+$", result.stdout, re.MULTILINE)
