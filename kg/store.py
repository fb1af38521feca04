"""The embedded SPARQL store: Oxigraph (pyoxigraph) answers queries, rdflib keeps building and serialising.

`kg build` writes each store into a new folder beside `output/store` and then points the symlink `output/store`
at it with one atomic rename, so a reader never opens half a store nor finds none, even if the build is killed.
Each article's triples are in a named graph (its document IRI), and the default graph holds their union as a
set (graph.ttl): queries need no GRAPH clause and see each triple once, while GRAPH ?doc still finds
where it came from. (Oxigraph's union-default-graph option would repeat a triple once per article that has it.)
Parameters are bound as RDF terms (SEP-0007 substitutions); an IRI or literal is also written into the query, in
its escaped N-Triples form, as a VALUES block at the top of a SELECT or ASK query's WHERE group, so that Oxigraph
joins on it (it applies substitutions only after evaluating the whole query). A value never changes the query's
structure.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError
from kg.graph import DEFAULT_BASE, PREFIXES, Minter, Triple, article_triples
from kg.offline import run_confined
from kg.model import Entity, Extraction
from kg.outdir import STORE_PREFIX, TMP_PREFIX

log = logging.getLogger(__name__)

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
               ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML,
               ".owl": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD}
"""Graph files `kg query --graph` reads, by extension."""


def default_prefixes() -> dict[str, str]:
    """Prefixes every query may use without declaring them: the vocabulary's and the default base IRI's."""
    return {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", **{p: str(ns) for p, ns in PREFIXES.items()},
            **Minter(DEFAULT_BASE).prefixes()}


class StoreError(KGError):
    """A store or graph file is missing, locked, not a store, or not valid RDF."""


class QueryError(KGError):
    """A query is malformed, is an update, or is given parameters it cannot take."""


def to_oxigraph(node: Node, cache: dict[Node, Term]) -> Term:
    """One rdflib term as the equal pyoxigraph term (`cache` keeps IRIs built once for the whole load)."""
    term = cache.get(node)
    if term is not None:
        return term
    if isinstance(node, URIRef):
        term = cache[node] = ox.NamedNode(str(node))
    elif isinstance(node, BNode):
        term = cache[node] = ox.BlankNode(str(node))
    elif isinstance(node, Literal):
        if node.language:
            term = ox.Literal(str(node), language=node.language)
        elif node.datatype:
            term = ox.Literal(str(node), datatype=to_oxigraph(node.datatype, cache))
        else:
            term = ox.Literal(str(node))
    else:
        raise TypeError(f"not an RDF term: {node!r}")
    return term


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: Term, cache: dict[str, URIRef]) -> Node:
    """One pyoxigraph term as the equal rdflib term (the inverse of to_oxigraph: an xsd:string literal is a plain
    one, as RDF 1.1 makes them the same term); `cache` keeps IRIs made once (rdflib checks each new one)."""
    if isinstance(term, ox.NamedNode):
        iri = cache.get(term.value)
        if iri is None:
            iri = cache[term.value] = URIRef(term.value)
        return iri
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=to_rdflib(term.datatype, cache))
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_triples(answer: Iterable[ox.Triple]) -> Iterator[Triple]:
    """The triples of a CONSTRUCT answer as rdflib triples, which kg.readback reads."""
    cache: dict[str, URIRef] = {}
    for s, p, o in answer:
        yield to_rdflib(s, cache), to_rdflib(p, cache), to_rdflib(o, cache)


def article_quads(extractions: Iterable[Extraction], corpus: dict[str, Entity], *, minter: Minter) -> Iterator[ox.Quad]:
    """Every article's triples (kg.graph.article_triples) in the named graph of its document IRI, and each also in
    the default graph, which a store keeps as a set: the union.

    The named graphs are kg.graph.build_dataset's, streamed straight into Oxigraph terms without an rdflib
    Dataset in between (which also fails on rdflib 7.6: its Dataset takes no `bind_namespaces`)."""
    return graph_quads((minter.document(x.article.doc_id), article_triples(x, corpus, minter)) for x in extractions)


def graph_quads(graphs: Iterable[tuple[URIRef, Iterable[Triple]]]) -> Iterator[ox.Quad]:
    """The quads of named graphs already made (kg.graph.named_graphs', which `kg build` also writes as Turtle),
    each triple also in the default graph; IRIs are converted once for the whole load."""
    cache: dict[Node, Term] = {}
    default = ox.DefaultGraph()
    for name, triples in graphs:
        graph = to_oxigraph(name, cache)
        for s, p, o in triples:
            subject, predicate, obj = to_oxigraph(s, cache), to_oxigraph(p, cache), to_oxigraph(o, cache)
            yield ox.Quad(subject, predicate, obj, graph)
            yield ox.Quad(subject, predicate, obj, default)


def is_store(path: Path) -> bool:
    """Whether `path` is an Oxigraph (RocksDB) folder, which is what `kg build` writes as output/store."""
    return (path / "CURRENT").is_file() and (path / "IDENTITY").is_file()


def write_store(quads: Iterable[ox.Quad], dest: Path) -> Path:
    """Load `quads` into a new version folder beside `dest` (`.kg-store.XXXXXXXX`) and make `dest`, a symlink, point
    at it in one atomic step.

    Readers therefore always find `dest` whole, old or new. The previous version is kept until the next build
    (a reader or `kg serve` may still have it open); `kg.outdir.writing` removes older ones. `dest` must be absent or
    a symlink: anything else is not kg's and is not replaced."""
    if dest.is_symlink() and not dest.exists():
        log.warning("%s points at a missing folder; replacing it", dest)
    elif os.path.lexists(dest) and not dest.is_symlink():
        raise StoreError(f"{dest} exists and is not the store link kg writes: move it away or choose another --out "
                         "folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{dest.name}.", dir=dest.parent))
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it private; a store is as readable as any folder
        store = ox.Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        del store  # closes the database before it moves
        version = tmp.with_name(STORE_PREFIX + tmp.name.rsplit(".", 1)[-1])
        os.rename(tmp, version)
        tmp = version
        _point(dest, version)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def _umask() -> int:
    """The process's file-creation mask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _point(dest: Path, version: Path) -> None:
    """Make `dest` a symlink to the folder `version` (its sibling) by an atomic rename of a new link over it."""
    link = dest.parent / f"{TMP_PREFIX}{dest.name}-link.{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(version.name, link)
    try:
        os.replace(link, dest)
    except BaseException:
        link.unlink(missing_ok=True)
        raise
    _sync_folder(dest.parent)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames, new links) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_store(path: Path) -> ox.Store:
    """The store `kg build` wrote at `path`, opened read-only: it works while another process holds it for writing.

    `path` (a symlink to the current version) is followed once, so a build that swaps in a new version meanwhile
    does not change what this store answers from."""
    if not path.exists():
        raise StoreError(f"{path}: no store here: run `kg build` first, or query a file with --graph FILE.ttl")
    if not path.is_dir() or not is_store(path):
        raise StoreError(f"{path}: not a kg store (the folder `kg build` writes as output/store)")
    try:
        return ox.Store.read_only(str(path.resolve()))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store read-only: {_one_line(e)}") from e


def load_file(path: Path) -> ox.Store:
    """An in-memory store of one graph file (Turtle, N-Triples, N-Quads, TriG, RDF/XML or JSON-LD, by extension);
    the triples of its named graphs are added to the default graph, as in a store kg build writes.

    Files over kg.export.MAX_GRAPH_BYTES are refused, and so is RDF/XML that could make the parser explode
    (check_rdf_xml). The parser fetches nothing: RDF/XML external entities and JSON-LD remote contexts are errors."""
    from kg.export import MAX_GRAPH_BYTES

    if not path.is_file():
        raise StoreError(f"{path}: no such graph file")
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown graph format (use one of {', '.join(sorted(RDF_FORMATS))})")
    size = path.stat().st_size
    if size == 0:
        raise StoreError(f"{path}: the graph file is empty")
    if size > MAX_GRAPH_BYTES:
        raise StoreError(f"{path}: {size / 1e6:.0f} MB is more than kg reads into memory "
                         f"({MAX_GRAPH_BYTES / 1e6:.0f} MB): load it into a store instead")
    if fmt == ox.RdfFormat.RDF_XML:
        check_rdf_xml(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as e:
        raise StoreError(f"{path}: not valid {fmt.name}: {_one_line(e)}") from e
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: cannot read the graph: {_one_line(e)}") from e
    named = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
             for q in store.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)]
    store.extend(named)
    return store


MAX_XML_DEPTH = 256
"""Deepest element nesting accepted in RDF/XML: Oxigraph's RDF/XML parser takes time more than quadratic in the
nesting (20,000 levels, a 1 MB file: 16 s), and RDF/XML written by tools nests a few levels per node."""


def check_rdf_xml(path: Path) -> None:
    """Refuse an RDF/XML file with a document type declaration, or nested deeper than MAX_XML_DEPTH, before
    Oxigraph parses it: Oxigraph expands the entities a DTD declares (nested entities in a 1 KB file make
    gigabytes), so no DTD is accepted. Read with expat, which keeps nothing and fetches nothing."""
    parser = expat.ParserCreate()
    depth = 0

    def doctype(name: str, system_id: str | None, public_id: str | None, internal_subset: bool) -> None:
        """A DTD: refused, whatever it declares (Oxigraph expands its entities without limit)."""
        raise StoreError(f"{path}: RDF/XML with a document type declaration (<!DOCTYPE ...>) is refused: the "
                         f"entities it can declare expand without limit; expand them and remove the DTD, or "
                         f"convert the file to Turtle")

    def start(name: str, attributes: dict[str, str]) -> None:
        """One element deeper."""
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise StoreError(f"{path}: RDF/XML nested more than {MAX_XML_DEPTH} elements deep is refused "
                             f"(line {parser.CurrentLineNumber})")

    def end(name: str) -> None:
        """One element shallower."""
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with open(path, "rb") as f:
            parser.ParseFile(f)
    except expat.ExpatError as e:
        raise StoreError(f"{path}: not well-formed XML: {e}") from e


def query(store: ox.Store, text: str, bindings: Mapping[str, Term] | None = None, *, source: str = "query") -> Result:
    """Run a read-only SPARQL query (its default graph: the union of the articles), `bindings` substituted and, where
    they can be, also joined first (with_values) so that the engine uses them. A federated query (SERVICE) is
    refused (refuse_federation): kg never fetches anything because of a query."""
    substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
    text = with_values(text, bindings or {})
    prefixes = default_prefixes()
    try:
        refuse_deep_nesting(text, source=source)
        refuse_federation(text, source=source, prefixes=prefixes)
        return store.query(text, substitutions=substitutions or None, prefixes=prefixes)
    except SyntaxError as e:
        if is_update(text):
            raise QueryError(f"{source}: updates are refused: kg only reads the graph (rebuild it with kg build)") \
                from e
        raise QueryError(f"{source}: malformed SPARQL: {_one_line(e)}") from e
    except RuntimeError as e:
        message = _one_line(e)
        if "SELECT projection" in message:
            missing = ", ".join(f"?{name}" for name in sorted(bindings or {}))
            raise QueryError(f"{source}: a --param must name a variable the query selects ({missing}): {message}") \
                from e
        raise QueryError(f"{source}: {message}") from e
    except OSError as e:
        raise StoreError(f"{source}: cannot read the store: {_one_line(e)}") from e


SERVICE = re.compile("service", re.IGNORECASE | re.ASCII)
"""The letters of the SERVICE keyword, in any (ASCII) case, as Oxigraph matches keywords."""
MAX_BRACKETS = 50_000
"""Most brackets a query may hold before refuse_federation parses it: a bound on its nesting, which Oxigraph's
parser needs stack for (kg.offline.STACK holds about 90,000 levels)."""
END = "\n\u00a7"
"""Text no query can go on with (a line break ends any comment, and U+00A7 is no SPARQL token): appended to a
query, it makes the parser stop with an error instead of evaluating anything."""


def refuse_federation(text: str, *, source: str = "query", prefixes: Mapping[str, str] | None = None,
                      base_iri: str | None = None) -> None:
    """Raise QueryError when Oxigraph would read `text` as a query with a SERVICE clause (federation: it would send
    a request to that address), in any case, position or nesting (subqueries, EXISTS, SERVICE ?var, SILENT).

    Oxigraph's own parser decides (pyoxigraph 0.5 exposes no algebra, and no switch to turn federation off):
    the query is parsed twice, with an ending no query can have, so that the parser stops without evaluating:
    as it is, and with the letters of every "service" changed to "sxrvice" (in strings, names and comments that
    changes nothing a parser sees, while a SERVICE keyword becomes an unknown word). When the two parses stop
    at different places, the query had a SERVICE keyword. The caller gives the prefixes and base IRI the query
    will be run with; the parser runs in a thread with stack enough for deep nesting (kg.offline.run_confined)."""
    if SERVICE.search(text) is None:
        return
    if sum(text.count(bracket) for bracket in "{([") > MAX_BRACKETS:
        raise QueryError(f"{source}: more than {MAX_BRACKETS:,} brackets: too deeply nested to check")

    def renamed(s: str) -> str:
        """`s` with each "service" spelled "sxrvice", in the same case."""
        return SERVICE.sub(lambda m: m[0][0] + ("X" if m[0][1].isupper() else "x") + m[0][2:], s)

    def stop(query: str, names: Mapping[str, str] | None) -> str | None:
        """Where and why the parser stops on `query` + END (None if it does not, which END rules out)."""
        try:
            ox.Store().query(query + END, prefixes=names, base_iri=base_iri)
        except SyntaxError as e:
            return str(e)
        return None

    as_is, as_renamed = run_confined(lambda: (stop(text, prefixes),
                                              stop(renamed(text), {renamed(k): v for k, v in (prefixes or {}).items()})))
    if as_is is None or as_is != as_renamed:
        raise QueryError(f"{source}: SERVICE (a federated query) is refused: kg answers from the local graph only "
                         f"and a query never makes it fetch anything")


TOKEN = re.compile(r"""(?P<skip>\#[^\n]*|"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}"""
                   r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>"""
                   r"""|[A-Za-z_][\w.-]*:[^\s{}()<>,;]*|:[^\s{}()<>,;]*)|(?P<variable>[?$]\w+)|(?P<word>[A-Za-z]+)"""
                   r"""|(?P<open>[{(\[])|(?P<close>[})\]])|\*""", re.DOTALL)
"""The SPARQL tokens where_groups needs: comments, strings, IRIs and prefixed names (skipped, so that no bracket or
keyword inside them counts), variables, bare words, brackets and `*`."""


def where_groups(text: str, name: str) -> list[tuple[int, int]]:
    """The offsets of the braces of each WHERE group where ?name is the query's own variable: a SELECT or ASK query's,
    and each sub-select's that projects ?name (or *) inside such a group; none for CONSTRUCT and DESCRIBE."""
    depth = 0
    pending: tuple[int, bool] | None = None  # the depth of a SELECT or ASK before its WHERE brace, whether it binds
    groups: list[tuple[int, int, bool]] = []  # the WHERE groups open: depth inside, opening brace, whether it binds
    found: list[tuple[int, int]] = []
    for m in TOKEN.finditer(text):
        token = m.group()
        if m["word"] and token.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            if not groups and token.upper() in ("CONSTRUCT", "DESCRIBE"):
                return []
            pending = (depth, not groups)
        elif pending and depth == pending[0] and token in ("*", f"?{name}", f"${name}"):
            pending = (depth, not groups or groups[-1][2])
        elif m["open"]:
            if pending and depth == pending[0] and token == "{":
                groups.append((depth + 1, m.start(), pending[1]))
                pending = None
            depth += 1
        elif m["close"]:
            if groups and groups[-1][0] == depth:
                _, start, binds = groups.pop()
                if binds:
                    found.append((start, m.start()))
            depth -= 1
            if depth < 0:
                return []
    return found if not groups else []


MAX_NESTING = 500
"""Deepest nesting of braces, parentheses and brackets accepted in a query: Oxigraph's parser recurses once per
level, and its server's threads overflow their stack (the whole engine aborts) at about 2,000."""


def refuse_deep_nesting(text: str, *, source: str = "query") -> None:
    """Raise QueryError when `text` nests deeper than MAX_NESTING (brackets in strings, IRIs and comments do not
    count): such a query would crash the engine rather than be answered."""
    depth = 0
    for m in TOKEN.finditer(text):
        if m["open"]:
            depth += 1
            if depth > MAX_NESTING:
                raise QueryError(f"{source}: nested more than {MAX_NESTING} levels deep: the query engine cannot "
                                 f"parse it")
        elif m["close"]:
            depth -= 1


def with_values(text: str, bindings: Mapping[str, Term]) -> str:
    """`text` with `VALUES ?k { term }` first in each WHERE group where ?k is the query's (where_groups), the term in
    its escaped N-Triples form, for the IRI and literal bindings: the engine then joins on them instead of filtering
    afterwards, also inside sub-selects (a group that is a sub-select is wrapped: `{ VALUES ... { SELECT ... } }`)."""
    for name, term in bindings.items():
        if not isinstance(term, ox.NamedNode | ox.Literal) or not re.fullmatch(r"[A-Za-z_]\w*", name, re.ASCII):
            continue
        inserts: list[tuple[int, str]] = []
        for start, end in where_groups(text, name):
            first = next((m for m in TOKEN.finditer(text, start + 1, end) if not m.group().startswith("#")), None)
            subselect = first is not None and first.group().upper() == "SELECT"
            inserts += [(start + 1, f" VALUES ?{name} {{ {term} }} " + ("{" if subselect else "")),
                        (end, "} " if subselect else "")]
        for at, insert in sorted(inserts, reverse=True):
            text = text[:at] + insert + text[at:]
    return text


UPDATE = re.compile(r"(?:\s|#[^\n]*\n|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
                    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def is_update(text: str) -> bool:
    """Whether `text` reads as a SPARQL update: its first keyword after the prologue and comments is an update verb."""
    return UPDATE.match(text) is not None


def _one_line(e: BaseException) -> str:
    """An exception's message as one line (third-party messages can span several)."""
    lines = [line.strip() for line in str(e).splitlines() if line.strip()]
    return " ".join(lines) if lines else type(e).__name__
