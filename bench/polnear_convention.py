"""PolNeAR's said gold rewritten in the convention of GUIDELINES.md, to read kg's PolNeAR figure against the spec.

PolNeAR keeps one statement for a quotation that goes on in a new sentence after its attribution
('"A," Smith said. "B."'), writing its object as the quoted pieces in a row; GUIDELINES.md and the full-dev gold
make that two statements (one per sentence of quotation: only an attribution inside the sentence, '"A," Smith said,
"B."', leaves one). `guidelines_gold` splits such objects where the article's text shows the attribution ending its
sentence, and keeps everything else as it is. It is an approximation of a re-annotation, printed beside the real
PolNeAR figure, never instead of it.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from kg.evaluate import load_gold, score
from kg.readback import Records

PIECE = re.compile(r"(?:\"|\u201c|''|``)(.+?)(?:\"|\u201d|'')", re.DOTALL)
"""A quoted piece of a gold object: straight, curly or doubled-apostrophe marks."""
SENTENCE_ENDS = re.compile(r"\w[.!?][)\]\u2019']?\s*(?:\"|\u201c|''|``)?$")
"""The text between two pieces ends a sentence before the next piece opens ('," Smith said on Monday. "')."""


def split_object(obj: str, text: str) -> list[str]:
    """The object's pieces grouped into statements: a new group wherever the article's text between two pieces
    ends a sentence; the object itself when it is not made of pieces found in order in `text`."""
    pieces = [p.strip(" ,") for p in PIECE.findall(obj)]
    pieces = [p for p in pieces if len(p.split()) > 0]
    if len(pieces) < 2:
        return [obj]
    found, at = [], 0
    for piece in pieces:
        at = text.find(piece[:40], at)
        if at < 0:
            return [obj]
        found.append(at)
        at += len(piece[:40])
    groups = [[pieces[0]]]
    for (a, piece), b, nxt in zip(zip(found, pieces), found[1:], pieces[1:]):
        if SENTENCE_ENDS.search(text[a + len(piece):b].strip()):
            groups.append([])
        groups[-1].append(nxt)
    return [" ".join(g) for g in groups] if len(groups) > 1 else [obj]


def convert(doc: dict[str, Any], text: str) -> tuple[dict[str, Any], int]:
    """One gold document with its said objects split (see `split_object`), and how many objects were split."""
    relations, split = [], 0
    for r in doc.get("relations", []):
        parts = split_object(r["object"], text) if r["type"] == "said" and isinstance(r["object"], str) else []
        if len(parts) > 1:
            split += 1
            relations.extend({**r, "object": part} for part in parts)
        else:
            relations.append(r)
    return {**doc, "relations": relations}, split


def guidelines_gold(folder: Path) -> tuple[dict[str, Any], int]:
    """The folder's gold merged as kg.evaluate.load_gold merges it, after `convert` on every document; and the
    number of statements split."""
    total = 0
    with tempfile.TemporaryDirectory(prefix="kg-polnear-") as tmp:
        for f in sorted(folder.glob("*.json")):
            doc, split = convert(json.loads(f.read_text(encoding="utf-8")),
                                 f.with_suffix(".txt").read_text(encoding="utf-8"))
            total += split
            (Path(tmp) / f.name).write_text(json.dumps(doc), encoding="utf-8")
        return load_gold(Path(tmp)), total


def report(folder: Path, records: Records) -> str:
    """One line: said of `records` against the folder's gold in the guidelines' convention (see `guidelines_gold`)."""
    converted, split = guidelines_gold(folder)
    r = score(converted, records)["relations"]["said"]
    return (f"said in GUIDELINES.md's convention ({split} statements split where the attribution ends a sentence): "
            f"P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}  "
            f"({r['tp']}/{r['predicted']} predicted, {r['gold']} gold)")
