"""denies/v1: denial verbs, refusals, rebuttals, near misses."""

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


def test_passive_with_agent_is_the_agents_denial():
    assert facts(extract(texts.DENIES_PASSIVE_AGENT), "denies") == [("Ministry of Defence", "The allegations")]


def test_passive_without_agent_is_nobodys_denial():
    assert facts(extract(texts.DENIES_PASSIVE_NO_AGENT), "denies") == []


def test_refused_by_x_denies_what_was_asked():
    assert facts(extract(texts.DENIES_DENIED_VISA), "denies") == [("China", "a visa")]


def test_claims_denied_by_x_denies_what_they_restate():
    assert facts(extract(texts.DENIES_RESTATED_CLAIMS), "denies") == [("Green Party", "accusations of racism")]


def test_relative_clause_denies_its_noun():
    assert facts(extract(texts.DENIES_RELATIVE), "denies") == [("Boris Johnson", "The charges")]


def test_called_false():
    assert facts(extract(texts.DENIES_CALLED_FALSE), "denies") == [("Boris Johnson", "the report")]


def test_said_baseless_but_wrong_results_deny_no_claim():
    assert facts(extract(texts.DENIES_SAID_BASELESS), "denies") == [("Microsoft", "the claims")]


def test_said_not_true():
    assert facts(extract(texts.DENIES_SAID_NOT_TRUE), "denies") == [("Microsoft", "the report")]


def test_not_what_critics_make_it_out_to_be():
    assert facts(extract(texts.DENIES_NOT_WHAT_CLAIMED), "denies") == [
        ("Rishi Sunak", "the disaster that its critics make it out to be")]


def test_does_not_mean():
    assert facts(extract(texts.DENIES_DOES_NOT_MEAN), "denies") == [("Angela Merkel", "jobs will be lost")]


def test_dismissing_a_manager_is_a_sacking():
    assert facts(extract(texts.DENIES_DISMISSED_MANAGER), "denies") == []


def test_dismissed_as():
    assert facts(extract(texts.DENIES_DISMISSED_AS), "denies") == [("Boris Johnson", "the figures")]


def test_denying_a_player_or_space_denies_no_claim():
    assert facts(extract(texts.DENIES_BLOCKED_PLAYER), "denies") == []


def test_held_in_contempt_for_refusing():
    assert facts(extract(texts.DENIES_FOR_REFUSING), "denies") == [("Peter Navarro", "to appear at a hearing")]


def test_urged_or_expected_to_reject_is_no_denial():
    x = extract(texts.DENIES_URGED_TO_REJECT)
    assert facts(x, "denies") == []
    assert facts(x, "proposes") == [("Unite", "to reject the offer")]


def test_not_only_adds_rather_than_rebuts():
    assert facts(extract(texts.DENIES_NOT_ONLY), "denies") == []


def test_a_conditional_or_advised_rejection_is_no_denial():
    x = extract(texts.DENIES_UNREAL)
    assert facts(x, "denies") == []
    assert facts(x, "proposes") == [("Boris Johnson", "China should reject the plan")]


def test_neither_admitted_nor_denied():
    assert facts(extract(texts.DENIES_NEITHER_NOR), "denies") == []


def test_rejecting_a_person_is_a_vote_not_a_denial():
    assert facts(extract(texts.DENIES_VOTERS_REJECTED), "denies") == []


def test_a_clause_split_by_the_parser_is_denied_whole():
    assert facts(extract(texts.DENIES_SPLIT_CLAUSE), "denies") == [("Philip Pullman", "his novels are hostile to religion")]


def test_a_contrast_of_people_is_no_rebuttal():
    assert facts(extract(texts.DENIES_CONTRAST_OF_NAMES), "denies") == []


def test_a_denial_called_for_or_pleaded_for_is_none_yet():
    x = extract(texts.DENIES_PROPOSED_DENIAL)
    assert facts(x, "denies") == []
    assert facts(x, "proposes") == [("Mike Huckabee", "denying entry to refugees")]


def test_a_conditional_rebuff_is_no_denial():
    assert facts(extract(texts.DENIES_SHOULD_THEY), "denies") == []


def test_is_not_meant_to_denies_nothing():
    assert facts(extract(texts.DENIES_NOT_MEANT), "denies") == []


def test_lying_somewhere_is_no_lie():
    assert facts(extract(texts.DENIES_LYING), "denies") == []


def test_a_claim_and_its_clause_parsed_upside_down():
    assert facts(extract(texts.DENIES_IDEA_CLAUSE), "denies") == [
        ("Nigel Farage", "the idea Robert Kilroy-Silk posed a threat to the party")]


def test_a_participle_refused_or_denied_with_no_agent_is_nobodys_denial():
    assert facts(extract(texts.DENIES_PARTICIPLE_NO_AGENT), "denies") == []


def test_may_have_been_wrong_concedes():
    assert facts(extract(texts.DENIES_CONCEDED), "denies") == []


def test_yet_to_deny_is_no_denial():
    assert facts(extract(texts.DENIES_YET_TO), "denies") == []


def test_a_question_denies_nothing():
    assert facts(extract(texts.DENIES_QUESTION), "denies") == []


def test_declining_to_comment_on_something_is_a_low_confidence_denial():
    x = extract(texts.DENIES_DECLINED_COMMENT_ON)
    (rel,) = [r for r in x.relations if r.predicate == "denies"]
    assert facts(x, "denies") == [("Barclays", "the report")]
    assert rel.evidence.confidence < 0.6


def test_hard_to_dispute_is_no_denial():
    assert facts(extract(texts.DENIES_HARD_TO_DISPUTE), "denies") == []


def test_rebuffing_a_person_is_no_denial():
    assert facts(extract(texts.DENIES_REBUFFED_PERSON), "denies") == []


def test_speculation_keeps_its_clause_but_not_the_speakers_participle():
    assert facts(extract(texts.DENIES_SPECULATION_THAT), "denies") == [
        ("10 Downing Street", "speculation that Gordon Brown was considering a move")]


def test_a_denied_clause_needs_no_noun():
    assert facts(extract(texts.DENIES_CLAUSE_WITHOUT_NOUN), "denies") == [
        ("Boris Johnson", "he lied and that he cheated")]


def test_the_denied_clause_stops_before_the_deniers_next_verb():
    assert facts(extract(texts.DENIES_CLAUSE_AND_MAIN_VERB), "denies") == [("Turkey", "the killings were a genocide")]


def test_coordinated_gerunds_are_denied_together():
    assert facts(extract(texts.DENIES_GERUNDS), "denies") == [
        ("Michael Jackson", "plying a boy with wine and lying to the police")]


def test_had_he_denied_is_a_condition():
    assert facts(extract(texts.DENIES_HAD_HE), "denies") == []
