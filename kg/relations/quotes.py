"""Find quotations in article text: curly and straight double quotes, across sentences and paragraphs.

A quotation left open at the end of a paragraph runs to the paragraph's end (the news convention for a
quote continued in the next paragraph, which then opens with a quote mark again): `continues` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"\u201c", "\u201e", "\u00ab", "``"}
MARK = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")
"""Quotation marks: curly, guillemets, straight, and the doubled apostrophe/backtick of some newswires."""
PARAGRAPH = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Quote:
    """Marks at `start` and `end - 1` (or no closing mark when `closed` is False); `inner` is the quoted text."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    continues: bool = False


def find_quotes(text: str, start: int = 0, stop: int | None = None,
                masked: tuple[tuple[int, int], ...] = ()) -> list[Quote]:
    """Every quotation in text[start:stop], in order, paragraph by paragraph."""
    stop = len(text) if stop is None else stop
    out: list[Quote] = []
    bounds = [start] + [m.end() for m in PARAGRAPH.finditer(text, start, stop)] + [stop]
    for a, b in zip(bounds, bounds[1:]):
        if any(s <= a and b <= e for s, e in masked):
            continue
        out.extend(_in_paragraph(text, a, b))
    return [q if not (not q.closed and _next_opens(out, q, text)) else
            Quote(q.start, q.end, q.inner_start, q.inner_end, False, True) for q in out]


def _in_paragraph(text: str, a: int, b: int) -> list[Quote]:
    """Pair the quotation marks of one paragraph. Curly marks say which way they go; straight ones (and the
    two-apostrophe '' of some newswires) open after a space and close otherwise. A closing curly mark that
    stands where a quotation can only open (a common typo) opens one."""
    quotes = []
    opened: tuple[int, int] | None = None
    for m in MARK.finditer(text, a, b):
        mark, i = m.group(0), m.start()
        if opened is None:
            if mark in OPENERS or _opens(text, i, len(mark), a):
                opened = (i, len(mark))
        elif mark not in OPENERS:
            quotes.append(_make(text, opened, (i, len(mark))))
            opened = None
    if opened is not None:
        end = b
        while end > opened[0] + opened[1] and text[end - 1].isspace():
            end -= 1
        if end > opened[0] + opened[1]:
            quotes.append(_make(text, opened, None, end))
    return quotes


def _opens(text: str, i: int, length: int, paragraph_start: int) -> bool:
    """A mark opens when it follows a space (or an opening bracket or dash) and precedes a non-space."""
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + length] if i + length < len(text) else " "
    return (before.isspace() or before in "([{-\u2014\u2013\u2015:") and not after.isspace()


def _make(text: str, opened: tuple[int, int], closed: tuple[int, int] | None, end: int | None = None) -> Quote:
    """A quotation from its opening mark to its closing mark (or, unclosed, to `end`), inner text trimmed."""
    start = opened[0]
    inner_start = start + opened[1]
    if closed is not None:
        inner_end, end = closed[0], closed[0] + closed[1]
    else:
        inner_end = end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and (text[inner_end - 1].isspace() or text[inner_end - 1] in ",;:"):
        inner_end -= 1
    return Quote(start, end, inner_start, inner_end, closed is not None)


def _next_opens(quotes: list[Quote], q: Quote, text: str) -> bool:
    """An unclosed quote continues when the next paragraph starts with a quotation mark."""
    m = PARAGRAPH.search(text, q.end)
    if not m:
        return False
    return any(other.start == m.end() + (len(text[m.end():]) - len(text[m.end():].lstrip(" \t")))
               for other in quotes)
