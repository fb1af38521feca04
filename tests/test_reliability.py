"""Reliability: killed builds, leftovers, readers during a rebuild, kg serve under load, many files, size limits.

Short versions of bench/crash_safety.py, bench/serve_load.py and bench/many_files.py (the README gives the full
runs' figures), on the seed and on made-up sentences.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg import ingest
from kg.ingest import (MAX_ARTICLE_CHARS, MAX_FILE_BYTES, Skipped, from_plain_text, in_parts,
                       read_inputs, split_text)
from kg.outdir import LOCK_FILE, MANIFEST, remove_leftovers
from kg.store import open_store, query

from conftest import ROOT, SEED

runner = CliRunner()
BENCH = ROOT / "bench"
KG = str(Path(sys.executable).with_name("kg"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(store: Path) -> int:
    """The number of triples in a store's default graph, by a query through kg."""
    [row] = query(open_store(store), COUNT)
    return int(row["n"].value)


def bench(script: str, *args: str, timeout: float = 600) -> str:
    """Run a bench script; its output, after checking it exits 0."""
    done = subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed built once."""
    out = tmp_path_factory.mktemp("built")
    assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"]).exit_code == 0
    return out


@pytest.mark.model
@pytest.mark.slow
def test_killed_builds_leave_every_output_whole_and_the_next_build_equals_an_uninterrupted_one():
    out = bench("crash_safety.py", "--corpus", str(SEED.parent), "--kills", "4", "--seed", "3")
    assert "OK: every output stayed whole" in out


@pytest.mark.model
def test_the_next_build_removes_what_killed_builds_left_and_nothing_else(built, tmp_path):
    out = tmp_path / "o"
    assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"]).exit_code == 0
    killed = [".kg-tmp.store.abcd1234", ".kg-store.old12345", ".kg-old.csv.q1w2e3"]  # folders a killed build left
    for name in killed:
        (out / name).mkdir()
    (out / ".kg-tmp.graph.ttl.xyz").write_text("half a graph", encoding="utf-8")
    users = {".thesis.old": None, ".draft.tmp": "draft", ".store.backup": "backup", "notes.txt": "notes"}
    for name, text in users.items():
        (out / name).mkdir() if text is None else (out / name).write_text(text, encoding="utf-8")
    previous = os.readlink(out / "store")
    assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"]).exit_code == 0
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in users)
    assert hidden == sorted([LOCK_FILE, MANIFEST, previous, os.readlink(out / "store")])
    assert all((out / name).is_dir() if text is None else (out / name).read_text() == text
               for name, text in users.items()), "kg removes only what it made"
    assert remove_leftovers(out) == [out / previous], "only the previous store version is left to remove"


@pytest.mark.model
@pytest.mark.slow
def test_readers_keep_answering_while_a_build_replaces_the_store(built, tmp_path):
    out = tmp_path / "o"
    assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"]).exit_code == 0
    expected = count(out / "store")
    first = os.readlink(out / "store")
    build = subprocess.Popen([KG, "build", str(SEED), "--out", str(out), "-q"], stderr=subprocess.PIPE)
    answers = 0
    while build.poll() is None:
        assert count(out / "store") == expected
        answers += 1
    assert build.returncode == 0, build.stderr.read()
    reader = subprocess.run([KG, "query", COUNT, "--store", str(out / "store"), "--format", "csv"],
                            capture_output=True, text=True)
    assert reader.returncode == 0 and reader.stdout.split() == ["n", str(expected)]
    assert answers > 10 and os.readlink(out / "store") != first


@pytest.mark.model
def test_a_store_opened_before_a_swap_keeps_answering_from_its_version(built, tmp_path):
    out = tmp_path / "o"
    assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"]).exit_code == 0
    before = open_store(out / "store")
    assert runner.invoke(app, ["build", str(SEED), "--out", str(out), "-q"]).exit_code == 0
    assert len(before) == len(ox.Store.read_only(str((out / "store").resolve())))


@pytest.mark.model
@pytest.mark.slow
def test_serve_answers_under_load_refuses_updates_times_out_and_follows_rebuilds():
    out = bench("serve_load.py", "--clients", "50", "--seconds", "5", "--timeout", "2", "--articles", "4",
                "--rebuilds", "1")
    assert "errors: 0" in out and "OK: every valid query answered" in out
    assert "during the load: 503" in out and "after the load: 503" in out


@pytest.mark.model
@pytest.mark.slow
def test_a_folder_of_many_files_is_built():
    out = bench("many_files.py", "--files", "150")
    assert "documents: 150" in out and "peak RSS" in out


def test_reading_many_files_streams_one_file_at_a_time(tmp_path, monkeypatch):
    for i in range(50):
        (tmp_path / f"{i:03d}.txt").write_text(f"Headline {i}\n\nAnna Novak said {i} homes were built.\n",
                                               encoding="utf-8")
    opened: list[str] = []
    real = Path.read_bytes

    def spy(path: Path) -> bytes:
        opened.append(path.name)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", spy)
    items = read_inputs([str(tmp_path)])
    first = next(items)
    assert opened == ["000.txt"] and first.source == "000.txt", "a file is read only when its article is wanted"
    assert len(list(items)) == 49 and len(opened) == 50


def test_an_article_over_the_limit_is_refused_with_the_limit_named():
    item = from_plain_text("Anna Novak said so. " * (MAX_ARTICLE_CHARS // 20 + 1), source="long.txt")
    assert isinstance(item, Skipped) and f"the limit is {MAX_ARTICLE_CHARS:,}" in item.reason


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "big.jsonl"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    monkeypatch.setattr(Path, "read_bytes", lambda path: pytest.fail("read a file over the limit"))
    [item] = read_inputs([str(big)])
    assert isinstance(item, Skipped) and f"the limit is {MAX_FILE_BYTES:,}" in item.reason


def long_text(paragraphs: int) -> str:
    """A headline and numbered paragraphs of made-up news."""
    body = "\n\n".join(f"Anna Novak, the mayor of Leeds, said on Monday that {i} new homes would be built. "
                       f"The council denied that plan {i} had been delayed." for i in range(paragraphs))
    return "Homes for Leeds\n\n" + body + "\n"


def test_a_long_article_is_built_in_parts_cut_at_paragraph_breaks(monkeypatch):
    monkeypatch.setattr(ingest, "PART_CHARS", 5000)
    text = long_text(100)
    parts = list(in_parts(from_plain_text(text, source="long.txt")))
    assert len(parts) == 3 and "".join(p.text for p in parts) == text
    assert all(len(p.text) <= 5000 and p.text.endswith("\n") for p in parts)
    assert [p.source for p in parts][:2] == ["long.txt part 1 of 3", "long.txt part 2 of 3"]
    assert [p.title for p in parts][2] == "Homes for Leeds (part 3 of 3)"
    assert parts[0].body_start == len("Homes for Leeds") and parts[1].body_start == 0
    assert split_text("a" * 120, 50) == ["a" * 50, "a" * 50, "a" * 20], "no break at all: cut at the limit"


@pytest.mark.model
@pytest.mark.slow
def test_a_long_article_builds_into_one_document_per_part(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "PART_CHARS", 5000)
    (tmp_path / "long.txt").write_text(long_text(60), encoding="utf-8")  # 8,000 characters
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "documents: 2" in result.output
    assert runner.invoke(app, ["validate", str(tmp_path / "out" / "graph.ttl")]).exit_code == 0
