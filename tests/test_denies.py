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
