"""Doc -> [Mention]: clean named-entity spans, fix their types from the gazetteer, split titles from names.

NER output on news needs cleaning: titles glued to names ("President Obama"), possessives ("Russia's"),
title words tagged as organisations ("Defense" in "Deputy Defense Minister"), nationality words tagged as
places. Each person mention also carries the job title written next to it, as a premodifier ("Pentagon
spokesperson John Kirby") or an apposition ("Vladimir Medinsky, Russia's chief negotiator").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer
from kg.lexicon import (DAY_WORDS, HONORIFICS, SPEECH_VERBS, TITLE_ABBREVIATIONS, TITLE_CONNECTORS, TITLE_HEADS,
                        TITLE_MODIFIERS)
from kg.model import EntityType

NER_TYPES: dict[str, EntityType] = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
                                    "FAC": "Place", "NORP": "Organization"}
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}


@dataclass(frozen=True)
class Title:
    """A job title written next to a person's name; `affiliation` is the token of the organisation or
    country it belongs to (a name, or a nationality word like "Russian"), when there is one."""

    text: str
    start: int
    end: int
    affiliation: int | None = None


@dataclass(frozen=True)
class Mention:
    """A cleaned entity mention: token span [start, end) and character span [start_char, end_char)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    type: EntityType
    gaz_id: str | None = None
    title: Title | None = None


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """All person, organisation and place mentions in `doc`, in text order, with titles attached."""
    out: list[Mention] = []
    lowercase_words = {t.text for t in doc if t.is_lower and t.is_alpha}
    name_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for ent in doc.ents:
        if ent.label_ not in NER_TYPES:
            continue
        span = _trim(ent)
        if span is None or not _plausible(span, gaz):
            continue
        if len(span) == 1 and span[0].lower_ in lowercase_words and span[0].lower_ not in name_words \
                and gaz.lookup(span.text) is None:
            continue  # "Budget", "Library": a common word the article also writes in lower case
        entry = gaz.lookup(span.text) if not ent.ent_id_ else gaz.entries.get(ent.ent_id_)
        if entry is None and ent.label_ == "NORP":
            continue  # nationality, religious or political group words: affiliation, not an entity
        if entry is None and gaz.is_demonym(span.text):
            continue
        if entry is not None and entry.type != "Person" and ent.label_ == "PERSON" and len(span) > 1 \
                and gaz.lookup(span.text) is None:
            entry = None
        etype = entry.type if entry else NER_TYPES[ent.label_]
        title = _title(doc, span, gaz) if etype == "Person" else None
        out.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, etype,
                           entry.id if entry else None, title))
    return out


def _trim(ent: Span) -> Span | None:
    """Drop leading determiners, honorifics and title words, and a trailing possessive or punctuation."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
                           or (ent.label_ == "PERSON" and _is_title_token(doc[start]) and end - start > 1)):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _is_title_token(token: Token) -> bool:
    low = token.lower_
    return low in TITLE_WORDS or low in HONORIFICS or low in TITLE_ABBREVIATIONS


def _plausible(span: Span, gaz: Gazetteer) -> bool:
    """Reject spans that are not names: lower case, weekdays, amounts, title words inside a title."""
    text = span.text
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return False
    if span.label_ == "PERSON" and any(c.isdigit() for c in text):
        return False  # "280bn", "Route 66"
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in span) and gaz.lookup(text) is None:
        return False
    if all(t.lower_ in DAY_WORDS for t in span):
        return False
    if "\n" in text:
        return False
    if all(t.lower_ in TITLE_WORDS or t.lower_ in TITLE_CONNECTORS or t.lower_ in HONORIFICS
           or gaz.is_demonym(t.text) for t in span) and gaz.lookup(text) is None:
        return False  # "Defense" in "Deputy Defense Minister", "Trade and Industry" in "... Secretary"
    return True


def _title(doc: Doc, name: Span, gaz: Gazetteer) -> Title | None:
    """The title before the name ("Pentagon spokesperson") or in apposition to it, if any."""
    return _title_before(doc, name, gaz) or _title_in_apposition(doc, name, gaz)


def _title_before(doc: Doc, name: Span, gaz: Gazetteer) -> Title | None:
    i = name.start - 1
    words: list[int] = []
    while i >= 0:
        token = doc[i]
        low = token.lower_
        if low in TITLE_WORDS or low in TITLE_ABBREVIATIONS:
            words.append(i)
        elif low in TITLE_CONNECTORS and words and i > 0 and doc[i - 1].lower_ in TITLE_WORDS:
            words.append(i)
        else:
            break
        i -= 1
    words.sort()
    while words and doc[words[0]].lower_ in TITLE_CONNECTORS:
        words.pop(0)
    if not words or not any(doc[w].lower_ in TITLE_HEADS or doc[w].lower_ in TITLE_ABBREVIATIONS for w in words):
        return None
    first = words[0]
    affiliation = _affiliation_at(doc, first - 1, gaz)
    start = doc[affiliation].idx if affiliation is not None and affiliation < first else doc[first].idx
    text = _title_text(doc, words)
    return Title(text, start, doc[words[-1]].idx + len(doc[words[-1]]), affiliation)


def _title_text(doc: Doc, words: list[int]) -> str:
    """The title as written ("Secretary-General" keeps its hyphen), abbreviations spelled out ("Sen." ->
    "Senator")."""
    return "".join(TITLE_ABBREVIATIONS.get(doc[w].lower_, doc[w].text) + doc[w].whitespace_ for w in words).strip()


def _affiliation_at(doc: Doc, i: int, gaz: Gazetteer) -> int | None:
    """The token at or just before `i` naming who a title belongs to: "Russia's", "Pentagon", "Russian",
    "Trump" (in "Trump campaign manager")."""
    if i < 0:
        return None
    token = doc[i]
    if token.text in POSSESSIVE and i > 0 and doc[i - 1].ent_type_ in ("GPE", "ORG", "LOC", "NORP", "PERSON"):
        return i - 1
    if token.ent_type_ in ("GPE", "ORG", "LOC", "FAC", "NORP", "PERSON") or gaz.is_demonym(token.text):
        return i  # a person here ("Trump campaign manager") is kept for the roles rule to judge
    return None


def _title_in_apposition(doc: Doc, name: Span, gaz: Gazetteer) -> Title | None:
    """ "Vladimir Medinsky, Russia's chief negotiator," or "Russia's chief negotiator, Vladimir Medinsky"."""
    root = name.root
    candidates = [t for t in root.children if t.dep_ == "appos"]
    if root.dep_ == "appos":
        candidates.append(root.head)
    for head in candidates:
        if head.lower_ not in TITLE_HEADS or name.start <= head.i < name.end or (
                head.dep_ == "appos" and _subject_of_report(head)):
            continue
        left = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "det")]
        tokens = sorted({t.i for x in left for t in x.subtree} | {head.i})
        words = _contiguous_to([i for i in tokens if i < head.i and _title_word(doc[i], gaz)], head.i)
        affiliation = None
        for i in tokens:
            if doc[i].ent_type_ in ("GPE", "ORG", "LOC", "FAC", "NORP") or gaz.is_demonym(doc[i].text):
                if not (name.start <= i < name.end):
                    affiliation = i
        for prep in (t for t in head.rights if t.lower_ in ("of", "for", "at", "to")):
            for obj in (t for t in prep.children if t.dep_ == "pobj"):
                ents = [t for t in obj.subtree if t.ent_type_ in ("GPE", "ORG", "LOC", "FAC")]
                if ents:
                    affiliation = ents[-1].i
        start = min([doc[words[0]].idx] + ([doc[affiliation].idx] if affiliation is not None else []))
        end = max(doc[head.i].idx + len(doc[head.i]),
                  doc[affiliation].idx + len(doc[affiliation]) if affiliation is not None else 0)
        return Title(_title_text(doc, words), start, end, affiliation)
    return None


def _subject_of_report(head: Token) -> bool:
    """ "..., an aide to the president said": a noun phrase followed by a reporting verb is that verb's
    subject, not a title in apposition to the name before it."""
    after = head.right_edge.i + 1
    doc = head.doc
    return after < len(doc) and doc[after].pos_ == "VERB" and doc[after].lemma_.lower() in SPEECH_VERBS


def _title_word(token: Token, gaz: Gazetteer) -> bool:
    """A word that can be part of a title in apposition: a title word, or a plain adjective or noun."""
    if token.lower_ in TITLE_WORDS:
        return True
    return token.pos_ in ("ADJ", "NOUN") and not token.ent_type_ and not gaz.is_demonym(token.text)


def _contiguous_to(words: list[int], head: int) -> list[int]:
    """The run of `words` that ends at `head` without gaps."""
    run = [head]
    for i in sorted(words, reverse=True):
        if i == run[0] - 1:
            run.insert(0, i)
    return run
