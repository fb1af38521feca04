"""Descriptions, delegates and groups: "the Ukrainian president" (the person introduced with that title), "an aide
to Zelensky" and "his lawyer" (an unnamed person speaking for a named one, proposed as an entity of its own),
"a spokesman for the Pentagon", "Ukrainian officials" and a later bare "officials" (the organisation or country
they speak for).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.entities.coref import PRONOUN_WINDOW, definite_person
from kg.entities.memory import Alias, NewEntity, Resolved
from kg.entities.names import norm_word
from kg.entities.organisations import Resolve, police_force
from kg.entities.table import affiliation
from kg.entities.view import Entities
from kg.lexicon import DELEGATE_NOUNS, GROUP_NOUNS, STATE_TITLES, TITLE_HEADS, TITLE_MODIFIERS


def describe(view: Entities, head: Token, resolve: Resolve) -> Resolved | None:
    """ "A deputy Russian defense minister", "the Ukrainian president", "a spokesman for the Pentagon",
    "Ukrainian officials", "officials" (after Ukrainian officials were named); else a definite description of
    one person (kg.entities.coref.definite_person)."""
    low = head.lower_
    lemma = head.lemma_.lower()
    if lemma not in TITLE_HEADS and low not in GROUP_NOUNS and lemma not in GROUP_NOUNS:
        return definite_person(view, head)
    left = [t for t in head.subtree if t.i < head.i and t.dep_ not in ("det", "punct", "case")]
    affiliated = affiliation(head, view.table.token_key, view.type_of, view.gaz)
    principal = _principal(view, head, resolve)
    words = {norm_word(t) for t in left if t.lower_ in TITLE_HEADS | TITLE_MODIFIERS
             or (t.pos_ in ("ADJ", "NOUN") and t.i not in view.table.token_key and not view.gaz.is_demonym(t.text))}
    words.add(norm_word(head))
    owner = _owner(view, head, resolve) if lemma in DELEGATE_NOUNS else None
    if lemma in TITLE_HEADS and head.tag_ in ("NN", "NNP") and lemma not in ("official", "source"):
        person = _person_with_title(view, words, owner.key if owner else affiliated, head.i)
        if person:
            return Resolved(person, "description", (*(owner.proposes if owner else ()), Alias(person, _np_text(head))))
    if owner:
        seen = view.adding(owner.proposes)
        if seen.type_of(owner.key) != "Person":
            return Resolved(owner.key, "group", owner.proposes)  # "its spokesman", "the company's lawyers"
        connector = "to" if lemma in ("aide", "adviser", "advisor") else "for"  # "his lawyer", "Trump's spokesman"
        return _delegate(seen, head, connector, owner, view.doc[head.left_edge.i:head.i + 1])
    if principal and lemma in DELEGATE_NOUNS:
        found, prep = principal
        seen = view.adding(found.proposes)
        if seen.type_of(found.key) == "Person":
            connector = "close to" if prep.head.lower_ == "close" else prep.lower_
            return _delegate(seen, head, connector, found, view.doc[head.left_edge.i:prep.right_edge.i + 1])
        return Resolved(found.key, "group", found.proposes)
    affiliated = affiliated or _police(view, head)
    if affiliated and (lemma in GROUP_NOUNS or low in GROUP_NOUNS or lemma in DELEGATE_NOUNS
                       or _speaks_for(view, head, lemma, affiliated)):
        return Resolved(affiliated, "group")
    if head.tag_ in ("NNS", "NNPS") and low in GROUP_NOUNS:
        sentence_of = view.table.sentences.of
        for token, key in reversed(view.table.groups):
            if token < head.i and sentence_of[head.i] - sentence_of[token] <= PRONOUN_WINDOW:
                return Resolved(key, "group")
    if lemma in DELEGATE_NOUNS and [t.lower_ for t in head.lefts] == ["the"]:
        voice = _spoken_through(view, head.i)
        if voice is not None:  # "a BaFin spokeswoman said ... 'We found ...,' the spokeswoman said"
            return Resolved(voice, "group")
    return definite_person(view, head)


def _spoken_through(view: Entities, before: int) -> str | None:
    """Who last spoke through an unnamed delegate ("a BaFin spokeswoman said") within PRONOUN_WINDOW sentences
    before token `before`: whom "the spokeswoman" then speaks for."""
    sentence_of = view.table.sentences.of
    for token, key in reversed(view.memory.speakers):
        if token < before and token in view.memory.spoken_through:
            return key if sentence_of[before] - sentence_of[token] <= PRONOUN_WINDOW else None
    return None


def _principal(view: Entities, head: Token, resolve: Resolve) -> tuple[Resolved, Token] | None:
    """Whom a delegate speaks for, and the preposition: "a spokesman for X", "an aide to X", "officials at
    X", "sources close to X"."""
    for t in head.rights:
        prep = t
        if t.lower_ == "close" and t.dep_ in ("amod", "acl", "advmod"):
            prep = next((x for x in t.children if x.lower_ == "to"), t)
        if prep.lower_ in ("for", "to", "at", "of", "in", "with") and prep.dep_ == "prep":
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                found = resolve(view, obj)
                if found:
                    return found, prep
    return None


def _police(view: Entities, head: Token) -> str | None:
    """The police force that "a police spokesman" or "police officials" speak for: the one named closest before
    (kg.entities.organisations.police_force)."""
    return police_force(view, head.i) if any(t.dep_ == "compound" and t.lower_ == "police" for t in head.lefts) \
        else None


def _speaks_for(view: Entities, head: Token, lemma: str, affiliated: str) -> bool:
    """Whether an unnamed title holder speaks for the organisation (or, in an office of state, the country)
    in the title: "a former DNC chairman", "Connecticut's tax commissioner", "an IMF economist" (not a
    party's "the Republican nominee", a person the article goes on to name)."""
    if lemma not in TITLE_HEADS or not any(
            (t.dep_ == "det" and t.lower_ in ("a", "an")) or t.dep_ == "poss" for t in head.lefts):
        return False
    cluster = view.cluster(affiliated)
    if cluster.type == "Organization":
        return not (cluster.gaz is not None and cluster.gaz.category == "political-party")
    return cluster.type == "Place" and lemma in STATE_TITLES


def _owner(view: Entities, head: Token, resolve: Resolve) -> Resolved | None:
    """Whom a delegate noun belongs to by a possessive: "his lawyer", "Trump's spokesman", "its lawyers"."""
    for t in head.children:
        if t.dep_ == "poss":
            found = resolve(view, t)
            if found:
                return found
    return None


def _delegate(view: Entities, head: Token, connector: str, principal: Resolved, surface: Span) -> Resolved:
    """An unnamed person speaking for a named one ("an aide to Zelensky", "his lawyer"): an entity of its
    own, labelled by the relation ("aide to Volodymyr Zelenskyy"), so the principal is not credited with
    the words. `view` already holds what the principal's resolution proposed."""
    noun = head.lemma_.lower() if head.tag_ == "NN" else head.lower_
    new = NewEntity.described(f"{noun} {connector} {view.label(principal.key)}", "Person", surface, head.i)
    return Resolved(new.key, "description", (*principal.proposes, new))


def _person_with_title(view: Entities, words: set[str], affiliated: str | None, near: int) -> str | None:
    """The person introduced in this article with a title containing `words` (and the same affiliation)."""
    candidates = []
    for titled in view.table.titled:
        if not words <= titled.words:
            continue
        if affiliated:
            role_aff = view.entity_of_token(titled.affiliation) if titled.affiliation is not None else None
            if role_aff is not None and role_aff != affiliated:
                continue
        candidates.append((abs(titled.token - near), titled.key))
    return min(candidates)[1] if candidates else None


def _np_text(head: Token) -> str:
    """The noun phrase up to its head: "the Ukrainian president" (no relative clauses or appositions)."""
    left = [t for t in head.subtree if t.i <= head.i]
    start = left[0].i if left else head.i
    return head.doc[start:head.i + 1].text
