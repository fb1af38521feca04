"""Terminal injection and terminal width: what `kg query`, `kg explain`, `kg build` and `kg eval` print.

An article or a file name can carry rich markup (`[link=...]`, `[/bold]`), escape sequences (clear screen, window
title, clipboard write through OSC 52, OSC 8 hyperlinks), C1 controls and bidi overrides. Each attack below goes
through the real command; the output must hold no raw control sequence and no live markup, and machine formats
(JSON, TSV) must give the text back unchanged. The width tests fit a corpus-like graph into 80 and 120 columns.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import Minter, build_graph
from kg.model import Article, Entity, Evidence, Extraction, Relation, Span
from kg.terminal import clean, escape_json, escape_turtle

runner = CliRunner()

EVIL = ("[/bold] [link=https://evil.example]click[/link] \x1b]52;c;SGVsbG8=\x07 \x1b[2J\x1b[H \x1b]0;pwned\x07 "
        "\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ \u202eevil\u202c \x9b31m \x9d0;c1\x9c")
"""Markup, clipboard write, clear screen and cursor home, window title, a hyperlink, a bidi override, C1 CSI
and OSC."""
SGR = re.compile(r"\x1b\[[0-9;]*m")
"""The only escape sequences kg's own output may hold: rich's colours and bold."""


def assert_inert(output: str) -> None:
    """No escape sequence but rich's own styling, no C1 control, no bidi override, and the markup is text."""
    rest = SGR.sub("", output)
    assert "\x1b" not in rest and "\x07" not in rest, repr(rest[:400])
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", rest), repr(rest[:400])
    assert "\x1b]8;" not in output, "no hyperlink, not even rich's"


def hostile_graph(path: Path) -> Path:
    """One article whose speaker, quote, sentence, headline and file name carry EVIL."""
    text = f'Ivan Petrov {EVIL} said "{EVIL} is here." on Monday.'
    article = Article(text=text, source=f"evil{EVIL}.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                      title=f"Headline {EVIL}", published="2025-01-01")
    person = Entity("Person:ivan petrov", "Person", f"Ivan Petrov {EVIL}", aliases=(f"Ivan {EVIL}",))
    quote = f"{EVIL} is here."
    start = text.index(quote)
    said = Relation("said", person.key, Span(start, start + len(quote), quote),
                    Evidence(Span(0, len(text), text), "said/v1", 0.9), about=(person.key,))
    g = build_graph([Extraction(article, (person,), (said,), ())], {person.key: person}, minter=Minter())
    g.serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def evil_ttl(tmp_path_factory) -> Path:
    return hostile_graph(tmp_path_factory.mktemp("evil") / "graph.ttl")


def kg(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "100"}
"""Makes rich treat the test's output as a terminal (styles, width), as a user at a terminal gets."""


@pytest.mark.parametrize("env", [None, TERMINAL], ids=["piped", "terminal"])
def test_query_table_prints_hostile_text_inert(evil_ttl, env):
    result = kg("query", "said", "--graph", evil_ttl, env=env)
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "[/bold]" in result.output and "[link=" in result.output, "markup shown as text"
    if env is None:
        assert "[link=https://evil.example]click[/link] \\x1b]52;c;SGVsbG8=\\x07 \\x1b[2J" in result.output


def person_iri(graph: Path) -> str:
    result = kg("query", "SELECT ?e WHERE { ?e a kg:Person }", "--graph", graph, "--format", "csv")
    return result.stdout.splitlines()[1].strip()


@pytest.mark.parametrize("env", [None, TERMINAL], ids=["piped", "terminal"])
def test_explain_prints_hostile_text_inert(evil_ttl, env):
    result = kg("explain", person_iri(evil_ttl), "--graph", evil_ttl, env=env)
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "[/bold]" in result.output and "\\u202e" in result.output


def test_explain_by_name_with_markup_does_not_crash(evil_ttl):
    result = kg("explain", "Ivan [/bold]", "--graph", evil_ttl)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    assert_inert(result.output)


def test_json_and_tsv_keep_the_text_as_escapes(evil_ttl):
    out = kg("query", "said", "--graph", evil_ttl, "--format", "json")
    assert out.exit_code == 0, out.output
    assert_inert(out.stdout)
    values = {b["speaker"]["value"] for b in json.loads(out.stdout)["results"]["bindings"]}
    assert values == {f"Ivan Petrov {EVIL}"}, "JSON escapes give the exact text back"
    explained = kg("explain", person_iri(evil_ttl), "--graph", evil_ttl, "--json")
    assert_inert(explained.stdout)
    assert json.loads(explained.stdout)["label"] == f"Ivan Petrov {EVIL}"
    tsv = kg("query", "said", "--graph", evil_ttl, "--format", "tsv")
    assert_inert(tsv.stdout)
    assert "\\u001B]52;c;" in tsv.stdout and "\\u202E" in tsv.stdout


def test_construct_turtle_is_inert_and_reads_back(evil_ttl, tmp_path):
    out = kg("query", "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }", "--graph", evil_ttl)
    assert out.exit_code == 0, out.output
    assert_inert(out.stdout)
    from rdflib import Graph

    labels = {str(o) for o in Graph().parse(data=out.stdout, format="turtle").objects()}
    assert f"Ivan Petrov {EVIL}" in labels


def _in_a_terminal(*args: str, columns: int = 100) -> str:
    """Run kg with its standard output on a pseudo-terminal (isatty is true) and return what it printed."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm"}
    code = "import sys; from kg.cli import app; sys.argv[0] = 'kg'; app()"
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read().decode()
    return b"".join(chunks).decode("utf-8", "replace")


def test_csv_to_a_real_terminal_shows_control_characters_but_piped_csv_stays_exact(evil_ttl):
    shown = _in_a_terminal("query", "said", "--graph", str(evil_ttl), "--format", "csv")
    assert_inert(shown)
    assert "\\x1b]0;pwned" in shown
    piped = kg("query", "said", "--graph", evil_ttl, "--format", "csv")
    assert "\x1b]0;pwned" in piped.stdout, "a file for other tools keeps the data exact"


def test_a_real_terminal_gets_an_inert_table(evil_ttl):
    assert_inert(_in_a_terminal("query", "said", "--graph", str(evil_ttl)))


def test_build_warnings_and_errors_show_hostile_file_names_inert(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Anna Novak said the port would reopen on Monday.", encoding="utf-8")
    evil_name = "evil\x1b]0;pwned\x07\x1b[2J\u202etxt.gpj.txt"
    (folder / evil_name).write_text("", encoding="utf-8")
    (folder / "dup.txt").write_text("Anna Novak said the port would reopen on Monday.", encoding="utf-8")
    result = kg("build", folder, "--out", tmp_path / "o", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "evil\\x1b]0;pwned\\x07\\x1b[2J\\u202etxt.gpj.txt" in result.output
    alone = kg("build", folder / evil_name, "--out", tmp_path / "o2")
    assert alone.exit_code == 1 and "Traceback" not in alone.output
    assert_inert(alone.output)
    assert "error: nothing to build: evil\\x1b]0;pwned" in alone.output


def test_eval_warnings_and_errors_show_hostile_document_names_inert(evil_ttl, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    empty = {"entities": [], "relations": [], "roles": []}
    (gold / "a.json").write_text(json.dumps({**empty, "document": f"evil{EVIL}.txt"}), encoding="utf-8")
    (gold / "b.json").write_text(json.dumps({**empty, "document": f"missing{EVIL}.txt"}), encoding="utf-8")
    result = kg("eval", evil_ttl, "--gold", gold)
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "warning: gold document missing[/bold]" in result.output
    only_missing = kg("eval", evil_ttl, "--gold", gold / "b.json")
    assert only_missing.exit_code == 1
    assert_inert(only_missing.output)


# ---------------------------------------------------------------- the sanitiser itself

def test_clean_makes_every_control_and_format_character_visible_and_keeps_text():
    assert clean("a\x1b[2Jb\x07\x9b\u202e\u2066c\U000e0041") == "a\\x1b[2Jb\\x07\\x9b\\u202e\\u2066c\\U000e0041"
    assert clean("line\nbreak\ttab\r\u2028") == "line break tab  "
    assert clean("Erdoğan 😀 עברית می\u200cخواهم [bold]") == "Erdoğan 😀 עברית می\u200cخواهم [bold]"
    assert clean("a\nb\tc\x1b", keep_lines=True) == "a\nb\tc\\x1b"


def test_json_and_turtle_escapes_read_back_to_the_same_text():
    value = f"x {EVIL} \U000e0041 y"
    escaped = escape_json(json.dumps({"v": value}, ensure_ascii=False))
    assert json.loads(escaped)["v"] == value and not re.search("[\x80-\x9f\u202e\U000e0041]", escaped)
    import pyoxigraph as ox

    line = escape_turtle(f'<http://a.example/s> <http://a.example/p> "{value.replace(chr(92), chr(92) * 2)}" .\n')
    (quad,) = ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == value and "\x1b" not in line


# ---------------------------------------------------------------- fitting the terminal

SPEAKERS = ["Maria Kowalczyk", "Tomas Berglund", "Ruth Okafor", "Priya Nandakumar", "Ivo Petrak", "Carla Mendes",
            "Brian Kessler", "Ellen Marsh"]
PLACES = ["Port Elmridge", "Northfield", "Kingsmoor", "Westbury"]


def corpus_graph(path: Path, articles: int = 24) -> Path:
    """A made-up corpus: articles with long headlines and statements from a few words up to 600 characters."""
    extractions, entities = [], {}
    places = [Entity(f"Place:{p.lower()}", "Place", p) for p in PLACES]
    entities.update({e.key: e for e in places})
    for a in range(articles):
        sentences, relations = [], []
        text = ""
        for k in range(3):
            name = SPEAKERS[(a + k) % len(SPEAKERS)]
            person = entities.setdefault(f"Person:{name.lower()}", Entity(f"Person:{name.lower()}", "Person", name))
            place = places[(a + k) % len(places)]
            words = ["the", "council", "of", place.label, "will", "review", "the", "harbour", "budget", "again"]
            quote = " ".join(words[i % len(words)] for i in range(4 + (a * 7 + k * 31) % 100))
            sentence = f'{name} said "{quote}" on Monday. '
            start = len(text) + sentence.index(quote)
            text += sentence
            relations.append(Relation("said", person.key, Span(start, start + len(quote), quote),
                                      Evidence(Span(len(text) - len(sentence), len(text) - 1, sentence.strip()),
                                               "said/v1", 0.85), about=(place.key,)))
            sentences.append(sentence)
        title = f"Article {a}: councils across the region argue over harbour budgets, ferry lines and rail fares"
        article = Article(text=text, source=f"article-{a:03d}.txt", title=title, published="2025-03-04",
                          content_hash=hashlib.sha256(text.encode()).hexdigest())
        used = tuple(entities[k] for k in sorted({r.subject for r in relations} | {p for r in relations
                                                                                for p in r.about}))
        extractions.append(Extraction(article, used, tuple(relations), ()))
    build_graph(extractions, entities, minter=Minter()).serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def corpus_ttl(tmp_path_factory) -> Path:
    return corpus_graph(tmp_path_factory.mktemp("corpus") / "graph.ttl")


def visible_lines(output: str) -> list[str]:
    return [SGR.sub("", line) for line in output.splitlines()]


@pytest.mark.parametrize("width", [80, 120])
def test_said_table_fits_the_terminal(corpus_ttl, width):
    result = kg("query", "said", "--graph", corpus_ttl, env={"TTY_COMPATIBLE": "1", "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = visible_lines(result.output)
    assert max(cell_len(line.rstrip()) for line in lines) <= width
    header = next(line for line in lines if "speaker" in line)
    assert "statement" in header and "node" not in header, "the statement IRIs go first"
    caption = " ".join(" ".join(lines).split())
    assert "not shown to fit the terminal: node (--wide shows every column)" in caption
    assert "long text cut after 4 lines (--wide shows it whole)" in caption
    assert sum("Maria Kowalczyk" in line for line in lines) == sum(1 for a in range(24) for k in range(3)
                                                                   if SPEAKERS[(a + k) % 8] == "Maria Kowalczyk")


def test_wide_and_piped_tables_keep_one_row_per_line(corpus_ttl):
    piped = kg("query", "said", "--graph", corpus_ttl)
    wide = kg("query", "said", "--graph", corpus_ttl, "--wide", env={"TTY_COMPATIBLE": "1", "COLUMNS": "80"})
    for result in (piped, wide):
        assert result.exit_code == 0, result.output
        rows = [line for line in visible_lines(result.output) if line.startswith("│")]
        assert len(rows) == 72 and all("statement/" in row or "statement:" in row for row in rows)
    assert max(len(line) for line in visible_lines(wide.output)) > 600, "--wide does not fit, it shows everything"


@pytest.mark.parametrize("width", [80, 120])
def test_explain_fits_the_terminal_with_short_iris_and_wide_gives_them_whole(corpus_ttl, width):
    env = {"TTY_COMPATIBLE": "1", "COLUMNS": str(width)}
    fitted = kg("explain", "Maria Kowalczyk", "--graph", corpus_ttl, env=env)
    assert fitted.exit_code == 0, fitted.output
    lines = visible_lines(fitted.output)
    assert max(cell_len(line.rstrip()) for line in lines) <= width
    assert "<doc:" in fitted.output and "<https://kg.example/id/doc/" not in fitted.output
    wide = kg("explain", "Maria Kowalczyk", "--graph", corpus_ttl, "--wide", env=env)
    assert "<https://kg.example/id/doc/" in wide.output
