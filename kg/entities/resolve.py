"""The head of a noun phrase -> the entity it denotes: what the relation rules ask of an article's entities.

A name (or a name apposed to the phrase), a name NER missed (known from its text or the gazetteer, or, where a
rule allows new names, proposed as a new person or organisation), a pronoun, a relative pronoun's antecedent,
then an organisation noun, a written work's author, a title description, a delegate or a group. The answer is a
`Resolved`: the key, how it was found, and whatever it proposes to add; nothing is added here.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.entities.coref import antecedent, pronoun_gender
from kg.entities.descriptions import describe
from kg.entities.memory import NewEntity, Resolved
from kg.entities.organisations import author, organisation
from kg.entities.view import Entities
from kg.lexicon import (GROUP_PRONOUNS, HONORIFICS, NOT_NAME_HEADS, ORGANISATION_WORDS, PEOPLE_NOUNS, PERSON_NOUNS,
                        PERSON_PRONOUNS, TITLE_HEADS, WRITTEN_WORKS)

RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def resolve(view: Entities, head: Token, *, new_names: bool = False) -> Resolved | None:
    """What the noun phrase headed by `head` denotes; how is name|pronoun|it|description|group ("it" for it/they,
    which point at an organisation or country less reliably than he/she at a person). With `new_names`, a proper
    name NER missed becomes an entity of its own (for the subjects of reporting verbs, which are people or
    organisations)."""
    token_key = view.table.token_key
    if head.i in token_key:
        return Resolved(token_key[head.i], "name")
    for t in _appositions(head) if head.lemma_.lower() not in WRITTEN_WORKS else ():  # "the book, Brown's Britain"
        if t.i in token_key:
            return Resolved(token_key[t.i], "name")
    if new_names and head.lemma_.lower() not in WRITTEN_WORKS:
        for t in head.children:
            if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > head.i:
                found = _unrecognised_name(view, t, create=True)  # "the mayor, Ana Ruiz, said"
                if found:
                    return found
    low = head.lower_
    if low in PERSON_PRONOUNS:
        key = antecedent(view, head, {"Person"}, pronoun_gender(head))
        return Resolved(key, "pronoun") if key else None
    if low in GROUP_PRONOUNS:
        key = antecedent(view, head, {"Organization", "Place"}, None)
        return Resolved(key, "it") if key else None
    if low in RELATIVE_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ in ("relcl", "acl"):
        return resolve(view, head.head.head)
    if head.pos_ == "PROPN":
        names = [t for t in head.subtree if t.i in token_key]
        if names and all(t.i in token_key for t in head.subtree if t.pos_ == "PROPN"):
            return Resolved(token_key[names[-1].i], "name")
        if not names:
            found = _unrecognised_name(view, head, create=new_names)
            if found:
                return found
    return organisation(view, head) or author(view, head, resolve) or describe(view, head, resolve)


def new_person(view: Entities, text: str, start: int) -> Resolved:
    """A person named where only a person can stand (a vox pop's signature) that NER did not tag."""
    span = view.doc.char_span(start, start + len(text), alignment_mode="expand")
    new = NewEntity.named("Person", text, start, span.start if span is not None else 0)
    return Resolved(new.key, "name", (new,))


def _unrecognised_name(view: Entities, head: Token, *, create: bool) -> Resolved | None:
    """A name NER missed ("Stumpf said ..."): a known person's name or surname, the gazetteer, or (with
    `create`) a new person or, when it carries an organisation word, is an acronym or is apposed to an
    organisation noun, a new organisation (not in a heading or a reporting credit)."""
    run = [t for t in head.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"] + [head]
    honorific = bool(run) and run[0].lower_ in HONORIFICS  # "Mr. King" is a name, "President King" not
    while run and run[0].lower_ in HONORIFICS:
        run = run[1:]
    if not run:
        return None
    start = min(t.idx for t in run)
    text = view.doc[min(t.i for t in run):head.i + 1].text  # the characters from `start` to the head's end
    if not text[:1].isupper() or any(t.lower_ in HONORIFICS or (t.lower_ in TITLE_HEADS and not honorific)
                                     for t in run):
        return None
    key = view.by_name(text, start)
    if key or not create or view.gaz.is_demonym(text) or not text.replace(" ", "").replace("-", "").isalpha() \
            or head.i in view.table.furniture or _names_a_law(head, run):
        return Resolved(key, "name") if key else None
    if any(t.lower_ in ORGANISATION_WORDS for t in run) or (len(text) >= 2 and text.isupper()) \
            or (head.dep_ == "appos" and head.head.lemma_.lower() in ORGANISATION_WORDS):
        new = NewEntity.named("Organization", text, start, head.i)  # "Acme Corp", "the pilots' union, BALPA,"
        return Resolved(new.key, "name", (new,))
    if len(run) == 1:
        earlier = _full_name_before(view, head)
        if earlier is not None:  # "Yiannis Papadoyiannakis, who ..., testified. ... said Papadoyiannakis."
            first = view.doc[earlier[0]:earlier[1]]
            full = NewEntity.named("Person", first.text, first.start_char, earlier[1] - 1)
            return Resolved(full.key, "name", (full, NewEntity(full.key, "Person", text, (start, start + len(text)),
                                                               head.i)))
    return new_person(view, text, start)


def _names_a_law(head: Token, run: list[Token]) -> bool:
    """Whether a name ends in a law's, an award's or an event's word and is one ("The Bill proposes", "the Games
    said"), not a person called Bill."""
    return head.lower_ in NOT_NAME_HEADS and (len(run) > 1 or any(c.dep_ == "det" for c in head.children))


def _full_name_before(view: Entities, head: Token) -> tuple[int, int] | None:
    """The token range of the last fuller name NER missed that ends in the surname `head` earlier in the article:
    up to three more capitalised proper nouns before it, none a title, an honorific, a word for a person or a word
    the article also writes in lower case ("Model Caprice" when it says "model Caprice" too)."""
    doc = view.doc
    lowered: set[str] | None = None
    for t in reversed(doc[:head.i]):
        if t.text != head.text or t.pos_ != "PROPN" or t.i in view.table.token_key:
            continue
        first = t.i
        while first > 0 and t.i - first < 3 and _first_name_like(view, doc[first - 1]):
            first -= 1
        if first == t.i:
            return None
        if lowered is None:
            lowered = {w.text for w in doc if w.is_lower}
        if any(w.lower_ in lowered for w in doc[first:t.i]):
            return None
        return first, t.i + 1
    return None


def _first_name_like(view: Entities, t: Token) -> bool:
    """Whether `t` can be a given name before a surname: a capitalised proper noun of letters that no entity
    holds and that is no title, honorific or word for a person."""
    low = t.lower_
    return (t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and t.i not in view.table.token_key
            and low not in HONORIFICS and low not in TITLE_HEADS and low not in PERSON_NOUNS
            and low not in PEOPLE_NOUNS)


def _appositions(head: Token) -> list[Token]:
    """The names apposed to a noun phrase ("Russia's chief negotiator, Vladimir Medinsky"): each apposition's
    head and the words of its name, not other names inside it ("the book, Brown's Britain")."""
    return [x for t in head.children if t.dep_ == "appos"
            for x in (t, *(c for c in t.children if c.dep_ in ("compound", "flat")))]
