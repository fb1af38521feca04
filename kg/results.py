"""Query results as output: a readable table, or the standard SPARQL results formats (CSV, TSV, JSON) for tools.

CONSTRUCT and DESCRIBE results are triples: Turtle in place of a table, JSON-LD for `json`.
"""

from __future__ import annotations

from enum import Enum

import pyoxigraph as ox
from rich.table import Table

from kg.store import QueryError, Result, Term
from kg.store import default_prefixes as prefixes


class Format(str, Enum):
    """What `kg query --format` writes."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


RESULTS_FORMAT = {Format.csv: ox.QueryResultsFormat.CSV, Format.tsv: ox.QueryResultsFormat.TSV,
                  Format.json: ox.QueryResultsFormat.JSON}


def short(term: Term | None, names: dict[str, str]) -> str:
    """A term as a person reads it: an IRI as prefix:name where a prefix fits, a literal as its text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in names.items():
            rest = term.value[len(ns):]
            if term.value.startswith(ns) and rest and "/" not in rest and "#" not in rest:
                return f"{prefix}:{rest}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def table(solutions: ox.QuerySolutions) -> Table:
    """SELECT results as a rich table; columns empty in every row are left out, the row count is the caption."""
    names = prefixes()
    variables = [v.value for v in solutions.variables]
    rows = [[short(row[v], names) for v in variables] for row in solutions]
    keep = [i for i, v in enumerate(variables) if any(r[i] for r in rows)] or list(range(len(variables)))
    out = Table(*[variables[i] for i in keep], caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}",
                caption_justify="left",
                show_lines=False, highlight=False)
    for row in rows:
        out.add_row(*[row[i] for i in keep])
    return out


def render(result: Result, fmt: Format) -> Table | bytes:
    """The result in `fmt`: a Table to print for `table`, otherwise the bytes of the standard format."""
    if isinstance(result, ox.QuerySolutions):
        return table(result) if fmt is Format.table else result.serialize(format=RESULTS_FORMAT[fmt])
    if isinstance(result, ox.QueryBoolean):
        if fmt is Format.table:
            return b"yes\n" if bool(result) else b"no\n"
        return result.serialize(format=RESULTS_FORMAT[fmt])
    triples = sorted(result, key=str)
    if fmt is Format.table:
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes())
    if fmt is Format.json:
        return ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples, not rows: use --format table (Turtle) "
                     f"or json (JSON-LD), not {fmt.value}")
