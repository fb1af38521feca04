"""Job titles written next to a person's name, with the organisation or country each belongs to.

A title stands before the name ("Pentagon spokesperson John Kirby", "former welfare minister Frank Field"),
right after it ("Frank Field MP"), in apposition ("Jeremy Flynn, head of third party services at Vodafone";
"Russia's chief negotiator, Vladimir Medinsky"), in a relative clause ("Derek Mitchell, who served as U.S.
ambassador to Burma") or in a US party tag ("Rep. Gwen Moore (D-Wis.)" is a Representative of the Democratic
Party). The title is the words of the title as written; the affiliation is the token of the name (or
nationality word) it belongs to, never part of the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer
from kg.lexicon import (DAY_WORDS, HONORIFICS, SPEECH_VERBS, TITLE_ABBREVIATIONS, TITLE_CONNECTORS, TITLE_HEADS,
                        TITLE_MODIFIERS, TITLES_AFTER_NAME, US_PARTY_TAGS, WORK_ROLES)

TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
AFFILIATION_PREPOSITIONS = ("of", "for", "at", "to", "on", "in", "with")
ROLE_VERBS = frozenset("serve be work act remain become".split())
"""Verbs of a relative clause that gives a title ("who served as ambassador", "who is the chief executive")."""
PARTY_TAG = re.compile(r"\s*\(\s*([DRI])\s*-\s*[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?\s*\)")


@dataclass(frozen=True)
class Title:
    """A job title written next to a person's name; `affiliation` is the token of the organisation or country
    it belongs to (a name, or a nationality word like "Russian"), when there is one; `party` the gazetteer id
    of a party named only by a tag ("(D-Wis.)"); `head` the token of its head word."""

    text: str
    start: int
    end: int
    affiliation: int | None = None
    party: str | None = None
    head: int = -1


def titles_of(doc: Doc, name: Span, names: set[int], gaz: Gazetteer) -> tuple[Title, ...]:
    """Every title written next to the name, the one before it first. `names` holds the tokens of the
    article's entity mentions (the affiliations a title may have)."""
    found = _before(doc, name, names, gaz) + [t for t in (_after(doc, name, names, gaz),
                                                            _apposition_written(doc, name, names, gaz)) if t]
    found += _in_apposition(doc, name, names, gaz) + _in_relative_clause(doc, name, names, gaz)
    party = _party_tag(doc, name, gaz)
    if party:
        found = [replace(t, party=party) if t.affiliation is None else t for t in found]
    unique: dict[object, Title] = {}
    for t in found:
        if t.text.lower() not in unique and t.head not in unique:
            unique[t.text.lower()] = unique[t.head] = t
    return tuple(dict.fromkeys(unique.values()))


def _before(doc: Doc, name: Span, names: set[int], gaz: Gazetteer) -> list[Title]:
    """ "Pentagon spokesperson John Kirby", "former welfare minister Frank Field", "Clinton's top IT staffer";
    two titles joined by "and" are two ("veteran comedian and broadcaster Cyril Fletcher")."""
    i = name.start - 1
    words: list[int] = []
    named: int | None = None
    while i >= 0:
        token = doc[i]
        low = token.lower_
        if low in TITLE_HEADS and i in names and not words:
            break  # "General Motors", "Major League"
        if low in TITLE_WORDS or low in TITLE_ABBREVIATIONS:
            words.append(i)
            named = i if i in names and named is None else named  # "Treasury Secretary": title word and name
        elif low in TITLE_CONNECTORS and words and i > 0 and doc[i - 1].lower_ in TITLE_WORDS:
            words.append(i)
        elif words and not doc[words[-1]].text[:1].isupper() and (_premodifier(token, names, gaz)
                                                                  or _hyphen_in_word(token)):
            words.append(i)  # "welfare minister", "long-time lawyer"; not "convention Senator"
        elif words and _party_word(token, names, gaz):
            words.append(i)
        else:
            break
        i -= 1
    words.sort()
    while words and doc[words[0]].lower_ in TITLE_CONNECTORS:
        words.pop(0)
    heads = [w for w in words if doc[w].lower_ in TITLE_HEADS or doc[w].lower_ in TITLE_ABBREVIATIONS]
    if not heads or (len(words) == 1 and doc[words[0]].lower_ in HONORIFICS and doc[words[0]].lower_ in TITLE_HEADS):
        return []  # "Lady Gaga": an honorific alone is no title
    first = words[0]
    affiliation = _affiliation_at(doc, first - 1, names, gaz)
    if affiliation is not None and doc[heads[-1]].lower_ in WORK_ROLES and not gaz.is_demonym(doc[affiliation].text) \
            and doc[affiliation].ent_type_ not in ("GPE", "LOC"):
        affiliation = None  # "Silent Harbour actress": a film or show is no employer ("US actor": a country is)
    party = next((w for w in words if _party_word(doc[w], names, gaz)), None)
    if affiliation is None:
        affiliation = party if party is not None else named
    start = doc[affiliation].idx if affiliation is not None and affiliation < first else doc[first].idx
    out = []
    for part in _split_at_and(doc, words):
        end = doc[part[-1]].idx + len(doc[part[-1]])
        out.append(Title(_text(doc, part), start if part[0] == first else doc[part[0]].idx, end, affiliation,
                         head=part[-1]))
    return out


def _split_at_and(doc: Doc, words: list[int]) -> list[list[int]]:
    """Title words split where "and" joins two whole titles ("comedian and broadcaster"), not two qualifiers
    ("Commerce and Industry Minister")."""
    parts = [[]]  # type: list[list[int]]
    for w in words:
        if doc[w].lower_ == "and" and parts[-1] and doc[parts[-1][-1]].lower_ in TITLE_HEADS:
            parts.append([])
            continue
        parts[-1].append(w)
    return [p for p in parts if p]


def _party_word(token: Token, names: set[int], gaz: Gazetteer) -> bool:
    """A party's adjective ("Republican", "Tory"): part of a title ("Republican leader") and its affiliation
    (not inside a name: "Liberal Democrat" is a party of its own)."""
    entry = gaz.demonym(token.text)
    return entry is not None and entry.type == "Organization" and token.i not in names


def _hyphen_in_word(token: Token) -> bool:
    """A hyphen inside a lower-case compound ("long-time", "third-party")."""
    doc = token.doc
    return token.text == "-" and not token.whitespace_ and 0 < token.i and not doc[token.i - 1].whitespace_ \
        and doc[token.i - 1].is_alpha and doc[token.i - 1].is_lower


def _after(doc: Doc, name: Span, names: set[int], gaz: Gazetteer) -> Title | None:
    """ "Frank Field MP", "David Cameron, MP for Witney"."""
    i = name.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in TITLES_AFTER_NAME or not doc[i].text.isupper():
        return None
    affiliation = None
    if i + 2 < len(doc) and doc[i + 1].lower_ == "for" and i + 2 in names:
        affiliation = i + 2
    return Title(doc[i].text, doc[i].idx, doc[i].idx + len(doc[i]), affiliation, head=i)


def _apposition_written(doc: Doc, name: Span, names: set[int], gaz: Gazetteer) -> Title | None:
    """A title between commas right after the name, read from the words when the parse misses it ("Kamal
    Nath, Commerce and Industry Minister, announced"; "Carol Walker, BBC News 24 political correspondent,
    added"), or one right before the name and a comma ("the show's presenter, Jonathan Maitland")."""
    i = name.end
    if i + 1 < len(doc) and doc[i].text == ",":
        j = i + 1 + (doc[i + 1].lower_ in ("a", "an", "the"))
        k, head = j, None
        while k < len(doc) and k - j < 10 and (k in names or doc[k].like_num or doc[k].text in POSSESSIVE
                                                or _title_word(doc[k], names, gaz) or _party_word(doc[k], names, gaz)):
            head = k if doc[k].lower_ in TITLE_HEADS and k not in names else head
            k += 1
        if head is not None and head == k - 1 and k < len(doc) and doc[k].text in (",", ".", ";", ")"):
            words = _contiguous_to([x for x in range(j, head) if _title_word(doc[x], names, gaz)
                                    or _party_word(doc[x], names, gaz)], head, doc)
            affiliation = next((x for x in range(j, head) if x in names or gaz.is_demonym(doc[x].text)), None)
            start = doc[min([words[0]] + ([affiliation] if affiliation is not None else []))].idx
            return Title(_text(doc, words), start, doc[head].idx + len(doc[head]), affiliation, head=head)
    if name.start >= 2 and doc[name.start - 1].text == "," and doc[name.start - 2].lower_ in TITLE_HEADS \
            and doc[name.start - 2].is_lower and name.end < len(doc) and doc[name.end].is_punct:
        return _noun_phrase_title(doc, doc[name.start - 2], name, names, gaz)
    return None


def _premodifier(token: Token, names: set[int], gaz: Gazetteer) -> bool:
    """A word that may qualify a title head before it: a plain lower-case adjective or noun ("welfare",
    "libel", "financial") or an acronym that names nothing ("IT")."""
    if token.i in names or gaz.is_demonym(token.text) or token.lower_ in DAY_WORDS:
        return False
    if token.is_lower and token.is_alpha and token.pos_ in ("ADJ", "NOUN"):
        return True
    return token.is_upper and token.is_alpha and len(token) >= 2 and token.pos_ in ("PROPN", "NOUN") \
        and not token.ent_type_ and gaz.lookup(token.text) is None


def _text(doc: Doc, words: list[int]) -> str:
    """The title as written ("Secretary-General" keeps its hyphen), abbreviations spelled out ("Sen." ->
    "Senator")."""
    return "".join(TITLE_ABBREVIATIONS.get(doc[w].lower_, doc[w].text) + doc[w].whitespace_ for w in words).strip()


def _affiliation_at(doc: Doc, i: int, names: set[int], gaz: Gazetteer) -> int | None:
    """The token at or just before `i` naming who a title belongs to: "Russia's", "Pentagon", "Russian",
    "Trump" (in "Trump campaign manager")."""
    if i < 0:
        return None
    token = doc[i]
    if token.text in POSSESSIVE and i > 0 and (i - 1 in names or gaz.is_demonym(doc[i - 1].text)):
        return i - 1
    if i in names or gaz.is_demonym(token.text):
        return i  # a person here ("Trump campaign manager") is kept for the roles rule to judge
    return None


def _in_apposition(doc: Doc, name: Span, names: set[int], gaz: Gazetteer) -> list[Title]:
    """ "Vladimir Medinsky, Russia's chief negotiator," or "Russia's chief negotiator, Vladimir Medinsky", and
    every title joined to it by "and" ("..., regulatory head of the MEF and executive chairman of MBlox")."""
    root = name.root
    candidates = [t for t in root.children if t.dep_ == "appos"]
    if root.dep_ == "appos":
        candidates.append(root.head)
    out: list[Title] = []
    for head in candidates:
        if head.lower_ not in TITLE_HEADS and head.dep_ == "pobj" and head.head.head.lower_ in TITLE_HEADS \
                and head.i in names and root.dep_ == "appos":
            title = _noun_phrase_title(doc, head.head.head, name, names, gaz)  # "a spokesman for X, Dr Y"
            out.append(replace(title, affiliation=head.i) if title.affiliation is None else title)
            continue
        if head.lower_ not in TITLE_HEADS or name.start <= head.i < name.end or (
                head.dep_ == "appos" and _subject_of_report(head)):
            continue
        out += [_noun_phrase_title(doc, h, name, names, gaz) for h in (head, *_conjoined_titles(head))]
    return out


def _in_relative_clause(doc: Doc, name: Span, names: set[int], gaz: Gazetteer) -> list[Title]:
    """ "Derek Mitchell, who served as U.S. ambassador to Burma", "..., who is the chief executive of Acme"."""
    out: list[Title] = []
    for verb in (t for t in name.root.children if t.dep_ == "relcl" and t.lemma_.lower() in ROLE_VERBS):
        if not any(t.lower_ in ("who", "that") for t in verb.lefts):
            continue
        heads = [t for t in verb.children if t.dep_ == "attr" and t.lower_ in TITLE_HEADS]
        for prep in (t for t in verb.children if t.dep_ == "prep" and t.lower_ == "as"):
            heads += [t for t in prep.children if t.dep_ == "pobj" and t.lower_ in TITLE_HEADS]
        out += [_noun_phrase_title(doc, h, name, names, gaz) for h in heads]
    return out


def _conjoined_titles(head: Token) -> list[Token]:
    """Titles joined to a title by "and", wherever the parse hangs them in its phrase."""
    return [t for t in head.subtree if t.dep_ == "conj" and t.lower_ in TITLE_HEADS and t.i > head.i]


def _noun_phrase_title(doc: Doc, head: Token, name: Span, names: set[int], gaz: Gazetteer) -> Title:
    """The title a noun phrase headed by a title word gives: its qualifying words, the head, and an "of" phrase
    that names no one ("head of third party services"); the affiliation is a name among its modifiers
    ("Russia's", "BBC News 24") or, failing that, the first name after "of"/"for"/"at"/"to"."""
    left = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "det")
            or (t.dep_ == "punct" and t.text == "-")]
    tokens = sorted({t.i for x in left for t in x.subtree} | {head.i})
    words = _contiguous_to([i for i in tokens if i < head.i and (_title_word(doc[i], names, gaz)
                                                                  or _party_word(doc[i], names, gaz))], head.i, doc)
    affiliation = next((i for i in tokens if (i in names or gaz.is_demonym(doc[i].text))
                        and not name.start <= i < name.end), None)
    end_word = head.i
    for prep in (t for t in head.rights if t.dep_ == "prep" and t.lower_ in AFFILIATION_PREPOSITIONS):
        subtree = list(prep.subtree)
        named = [t.i for t in subtree if (t.i in names or gaz.is_demonym(t.text)) and not name.start <= t.i < name.end]
        if named:
            if affiliation is None or (_party_word(doc[affiliation], names, gaz) and prep.lower_ == "of"
                                       and doc[named[0]].ent_type_ in ("GPE", "LOC")):
                affiliation = named[0]  # "the Republican attorney general of Oklahoma": the office is Oklahoma's
            break
        if prep.lower_ == "of" and prep.i == end_word + 1:
            run = [t.i for t in _plain_phrase(subtree[1:])]
            if run:
                words += [prep.i] + run
                end_word = run[-1]
    start = min([doc[words[0]].idx] + ([doc[affiliation].idx] if affiliation is not None else []))
    end = max(doc[end_word].idx + len(doc[end_word]),
              doc[affiliation].idx + len(doc[affiliation]) if affiliation is not None else 0)
    return Title(_text(doc, words), start, end, affiliation, head=head.i)


def _plain_phrase(tokens: list[Token]) -> list[Token]:
    """The leading lower-case words of an "of" phrase, up to the first word that is not one ("third party
    services" in "of third party services at Vodafone")."""
    out: list[Token] = []
    for t in tokens:
        if not (t.is_lower and t.is_alpha and t.pos_ in ("ADJ", "NOUN", "DET") or t.text == "-"):
            break
        out.append(t)
    while out and out[-1].pos_ != "NOUN":
        out.pop()
    return out if out and all(t.lower_ not in ("the", "a", "an") for t in out[:1]) else []


def _subject_of_report(head: Token) -> bool:
    """ "..., an aide to the president said": a noun phrase followed by a reporting verb is that verb's
    subject, not a title in apposition to the name before it."""
    after = head.right_edge.i + 1
    doc = head.doc
    return after < len(doc) and doc[after].pos_ == "VERB" and doc[after].lemma_.lower() in SPEECH_VERBS


def _title_word(token: Token, names: set[int], gaz: Gazetteer) -> bool:
    """A word that can be part of a title in apposition: a title word, a plain adjective or noun, a hyphen or a
    connector between title words ("Commerce and Industry Minister", "co-chairman")."""
    if token.lower_ in TITLE_WORDS or token.text == "-" or token.lower_ in TITLE_CONNECTORS:
        return True
    return token.pos_ in ("ADJ", "NOUN") and token.i not in names and not gaz.is_demonym(token.text) \
        and token.lower_ not in DAY_WORDS


def _contiguous_to(words: list[int], head: int, doc: Doc) -> list[int]:
    """The run of `words` that ends at `head` without gaps, not starting with a connector or hyphen."""
    run = [head]
    for i in sorted(words, reverse=True):
        if i == run[0] - 1:
            run.insert(0, i)
    while len(run) > 1 and (doc[run[0]].lower_ in TITLE_CONNECTORS or doc[run[0]].text == "-"):
        run.pop(0)
    return run


def _party_tag(doc: Doc, name: Span, gaz: Gazetteer) -> str | None:
    """The gazetteer id of the party in a US party tag right after the name: "(D-Wis.)", "(R-Ohio)"."""
    after = next((t for t in doc[name.end:] if not t.is_space), None)
    if after is None or not after.text.lstrip().startswith("("):
        return None  # no tag (and no need to build doc.text, a pass over the whole article per name)
    match = PARTY_TAG.match(doc.text, name.end_char)
    if not match:
        return None
    party = US_PARTY_TAGS.get(match.group(1))
    return party if party in gaz.entries else None
