"""The vocabulary is closed: every rule's predicate, every class and property the graph uses is in kg.ttl."""

from importlib import resources

from rdflib import OWL, RDF, Graph
from rdflib.namespace import ClosedNamespace

from kg.gazetteer import load
from kg.graph import KG
from kg.relations import load_rules
from kg.spec import node_classes


def vocabulary() -> ClosedNamespace:
    g = Graph().parse(data=resources.files("kg.ontology").joinpath("kg.ttl").read_text(encoding="utf-8"))
    terms = [str(s)[len(str(KG)):] for s in g.subjects(RDF.type, None) if str(s).startswith(str(KG))]
    return ClosedNamespace(str(KG), terms)


def test_every_rule_predicate_is_in_the_ontology():
    vocab = vocabulary()
    for spec in load_rules().values():
        predicate = "holdsRole" if spec.predicate == "role" else spec.predicate
        assert vocab[predicate] is not None
        assert spec.id == f"{spec.name}/v{spec.version}"


def test_node_classes_and_entity_classes_are_declared():
    g = Graph().parse(data=resources.files("kg.ontology").joinpath("kg.ttl").read_text(encoding="utf-8"))
    classes = set(g.subjects(RDF.type, OWL.Class))
    for name in [*node_classes().values(), "Person", "Organization", "Place", "Role"]:
        assert KG[name] in classes


def test_gazetteer_names_are_unambiguous():
    gaz = load()
    seen: dict[str, str] = {}
    for entry in gaz.entries.values():
        for name in (*entry.names, *entry.short_names):
            assert seen.setdefault(name, entry.id) == entry.id, f"{name!r} names {seen[name]} and {entry.id}"
    assert len(gaz.entries) > 1000
