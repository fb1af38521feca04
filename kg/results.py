"""Query results as output: a readable table, or the standard SPARQL results formats (CSV, TSV, JSON) for tools.

CONSTRUCT and DESCRIBE results are triples: Turtle in place of a table, JSON-LD for `json`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

import pyoxigraph as ox
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.store import QueryError, Result, Term
from kg.store import default_prefixes as prefixes
from kg.terminal import clean, escape_json, escape_turtle


class Format(str, Enum):
    """What `kg query --format` writes."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


_MEASURE = Console(width=1_000_000, color_system=None)
"""Only measures and wraps text (rich needs a console for that); never prints."""

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


IRI_CHARS = 24
"""An IRI cell in a fitted table is cut to this many characters (`statement:8a7279ec…`)."""
SHORT_CHARS = 24
"""Columns no longer than this (names, cues, dates, numbers) keep their width; longer ones share the rest."""
MIN_LONG = 16
"""The narrowest a long text column is made before columns are dropped instead."""
MAX_LINES = 4
"""Lines a long text cell may take in a fitted table; the rest is cut with an ellipsis."""
_HASHED = re.compile(r"[\w-]+:[0-9a-f]{8,}")
"""An IRI minted from a hash (`statement:8a7279ece07f3deb`, `document:...`): the least useful column to a reader."""


def table(solutions: ox.QuerySolutions, *, width: int | None = None) -> Table:
    """SELECT results as a rich table; columns empty in every row are left out, the row count is the caption.

    With `width` (a terminal's), a table wider than that is fitted to it: columns of minted IRIs (statement and
    document nodes, which a cut would make useless) are dropped, other IRI cells are cut, then other IRI columns
    dropped from the right while the rest does not fit, and long text is wrapped over at most MAX_LINES lines
    and cut with an ellipsis; the caption says what was left out. Without it every row is one line, whole.
    Every value is cleaned for the terminal and given to rich as Text, never as markup."""
    names = prefixes()
    variables = [v.value for v in solutions.variables]
    rows = [[(clean(short(row[v], names)), isinstance(row[v], (ox.NamedNode, ox.BlankNode))) for v in variables]
            for row in solutions]
    keep = [i for i, v in enumerate(variables) if any(r[i][0] for r in rows)] or list(range(len(variables)))
    iri_columns = {i for i in keep if all(is_iri or not value for value, is_iri in (r[i] for r in rows))}
    headers = {i: clean(variables[i]) for i in keep}
    cells = {i: [r[i][0] for r in rows] for i in keep}
    notes = []
    widths: dict[int, int] = {}
    if width is not None:
        keep, widths, notes = _fit(width, keep, headers, cells, iri_columns)
    caption = f"{len(rows)} row{'s' if len(rows) != 1 else ''}" + "".join(f"; {n}" for n in notes)
    out = Table(caption=Text(caption), caption_justify="left", show_lines=False, highlight=False)
    for i in keep:
        out.add_column(Text(headers[i]), width=widths.get(i), no_wrap=True, overflow="ellipsis")
    for r in range(len(rows)):
        out.add_row(*[_cell(cells[i][r], widths.get(i)) for i in keep])
    return out


def _fit(width: int, keep: list[int], headers: dict[int, str], cells: dict[int, list[str]],
         iri_columns: set[int]) -> tuple[list[int], dict[int, int], list[str]]:
    """The columns to show in a terminal `width` wide, the width of each long one, and what the caption should
    say was left out. IRI cells are cut in place."""
    def natural(i: int) -> int:
        return max([cell_len(headers[i]), *(cell_len(c) for c in cells[i])])

    def overhead(columns: list[int]) -> int:
        return 3 * len(columns) + 1  # a border and two spaces of padding per column, one closing border

    notes: list[str] = []
    if sum(natural(i) for i in keep) + overhead(keep) <= width:
        return keep, {}, notes
    hashed = {i for i in iri_columns if any(_HASHED.fullmatch(c) for c in cells[i])}
    dropped = sorted(hashed) if len(keep) > len(hashed) else []
    keep = [i for i in keep if i not in dropped]
    for i in iri_columns - hashed:
        cells[i] = [c if len(c) <= IRI_CHARS else c[:IRI_CHARS - 1] + "\u2026" for c in cells[i]]
    order = sorted(iri_columns - set(dropped), key=lambda i: -i)

    def fits(columns: list[int]) -> bool:
        short = sum(natural(i) for i in columns if natural(i) <= SHORT_CHARS)
        long = [i for i in columns if natural(i) > SHORT_CHARS]
        return short + sum(min(natural(i), MIN_LONG) for i in long) + overhead(columns) <= width

    while order and len(keep) > 1 and not fits(keep):
        column = order.pop(0)
        dropped.append(column)
        keep = [i for i in keep if i != column]
    if dropped:
        notes.append("not shown to fit the terminal: " + ", ".join(headers[i] for i in sorted(dropped))
                     + " (--wide shows every column)")
    long = [i for i in keep if natural(i) > SHORT_CHARS]
    room = width - overhead(keep) - sum(natural(i) for i in keep if natural(i) <= SHORT_CHARS)
    widths = _share(room, {i: natural(i) for i in long})
    if any(len(_wrap(c, widths[i])) > MAX_LINES for i in long for c in cells[i]):
        notes.append(f"long text cut after {MAX_LINES} lines (--wide shows it whole)")
    return keep, widths, notes


def _share(room: int, wanted: dict[int, int]) -> dict[int, int]:
    """Widths for the long columns that add up to at most `room`: each first gets MIN_LONG (or an equal part of
    a room too small for that), then the rest of the room goes to them in proportion to what they still want."""
    if not wanted:
        return {}
    floor = max(1, room // len(wanted))
    widths = {i: min(w, MIN_LONG, floor) for i, w in wanted.items()}
    extra = room - sum(widths.values())
    more = {i: w - widths[i] for i, w in wanted.items()}
    total = sum(more.values())
    if extra > 0 and total:
        for i in wanted:
            widths[i] += min(more[i], extra * more[i] // total)
    return widths


def _wrap(value: str, width: int) -> list[str]:
    """`value` wrapped at word boundaries (long words broken) into lines at most `width` cells wide."""
    return [line.plain for line in Text(value).wrap(_MEASURE, width, overflow="fold")] if value else [""]


def _cell(value: str, width: int | None) -> Text:
    """A table cell as Text (never markup): as it is, or wrapped to `width` and cut after MAX_LINES lines."""
    if width is None:
        return Text(value)
    lines = _wrap(value, width)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1].rstrip()
        lines[-1] = (last if cell_len(last) < width else last[:-1]) + "\u2026"
    return Text("\n".join(lines))


def render(result: Result, fmt: Format, *, width: int | None = None, terminal: bool = False) -> Table | bytes:
    """The result in `fmt`: a Table to print for `table` (fitted to `width` when given), otherwise the bytes of
    the standard format. JSON, TSV and Turtle write unsafe characters as their own escapes (the same data);
    CSV has none, so its control characters are made visible only when it goes to a `terminal`."""
    if isinstance(result, ox.QuerySolutions):
        if fmt is Format.table:
            return table(result, width=width)
        data = result.serialize(format=RESULTS_FORMAT[fmt])
        if fmt is Format.csv:
            return clean(data.decode("utf-8"), keep_lines=True).encode("utf-8") if terminal else data
        return _escaped(data, escape_json if fmt is Format.json else escape_turtle)
    if isinstance(result, ox.QueryBoolean):
        if fmt is Format.table:
            return b"yes\n" if bool(result) else b"no\n"
        return result.serialize(format=RESULTS_FORMAT[fmt])
    triples = sorted(result, key=str)
    if fmt is Format.table:
        return _escaped(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes()), escape_turtle)
    if fmt is Format.json:
        return _escaped(ox.serialize(triples, format=ox.RdfFormat.JSON_LD), escape_json)
    raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples, not rows: use --format table (Turtle) "
                     f"or json (JSON-LD), not {fmt.value}")


def _escaped(data: bytes, escape: Callable[[str], str]) -> bytes:
    """UTF-8 output with its unsafe characters written as the format's escapes."""
    return escape(data.decode("utf-8")).encode("utf-8")
