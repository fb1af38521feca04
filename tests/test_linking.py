"""Cross-document linking: the same key is one node, a bare surname joins only a unique full name, and every
join is recorded with its reason. Extractions are built by hand: no model needed."""

from __future__ import annotations

import hashlib

from rdflib import RDFS, Literal, URIRef

from kg.graph import Minter, article_triples
from kg.linking import entity_rows, format_merges, link, merge_rows
from kg.model import Article, Entity, Evidence, Extraction, Relation, Span


def article(text: str) -> Article:
    return Article(text=text, source=f"{text[:10]}.txt", content_hash=hashlib.sha256(text.encode()).hexdigest())


def person(key: str, label: str, *aliases: str) -> Entity:
    return Entity(key, "Person", label, tuple(sorted({label, *aliases})), mentions=((0, len(label)),))


def said(subject: str, text: str) -> Relation:
    span = Span(0, len(text), text)
    return Relation("said", subject, span, Evidence(span, "said/v1", 0.9))


def extraction(text: str, *entities: Entity) -> Extraction:
    return Extraction(article(text), entities, tuple(said(e.key, text) for e in entities[:1]))


CORPUS = [
    extraction("Maria Kowalczyk spoke in Warsaw.", person("Person:maria kowalczyk", "Maria Kowalczyk"),
               Entity("gz:poland", "Place", "Poland", ("Warsaw",), "Q36", ((25, 31),))),
    extraction("Kowalczyk said more.", person("Person:kowalczyk", "Kowalczyk")),
    extraction("Ms Kowalczyk spoke again in Poland.", person("Person:kowalczyk", "Kowalczyk", "Ms Kowalczyk"),
               Entity("gz:poland", "Place", "Poland", ("Poland",), "Q36", ((28, 34),))),
    extraction("John Smith spoke.", person("Person:john smith", "John Smith")),
    extraction("Anna Smith replied.", person("Person:anna smith", "Anna Smith")),
    extraction("Smith would not say which.", person("Person:smith", "Smith")),
]


def test_a_bare_surname_joins_the_only_full_name_with_it():
    linking = link(CORPUS)
    assert linking.entities["Person:kowalczyk"] == linking.entities["Person:maria kowalczyk"]
    node = linking.entities["Person:kowalczyk"]
    assert node.key == "Person:maria kowalczyk" and node.label == "Maria Kowalczyk"
    assert set(node.aliases) == {"Maria Kowalczyk", "Kowalczyk", "Ms Kowalczyk"}
    assert len(linking.documents["Person:maria kowalczyk"]) == 3
    [merge] = [m for m in linking.merges if m.key == "Person:kowalczyk"]
    assert merge.into == "Person:maria kowalczyk" and "only person" in merge.reason and len(merge.documents) == 2


def test_a_surname_shared_by_two_people_is_left_apart_and_recorded():
    linking = link(CORPUS)
    assert linking.entities["Person:smith"].key == "Person:smith"
    assert linking.entities["Person:john smith"] != linking.entities["Person:anna smith"]
    [ambiguity] = linking.ambiguities
    assert ambiguity.key == "Person:smith" and ambiguity.candidates == ("Person:anna smith", "Person:john smith")
    assert not [m for m in linking.merges if m.key == "Person:smith"]


def test_the_same_gazetteer_id_is_one_entity_with_the_reason_recorded():
    linking = link(CORPUS)
    [merge] = [m for m in linking.merges if m.key == "gz:poland"]
    assert merge.into == "gz:poland" and "Q36" in merge.reason and len(merge.documents) == 2
    assert set(linking.entities["gz:poland"].aliases) == {"Poland", "Warsaw"}


def test_entities_in_one_article_only_record_no_merge():
    assert not [m for m in link(CORPUS).merges if m.key in ("Person:john smith", "Person:anna smith")]


def test_a_surname_never_joins_across_types():
    corpus = [extraction("Jordan Peterson spoke.", person("Person:jordan peterson", "Jordan Peterson")),
              extraction("Peterson Inc. grew.", Entity("Organization:peterson", "Organization", "Peterson")),
              extraction("Peterson shrugged.", Entity("Person:peterson", "Organization", "Peterson"))]
    linking = link(corpus)
    assert linking.entities["Organization:peterson"].key == "Organization:peterson"
    assert linking.entities["Person:peterson"].key == "Person:peterson"


def test_linking_does_not_depend_on_article_order():
    forward, backward = link(CORPUS), link(CORPUS[::-1])
    assert forward.entities == backward.entities
    assert forward.merges == backward.merges and forward.ambiguities == backward.ambiguities


def test_the_joined_surname_gets_the_full_names_iri_in_the_graph():
    linking, minter = link(CORPUS), Minter()
    triples = set(article_triples(CORPUS[1], linking.entities, minter))
    iri = URIRef("https://kg.example/id/person/maria-kowalczyk")
    assert (iri, RDFS.label, Literal("Maria Kowalczyk")) in triples
    assert (iri, URIRef("https://kg.example/ns#said"), None) not in triples
    assert any(s == iri and str(p).endswith("#said") for s, p, _ in triples)


def test_merge_report_lists_joins_under_their_entity_and_the_refusals():
    linking, minter = link(CORPUS), Minter()
    text = format_merges(merge_rows(linking, minter))
    assert "Maria Kowalczyk  <https://kg.example/id/person/maria-kowalczyk>" in text
    assert "Person:kowalczyk  (2 docs): surname of Maria Kowalczyk" in text
    assert "left apart:" in text and "Person:smith  (1 docs): not merged: 2 people" in text
    top = entity_rows(linking, minter)[0]
    assert top["label"] == "Maria Kowalczyk" and top["documents"] == 3
