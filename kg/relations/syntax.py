"""Dependency-tree helpers the rules share: subjects, negation, clause spans, dates and places."""

from __future__ import annotations

from collections.abc import Iterable
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token

from kg.entities.view import Entities
from kg.lexicon import DELEGATE_NOUNS, DOCUMENT_NOUNS

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
TRIM_LEFT = {"that", ",", ":", ";", "-", "\u2014", "\u2013", "and", "but", "whether"}
TRIM_RIGHT = {",", ";", ":", "-", "\u2014", "\u2013", "and", "but", "(", "\u201c", '"'}
CLAUSE_BREAKERS = {"though", "although", "while", "whereas", "but"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of `verb`, inherited through coordination, participles and xcomp."""
    return next(iter(subjects_of(verb)), None)


def subjects_of(verb: Token) -> list[Token]:
    """Candidate subjects of `verb`, best first: its own (or, for a subjectless reporting verb at the end of
    a clause, the noun phrase right before it), then those inherited through coordination, participles and
    xcomp. A verb coordinated inside reported speech ("X said Y would fail and declined to Z") or a
    participle attached to it (", adding that ...") also gets the reporting clause's subject. Callers resolve
    them in order and keep the first entity."""
    out: list[Token] = []
    token, inherited = verb, False
    for _ in range(8):
        own = sorted((c for c in token.children if c.dep_ in SUBJECT_DEPS), key=lambda c: abs(token.i - c.i))
        if own:
            out.extend(own)
            if not (inherited and token.dep_ == "ccomp"):
                return out
            token, inherited = token.head, False
            continue
        if token.i == verb.i and verb.tag_ in ("VBD", "VBZ", "VBP"):
            inverted = inverted_subject(verb)
            if inverted is not None:
                return [inverted]
        if token.dep_ not in ("conj", "xcomp", "advcl", "acomp", "pcomp", "prep") or token.head.i == token.i:
            return out
        inherited = token.dep_ == "conj" or (token.dep_ == "advcl" and token.tag_ == "VBG")
        token = token.head
    return out


def inverted_subject(verb: Token) -> Token | None:
    """ "..., an aide to Zelensky said." — the noun phrase right before a subjectless reporting verb."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_punct and doc[i].text not in ("\u201d", '"'):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    token = doc[i]
    while token.dep_ in ("pobj", "prep", "compound", "amod", "poss", "case", "det", "flat") and token.head.i < verb.i \
            and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("NOUN", "PROPN", "PRON") else None


def negated(token: Token) -> bool:
    """True when the token (or the copula or auxiliary it hangs on) is negated: "did not say", "is not ready".
    The negation must stand just before it: parsers hang a quotation's "not" on the reporting verb too
    ('"Probably not," Ms. Moore said')."""
    heads = [token]
    if token.dep_ in ("acomp", "attr", "xcomp") and token.head.i != token.i:
        heads.append(token.head)
    return any((c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "neg")))
               and 0 < token.i - c.i <= 3 for h in heads for c in h.children)


def char_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """The character span from the first to the last token, trimmed of connecting words and punctuation."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (ordered[0].lower_ in TRIM_LEFT or ordered[0].is_space or ordered[0].is_punct
                       and ordered[0].text not in ("\u201c", '"', "(")):
        ordered.pop(0)
    while ordered and (ordered[-1].lower_ in TRIM_RIGHT or ordered[-1].is_space or ordered[-1].text in (".", "!", "?")
                       and len(ordered) > 1 and ordered[-2].text in ("\u201d", '"')):
        ordered.pop()
    while ordered and ordered[-1].is_punct and ordered[-1].text not in ("\u201d", '"', ")", ".", "!", "?", "%"):
        ordered.pop()
    if not ordered:
        return None
    return ordered[0].idx, ordered[-1].idx + len(ordered[-1])


def subtree_without(head: Token, drop: Iterable[Token] = ()) -> list[Token]:
    """`head`'s subtree minus the subtrees of `drop`: the contiguous run of tokens around `head`."""
    removed = {t.i for d in drop for t in d.subtree}
    inside = {t.i for t in head.subtree} - removed
    lo = hi = head.i
    while lo - 1 in inside:
        lo -= 1
    while hi + 1 in inside:
        hi += 1
    return list(head.doc[lo:hi + 1])


def concessive_children(head: Token) -> list[Token]:
    """Clauses that qualify rather than belong to a statement: ", though ...", ", but ...", relative "while"."""
    out = []
    for child in head.children:
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "cc")} | {child.lower_}
        if child.dep_ in ("advcl", "conj", "cc") and marks & CLAUSE_BREAKERS:
            out.append(child)
        if child.dep_ == "cc" and child.lower_ == "but":
            out.extend(c for c in head.children if c.dep_ == "conj" and c.i > child.i)
    return out


def date_of(verb: Token) -> tuple[int, int] | None:
    """A date attached to `verb`: "said Tuesday", "on Tuesday said", "met in March"."""
    for child in verb.children:
        candidates = [child] if child.dep_ in ("npadvmod", "tmod", "obl") else \
            [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in (
                "on", "in", "at", "during", "since", "last", "this") else []
        for c in candidates:
            if c.ent_type_ in ("DATE", "TIME"):
                doc = verb.doc
                ent = next((e for e in doc.ents if e.start <= c.i < e.end), None)
                if ent is not None:
                    return ent.start_char, ent.end_char
    return None


def place_of(head: Token, entities: Entities) -> str | None:
    """A place attached by "in"/"at" to `head` ("talks in Istanbul", "hosted ... at the Kremlin"), or by
    "during a visit to" ("told reporters during a visit to Morocco")."""
    for child in head.children:
        if child.dep_ != "prep":
            continue
        objects = [o for o in child.children if o.dep_ == "pobj"]
        if child.lower_ == "during":
            objects = [o for v in objects if v.lemma_.lower() in ("visit", "trip", "tour")
                       for p in v.children if p.dep_ == "prep" and p.lower_ in ("to", "in")
                       for o in p.children if o.dep_ == "pobj"]
        elif child.lower_ not in ("in", "at"):
            continue
        for obj in objects:
            key = entities.entity_of_token(obj.i)
            if key and entities.type_of(key) in ("Place", "Organization"):
                return key
    return None


def token_at(doc: Doc, char: int) -> Token | None:
    """The first token starting at or after character `char`."""
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def has_content_noun(tokens: Iterable[Token]) -> bool:
    """Whether a phrase names something (a noun or name), not only pronouns and light verbs ("go for it")."""
    return any(t.pos_ in ("NOUN", "PROPN") for t in tokens)


RELATIVE_WORDS = frozenset({"which", "that", "who", "whom"})


def is_passive(verb: Token) -> bool:
    """Whether `verb` is passive: "was denied", "claims denied by X", "the talks, hosted by X", or a participle
    coordinated with a passive ("was arrested and denied bail")."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children):
        return True
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return False  # a participle is often tagged as a past tense ("Roma refused entry", "and denied bail")
    return verb.dep_ in ("acl", "amod") or (verb.dep_ == "conj" and is_passive(verb.head))


def agents_of(verb: Token) -> list[Token]:
    """The noun phrases of a passive's by-phrase, with their conjuncts ("hosted by X and Y"); a parse may hang
    two nouns on one "by" ("by deputy PM John Prescott"), so every one is returned, names first."""
    out: list[Token] = []
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
            out.append(pobj)
            out.extend(c for c in pobj.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.pos_ != "PROPN")


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "the allegations, which he denies" -> allegations."""
    if token.lower_ in RELATIVE_WORDS and token.head.dep_ in ("relcl", "acl") and token.head.head.i != token.head.i:
        return token.head.head
    return None


def object_controller(verb: Token) -> Token | None:
    """Who does a gerund after "for"/"of" when the governing verb has an object: "held Ann in contempt for
    refusing to testify", "accused Bob of rejecting the deal" -> Ann, Bob."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.lower_ not in ("for", "of", "with") or prep.dep_ != "prep":
        return None
    governor = prep.head
    while governor.dep_ in ("pobj", "prep") and governor.head.i != governor.i:
        governor = governor.head  # "held X in contempt for refusing"
    if governor.pos_ != "VERB":
        return None
    return next((c for c in governor.children if c.dep_ == "dobj"), None)


def actors_of(verb: Token) -> list[Token] | None:
    """Who acts through `verb` when it is not the grammatical subject: a passive's by-phrase (an empty list when
    it has none: "was denied visas" is nobody's denial), or the object that controls a gerund ("held X in
    contempt for refusing"). None when the verb's own or inherited subjects act."""
    if is_passive(verb):
        return agents_of(verb)
    controller = object_controller(verb)
    return [controller] if controller is not None else None


def noun_phrase(head: Token, drop: Iterable[Token] = ()) -> list[Token]:
    """The noun phrase `head` heads, without relative clauses, appositions, participle clauses and punctuation
    hanging on it: "the claims, which he denies," -> "the claims"; "a dinner hosted by X" -> "a dinner". A
    complement clause stays: "claims that he lied", "plans to cut taxes". Tokens in `drop` go too."""
    drop = list(drop) + [c for c in head.children if c.dep_ in ("appos", "relcl", "punct") or c.dep_ == "acl" and c.tag_ in (
        "VBN", "VBG") and not any(g.dep_ in ("aux", "mark", "nsubj") for g in c.children)]
    return subtree_without(head, drop)


def principals_of(subjects: Iterable[Token]) -> list[Token]:
    """Whom subjects that name no one stand for: members or delegates "of X" ("Members of the Black Caucus held
    ..." -> the Caucus), the author of a document ("Mr Campbell's e-mail suggested ..." -> Mr Campbell), the
    noun a relative pronoun's apposition restates ("China and the US, the biggest polluters, which vowed ..."
    -> China)."""
    out: list[Token] = []
    for subject in subjects:
        word = subject.lemma_.lower()
        if subject.lower_ in DELEGATE_NOUNS or word in DELEGATE_NOUNS:
            out.extend(p for prep in subject.children if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "from")
                       for p in prep.children if p.dep_ == "pobj")
        if subject.lower_ in DOCUMENT_NOUNS or word in DOCUMENT_NOUNS:
            run = [subject]  # "e-mail" may come as three tokens, "e", "-" and "mail", each a subject
            while run[0].i > 0 and run[0].nbor(-1).head == subject.head and run[0].nbor(-1).dep_ == subject.dep_:
                run.insert(0, run[0].nbor(-1))
            out.extend(c for t in run for c in t.children if c.dep_ == "poss")
        antecedent = relative_antecedent(subject)
        restated = restated_noun(antecedent) if antecedent is not None else None
        if restated is not None:
            out.append(restated)
    return out


def restated_noun(noun: Token) -> Token | None:
    """The noun phrase an apposition restates: "China, the biggest polluter" -> China; parsers often leave the
    apposition unattached, so the noun phrase that ends right before its comma counts too."""
    if noun.dep_ == "appos":
        return noun.head
    doc = noun.doc
    start = noun.left_edge.i
    if start < 2 or doc[start - 1].text != "," or doc[start - 2].is_punct:
        return None
    before = doc[start - 2]
    while before.head.i < before.i:
        if before.dep_ in ("compound", "amod", "conj", "cc"):
            before = before.head
        elif before.dep_ == "pobj" and before.head.head.pos_ in ("NOUN", "PROPN") and before.head.head.i < before.i:
            before = before.head.head  # "accusations of bias, claims ..." -> accusations
        else:
            break
    return before if before.pos_ in ("NOUN", "PROPN") else None


CLOSING_QUOTES = frozenset({'"', "\u201d", "'", "\u2019", "''"})
"""What may stand after a sentence's last word."""


def is_question(token: Token) -> bool:
    """Whether `token`'s sentence is a question (its last word, before closing quotes, is "?")."""
    doc = token.doc
    flags = _QUESTIONS.get(doc)
    if flags is None:
        flags = _QUESTIONS[doc] = _question_flags(doc)
    return flags[token.i]


_QUESTIONS: WeakKeyDictionary[Doc, tuple[bool, ...]] = WeakKeyDictionary()
"""`_question_flags` of each live Doc: rules ask it of many verbs, and a sentence's end is a scan away (a memo of
a pure function of the Doc, forgotten with it)."""


def _question_flags(doc: Doc) -> tuple[bool, ...]:
    """For every token, whether its sentence is a question: one pass over the document."""
    flags = [False] * len(doc)
    for sent in doc.sents:
        last = next((t for t in reversed(sent) if not t.is_space and t.text not in CLOSING_QUOTES), None)
        if last is not None and last.text.endswith("?"):
            flags[sent.start:sent.end] = [True] * len(sent)
    return tuple(flags)


NOT_OWN_ACTION = frozenset("""
want hope plan plans seek try aim intend expect likely threaten set tip able require ready willing prepared allow
call urge ask plead beg persuade force challenge invite advise encourage press tell push lobby campaign vote offer
propose bid compete competition race candidacy apply refuse decline fail unable hard difficult impossible easy
reject oppose resist
""".split())
"""Words under which an act is only wished, planned, expected, offered, asked for, refused or required: "is
expected to reject the offer", "ready to hold a meeting", "called for denying entry", "refused to deny it"."""
UNREAL_MODALS = frozenset("should must could might may can ought would 'd \u2019d".split())
"""Modals under which an act is advised, possible or conditional, not done: "Mexico must rebut the claims"."""


def _inverted_condition(verb: Token) -> bool:
    """ "had he denied the charge", "should they reject it", "were it to fail": an auxiliary before the subject
    that makes a condition (a question mark aside)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and not is_question(verb) and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "should", "were") and c.i < subject.i
        for c in verb.children)


def own_action(verb: Token) -> bool:
    """Whether the subject itself does what `verb` says, rather than being urged, asked, required or expected
    to, or doing it only possibly or conditionally: "urged the club to reject the deal", "required him to pledge
    support", "is expected to reject the offer", "China should reject him", "if we reject this treaty", "called
    for denying entry", "should they continue to rebuff any nominee"."""
    token = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in UNREAL_MODALS or c.dep_ == "mark" and c.lower_ in ("if", "unless",
                                                                                               "whether")
               or c.dep_ == "advmod" and c.lower_ == "yet" for c in token.children) or _inverted_condition(token):
            return False  # "whether he will ever tell them to ...", "have yet to confirm or deny", "had he denied"
        head = token.head
        to = is_infinitive(token) or any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children)
        governed = token.dep_ in ("xcomp", "pcomp", "pobj") or token.dep_ in ("advcl", "acl", "ccomp") and to \
            or token.dep_ == "prep" and token.lower_ in ("for", "against", "of", "about")
        if token.dep_ == "conj" and head.i != token.i and head.pos_ == "VERB":
            token = head  # "have yet to confirm or deny": "deny" shares what governs "confirm"
            continue
        if head.i == token.i or not governed:
            return True  # not "told the chancellor at a dinner hosted by X": a participle is a fact
        if token.dep_ == "prep" and token.lower_ == "against":
            return False  # "decided against recommending charges"
        if token.dep_ == "xcomp" and (any(c.dep_ == "dobj" for c in head.children) or negated(head)):
            return False  # "urged the club to reject", "never called a donor to ask for money"
        if head.lemma_.lower() in NOT_OWN_ACTION or head.lower_ in NOT_OWN_ACTION:
            return False
        token = head
    return True


def is_infinitive(token: Token) -> bool:
    """Whether `token` heads a "to" infinitive: "(asked them) to leave"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
