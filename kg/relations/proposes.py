"""proposes: X proposes, offers, suggests, recommends, demands, calls for, pledges or commits to something; urges,
asks or calls on someone to do it; is ready, prepared or willing to do it; puts forward a plan, bill or
proposal ("announced plans to ...", "introduced a resolution"); or the proposal is named as X's ("X's plan
to ...", "calls by X for ..."). Inside what X said, "Y should/must Z", "there must be Z" and "it is time to Z"
propose Z too. The object is the proposal: "ready to discuss adopting a neutral status" -> "adopting a
neutral status". "We"/"it" inside what a speaker said is the speaker.

Near misses: "should be prepared to watch for an offensive" (advice, not an offer), "did not propose",
"ready to go for it" (nothing is proposed), "polls suggest" (no entity proposes), "was offered a job" (no
agent: nobody's offer), "offered condolences", "decided against recommending charges", "prices should rise"
(a prediction), "you should see it" (advice to the listener).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.lexicon import GROUP_NOUNS, GROUP_PRONOUNS, TITLE_HEADS
from kg.entities.memory import Resolved
from kg.relations import SPEAKERS, STATEMENTS, Context, Found, rule
from kg.relations.syntax import (RELATIVE_WORDS, actors_of, char_span, concessive_children, has_content_noun,
                                 is_infinitive, is_passive, is_question, negated, own_action, subtree_without)

PROPOSE_VERBS = {"propose": 0.8, "offer": 0.7, "suggest": 0.6, "pledge": 0.75, "recommend": 0.65,
                 "commit": 0.7, "call": 0.75, "urge": 0.7, "promise": 0.7, "vow": 0.65, "demand": 0.75,
                 "ask": 0.6, "warn": 0.6, "tell": 0.5, "encourage": 0.6, "press": 0.6, "push": 0.65,
                 "lobby": 0.65, "campaign": 0.6, "appeal": 0.65, "advocate": 0.65, "implore": 0.65, "want": 0.5}
DIRECTIVE_VERBS = frozenset("ask warn tell encourage press implore".split())
"""Verbs that propose only as "<verb> someone to do something" ("warned the BBC to steer away")."""
FOR_VERBS = frozenset("call push press lobby campaign appeal ask".split())
"""Verbs that propose what follows "for" ("pushed for a ban")."""
READY_WORDS = {"ready": 0.7, "prepared": 0.7, "willing": 0.7}
DISCUSSION_VERBS = frozenset("discuss consider negotiate explore examine talk study debate".split())
NOT_OFFERS = frozenset("""
condolence condolences congratulations thanks prayer prayers apology apologies resignation view views insight
details detail glimpse evidence explanation comment comments assessment opinion hint clue advice sympathy
sympathies tribute tributes praise information clarification answer answers response explanations
""".split())
"""Objects that are no proposal: courtesies ("offered condolences") and requests for information ("asked for
the details")."""
OFFER_NOUNS = frozenset("""
deal compromise concession concessions talks ceasefire truce referendum amnesty pardon settlement help aid
assistance support money cash funding loan loans reward compensation guarantee guarantees assurance assurances
job jobs place places post seat seats role contract terms price sum payment payments rebate refund cut cuts
increase rise reduction discount partnership alliance merger takeover bid plan proposal package incentive
incentives protection asylum shelter refuge resources troops
""".split())
"""What "offer" proposes as its object ("offered a compromise", "offered £1bn for the firm"); what a firm offers
its customers ("offers a cheaper service") is trade, not a proposal."""
ADVICE = frozenset("should must need ought".split())
PLACEHOLDERS = frozenset("idea plan proposal proposals move measure measures scheme step steps thing things".split())
"""Nouns that only point back to a proposal described elsewhere ("proposed the idea")."""
QUESTIONS = frozenset("know why how whether if what when where who".split())
"""Words that make "demanded to know ..." or "asked whether ..." a question, not a proposal."""

PROPOSAL_NOUNS = {"proposal": 0.65, "plan": 0.6, "offer": 0.6, "suggestion": 0.6, "call": 0.6, "demand": 0.6,
                  "pledge": 0.65, "promise": 0.6, "vow": 0.6, "request": 0.6, "appeal": 0.6, "recommendation": 0.6,
                  "plea": 0.6, "push": 0.55, "commitment": 0.6}
"""Nouns that name a proposal whose content follows ("X's plan to ...", "calls by X for ...")."""
FOR_NOUNS = frozenset("call demand appeal request plea push pressure".split())
"""Proposal nouns whose content may follow "for" ("calls for an inquiry"; "plans for the NHS" is a topic)."""
PUT_FORWARD_VERBS = frozenset("""
announce unveil outline table introduce present submit launch draft publish propose float detail set put
make file sponsor
""".split())
"""Verbs by which an actor puts forward a plan or bill it holds as object ("introduced a resolution")."""
BILL_NOUNS = frozenset("bill resolution amendment motion legislation manifesto blueprint".split())
"""Proposals that are their own content: "introduced a congressional resolution"."""

MODALS = frozenset("should must ought".split())
NOT_PROPOSALS = frozenset("""
be have know feel think realise realize understand mean seem appear look sound wonder win lose beat rise fall grow
increase decrease decline drop happen come arrive see expect hit reach remain stay continue get become prove
suffer face find say admit confess add stress note point tell ask remember recall imagine wait worry fear hope
believe trust recognise recognize acknowledge concern surprise please disappoint delight interest satisfy
shock alarm convince prepare forget doubt
""".split())
"""Verbs that after "should"/"must" predict, infer or hedge ("prices should rise", "he must know", "I must say")
rather than propose."""
AGENT_NOUNS = frozenset("""
government governments people country countries state states council parliament firm firms company companies
industry bank banks authorities officials parents schools police party parties club clubs players team everyone
everybody nobody public society community world nation nations organisation organization union unions voters
""".split()) | GROUP_NOUNS | TITLE_HEADS
"""Subjects that can act on a proposal ("the government should ..."), as against things ("prices should ...")."""
MEASURES = frozenset("""
inquiry investigation review ban change changes debate vote referendum law laws limit limits cap action reform
reforms penalty penalties sanction sanctions rule rules guideline guidelines moratorium apology election
consultation regulation regulations protection compensation guarantee guarantees safeguard safeguards
accountability transparency scrutiny oversight restriction restrictions tax taxes fee fees charge charges
register code standard standards test tests check checks help support funding investment exception exceptions
""".split())
"""What "there should be ..." proposes rather than predicts ("there should be an inquiry", not "there should be
handsets in the shops by May")."""
PREFERENCE_WORDS = frozenset("better best wise sensible right preferable important essential vital".split())
"""Adjectives of "it would be better if ...", "it is vital that ..."."""


@rule("proposes", version=4, requires=(STATEMENTS, SPEAKERS))
def proposes(ctx: Context) -> Iterator[Found]:
    """Proposal verbs, readiness adjectives, proposal nouns with their proposer, then proposals inside what
    someone said."""
    for token in ctx.doc:
        found = _verb_or_readiness(ctx, token) or _proposal_noun(ctx, token)
        if found:
            yield found
    yield from _said_proposals(ctx)


def _verb_or_readiness(ctx: Context, token: Token) -> Found | None:
    """A proposal verb the subject itself uses ("X proposed ...", not "X was urged to propose") or a readiness
    word ("X is ready to ..."), with what it proposes."""
    lemma = token.lemma_.lower()
    actors = None
    if lemma in PROPOSE_VERBS and token.pos_ == "VERB":
        if is_question(token) or token.dep_ == "acomp" or not own_action(token):
            return None
        proposal = _proposal_of_verb(token)
        weight = PROPOSE_VERBS[lemma]
        actors = actors_of(token)
    elif token.lower_ in READY_WORDS and token.pos_ in ("ADJ", "VERB") and token.dep_ in ("acomp", "ROOT", "ccomp",
                                                                                        "conj", "amod", "xcomp"):
        proposal = _readiness(token)
        weight = READY_WORDS[token.lower_]
    else:
        return None
    if proposal is None or negated(token):
        return None
    if isinstance(proposal, list):
        tokens = proposal
    else:
        tokens = subtree_without(proposal, concessive_children(proposal))
    if isinstance(proposal, Token) and _object_gapped(token, proposal):
        tokens = list(token.head.subtree)  # "the target it pledged to reach": the target is what is pledged
    if _anaphoric(tokens):
        return None
    return ctx.finding(token, tokens, weight, actors=actors)


def _object_gapped(verb: Token, action: Token) -> bool:
    """Whether `verb` is a relative clause whose action's object is the noun it describes: "the target it
    pledged to reach" (the proposal is the target), as against "the minister who pledged to resign"."""
    if verb.dep_ != "relcl" or action.dep_ != "xcomp" or verb.head.pos_ != "NOUN":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ not in RELATIVE_WORDS \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in action.children)


def _proposal_of_verb(verb: Token) -> Token | list[Token] | None:
    """What a proposal verb proposes: the "for" object, the action someone is urged or asked to take, the
    offered object or action."""
    lemma = verb.lemma_.lower()
    preps = {c.lower_: c for c in verb.children if c.dep_ == "prep"}
    action = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if lemma == "call" and ("into" in preps or (is_passive(verb) and "for" not in preps)):
        return None  # "called into question"; "was called a menace" names (but "an inquiry was called for")
    if is_passive(verb):  # "a new contract was offered to him by X", "a ceasefire proposed by X"
        passive_subject = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return passive_subject or (verb.head if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" else None)
    clause = next((c for c in verb.children if c.dep_ in ("advcl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)
    if lemma in FOR_VERBS and clause is not None:
        return subtree_without(clause, [m for m in clause.children if m.dep_ == "mark"])  # "for the board to act"
    if lemma in FOR_VERBS and "for" in preps and preps["for"].i > verb.i:
        wanted = next((c for c in preps["for"].children if c.dep_ in ("pobj", "pcomp")), None)
        return None if wanted is None or wanted.lemma_.lower() in NOT_OFFERS | PRIZES else _with_infinitive(wanted)
    if lemma == "call":
        return action if "on" in preps or "upon" in preps else None  # "called on X to ..."; "called X a liar"
    if lemma == "commit":
        if any(c.dep_ == "dobj" for c in verb.children):
            return None  # "committing the rest of his career to club football" dedicates, proposes nothing
        prep = preps.get("to")
        return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if lemma in DIRECTIVE_VERBS or lemma in ("push", "lobby", "campaign", "appeal"):
        return _directive(verb, action)
    if lemma == "want":
        return _wanted_of_others(verb)
    if lemma == "urge":  # "urged caution"; not "urged the finance chiefs" whose action the parser lost
        thing = next((c for c in verb.children if c.dep_ in ("ccomp", "dobj") and c.i > verb.i), None)
        if action is not None or thing is None:
            return action
        return thing if thing.dep_ == "ccomp" or thing.pos_ == "NOUN" and thing.lemma_.lower() not in AGENT_NOUNS \
            else None
    if lemma == "demand" and action is not None and action.lemma_.lower() in QUESTIONS:
        return None  # "demanded to know why"
    if lemma in ("promise", "vow", "pledge") and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "promised the commission would not be a talking shop" is a statement, not an offer
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    infinitive = action or next((c for c in verb.children if c.dep_ == "advcl" and is_infinitive(c)), None)
    if lemma in ("promise", "pledge", "vow", "offer") and obj is not None and infinitive is not None \
            and _addressee(obj):
        return infinitive  # "promised the archbishop to strengthen safeguards"
    if action is not None and obj is not None and obj.i < action.i and action.left_edge.i == obj.right_edge.i + 1 \
            and lemma in ("propose", "suggest", "recommend") and obj.lemma_.lower() not in NOT_OFFERS:
        return list(obj.subtree) + list(action.subtree)  # "proposed the creation of an agency to coordinate ..."
    for dep in ("xcomp", "dobj", "ccomp"):
        child = next((c for c in verb.children if c.dep_ == dep), None)
        if child is None:
            continue
        if dep == "dobj" and (child.lemma_.lower() in NOT_OFFERS or child.lower_ in NOT_OFFERS
                              or any(c.lower_ == "no" for c in child.children)):
            return None
        if dep == "dobj" and lemma == "offer" and child.ent_type_ != "MONEY" \
                and child.lemma_.lower() not in OFFER_NOUNS:
            return None
        if dep == "ccomp" and lemma == "suggest" and not any(c.lower_ == "should" for c in child.children):
            return None
        if dep == "dobj" and lemma == "suggest" and child.tag_ != "VBG":
            return None
        return child
    return None


def _addressee(token: Token) -> bool:
    """Whether an object is someone spoken to (a pronoun, a person's title or group) rather than a thing."""
    return token.pos_ in ("PRON", "PROPN") or token.lemma_.lower() in AGENT_NOUNS


def _with_infinitive(wanted: Token) -> list[Token]:
    """ "called for the board to hold a meeting", "a demand for Turkey to recognise Cyprus": the "for" object and
    the infinitive right after it, wherever the parser hung it, as one span."""
    tokens = list(wanted.subtree)
    following = [t for t in wanted.sent if t.left_edge.i == tokens[-1].i + 1 and t.pos_ in ("VERB", "AUX")
                 and t.dep_ in ("advcl", "xcomp", "ccomp", "acl") and is_infinitive(t)]
    return tokens + list(following[0].subtree) if following else tokens


def _wanted_of_others(verb: Token) -> Token | None:
    """ "X wants the government to raise wages", "X wanted a clause inserted in the bill": what X wants others
    to do, a demand; not what X wants to do or to have ("wants to win", "wants a drink")."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        to = is_infinitive(clause)
        done = clause.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "neg") for c in clause.children)
        if subject is not None and subject.lower_ not in ("you", "me", "us") \
                and (done or to and clause.lemma_.lower() not in NOT_PROPOSALS):
            return clause  # "wants the government to act", "wanted a clause added to the bill"
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    done = next((c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"), None) if obj is not None else None
    return obj if done is not None and not any(c.dep_ == "agent" for c in done.children) else None


def _directive(verb: Token, action: Token | None) -> Token | None:
    """ "asked the court to block the sale", "warned the BBC to steer away", "asked that the line be removed":
    what the addressee is to do. A question ("asked whether ...") or a statement ("warned that ...") is none."""
    if action is not None:  # "told reporters, 'keeping rates low ...'" is no instruction: it needs "to"
        return action if is_infinitive(action) and action.lemma_.lower() not in QUESTIONS else None
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    if is_infinitive(clause):
        return clause  # "asked the government to act", parsed as a clause
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return clause if verb.lemma_.lower() == "ask" and "that" in marks else None


def _readiness(adjective: Token) -> Token | None:
    """ "ready to X": X, or what X is about when X is only talking ("ready to discuss adopting a status")."""
    if any(c.lower_ in ADVICE for c in adjective.head.children) or any(c.lower_ in ADVICE for c in adjective.children):
        return None
    action = next((c for c in adjective.children if c.dep_ == "xcomp"), None)
    if action is None or action.lemma_.lower() == "be":
        return None  # "ready to be president" offers nothing
    if action.lemma_.lower() in DISCUSSION_VERBS:
        inner = next((c for c in action.children if c.dep_ in ("dobj", "xcomp", "ccomp", "pcomp")), None)
        if inner is not None:
            return inner
    return action


def _anaphoric(tokens: list[Token]) -> bool:
    """ "the idea", "the plan": a proposal that only points back to one described elsewhere."""
    words = [t for t in tokens if not t.is_punct and t.pos_ != "DET"]
    return len(words) == 1 and words[0].lemma_.lower() in PLACEHOLDERS


def _proposal_noun(ctx: Context, noun: Token) -> Found | None:
    """A proposal named as someone's: "X's plan to cut taxes", "Tory promises to ...", "calls by X for an
    inquiry", or put forward by the subject of its verb: "X announced plans to ...", "X introduced a bill"."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or (lemma not in PROPOSAL_NOUNS and lemma not in BILL_NOUNS):
        return None
    content = _content_of_noun(noun)
    if content is None:
        return None
    weight = PROPOSAL_NOUNS.get(lemma, 0.6)
    agent = None if lemma in BILL_NOUNS else _proposer_named(ctx, noun)  # "the government's bill" names a bill
    if agent is None:
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in PUT_FORWARD_VERBS or negated(verb) or is_passive(verb):
            return None
        if verb.lemma_.lower() in ("set", "put") and not any(c.dep_ == "prt" and c.lower_ in ("out", "forward")
                                                            for c in verb.children):
            return None
        return ctx.finding(verb, content, weight)
    span = char_span(content)
    if span is None or not has_content_noun(content):
        return None
    who, factor = agent
    return Found(who.key, span, weight * factor, cue=(noun.idx, noun.idx + len(noun)), how=who.how,
                 proposes=who.proposes)


def _proposer_named(ctx: Context, noun: Token) -> tuple[Resolved, float] | None:
    """(resolved entity, confidence factor) of the proposer a proposal noun names: its possessor ("Mr
    Blair's promise"), its "by"/"from" phrase ("a plea by Lord Falconer") or a name or nationality word before
    it ("Labour plans", "the Russian proposal")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        if owner.lower_ in GROUP_PRONOUNS:
            return None  # "its plan to ...": "its" points at an organisation or country too unreliably
        found = ctx.first_entity([owner])
        return (found[0], 0.9) if found else None
    by = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for p in c.children
          if p.dep_ == "pobj"]
    found = ctx.first_entity(by)
    if found:
        return found[0], 0.9
    for modifier in (c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")):
        key = ctx.entities.entity_of_token(modifier.i)
        if key:
            return Resolved(key, "name"), 0.7 if ctx.gazetteer.is_demonym(modifier.text) else 0.85
    return None


BINDING_MODALS = frozenset("should would must shall will ought".split())
"""Modals of a proposed "that" clause ("a promise that MPs would be able to"); "can" and "may" state claims."""
PRIZES = frozenset("title victory win place promotion point points goal goals medal trophy cup championship".split())
"""What a team "pushes for" in a contest: no proposal."""
INTERVIEW_VERBS = frozenset("comment discuss respond talk answer speak confirm explain".split())
"""What a journalist's request asks for ("did not respond to requests to comment")."""


def _proposed_clause(clause: Token) -> bool:
    """A clause that can be a proposal's content: "to cut taxes", "that MPs would be able to review it", "that
    the line be removed" (a "that" clause needs a modal or the subjunctive: in "proposals that the economy was
    successful" it is no content)."""
    children = list(clause.children)
    if is_infinitive(clause):
        return True
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in children):
        return False
    modals = [c.lower_ for c in children if c.dep_ == "aux" and c.tag_ == "MD"]
    if modals:  # not "his suggestion that a judge can't be impartial"
        return all(m in BINDING_MODALS for m in modals)
    return clause.tag_ == "VB" or any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in children)  # "that X be removed"


def _content_of_noun(noun: Token) -> list[Token] | None:
    """What a proposal noun proposes: its "to" or "that" clause, "for" object (for calls and demands), "of"
    gerund ("the idea of cutting"); a bill or resolution is its own content."""
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "ccomp", "xcomp") and child.pos_ in ("VERB", "AUX") \
                and _proposed_clause(child):
            if child.lemma_.lower() in INTERVIEW_VERBS:
                return None  # "requests to comment", "a request to discuss the work": asking for an interview
            return subtree_without(child, concessive_children(child))
        if child.dep_ == "prep" and (child.lower_ == "for" and lemma in FOR_NOUNS or child.lower_ == "of"):
            inner = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if inner is not None and inner.lemma_.lower() not in NOT_OFFERS \
                    and (child.lower_ == "for" or inner.tag_ == "VBG"):
                return _with_infinitive(inner)
    if lemma in BILL_NOUNS:
        return subtree_without(noun, [c for c in noun.children if c.dep_ in ("appos", "punct")])
    return None


def _said_proposals(ctx: Context) -> Iterator[Found]:
    """Inside what someone said: "Y should/must Z", "there must be an inquiry", "it is time to Z", "it would be
    better if Z". The speaker proposes Z."""
    for token in ctx.doc:
        clause = _modal_clause(token) or _preference_clause(token)
        if clause is None:
            continue
        span = char_span(clause)
        if span is None or not has_content_noun(clause):
            continue
        speaker = ctx.speaker_at(*span)
        if speaker is None:
            continue
        yield Found(speaker, span, 0.5, cue=(token.idx, token.idx + len(token)))


def _modal_clause(modal: Token) -> list[Token] | None:
    """ "the minister should resign", "an inquiry must be held", "there must be an investigation": the clause of a
    deontic should/must/ought, or None for a prediction, an inference, a question or a hedge."""
    verb = modal.head
    if modal.lower_ not in MODALS or modal.dep_ != "aux" or verb.i == modal.i or is_question(verb):
        return None
    if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in verb.children):
        return None  # "should have done": a reproach about the past
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.i > modal.i or any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless")
                                                     for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    if _others_opinion(verb):
        return None  # "some people think the women should be confined to their houses": not the speaker's
    if subject.dep_ == "expl":  # "there must be an inquiry"; "there should be handsets out soon" predicts
        ok = lemma == "be" and (modal.lower_ != "should" or any(
            c.dep_ == "attr" and c.lemma_.lower() in MEASURES for c in verb.children))
    elif is_passive(verb):
        ok = lemma not in NOT_PROPOSALS or lemma in ("be", "have")
    else:
        ok = lemma not in NOT_PROPOSALS and (subject.lower_ in ("we", "they", "he", "she") or subject.pos_ == "PROPN"
                                             or subject.lemma_.lower() in AGENT_NOUNS)
    if not ok:
        return None
    drop = concessive_children(verb) + [c for c in verb.children if c.dep_ in ("advcl", "conj", "cc", "mark", "punct")]
    return subtree_without(verb, drop)


OPINION_VERBS = frozenset("think believe feel consider reckon suspect assume suppose".split())


def _others_opinion(verb: Token) -> bool:
    """Whether a clause is what others than the speaker think: the verb of thinking it hangs on has a common
    noun for subject ("some people think the women should stay at home")."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in OPINION_VERBS:
        return False
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.pos_ == "NOUN"


def _preference_clause(word: Token) -> list[Token] | None:
    """ "it is time to end the sanctions", "it would be better if the bill were shelved": the clause proposed."""
    copula = word.head
    if word.dep_ not in ("attr", "acomp") or copula.lemma_ != "be" or copula.i == word.i:
        return None
    if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children):
        return None
    if word.lower_ == "time":
        if any(c.dep_ in ("det", "amod", "poss", "nummod") and c.lower_ not in ("high", "about") for c in word.children):
            return None  # "it is the first time ...", not "it is time to ..."
        clause = next((c for c in word.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None)
    elif word.lower_ in PREFERENCE_WORDS and not negated(word):
        clause = next((c for h in (word, copula) for c in h.children if c.dep_ in ("xcomp", "ccomp", "advcl")
                       and any(m.lower_ in ("if", "to", "that") for m in c.children if m.dep_ in ("mark", "aux"))),
                      None)
    else:
        return None
    if clause is None or clause.lemma_.lower() in NOT_PROPOSALS - {"be", "have"}:
        return None
    if any(c.dep_ == "aux" and c.lower_ == "have" for c in clause.children) or any(
            c.dep_ == "aux" and c.lower_ == "have" for c in copula.children):
        return None  # "it would have been better to have rejected it": a regret, not a proposal
    return subtree_without(clause, concessive_children(clause))
