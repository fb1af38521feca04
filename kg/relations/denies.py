"""denies: X denies, rejects, dismisses, refuses or declines (to discuss) something, and "X, not Y"
rebuttals in what someone said ("it is a repositioning, not a real withdrawal" denies a real withdrawal).

Near misses: "did not deny" (negated), "declined to comment" (nothing is denied), "focused on actions, not
words" (a contrast, not a rebuttal of a claim).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.relations import Context, Found, rule
from kg.relations.syntax import char_span, concessive_children, negated, subtree_without

DENY_VERBS = {"deny": 0.85, "reject": 0.8, "dismiss": 0.7, "refute": 0.8, "rebuff": 0.75, "repudiate": 0.8,
              "disavow": 0.8, "dispute": 0.7, "rule": 0.75}
REFUSE_VERBS = {"refuse": 0.75, "decline": 0.75}
TALK_VERBS = frozenset("""
discuss comment confirm accept recognize recognise say answer address specify elaborate disclose name identify
acknowledge negotiate consider talk reveal detail explain
""".split())


@rule("denies", version=1)
def denies(ctx: Context) -> Iterator[Found]:
    """Denial verbs with an entity subject and an object, then copular rebuttals inside statements."""
    for verb in ctx.doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or negated(verb):
            continue
        if lemma in DENY_VERBS:
            if lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
                continue
            if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSE_VERBS:
                continue  # "refused to rule out tax rises" denies nothing
            target = next((c for c in verb.children if c.dep_ in ("dobj", "ccomp")), None)
            weight = DENY_VERBS[lemma]
        elif lemma in REFUSE_VERBS:
            target = _refused(verb)
            weight = REFUSE_VERBS[lemma]
        else:
            continue
        if target is None:
            continue
        tokens = subtree_without(target, [c for c in target.children if c.dep_ == "prep" and c.lower_ == "as"]
                                 + concessive_children(target))
        found = ctx.finding(verb, tokens, weight)
        if found:
            yield found
    yield from _rebuttals(ctx)


def _refused(verb: Token) -> Token | None:
    """What is refused: "declined to discuss X" -> X; "refused to withdraw troops" -> the action; "refused the offer"."""
    action = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if action is None:
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    if action.lemma_.lower() in DENY_VERBS:
        return None
    if action.lemma_.lower() in TALK_VERBS:
        for child in action.children:
            if child.dep_ in ("dobj", "ccomp"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("about", "on", "whether"):
                return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        return None
    return action


def _rebuttals(ctx: Context) -> Iterator[Found]:
    """ "It is X, not Y" and "not Y but X" inside a statement: the speaker denies Y."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ != "not" or token.i + 1 >= len(doc):
            continue
        prev = doc[token.i - 1] if token.i else None
        rebutted = _noun_phrase_after(token)
        if rebutted is None or prev is None:
            continue
        copular = prev.text == "," and _attribute_of_copula(doc[token.i - 2] if token.i > 1 else prev)
        after = [t for t in doc[rebutted[-1].i + 1:rebutted[-1].i + 3] if t.sent.start == token.sent.start]
        contrast = any(t.lower_ == "but" for t in after if not t.is_sent_start)
        if not (copular or contrast):
            continue
        span = char_span(rebutted)
        if span is None:
            continue
        speaker = ctx.speaker_at(*span)
        if speaker is None:
            continue
        yield Found(speaker, span, 0.6, cue=(token.idx, token.idx + len(token)))


def _noun_phrase_after(token: Token) -> list[Token] | None:
    """The noun phrase that starts right after "not": "a real withdrawal"."""
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].pos_ in ("DET", "ADJ", "ADV", "NUM", "PRON") and doc[i].text not in ('"', "\u201d"):
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    head = doc[i]
    while head.i + 1 < len(doc) and doc[head.i + 1].pos_ in ("NOUN", "PROPN") and doc[head.i + 1].head.i != head.i:
        head = doc[head.i + 1]
    return list(doc[token.i + 1:head.i + 1])


def _attribute_of_copula(token: Token) -> bool:
    """Whether `token` heads (or ends) the complement of "be": "it is a repositioning", "this was an accident"."""
    for t in (token, token.head):
        if t.dep_ in ("attr", "acomp") and t.head.lemma_ == "be":
            return True
        if t.dep_ not in ("compound", "amod", "pobj", "conj", "appos"):
            return False
    return False
