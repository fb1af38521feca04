"""denies: X denies, rejects, dismisses, refuses or declines (to discuss) something, active ("X rejected the
plan") or passive with its agent ("claims denied by X", "the offer was rejected by X"); X calls something false
("called the report false", "described the claims as untrue"); X says a claim is untrue ("said the allegations
were baseless"); and "X, not Y" rebuttals in what someone said ("it is a repositioning, not a real
withdrawal" denies a real withdrawal).

Near misses: "did not deny" (negated), "declined to comment" (nothing is denied), "Y was denied visas" (no
agent: nobody's denial), "dismissed the coach" (a sacking), "focused on actions, not words" (a contrast, not a
rebuttal of a claim).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.relations import SPEAKERS, STATEMENTS, Context, Found, rule
from kg.relations.syntax import (actors_of, char_span, concessive_children, has_content_noun, is_passive,
                                 is_question, negated, noun_phrase, own_action, relative_antecedent, restated_noun,
                                 subtree_without)

DENY_VERBS = {"deny": 0.85, "reject": 0.8, "dismiss": 0.7, "refute": 0.8, "rebuff": 0.75, "repudiate": 0.8,
              "disavow": 0.8, "dispute": 0.7, "rule": 0.75, "rebut": 0.8}
REFUSE_VERBS = {"refuse": 0.75, "decline": 0.75}
TALK_VERBS = frozenset("""
discuss comment confirm accept recognize recognise say answer address specify elaborate disclose name identify
acknowledge negotiate consider talk reveal detail explain speculate
""".split())
TALK_REFUSAL = 0.55
"""Confidence of "declined to comment on / discuss / say ...": the guidelines leave it optional."""
LABEL_VERBS = {"call": 0.75, "brand": 0.75, "describe": 0.65, "label": 0.7, "term": 0.7, "dismiss": 0.75,
               "denounce": 0.7}
"""Verbs that call something false: "called the report false", "dismissed the claims as nonsense"."""
FALSE_WORDS = frozenset("""
untrue baseless unfounded groundless fabricated nonsense rubbish lie lies fiction fantasy smear myth
untruth untruths falsehood falsehoods nonsensical
""".split())
"""Words that call a claim false whatever the claim is."""
WEAK_FALSE_WORDS = frozenset("""
false fake bogus inaccurate incorrect erroneous wrong absurd ridiculous laughable misleading exaggerated speculation
""".split())
"""Words that call a claim false only when what they describe is a claim ("the claims were wrong"), not a
decision or a plan ("the decision was wrong" is criticism)."""
TRUE_WORDS = frozenset("true correct accurate right".split())
"""Negated, these deny: "the report was not true"."""
NO_BASIS = frozenset("foundation basis merit substance truth".split())
"""What a false claim is "without": "the claims are without foundation"."""
CLAIM_NOUNS = frozenset("""
claim allegation accusation charge report suggestion story rumour rumor speculation idea notion assertion
impression statement version account
""".split())
"""Nouns for what someone asserts: the things a denial denies."""
PROPOSAL_LIKE = frozenset("""
proposal plan offer demand call request idea criticism criticisms concern concerns fear fears warning warnings
threat threats suggestion suggestions
""".split())
"""Nouns for what someone puts forward or voices: things a denial rejects or dismisses."""
REQUESTS = frozenset("""
visa visas entry access bail permission request requests application applications asylum passage licence license
appeal appeals parole leave
""".split())
"""What "deny" refuses someone ("denied him bail"); "denied Arsenal space" is no denial of anything claimed."""
WITHHELD = frozenset("""
space chance chances victory win goal goals point points title room time opportunity opportunities shot shots
try tries lead
""".split())
"""What a team or player "denies" an opponent in a game: no claim is denied."""
CLAIMING_VERBS = frozenset("claim say suggest allege portray paint describe make call assert insist imply".split())
"""Verbs of the relative clause in "not the crisis that critics claim" (\"make it out to be\")."""


@rule("denies", version=3, requires=(STATEMENTS, SPEAKERS))
def denies(ctx: Context) -> Iterator[Found]:
    """Denial verbs (active, or passive with an agent), verbs that call something false, claims said to be
    untrue, then copular rebuttals inside statements."""
    for verb in ctx.doc:
        if verb.pos_ != "VERB" or negated(verb):
            continue
        found = _verb_denial(ctx, verb) or _labelled_false(ctx, verb)
        if found:
            yield found
    yield from _said_untrue(ctx)
    yield from _rebuttals(ctx)


def _verb_denial(ctx: Context, verb: Token) -> Found | None:
    """ "X denied that ...", "X rejected the plan", "claims denied by X", "X declined to discuss Y"."""
    lemma = verb.lemma_.lower()
    if not own_action(verb) or _nor(verb) or is_question(verb):
        return None
    if lemma in DENY_VERBS:
        if lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
            return None
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSE_VERBS:
            return None  # "refused to rule out tax rises" denies nothing
        if lemma in ("deny", "reject", "rebuff") and not _denies_a_claim(ctx, verb):
            return None  # "denied Arsenal space", "the keeper denied the striker", "voters rejected him"
        target = _denied(verb)
        if lemma == "dismiss" and isinstance(target, Token) and not _claim_like(ctx, target, verb):
            return None  # "dismissed the coach" is a sacking
        weight = DENY_VERBS[lemma]
    elif lemma in REFUSE_VERBS:
        target = _refused(verb)
        weight = REFUSE_VERBS[lemma]
        action = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if action is not None and action.lemma_.lower() in TALK_VERBS:
            weight = TALK_REFUSAL  # "declined to comment on the report": a borderline denial
    else:
        return None
    if target is None:
        return None
    antecedent = relative_antecedent(target) if isinstance(target, Token) else None
    if isinstance(target, list):
        tokens = target
    elif antecedent is not None:
        tokens = noun_phrase(antecedent)
    else:
        tokens = subtree_without(target, [c for c in target.children if c.dep_ == "prep" and c.lower_ == "as"
                                          or c.dep_ == "conj" and c.tag_ in ("VBZ", "VBD", "VBP") and not any(
                                              g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)
                                          or c.dep_ in ("acl", "advcl") and c.tag_ == "VBG" and not any(
                                              g.dep_ in ("mark", "aux", "nsubj") for g in c.children)]
                                 + concessive_children(target))  # not ", saying ..." nor a misparsed ", ruled X"
    clause = isinstance(target, Token) and target.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in target.children)
    return ctx.finding(verb, tokens, weight, actors=actors_of(verb), clause=clause)


def _split_clause(verb: Token) -> list[Token] | None:
    """ "denied his books are anti-religious", parsed as the object "his books" and a subjectless clause: the two
    as one denied clause."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if obj is not None and clause is None and verb.dep_ == "ccomp" and obj.lemma_.lower() in CLAIM_NOUNS \
            and obj.right_edge.i == verb.right_edge.i and verb.head.i > obj.i:
        rest = [t for t in verb.head.subtree if t.i > obj.right_edge.i]  # "rejected the idea X posed a threat",
        while rest and rest[-1].is_punct:  # parsed upside down
            rest.pop()
        return list(obj.subtree) + rest if rest and rest[0].i == obj.right_edge.i + 1 else None
    if obj is None or clause is None:
        return None
    if obj.lemma_.lower() not in CLAIM_NOUNS and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None  # but "rejected the idea [that] X posed a threat" is one claim
    if clause.left_edge.i != obj.right_edge.i + 1:
        return None
    return list(obj.subtree) + list(clause.subtree)


def _nor(verb: Token) -> bool:
    """ "neither admitted nor denied wrongdoing": a denial that is not made."""
    return verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" for c in verb.head.children)


def _denies_a_claim(ctx: Context, verb: Token) -> bool:
    """Whether "deny" or "reject" denies something said, proposed or asked for, not a person ("the keeper
    denied the striker", "voters rejected him") and not something kept from someone ("denied Arsenal space";
    but "denied him bail" refuses a request)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if any(c.dep_ == "dative" for c in verb.children):
        return obj is not None and obj.lemma_.lower() in REQUESTS
    if obj is None:
        return True
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return obj.lemma_.lower() in REQUESTS  # "was denied a visa by X", not "was denied space"
    obj = relative_antecedent(obj) or obj
    if obj.lemma_.lower() in WITHHELD:
        return False
    key = ctx.entities.entity_of_token(obj.i)
    return obj.pos_ != "PRON" and not (key and ctx.entities.type_of(key) == "Person")


def _denied(verb: Token) -> Token | list[Token] | None:
    """What a denial verb denies: its object or clause; for a passive, its subject or the noun it describes
    ("claims denied by X", restated: "accusations of bias, claims denied by X" -> the accusations); for a
    relative clause without an object, the noun it describes ("the allegations he denies")."""
    target = next((c for c in verb.children if c.dep_ in ("dobj", "ccomp")), None)
    split = _split_clause(verb)
    if split is not None:
        return split
    if target is None and verb.lemma_.lower() == "deny":
        target = next((c for c in verb.children if c.dep_ in ("xcomp", "pcomp") and c.tag_ == "VBG"), None)
    if is_passive(verb):  # "Y was denied a visa by X": the visa; "the claims were denied by X": the claims
        target = next((c for c in verb.children if c.dep_ == "dobj"), None) \
            or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if target is None and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            target = verb.head
        if target is None and _misparsed_noun(verb.head) and verb.dep_ == "conj":
            return subtree_without(verb.head, [verb])  # "Calls to X were rejected by Y", "calls" taken for a verb
        return _restated(target) if target is not None else None
    if target is None and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") \
            and not any(c.dep_ in ("xcomp", "prep", "advcl") for c in verb.children):
        return verb.head
    return target


def _misparsed_noun(token: Token) -> bool:
    """A plural claim or proposal noun the parser took for a subjectless verb ("Calls to act were rejected")."""
    return token.pos_ == "VERB" and token.tag_ == "VBZ" and token.lemma_.lower() in CLAIM_NOUNS | PROPOSAL_LIKE \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _restated(noun: Token) -> Token:
    """The noun phrase a claim word restates: "accusations of bias, claims denied by X" -> accusations."""
    if noun.lemma_.lower() not in CLAIM_NOUNS:
        return noun
    return restated_noun(noun) or noun


def _claim_like(ctx: Context, target: Token, verb: Token) -> bool:
    """Whether what is dismissed is a claim, an idea or a clause, or something other than a person,
    organisation or place dismissed "as" something ("dismissed the figures as fiction", not "dismissed the
    Tories as a fading force" or "dismissed him as coach")."""
    antecedent = relative_antecedent(target) or target
    if antecedent.dep_ == "ccomp" or antecedent.lemma_.lower() in CLAIM_NOUNS | PROPOSAL_LIKE:
        return True
    return ctx.resolve(antecedent) is None and antecedent.pos_ != "PRON" \
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in (*verb.children, *target.children))



def _refused(verb: Token) -> Token | None:
    """What is refused: "declined to discuss X" -> X; "refused to withdraw troops" -> the action; "refused the offer"."""
    action = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if action is None:
        if is_passive(verb):
            return None  # "was refused entry" is nobody's refusal of a claim
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    if action.lemma_.lower() in DENY_VERBS or is_passive(action):
        return None  # "refused to rule it out", "declined to be interviewed"
    if action.lemma_.lower() in TALK_VERBS:
        for child in action.children:
            if child.dep_ in ("dobj", "ccomp"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("about", "on", "whether"):
                return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        return None
    return action


def _labelled_false(ctx: Context, verb: Token) -> Found | None:
    """ "X called the report false", "X described the claims as untrue", "dismissed the story as a fabrication"."""
    weight = LABEL_VERBS.get(verb.lemma_.lower())
    if weight is None or is_passive(verb):
        return None
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None:
        return None
    labels = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
    labels += [p for h in (verb, target) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
               for p in c.children if p.dep_ in ("pobj", "amod", "acomp")]
    if not any(_calls_false(label, target) for label in labels):
        return None
    return ctx.finding(verb, noun_phrase(relative_antecedent(target) or target), weight)


def _calls_false(label: Token, claim: Token) -> bool:
    """Whether `label` says that `claim` is false: "false", "a fabrication", "wrong" of a claim."""
    if label.pos_ not in ("NOUN", "ADJ", "PROPN"):
        return False  # "is lying in plain sight"
    words = {label.lower_, label.lemma_.lower()} | {c.lower_ for c in label.children if c.dep_ in ("amod", "compound")}
    if words & FALSE_WORDS:
        return True
    return bool(words & WEAK_FALSE_WORDS) and claim.lemma_.lower() in CLAIM_NOUNS


def _said_untrue(ctx: Context) -> Iterator[Found]:
    """Inside what someone said, a claim is untrue ("the allegations were baseless", "the report was not true",
    "the claims are without foundation"), a thing is "not the crisis critics claim", or one thing "does not
    mean" another. The speaker denies the claim."""
    for token in ctx.doc:
        found = _untrue_claim(token) or _not_what_is_claimed(token) or _not_meaning(token)
        if found is None:
            continue
        tokens, weight = found
        span = char_span(tokens)
        if span is None or not has_content_noun(tokens):
            continue
        speaker = ctx.speaker_at(min(span[0], token.idx), max(span[1], token.idx + len(token)))
        if speaker is None:
            continue
        yield Found(speaker, span, weight, cue=(token.idx, token.idx + len(token)))


def _untrue_claim(word: Token) -> tuple[list[Token], float] | None:
    """ "<claim> is untrue / not true / without foundation": the claim."""
    copula = word.head
    if copula.lemma_ != "be" or copula.i == word.i:
        return None
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or not own_action(copula):
        return None  # "earlier statements may have been wrong" concedes rather than denies
    if word.dep_ in ("acomp", "attr") and _untrue(word, subject):
        return noun_phrase(subject), 0.6
    if word.dep_ == "prep" and word.lower_ == "without" and not negated(copula) and any(
            c.dep_ == "pobj" and c.lemma_.lower() in NO_BASIS for c in word.children):
        return noun_phrase(subject), 0.6
    return None


def _not_what_is_claimed(attribute: Token) -> tuple[list[Token], float] | None:
    """ "it is not the crisis that critics claim (it to be)": what is claimed, with its relative clause."""
    copula = attribute.head
    if attribute.dep_ != "attr" or copula.lemma_ != "be" or not any(c.dep_ == "neg" for c in copula.children):
        return None
    clause = next((c for c in attribute.children if c.dep_ in ("relcl", "acl")), None)
    if clause is None or clause.lemma_.lower() not in CLAIMING_VERBS:
        return None
    if clause.lemma_.lower() == "make" and not any(t.lower_ == "out" for t in clause.subtree):
        return None  # "make it out to be", not "the films that made money"
    return subtree_without(attribute, [c for c in attribute.children if c.dep_ == "punct"]), 0.55


def _not_meaning(verb: Token) -> tuple[list[Token], float] | None:
    """ "X does not mean Y": Y, the conclusion denied."""
    if verb.lemma_.lower() != "mean" or verb.pos_ != "VERB" or not negated(verb) or is_passive(verb):
        return None  # not "this merger isn't meant to help patients"
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    return subtree_without(clause, concessive_children(clause)), 0.5


def _untrue(word: Token, subject: Token) -> bool:
    """Whether "<subject> is <word>" calls the subject false ("untrue", "not true", "wrong" of a claim)."""
    if word.lower_ in TRUE_WORDS:
        return negated(word)
    return not negated(word) and _calls_false(word, subject)


def _rebuttals(ctx: Context) -> Iterator[Found]:
    """ "It is X, not Y" and "not Y but X" inside a statement: the speaker denies Y."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ != "not" or token.i + 1 >= len(doc):
            continue
        prev = doc[token.i - 1] if token.i else None
        rebutted = _noun_phrase_after(token)
        if rebutted is None or prev is None or doc[token.i + 1].lower_ in ADDITIVE:
            continue
        copular = prev.text == "," and _attribute_of_copula(doc[token.i - 2] if token.i > 1 else prev)
        after = [t for t in doc[rebutted[-1].i + 1:rebutted[-1].i + 3] if t.sent.start == token.sent.start]
        contrast = any(t.lower_ == "but" and t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("DET", "ADJ", "NOUN", "PROPN")
                       for t in after if not t.is_sent_start)
        if not (copular or contrast):
            continue
        span = char_span(rebutted)
        if span is None or _names_only(ctx, rebutted):
            continue  # "it is Trump, not Clinton, who must ...": a contrast of people, not a claim denied
        speaker = ctx.speaker_at(*span)
        if speaker is None:
            continue
        yield Found(speaker, span, 0.6, cue=(token.idx, token.idx + len(token)))


def _names_only(ctx: Context, tokens: list[Token]) -> bool:
    """Whether a noun phrase is only the name of a person or organisation."""
    words = [t for t in tokens if t.pos_ not in ("DET", "PUNCT")]
    keys = {ctx.entities.entity_of_token(t.i) for t in words}
    return bool(words) and None not in keys and all(ctx.entities.type_of(k) != "Place" for k in keys if k)


ADDITIVE = frozenset("only just merely simply solely".split())
"""Words after "not" that add rather than rebut: "not only the coaches but the kids"."""


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
