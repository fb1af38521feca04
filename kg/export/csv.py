"""Spreadsheets: `csv/entities.csv`, `csv/relations.csv` (said, hosted, denies, proposes) and `csv/roles.csv`.

UTF-8 with a byte-order mark so Excel reads accents, one row per entity or fact, names next to their IRIs.
A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is
prefixed with an apostrophe, as OWASP recommends against CSV injection; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path


from kg.export import OUTPUT_NAMES, Format, atomic_dir
from kg.export.propgraph import Edge, PropertyGraph, Value, property_graph, relation_kinds
from kg.readback import Records

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEPARATOR = " | "
"""Between several names in one cell."""

FILES = ("entities.csv", "relations.csv", "roles.csv")
"""The files of `csv/`: kg replaces the folder whole, so it must hold nothing else."""

ENTITY_COLUMNS = ("id", "type", "name", "aliases", "wikidata", "articles")
RELATION_COLUMNS = ("id", "relation", "subject", "subject_type", "text", "about", "place", "time", "date", "cue",
                    "confidence", "rule", "article", "sentence", "start", "end", "sentence_start",
                    "sentence_end", "subject_id", "about_ids", "place_id")
ROLE_COLUMNS = ("id", "person", "title", "affiliation", "text", "confidence", "rule", "article", "sentence",
                "start", "end", "sentence_start", "sentence_end", "person_id", "affiliation_id")


def neutralise(cell: Value | None) -> str:
    """A cell's text; strings a spreadsheet would evaluate get a leading apostrophe."""
    if cell is None:
        return ""
    if isinstance(cell, (int, float)):
        return repr(cell) if isinstance(cell, float) else str(cell)
    text = SEPARATOR.join(cell) if isinstance(cell, list) else cell
    return "'" + text if text.startswith(FORMULA_START) else text


def _table(columns: Sequence[str], rows: list[dict[str, Value | None]]) -> bytes:
    """A spreadsheet: header and neutralised cells, CRLF line ends, UTF-8 with a byte-order mark."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([neutralise(row.get(c)) for c in columns] for row in rows)
    return buf.getvalue().encode("utf-8-sig")


def _evidence(e: Edge) -> dict[str, Value | None]:
    """The columns every fact and role row shares: id, text and the evidence."""
    p = e.props
    return {"id": e.id, "text": p.get("text"), "confidence": p.get("confidence"), "rule": p.get("rule"),
            "article": p.get("article"), "sentence": p.get("sentence"), "start": p.get("start"),
            "end": p.get("end"), "sentence_start": p.get("sentenceStart"), "sentence_end": p.get("sentenceEnd")}


def tables(pg: PropertyGraph) -> dict[str, bytes]:
    """File name -> content of the three spreadsheets."""
    index = pg.node_index()
    name = {n.id: n.label for n in pg.nodes}
    args: dict[str, dict[str, list[str]]] = {}
    articles: dict[str, list[str]] = {}
    for e in pg.edges:
        if e.kind in ("about", "place"):
            args.setdefault(e.source, {}).setdefault(e.kind, []).append(e.target)
        elif e.kind == "mentionedIn":
            articles.setdefault(e.source, []).append(e.target)
    entities = [{"id": n.id, "type": n.kind, "name": n.props.get("name"), "aliases": n.props.get("aliases"),
                 "wikidata": n.props.get("wikidata"), "articles": articles.get(n.id)}
                for n in pg.nodes if n.group == "Entity"]
    relations, roles = [], []
    kinds = relation_kinds()
    for e in pg.edges:
        if e.kind in kinds:
            kept = index[e.target].group == "RelationNode"
            about = args.get(e.target, {}).get("about", []) if kept else [e.target]
            place = args.get(e.target, {}).get("place", []) if kept else []
            relations.append({**_evidence(e), "relation": e.kind, "subject": name[e.source],
                              "subject_type": index[e.source].kind, "about": [name[a] for a in about] or None,
                              "place": [name[p] for p in place] or None, "time": e.props.get("timeExpression"),
                              "date": e.props.get("date"), "cue": e.props.get("cue"), "subject_id": e.source,
                              "about_ids": about or None, "place_id": place or None})
        elif e.kind == "holdsRole":
            affiliation = e.target if index[e.target].group == "Entity" else None
            roles.append({**_evidence(e), "person": name[e.source], "title": e.props.get("title"),
                          "affiliation": name[affiliation] if affiliation else None, "person_id": e.source,
                          "affiliation_id": affiliation})
    return dict(zip(FILES, (_table(ENTITY_COLUMNS, entities), _table(RELATION_COLUMNS, relations),
                            _table(ROLE_COLUMNS, roles))))


def write(records: Records, out_dir: Path) -> Path:
    """`out_dir/csv/` with entities.csv, relations.csv and roles.csv, replacing any previous one whole."""
    target = out_dir / OUTPUT_NAMES[Format.CSV]
    with atomic_dir(target) as tmp:
        for file_name, data in tables(property_graph(records)).items():
            (tmp / file_name).write_bytes(data)
    return target
