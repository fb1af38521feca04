"""JSON-LD with an embedded context: short keys ("label", "said", "confidence") for the kg vocabulary and
the graph's own prefixes ("person:john-kirby"), so the file reads as plain JSON and expands to the same RDF.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.export import OUTPUT_NAMES, Format, atomic_write
from kg.spec import relation_types

LINKS = {"sameAs": "schema:sameAs", "mentionedIn": "kg:mentionedIn", "holdsRole": "kg:holdsRole", "about": "kg:about",
         "atPlace": "kg:place", "document": "kg:document", "affiliation": "schema:affiliation"}
STRINGS = {"label": "rdfs:label", "altLabel": "skos:altLabel", "text": "kg:text", "cue": "kg:cue",
           "timeExpression": "kg:timeExpression", "sentence": "kg:sentence", "rule": "kg:rule",
           "jobTitle": "schema:jobTitle", "headline": "schema:headline", "articleText": "schema:text",
           "contentHash": "kg:contentHash", "sourceName": "kg:sourceName"}
TYPED = {"start": "xsd:integer", "end": "xsd:integer", "sentenceStart": "xsd:integer", "sentenceEnd": "xsd:integer",
         "confidence": "xsd:decimal"}


def terms() -> dict[str, Any]:
    """Short keys for the kg vocabulary (ontology/kg.ttl), each relation type's name among them ("said");
    kg:place is "atPlace" as "place:" is a prefix."""
    links = {**LINKS, **{name: f"kg:{name}" for name in relation_types()}}
    return {**STRINGS, **{term: {"@id": iri, "@type": "@id"} for term, iri in links.items()},
            **{term: {"@id": f"kg:{term}", "@type": t} for term, t in TYPED.items()},
            "url": {"@id": "schema:url", "@type": "xsd:anyURI"}}


def context(g: Graph) -> dict[str, Any]:
    """The short keys plus the graph's prefixes (a prefix wins over a term of the same name), sorted."""
    prefixes = {prefix: str(ns) for prefix, ns in g.namespaces() if prefix}
    return dict(sorted({**terms(), **prefixes}.items()))


def _canonical(value: Any) -> Any:
    """`value` with every list of nodes or values in a fixed order, so the output is byte-stable."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def serialize(g: Graph) -> bytes:
    """The graph as compacted JSON-LD with its context embedded, nodes sorted by @id."""
    ctx = context(g)
    doc = json.loads(g.serialize(format="json-ld", context=ctx, auto_compact=True))
    body = {k: v for k, v in doc.items() if k != "@context"}
    if "@graph" not in body:  # a single node is compacted to the top level
        body = {"@graph": [body]} if body else {"@graph": []}
    out = {"@context": ctx, "@graph": _canonical(body["@graph"])}
    return (json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write(g: Graph, out_dir: Path) -> Path:
    """`out_dir/graph.jsonld`."""
    return atomic_write(out_dir / OUTPUT_NAMES[Format.JSONLD], serialize(g))
