"""Ready-made SPARQL queries shipped with kg (`NAME.rq` beside this file) and the parameters they take.

A query file starts with a one-line description (`# ...`, what `kg query --list` shows) and declares its
parameters, one comment line each:

    # @param NAME TYPE [optional]: what it means

TYPE is `entity` (a name or an IRI, matched by kg.readback.find_entity's rules), `iri`, `string`, `integer`,
`decimal` or `date`. A value is bound to the variable `?NAME` as an RDF term (kg.store.query: a substitution, and a
VALUES block of the escaped term, so a value cannot change the query), so the variable must be selected. A line
ending in `# if NAME` is kept only when NAME is given, one ending in `# unless NAME` only when it is not: that is how
an optional filter is switched on. An `integer` parameter written as `LIMIT ?NAME` or `OFFSET ?NAME` (where SPARQL
takes no variable) is written into the text as a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.model import ENTITY_TYPES
from kg.readback import EntityNotFound, find_entity, read
from kg.spec import KG
from kg.store import QueryError, Term, query, rdflib_triples

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("entity", "iri", "string", "integer", "decimal", "date")
PARAM_LINE = re.compile(r"^#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?P<optional>\s+optional)?\s*:?\s*"
                        r"(?P<description>.*)$")
CONDITION = re.compile(r"#\s*(?P<kind>if|unless)\s+(?P<name>[A-Za-z_]\w*)\s*$")
NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Param:
    """One declared parameter of a query."""

    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class Query:
    """A SPARQL query with its description and declared parameters (a ready-made one, a file, or typed text)."""

    name: str
    text: str
    description: str = ""
    params: tuple[Param, ...] = ()

    def text_for(self, given: set[str]) -> str:
        """The query text with `# if NAME` lines kept only when NAME is given (`# unless NAME`: when it is not)."""
        lines = []
        for line in self.text.splitlines():
            condition = CONDITION.search(line)
            if condition and (condition["name"] in given) != (condition["kind"] == "if"):
                continue
            lines.append(line)
        return "\n".join(lines) + ("\n" if self.text.endswith("\n") else "")

    def prepared(self, terms: dict[str, Term]) -> tuple[str, dict[str, Term]]:
        """The text for the parameters given (text_for), each integer one in `LIMIT ?NAME` or `OFFSET ?NAME` written
        in as a number (a non-negative one), and the terms left to bind."""
        text = self.text_for(set(terms))
        rest = dict(terms)
        for p in self.params:
            clause = re.compile(rf"\b(LIMIT|OFFSET)(\s+)[?$]{p.name}\b", re.IGNORECASE)
            if p.type == "integer" and p.name in terms and clause.search(text):
                number = int(rest.pop(p.name).value)
                if number < 0:
                    raise QueryError(f"--param {p.name}={number}: must be 0 or more")
                text = clause.sub(rf"\g<1>\g<2>{number}", text)
        return text, rest


def parse(text: str, name: str) -> Query:
    """A query and what its header comment declares (description, parameters)."""
    lines = text.splitlines()
    description = lines[0].lstrip("#").strip() if lines and lines[0].startswith("#") else ""
    params = []
    for line in lines:
        if re.match(r"^#\s*@param\b", line):
            m = PARAM_LINE.match(line)
            if m is None or m["type"] not in PARAM_TYPES:
                raise QueryError(f"{name}: bad parameter declaration {line!r} "
                                 f"(write '# @param NAME TYPE [optional]: description', TYPE one of "
                                 f"{', '.join(PARAM_TYPES)})")
            params.append(Param(m["name"], m["type"], bool(m["optional"]), m["description"].strip()))
    return Query(name, text, description, tuple(params))


def catalog() -> dict[str, Query]:
    """Every ready-made query shipped with kg, by name."""
    folder = resources.files("kg.queries")
    return {entry.name[:-3]: parse(entry.read_text(encoding="utf-8"), entry.name[:-3])
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".rq")}


def ready_made(name: str) -> Query:
    """The ready-made query `name`, or an error listing the ones there are."""
    queries = catalog()
    if name not in queries:
        raise QueryError(f"no ready-made query {name!r}: `kg query --list` shows them ({', '.join(queries)})")
    return queries[name]


def from_file(path: Path) -> Query:
    """A query read from a `.rq` file (its header may declare parameters like the ready-made ones)."""
    if not path.is_file():
        raise QueryError(f"{path}: no such query file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise QueryError(f"{path}: not UTF-8 text: a query file must be UTF-8") from e
    if not text.strip():
        raise QueryError(f"{path}: the query file is empty")
    return parse(text, str(path))


def from_argument(argument: str) -> Query:
    """What `kg query ARG` means: a ready-made query when ARG is a bare name, otherwise SPARQL text."""
    if NAME.match(argument):
        return ready_made(argument)
    if not argument.strip():
        raise QueryError("the query is empty: give SPARQL text, -f FILE.rq or a name from `kg query --list`")
    return parse(argument, "query")


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`--param key=value` options as a dict (a key given twice is an error)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not re.match(r"^[A-Za-z_]\w*$", key):
            raise QueryError(f"--param {pair!r}: write key=value, the key being a query variable without '?'")
        if key in out:
            raise QueryError(f"--param {key} is given twice")
        out[key] = value
    return out


def bind(store: ox.Store, q: Query, values: dict[str, str]) -> dict[str, Term]:
    """Turn `--param` values into RDF terms of the types `q` declares (undeclared ones: an <IRI> or a string)."""
    declared = {p.name: p for p in q.params}
    if q.params:
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(f"{q.name} has no parameter {', '.join(unknown)} "
                             f"(it takes: {', '.join(declared) or 'none'})")
        missing = [p.name for p in q.params if not p.optional and p.name not in values]
        if missing:
            raise QueryError(f"{q.name} needs --param {missing[0]}=... ({declared[missing[0]].description})")
    terms = {}
    for key, value in values.items():
        kind = declared[key].type if key in declared else ("iri" if _is_bracketed(value) else "string")
        terms[key] = term(store, kind, value, key)
    return terms


def term(store: ox.Store, kind: str, value: str, key: str) -> Term:
    """One parameter value as an RDF term of type `kind`; a clear error when it is not one."""
    try:
        if kind == "entity":
            try:
                return resolve_entity(store, value)
            except EntityNotFound as e:
                raise QueryError(f"--param {key}: {e}") from None
        if kind == "iri":
            return ox.NamedNode(value.strip().removeprefix("<").removesuffix(">"))
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        if kind == "decimal":
            return ox.Literal(str(Decimal(value.strip())), datatype=ox.NamedNode(XSD + "decimal"))
        if kind == "date":
            return ox.Literal(date.fromisoformat(value.strip()).isoformat(), datatype=ox.NamedNode(XSD + "date"))
    except (ValueError, InvalidOperation) as e:
        raise QueryError(f"--param {key}={value!r}: not a valid {kind}") from e
    return ox.Literal(value)


def _is_bracketed(value: str) -> bool:
    """Whether a value is written as an IRI in angle brackets."""
    value = value.strip()
    return value.startswith("<") and value.endswith(">")


NAMES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
CONSTRUCT {{ ?entity a ?type ; rdfs:label ?label ; skos:altLabel ?alias . ?article a schema:NewsArticle }} WHERE {{
  {{
    VALUES ?type {{ {" ".join(f"<{KG[t]}>" for t in ENTITY_TYPES)} }}
    ?entity a ?type .
    OPTIONAL {{ ?entity rdfs:label ?label }}
    OPTIONAL {{ ?entity skos:altLabel ?alias }}
  }} UNION {{
    ?article a schema:NewsArticle
  }}
}}"""
"""Every entity's types and names, and the articles (which make a graph without entities a kg graph still)."""


def resolve_entity(store: ox.Store, value: str) -> ox.NamedNode:
    """The entity a user means, read with kg.readback and found by its `find_entity` (the rules of `kg viz --focus`
    too): an IRI or its end, a name, another name, a surname or words of a name; EntityNotFound when none or several
    fit."""
    return ox.NamedNode(find_entity(read(rdflib_triples(query(store, NAMES))).entities, value))
