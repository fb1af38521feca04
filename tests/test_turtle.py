"""The Turtle writer: rdflib reads back exactly the triples written, and the bytes depend only on the triples."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.export.turtle import serialize

KG = Namespace("https://kg.example/ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest probes module attributes
ID = "https://kg.example/id/"
PREFIXES = {"kg": str(KG), "rdfs": str(RDFS), "xsd": str(XSD), "person": ID + "person/", "doc": ID + "doc/"}


def read_back(data: bytes) -> set:
    return set(Graph().parse(data=data.decode("utf-8"), format="turtle"))


def test_literals_and_iris_of_every_kind_round_trip():
    s = URIRef(ID + "person/john-kirby")
    triples = {
        (s, RDF.type, KG.Person),
        (s, RDFS.label, Literal("John Kirby")),
        (s, KG.text, Literal('He said: "no comment" \\ and \t tabs')),
        (s, KG.text, Literal('Line one\n\nLine "two" ends with a quote"')),
        (s, KG.text, Literal("control \x0c\x01 and \r carriage")),
        (s, KG.text, Literal("Zelenskyy — “quoted” — 日本語")),
        (s, KG.start, Literal(12, datatype=XSD.integer)),
        (s, KG.confidence, Literal(Decimal("0.85"), datatype=XSD.decimal)),
        (s, KG.confidence, Literal(Decimal("1"), datatype=XSD.decimal)),
        (s, KG.date, Literal("2022-03-29", datatype=XSD.date)),
        (s, KG.date, Literal("2022", datatype=XSD.gYear)),
        (s, KG.date, Literal("someday")),
        (s, KG.url, Literal("https://example.org/a?b=c", datatype=XSD.anyURI)),
        (s, RDFS.comment, Literal("bonjour", lang="fr")),
        (s, KG.mentionedIn, URIRef(ID + "doc/a838abe79ea97075")),
        (s, KG.mentionedIn, URIRef(ID + "person/with/slash")),
        (s, KG.mentionedIn, URIRef("http://other.example/\u00fcber?q=a#b")),
    }
    assert read_back(serialize(triples, PREFIXES)) == triples


def test_output_depends_only_on_the_set_of_triples():
    s = URIRef(ID + "person/a")
    triples = [(s, KG.text, Literal(f"text {i}")) for i in range(30)] + [(s, RDF.type, KG.Person)] * 3
    shuffled = triples[:]
    random.Random(7).shuffle(shuffled)
    first = serialize(triples, PREFIXES)
    assert serialize(shuffled, PREFIXES) == first
    assert first.decode().count("a kg:Person") == 1
    declared = {line.split()[1] for line in first.decode().splitlines() if line.startswith("@prefix")}
    assert declared == {"kg:", "person:"}, "exactly the prefixes the triples use are declared"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_round_trips(text):
    triple = (URIRef(ID + "person/a"), KG.text, Literal(text))
    assert read_back(serialize({triple}, PREFIXES)) == {triple}


def test_two_entities_whose_names_give_one_slug_get_two_iris_whatever_the_order() -> None:
    from kg.graph import Minter
    from kg.model import Entity

    gaz = Entity(key="gz:nato", type="Organization", label="NATO")
    other = Entity(key="Organization:nato \u00e6", type="Organization", label="NATO \u00e6")
    for corpus in ([gaz, other], [other, gaz]):
        m = Minter("https://example.org/kg/", corpus)
        assert str(m.entity(gaz)) == "https://example.org/kg/organization/nato"
        assert str(m.entity(other)).startswith("https://example.org/kg/organization/nato-")
