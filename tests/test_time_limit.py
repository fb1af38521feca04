"""The per-article time limit: an article that makes a rule run away is skipped and named, and the build goes on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.executors import TimeLimitExceeded, time_limit

RUNAWAY = "runaway"


def test_a_block_past_its_limit_is_stopped() -> None:
    started = time.perf_counter()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            while True:
                pass
    assert time.perf_counter() - started < 5


def test_a_block_within_its_limit_runs_to_the_end_and_leaves_nothing_pending() -> None:
    with time_limit(0.3):
        total = sum(range(1000))
    time.sleep(0.5)  # a late timer must not fire into the code that follows
    assert total == 499500


def test_no_limit_means_no_timer() -> None:
    with time_limit(None):
        time.sleep(0.05)


@pytest.fixture
def runaway_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An extra rule that loops for ever on any article containing the word "runaway"."""
    from kg.relations import RULES, RuleSpec, load_rules

    load_rules()

    def loop(ctx) -> Iterator:  # noqa: ANN001 - a rule's Context
        while RUNAWAY in ctx.article.text:
            pass
        return iter(())

    monkeypatch.setitem(RULES, "loop", RuleSpec("loop", 1, "said", loop))
    yield


@pytest.mark.model
def test_build_skips_and_names_the_article_that_runs_away(runaway_rule: None, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "calm.txt").write_text("Calm\n\nMaria Lopez said the bridge would reopen on Monday.\n",
                                     encoding="utf-8")
    (folder / "wild.txt").write_text(f"Wild\n\nTom Baker said the {RUNAWAY} train had stopped.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(out), "--jobs", "1", "--no-cache",
                                      "--time-limit", "1"])
    assert result.exit_code == 0, result.output
    assert "wild.txt" in result.output and "more than 1 s" in result.output
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Maria Lopez" in graph and "Tom Baker" not in graph
