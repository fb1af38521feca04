"""Quotation finding and time resolution: small pure functions."""

import pytest

from kg.relations.quotes import find_quotes
from kg.timex import resolve_time


def test_curly_and_straight_quotes():
    text = '\u201cWe will stay,\u201d he said. She said: "No."'
    quotes = find_quotes(text)
    assert [text[q.inner_start:q.inner_end] for q in quotes] == ["We will stay", "No."]


def test_quote_continued_in_next_paragraph():
    text = "\u201cFirst part of the quote.\n\n\u201cSecond part,\u201d he said."
    first, second = find_quotes(text)
    assert not first.closed and first.continues
    assert text[second.inner_start:second.inner_end] == "Second part"


def test_apostrophes_are_not_quotes():
    assert find_quotes("Russia\u2019s actions and the U.S.\u2019 words") == []


@pytest.mark.parametrize("expression,published,expected", [
    ("Tuesday", "2022-03-29", "2022-03-29"),      # a Tuesday paper's "Tuesday" is that day
    ("on Sunday", "2022-03-29", "2022-03-27"),
    ("last Tuesday", "2022-03-29", "2022-03-22"),
    ("yesterday", "2022-03-29", "2022-03-28"),
    ("in 2014", None, "2014"),
    ("March 2014", None, "2014-03"),
    ("November 18, 2024", None, "2024-11-18"),
    ("March 3", "2022-03-29", "2022-03-03"),
    ("March 3", None, None),                       # no year and no publication date
    ("Tuesday", None, None),
    ("15 years", "2022-03-29", None),              # a duration, not a date
])
def test_time_resolution(expression, published, expected):
    assert resolve_time(expression, published) == expected


def test_nested_curly_quotes_stay_inside_the_outer_quote():
    text = "\u201cI would rather live in what he calls \u201chell\u201d than with him,\u201d she said."
    (q,) = find_quotes(text)
    assert text[q.inner_start:q.inner_end] == "I would rather live in what he calls \u201chell\u201d than with him"


def test_a_line_starting_with_a_quote_mark_restarts_pairing_but_wrapped_lines_do_not():
    text = ("\u201cFirst voice.\u201d \u2015 Ann Lee\n\u201cSecond voice.\u201d \u2015 Bo Chan\n\n"
            "\u201cA quotation that is hard-wrapped\nover two lines,\u201d he said.")
    quotes = [text[q.inner_start:q.inner_end] for q in find_quotes(text)]
    assert quotes == ["First voice.", "Second voice.", "A quotation that is hard-wrapped\nover two lines"]


def test_doubled_apostrophes_and_a_closing_mark_used_as_an_opener():
    text = "''We need money,'' he said. \u201dWe are ready.\u201d"
    assert [text[q.inner_start:q.inner_end] for q in find_quotes(text)] == ["We need money", "We are ready."]
