"""said: who said what. Direct quotes, indirect speech, "according to X", "he added", ", adding, '...'",
colon quotes, a quote whose speaker comes in the next sentence, a quote that continues a speaker's quote over
paragraphs, a quote after its attribution sentence ('"A," X said. "B."': B is a statement of X's own, the
narration between is in neither), what is announced or claimed as a noun phrase, "called X Y", "accused X of Y".

Near misses it leaves alone: a negated reporting verb ("did not say that"), a reporting verb whose subject
is no entity ("the report said", "critics say"), the one asked in "X was asked", headlines, scare quotes inside
a sentence, and a quotation after a statement whose speaker it cannot name (it is nobody else's).
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterator

from spacy.tokens import Token

from kg.entities.memory import Proposal, Resolved, Speaker, Statement
from kg.entities.resolve import new_person
from kg.lexicon import DELEGATE_NOUNS, JUDGING_VERBS, OBJECT_SPEECH_VERBS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from kg.relations import SPEAKERS, STATEMENTS, Context, Found, confidence, rule
from kg.relations.quotes import Quote
from kg.relations.syntax import (char_span, date_of, has_content_noun, negated, place_of, subjects_of, subtree_without,
                                 token_at)

GAP_BEFORE = re.compile(r"[\s,\u2014\u2013-]*")
GAP_AFTER = re.compile(r"[\s,:\u2014\u2013-]*(?:that\s+)?")
INSTRUCTING = frozenset("tell ask urge order instruct advise warn remind".split())
"""Verbs that report an instruction to someone: "told his advisers to find a way"."""
LABELLING_VERBS = frozenset({"describe", "call"})
"""Reporting verbs whose passive takes the speaker's label in quotation marks: 'was described as a "gentleman" by X'."""


@rule("said", version=5, assigns=(STATEMENTS, SPEAKERS))
def said(ctx: Context) -> Iterator[Found]:
    """Attributions of reporting verbs in reading order, then "according to", speaker lines and the quotations
    no reporting verb claimed; each quotation is attributed at most once. Each finding states its statement (for
    the rules that read what someone said) and its speaker (for a later "he added")."""
    used: set[int] = set()
    found: list[Found] = []
    silent: list[int] = []
    cues: set[int] = set()
    for verb in ctx.doc:
        if not _is_cue(verb, ctx):
            continue
        result = _from_verb(ctx, verb, used, silent)
        if result:
            cues.add(verb.i)
            found.append(result)
            yield _stated(result)
    for phase in (_according_to(ctx, cues), _speaker_lines(ctx, used), _unattributed_quotes(ctx, used, found, silent)):
        for result in phase:
            found.append(result)
            yield _stated(result)


def _stated(found: Found) -> Found:
    """The finding with the statement it makes: later rules read who said its span."""
    return replace(found, proposes=(*found.proposes, Statement(*found.object, found.subject)))


def _is_cue(token: Token, ctx: Context) -> bool:
    if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ in ("amod", "compound") or _inside_quote(ctx, token.idx):
        return False
    return not negated(token) and not _unrealised(token)


def _unrealised(verb: Token) -> bool:
    """Speech that is wanted, dared or expected rather than made: "daring him to say ...", "wants to announce"
    (but "went on to say" and "continued to insist" report what was said)."""
    return verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp", "advcl") \
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children) \
        and verb.head.lemma_.lower() not in ("go", "continue", "proceed", "repeat")


def _inside_quote(ctx: Context, char: int) -> Quote | None:
    return next((q for q in ctx.quotes if q.inner_start <= char < q.inner_end), None)


def _speaker(ctx: Context, verb: Token) -> tuple[Resolved, Token] | None:
    """The entity that speaks through `verb` and the subject token. A passive reporting verb speaks through its
    agent only ("Donnellon was asked" names the one asked); a participle the parser hung inside the reported
    clause (", adding: ...") speaks through the reporting verb; a name the parser left beside the subject ("one
    of the four, Gerry Conlon - who ... - said") speaks."""
    outer = _reporting_verb(verb)
    if outer is not None:
        return _speaker(ctx, outer)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        patient_is = ctx.resolve(patient) if patient is not None else None
        for by in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (o for o in by.children if o.dep_ == "pobj"):
                found = ctx.resolve(obj, new_names=True)
                if found and not (patient_is and found.key == patient_is.key):  # "Patel was called ... by the judge"
                    return found, obj
        return _labeller(ctx, verb)
    return _active_speaker(ctx, verb)


def _labeller(ctx: Context, verb: Token) -> tuple[Resolved, Token] | None:
    """Who gave the label of a passive "described as" or "called" when the parser hung "by X" on the label ('was
    described as a "true gentleman" by his friend Tom Hale'): the first name that resolves in that phrase."""
    if verb.lemma_.lower() not in LABELLING_VERBS:
        return None
    for by in (t for t in verb.subtree if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.i > verb.i):
        for name in (t for t in by.subtree if t.pos_ == "PROPN" and t.dep_ in ("pobj", "conj", "appos")):
            found = ctx.resolve(name, new_names=True)
            if found:
                return found, name
    return None


def _active_speaker(ctx: Context, verb: Token) -> tuple[Resolved, Token] | None:
    """The speaker of a reporting verb in the active voice (see `_speaker`)."""
    controller = _controller(verb)
    if controller is not None:
        found = ctx.resolve(controller, new_names=True)
        return (found, controller) if found else None
    inserted = _inserted_name(verb)
    if inserted is not None and (found := ctx.resolve(inserted, new_names=True)):
        return found, inserted
    speaker = ctx.agent(verb, first_person=False, new_names=True)
    if speaker is None and _after_quote(ctx, verb):
        speaker = next(((r, c) for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ == "PROPN"
                        and (r := ctx.resolve(c, new_names=True)) is not None), None)  # '"...," implored X'
    if speaker is None:
        subjects = subjects_of(verb)
        speaker = next(((r, c) for c in verb.children if c.dep_ in ("npadvmod", "dep", "appos") and c.i < verb.i
                        and c.pos_ == "PROPN" and (not subjects or subjects[0].i < c.i)
                        and (r := ctx.resolve(c)) is not None), None)
    return speaker


def _inserted_name(verb: Token) -> Token | None:
    """The name right before an attribution set into a sentence, which the parser hung on the sentence's subject as
    an apposition ("To see the real Dred Scott, Chief Justice Roberts said, one should ..." names Roberts)."""
    if verb.dep_ != "parataxis":
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        for appos in (c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
            if appos.right_edge.i == verb.i - 1 and verb.doc[appos.left_edge.i - 1].text == ",":
                return appos
    return None


def _controller(verb: Token) -> Token | None:
    """The object that is the subject of "to say" in "forced Stumpf to admit ...", "asked him to explain ..."."""
    if verb.dep_ != "xcomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)


def _after_quote(ctx: Context, verb: Token) -> bool:
    """Whether the reporting verb comes right after a quotation and its comma ('"...," implored ...')."""
    lead = ctx.article.text[:verb.idx].rstrip()
    return lead.endswith((",", ",\u201d", ',"', "\u201d", '"', "''")) and any(
        q.end <= verb.idx and not ctx.article.text[q.end:verb.idx].strip(" ,") for q in ctx.quotes)


def _reporting_verb(verb: Token) -> Token | None:
    """The reporting verb whose reported clause a speech participle hangs in: "He said Mr Blair had spoken
    warmly, adding: ..." (parsed as if Mr Blair were adding)."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj", "xcomp"):
        return None
    clause = verb.head
    if clause.dep_ == "conj" and clause.head.dep_ == "ccomp":
        clause = clause.head
    return clause.head if clause.dep_ == "ccomp" and _is_speech(clause.head) else None


def _spoke(verb: Token, who: Resolved, subject: Token) -> tuple[Proposal, ...]:
    """What the speaker's resolution proposes, and who spoke at `verb` (for a later "he added"); an organisation
    that spoke through one unnamed person ("a spokesman for DLF told the BBC ... He said") can be that "he"."""
    return (*who.proposes,
            Speaker(verb.i, who.key, person=subject.tag_ == "NN" and subject.lemma_.lower() in DELEGATE_NOUNS))


def _frame(verb: Token, subject: Token, ctx: Context) -> tuple[int, int]:
    """Character extent of the reporting clause ("Kirby said Tuesday"), without quotations, the reported
    clause, or a further reporting verb (", adding ...") that has a content of its own."""
    tokens = [verb]
    if subject.head.i == verb.i or subject.i > verb.i:
        tokens.extend(subject.subtree)
    for child in verb.children:
        if child.dep_ in ("ccomp", "punct", "conj", "cc", "parataxis") or _is_speech(child):
            continue
        tokens.extend(child.subtree)
    tokens = [t for t in tokens if not _inside_quote(ctx, t.idx) and t.text not in ('"', "\u201c", "\u201d")]
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _is_speech(token: Token) -> bool:
    return token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX")


def _from_verb(ctx: Context, verb: Token, used: set[int], silent: list[int]) -> Found | None:
    """The reported content of one reporting verb: a reported clause outside quotation marks, else an
    adjacent quotation, else "told X to ..." or (for "..., an aide said") the clause the verb is tacked onto.
    When the speaker is no entity the content is still claimed, so no later rule hands it to someone else, and
    its end goes to `silent`, so that no quotation after it is taken for an earlier speaker's."""
    subjects = subjects_of(verb)
    speaker = _speaker(ctx, verb)
    if not subjects and speaker is None:
        return None
    subject = speaker[1] if speaker else subjects[0]
    content, base = _content(ctx, verb, subject, used)
    if content is None:
        return None  # a speaker resolved here proposes nothing: no finding, no entity
    if speaker is None:
        silent.append(max(content[1], verb.idx + len(verb)))
        return None
    who = speaker[0]
    if verb.lemma_.lower() in WEAK_SPEECH_VERBS:
        base *= 0.75
    return Found(who.key, content, base, cue=(verb.idx, verb.idx + len(verb)), time=date_of(verb),
                 place=place_of(verb, ctx.entities), how=who.how, proposes=_spoke(verb, who, subject))


def _content(ctx: Context, verb: Token, subject: Token, used: set[int]) -> tuple[tuple[int, int] | None, float]:
    """(content span, base confidence) for a reporting verb; marks quotations used."""
    inverted = [subject] if subject.i < verb.i and subject.head.i != verb.i else []
    passive = _passive_label(ctx, verb, used)
    if passive is not None:
        return passive, 0.75
    if verb.lemma_.lower() in JUDGING_VERBS:  # "called the vote a mistake", "accused the BBC of bias"
        content = _judgement(verb) if verb.dep_ not in ("relcl", "acl", "amod") else None
        if content is not None:
            return _claim(ctx, content, used), 0.6
        return None, 0.0
    clauses = [c for c in verb.children if c.dep_ == "ccomp" or (  # also "tweeted that ..." and "said allowing it
        c.dep_ == "advcl" and c.left_edge.lower_ == "that" and c.left_edge.i > verb.i) or (  # is ...", misparsed
        c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i and any(x.dep_ == "ccomp" for x in c.children))]
    clauses = [c for c in clauses if c.i < verb.i or not _behind_relative(verb, c)]
    clause = next((c for c in clauses if c.i > verb.i), clauses[0] if clauses else None)
    if clause is not None and not _quoted(ctx, clause):
        content = _unquote(ctx, _clausal_content(clause, drop=inverted))
        if content is not None and clause.i > verb.i and content[1] <= clause.right_edge.idx + len(clause.right_edge):
            content = _elaborated(ctx, verb, _continued(verb, clause, content))
        elif content is not None and clause.i < verb.i:
            content = _resumed(verb, content)
        if content is not None:
            return _claim(ctx, content, used), 0.85
    quoted = _adjacent_quote(ctx, verb, subject, used)
    if quoted is not None:
        return quoted, 0.9
    instruction = _instruction(verb)
    if instruction is not None:
        return _claim(ctx, instruction, used), 0.75
    if verb.dep_ == "parataxis" and clause is None:
        content = _around(verb, inverted)
        if content is not None:
            return _claim(ctx, content, used), 0.75
    content = _object_content(ctx, verb)
    if content is not None:
        return _claim(ctx, content, used), 0.6
    return None, 0.0


def _passive_label(ctx: Context, verb: Token, used: set[int]) -> tuple[int, int] | None:
    """The quoted words of a passive "described as" or "called" ('was described as a "true gentleman" by Tom Hale':
    Hale said "true gentleman"), as the active verb gives them; marks the quotation used."""
    if verb.lemma_.lower() not in LABELLING_VERBS or not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    end = verb.right_edge.idx + len(verb.right_edge)
    for i, q in enumerate(ctx.quotes):
        if i not in used and verb.idx < q.start and q.end <= end + 1:
            used.add(i)
            return q.inner_start, q.inner_end
    return None


def _behind_relative(verb: Token, clause: Token) -> bool:
    """Whether a clause the parser hung on the verb goes on a relative clause instead ('"...," she said of the
    vote, in which she was sure he would win'): the clause opens with a relative word ("in which she was ...") or
    follows a relative clause with nothing between ("which she was sure | he would win"; not "told reporters,
    who had waited, that ...")."""
    doc = verb.doc
    edge = clause.left_edge.i
    if edge < verb.i:  # "donations, which he said were loans": the relative word is the reported clause's subject
        return False
    opening = doc[edge + 1] if doc[edge].tag_ == "IN" and edge + 1 < len(doc) else doc[edge]
    if _relative(opening):
        return True
    before = doc[edge - 1]
    return before.i > verb.i and not before.is_punct and any(t.dep_ == "relcl" and t.i > verb.i and any(
        _relative(x) for x in t.subtree) for t in (before, *before.ancestors))


def _relative(token: Token) -> bool:
    """A relative pronoun or determiner ("which", "who", "whose"; not "what", which opens reported questions, nor
    "that", which is also the complementiser of "said that")."""
    return token.tag_ in ("WDT", "WP", "WP$") and token.lower_ not in ("what", "that")


def _object_content(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """What is announced, claimed or stressed as a noun phrase: "announced plans to allow ...", "stressed her
    support of the raid", "warned against hackers" (not the listener of "told", nor the target of "praised")."""
    lemma = verb.lemma_.lower()
    if lemma not in OBJECT_SPEECH_VERBS or verb.dep_ in ("relcl", "acl", "amod"):
        return None
    for child in verb.children:
        objects = [child] if child.dep_ == "dobj" else \
            [o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in (
                "against", "of", "about") and lemma == "warn" else []
        for obj in objects:
            tokens = list(obj.subtree)
            between = {t.i for t in tokens} | {t.i for c in verb.children if c.dep_ == "npadvmod" for t in c.subtree}
            purpose = next((c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i > obj.i
                            and c.left_edge.lower_ == "to"
                            and all(t.i in between for t in verb.doc[obj.i:c.left_edge.i])), None)
            if purpose is not None:  # "announced plans this week to give ..."
                tokens += list(verb.doc[obj.right_edge.i + 1:purpose.right_edge.i + 1])
            if obj.pos_ == "PRON" or not has_content_noun(tokens) or len(tokens) < 2 \
                    or all(ctx.entities.entity_of_token(t.i) for t in tokens if t.pos_ in ("NOUN", "PROPN")):
                continue
            return char_span(tokens)
    return None


REASON_MARKS = frozenset({"because", "since", "although", "though", "unless", "if"})
"""Conjunctions of a reason or condition the speaker gives after what they report ("..., because ...")."""


def _reasons(verb: Token, after: int) -> list[Token]:
    """Dependents of a reporting verb after token `after` that go on with what it reports: a further reported
    clause ("said A and B was ..."), one right after token `after` whose subject the parser hung in the clause
    before it ("said A has respect for B and his remark was ..."), a phrase coordinated with the clause's last
    one ("said it brought back memories of B, and of C") and a reason ("said A, because B")."""
    doc = verb.doc
    return [c for c in verb.children if c.i > after and doc[c.left_edge.i - 1].text != ":" and (
        (c.dep_ == "ccomp" and any(x.dep_ in ("nsubj", "nsubjpass") and x.pos_ != "PROPN" for x in c.children))
        or (c.dep_ == "ccomp" and c.left_edge.i == after + 1
            and not any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children))
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in REASON_MARKS for m in c.children))
        or (c.dep_ == "prep" and doc[c.i - 1].dep_ == "cc" and doc[c.i - 1].head.i == verb.i))]


def _continued(verb: Token, clause: Token, content: tuple[int, int]) -> tuple[int, int]:
    """The reported clause with what the parser hung on the reporting verb after it (see `_reasons`)."""
    return _extended(content, [t for c in _reasons(verb, clause.right_edge.i) for t in c.subtree])


def _extended(content: tuple[int, int], more: list[Token]) -> tuple[int, int]:
    """`content` made to end where the last of `more` ends, when that is later."""
    span = char_span(more) if more else None
    return (content[0], max(content[1], span[1])) if span else content


def _elaborated(ctx: Context, verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """A reported clause that ends at a colon goes on with what the colon introduces, to the end of the
    sentence ("said it was a rare moment: prices are low and ..."), however the parser hung it."""
    text = ctx.article.text
    at = len(text) - len(text[content[1]:].lstrip(" ,\u201d\"'"))
    colon = token_at(ctx.doc, at) if text[at:at + 1] == ":" else None
    if colon is None or colon.sent.start != verb.sent.start:
        return content
    if any(_is_speech(t) for t in colon.sent if content[0] <= t.idx < content[1]):
        return content  # 'recalled how Clinton advised him: "..."': what follows is the nested speaker's
    span = char_span([t for t in ctx.doc[colon.i + 1:colon.sent.end] if t.text != "."])
    return (content[0], span[1]) if span else content


def _resumed(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """ "A, the agency said, and B paid ...": a clause with a subject of its own that the parser coordinated with
    a reporting verb standing between two reported clauses goes on with the statement, as an interrupted
    quotation does (not a further reporting verb, nor a named actor's own deed)."""
    return _extended(content, [
        t for c in verb.children if c.dep_ == "conj" and c.i > verb.i and not _is_speech(c)
        and verb.doc[c.left_edge.i - 1].lower_ in ("and", "but")
        and any(x.dep_ in ("nsubj", "nsubjpass") and x.pos_ != "PROPN" for x in c.children) for t in c.subtree
        if t.text != "."])


def _around(verb: Token, inverted: list[Token]) -> tuple[int, int] | None:
    """What a reporting clause tacked onto a sentence reports: the rest of the sentence, on both sides when
    it stands in the middle ("Even if A, Mr. Morgan said, B": one statement, like an interrupted quotation),
    with a reason it gives ("A, Graham said, since B")."""
    reasons = [t for c in _reasons(verb, verb.i) for t in c.subtree]
    kept = {t.i for t in reasons}
    inserted = _inserted_name(verb)
    if inserted is not None:  # "To see A, Judge Hale said, B": the sentence's subject hangs on the verb, keep it
        attribution = {verb.i} | {t.i for t in inserted.subtree} | {c.i for c in verb.children if c.is_punct}
        reasons = [t for t in verb.subtree if t.i not in attribution]
        kept = {t.i for t in reasons}
    tokens = sorted([t for t in _clausal_content_tokens(verb.head, [verb, *inverted], whole=True)
                     if t.i not in kept] + reasons, key=lambda t: t.i)
    after = [t for t in tokens if t.i > verb.right_edge.i and t.i not in kept]
    attribution = {x.i for t in after if t.lower_ == "according" for x in t.subtree}
    if not any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM", "PRON") and t.i not in attribution for t in after):
        tokens = [t for t in tokens if t.i < verb.i or t.i in kept]  # nothing but ", according to X." after it
    while tokens and tokens[-1].text == ".":
        tokens.pop()
    if len(tokens) < 2:
        return None
    return char_span(tokens)


def _judgement(verb: Token) -> tuple[int, int] | None:
    """ "called her vote a mistake": the object and what it is called; "accused the BBC of bias": the object
    and the charge. Not "called for talks" (a proposal), "was called" (a name) nor "what he called X" (the
    article's words around a label)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)  # not "what he called X"
    if obj is None or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    if verb.lemma_.lower() == "call":
        complement = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i), None)
        return char_span([*obj.subtree, *complement.subtree]) if complement is not None else None
    charge = next((c for c in obj.subtree if c.dep_ == "prep" and c.lower_ == "of" and c.head.i == obj.i), None) \
        or next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return char_span([*obj.subtree, *charge.subtree]) if charge is not None else None


def _instruction(verb: Token) -> tuple[int, int] | None:
    """ "told his advisers to find a way": whom the speaker told, and what to do."""
    if verb.lemma_.lower() not in INSTRUCTING:
        return None
    listener = next((c for c in verb.children if c.dep_ == "dobj"), None)
    action = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
    if listener is None or action is None:
        return None
    return char_span([*listener.subtree, *action.subtree])


def _quoted(ctx: Context, clause: Token) -> bool:
    """Whether a reported clause lies entirely inside one quotation (then the whole quotation is the content)."""
    words = [t for t in clause.subtree if not t.is_punct]
    if not words:
        return False
    q = _inside_quote(ctx, words[0].idx)
    return q is not None and q is _inside_quote(ctx, words[-1].idx)


def _unquote(ctx: Context, content: tuple[int, int] | None) -> tuple[int, int] | None:
    """A reported clause that is one quotation ("told them that 'X,'") is the quotation's inner text."""
    if content is None:
        return None
    text = ctx.article.text
    for q in ctx.quotes:
        if q.start >= content[0] and not text[content[0]:q.start].strip() and q.end >= content[1] - 1 \
                and not text[q.end:content[1]].strip(" ,.;:"):
            return q.inner_start, q.inner_end
    return content


def _claim(ctx: Context, content: tuple[int, int], used: set[int]) -> tuple[int, int]:
    """A statement span that opens a quotation runs to its closing mark ('called it a "good sign in a year when
    ..."': the parse may stop at "year"); the quotations within it are marked used."""
    q = _inside_quote(ctx, content[1] - 1)
    if q is not None and q.closed and content[0] < q.inner_start \
            and "\n" not in ctx.article.text[content[1]:q.inner_end] and not _narrated(ctx, content[1], q.inner_end):
        content = content[0], len(ctx.article.text[:q.inner_end].rstrip(" ,.;"))
    _mark_quotes_within(ctx, content, used)
    return content


def _narrated(ctx: Context, start: int, end: int) -> bool:
    """Whether text[start:end] reports someone named speaking ("... Dr Gibbons, who ..., said"): narration, so a
    quotation mark far after it closes no quotation opened before it."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(_is_speech(t) and t.tag_ in ("VBD", "VBZ") and any(
        c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in t.children) for t in span)


def _mark_quotes_within(ctx: Context, content: tuple[int, int], used: set[int]) -> None:
    for i, q in enumerate(ctx.quotes):
        if content[0] <= q.inner_start and q.inner_end <= content[1] + 1:
            used.add(i)


def _adjacent_quote(ctx: Context, verb: Token, subject: Token, used: set[int]) -> tuple[int, int] | None:
    """A quotation right before the reporting clause ("'...,' Kirby said") or right after it ("Kirby said:
    '...'"), with the paragraphs that continue it; an interrupted quotation ("'A,' he said, 'B.'") is taken
    whole. A quotation that ends its sentence belongs to the clause after it only when that clause is a bare
    attribution ("'...' Kirby said."), and one across a paragraph break only after a colon: otherwise it is
    the previous speaker's. Returns the statement's span."""
    text = ctx.article.text
    lo, hi = _frame(verb, subject, ctx)
    for i, q in enumerate(ctx.quotes):
        if i in used:
            continue
        before = q.end <= lo and "\n" not in text[q.end:lo] \
            and bool(GAP_BEFORE.fullmatch(text, q.end, lo) or _speaker_phrase_between(ctx, q.end, verb)) \
            and (not _ends_sentence(text, q) or _bare(verb))
        after = q.start >= hi and bool(GAP_AFTER.fullmatch(text, hi, q.start)) \
            and ("\n" not in text[hi:q.start] or ":" in text[hi:q.start])
        if not (before or after):
            continue
        phrase = _object_around(ctx, verb, q) if after else None
        if phrase is not None:  # 'claimed "X rises" the rate through a "misuse of data"': the whole phrase
            used.add(i)
            return _claim(ctx, phrase, used)
        first = last = i
        if before:
            while first > 0 and first - 1 not in used and _joined(ctx, first - 1):
                first -= 1
            last = _interrupted(ctx, i, hi) or i
        while last + 1 not in used and _joined(ctx, last):
            last += 1
        used.update(range(first, last + 1))
        return ctx.quotes[first].inner_start, ctx.quotes[last].inner_end
    return None


def _object_around(ctx: Context, verb: Token, q: Quote) -> tuple[int, int] | None:
    """The span of the phrase the reporting verb takes as its object when quotation `q` is only a words-in-quotes
    part of it ('proclaimed a goal of "peace"'), else None (the quotation is what the verb reports)."""
    token = token_at(ctx.doc, q.inner_start)
    while token is not None and token.head.i != verb.i and token.head.i != token.i:
        token = token.head
    if token is None or token.head.i != verb.i or token.dep_ != "dobj" or token.left_edge.idx >= q.start:
        return None
    return char_span(token.subtree)


def _joined(ctx: Context, i: int) -> bool:
    """Whether quotation i is left open and the next one goes straight on with it (a quoted paragraph and the
    next, which reopens with a quotation mark)."""
    quotes = ctx.quotes
    return quotes[i].continues and i + 1 < len(quotes) \
        and not ctx.article.text[quotes[i].end:quotes[i + 1].start].strip()


def _ends_sentence(text: str, q: Quote) -> bool:
    """Whether a closed quotation ends with a full stop ("...come.\u201d"), i.e. finishes its sentence."""
    return q.closed and text[:q.end].rstrip("\"'\u201d\u00bb`").endswith(".")


BARE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "punct", "advmod", "npadvmod", "prep", "neg",
                       "agent", "cc", "dep"})


def _bare(verb: Token) -> bool:
    """A reporting verb that reports nothing of its own: "Peskov said.", "he added on Monday"."""
    return all(c.dep_ in BARE_DEPS or (c.dep_ == "dobj" and c.lower_ in ("so", "this", "that", "it"))
               for c in verb.children)


SPEAKER_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PUNCT", "NUM", "SPACE"})


def _speaker_phrase_between(ctx: Context, start: int, verb: Token) -> bool:
    """Whether only a short noun phrase stands between a quotation and its reporting verb, however the
    parser attached it: '"...," Tulsa police Chief Chuck Jordan said'."""
    span = ctx.doc.char_span(start, verb.idx, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.i < verb.i]
    return 0 < len(words) <= 12 and all(t.pos_ in SPEAKER_PHRASE_POS or t.ent_type_ or t.lower_ in ("of", "for", "at")
                                        for t in words) and any(t.pos_ in ("PROPN", "NOUN") for t in words)


def _interrupted(ctx: Context, i: int, frame_end: int) -> int | None:
    """ "A," he said, "B." — the quote resuming right after the reporting clause."""
    if i + 1 < len(ctx.quotes):
        nxt = ctx.quotes[i + 1]
        gap = ctx.article.text[frame_end:nxt.start]
        if re.fullmatch(r"[^\S\n]*,[^\S\n]*", gap) and ctx.quotes[i].closed:
            return i + 1
    return None


def _clausal_content(head: Token, drop: list[Token]) -> tuple[int, int] | None:
    """Indirect speech: the reported clause ("said that Russia would ..."), minus ", adding ..." and other
    reporting verbs with their own content, and minus verbs coordinated with the report that the speaker
    did ("... would be possible and also declined to discuss ...") or said on their own ("said it was opposed
    and warned X to ...": the warning is a statement of its own)."""
    tokens = _clausal_content_tokens(head, drop)
    if len(tokens) < 2:
        return None
    return char_span(tokens)


def _clausal_content_tokens(head: Token, drop: list[Token], *, whole: bool = False) -> list[Token]:
    """The tokens of `_clausal_content`: the contiguous run around `head`, or with `whole` every token of its
    subtree that is not dropped (the clause on both sides of a reporting clause in its middle)."""
    drop = list(drop)
    drop += [t for t in head.subtree if t.i != head.i and t.dep_ in ("advcl", "conj") and t.tag_ == "VBG"
             and _is_speech(t)]
    drop += [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ == "VBD"
             and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
             and (head.tag_ != "VBD" or _is_speech(c))]
    if not whole:
        return subtree_without(head, drop)
    removed = {t.i for d in drop for t in d.subtree}
    return [t for t in head.subtree if t.i not in removed]


def _according_to(ctx: Context, cues: set[int]) -> Iterator[Found]:
    """ "..., according to X": X said the rest of the clause, unless the sentence already has a speaker."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        resolved = ctx.resolve(objects[0])
        if resolved is None:
            continue
        sent = token.sent
        if any(sent.start <= c < sent.end for c in cues) or _inside_quote(ctx, token.idx):
            continue
        phrase = {token.i, *(t.i for t in to.subtree)}
        rest = [t for t in sent if t.i not in phrase and not t.is_space]
        left = [t for t in rest if t.i < token.i]
        right = [t for t in rest if t.i > token.i]
        part = left if len(left) >= len(right) else right
        span = char_span(part)
        if span is None or span[1] - span[0] < 10:
            continue
        yield Found(resolved.key, span, 0.7, cue=(token.idx, to.idx + len(to)), how=resolved.how,
                    proposes=resolved.proposes)


def _unattributed_quotes(ctx: Context, used: set[int], found: list[Found], silent: list[int]) -> Iterator[Found]:
    """Attributions of the quotations no reporting verb claimed (`found` holds every attribution so far): a dash
    signature ("... ― Sonya Herridge"), a colon introduction, a speaker in the next sentence, or else a follow-on
    of the statement just before it ('"A," X said. "B."': B is X's too, a statement of its own); each with the
    next paragraphs of its quotation when it is left open (a quoted paragraph and the next, reopened)."""
    text = ctx.article.text
    for i, q in enumerate(ctx.quotes):
        if i in used:
            continue
        signed = _dash_speaker(ctx, q)
        if signed is None and (not _opens_sentence(ctx, q) or len(text[q.inner_start:q.inner_end].split()) < 4):
            continue
        result = signed or _colon_intro(ctx, q)
        if result is None:
            follow = _follow_on(ctx, q, found, silent)
            result = _speaker_after(ctx, q, bare_only=follow is not None) or follow
        if result:
            used.add(i)
            last = i
            while last + 1 not in used and _joined(ctx, last):
                last += 1
                used.add(last)
            yield replace(result, object=(result.object[0], ctx.quotes[last].inner_end)) if last > i else result


def _opens_sentence(ctx: Context, q: Quote) -> bool:
    """The quotation starts a sentence (or paragraph): not a scare quote inside running text."""
    before = ctx.article.text[max(ctx.article.body_start, q.start - 3):q.start]
    token = token_at(ctx.doc, q.start)
    return not before.strip() or before.rstrip().endswith((".", "!", "?", ":", "\u201d", '"')) or (
        token is not None and token.is_sent_start)


def _colon_intro(ctx: Context, q: Quote) -> Found | None:
    """ "Zelensky put it this way: '...'" — the subject of the clause the colon closes."""
    text = ctx.article.text
    lead = text[:q.start].rstrip()
    if not lead.endswith(":"):
        return None
    colon = token_at(ctx.doc, len(lead) - 1)
    token = ctx.doc[colon.i - 1] if colon is not None and colon.i > 0 else None
    inverted = _inverted_name(ctx, token, q) if token is not None else None
    if inverted is not None:
        return inverted
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token is None or _inside_quote(ctx, token.idx):
        return None
    root = token
    speaker = _speaker(ctx, root)
    if speaker is None:
        return None
    who, subject = speaker
    return Found(who.key, (q.inner_start, q.inner_end), 0.7, cue=(root.idx, root.idx + len(root)), how=who.how,
                 proposes=_spoke(root, who, subject))


def _inverted_name(ctx: Context, name: Token, q: Quote) -> Found | None:
    """ "Said Ellis: '...'", "Added the senator: '...'": a speech verb, then its speaker, then the colon."""
    if name.pos_ not in ("PROPN", "NOUN"):
        return None
    first = name
    while first.i > 0 and ctx.doc[first.i - 1].pos_ in ("PROPN", "DET", "ADJ", "NOUN") and first.i > name.i - 6:
        first = ctx.doc[first.i - 1]
    verb = ctx.doc[first.i - 1] if first.i > 0 else None
    if verb is None or not _is_speech(verb) or not verb.is_sent_start:
        return None
    found = ctx.resolve(name, new_names=True)
    if found is None and name.text[:1].isupper():
        key = ctx.entities.by_name(ctx.doc[first.i:name.i + 1].text, first.idx)  # a name parsed as a noun
        found = Resolved(key, "name") if key else None
    if found is None:
        return None
    return Found(found.key, (q.inner_start, q.inner_end), 0.9, cue=(verb.idx, verb.idx + len(verb)), how=found.how,
                 proposes=(*found.proposes, Speaker(verb.i, found.key)))


def _speaker_after(ctx: Context, q: Quote, *, bare_only: bool) -> Found | None:
    """A quotation alone in its sentence whose speaker is named in the next one: a bare "Peskov said." (or,
    when no earlier statement could go on in it, `bare_only` False, a reporting verb that reports no clause)."""
    token = token_at(ctx.doc, q.end)
    while token is not None and token.is_space and token.i + 1 < len(ctx.doc):
        token = ctx.doc[token.i + 1]
    if token is None:
        return None
    sent = token.sent
    if ctx.article.text[q.end:sent.start_char].strip():
        return None
    for verb in sent:
        if not _is_cue(verb, ctx) or any(c.dep_ == "ccomp" for c in verb.children) or (bare_only and not _bare(verb)):
            continue
        speaker = _speaker(ctx, verb)
        if speaker:
            who, subject = speaker
            return Found(who.key, (q.inner_start, q.inner_end), 0.65, cue=(verb.idx, verb.idx + len(verb)),
                         how=who.how, proposes=_spoke(verb, who, subject))
    return None


FOLLOW_ON_REACH = 400
"""How many characters of narration a follow-on quotation may stand after the statement it continues."""
INTRODUCED = 0.6
"""Confidence that a quotation is the person a sentence just before it is about, rather than the last speaker's."""


def _follow_on(ctx: Context, q: Quote, found: list[Found], silent: list[int]) -> Found | None:
    """The statement closest before quotation `q`, in the same paragraph or the one before, as the speaker of
    `q`: a quotation with no attribution of its own goes on with the last speaker, not the next one named; none
    when the last statement before it has no speaker we can name. Its confidence is that statement's, scaled."""
    text = ctx.article.text
    before = [(end, f) for f in found if (end := max(f.object[1], f.cue[1] if f.cue else 0)) <= q.start]
    if not before:
        return None
    end, prev = max(before, key=lambda x: (x[0], x[1].object))
    if any(end < e <= q.start for e in silent):
        return None
    between = text[end:q.start]
    breaks = len(re.findall(r"\n\s*\n|\n(?=\s*[\"\u201c])", between))
    if breaks > 1 or len(between) > FOLLOW_ON_REACH:
        return None
    actor = _other_person_acting(ctx, end, q.start, prev.subject)
    if actor is not None:  # "Tapsfield criticised the system. '...'": the quotation is the one who acted since
        return Found(actor, (q.inner_start, q.inner_end), INTRODUCED)
    weight = 0.85 if breaks == 0 else 0.65  # in the same paragraph, or the next
    return Found(prev.subject, (q.inner_start, q.inner_end), round(confidence(prev) * weight, 3))


def _other_person_acting(ctx: Context, start: int, end: int, speaker: str) -> str | None:
    """The person other than `speaker` named as the subject of the main verb of the last sentence wholly between
    characters `start` and `end` whose subject is named ("Writing in the Guardian, Mr Brown outlined his view."):
    a quotation right after it is theirs, no longer the earlier speaker's. An organisation there (or the speaker
    again) keeps the quotation with the speaker."""
    entities = ctx.entities
    sentences = entities.table.sentences
    actor = None
    for n in sentences.within(start, end):
        root = ctx.doc[sentences.starts[n]].sent.root
        for subject in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            actor = entities.entity_of_token(subject.i) or actor
    return actor if actor is not None and actor != speaker and entities.type_of(actor) == "Person" else None


DASH_SIGNATURE = re.compile(r"[^\S\n]*[\u2015\u2014\u2013][^\S\n]*([A-Z][\w.'\u2019-]*(?:[^\S\n]+[A-Z][\w.'\u2019-]*){0,4})")
SPEAKER_LINE = re.compile(r"^[ \t]*[\"\u201c\u201d]?([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})[ \t]*:[ \t]+(\S[^\n]*)$",
                          re.MULTILINE)


def _dash_speaker(ctx: Context, q: Quote) -> Found | None:
    """A quotation signed with a dash: "'We deserve better.' ― Sonya Herridge" (vox pops, epigraphs)."""
    m = DASH_SIGNATURE.match(ctx.article.text, q.end)
    if m is None:
        return None
    name = m.group(1).rstrip(".")
    key = ctx.entities.by_name(name, m.start(1))
    if key is None and len(name.split()) < 2:
        return None
    signer = Resolved(key, "name") if key else new_person(ctx.entities, name, m.start(1))
    return Found(signer.key, (q.inner_start, q.inner_end), 0.8, cue=(m.start(), m.start(1)), proposes=signer.proposes)


def _speaker_lines(ctx: Context, used: set[int]) -> Iterator[Found]:
    """ "PENCE: Well, look, ..." in transcripts and "Sonya Herridge: 'We deserve better'" in vox pops: a name,
    a colon, then what the named one said. A headline ("Pence: Trump Was Mocking Clinton Camp") is not a
    statement (the annotation guidelines leave headlines out)."""
    article = ctx.article
    for m in SPEAKER_LINE.finditer(article.text, article.body_start, article.body_stop):
        if any(s <= m.start() < e for s, e in article.masked):
            continue
        key = ctx.entities.by_name(m.group(1), m.start(1))
        if key is None:
            continue
        content = (m.start(2), m.end(2))
        quote = next((q for q in ctx.quotes if q.start <= content[0] + 1 and q.end >= content[1] - 1), None)
        if quote is not None:
            content = (quote.inner_start, quote.inner_end)
        content = _trim(article.text, content)
        if content[1] - content[0] < 3:
            continue
        _mark_quotes_within(ctx, (m.start(2), m.end(2)), used)
        used.update(i for i, q in enumerate(ctx.quotes) if m.start() <= q.start < m.start(1))  # '"PENCE: ...'
        yield Found(key, content, 0.75, cue=(m.end(1), m.end(1) + 1))


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A span without surrounding spaces, quotation marks and a final comma or period after a quotation."""
    start, end = span
    while start < end and (text[start].isspace() or text[start] in "\"\u201c\u201d'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"\u201c\u201d,"):
        end -= 1
    return start, end
