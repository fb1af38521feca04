"""kg.view: reading a kg graph into entities and folded facts, and narrowing it as `kg viz` options ask."""

from __future__ import annotations

import pytest

from kg.errors import GraphError
from kg.readback import ROLE, Entity, EntityNotFound, find_entity
from kg.view import View, ViewError, parse_types, read_view, select

from graphs import small_graph


@pytest.fixture(scope="module")
def view():
    return read_view(small_graph())


def labels(v) -> set[str]:
    return {e.label for e in v.entities.values()}


def test_entities_keep_type_names_and_wikidata(view):
    putin = view.entities[find_entity(view.entities, "Vladimir Putin")]
    assert (putin.type, putin.aliases, putin.wikidata) == ("Person", ("Putin",), "Q7747")
    assert labels(view) == {"Vladimir Putin", "Dmitry Peskov", "Kremlin", "Ukraine", "Istanbul", "Recep Erdogan",
                            "Morocco"}


def test_facts_fold_relation_nodes_into_targets_with_evidence(view):
    said = [f for f in view.facts if f.type == "said" and view.entities[f.subject].label == "Vladimir Putin"]
    assert len(said) == 2
    first = max(said, key=lambda f: f.confidence)
    assert {view.entities[t.entity].label for t in first.targets} == {"Ukraine"}
    assert first.sentence.startswith("Putin said") and first.rule == "said/v1" and first.confidence == 0.9
    assert view.documents[first.document].headline == "Talks in Istanbul"
    hosted = next(f for f in view.facts if f.type == "hosted")
    assert [(view.entities[t.entity].label, t.via) for t in hosted.targets] == [("Istanbul", "place")]
    role = next(f for f in view.facts if f.type == ROLE)
    assert (role.text, [view.entities[t.entity].label for t in role.targets]) == ("spokesman", ["Kremlin"])


def test_a_fact_about_its_own_subject_has_no_self_target(view):
    denies = next(f for f in view.facts if f.type == "denies")
    assert denies.targets == ()


def test_focus_keeps_the_neighbourhood(view):
    near = select(view, focus="peskov")
    assert labels(near) == {"Dmitry Peskov", "Kremlin", "Ukraine"}
    assert near.notes == ("the neighbourhood of Dmitry Peskov",)
    assert all(f.subject in near.entities and all(t.entity in near.entities for t in f.targets) for f in near.facts)


def test_focus_by_iri_slug_and_other_name(view):
    iri = find_entity(view.entities, "Putin")
    assert find_entity(view.entities, iri) == iri == find_entity(view.entities, "person:vladimir-putin")
    assert find_entity(view.entities, "VLADIMIR PUTIN") == find_entity(view.entities, "vladimir") == iri


def test_an_ambiguous_focus_lists_the_candidates():
    georgia = {iri: Entity(iri, kind, "Georgia") for iri, kind in
               [("https://kg.example/id/place/georgia", "Place"), ("https://kg.example/id/person/georgia", "Person")]}
    with pytest.raises(EntityNotFound, match="names 2 entities; give one of: Georgia .*person/georgia.*place/georgia"):
        find_entity(georgia, "georgia")
    with pytest.raises(ViewError, match="--focus: 'georgia' names 2 entities"):
        select(View(georgia, (), {}), focus="georgia")
    assert find_entity(georgia, "place:georgia") == "https://kg.example/id/place/georgia"


def test_unknown_focus_suggests_close_names(view):
    with pytest.raises(ViewError, match="did you mean 'Vladimir Putin'"):
        select(view, focus="Vladimir Putn")


def test_types_filter_relations_and_entities(view):
    only_said = select(view, relation_types={"said"})
    assert {f.type for f in only_said.facts} == {"said"}
    assert len(only_said.entities) == len(view.entities)
    people = select(view, entity_types={"Person"})
    assert {e.type for e in people.entities.values()} == {"Person"}
    assert all(not f.targets for f in people.facts if f.type == ROLE)


def test_parse_types_accepts_commas_repeats_and_any_case():
    assert parse_types(["said,Denies", "PERSON"]) == (frozenset({"said", "denies"}), frozenset({"Person"}))
    with pytest.raises(ViewError, match="unknown type 'quoted'"):
        parse_types(["quoted"])


def test_min_confidence_drops_weaker_facts(view):
    strong = select(view, min_confidence=0.85)
    assert strong.facts and all(f.confidence >= 0.85 for f in strong.facts)
    assert len(strong.facts) < len(view.facts)


def test_max_nodes_keeps_the_most_connected(view):
    top = select(view, max_nodes=2)
    degree = view.degree()
    assert len(top.entities) == 2
    assert min(degree[k] for k in top.entities) >= max(degree[k] for k in view.entities if k not in top.entities)
    assert top.notes == (f"the 2 most connected of {len(view.entities)} entities",)


def test_focus_on_a_type_left_out_is_an_error(view):
    with pytest.raises(ViewError, match="is a Place"):
        select(view, focus="Ukraine", entity_types={"Person"})


def test_a_graph_without_kg_entities_is_refused():
    from rdflib import Graph

    with pytest.raises(GraphError, match="no kg:Person"):
        read_view(Graph())


def test_a_build_s_triples_read_the_same_view_as_the_graph(view):
    assert read_view(list(small_graph())) == view


def test_a_kg_graph_whose_articles_name_no_entity_is_an_empty_view():
    """`kg build` on articles naming no person, organisation or place writes an empty page, not an error."""
    from rdflib import RDF, Graph, URIRef

    from kg.export import html
    from kg.graph import SCHEMA

    g = Graph()
    g.add((URIRef("https://kg.example/id/doc/1"), RDF.type, SCHEMA.NewsArticle))
    assert read_view(g).entities == read_view(set(g)).entities == {}
    assert b'id="kg-data"' in html.render(g)
