"""proposes: X proposes, offers, suggests, calls for, pledges or commits to something, or is ready,
prepared or willing to do it. The object is the proposal: "ready to discuss adopting a neutral status" ->
"adopting a neutral status". "We"/"it" inside what a speaker said is the speaker.

Near misses: "should be prepared to watch for an offensive" (advice, not an offer), "did not propose",
"ready to go for it" (nothing is proposed), "polls suggest" (no entity proposes).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.relations import Context, Found, rule
from kg.relations.syntax import concessive_children, negated, subtree_without

PROPOSE_VERBS = {"propose": 0.8, "offer": 0.7, "suggest": 0.6, "pledge": 0.75, "recommend": 0.65,
                 "commit": 0.7, "call": 0.75, "urge": 0.6, "promise": 0.7, "vow": 0.65}
READY_WORDS = {"ready": 0.7, "prepared": 0.7, "willing": 0.7}
DISCUSSION_VERBS = frozenset("discuss consider negotiate explore examine talk study debate".split())
NOT_OFFERS = frozenset("""
condolence condolences congratulations thanks prayer prayers apology apologies resignation view views insight
details detail glimpse evidence explanation comment comments assessment opinion hint clue
""".split())
ADVICE = frozenset("should must need ought".split())
PLACEHOLDERS = frozenset("idea plan proposal proposals move measure measures scheme step steps thing things".split())
"""Nouns that only point back to a proposal described elsewhere ("proposed the idea")."""


@rule("proposes", version=1)
def proposes(ctx: Context) -> Iterator[Found]:
    """Proposal verbs and readiness adjectives with an entity (or the speaker) as proposer."""
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        if lemma in PROPOSE_VERBS and token.pos_ == "VERB":
            proposal = _proposal_of_verb(token)
            weight = PROPOSE_VERBS[lemma]
        elif token.lower_ in READY_WORDS and token.pos_ in ("ADJ", "VERB") and token.dep_ in ("acomp", "ROOT", "ccomp",
                                                                                            "conj", "amod", "xcomp"):
            proposal = _readiness(token)
            weight = READY_WORDS[token.lower_]
        else:
            continue
        if proposal is None or negated(token):
            continue
        tokens = subtree_without(proposal, concessive_children(proposal))
        if _anaphoric(tokens):
            continue
        found = ctx.finding(token, tokens, weight)
        if found:
            yield found


def _proposal_of_verb(verb: Token) -> Token | None:
    lemma = verb.lemma_.lower()
    if lemma in ("call", "commit"):
        word = "for" if lemma == "call" else "to"
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == word), None)
        return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if lemma == "urge":
        return next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
    if lemma in ("promise", "vow", "pledge") and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "promised the commission would not be a talking shop" is a statement, not an offer
    for dep in ("xcomp", "dobj", "ccomp"):
        child = next((c for c in verb.children if c.dep_ == dep), None)
        if child is None:
            continue
        if dep == "dobj" and (child.lemma_.lower() in NOT_OFFERS or any(c.lower_ == "no" for c in child.children)):
            return None
        if dep == "ccomp" and lemma == "suggest" and not any(c.lower_ in ("should", "could") for c in child.children):
            return None
        if dep == "dobj" and lemma == "suggest" and child.tag_ != "VBG":
            return None
        return child
    return None


def _readiness(adjective: Token) -> Token | None:
    """ "ready to X": X, or what X is about when X is only talking ("ready to discuss adopting a status")."""
    if any(c.lower_ in ADVICE for c in adjective.head.children) or any(c.lower_ in ADVICE for c in adjective.children):
        return None
    action = next((c for c in adjective.children if c.dep_ == "xcomp"), None)
    if action is None:
        return None
    if action.lemma_.lower() in DISCUSSION_VERBS:
        inner = next((c for c in action.children if c.dep_ in ("dobj", "xcomp", "ccomp", "pcomp")), None)
        if inner is not None:
            return inner
    return action


def _anaphoric(tokens: list[Token]) -> bool:
    """ "the idea", "the plan": a proposal that only points back to one described elsewhere."""
    words = [t for t in tokens if not t.is_punct and t.pos_ != "DET"]
    return len(words) == 1 and words[0].lemma_.lower() in PLACEHOLDERS
