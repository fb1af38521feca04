"""proposes/v1: proposal verbs, readiness, calls, offers, group proposers, near misses."""

from conftest import extract, facts

import texts


def test_proposed_object():
    assert facts(extract(texts.PROPOSES_VERB), "proposes") == [
        ("Volodymyr Zelenskyy", "a ceasefire along the whole front line")]


def test_ready_to_discuss_proposes_what_is_discussed():
    assert facts(extract(texts.PROPOSES_READY_DISCUSS), "proposes") == [("Ukraine", "a neutral status for the country")]


def test_called_for():
    assert facts(extract(texts.PROPOSES_CALL_FOR), "proposes") == [("Kremlin", "new talks in Minsk")]


def test_offered_to():
    assert facts(extract(texts.PROPOSES_OFFER), "proposes") == [
        ("Turkey", "to host a meeting between the two presidents")]


def test_unnamed_officials_propose_for_their_country():
    assert facts(extract(texts.PROPOSES_GROUP), "proposes") == [
        ("Ukraine", "to negotiate about the status of Crimea over 15 years")]


def test_advice_is_not_a_proposal():
    assert facts(extract(texts.PROPOSES_ADVICE), "proposes") == []


def test_negated_proposal():
    assert facts(extract(texts.PROPOSES_NEGATED), "proposes") == []


def test_polls_propose_nothing():
    assert facts(extract(texts.PROPOSES_NO_ENTITY), "proposes") == []


def test_a_proposal_needs_content():
    assert facts(extract(texts.PROPOSES_NOTHING), "proposes") == []


def test_promising_that_something_is_so_is_no_proposal():
    assert facts(extract(texts.PROPOSES_PROMISED_THAT), "proposes") == []


def test_a_placeholder_is_no_proposal():
    assert facts(extract(texts.PROPOSES_PLACEHOLDER), "proposes") == []
