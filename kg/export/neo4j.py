"""Neo4j: CSVs for `neo4j-admin database import full` with `import.sh`, an idempotent Cypher script, and a
direct push with the official driver. All three carry the property graph of kg.export.propgraph.

Labels and relationship types come only from the whitelists below. In the script every value is a correctly
escaped Cypher literal bound to `$rows`; the push sends the same statements with the same literals written into
them (`UNWIND [...] AS row`), not as Bolt parameters: that is what both Neo4j and FalkorDB's Bolt server accept
(FalkorDB 4.16 crashes on parameters over about 4 KB; tests/test_export_bolt.py pushes to it).
"""

from __future__ import annotations

import csv
import io
import logging
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from kg.export import OUTPUT_NAMES, ExportError, Format, atomic_dir
from kg.export.propgraph import Edge, Node, PropertyGraph, Value, fact_kinds, groups, property_graph
from kg.readback import Records
from kg.spec import ROLE_PREDICATE, relation_types

log = logging.getLogger(__name__)

GROUPS = ("Entity", "Article", "RelationNode", "Role")
LINK_TYPES = {ROLE_PREDICATE: "HOLDS_ROLE", "about": "ABOUT", "place": "AT_PLACE", "mentionedIn": "MENTIONED_IN"}
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

ARRAY_DELIMITER = "\x1f"
"""Between list elements in the CSVs (U+001F, a control character no name contains; `;` could)."""
NODE_FILES = {"Entity": "entities.csv", "Article": "articles.csv", "RelationNode": "relation_nodes.csv",
              "Role": "roles.csv"}
NODE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "Entity": (("name", "string"), ("aliases", "string[]"), ("wikidata", "string")),
    "Article": (("headline", "string"), ("published", "string"), ("url", "string"), ("source", "string"),
                ("contentHash", "string"), ("text", "string")),
    "RelationNode": (("text", "string"),),
    "Role": (("title", "string"),),
}
REL_FILES = {("Entity", "Entity"): "rels_entity_entity.csv",
             ("Entity", "RelationNode"): "rels_entity_relation_node.csv",
             ("RelationNode", "Entity"): "rels_relation_node_entity.csv",
             ("Entity", "Role"): "rels_entity_role.csv",
             ("Entity", "Article"): "rels_entity_article.csv"}
REL_COLUMNS = (("id", "string"), ("text", "string"), ("cue", "string"), ("title", "string"),
               ("sentence", "string"), ("sentenceStart", "int"), ("sentenceEnd", "int"), ("start", "int"),
               ("end", "int"), ("rule", "string"), ("confidence", "double"), ("article", "string"),
               ("timeExpression", "string"), ("date", "string"))
SCRIPT = "kg.cypher"
IMPORT_SCRIPT = "import.sh"
FILES = (*NODE_FILES.values(), *REL_FILES.values(), SCRIPT, IMPORT_SCRIPT)
"""The files of `neo4j/`: kg replaces the folder whole, so it must hold nothing else."""
CONSTRAINTS_MARK = "// ---- constraints (Neo4j 5 syntax)"
DATA_MARK = "// ---- data"
DEFAULT_BATCH = 1000
MAX_STATEMENT_CHARS = 1_000_000
"""Characters of values one pushed statement carries at most (a longer row, an article's text, goes alone)."""
ROWS = "UNWIND $rows AS row "


@dataclass(frozen=True)
class Statement:
    """One parameterised Cypher statement and the rows bound to its `$rows` parameter."""

    query: str
    rows: list[dict[str, Any]]


def labels() -> dict[str, str]:
    """Node kind -> Neo4j label (each node also gets its group's label: Entity, RelationNode, Role, Article)."""
    return {kind: kind for kind in groups()}


def rel_types() -> dict[str, str]:
    """Edge kind -> Neo4j relationship type: each relation type's (SAID, ...) from the vocabulary, then the links."""
    return {**{name: r.neo4j_type for name, r in relation_types().items()}, **LINK_TYPES}


def _label(kind: str) -> str:
    """The whitelisted Neo4j label of a node kind."""
    label = labels().get(kind)
    if label is None or not IDENTIFIER.match(label):
        raise ExportError(f"no Neo4j label for node kind {kind!r}")
    return label


def _rel_type(kind: str) -> str:
    """The whitelisted Neo4j relationship type of an edge kind."""
    rel = rel_types().get(kind)
    if rel is None or not IDENTIFIER.match(rel):
        raise ExportError(f"no Neo4j relationship type for edge kind {kind!r}")
    return rel


def prepare(records: Records) -> PropertyGraph:
    """The property graph, with U+001F (the CSV array delimiter) replaced wherever it occurs."""
    return property_graph(records).replace_chars(re.compile(ARRAY_DELIMITER),
                                                     "U+001F separates list items in the CSVs")


# ---------------------------------------------------------------------------------------------- Cypher

def constraints() -> list[str]:
    """Uniqueness constraints on `id` for each node group (Neo4j 5 syntax), run before any data."""
    return [f"CREATE CONSTRAINT kg_{group.lower()}_id IF NOT EXISTS FOR (n:{group}) REQUIRE n.id IS UNIQUE"
            for group in GROUPS]


def indexes() -> list[str]:
    """Plain indexes on `id` for each node group, which MERGE uses too: for a server that refuses `constraints()`
    (FalkorDB's Bolt speaks Neo4j 5's protocol, not its schema commands; there, creating an index that exists
    is an error, and `IF NOT EXISTS` or an index name is not understood)."""
    return [f"CREATE INDEX FOR (n:{group}) ON (n.id)" for group in GROUPS]


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """`rows` in slices of at most `size`."""
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _row_groups(pg: PropertyGraph) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each MERGE statement (nodes first, then relationships; idempotent) with all the rows bound to its `$rows`."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    by_kind: dict[str, list[Node]] = {}
    for n in pg.nodes:
        by_kind.setdefault(n.kind, []).append(n)
    for kind, nodes in by_kind.items():
        label = _label(kind)
        group = nodes[0].group
        extra = f" SET n:{label}" if label != group else ""
        out.append((f"{ROWS}MERGE (n:{group} {{id: row.id}}){extra} SET n += row.props",
                    [{"id": n.id, "props": dict(n.props)} for n in nodes]))
    index = pg.node_index()
    by_shape: dict[tuple[str, str, str], list[Edge]] = {}
    for e in pg.edges:
        by_shape.setdefault((e.kind, index[e.source].group, index[e.target].group), []).append(e)
    for (kind, source, target), edges in by_shape.items():
        rel = _rel_type(kind)
        match = f"{ROWS}MATCH (a:{source} {{id: row.source}}) MATCH (b:{target} {{id: row.target}}) "
        if kind in fact_kinds():
            out.append((match + f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) SET r += row.props",
                        [{"id": e.id, "source": e.source, "target": e.target, "props": dict(e.props)} for e in edges]))
        else:
            out.append((match + f"MERGE (a)-[:{rel}]->(b)", [{"source": e.source, "target": e.target} for e in edges]))
    return out


def _check_batch_size(batch_size: int) -> None:
    """ExportError for a batch size below 1."""
    if batch_size < 1:
        raise ExportError("the batch size must be at least 1")


def statements(pg: PropertyGraph, batch_size: int = DEFAULT_BATCH) -> list[Statement]:
    """MERGE statements for every node then every relationship, `batch_size` rows each; idempotent."""
    _check_batch_size(batch_size)
    return [Statement(query, batch) for query, rows in _row_groups(pg) for batch in _batches(rows, batch_size)]


def inline_statements(pg: PropertyGraph, batch_size: int = DEFAULT_BATCH,
                      max_chars: int = MAX_STATEMENT_CHARS) -> list[str]:
    """The statements of `statements` with their rows written in as a Cypher list literal (`UNWIND [{...}, ...] AS
    row ...`, the literals of kg.cypher), each with at most `batch_size` rows and, beyond its first row,
    `max_chars` characters of them: what `push` sends."""
    _check_batch_size(batch_size)
    out: list[str] = []
    for query, rows in _row_groups(pg):
        body = query.removeprefix(ROWS)
        batch: list[str] = []
        size = 0
        for row in rows:
            literal = cypher_literal(row)
            if batch and (len(batch) == batch_size or size + len(literal) > max_chars):
                out.append(f"UNWIND [{', '.join(batch)}] AS row {body}")
                batch, size = [], 0
            batch.append(literal)
            size += len(literal)
        if batch:
            out.append(f"UNWIND [{', '.join(batch)}] AS row {body}")
    return out


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE = re.compile("[\\\\'\n\r\t\b\f]")


def cypher_literal(value: Any) -> str:
    """`value` (str, int, float, list, dict) as a Cypher literal on one line; strings single-quoted and escaped."""
    if isinstance(value, str):
        return "'" + _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value) + "'"
    if isinstance(value, bool) or value is None:
        raise ExportError(f"no Cypher literal for {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"no Cypher literal for {value!r}")
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"no Cypher literal for {type(value).__name__}")


def _key(name: str) -> str:
    """A map key: plain when it is an identifier, else backtick-quoted with backticks doubled."""
    return name if IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def script(pg: PropertyGraph, batch_size: int = DEFAULT_BATCH) -> str:
    """The Cypher script for cypher-shell: constraints, then `:param` + `UNWIND $rows ... MERGE` pairs."""
    lines = ["// kg graph for Neo4j 5 or later. Run: cypher-shell -f kg.cypher",
             "// Idempotent: every node and fact is MERGEd on its id (an IRI), the other properties SET +=.",
             f"// {len(pg.nodes)} nodes, {len(pg.edges)} relationships.", "", CONSTRAINTS_MARK]
    lines += [f"{c};" for c in constraints()]
    lines += ["", DATA_MARK]
    for st in statements(pg, batch_size):
        lines += [f":param {{rows: {cypher_literal(st.rows)}}}", f"{st.query};"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- CSV

def _header(name: str, kind: str) -> str:
    """A neo4j-admin header field: `name`, or `name:type` for anything but a string."""
    return name if kind == "string" else f"{name}:{kind}"


def _cell(value: Value | None) -> str:
    """A CSV field: empty when absent (neo4j-admin then sets no property), lists joined by ARRAY_DELIMITER."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(value)
    return repr(value) if isinstance(value, float) else str(value)


def _csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """RFC 4180 CSV text (fields with quotes, commas or line breaks quoted) with `\n` line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def csv_files(pg: PropertyGraph) -> dict[str, str]:
    """File name -> content of every CSV for neo4j-admin (header-only when there is nothing to import)."""
    files = {}
    for group, name in NODE_FILES.items():
        cols = NODE_COLUMNS[group]
        header = [f"id:ID({group})", ":LABEL", *(_header(c, t) for c, t in cols)]
        rows = [[n.id, _label(n.kind), *(_cell(n.props.get(c)) for c, _ in cols)]
                for n in pg.nodes if n.group == group]
        files[name] = _csv(header, rows)
    index = pg.node_index()
    facts = fact_kinds()
    for (source, target), name in REL_FILES.items():
        header = [f":START_ID({source})", f":END_ID({target})", ":TYPE", *(_header(c, t) for c, t in REL_COLUMNS)]
        rows = []
        for e in pg.edges:
            if (index[e.source].group, index[e.target].group) == (source, target):
                fact_id = e.id if e.kind in facts else None
                rows.append([e.source, e.target, _rel_type(e.kind), _cell(fact_id),
                             *(_cell(e.props.get(c)) for c, _ in REL_COLUMNS[1:])])
        files[name] = _csv(header, rows)
    shapes = {(index[e.source].group, index[e.target].group) for e in pg.edges}
    if shapes - set(REL_FILES):
        raise ExportError(f"relationships between {sorted(shapes - set(REL_FILES))} have no CSV file")
    return files


def import_script() -> str:
    """import.sh: the exact `neo4j-admin database import full` command for these CSVs."""
    nodes = " \\\n".join(f"  --nodes={g}={f}" if g in ("Entity", "RelationNode") else f"  --nodes={f}"
                         for g, f in NODE_FILES.items())
    rels = " \\\n".join(f"  --relationships={f}" for f in REL_FILES.values())
    return f"""#!/bin/sh
# Load the kg graph into a new Neo4j database (Neo4j 5 or later) with neo4j-admin; stop the database first.
#   ./import.sh                                   imports into the database "neo4j"
#   ./import.sh news --overwrite-destination      replaces the database "news"
# neo4j-admin is taken from $NEO4J_HOME/bin when NEO4J_HOME is set, else from PATH.
# To update a running database instead, run the idempotent script: cypher-shell -f {SCRIPT}
set -eu
cd "$(dirname "$0")"
database="${{1:-neo4j}}"
if [ "$#" -gt 0 ]; then shift; fi
exec "${{NEO4J_HOME:+$NEO4J_HOME/bin/}}neo4j-admin" database import full \\
  --array-delimiter=U+001F --multiline-fields=true \\
{nodes} \\
{rels} \\
  "$@" "$database"
"""


def write(records: Records, out_dir: Path) -> Path:
    """`out_dir/neo4j/`: the CSVs, import.sh and kg.cypher, replacing any previous export whole."""
    pg = prepare(records)
    target = out_dir / OUTPUT_NAMES[Format.NEO4J]
    with atomic_dir(target) as tmp:
        for name, content in csv_files(pg).items():
            (tmp / name).write_text(content, encoding="utf-8", newline="")
        (tmp / SCRIPT).write_text(script(pg), encoding="utf-8", newline="")
        (tmp / IMPORT_SCRIPT).write_text(import_script(), encoding="utf-8", newline="")
        os.chmod(tmp / IMPORT_SCRIPT, 0o755)
    return target


# ---------------------------------------------------------------------------------------------- push

def run_all(pg: PropertyGraph, run: Callable[[str], None], *, batch_size: int = DEFAULT_BATCH) -> int:
    """Send every data statement (`inline_statements`) through `run(query)` in order; returns how many were sent."""
    sent = 0
    for query in inline_statements(pg, batch_size):
        run(query)
        sent += 1
    return sent


def _write(tx: Any, query: str) -> None:
    """One batch in one managed transaction (the driver retries it on transient errors; MERGE makes that safe)."""
    tx.run(query).consume()


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> None:
    """Refuse a --uri that is not a Bolt or Neo4j routing URI, before any work is done."""
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in BOLT_SCHEMES or not rest:
        raise ExportError(f"--uri {uri!r}: give a Bolt URI such as bolt://localhost:7687 "
                          f"(schemes: {', '.join(BOLT_SCHEMES)})")


def _one_line(error: Exception) -> str:
    """A driver error's message on one line (some span several)."""
    return " ".join(str(error).split())


def _create_schema(session: Any, uri: str) -> None:
    """The uniqueness constraints, or where the server refuses them, indexes on `id` (one refused because it
    exists already is fine: MERGE is what keeps ids unique)."""
    from neo4j.exceptions import Neo4jError

    try:
        for query in constraints():
            session.run(query).consume()
        return
    except Neo4jError as e:
        log.warning("%s refused the uniqueness constraints on id (%s); creating indexes on id instead", uri,
                    _one_line(e))
    for query in indexes():
        try:
            session.run(query).consume()
        except Neo4jError as e:
            log.info("%s: %s refused (%s); the index is probably there already", uri, query, _one_line(e))


def push(records: Records, *, uri: str, user: str, password: str, database: str | None = None,
         batch_size: int = DEFAULT_BATCH) -> dict[str, int]:
    """Write the graph into a running Neo4j (or another Bolt server: FalkorDB) over Bolt: the uniqueness
    constraints on id (indexes where refused), then the data statements, one transaction per batch."""
    import neo4j
    from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

    check_uri(uri)
    pg = prepare(records)
    try:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            driver.verify_connectivity()
            with driver.session(database=database) as session:
                _create_schema(session, uri)
                batches = run_all(pg, lambda query: session.execute_write(_write, query), batch_size=batch_size)
    except (ValueError, ConfigurationError) as e:
        raise ExportError(f"--uri {uri}: {_one_line(e)}") from e
    except AuthError as e:
        raise ExportError(f"{uri}: Neo4j refused user {user!r}: {_one_line(e)}") from e
    except ServiceUnavailable as e:
        raise ExportError(f"cannot reach Neo4j at {uri}: {_one_line(e)}") from e
    except (Neo4jError, DriverError) as e:
        raise ExportError(f"Neo4j at {uri}: {_one_line(e)}") from e
    log.info("pushed %d nodes and %d relationships in %d batches", len(pg.nodes), len(pg.edges), batches)
    return {"nodes": len(pg.nodes), "relationships": len(pg.edges), "batches": batches}
