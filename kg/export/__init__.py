"""Writers for the built graph, one module per format, and the atomic writes they all use.

`export(graph, fmt, out_dir)` imports the format's writer lazily (rdflib's plugin idea): a writer is a
function `(graph: Graph, out_dir: Path) -> Path` returning the file (or folder) it wrote, or for the formats of the
property graph `(records: kg.readback.Records, out_dir: Path) -> Path`. A new format is one module plus one line in
`WRITERS`.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from kg.errors import GraphError, KGError
from kg.outdir import FILE, FOLDER, OLD_PREFIX, TMP_PREFIX, Output

if TYPE_CHECKING:
    from kg.readback import Records

MAX_GRAPH_BYTES = 500_000_000


class ExportError(KGError):
    """An export could not be written or pushed; the message says why."""


class Format(str, Enum):
    """The formats `kg export --to` and `kg build --export` write."""

    NEO4J = "neo4j"
    GEPHI = "gephi"
    GRAPHML = "graphml"
    JSONLD = "jsonld"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    CSV = "csv"


OUTPUT_NAMES = {
    Format.NEO4J: "neo4j", Format.GEPHI: "graph.gexf", Format.GRAPHML: "graph.graphml", Format.JSONLD: "graph.jsonld",
    Format.NTRIPLES: "graph.nt", Format.NQUADS: "graph.nq", Format.TRIG: "graph.trig", Format.CSV: "csv",
}
"""Format -> the file or folder it writes into the output folder."""

WRITERS = {
    Format.NEO4J: "neo4j:write", Format.GEPHI: "gephi:write", Format.GRAPHML: "graphml:write",
    Format.JSONLD: "jsonld:write", Format.NTRIPLES: "rdf:write_ntriples", Format.NQUADS: "rdf:write_nquads",
    Format.TRIG: "rdf:write_trig", Format.CSV: "csv:write",
}
"""Format -> "module:function" under kg.export."""


def parse_format(name: str) -> Format:
    """The Format called `name`, or a KGError listing the choices."""
    try:
        return Format(name.strip().lower())
    except ValueError:
        raise ExportError(f"unknown export format {name!r}: choose from "
                          f"{', '.join(f.value for f in Format)}") from None


NAMED_GRAPH_FORMATS = frozenset({Format.NQUADS, Format.TRIG})
"""Formats with one named graph per article: they take the build's exact per-article Dataset when given."""
PROPERTY_GRAPH_FORMATS = frozenset({Format.NEO4J, Format.GEPHI, Format.GRAPHML, Format.CSV})
"""Formats of the property graph (kg.export.propgraph): they are written from the graph's records, which several of
them can share (kg.readback reads a corpus graph in about a second)."""


def output_of(fmt: Format) -> Output:
    """What `fmt` writes into an output folder, for kg.outdir's record: a file, or a folder and the files in it
    (a folder writer's module lists them as `FILES`)."""
    files = getattr(importlib.import_module(f"kg.export.{WRITERS[fmt].split(':')[0]}"), "FILES", None)
    return Output(OUTPUT_NAMES[fmt], FOLDER, tuple(files)) if files else Output(OUTPUT_NAMES[fmt], FILE)


def export(graph: Graph, fmt: Format, out_dir: Path, *, dataset: Dataset | None = None,
           records: Records | None = None) -> Path:
    """Write `graph` in format `fmt` into `out_dir`; returns the file or folder written.

    `dataset`, when given, holds the same triples as one named graph per article (see kg.export.rdf); `records`, when
    given, are the graph's as kg.readback.read reads them, for the property-graph formats."""
    module, function = WRITERS[fmt].split(":")
    writer = getattr(importlib.import_module(f"kg.export.{module}"), function)
    try:
        if fmt in NAMED_GRAPH_FORMATS:
            return writer(graph, out_dir, dataset)
        if fmt in PROPERTY_GRAPH_FORMATS:
            from kg.readback import read

            return writer(records if records is not None else read(graph), out_dir)
        return writer(graph, out_dir)
    except OSError as e:
        raise ExportError(f"cannot write the {fmt.value} export into {out_dir}: {e.strerror or e}") from e


def read_graph(path: Path) -> Graph:
    """A Turtle graph from `path`, or a GraphError saying in one line why it cannot be read."""
    if not path.exists():
        raise GraphError(f"{path}: no such graph file")
    if not path.is_file():
        raise GraphError(f"{path}: not a file (give the graph.ttl that `kg build` wrote)")
    size = path.stat().st_size
    if size == 0:
        raise GraphError(f"{path}: empty file")
    if size > MAX_GRAPH_BYTES:
        raise GraphError(f"{path}: {size / 1e6:.0f} MB is more than kg export reads into memory "
                         f"({MAX_GRAPH_BYTES / 1e6:.0f} MB)")
    data = path.read_bytes()
    if b"\x00" in data:
        raise GraphError(f"{path}: binary file, not Turtle")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise GraphError(f"{path}: not UTF-8 (byte {e.start}); Turtle files are UTF-8") from e
    g = Graph(bind_namespaces="none")
    try:
        g.parse(data=text, format="turtle")
    except Exception as e:  # rdflib raises many types for bad Turtle
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphError(f"{path}: not valid Turtle: {first}") from e
    return g


def _usual_mode(mode: int) -> int:
    """`mode` less the process umask: what a plain open() or mkdir() would give (mkstemp gives 0600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return mode & ~umask


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file (named `.kg-tmp.NAME.XXXXXXXX`) and a rename, so readers never
    see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, _usual_mode(0o666))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """A temporary folder beside `path` (`.kg-tmp.NAME.XXXXXXXX`) to fill; on success it replaces `path`, on failure
    it is removed.

    The old folder is moved aside (into `.kg-old.NAME.XXXXXXXX`) before the new one is renamed in, so `path` is
    always either the old complete export or the new complete one (for an instant, absent), never a mix. Callers
    check first that the old folder holds only kg's files (kg.outdir)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{path.name}.", dir=path.parent))
    os.chmod(tmp, _usual_mode(0o777))
    try:
        yield tmp
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{path.name}.", dir=path.parent))
            os.replace(path, old / path.name)
            os.replace(tmp, path)
            shutil.rmtree(old)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
