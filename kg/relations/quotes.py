"""Find quotations in article text: curly, straight and doubled-apostrophe quotes, nested curly quotes, and
quotations across sentences.

Quotations pair within a paragraph. A line that starts with a quotation mark starts a new paragraph for this
purpose (vox pops and transcripts put one quotation per line), while a hard-wrapped line does not. A quotation
left open at the end of a paragraph runs to the paragraph's end (the news convention for a quote continued in
the next paragraph, which then opens with a quotation mark again): `continues` says so. Text whose paragraph
breaks were lost keeps that convention inside one line ("...everyone. "You could see..."): an opening mark right
after a finished sentence inside an open quotation ends it there as continued, instead of closing or nesting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

OPENERS = {"\u201c", "\u201e", "\u00ab", "``"}
CURLY_CLOSERS = {"\u201d", "\u00bb"}
MARK = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")
"""Quotation marks: curly, guillemets, straight, and the doubled apostrophe/backtick of some newswires."""
BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:''|``|[\"\u201c\u201d\u201e\u00ab]))")
"""Where pairing restarts: a blank line, or a line that begins with a quotation mark."""
SENTENCE_END = re.compile(r"[.!?\u2026][)\]'\u2019]?[ \t]+$")
"""A finished sentence and the space after it, at the end of the text before a quotation mark."""


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
    """Every quotation in text[start:stop], in order."""
    stop = len(text) if stop is None else stop
    out: list[Quote] = []
    bounds = [start] + [m.end() for m in BREAK.finditer(text, start, stop)] + [stop]
    for a, b in zip(bounds, bounds[1:]):
        if not any(s <= a and b <= e for s, e in masked):
            out.extend(_in_paragraph(text, a, b))
    starts = {q.start for q in out}
    return [replace(q, continues=True) if not q.closed and _next_start(text, q.end) in starts else q for q in out]


def _in_paragraph(text: str, a: int, b: int) -> list[Quote]:
    """Pair the quotation marks of one paragraph. Curly marks say which way they go and nest; straight ones
    (and the two-apostrophe '' of some newswires) open after a space and close otherwise. A closing curly mark
    that stands where a quotation can only open (a common typo) opens one."""
    quotes = []
    opened: tuple[int, int] | None = None
    depth = 0
    for m in MARK.finditer(text, a, b):
        mark, i = m.group(0), m.start()
        if opened is None:
            if mark in OPENERS or _opens(text, i, len(mark), a):
                opened, depth = (i, len(mark)), 0
        elif depth == 0 and mark not in CURLY_CLOSERS and _resumes(text, i, len(mark), opened[0] + opened[1]):
            quotes.append(_make(text, opened, None, i))
            opened = (i, len(mark))
        elif mark in OPENERS and text[opened[0]:opened[0] + opened[1]] in OPENERS:
            depth += 1
        elif mark in CURLY_CLOSERS and depth > 0:
            depth -= 1
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


def _resumes(text: str, i: int, length: int, inner_start: int) -> bool:
    """An opening mark inside an open quotation that starts a new paragraph of it whose break was lost: it
    follows a finished sentence of the quotation and a space, and precedes a word."""
    after = text[i + length] if i + length < len(text) else " "
    return not after.isspace() and after not in ",.;:" and bool(SENTENCE_END.search(text, max(inner_start, i - 8), i))


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


def _next_start(text: str, end: int) -> int:
    """Where the text resumes after white space: the first character of the next paragraph."""
    m = re.compile(r"\s*").match(text, end)
    return m.end()
