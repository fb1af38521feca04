"""proposes: proposal verbs, readiness, calls, offers, group proposers, near misses."""

import pytest
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


def test_it_in_an_organisations_statement_is_the_organisation():
    x = extract(texts.PROPOSES_SPEAKER_IT)
    (rel,) = [r for r in x.relations if r.predicate == "proposes"]
    assert facts(x, "proposes") == [("NATO", "to send more troops to Poland")]
    assert rel.evidence.confidence > 0.5


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


def test_said_someone_should():
    x = extract(texts.PROPOSES_SAID_SHOULD)
    assert facts(x, "proposes") == [("Keir Starmer", "the minister should resign over the affair")]
    assert facts(x, "said") == [("Keir Starmer", "the minister should resign over the affair")]


CASES = [
    pytest.param(texts.PROPOSES_CALLED_ON, [("Angela Merkel", "to cut its spending")], id="called_on_someone_to"),
    pytest.param(texts.PROPOSES_CALLED_FOR_TO, [("Vodafone", "the board to hold an emergency meeting")],
                 id="called_for_someone_to"),
    pytest.param(texts.PROPOSES_WARNED_TO, [("Boris Johnson", "to drop its demands")],
                 id="warned_to_but_not_warned_that"),
    pytest.param(texts.PROPOSES_ASKED_TO, [("Apple Inc.", "to block the sale of the phones")], id="asked_to"),
    pytest.param(texts.PROPOSES_ASKED_WHETHER, [], id="asking_a_question_or_for_details_proposes_nothing"),
    pytest.param(texts.PROPOSES_DEMANDED, [("Unite", "a pay rise of ten percent")], id="demanded"),
    pytest.param(texts.PROPOSES_DEMANDED_TO_KNOW, [], id="demanding_to_know_is_a_question"),
    pytest.param(texts.PROPOSES_PREDICTION, [], id="predictions_and_inferences_are_no_proposals"),
    pytest.param(texts.PROPOSES_THERE_MUST_BE, [("Keir Starmer", "There must be a full public inquiry")],
                 id="there_must_be"),
    pytest.param(texts.PROPOSES_TIME_TO, [("Angela Merkel", "to end the sanctions")], id="it_is_time_to"),
    pytest.param(texts.PROPOSES_FIRST_TIME, [], id="the_first_time_is_no_proposal"),
    pytest.param(texts.PROPOSES_OWN_PLAN, [("Boris Johnson", "to build a bridge to Ireland")], id="someones_plan_to"),
    pytest.param(texts.PROPOSES_NO_PROPOSER, [], id="a_plan_of_nobody_named"),
    pytest.param(texts.PROPOSES_ANNOUNCED_PLANS, [("Rishi Sunak", "to cut fuel duty")], id="announced_plans_to"),
    pytest.param(texts.PROPOSES_INTRODUCED_BILL, [("Elizabeth Warren", "a bill that would cap card fees")],
                 id="introduced_a_bill"),
    pytest.param(texts.PROPOSES_OFFERED_PASSIVE, [], id="was_offered_with_no_agent_is_nobodys_offer"),
    pytest.param(texts.PROPOSES_OFFERED_BY, [("Chelsea", "A new contract")], id="offered_by"),
    pytest.param(texts.PROPOSES_OFFER_TRADE, [("Vodafone", "a compromise to the regulator")],
                 id="a_firm_offering_its_products_proposes_nothing"),
    pytest.param(texts.PROPOSES_CONDOLENCES, [], id="condolences_are_no_proposal"),
    pytest.param(texts.PROPOSES_DECIDED_AGAINST, [], id="decided_against"),
    pytest.param(texts.PROPOSES_WANTED_DONE, [("Conservative Party", "a sunset clause added to the bill")],
                 id="wanting_others_to_act_but_not_wanting_to_win"),
    pytest.param(texts.PROPOSES_LETTER, [("Maria Cantwell", "the agency should publish its data")],
                 id="a_letter_proposes_for_its_author"),
    pytest.param(texts.PROPOSES_RELATIVE_APPOSITION, [("France", "to cut emissions by half")],
                 id="a_relative_pronoun_after_an_apposition"),
    pytest.param(texts.PROPOSES_QUESTION, [], id="a_question_proposes_nothing"),
    pytest.param(texts.PROPOSES_READY_TO_BE, [], id="ready_to_be_something_offers_nothing"),
    pytest.param(texts.PROPOSES_TOLD_NO_TO, [], id="told_without_an_infinitive_is_no_instruction"),
    pytest.param(texts.PROPOSES_THERE_SHOULD_BE, [("Keir Starmer", "There should be an inquiry")],
                 id="there_should_be_a_measure_but_not_a_forecast"),
    pytest.param(texts.PROPOSES_COULD_ASK, [], id="a_possible_request_is_none_yet"),
    pytest.param(texts.PROPOSES_REGRET, [], id="a_regret_about_the_past_is_no_proposal"),
    pytest.param(texts.PROPOSES_MUST_NOT_FORGET, [], id="must_not_forget_is_no_proposal"),
    pytest.param(texts.PROPOSES_REQUEST_TO_COMMENT, [], id="a_request_to_comment_is_no_proposal"),
    pytest.param(texts.PROPOSES_OTHERS_THINK, [], id="what_others_think_should_happen_is_not_the_speakers_proposal"),
    pytest.param(texts.PROPOSES_CAN_CLAIM, [], id="a_suggestion_that_something_can_be_is_a_claim"),
    pytest.param(texts.PROPOSES_OBJECT_AND_PURPOSE,
                 [("Ben Carson", "the creation of a federal agency to coordinate cyber security")],
                 id="the_proposed_thing_with_its_purpose"),
    pytest.param(texts.PROPOSES_WHETHER_EVER, [], id="whether_someone_will_ever_ask_is_no_proposal"),
    pytest.param(texts.PROPOSES_PROMISED_SOMEONE_TO, [("Falconer", "to strengthen the safeguards")],
                 id="promised_someone_to_do_something"),
    pytest.param(texts.PROPOSES_NOUN_FOR_TO, [("European Union", "Turkey to recognise Cyprus")],
                 id="a_demand_for_someone_to_act"),
    pytest.param(texts.PROPOSES_NOT_PROPOSALS, [],
                 id="called_into_question_pushing_for_a_title_and_committing_a_career_propose_nothing"),
]
"""Constructions and near misses: the facts each text must give (none for a near miss)."""


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_constructions_and_near_misses(text: str, expected: list[tuple[str, str]]) -> None:
    assert facts(extract(text), "proposes") == expected


def test_a_pronoun_in_a_clause_hung_on_the_main_verb_is_the_main_subject_not_the_last_speaker():
    assert facts(extract(texts.PROPOSES_PRONOUN_BOUND_BY_MAIN_SUBJECT), "proposes") == [
        ("Lee", "to make drivers plant trees instead of paying fines")]


def test_being_called_something_proposes_nothing():
    assert facts(extract(texts.PROPOSES_PASSIVE_CALL_NAMES), "proposes") == []
