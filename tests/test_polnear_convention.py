"""bench/polnear_convention.py rewrites PolNeAR's said gold in GUIDELINES.md's convention: a quotation that goes on
in a new sentence after its attribution is two statements, one interrupted inside its sentence stays one."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from polnear_convention import convert, split_object  # noqa: E402

TEXT = ('"The bridge will open in May," the mayor said on Monday. "Nobody will pay a toll."\n\n'
        '"It was late," she said, "but it was worth the wait."\n\n'
        'He called the plan "reckless" and "a waste".')


def test_a_quotation_going_on_after_a_finished_attribution_becomes_two_statements() -> None:
    assert split_object('"The bridge will open in May," "Nobody will pay a toll."', TEXT) == [
        "The bridge will open in May", "Nobody will pay a toll."]


def test_an_attribution_inside_the_sentence_and_quoted_words_of_one_clause_stay_one_statement() -> None:
    joined = '"It was late," "but it was worth the wait."'
    assert split_object(joined, TEXT) == [joined]
    assert split_object('the plan was "reckless" and "a waste"', TEXT) == ['the plan was "reckless" and "a waste"']


def test_objects_not_found_in_the_text_or_without_quotes_are_kept_and_only_said_is_touched() -> None:
    doc = {"relations": [
        {"type": "said", "subject": ["mayor"], "object": '"The bridge will open in May," "Nobody will pay a toll."'},
        {"type": "said", "subject": ["mayor"], "object": '"Words," "that the article never had."'},
        {"type": "denies", "subject": ["mayor"], "object": '"The bridge will open in May," "Nobody will pay a toll."'},
    ]}
    converted, split = convert(doc, TEXT)
    assert split == 1
    assert [(r["type"], r["object"]) for r in converted["relations"]] == [
        ("said", "The bridge will open in May"), ("said", "Nobody will pay a toll."),
        ("said", '"Words," "that the article never had."'),
        ("denies", '"The bridge will open in May," "Nobody will pay a toll."')]
