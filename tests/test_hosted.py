"""hosted/v1: active and passive hosting, place and time, near misses."""

from conftest import extract, facts

import texts


def test_active_host_with_place_and_time():
    x = extract(texts.HOSTED_ACTIVE, published="2022-03-29")
    (rel,) = [r for r in x.relations if r.predicate == "hosted"]
    labels = {e.key: e.label for e in x.entities}
    assert labels[rel.subject] == "Recep Tayyip Erdo\u011fan"
    assert rel.object.text == "the peace talks in Istanbul"
    assert labels[rel.place] == "Istanbul"
    assert rel.time.expression == "Tuesday" and rel.time.date == "2022-03-29"


def test_participle_hosted_by():
    assert facts(extract(texts.HOSTED_PASSIVE_PARTICIPLE), "hosted") == [("Recep Tayyip Erdo\u011fan", "the peace talks")]


def test_passive_with_agent():
    x = extract(texts.HOSTED_PASSIVE)
    assert facts(x, "hosted") == [("France", "The summit")]


def test_welcoming_a_guest():
    assert facts(extract(texts.HOSTED_WELCOME_GUEST), "hosted") == [("Emmanuel Macron", "Volodymyr Zelensky")]


def test_place_and_time_from_the_same_event_elsewhere():
    x = extract(texts.HOSTED_EVENT_ELSEWHERE)
    (rel,) = [r for r in x.relations if r.predicate == "hosted"]
    labels = {e.key: e.label for e in x.entities}
    assert labels[rel.place] == "Istanbul"
    assert rel.time.expression == "Tuesday"


def test_place_named_inside_the_event():
    x = extract(texts.HOSTED_PLACE_IN_EVENT)
    (rel,) = [r for r in x.relations if r.predicate == "hosted"]
    assert {e.key: e.label for e in x.entities}[rel.place] == "Beijing"


def test_welcoming_a_decision_is_not_hosting():
    assert facts(extract(texts.HOSTED_WELCOME_DECISION), "hosted") == []


def test_receiving_a_letter_is_not_hosting():
    assert facts(extract(texts.HOSTED_RECEIVED_LETTER), "hosted") == []


def test_negated_hosting():
    assert facts(extract(texts.HOSTED_NEGATED), "hosted") == []


def test_the_climb_over_prepositions_stops_at_a_preposition_that_is_the_root() -> None:
    """Fuzzing found a parse whose root is a preposition: climbing "prep" heads looped for ever."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from kg.relations.hosted import above_prepositions

    doc = Doc(Vocab(), words=["talks", "in", "Istanbul"], heads=[0, 0, 1], deps=["nsubj", "prep", "pobj"],
              pos=["NOUN", "ADP", "PROPN"])
    assert above_prepositions(doc[1]).text == "talks"
    root = Doc(Vocab(), words=["in", "Istanbul"], heads=[0, 0], deps=["ROOT", "pobj"], pos=["ADP", "PROPN"])
    assert above_prepositions(root[0]).text == "in"
