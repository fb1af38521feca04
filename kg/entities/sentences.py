"""Per-sentence indexes of one parsed article, made once, so that resolving a pronoun reads the few mentions of
the sentences it may point back to instead of scanning the article for each pronoun (which made one long
sentence of names and pronouns quadratic).

For every sentence: its bounds, the subjects of its main clauses ("She then ..." keeps a chain of she going),
and the candidates a later pronoun may point back to, each with its salience (3 the subject of the main clause,
2 that subject's possessor, 1 another subject, 0 any other mention): per entity named in the sentence its
mentions, and the common nouns for one unnamed person ("the woman said ... She added"). Candidates inside a
quotation of their own sentence ('"Obama is wrong," he said') and names standing as places ("the MP for
Birkenhead") are indexed apart, so that a search skips them without looking at them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from kg.lexicon import FEMALE_WORDS, MALE_WORDS, PEOPLE_NOUNS, PERSON_NOUNS, TITLE_HEADS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SALIENCES = (3, 2, 1, 0)
"""Salience classes, most salient first."""
Variant = tuple[int, bool, bool]
"""(salience, without names standing as places, without tokens quoted in their own sentence)."""


def salience(token: Token) -> int:
    """How likely a later pronoun points at the mention at `token`: 3 for the subject of the main clause, 2 for
    that subject's possessor ("Mr Campbell's e-mail suggested ..."), 1 for another subject, else 0."""
    while token.dep_ in ("compound", "flat", "appos") and token.head.i != token.i:
        token = token.head
    possessor = token.dep_ == "poss"
    if possessor:
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return 0
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    main = verb.dep_ == "ROOT"
    return (2 if possessor else 3) if main else 0 if possessor else 1


def placed(token: Token) -> bool:
    """A name that stands as a place: the object of "in"/"at"/"near", or of "for" after a title ("the MP for
    Birkenhead", "minister for Wales")."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and (prep.lower_ in ("in", "at", "near") or (
        prep.lower_ == "for" and prep.head.lemma_.lower() in TITLE_HEADS))


def noun_gender(token: Token) -> str | None:
    """ "m" or "f" for a gendered common noun ("the woman", "her father"), else None."""
    lemma = token.lemma_.lower()
    return "m" if lemma in MALE_WORDS else "f" if lemma in FEMALE_WORDS else None


def quoted_tokens(span: Span) -> set[int]:
    """Tokens of `span` inside quotation marks opened within it."""
    inside, out = False, set()
    for t in span:
        if t.text in ("\u201c", "``"):
            inside = True
        elif t.text in ("\u201d", "''"):
            inside = False
        elif t.text == '"':
            inside = not inside
        elif inside:
            out.add(t.i)
    return out


@dataclass(frozen=True)
class Sentences:
    """The sentence index of one article (see the module docstring); built by `index_sentences`."""

    of: tuple[int, ...]
    """The sentence of every token."""
    starts: tuple[int, ...]
    """The first token of every sentence."""
    start_chars: tuple[int, ...]
    end_chars: tuple[int, ...]
    subjects: tuple[frozenset[str], ...]
    """The lower-case subjects of every sentence's main clauses."""
    named: tuple[Mapping[str, Mapping[Variant, tuple[int, ...]]], ...]
    """Per sentence, per entity key: its mention tokens by variant, in order."""
    unnamed: tuple[Mapping[tuple[str | None, int, bool], tuple[int, ...]], ...]
    """Per sentence, (noun gender, salience, without quoted tokens) -> tokens of unnamed people, in order."""

    def keys_in(self, sentence: int) -> Iterator[str]:
        """The entities named in a sentence."""
        return iter(self.named[sentence])

    def best_mention(self, sentence: int, key: str, before: int, *, person: bool, own: bool) -> tuple[int, int] | None:
        """(salience, token) of the most salient, then latest, mention of `key` in `sentence` before token
        `before`; `person` skips names standing as places, `own` (the pronoun's own sentence) quoted ones."""
        lists = self.named[sentence][key]
        for s in SALIENCES:
            tokens = lists.get((s, person, own), ())
            i = bisect_left(tokens, before)
            if i:
                return s, tokens[i - 1]
        return None

    def best_unnamed(self, sentence: int, gender: str | None, salience_: int, before: int, *,
                     own: bool) -> int | None:
        """The latest unnamed person of a noun gender and salience in `sentence` before token `before`."""
        tokens = self.unnamed[sentence].get((gender, salience_, own), ())
        i = bisect_left(tokens, before)
        return tokens[i - 1] if i else None

    def within(self, start: int, end: int) -> range:
        """The sentences wholly inside characters [start, end), in order."""
        return range(bisect_left(self.start_chars, start), bisect_right(self.end_chars, end))

    def covering(self, start: int, end: int) -> tuple[int, int]:
        """Characters [start, end) widened to the sentences they overlap."""
        first = bisect_right(self.end_chars, start)
        last = bisect_left(self.start_chars, end) - 1
        if first > last:
            return start, end
        return min(start, self.start_chars[first]), max(end, self.end_chars[last])


def index_sentences(doc: Doc, mention_key: Mapping[int, str], token_key: Mapping[int, str]) -> Sentences:
    """The sentence index of `doc`, whose mentions start at the tokens of `mention_key` (token -> entity key) and
    whose names cover the tokens of `token_key`."""
    of = [0] * len(doc)
    starts, start_chars, end_chars, subjects, named, unnamed = [], [], [], [], [], []
    by_sentence: dict[int, list[int]] = {}
    sents = list(doc.sents)
    for n, sent in enumerate(sents):
        starts.append(sent.start)
        start_chars.append(sent.start_char)
        end_chars.append(sent.end_char)
        for t in sent:
            of[t.i] = n
        subjects.append(frozenset(c.lower_ for r in sent if r.dep_ == "ROOT" for c in r.children
                                  if c.dep_ in SUBJECT_DEPS))
    for t in sorted(mention_key):
        by_sentence.setdefault(of[t], []).append(t)
    for n, sent in enumerate(sents):
        quoted = quoted_tokens(sent)
        named.append(_named(doc, by_sentence.get(n, []), mention_key, quoted))
        unnamed.append(_unnamed(sent, token_key, quoted))
    return Sentences(tuple(of), tuple(starts), tuple(start_chars), tuple(end_chars), tuple(subjects),
                     tuple(named), tuple(unnamed))


def _named(doc: Doc, tokens: list[int], mention_key: Mapping[int, str],
           quoted: set[int]) -> Mapping[str, Mapping[Variant, tuple[int, ...]]]:
    """Per entity, its mention tokens (in order) under each variant."""
    out: dict[str, dict[Variant, list[int]]] = {}
    for t in tokens:
        lists = out.setdefault(mention_key[t], {})
        s, is_placed, is_quoted = salience(doc[t]), placed(doc[t]), t in quoted
        for person in (False, True):
            for own in (False, True):
                if not (person and is_placed) and not (own and is_quoted):
                    lists.setdefault((s, person, own), []).append(t)
    return MappingProxyType({key: MappingProxyType({v: tuple(ts) for v, ts in lists.items()})
                             for key, lists in out.items()})


def _unnamed(sent: Span, token_key: Mapping[int, str],
             quoted: set[int]) -> Mapping[tuple[str | None, int, bool], tuple[int, ...]]:
    """Common nouns for one person in a sentence ("the woman", "her boyfriend") of salience 2 or 3, that are
    not in apposition with a name ("Ivanka Trump, the nominee's daughter"), by noun gender and salience."""
    out: dict[tuple[str | None, int, bool], list[int]] = {}
    for t in sent:
        if not (t.pos_ == "NOUN" and t.tag_ == "NN" and t.i not in token_key
                and (t.lemma_.lower() in PERSON_NOUNS | PEOPLE_NOUNS or _definite_title(t))
                and not (t.dep_ == "appos" and t.head.i in token_key)
                and not any(c.dep_ == "appos" and c.i in token_key for c in t.children)):
            continue
        s = salience(t)
        if s < 2:
            continue
        for own in (False, True):
            if not (own and t.i in quoted):
                out.setdefault((noun_gender(t), s, own), []).append(t.i)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


def _definite_title(token: Token) -> bool:
    """ "The Ohio senator", "the nominee": a definite description of one office holder, a link in the chain that
    a later pronoun or description follows back to the person it describes."""
    lemma = token.lemma_.lower()
    return lemma in TITLE_HEADS and lemma not in ("official", "source") and has_the(token)


def has_the(token: Token) -> bool:
    """Whether a noun has "the" as its determiner ("the nominee"): a description of someone already known."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts)
