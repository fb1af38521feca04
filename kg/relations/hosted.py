"""hosted: X hosted, welcomed or received an event or a visitor, active ("Erdogan hosted the talks") or
passive ("talks hosted by Erdogan"); X held, staged, organised, convened, chaired or presided over a gathering
("X held a press conference"); a visitor came to X ("Y visited X at his residence": X hosted the visit); or the
gathering is named as X's ("the party's spring forum", "a CNN town hall"). The object is the event, with its
place and time where the text gives them, in the same sentence or where the same event is mentioned elsewhere
in the article.

Near misses: "welcomed the decision" (approval, not hosting), "received a letter", "did not host", "held the
lead" (no gathering), "hosts a website" or "a military base" (no one comes together), "visited Paris" (a place
is not a host), "the talks were held in Geneva" (no host named), "the Paris summit" (a place, not a host).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.entities.memory import Resolved
from kg.lexicon import TITLE_HEADS
from kg.relations import SPEAKERS, Context, Found, rule
from kg.relations.syntax import (agents_of, char_span, date_of, is_passive, negated, noun_phrase, object_controller,
                                 own_action, place_of, principals_of, subject_of, subtree_without)

HOST_VERBS = {"host": 0.85, "co-host": 0.8, "welcome": 0.7, "receive": 0.65, "hold": 0.75, "stage": 0.75,
              "organise": 0.75, "organize": 0.75, "convene": 0.8, "chair": 0.7, "sponsor": 0.6, "throw": 0.65,
              "preside": 0.75}
GATHERING_VERBS = frozenset("hold stage organise organize convene chair sponsor throw preside".split())
"""Verbs that make their object a hosted event only when it is a gathering ("held talks", not "held the lead")."""
EVENT_NOUNS = frozenset("""
talk talks meeting meetings summit conference negotiation negotiations visit visits delegation delegations
dinner reception ceremony forum round session event games olympics tournament championship festival show
party gala rally debate discussion discussions consultation consultations dialogue exhibition concert award
awards banquet celebration convention congress symposium workshop retreat tour ceasefire match fixture
briefing hearing hearings vigil march demonstration protest lunch breakfast luncheon hall seminar
""".split())
NOT_GATHERINGS = frozenset("ceasefire award awards visit visits delegation delegations tour round show".split())
"""Event words that need a host verb of their own: "held the ceasefire" or "held the award" gathers nobody."""
OWNED_GATHERINGS = frozenset("conference summit rally forum convention congress gala symposium seminar".split())
"""Gatherings whose owner is their host: "the party's spring forum", "Mr Blair's press conference" (not "her
warm reception", "his debate" or "his first briefing", which their guest, participant or audience owns)."""
PERSONAL_GATHERINGS = frozenset("rally conference".split())
"""Gatherings a person hosts as their own ("his rally", "her press conference")."""
OWNED_WEIGHT = 0.65
"""Confidence of a gathering named as its host's ("his rally"): about five in six right on unseen news."""
BROADCASTS = frozenset("show shows programme programmes program programs series".split())
"""What a presenter "hosts": the guidelines leave TV and radio hosts optional, so lower confidence."""
BROADCAST_WEIGHT = 0.55
NAMED_GATHERINGS = OWNED_GATHERINGS | frozenset("hall debate hearing briefing".split())
"""Gatherings whose organiser names them: "a CNN town hall", "a BBC debate", "a Senate hearing"."""
NOT_HOSTED = frozenset("""
website websites site sites server servers base bases data content page pages file files domain blog blogs
platform platforms account accounts app apps software database archive archives species virus bacteria link links
""".split())
"""What a host verb hosts without anyone coming together: "hosts a website", "the country hosts a base"."""
GUEST_NOUNS = frozenset("""
visitor visitors guest guests leader leaders counterpart counterparts team teams delegation delegations
refugees envoy envoys diplomats officials troops
""".split()) | TITLE_HEADS
VISIT_PLACES = frozenset("at on in during for".split())
"""Prepositions whose phrases stay in a visit's description ("visited X at his residence on Monday")."""


@rule("hosted", version=2, requires=(SPEAKERS,))
def hosted(ctx: Context) -> Iterator[Found]:
    """Host-verb clauses whose host is an entity and whose object is an event, a guest or a named entity;
    visits to a person or organisation; gatherings named as an entity's."""
    for token in ctx.doc:
        found = _by_verb(ctx, token) or _visit(ctx, token) or _owned_gathering(ctx, token)
        if found:
            yield found


def _by_verb(ctx: Context, verb: Token) -> Found | None:
    weight = HOST_VERBS.get(verb.lemma_.lower())
    if weight is None or verb.pos_ != "VERB" or negated(verb):
        return None
    if not own_action(verb) and not _chosen_to_host(verb):
        return None  # "ready to hold a meeting", "called for the board to hold a meeting", "could host"
    hosts, event = _host_and_event(verb)
    if event is None or not _acceptable(ctx, verb, event):
        return None
    resolved = ctx.first_entity(hosts)
    if resolved is None:
        return None
    if event.lemma_.lower() in BROADCASTS:
        weight = min(weight, BROADCAST_WEIGHT)  # a presenter "hosts the show": optional in the guidelines
    return _event_finding(ctx, verb, event, resolved[0], weight * (0.95 if is_passive(verb) else 1.0))


def _event_finding(ctx: Context, cue: Token, event: Token, host: Resolved, base: float) -> Found | None:
    """A hosted event `event` (its noun phrase) with its place and time, hosted by `host`, cued by `cue`."""
    span = char_span(noun_phrase(event, [cue] if cue.i != event.i and cue.dep_ == "acl" else []))
    if span is None:
        return None
    place = place_of(cue, ctx.entities) or _place_within(ctx, event)
    when = date_of(cue) or date_of(event)
    if place is None or when is None:
        other_place, other_time = _same_event_elsewhere(ctx, event)
        place, when = place or other_place, when or other_time
    return Found(host.key, span, base, cue=(cue.idx, cue.idx + len(cue)), time=when, place=place, how=host.how,
                 proposes=host.proposes)


def _host_and_event(verb: Token) -> tuple[list[Token], Token | None]:
    """(host candidates, event head): for the passive, the agents and the noun the participle modifies ("the
    talks, hosted by X") or the passive subject; for the active, the subject and the object ("presided over"
    takes its object by preposition)."""
    if is_passive(verb):
        hosts = agents_of(verb)
        if not hosts:
            return [], None
        passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive_subject is not None:
            return hosts, passive_subject
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return hosts, _event_above(verb.head)
        return hosts, _noun_before(verb)
    subject = subject_of(verb)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if verb.lemma_.lower() == "preside":
        obj = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "over"
                    for p in c.children if p.dep_ == "pobj"), None)
    if _chosen_to_host(verb):  # "the party chose Manchester to host the event": Manchester hosts
        return [c for c in verb.head.children if c.dep_ == "dobj"], obj
    controller = object_controller(verb)  # "credited her with convening the conference": she convened it
    subjects = [controller] if controller is not None else [subject] if subject is not None else []
    return subjects + principals_of(subjects), obj


CHOOSING = frozenset("choose select pick name award appoint".split())
"""Verbs whose object hosts what follows: "chose Manchester to host the conference"."""


def _chosen_to_host(verb: Token) -> bool:
    """ "The party chose Manchester to host its conference": chosen, not merely asked or urged, to host."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in CHOOSING and own_action(head) \
        and any(c.dep_ == "dobj" for c in head.children)


def _event_above(noun: Token) -> Token:
    """The event a participle describes when the parser hung it on the event's topic: "a conference on
    developing enterprise hosted by X" -> conference."""
    if noun.lemma_.lower() in EVENT_NOUNS or noun.dep_ != "pobj" or noun.head.head.lemma_.lower() not in EVENT_NOUNS:
        return noun
    return noun.head.head


def _noun_before(verb: Token) -> Token | None:
    """The noun a detached participle describes: "During the peace talks, hosted by X, ..." -> talks."""
    doc = verb.doc
    i = verb.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    noun = doc[i - 1]
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def _acceptable(ctx: Context, verb: Token, event: Token) -> bool:
    """Hosting takes any event but a website or a base; holding and organising take gatherings; welcoming and
    receiving need a guest or a named person or organisation."""
    lemma = event.lemma_.lower()
    verb_lemma = verb.lemma_.lower()
    if verb_lemma in ("host", "co-host"):
        return event.pos_ in ("NOUN", "PROPN") and lemma not in NOT_HOSTED
    if verb_lemma in GATHERING_VERBS:  # "held a rally", "held the Forum"; not "chaired the Labour Party"
        named = event.pos_ == "PROPN" and ctx.entities.entity_of_token(event.i) is not None
        return event.pos_ in ("NOUN", "PROPN") and lemma in EVENT_NOUNS and lemma not in NOT_GATHERINGS and not named
    if any(c.dep_ == "nummod" for c in event.children):
        return False  # "received 1,265 delegates" counts votes, "received 10 awards" prizes
    if verb_lemma == "receive" and lemma == "delegate":
        return False  # "received all the delegates at stake" counts votes
    if lemma in GUEST_NOUNS or event.lower_ in GUEST_NOUNS:
        return True  # welcoming or receiving an event is approving it ("welcomed the talks") or being given it
    key = ctx.entities.entity_of_token(event.i)  # a person; "received AutoLinks" gets a product
    return key is not None and ctx.entities.type_of(key) == "Person" and not ctx.gazetteer.is_demonym(event.text)


def _visit(ctx: Context, verb: Token) -> Found | None:
    """ "Y visited X at his residence on Monday": X (a person or organisation, not a place) hosted the visit."""
    if verb.lemma_.lower() != "visit" or verb.pos_ != "VERB" or negated(verb) or is_passive(verb):
        return None
    host = next((c for c in verb.children if c.dep_ == "dobj"), None)
    visitor = subject_of(verb)
    if host is None or visitor is None:
        return None
    key = ctx.entities.entity_of_token(host.i)
    guest = ctx.resolve(visitor) if key is not None and _receives_visits(ctx, key, host) else None
    if guest is None:
        return None
    keep = {host.i, visitor.i}
    drop = [c for c in verb.children if c.i not in keep and c.dep_ not in ("aux", "neg", "npadvmod", "advmod")
            and not (c.dep_ == "prep" and c.lower_ in VISIT_PLACES)]
    clauses = [t for t in verb.subtree if t.i != verb.i and t.dep_ in ("relcl", "appos", "advcl", "acl", "conj")]
    tokens = subtree_without(verb, drop + clauses)
    span = char_span(tokens)
    if span is None:
        return None
    return Found(key, span, 0.6, cue=(verb.idx, verb.idx + len(verb)), time=date_of(verb) or _date_within(tokens),
                 place=place_of(verb, ctx.entities), proposes=guest.proposes)  # the visit rests on its visitor


def _date_within(tokens: list[Token]) -> tuple[int, int] | None:
    """The first date named inside a phrase: "visited X at her home in Berlin on Sunday" -> Sunday."""
    doc = tokens[0].doc if tokens else None
    inside = {t.i for t in tokens}
    for ent in doc.ents if doc is not None else ():
        if ent.label_ in ("DATE", "TIME") and ent.start in inside and ent.end - 1 in inside:
            return ent.start_char, ent.end_char
    return None


def _receives_visits(ctx: Context, key: str, host: Token) -> bool:
    """A person, or a seat of government that stands for its head ("visited the White House"); not a place,
    a team or a company ("Rangers visit Kilmarnock", "visited the factory")."""
    if ctx.entities.type_of(key) == "Person":
        return True
    entry = ctx.gazetteer.lookup(" ".join(t.text for t in host.subtree if t.dep_ in ("det", "compound") or t == host))
    return entry is not None and entry.category == "government"


def _owned_gathering(ctx: Context, event: Token) -> Found | None:
    """ "the party's spring forum", "a CNN town hall", "Mr Blair's monthly press conference": the owner of a
    gathering hosts it (a place before it is where it is: "the Paris summit")."""
    lemma = event.lemma_.lower()
    if event.pos_ != "NOUN" or lemma not in NAMED_GATHERINGS:
        return None
    if lemma == "hall" and not any(c.lower_ == "town" for c in event.children):
        return None
    owners = [c for c in event.children if c.dep_ == "poss"]
    owner = ctx.first_entity(owners) if lemma in OWNED_GATHERINGS else None
    resolved = owner[0] if owner else None
    how_weight = 1.0
    if resolved is not None and (resolved.how not in ("name", "pronoun") or not _may_own(ctx, resolved.key, event)):
        return None  # "the party's conference": a description resolves too loosely to name a host
    if resolved is None and lemma not in OWNED_GATHERINGS:
        for child in event.children:
            key = ctx.entities.entity_of_token(child.i) if child.dep_ == "compound" else None
            entry = ctx.gazetteer.lookup(child.text)
            if entry is not None and entry.category == "political-party":
                continue  # "a GOP debate" is among the party's candidates, hosted by a broadcaster
            if key and ctx.entities.type_of(key) == "Organization" and not ctx.gazetteer.is_demonym(child.text):
                resolved, how_weight = Resolved(key, "name"), 0.9
                break
    if resolved is None:
        return None
    return _event_finding(ctx, event, event, resolved, OWNED_WEIGHT * how_weight)


def _may_own(ctx: Context, key: str, event: Token) -> bool:
    """Whether `key` can be the host of a gathering named as its own: an organisation of any; a person of their
    rally or press conference ("Hillary Clinton's convention" is her party's); never a place ("Indiana's state
    convention" is the state party's)."""
    kind = ctx.entities.type_of(key)
    return kind == "Organization" or kind == "Person" and event.lemma_.lower() in PERSONAL_GATHERINGS


def _place_within(ctx: Context, event: Token) -> str | None:
    """A place named by "in"/"at" inside the event's phrase: "the next round of talks in Beijing"."""
    for token in event.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at"):
            key = ctx.entities.entity_of_token(token.i)
            if key and ctx.entities.type_of(key) == "Place":
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
            place = place_of(head, ctx.entities)
        when = when or date_of(other) or date_of(head)
        if place and when:
            break
    return place, when
