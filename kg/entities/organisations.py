"""Organisations named by a common noun or by their owner: "the bank" and "the network" (the closest fitting
organisation named before), "the Clinton campaign" (an organisation of its own, proposed as a new entity), and
the author a written work speaks for ("the book by Robert Peston", "Trump's letter").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from kg.entities.memory import NewEntity, Resolved
from kg.entities.table import Cluster, nearest
from kg.entities.view import Entities
from kg.lexicon import GROUP_PRONOUNS, PERSON_PRONOUNS, WRITTEN_WORKS

ORG_WINDOW = 6
"""How many sentences back "the bank" or "the network" may look for the organisation it refers to."""
ORG_NOUNS: dict[str, frozenset[str] | None] = {
    "company": frozenset({"company"}), "firm": frozenset({"company"}), "bank": frozenset({"company"}),
    "corporation": frozenset({"company"}), "group": None, "network": frozenset({"media"}),
    "channel": frozenset({"media"}), "newspaper": frozenset({"media"}), "paper": frozenset({"media"}),
    "broadcaster": frozenset({"media"}), "magazine": frozenset({"media"}), "outlet": frozenset({"media"}),
    "agency": frozenset({"agency", "media"}), "ministry": frozenset({"ministry", "government"}),
    "department": frozenset({"ministry", "agency", "government"}), "party": frozenset({"political-party"}),
    "court": frozenset({"court"}), "committee": None, "commission": None, "council": None, "board": None,
    "organization": None, "organisation": None, "union": None, "alliance": frozenset({"international-organization"}),
    "foundation": None, "institute": None, "campaign": frozenset(),
    "fund": None, "authority": None, "bureau": None, "university": None, "charity": None,
    "airline": frozenset({"company"}), "carrier": frozenset({"company"}), "lender": frozenset({"company"}),
    "insurer": frozenset({"company"}), "retailer": frozenset({"company"}),
    "regulator": frozenset({"agency", "government"}), "watchdog": frozenset({"agency", "government"}),
}
"""Nouns for an organisation ("the bank said"), with the gazetteer categories it may refer to (None: any)."""
KIND_WORDS: dict[str, frozenset[str]] = {
    "ministry": frozenset({"ministry", "department", "office"}), "department": frozenset({"department", "ministry"}),
    "court": frozenset({"court", "tribunal"}), "party": frozenset({"party"}), "committee": frozenset({"committee"}),
    "commission": frozenset({"commission"}), "council": frozenset({"council"}),
    "university": frozenset({"university", "college"}), "authority": frozenset({"authority"}),
    "bureau": frozenset({"bureau"}), "foundation": frozenset({"foundation"}), "institute": frozenset({"institute"}),
    "regulator": frozenset({"regulator", "commission", "authority", "agency", "office"}),
    "watchdog": frozenset({"watchdog", "regulator", "commission", "authority", "agency", "office"}),
}
"""Nouns of a kind an organisation's name states, with the words that state it: "the ministry" is one the gazetteer
files under its categories or one whose name says so ("Ministry of Finance", named anywhere before), never just
any organisation named before, as "the company" may be (companies' names rarely say "company")."""
POLICE_WORDS = frozenset({"police", "constabulary", "sheriff", "sheriff's"})
"""Words whose presence in an organisation's name makes it a police force ("Tulsa Police Department")."""
NOT_FORCE_WORDS = frozenset({"federation", "association", "college", "academy", "chiefs", "complaints", "conduct",
                             "station"})
"""Words of names about the police that name no force ("Police Federation", "Charing Cross Police Station")."""
Resolve = Callable[[Entities, Token], Resolved | None]
"""kg.entities.resolve.resolve without new names: what a nested noun phrase denotes."""


def organisation(view: Entities, head: Token) -> Resolved | None:
    """ "the Clinton campaign" (an organisation of its own), "the bank", "the network", "the campaign"
    (the closest fitting organisation named before)."""
    lemma = head.lemma_.lower()
    if head.lower_ == "police":
        return _police(view, head)
    if lemma not in ORG_NOUNS:
        return None
    token_key = view.table.token_key
    if lemma == "campaign":
        owner = next((token_key[t.i] for t in head.lefts if t.dep_ in ("compound", "poss")
                      and t.i in token_key and view.type_of(token_key[t.i]) == "Person"), None)
        if owner:
            return campaign(view, owner, view.doc[head.left_edge.i:head.i + 1])
    if not any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in head.lefts):
        return None
    if any(t.dep_ in ("compound", "amod", "poss") for t in head.lefts):
        return None
    categories = ORG_NOUNS[lemma]
    sentence_of = view.table.sentences.of
    here = sentence_of[head.i]
    before = [c for c in view.clusters() if c.type == "Organization" and c.first_token
              and min(c.first_token) < head.i]
    near = [c for c in before if here - sentence_of[max(t for t in c.first_token if t < head.i)] <= ORG_WINDOW]
    kind = KIND_WORDS.get(lemma)
    candidates = [c for c in near if (categories is None and kind is None)
                  or (categories is not None and c.gaz is not None and c.gaz.category in categories)
                  or (c.gaz is None and lemma == "campaign" and c.key.endswith(" campaign"))]
    if not candidates and kind:  # "the ministry": one whose name says it is one, named anywhere before
        candidates = [c for c in before if kind & _words(c)]
    elif not candidates and categories:  # "the company", "the magazine": one the gazetteer does not know
        candidates = [c for c in near if c.gaz is None and not c.key.endswith(" campaign")
                      and not _named_another_kind(c.forms, lemma)]
    if not candidates:
        return None
    return Resolved(nearest(candidates, head.i).key, "description")


def _police(view: Entities, head: Token) -> Resolved | None:
    """ "Police said", "according to the police", "Tulsa police": the police force the article named before,
    when the words before "police" are no more than "the", "local" or words of the force's name."""
    words = frozenset(t.lower_ for t in head.subtree if t.i < head.i and t.dep_ != "det" and not t.is_punct) - {"local"}
    if any(t.dep_ == "det" and t.lower_ not in ("the", "this", "that") for t in head.lefts):
        return None
    key = police_force(view, head.i, words)
    return Resolved(key, "description") if key else None


def police_force(view: Entities, before: int, words: frozenset[str] = frozenset()) -> str | None:
    """The police force named closest before token `before` ("Tulsa Police Department", "NYPD" as the gazetteer
    knows it) whose names hold every one of `words` (lower case), if any."""
    forces = [c for c in view.clusters() if c.type == "Organization" and c.first_token and min(c.first_token) < before
              and _is_force(names := _words(c)) and words <= names]
    return nearest(forces, before).key if forces else None


def _words(cluster: Cluster) -> set[str]:
    """The lower-case words of every name of an entity, its gazetteer names too."""
    return {w for form in (*cluster.forms, *(cluster.gaz.names if cluster.gaz else ())) for w in form.lower().split()}


def _is_force(words: set[str]) -> bool:
    """Whether the words of an organisation's names make it a police force (not a body about the police)."""
    return bool(words & POLICE_WORDS) and not words & NOT_FORCE_WORDS and not any(
        w in ORG_NOUNS and w != "department" for w in words)


def _named_another_kind(forms: tuple[str, ...], lemma: str) -> bool:
    """Whether a name says the organisation is of another kind than the noun `lemma`, one with categories ("the
    company" is not the "Court of Appeal" or the "Environment Agency" named before it; a "group" may be anything)."""
    kind = ORG_NOUNS[lemma] or frozenset()
    return any(word in ORG_NOUNS and word not in ("group", "organization", "organisation")
               and not (ORG_NOUNS[word] or frozenset()) & kind for form in forms for word in form.lower().split())


def campaign(view: Entities, owner: str, surface: Span) -> Resolved:
    """The campaign of candidate `owner`, written as `surface` ("Trump campaign"): an organisation of its own."""
    new = NewEntity.described(f"{view.label(owner)} campaign", "Organization", surface, surface.root.i)
    return Resolved(new.key, "name", (new,))


def author(view: Entities, head: Token, resolve: Resolve) -> Resolved | None:
    """Who a written work speaks for: "the book by Robert Peston", "a statement by the ministry", "Trump's
    letter" (a work whose author is not named says nothing of anyone)."""
    if head.lemma_.lower() not in WRITTEN_WORKS:
        return None
    for t in head.children:
        objects = [o for o in t.children if o.dep_ == "pobj"] if t.dep_ == "prep" and t.lower_ == "by" else \
            [t] if t.dep_ == "poss" and t.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS else []
        for o in objects:
            found = resolve(view, o)
            if found:
                return Resolved(found.key, "description", found.proposes)
    return None
