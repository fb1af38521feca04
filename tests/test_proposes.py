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


def test_called_on_someone_to():
    assert facts(extract(texts.PROPOSES_CALLED_ON), "proposes") == [("Angela Merkel", "to cut its spending")]


def test_called_for_someone_to():
    assert facts(extract(texts.PROPOSES_CALLED_FOR_TO), "proposes") == [
        ("Vodafone", "the board to hold an emergency meeting")]


def test_warned_to_but_not_warned_that():
    assert facts(extract(texts.PROPOSES_WARNED_TO), "proposes") == [("Boris Johnson", "to drop its demands")]


def test_asked_to():
    assert facts(extract(texts.PROPOSES_ASKED_TO), "proposes") == [("Apple Inc.", "to block the sale of the phones")]


def test_asking_a_question_or_for_details_proposes_nothing():
    assert facts(extract(texts.PROPOSES_ASKED_WHETHER), "proposes") == []


def test_demanded():
    assert facts(extract(texts.PROPOSES_DEMANDED), "proposes") == [("Unite", "a pay rise of ten percent")]


def test_demanding_to_know_is_a_question():
    assert facts(extract(texts.PROPOSES_DEMANDED_TO_KNOW), "proposes") == []


def test_said_someone_should():
    x = extract(texts.PROPOSES_SAID_SHOULD)
    assert facts(x, "proposes") == [("Keir Starmer", "the minister should resign over the affair")]
    assert facts(x, "said") == [("Keir Starmer", "the minister should resign over the affair")]


def test_predictions_and_inferences_are_no_proposals():
    assert facts(extract(texts.PROPOSES_PREDICTION), "proposes") == []


def test_there_must_be():
    assert facts(extract(texts.PROPOSES_THERE_MUST_BE), "proposes") == [
        ("Keir Starmer", "There must be a full public inquiry")]


def test_it_is_time_to():
    assert facts(extract(texts.PROPOSES_TIME_TO), "proposes") == [("Angela Merkel", "to end the sanctions")]


def test_the_first_time_is_no_proposal():
    assert facts(extract(texts.PROPOSES_FIRST_TIME), "proposes") == []


def test_someones_plan_to():
    assert facts(extract(texts.PROPOSES_OWN_PLAN), "proposes") == [("Boris Johnson", "to build a bridge to Ireland")]


def test_a_plan_of_nobody_named():
    assert facts(extract(texts.PROPOSES_NO_PROPOSER), "proposes") == []


def test_announced_plans_to():
    assert facts(extract(texts.PROPOSES_ANNOUNCED_PLANS), "proposes") == [("Rishi Sunak", "to cut fuel duty")]


def test_introduced_a_bill():
    assert facts(extract(texts.PROPOSES_INTRODUCED_BILL), "proposes") == [
        ("Elizabeth Warren", "a bill that would cap card fees")]


def test_was_offered_with_no_agent_is_nobodys_offer():
    assert facts(extract(texts.PROPOSES_OFFERED_PASSIVE), "proposes") == []


def test_offered_by():
    assert facts(extract(texts.PROPOSES_OFFERED_BY), "proposes") == [("Chelsea", "A new contract")]


def test_a_firm_offering_its_products_proposes_nothing():
    assert facts(extract(texts.PROPOSES_OFFER_TRADE), "proposes") == [("Vodafone", "a compromise to the regulator")]


def test_condolences_are_no_proposal():
    assert facts(extract(texts.PROPOSES_CONDOLENCES), "proposes") == []


def test_decided_against():
    assert facts(extract(texts.PROPOSES_DECIDED_AGAINST), "proposes") == []


def test_wanting_others_to_act_but_not_wanting_to_win():
    assert facts(extract(texts.PROPOSES_WANTED_DONE), "proposes") == [
        ("Conservative Party", "a sunset clause added to the bill")]


def test_a_letter_proposes_for_its_author():
    assert facts(extract(texts.PROPOSES_LETTER), "proposes") == [("Maria Cantwell", "the agency should publish its data")]


def test_a_relative_pronoun_after_an_apposition():
    assert facts(extract(texts.PROPOSES_RELATIVE_APPOSITION), "proposes") == [("France", "to cut emissions by half")]


def test_a_question_proposes_nothing():
    assert facts(extract(texts.PROPOSES_QUESTION), "proposes") == []


def test_ready_to_be_something_offers_nothing():
    assert facts(extract(texts.PROPOSES_READY_TO_BE), "proposes") == []


def test_told_without_an_infinitive_is_no_instruction():
    assert facts(extract(texts.PROPOSES_TOLD_NO_TO), "proposes") == []


def test_there_should_be_a_measure_but_not_a_forecast():
    assert facts(extract(texts.PROPOSES_THERE_SHOULD_BE), "proposes") == [("Keir Starmer", "There should be an inquiry")]


def test_a_possible_request_is_none_yet():
    assert facts(extract(texts.PROPOSES_COULD_ASK), "proposes") == []


def test_a_regret_about_the_past_is_no_proposal():
    assert facts(extract(texts.PROPOSES_REGRET), "proposes") == []


def test_must_not_forget_is_no_proposal():
    assert facts(extract(texts.PROPOSES_MUST_NOT_FORGET), "proposes") == []


def test_a_request_to_comment_is_no_proposal():
    assert facts(extract(texts.PROPOSES_REQUEST_TO_COMMENT), "proposes") == []


def test_what_others_think_should_happen_is_not_the_speakers_proposal():
    assert facts(extract(texts.PROPOSES_OTHERS_THINK), "proposes") == []


def test_a_suggestion_that_something_can_be_is_a_claim():
    assert facts(extract(texts.PROPOSES_CAN_CLAIM), "proposes") == []


def test_the_proposed_thing_with_its_purpose():
    assert facts(extract(texts.PROPOSES_OBJECT_AND_PURPOSE), "proposes") == [
        ("Ben Carson", "the creation of a federal agency to coordinate cyber security")]


def test_whether_someone_will_ever_ask_is_no_proposal():
    assert facts(extract(texts.PROPOSES_WHETHER_EVER), "proposes") == []


def test_promised_someone_to_do_something():
    assert facts(extract(texts.PROPOSES_PROMISED_SOMEONE_TO), "proposes") == [("Falconer", "to strengthen the safeguards")]


def test_a_demand_for_someone_to_act():
    assert facts(extract(texts.PROPOSES_NOUN_FOR_TO), "proposes") == [("European Union", "Turkey to recognise Cyprus")]


def test_called_into_question_pushing_for_a_title_and_committing_a_career_propose_nothing():
    assert facts(extract(texts.PROPOSES_NOT_PROPOSALS), "proposes") == []
