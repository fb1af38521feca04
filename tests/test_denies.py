"""denies: denial verbs, refusals, rebuttals, near misses."""

import pytest
from conftest import extract, facts

import texts


def test_denied_that():
    assert facts(extract(texts.DENIES_THAT), "denies") == [("Dmitry Peskov", "Russia had attacked the city")]


def test_rejected_object():
    assert facts(extract(texts.DENIES_OBJECT), "denies") == [
        ("Volodymyr Zelenskyy", "the Russian proposal for a ceasefire along the current front line")]


def test_declined_to_discuss():
    assert facts(extract(texts.DENIES_DECLINED_DISCUSS), "denies") == [
        ("Volodymyr Zelenskyy", "several other Russian demands")]


def test_not_x_rebuttal_in_a_statement():
    assert facts(extract(texts.DENIES_REBUTTAL), "denies") == [("Kirby", "a real withdrawal")]


def test_declined_to_comment_denies_nothing():
    assert facts(extract(texts.DENIES_DECLINED_COMMENT), "denies") == []


def test_did_not_deny():
    assert facts(extract(texts.DENIES_NEGATED), "denies") == []


def test_contrast_is_not_a_rebuttal():
    assert facts(extract(texts.DENIES_CONTRAST), "denies") == []


def test_refusing_to_rule_out_denies_nothing():
    assert facts(extract(texts.DENIES_REFUSED_TO_RULE_OUT), "denies") == []


def test_what_is_denied_stops_before_but():
    assert facts(extract(texts.DENIES_BUT_CLAUSE), "denies") == [("Gordon Brown", "his forecasts were too optimistic")]


def test_but_in_the_next_sentence_is_no_rebuttal():
    assert facts(extract(texts.DENIES_NEXT_SENTENCE_BUT), "denies") == []


def test_urged_or_expected_to_reject_is_no_denial():
    x = extract(texts.DENIES_URGED_TO_REJECT)
    assert facts(x, "denies") == []
    assert facts(x, "proposes") == [("Unite", "to reject the offer")]


def test_a_conditional_or_advised_rejection_is_no_denial():
    x = extract(texts.DENIES_UNREAL)
    assert facts(x, "denies") == []
    assert facts(x, "proposes") == [("Boris Johnson", "China should reject the plan")]


def test_a_denial_called_for_or_pleaded_for_is_none_yet():
    x = extract(texts.DENIES_PROPOSED_DENIAL)
    assert facts(x, "denies") == []
    assert facts(x, "proposes") == [("Mike Huckabee", "denying entry to refugees")]


def test_declining_to_comment_on_something_is_a_low_confidence_denial():
    x = extract(texts.DENIES_DECLINED_COMMENT_ON)
    (rel,) = [r for r in x.relations if r.predicate == "denies"]
    assert facts(x, "denies") == [("Barclays", "the report")]
    assert rel.evidence.confidence < 0.6


CASES = [
    pytest.param(texts.DENIES_PASSIVE_AGENT, [("Ministry of Defence", "The allegations")],
                 id="passive_with_agent_is_the_agents_denial"),
    pytest.param(texts.DENIES_PASSIVE_NO_AGENT, [], id="passive_without_agent_is_nobodys_denial"),
    pytest.param(texts.DENIES_DENIED_VISA, [("China", "a visa")], id="refused_by_x_denies_what_was_asked"),
    pytest.param(texts.DENIES_RESTATED_CLAIMS, [("Green Party", "accusations of racism")],
                 id="claims_denied_by_x_denies_what_they_restate"),
    pytest.param(texts.DENIES_RELATIVE, [("Boris Johnson", "The charges")], id="relative_clause_denies_its_noun"),
    pytest.param(texts.DENIES_CALLED_FALSE, [("Boris Johnson", "the report")], id="called_false"),
    pytest.param(texts.DENIES_SAID_BASELESS, [("Microsoft", "the claims")],
                 id="said_baseless_but_wrong_results_deny_no_claim"),
    pytest.param(texts.DENIES_SAID_NOT_TRUE, [("Microsoft", "the report")], id="said_not_true"),
    pytest.param(texts.DENIES_NOT_WHAT_CLAIMED, [("Rishi Sunak", "the disaster that its critics make it out to be")],
                 id="not_what_critics_make_it_out_to_be"),
    pytest.param(texts.DENIES_DOES_NOT_MEAN, [("Angela Merkel", "jobs will be lost")], id="does_not_mean"),
    pytest.param(texts.DENIES_DISMISSED_MANAGER, [], id="dismissing_a_manager_is_a_sacking"),
    pytest.param(texts.DENIES_DISMISSED_AS, [("Boris Johnson", "the figures")], id="dismissed_as"),
    pytest.param(texts.DENIES_BLOCKED_PLAYER, [], id="denying_a_player_or_space_denies_no_claim"),
    pytest.param(texts.DENIES_FOR_REFUSING, [("Peter Navarro", "to appear at a hearing")],
                 id="held_in_contempt_for_refusing"),
    pytest.param(texts.DENIES_NOT_ONLY, [], id="not_only_adds_rather_than_rebuts"),
    pytest.param(texts.DENIES_NEITHER_NOR, [], id="neither_admitted_nor_denied"),
    pytest.param(texts.DENIES_VOTERS_REJECTED, [], id="rejecting_a_person_is_a_vote_not_a_denial"),
    pytest.param(texts.DENIES_SPLIT_CLAUSE, [("Philip Pullman", "his novels are hostile to religion")],
                 id="a_clause_split_by_the_parser_is_denied_whole"),
    pytest.param(texts.DENIES_CONTRAST_OF_NAMES, [], id="a_contrast_of_people_is_no_rebuttal"),
    pytest.param(texts.DENIES_SHOULD_THEY, [], id="a_conditional_rebuff_is_no_denial"),
    pytest.param(texts.DENIES_NOT_MEANT, [], id="is_not_meant_to_denies_nothing"),
    pytest.param(texts.DENIES_LYING, [], id="lying_somewhere_is_no_lie"),
    pytest.param(texts.DENIES_IDEA_CLAUSE,
                 [("Nigel Farage", "the idea Robert Kilroy-Silk posed a threat to the party")],
                 id="a_claim_and_its_clause_parsed_upside_down"),
    pytest.param(texts.DENIES_PARTICIPLE_NO_AGENT, [],
                 id="a_participle_refused_or_denied_with_no_agent_is_nobodys_denial"),
    pytest.param(texts.DENIES_CONCEDED, [], id="may_have_been_wrong_concedes"),
    pytest.param(texts.DENIES_YET_TO, [], id="yet_to_deny_is_no_denial"),
    pytest.param(texts.DENIES_QUESTION, [], id="a_question_denies_nothing"),
    pytest.param(texts.DENIES_HARD_TO_DISPUTE, [], id="hard_to_dispute_is_no_denial"),
    pytest.param(texts.DENIES_REBUFFED_PERSON, [], id="rebuffing_a_person_is_no_denial"),
    pytest.param(texts.DENIES_SPECULATION_THAT,
                 [("10 Downing Street", "speculation that Gordon Brown was considering a move")],
                 id="speculation_keeps_its_clause_but_not_the_speakers_participle"),
    pytest.param(texts.DENIES_CLAUSE_WITHOUT_NOUN, [("Boris Johnson", "he lied and that he cheated")],
                 id="a_denied_clause_needs_no_noun"),
    pytest.param(texts.DENIES_CLAUSE_AND_MAIN_VERB, [("Turkey", "the killings were a genocide")],
                 id="the_denied_clause_stops_before_the_deniers_next_verb"),
    pytest.param(texts.DENIES_GERUNDS, [("Michael Jackson", "plying a boy with wine and lying to the police")],
                 id="coordinated_gerunds_are_denied_together"),
    pytest.param(texts.DENIES_HAD_HE, [], id="had_he_denied_is_a_condition"),
]
"""Constructions and near misses: the facts each text must give (none for a near miss)."""


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_constructions_and_near_misses(text: str, expected: list[tuple[str, str]]) -> None:
    assert facts(extract(text), "denies") == expected
