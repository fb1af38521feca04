"""Spreadsheet CSVs: one row per entity, fact and role, as the RDF graph holds them; formula cells neutralised;
hostile names otherwise intact."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from rdflib import RDF, RDFS, URIRef

from kg.export import Format, export
from kg.export.csv import FORMULA_START, SEPARATOR, neutralise
from kg.graph import KG, SCHEMA

from exportkit import HOSTILE, RELATIONS, graph, hostile_graph, names  # noqa: F401  (graph: fixture)


def read(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of one spreadsheet, as a spreadsheet program opening it as UTF-8 CSV sees them."""
    data = (folder / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark tells Excel the file is UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def unneutralise(cell: str) -> str:
    """What the user typed into the spreadsheet cell: the apostrophe prefix is not part of the value."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def test_one_row_per_entity_fact_and_role(graph, tmp_path):
    folder = export(graph, Format.CSV, tmp_path)
    assert folder.name == "csv" and sorted(p.name for p in folder.iterdir()) == ["entities.csv", "relations.csv",
                                                                                 "roles.csv"]
    entities = read(folder, "entities.csv")
    expected_types = Counter(str(t).rsplit("#", 1)[1] for e in graph.subjects(KG.mentionedIn, None)
                             for t in graph.objects(e, RDF.type))
    assert Counter(r["type"] for r in entities) == expected_types
    relations = read(folder, "relations.csv")
    assert Counter(r["relation"] for r in relations) == Counter(
        {p: len(list(graph.subject_objects(KG[p]))) for p in RELATIONS if (None, KG[p], None) in graph})
    roles = read(folder, "roles.csv")
    assert len(roles) == len(list(graph.subject_objects(KG.holdsRole)))
    for row in relations:
        node = URIRef(row["id"])
        assert row["subject_id"] == str(next(graph.subjects(KG[row["relation"]], node)))
        assert unneutralise(row["text"]) == str(graph.value(node, KG.text))
        assert float(row["confidence"]) == float(graph.value(node, KG.confidence))
        assert int(row["start"]) == int(graph.value(node, KG.start))
        assert row["article"] == str(graph.value(node, KG.document))
        about = sorted(str(a) for a in graph.objects(node, KG.about))
        assert sorted(row["about_ids"].split(SEPARATOR) if row["about_ids"] else []) == about
    for row in roles:
        node = URIRef(row["id"])
        assert unneutralise(row["title"]) == str(graph.value(node, SCHEMA.jobTitle))
        affiliation = graph.value(node, SCHEMA.affiliation)
        assert row["affiliation_id"] == (str(affiliation) if affiliation else "")


def test_formula_cells_are_neutralised_and_names_otherwise_intact(tmp_path):
    g = hostile_graph()
    folder = export(g, Format.CSV, tmp_path)
    cells = [c for name in ("entities.csv", "relations.csv", "roles.csv") for row in read(folder, name)
             for c in row.values()]
    text_cells = [c for c in cells if c and not _is_number(c)]
    assert text_cells and not [c for c in text_cells if c.startswith(FORMULA_START)]
    entity_names = {unneutralise(r["name"]) for r in read(folder, "entities.csv")}
    assert entity_names == names(g) >= set(HOSTILE)
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells and "'+44 Caller" in cells
    assert "'=cmd|' /C calc'!A0" in cells, "a role title that is a DDE payload"
    for row in read(folder, "entities.csv"):
        assert unneutralise(row["name"]) == str(g.value(URIRef(row["id"]), RDFS.label))


def _is_number(cell: str) -> bool:
    """Whether a cell holds a number (numbers are never neutralised)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_neutralise_leaves_numbers_and_plain_text_alone():
    assert neutralise(-0.5) == "-0.5" and neutralise(3) == "3" and neutralise(None) == ""
    assert neutralise("Kirby") == "Kirby" and neutralise("-1 dead") == "'-1 dead" and neutralise("@x") == "'@x"
    assert neutralise(["=a", "b"]) == "'=a | b"
