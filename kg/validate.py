"""`kg validate`: SHACL validation (pyshacl) of a graph against ontology/shapes.ttl.

The vocabulary (ontology/kg.ttl) is added to the data graph, so shapes that target kg:Entity or kg:RelationNode
also reach their subclasses (kg:Person, kg:Statement, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.term import Node

from kg.errors import GraphError
from kg.export import read_graph
from kg.spec import vocabulary

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node that fails, the property, and what is wrong."""

    focus: str
    path: str
    message: str
    value: str
    severity: str

    def line(self) -> str:
        """The violation as one line of a report."""
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value[:80]})" if self.value and self.value != self.focus else ""
        return f"{self.severity.lower()}: <{self.focus}>{where}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    """Whether the graph conforms, and every violation, sorted."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int


def shapes() -> Graph:
    """The shapes graph shipped with kg."""
    return Graph().parse(data=resources.files("kg.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8"),
                         format="turtle")


def validate(path: Path) -> Report:
    """Validate the Turtle graph at `path` against kg's shapes."""
    from pyshacl import validate as shacl_validate

    data = read_graph(path)
    triples = len(data)
    data += vocabulary()
    if triples == 0:
        raise GraphError(f"{path}: the graph is empty: nothing to validate")
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes(), inference="none", advanced=False,
                                          allow_warnings=True)
    violations = sorted(_violation(results, r) for r in results.subjects(SH.resultSeverity, None))
    return Report(bool(conforms), tuple(violations), triples)


def _violation(results: Graph, node: Node) -> Violation:
    """One sh:ValidationResult as plain data."""
    def text(predicate: Node) -> str:
        """The result's value for `predicate` as text ("" when absent)."""
        value = results.value(node, predicate)
        return "" if value is None else str(value)

    path = results.value(node, SH.resultPath)
    inverse = results.value(path, SH.inversePath) if path is not None else None
    return Violation(focus=text(SH.focusNode), path=f"^{inverse}" if inverse is not None else text(SH.resultPath),
                     message=text(SH.resultMessage), value=text(SH.value), severity=text(SH.resultSeverity).rsplit("#", 1)[-1])
