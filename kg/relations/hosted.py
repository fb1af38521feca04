"""hosted: X hosted, welcomed or received an event or a visitor, active ("Erdogan hosted the talks") or
passive ("talks hosted by Erdogan"). The object is the event, with its place and time where the text gives
them, in the same sentence or where the same event is mentioned elsewhere in the article.

Near misses: "welcomed the decision" (approval, not hosting), "received a letter", "did not host".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.lexicon import TITLE_HEADS
from kg.relations import HOW_WEIGHT, Context, Found, rule
from kg.relations.syntax import char_span, date_of, negated, place_of, subject_of, subtree_without

HOST_VERBS = {"host": 0.85, "welcome": 0.7, "receive": 0.65}
EVENT_NOUNS = frozenset("""
talk talks meeting meetings summit conference negotiation negotiations visit visits delegation delegations
dinner reception ceremony forum round session event games olympics tournament championship festival show
party gala rally debate discussion discussions consultation consultations dialogue exhibition concert award
awards banquet celebration convention congress symposium workshop retreat tour ceasefire match fixture
""".split())
GUEST_NOUNS = frozenset("""
visitor visitors guest guests leader leaders counterpart counterparts team teams delegation delegations
refugees envoy envoys diplomats officials troops
""".split()) | TITLE_HEADS


@rule("hosted", version=1)
def hosted(ctx: Context) -> Iterator[Found]:
    """Host-verb clauses whose host is an entity and whose object is an event, a guest or a named entity."""
    for verb in ctx.doc:
        weight = HOST_VERBS.get(verb.lemma_.lower())
        if weight is None or verb.pos_ != "VERB" or negated(verb):
            continue
        host, event = _host_and_event(verb)
        if host is None or event is None or not _acceptable(ctx, verb, event):
            continue
        resolved = ctx.resolver.resolve(host)
        if resolved is None:
            continue
        key, how = resolved
        drop = [c for c in event.children if c.dep_ in ("relcl", "appos", "acl", "punct")]
        span = char_span(subtree_without(event, drop))
        if span is None:
            continue
        place = place_of(verb, ctx.resolver) or _place_within(ctx, event)
        when = date_of(verb) or date_of(event)
        if place is None or when is None:
            other_place, other_time = _same_event_elsewhere(ctx, event)
            place, when = place or other_place, when or other_time
        confidence = weight * (0.95 if verb.dep_ == "acl" or any(c.dep_ == "agent" for c in verb.children) else 1.0)
        confidence *= HOW_WEIGHT[how]
        yield Found(key, span, round(confidence, 3), cue=(verb.idx, verb.idx + len(verb)), time=when, place=place)


def _host_and_event(verb: Token) -> tuple[Token | None, Token | None]:
    """(host, event) heads: for the passive, the agent and the noun the participle modifies ("the talks, hosted
    by X") or the passive subject; for the active, the subject and the object."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        host = next((c for c in agent.children if c.dep_ == "pobj"), None)
        passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive_subject is not None:
            return host, passive_subject
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return host, verb.head
        return host, _noun_before(verb)
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None, None
    return subject_of(verb), next((c for c in verb.children if c.dep_ == "dobj"), None)


def _noun_before(verb: Token) -> Token | None:
    """The noun a detached participle describes: "During the peace talks, hosted by X, ..." -> talks."""
    doc = verb.doc
    i = verb.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    noun = doc[i - 1]
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def _acceptable(ctx: Context, verb: Token, event: Token) -> bool:
    """Hosting takes any event; welcoming and receiving need an event, a guest or a named entity."""
    if verb.lemma_.lower() == "host":
        return event.pos_ in ("NOUN", "PROPN")
    lemma = event.lemma_.lower()
    if lemma in EVENT_NOUNS or lemma in GUEST_NOUNS or event.lower_ in GUEST_NOUNS:
        return True
    key = ctx.resolver.entity_of_token(event.i)
    return key is not None and ctx.resolver.type_of(key) in ("Person", "Organization") \
        and not ctx.gazetteer.is_demonym(event.text)


def _place_within(ctx: Context, event: Token) -> str | None:
    """A place named by "in"/"at" inside the event's phrase: "the next round of talks in Beijing"."""
    for token in event.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at"):
            key = ctx.resolver.entity_of_token(token.i)
            if key and ctx.resolver.type_of(key) == "Place":
                return key
    return None


def above_prepositions(token: Token) -> Token:
    """The first token at or above `token` that is not a preposition ("talks in Istanbul" -> "talks"); a
    preposition at the root of a parse is its own head, so the climb stops there."""
    while (token.dep_ == "prep" or token.pos_ == "ADP") and token.head.i != token.i:
        token = token.head
    return token


NEARBY_MENTIONS = 8
"""How many other mentions of an event word are searched for its place and time, nearest first: enough for an
article, and a text repeating the word thousands of times stays linear instead of cubic."""


def _same_event_elsewhere(ctx: Context, event: Token) -> tuple[str | None, tuple[int, int] | None]:
    """Place and time given where the article mentions the same event ("peace talks ... in Istanbul on Tuesday")."""
    place = when = None
    lemma = event.lemma_.lower()
    others = sorted((t for t in ctx.doc if t.lemma_.lower() == lemma and t.i != event.i and t.pos_ == "NOUN"),
                    key=lambda t: abs(t.i - event.i))
    for other in others[:NEARBY_MENTIONS]:
        place = place or _place_within(ctx, other)
        head = above_prepositions(other.head)
        if place is None:
            place = place_of(head, ctx.resolver)
        when = when or date_of(other) or date_of(head)
        if place and when:
            break
    return place, when
