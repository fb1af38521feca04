"""`kg export` and `kg build --export`: every format from the command line, bad input as one line and exit 1,
and a failed export never leaves a half-written output or harms the previous one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import kg.export
from kg.cli import app
from kg.export import Format
from kg.outdir import MANIFEST, OLD_PREFIX, TMP_PREFIX

from conftest import SEED
from exportkit import hostile_graph

runner = CliRunner()
OUTPUTS = {Format.NEO4J: "neo4j", Format.GEPHI: "graph.gexf", Format.GRAPHML: "graph.graphml",
           Format.JSONLD: "graph.jsonld", Format.NTRIPLES: "graph.nt", Format.NQUADS: "graph.nq",
           Format.TRIG: "graph.trig", Format.CSV: "csv"}


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    """The hostile graph as a Turtle file, in a folder of its own."""
    path = tmp_path / "in" / "graph.ttl"
    path.parent.mkdir()
    path.write_bytes(hostile_graph().serialize(format="turtle", encoding="utf-8"))
    return path


def one_line_error(result: Result) -> str:
    """The single `error:` line of a run that failed with exit code 1 and no traceback."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders an export left behind (the store's hidden version folder and lock are not)."""
    return [p.name for p in folder.rglob(".kg-*") if p.name.startswith((TMP_PREFIX, OLD_PREFIX))]


def test_export_writes_every_format(graph_file, tmp_path):
    out = tmp_path / "out"
    args = [a for f in Format for a in ("--to", f.value)]
    result = runner.invoke(app, ["export", str(graph_file), *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(OUTPUTS.values())
    assert sorted(json.loads((out / MANIFEST).read_text())["outputs"]) == sorted(OUTPUTS.values())
    assert [line.removeprefix("wrote ") for line in result.output.splitlines()] == \
        [str(out / OUTPUTS[f]) for f in Format]
    assert not leftovers(out)


def test_export_writes_beside_the_graph_by_default(graph_file):
    result = runner.invoke(app, ["export", str(graph_file), "-t", "GEPHI", "-t", "gephi", "-q"])
    assert result.exit_code == 0 and result.output == "", result.output
    assert (graph_file.parent / "graph.gexf").is_file()


@pytest.mark.parametrize("content, message", [
    (None, "no such graph file"),
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary"),
    ("@prefix ex: <http://ex/> . ex:a ex:b \"caf\xe9\" .".encode("latin-1"), "not UTF-8"),
    (b"@prefix ex: <http://ex/> . ex:a ex:b <<< .", "not valid Turtle"),
    (b"@prefix ex: <http://ex/> . ex:a ex:b ex:c .", "no kg entities or articles"),
])
def test_bad_graph_files_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    assert message in one_line_error(runner.invoke(app, ["export", str(path), "--to", "neo4j", "--out", str(out)]))
    assert not out.exists()


def test_a_folder_or_a_huge_file_is_refused(tmp_path, graph_file, monkeypatch):
    assert "not a file" in one_line_error(runner.invoke(app, ["export", str(tmp_path), "--to", "gephi"]))
    monkeypatch.setattr(kg.export, "MAX_GRAPH_BYTES", 1000)
    assert "more than kg export reads" in one_line_error(runner.invoke(app, ["export", str(graph_file), "--to", "trig"]))


def test_unknown_format_and_unwritable_folder(graph_file, tmp_path):
    assert "choose from neo4j, gephi" in one_line_error(runner.invoke(app, ["export", str(graph_file), "--to", "pdf"]))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    error = one_line_error(runner.invoke(app, ["export", str(graph_file), "--to", "gephi", "--out", str(blocker)]))
    assert f"--out {blocker} is a file, not a folder" in error


@pytest.mark.parametrize("fmt, breaks", [(Format.NEO4J, "kg.export.neo4j.import_script"),
                                         (Format.CSV, "kg.export.csv._table"),
                                         (Format.GEPHI, "os.fsync")])
def test_a_failed_export_keeps_the_previous_one_whole(graph_file, tmp_path, monkeypatch, fmt, breaks):
    out = tmp_path / "out"
    assert runner.invoke(app, ["export", str(graph_file), "--to", fmt.value, "--out", str(out)]).exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def disk_full(*args: object, **kwargs: object) -> None:
        """What a write does when the disk is full."""
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(breaks, disk_full)
    assert "No space left" in one_line_error(runner.invoke(app, ["export", str(graph_file), "--to", fmt.value,
                                                               "--out", str(out)]))
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not leftovers(out)


@pytest.mark.model
def test_build_exports_alongside_the_graph(tmp_path):
    result = runner.invoke(app, ["build", str(SEED), "--out", str(tmp_path), "--export", "gephi", "-e", "neo4j",
                                 "-e", "trig"])
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.gexf", "neo4j", "graph.trig"):
        assert f"wrote {tmp_path / name}" in result.output
    assert (tmp_path / "neo4j" / "import.sh").is_file() and not leftovers(tmp_path)


def test_build_refuses_an_unknown_export_before_building(tmp_path):
    result = runner.invoke(app, ["build", str(SEED), "--out", str(tmp_path), "--export", "svg"])
    assert "unknown export format 'svg'" in one_line_error(result)
    assert not any(tmp_path.iterdir())
