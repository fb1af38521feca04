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
