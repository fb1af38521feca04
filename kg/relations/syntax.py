"""Dependency-tree helpers the rules share: subjects, negation, clause spans, dates and places."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from kg.entities import Resolver

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
TRIM_LEFT = {"that", ",", ":", ";", "-", "\u2014", "\u2013", "and", "but", "whether"}
TRIM_RIGHT = {",", ";", ":", "-", "\u2014", "\u2013", "and", "but", "(", "\u201c", '"'}
CLAUSE_BREAKERS = {"though", "although", "while", "whereas", "but"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of `verb`, inherited through coordination, participles and xcomp."""
    return next(iter(subjects_of(verb)), None)


def subjects_of(verb: Token) -> list[Token]:
    """Candidate subjects of `verb`, best first: its own (or, for a subjectless reporting verb at the end of
    a clause, the noun phrase right before it), then those inherited through coordination, participles and
    xcomp. A verb coordinated inside reported speech ("X said Y would fail and declined to Z") or a
    participle attached to it (", adding that ...") also gets the reporting clause's subject. Callers resolve
    them in order and keep the first entity."""
    out: list[Token] = []
    token, inherited = verb, False
    for _ in range(8):
        own = sorted((c for c in token.children if c.dep_ in SUBJECT_DEPS), key=lambda c: abs(token.i - c.i))
        if own:
            out.extend(own)
            if not (inherited and token.dep_ == "ccomp"):
                return out
            token, inherited = token.head, False
            continue
        if token.i == verb.i and verb.tag_ in ("VBD", "VBZ", "VBP"):
            inverted = inverted_subject(verb)
            if inverted is not None:
                return [inverted]
        if token.dep_ not in ("conj", "xcomp", "advcl", "acomp", "pcomp", "prep") or token.head.i == token.i:
            return out
        inherited = token.dep_ == "conj" or (token.dep_ == "advcl" and token.tag_ == "VBG")
        token = token.head
    return out


def inverted_subject(verb: Token) -> Token | None:
    """ "..., an aide to Zelensky said." — the noun phrase right before a subjectless reporting verb."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_punct and doc[i].text not in ("\u201d", '"'):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    token = doc[i]
    while token.dep_ in ("pobj", "prep", "compound", "amod", "poss", "case", "det", "flat") and token.head.i < verb.i \
            and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("NOUN", "PROPN", "PRON") else None


def negated(token: Token) -> bool:
    """True when the token (or the copula or auxiliary it hangs on) is negated: "did not say", "is not ready".
    The negation must stand just before it: parsers hang a quotation's "not" on the reporting verb too
    ('"Probably not," Ms. Moore said')."""
    heads = [token]
    if token.dep_ in ("acomp", "attr", "xcomp") and token.head.i != token.i:
        heads.append(token.head)
    return any((c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "neg")))
               and 0 < token.i - c.i <= 3 for h in heads for c in h.children)


def char_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """The character span from the first to the last token, trimmed of connecting words and punctuation."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (ordered[0].lower_ in TRIM_LEFT or ordered[0].is_space or ordered[0].is_punct
                       and ordered[0].text not in ("\u201c", '"', "(")):
        ordered.pop(0)
    while ordered and (ordered[-1].lower_ in TRIM_RIGHT or ordered[-1].is_space or ordered[-1].text in (".", "!", "?")
                       and len(ordered) > 1 and ordered[-2].text in ("\u201d", '"')):
        ordered.pop()
    while ordered and ordered[-1].is_punct and ordered[-1].text not in ("\u201d", '"', ")", ".", "!", "?", "%"):
        ordered.pop()
    if not ordered:
        return None
    return ordered[0].idx, ordered[-1].idx + len(ordered[-1])


def subtree_without(head: Token, drop: Iterable[Token] = ()) -> list[Token]:
    """`head`'s subtree minus the subtrees of `drop`: the contiguous run of tokens around `head`."""
    removed = {t.i for d in drop for t in d.subtree}
    inside = {t.i for t in head.subtree} - removed
    lo = hi = head.i
    while lo - 1 in inside:
        lo -= 1
    while hi + 1 in inside:
        hi += 1
    return list(head.doc[lo:hi + 1])


def concessive_children(head: Token) -> list[Token]:
    """Clauses that qualify rather than belong to a statement: ", though ...", ", but ...", relative "while"."""
    out = []
    for child in head.children:
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "cc")} | {child.lower_}
        if child.dep_ in ("advcl", "conj", "cc") and marks & CLAUSE_BREAKERS:
            out.append(child)
        if child.dep_ == "cc" and child.lower_ == "but":
            out.extend(c for c in head.children if c.dep_ == "conj" and c.i > child.i)
    return out


def date_of(verb: Token) -> tuple[int, int] | None:
    """A date attached to `verb`: "said Tuesday", "on Tuesday said", "met in March"."""
    for child in verb.children:
        candidates = [child] if child.dep_ in ("npadvmod", "tmod", "obl") else \
            [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in (
                "on", "in", "at", "during", "since", "last", "this") else []
        for c in candidates:
            if c.ent_type_ in ("DATE", "TIME"):
                doc = verb.doc
                ent = next((e for e in doc.ents if e.start <= c.i < e.end), None)
                if ent is not None:
                    return ent.start_char, ent.end_char
    return None


def place_of(head: Token, resolver: Resolver) -> str | None:
    """A place attached by "in"/"at" to `head` ("talks in Istanbul", "hosted ... at the Kremlin"), or by
    "during a visit to" ("told reporters during a visit to Morocco")."""
    for child in head.children:
        if child.dep_ != "prep":
            continue
        objects = [o for o in child.children if o.dep_ == "pobj"]
        if child.lower_ == "during":
            objects = [o for v in objects if v.lemma_.lower() in ("visit", "trip", "tour")
                       for p in v.children if p.dep_ == "prep" and p.lower_ in ("to", "in")
                       for o in p.children if o.dep_ == "pobj"]
        elif child.lower_ not in ("in", "at"):
            continue
        for obj in objects:
            key = resolver.entity_of_token(obj.i)
            if key and resolver.type_of(key) in ("Place", "Organization"):
                return key
    return None


def token_at(doc: Doc, char: int) -> Token | None:
    """The first token starting at or after character `char`."""
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def has_content_noun(tokens: Iterable[Token]) -> bool:
    """Whether a phrase names something (a noun or name), not only pronouns and light verbs ("go for it")."""
    return any(t.pos_ in ("NOUN", "PROPN") for t in tokens)
