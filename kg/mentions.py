"""Doc -> [Mention]: clean named-entity spans, fix their types from context and the gazetteer, attach titles.

NER output on news needs cleaning: titles glued to names ("President Obama"), possessives ("Russia's"), lists
and run-on spans ("Dyer, Faye, Bowyer", "Dyer on the edge of the area"), title words tagged as organisations
("Defense" in "Deputy Defense Minister"), nationality words tagged as places, surnames tagged as organisations
or places, and things that are not entities at all (laws, awards, shows, headings, "Wheelchair" in "Wheelchair
user"). The type of a name follows what its context proves (an honorific, an organisation noun, a title)
before what NER guessed, and one name keeps one sense in an article. Each person mention also carries the job
titles written next to it (kg.titles).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer, GazEntry, name_key
from kg.lexicon import (ARMED_SERVICES, CONSTITUENCY_HOLDERS, CREDIT_WORDS, DAY_WORDS, FEATURES_FIRST,
                        FEATURES_LAST, FEMALE_FIRST_NAMES, HEADING_SMALL_WORDS, HONORIFICS, LOCATIVE_PREPOSITIONS,
                        MALE_FIRST_NAMES, NAME_CONNECTORS, NOT_NAME_HEADS, NOT_NAMES, ORGANISATION_CUES,
                        ORGANISATION_WORDS, PERSON_CUES, PLACE_WORDS, THING_CONNECTORS, TITLE_ABBREVIATIONS,
                        TITLE_CONNECTORS, TITLE_HEADS, WORK_NOUNS, WORK_ROLES)
from kg.model import EntityType
from kg.titles import POSSESSIVE, TITLE_WORDS, Title, titles_of

NER_TYPES: dict[str, EntityType] = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
                                    "FAC": "Place", "NORP": "Organization"}
GIVEN_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
CREDIT_LINE = re.compile(r"\bcontributed (?:reporting|research|to this (?:report|article|story))\b|"
                         r"^\s*(?:additional )?(?:reporting|editing|writing) by\b", re.IGNORECASE)
CORPORATE_SUFFIXES = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh", "group"}


@dataclass(frozen=True)
class Mention:
    """A cleaned entity mention: token span [start, end) and character span [start_char, end_char); `sure` when
    its type comes from its context (an honorific, an organisation noun, ...) rather than from NER alone."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    type: EntityType
    gaz_id: str | None = None
    titles: tuple[Title, ...] = ()
    sure: bool = False


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """All person, organisation and place mentions in `doc`, in text order, with titles attached.

    NER spans are cut at list commas, colons, dashes, brackets and lower-case words; names NER missed after an
    honorific ("Dr Vancheshwar") or an organisation noun ("messaging firm MBlox") are added; an acronym
    defined in brackets takes over the words it abbreviates; the type of each name follows its context (an
    honorific, a title, a given name, an organisation noun) and the rest of the article (a surname of a person
    named in full is that person, not the country the gazetteer knows by the same word)."""
    found: list[tuple[Span, str]] = []
    taken: set[int] = set()
    expansions = _acronym_expansions(doc)
    for start, end in expansions:
        found.append((doc[start:end], "ORG"))
        taken.update(range(start, end))
    for ent in _joined(doc, gaz):
        if ent.label_ not in NER_TYPES:
            continue
        for piece in _pieces(ent, gaz):
            span = _trim(piece, ent.label_, gaz)
            if span is not None and not taken & set(range(span.start, span.end)):
                found.append((span, ent.label_))
    found += [(span, label) for span, label in _missed_names(doc, gaz) if not taken & set(range(span.start, span.end))]
    found.sort(key=lambda x: x[0].start)
    lowercase_words = {t.text for t in doc if t.is_lower and t.is_alpha}
    name_words = {t.lower_ for span, label in found if label == "PERSON" and len(span) > 1 for t in span}
    out: list[Mention] = []
    for span, label in found:
        if not _plausible(span, label, gaz):
            continue
        entry = _entry(span, gaz)
        if len(span) == 1 and span[0].lower_ in lowercase_words and span[0].lower_ not in name_words and entry is None:
            continue  # "Budget", "Library": a common word the article also writes in lower case
        if entry is None and (label == "NORP" or gaz.is_demonym(span.text)):
            continue  # nationality, religious or political group words: affiliation, not an entity
        if entry is not None and entry.type != "Person" and label == "PERSON" and len(span) > 1 \
                and gaz.lookup(span.text) is None:
            entry = None
        etype: EntityType = entry.type if entry else NER_TYPES[label]
        context = _context_type(doc, span, label, gaz)
        sure = context is not None and (entry is None or context == entry.type)
        overrules = entry is None or (context == "Person" and _person_cue(doc, span))
        if context is not None and context != etype and overrules:
            entry, etype, sure = None, context, True
        if entry is None and label == "PERSON" and etype == "Person" and span[0].lower_ not in name_words \
                and gaz.short_name(span.text) is None and _place_context(doc, span, found):
            etype = "Place"
        out.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, etype,
                           entry.id if entry else None, sure=sure))
    final = _lists_of_one_type(doc, _discourse(doc, _without_headings_and_modifiers(doc, out, gaz), gaz))
    names = {i for m in final for i in range(m.start, m.end)}
    return [replace(m, titles=titles_of(doc, doc[m.start:m.end], names, gaz)) if m.type == "Person" else m
            for m in final]


def _lists_of_one_type(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names in one list are of one kind: in a run of three or more names joined only by commas and "and"
    ("Given, Carr, Boumsong, Bramble"; "Jessops, Boots and Snappy Snaps"), the names the gazetteer does not know
    take the type most of the list has (no person becomes a place or an organisation that way)."""
    out = list(mentions)
    run: list[int] = []
    for n in range(len(out) + 1):
        if n < len(out) and run and all(t.text in (",", "and", "or", "&") or t.is_space
                                        for t in doc[out[run[-1]].end:out[n].start]) \
                and out[n].start > out[run[-1]].end:
            run.append(n)
            continue
        if len(run) >= 3:
            counts = Counter(out[k].type for k in run)
            (best, top), *rest = counts.most_common()
            if top >= 2 and (not rest or rest[0][1] < top) and (best == "Person" or "Person" not in counts):
                for k in run:
                    if out[k].gaz_id is None and out[k].type != best:
                        out[k] = replace(out[k], type=best)
        run = [n] if n < len(out) else []
    return out


def _joined(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """NER's spans, with two joined by a connector when the whole is a name the gazetteer knows ("U.S. Court of
    Appeals" + "for the" + "District of Columbia Circuit")."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents):
            nxt = ents[i + 1]
            between = doc[ent.end:nxt.start]
            if len(between) <= 2 and all(t.lower_ in NAME_CONNECTORS for t in between):
                whole = doc[ent.start:nxt.end]
                entry = gaz.lookup(whole.text)
                if entry is not None:
                    out.append(Span(doc, whole.start, whole.end, label={"Person": "PERSON", "Organization": "ORG",
                                                                         "Place": "GPE"}[entry.type]))
                    i += 2
                    continue
        out.append(ent)
        i += 1
    return out


def _entry(span: Span, gaz: Gazetteer) -> GazEntry | None:
    """The gazetteer entry the EntityRuler linked the whole span to, else the one its text names."""
    ids = {t.ent_id_ for t in span}
    if len(ids) == 1 and "" not in ids:
        return gaz.entries.get(next(iter(ids)))
    return gaz.lookup(span.text)


def _pieces(ent: Span, gaz: Gazetteer) -> list[Span]:
    """An NER span cut into the names it holds: at list commas, colons, semicolons, brackets, quotes, spaced
    dashes and slashes ("Dyer, Faye, Bowyer"; "Dominic Carman - son"), at a possessive between two names
    ("Alphabet Inc's Google"), and before the first lower-case word that cannot stand inside a name ("Pacific
    island"). A span the gazetteer knows as a whole ("Washington, D.C.") stays whole."""
    doc = ent.doc
    if gaz.lookup(ent.text) is not None:
        return [ent]
    pieces: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end):
        t = doc[i]
        between_names = t.text in POSSESSIVE and i + 1 < ent.end and _possessive_between_names(doc, start, i, ent.end,
                                                                                                gaz)
        if _separator(t) or between_names:
            if i > start:
                pieces.append(doc[start:i])
            start = i + 1
    if start < ent.end:
        pieces.append(doc[start:ent.end])
    return [_before_lowercase(p) for p in pieces]


def _separator(t: Token) -> bool:
    """A token that never stands inside a name."""
    if t.text in {",", ":", ";", "(", ")", "[", "]", "{", "}", "\"", "\u201c", "\u201d", "|", "\u2014", "\u2013", "/"}:
        return True
    return t.text == "-" and t.i > 0 and bool(t.doc[t.i - 1].whitespace_) and bool(t.whitespace_)


def _possessive_between_names(doc: Doc, start: int, i: int, end: int, gaz: Gazetteer) -> bool:
    """ "Alphabet Inc's Google", "Britain's BBC": a possessive between two names, not inside one ("People's
    Party")."""
    before, after = doc[start:i], doc[i + 1:end]
    if not before or not after:
        return False
    return (gaz.lookup(before.text) is not None or gaz.lookup(after.text) is not None
            or before[-1].lower_.rstrip(".") in CORPORATE_SUFFIXES)


def _before_lowercase(span: Span) -> Span:
    """The span up to its first lower-case word that cannot stand inside a name, without trailing connectors."""
    end = span.end
    if span[-1].is_lower and span[-1].lower_ in ORGANISATION_WORDS:
        return span  # "the Democratic Senate campaign committee": an organisation written in lower case
    for t in span:
        if t.is_alpha and t.is_lower and t.lower_ not in NAME_CONNECTORS and t.i > span.start:
            end = t.i
            break
    while end > span.start + 1 and span.doc[end - 1].lower_ in NAME_CONNECTORS:
        end -= 1
    return span.doc[span.start:end]


def _trim(span: Span, label: str, gaz: Gazetteer) -> Span | None:
    """Drop leading determiners, honorifics and title words, a trailing possessive or punctuation, and the words
    of a photo credit glued to either end ("Carla Diaz Image")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
                           or doc[start].text in POSSESSIVE
                           or (label == "PERSON" and end - start > 1 and (_is_title_token(doc[start]) or (
                               doc[start].lower_ in TITLE_CONNECTORS and start > span.start
                               and _is_title_token(doc[start - 1]))))):
        start += 1
    known = gaz.lookup(doc[start:end].text) is not None  # "Getty Images"
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
                           or (doc[end - 1].lower_ in CREDIT_WORDS and end - start > 1 and not known)):
        end -= 1
    while start < end - 1 and doc[start].lower_ in CREDIT_WORDS and not known:
        start += 1
    if start >= end:
        return None
    return doc[start:end]


def _missed_names(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, str]]:
    """Names NER did not tag as a person, organisation or place where only a name can stand: after an honorific
    ("Dr Vancheshwar"), after a title when it starts with a given name ("boss Graeme Souness"), after an
    organisation noun ("messaging firm MBlox")."""
    out: list[tuple[Span, str]] = []
    given = GIVEN_NAMES | {e[0].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
    i = 0
    while i < len(doc) - 1:
        cue = doc[i]
        low = cue.lower_
        run = _name_run(doc, i + 1)
        end = run.end
        label = None
        if not run and low in TITLE_HEADS and cue.is_lower and doc[i + 1].text == ",":
            appos = _apposed_name(doc, i)
            if appos is not None:
                out.append((appos, "PERSON"))
                i = appos.end
                continue
        employer = _employer_before_title(doc, i, gaz)
        if employer is not None:
            out.append((employer, "ORG"))
            i = employer.end
            continue
        if run and cue.ent_type_ not in NER_TYPES:
            if low in HONORIFICS and not (len(run) == 1 and run[0].lower_ in TITLE_WORDS):
                label = "PERSON"
            elif low in TITLE_HEADS and len(run) >= 2 and (cue.is_lower or run[0].lower_ in given) \
                    and run[-1].lower_ not in ORGANISATION_WORDS | PLACE_WORDS:
                label = "PERSON"
            elif cue.is_lower and low in ORGANISATION_CUES and gaz.lookup(run.text) is None \
                    and run[0].lower_ not in GIVEN_NAMES:
                label = "ORG"
        if label:
            out.append((run, label))
            i = end
        else:
            i += 1
    return out


def _employer_before_title(doc: Doc, start: int, gaz: Gazetteer) -> Span | None:
    """The organisation NER missed before a lower-case job title that precedes a person's name ("Charlton
    manager Alan Curbishley", "TBWA boss Trevor Beattie"): one to three capitalised proper nouns, or an acronym
    of three letters or more, that NER left untagged and the gazetteer does not know as anything but an
    organisation. A sentence's first word, a month, a word right after "the", "of" or "and" (the end of a longer
    name) or after another capitalised word tells nothing, and neither does a job done on a work ("Star Wars
    actor")."""
    end = start
    while end < len(doc) and end - start < 3 and _employer_word(doc[end]):
        end += 1
    before = doc[start - 1] if start > 0 else None
    if end == start or before is None or before.text[:1] in ("'", "\u2019") or before.text[:1].isupper() \
            or before.lower_ in NAME_CONNECTORS:
        return None
    k = end
    while k < len(doc) and k - end < 3 and doc[k].is_lower and doc[k].lower_ in TITLE_WORDS:
        k += 1
    if k == end or k >= len(doc) or doc[k - 1].lower_ not in TITLE_HEADS or doc[k - 1].lower_ in WORK_ROLES \
            or doc[k].ent_type_ != "PERSON" or doc[k].ent_iob_ != "B":
        return None
    span = doc[start:end]
    entry = gaz.lookup(span.text)
    if (entry is not None and entry.type != "Organization") or gaz.is_demonym(span.text) \
            or span[0].lower_ in GIVEN_NAMES:
        return None
    return span


def _employer_word(t: Token) -> bool:
    """A word of an employer's name NER missed: a capitalised proper noun or an acronym of three letters or
    more, untagged by NER, not a title word, a month or a day, and not a sentence's first word."""
    acronym = t.text.isupper() and t.text.isalpha() and len(t) >= 3
    return t.text[:1].isupper() and (t.pos_ == "PROPN" or acronym) and t.ent_type_ == "" \
        and t.text.replace("-", "").replace("&", "").isalpha() and t.lower_ not in TITLE_WORDS | DAY_WORDS \
        and (not t.is_sent_start or acronym)


def _apposed_name(doc: Doc, title: int) -> Span | None:
    """The name NER missed apposed to the job title at `title` ("the mayor, Ana Ruiz, said"): two or three
    capitalised proper nouns after its comma that the parse makes its apposition, no organisation's or place's
    word last."""
    run = _name_run(doc, title + 2, proper=True)
    if not 2 <= len(run) <= 3 or run[-1].dep_ != "appos" or run[-1].head.i != title \
            or run[-1].lower_ in ORGANISATION_WORDS | PLACE_WORDS:
        return None
    return run


def _name_run(doc: Doc, start: int, *, proper: bool = False) -> Span:
    """The words from `start` that can make a name NER missed, at most three (`proper`: proper nouns only)."""
    end = start
    while end < len(doc) and end - start < 3 and _capitalised_word(doc[end]) and doc[end].ent_type_ not in NER_TYPES \
            and (not proper or doc[end].pos_ == "PROPN"):
        end += 1
    return doc[start:end]


def _capitalised_word(t: Token) -> bool:
    """A word that can be part of a name NER missed: capitalised (or "mBlox"), alphabetic, not a title word."""
    return (t.text[:1].isupper() or (t.text[:1].islower() and any(c.isupper() for c in t.text[1:]))) \
        and t.text.replace("-", "").replace("'", "").isalpha() and t.lower_ not in DAY_WORDS \
        and t.lower_ not in TITLE_WORDS and not t.is_sent_start and t.pos_ in ("PROPN", "NOUN", "ADJ", "X")


def _acronym_expansions(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of names defined with an acronym in brackets right after them: "the World Travel and
    Tourism Council (WTTC)", "the New Example Party (NEP)". The name's capitalised words (and the connectors
    between them) spell the acronym, whatever NER made of them."""
    out = []
    for i in range(2, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1].text
        if not (2 <= len(acronym) <= 8 and acronym.isalpha() and sum(c.isupper() for c in acronym) >= 2):
            continue
        letters = [c for c in acronym if c.isupper()]
        j, k = i - 1, len(letters) - 1
        while j >= 0 and k >= 0:
            t = doc[j]
            if t.text[:1].isupper() and t.text[:1] == letters[k]:
                k -= 1
            elif not (t.lower_ in NAME_CONNECTORS or t.text in ("&", "-")) or j == i - 1:
                break
            j -= 1
        if k < 0 and j + 1 < i:
            first = j + 1
            while first < i and doc[first].lower_ in NAME_CONNECTORS:
                first += 1
            out.append((first, i))
    return out


def _context_type(doc: Doc, span: Span, label: str, gaz: Gazetteer) -> EntityType | None:
    """The type a name's own words and neighbours give, whatever NER said: a person after an honorific or a
    capitalised title ("Ms Lyon", "Senator Jordan"), with a given name and no organisation or place word ("Kevin
    Davies"), after an occupation ("actress Betty Astell") or with one in apposition ("Anshuman Magazine,
    managing director, ...", "his former adviser, Dominic Cummings"); an organisation after an organisation noun
    ("firm Zed") or with one in apposition ("Il Sole 24 Ore, Italy's business newspaper"), with an organisation
    word ("George W. Bush Presidential Center") or as the employer in "Balco president Victor Conte"; else None."""
    before = doc[span.start - 1] if span.start > 0 else None
    last = span[-1].lower_
    if _person_cue(doc, span):
        return "Person"
    if before is not None and before.is_lower and before.lower_ in ORGANISATION_CUES \
            and not (label == "PERSON" and span[0].lower_ in GIVEN_NAMES):
        return "Organization"
    if last in ORGANISATION_WORDS and len(span) > 1:
        return "Organization"
    root = span.root
    appositions = [t.lower_ for t in root.children if t.dep_ == "appos"] + ([root.head.lower_] if root.dep_ == "appos"
                                                                           else [])
    if any(word in ORGANISATION_CUES for word in appositions) and span[0].lower_ not in GIVEN_NAMES:
        return "Organization"  # "Il Sole 24 Ore, Italy's business newspaper"
    if label != "PERSON" and any(word in PERSON_CUES for word in appositions):
        return "Person"
    if label == "PERSON" and len(span) == 1 and span.end + 1 < len(doc) and doc[span.end].lower_ in TITLE_HEADS \
            and doc[span.end].is_lower and doc[span.end + 1].pos_ == "PROPN" and not _leader(span.text, gaz):
        return "Organization"  # "Balco president Victor Conte", "Bolton boss Sam Allardyce"
    if label == "PERSON":
        return None
    if 1 < len(span) <= 4 and (span[0].lower_ in FEATURES_FIRST or last in FEATURES_LAST) \
            and not any(t.lower_ in ORGANISATION_WORDS for t in span):
        return "Place"  # "the River Wend", tagged as an organisation
    if len(span) in (2, 3) and span[0].lower_ in GIVEN_NAMES and last not in PLACE_WORDS \
            and all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS for t in span):
        return "Person"
    if before is not None and before.is_lower and before.lower_ in PERSON_CUES:
        return "Person"
    return None


def _leader(text: str, gaz: Gazetteer) -> bool:
    """A head of state or government the gazetteer knows by this surname ("Trump aide ...")."""
    entry = gaz.short_name(text)
    return entry is not None and entry.category in ("head-of-state", "head-of-government")


def _person_cue(doc: Doc, span: Span) -> bool:
    """An honorific, or a capitalised title inside a sentence, right before the name ("Ms Lyon", "Senator
    Jordan"): strong enough to overrule the gazetteer's place or organisation of the same name."""
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in HONORIFICS and before.text[:1].isupper():
        return True
    return before.text[:1].isupper() and not before.is_sent_start and before.ent_type_ not in NER_TYPES \
        and (before.lower_ in TITLE_HEADS or before.lower_ in TITLE_ABBREVIATIONS)


def _place_context(doc: Doc, span: Span, found: list[tuple[Span, str]]) -> bool:
    """A one-word "person" that is a place: after "in"/"from"/..., a constituency ("MP for Witney"), or joined
    by "and" to a place ("in Guildford and Woolwich")."""
    if len(span) != 1 or span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    if before.lower_ == "for" and span.start > 1 and doc[span.start - 2].lower_ in CONSTITUENCY_HOLDERS:
        return True
    if before.lower_ in ("and", "or", ",") and span.start > 1:
        places = {s.end for s, label in found if label in ("GPE", "LOC")}
        return span.start - 1 in places
    return False


def _without_headings_and_modifiers(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Drop names the gazetteer does not know that are not entities: laws, awards, events ("Prevention of
    Terrorism Bill"), titles of works ("radio show The Brains Trust"), acronyms of common nouns ("foreign direct
    investment ... FDI"), labels in a results box ("Att: 50,430"); and those the article only writes where
    capitals tell nothing, in furniture or as a modifier of a common noun: inside a title-case heading ("Veto
    Power Impedes Peace Efforts:"), a reporting credit ("... contributed reporting."), before a noun ("Wheelchair
    user", "Houthi rebels", "the Hang Seng index")."""
    headings = furniture_tokens(doc)
    solid: set[str] = set()
    doubtful: list[tuple[Mention, str]] = []
    for m in mentions:
        key = name_key(m.text)
        span = doc[m.start:m.end]
        if m.gaz_id is None and (key in NOT_NAMES or _names_a_thing(span) or _title_of_work(doc, span)
                                 or _spelled_out_in_lower_case(doc, m.text)):
            continue
        if m.gaz_id is None and _stat_label(doc, m.end):
            continue
        known = m.gaz_id is not None or gaz.short_name(m.text) is not None
        if not known and (m.start in headings or (_modifier(doc, span) and not m.text.isupper()
                                                  and not (m.type == "Person" and len(span) >= 2))):
            doubtful.append((m, key))
        else:
            solid.add(key)
            doubtful.append((m, ""))
    surnames = {k.split()[-1] for k in solid if k}
    return [m for m, key in doubtful if not key or key in solid or (m.type == "Person" and key in surnames)]


def _names_a_thing(span: Span) -> bool:
    """A name whose head word makes it a law, award, event, show or index: its last word, or the word before
    its first English connector ("Erikson Prize for Excellence", "Convention on Human Rights"; a name particle
    follows no such head: "Bill de Blasio" is a person)."""
    head = next((t for t in span if t.i > span.start and t.lower_ in THING_CONNECTORS), None)
    return span[-1].lower_ in NOT_NAME_HEADS or (head is not None and head.nbor(-1).lower_ in NOT_NAME_HEADS)


def _title_of_work(doc: Doc, span: Span) -> bool:
    """A name right after a noun for a work, or in apposition to one ("radio show The Brains Trust", "a revue,
    Tele-Ho", "the pantomime, Dick Whittington")."""
    i = span.start - 1
    while i >= 0 and (doc[i].lower_ in ("the", ",") or doc[i].is_space):
        i -= 1
    if i >= 0 and doc[i].lower_ in WORK_NOUNS and (doc[i].pos_ == "NOUN" or (
            i > 0 and doc[i - 1].pos_ in ("NOUN", "ADJ") and doc[i - 1].is_lower)):
        return True  # "show" the parser took for a verb in "radio information show The Brains Trust"
    root = span.root
    return root.dep_ == "appos" and root.head.lower_ in WORK_NOUNS


def _spelled_out_in_lower_case(doc: Doc, text: str) -> bool:
    """An acronym the article also writes out in lower case, so it stands for a common noun ("foreign direct
    investment" ... "FDI")."""
    if not (2 <= len(text) <= 6 and text.isalpha() and text.isupper()):
        return False
    n = len(text)
    for i in range(len(doc) - n + 1):
        words = doc[i:i + n]
        if all(t.is_lower and t.is_alpha and len(t) >= 3 and t.pos_ in ("NOUN", "ADJ") for t in words) \
                and "".join(t.text[0] for t in words) == text.lower():
            return True
    return False


def _heading_tokens(doc: Doc) -> set[int]:
    """Tokens of run-in and one-line headings: a paragraph's opening words in title case before a colon
    ("Limited Tools to Fight Terrorism: ..."), or a short paragraph all in title case ("Gender Equality."), but
    not a name alone on its line ("Martin Lowe.", a signature)."""
    out: set[int] = set()
    paragraph: list[Token] = []
    for t in [*doc, None]:
        if t is None or (t.is_space and t.text.count("\n") >= 2):
            words = [x for x in paragraph if not x.is_space]
            colon = next((n for n, x in enumerate(words[:15]) if x.text == ":"), None)
            segment = words[:colon] if colon is not None else (words if len(words) <= 8 else [])
            alpha = [x for x in segment if x.is_alpha]
            signature = colon is None and alpha and alpha[0].lower_ in GIVEN_NAMES and len(alpha) <= 3
            if len(alpha) >= 2 and all(x.text[:1].isupper() or x.lower_ in HEADING_SMALL_WORDS for x in alpha) \
                    and sum(x.text[:1].isupper() for x in alpha) >= 2 and not signature:
                out.update(x.i for x in segment)
            paragraph = []
        else:
            paragraph.append(t)
    return out


def furniture_tokens(doc: Doc) -> set[int]:
    """Tokens where a capitalised word proves no name: title-case headings and reporting credits."""
    return _heading_tokens(doc) | _credit_tokens(doc)


def _credit_tokens(doc: Doc) -> set[int]:
    """Tokens of reporting credits ("Ann Lee and Bo Park contributed reporting.", "Additional reporting by Ann
    Lee"): page furniture, whose names are no entities unless the story names them too."""
    return {t.i for sent in doc.sents if CREDIT_LINE.search(sent.text) for t in sent}


def _stat_label(doc: Doc, end: int) -> bool:
    """A word before a colon and a figure: a label in a results box ("Att: 50,430"), not a name."""
    return end + 1 < len(doc) and doc[end].text == ":" and doc[end + 1].like_num


def _modifier(doc: Doc, span: Span) -> bool:
    """A name standing before a common noun it qualifies ("Wheelchair user", "Gold Star mother") or in a
    hyphenated adjective ("Oscar-nominated"); titles and organisation nouns do not count ("Newsnight
    journalist", "Bolton keeper": the name is whom the title works for; "Broadcast magazine" names the
    magazine)."""
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_ \
            and not doc[span.end].whitespace_ and doc[span.end + 1].is_lower:
        return True  # "Oscar-nominated"
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "NOUN" and after.is_lower and after.lower_ not in TITLE_WORDS | ORGANISATION_CUES \
        and span.root.head.i >= span.end and span.root.dep_ in ("compound", "amod", "nmod", "npadvmod")


def _discourse(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """One name, one sense per article: a word the gazetteer knows as a place or an organisation that is also
    the surname of a person named in full in the article is that person ("Jim Jordan ... Jordan said"), unless
    it follows "in"/"from"/...; a full name NER took for a place or an organisation whose surname the article
    writes alone as a person's is a person ("Stelios Giannakopoulos ... Giannakopoulos")."""
    person_words = {doc[m.start:m.end][-1].lower_ for m in mentions if m.type == "Person" and m.end - m.start == 1}
    surnames = {parts[-1] for m in mentions if m.type == "Person" and (parts := name_parts(m.text))
                and (len(parts) >= 2 or _after_honorific(doc, m.start))}
    out = []
    for m in mentions:
        span = doc[m.start:m.end]
        if m.type != "Person" and len(span) == 1 and name_key(m.text) in surnames \
                and not (m.start > 0 and doc[m.start - 1].lower_ in LOCATIVE_PREPOSITIONS) \
                and (m.gaz_id is None or gaz.entries[m.gaz_id].type != "Person"):
            m = replace(m, type="Person", gaz_id=None, sure=True)
        elif m.type != "Person" and m.gaz_id is None and len(span) >= 2 and span[-1].lower_ in person_words \
                and span[-1].lower_ not in ORGANISATION_WORDS | PLACE_WORDS:
            m = replace(m, type="Person")
        out.append(m)
    return out


def _after_honorific(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in HONORIFICS


def name_parts(text: str) -> tuple[str, ...]:
    """A person's name as lower-case folded words, without honorifics, initials and suffixes."""
    words = name_key(text).split()
    words = [w for w in words if w and w not in HONORIFICS and w not in NAME_SUFFIXES
             and not re.fullmatch(r"[a-z]\.?", w)]
    return tuple(words)


def _is_title_token(token: Token) -> bool:
    low = token.lower_
    return low in TITLE_WORDS or low in HONORIFICS or low in TITLE_ABBREVIATIONS


def _plausible(span: Span, label: str, gaz: Gazetteer) -> bool:
    """Reject spans that are not names: lower case, weekdays, amounts, sizes, title words inside a title."""
    text = span.text
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return False
    if label == "PERSON" and any(c.isdigit() for c in text):
        return False  # "280bn", "Route 66"
    if any(re.fullmatch(r"\d+(?:[x.]\d+)*[a-z]+(?:\d+[a-z]*)*", t.text) for t in span):
        return False  # "8x10in", "6x4", "10bn"
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in span) and gaz.lookup(text) is None:
        return False
    if all(t.lower_ in DAY_WORDS for t in span):
        return False
    if "\n" in text:
        return False
    if all(t.lower_ in TITLE_WORDS or t.lower_ in TITLE_CONNECTORS or t.lower_ in HONORIFICS
           or gaz.is_demonym(t.text) for t in span) and gaz.lookup(text) is None \
            and not (label == "ORG" and text.lower() in ARMED_SERVICES):
        return False  # "Defense" in "Deputy Defense Minister", "Trade and Industry" in "... Secretary"
    return True
