"""Find quotations in article text: curly and straight double quotes, across sentences and paragraphs.

A quotation left open at the end of a paragraph runs to the paragraph's end (the news convention for a
quote continued in the next paragraph, which then opens with a quote mark again): `continues` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"\u201c", "\u201e", "\u00ab"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'
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
    quotes = []
    opened: int | None = None
    for i in range(a, b):
        c = text[i]
        if c in OPENERS or (c == STRAIGHT and opened is None and _opens(text, i, a)):
            if opened is None:
                opened = i
        elif (c in CLOSERS or c == STRAIGHT) and opened is not None:
            quotes.append(_make(text, opened, i + 1, True))
            opened = None
    if opened is not None:
        end = b
        while end > opened + 1 and text[end - 1].isspace():
            end -= 1
        if end > opened + 1:
            quotes.append(_make(text, opened, end, False))
    return quotes


def _opens(text: str, i: int, paragraph_start: int) -> bool:
    """A straight quote opens when it follows a space or an opening bracket and precedes a non-space."""
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{-\u2014\u2013:") and not after.isspace()


def _make(text: str, start: int, end: int, closed: bool) -> Quote:
    inner_start = start + 1
    inner_end = end - 1 if closed else end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and (text[inner_end - 1].isspace() or text[inner_end - 1] in ",;:"):
        inner_end -= 1
    return Quote(start, end, inner_start, inner_end, closed)


def _next_opens(quotes: list[Quote], q: Quote, text: str) -> bool:
    """An unclosed quote continues when the next paragraph starts with a quotation mark."""
    m = PARAGRAPH.search(text, q.end)
    if not m:
        return False
    return any(other.start == m.end() + (len(text[m.end():]) - len(text[m.end():].lstrip(" \t")))
               for other in quotes)
