"""Mention -> Entity within one article: gazetteer ids, full names and surnames, titles, pronouns, groups.

`Resolver` is built once per parsed article. It clusters the mentions into entities and answers, for the
head token of any noun phrase the relation rules meet, which entity it denotes: a name ("Zelensky" ->
Volodymyr Zelensky), a description ("the Ukrainian president" -> the person introduced with that title),
a pronoun ("he" -> the last speaker or subject), or unnamed officials ("Ukrainian officials" -> Ukraine).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer, GazEntry, name_key
from kg.lexicon import (DELEGATE_NOUNS, FEMALE_FIRST_NAMES, FEMALE_PRONOUNS, FEMALE_WORDS, GROUP_NOUNS, GROUP_PRONOUNS,
                        HONORIFICS, INFANT_WORDS, MALE_FIRST_NAMES, MALE_PRONOUNS, MALE_WORDS, ORGANISATION_WORDS,
                        PEOPLE_NOUNS, PERSON_NOUNS, PERSON_PRONOUNS, STATE_TITLES, TITLE_ABBREVIATIONS, TITLE_HEADS,
                        TITLE_MODIFIERS, WRITTEN_WORKS)
from kg.mentions import Mention, furniture_tokens, name_parts
from kg.model import Entity, EntityType

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPELLING = {"defence": "defense", "labour": "labor", "centre": "center", "organisation": "organization"}
GENERIC_ORGANISATION_WORDS = ORGANISATION_WORDS | frozenset(
    "house court senate congress parliament assembly government administration cabinet times news".split())
"""Words too generic to stand alone for an organisation named earlier ("the House" is not "the White House")."""
PRONOUN_WINDOW = 3
"""How many sentences back a pronoun or a bare "officials" may look for what it refers to."""
ORG_WINDOW = 6
"""How many sentences back "the bank" or "the network" may look for the organisation it refers to."""
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
ORG_NOUNS: dict[str, frozenset[str] | None] = {
    "company": frozenset({"company"}), "firm": frozenset({"company"}), "bank": frozenset({"company"}),
    "corporation": frozenset({"company"}), "group": None, "network": frozenset({"media"}),
    "channel": frozenset({"media"}), "newspaper": frozenset({"media"}), "paper": frozenset({"media"}),
    "broadcaster": frozenset({"media"}), "magazine": frozenset({"media"}), "outlet": frozenset({"media"}),
    "agency": frozenset({"agency", "media"}), "ministry": frozenset({"ministry", "government"}),
    "department": frozenset({"ministry", "agency", "government"}), "party": frozenset({"political-party"}),
    "court": frozenset({"court"}), "committee": None, "commission": None, "council": None, "board": None,
    "organization": None, "organisation": None, "union": None, "alliance": frozenset({"international-organization"}),
    "foundation": None, "institute": None, "campaign": frozenset(),
}
"""Nouns for an organisation ("the bank said"), with the gazetteer categories it may refer to (None: any)."""


@dataclass
class _Cluster:
    key: str
    gaz: GazEntry | None = None
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    types: list[EntityType] = field(default_factory=list)
    parts: set[tuple[str, ...]] = field(default_factory=set)
    first_token: list[int] = field(default_factory=list)
    label: str | None = None
    sure_types: list[EntityType] = field(default_factory=list)

    def add(self, text: str, span: tuple[int, int], etype: EntityType, token: int, sure: bool = False) -> None:
        """Record one more surface form of this entity (`sure`: its type comes from the context, not NER)."""
        self.forms.append(text)
        self.spans.append(span)
        self.types.append(etype)
        if sure:
            self.sure_types.append(etype)
        self.first_token.append(token)
        if etype == "Person" and name_parts(text):
            self.parts.add(name_parts(text))

    @property
    def type(self) -> EntityType:
        """The gazetteer's type; else the commonest among the mentions whose context proves a type ("Ms", "firm
        Zed", "Bolton boss Sam Allardyce"); else a person when the entity was founded on a person's full name
        (NER often takes a surname alone for an organisation or a place); else the commonest, a person on a tie."""
        if self.gaz:
            return self.gaz.type
        if self.sure_types:
            return _commonest(self.sure_types)
        if len(self.key.split()) >= 2 and self.key.startswith("Person:") and "Person" in self.types:
            return "Person"
        return _commonest(self.types)


def _commonest(types: list[EntityType]) -> EntityType:
    """The most frequent type, a person on a tie, else the first written."""
    counts = Counter(types)
    return max(counts, key=lambda t: (counts[t], t == "Person", -types.index(t)))


class Resolver:
    """Entities of one parsed article and the resolution of noun phrases to them."""

    def __init__(self, doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.mentions = mentions
        self._clusters: dict[str, _Cluster] = {}
        self._token_key: dict[int, str] = {}
        self._mention_key: dict[int, str] = {}
        self._speakers: list[tuple[int, str]] = []
        self._spoken_through: set[int] = set()
        self._countries: set[str] | None = None
        self._furniture = furniture_tokens(doc)
        self._aliases: dict[str, list[str]] = {}
        self._sent_of = [0] * len(doc)
        self._sent_start: list[int] = []
        for n, sent in enumerate(doc.sents):
            self._sent_start.append(sent.start)
            for t in sent:
                self._sent_of[t.i] = n
        self._cluster()
        self._groups = self._group_mentions()

    # ----------------------------------------------------------------- clustering
    def _cluster(self) -> None:
        persons = [m for m in self.mentions if m.type == "Person" and not m.gaz_id and len(name_parts(m.text)) >= 2]
        singles = [m for m in self.mentions if not m.gaz_id and m not in persons]
        for m in (m for m in self.mentions if m.gaz_id):
            self._add(m, "gz:" + m.gaz_id, self.gaz.entries[m.gaz_id])
        for m in sorted(persons, key=lambda m: (-len(name_parts(m.text)), m.start)):
            parts = name_parts(m.text)
            key = self._compatible_person(parts) or "Person:" + " ".join(parts)
            self._add(m, key)
        for m in singles:
            self._add(m, self._single_key(m))

    def _add(self, m: Mention, key: str, entry: GazEntry | None = None) -> None:
        cluster = self._clusters.get(key)
        if cluster is None:
            cluster = self._clusters[key] = _Cluster(key, entry)
            if entry and entry.type == "Person":
                cluster.parts.update(name_parts(n) for n in entry.names)
                cluster.parts.update(name_parts(n) for n in entry.short_names)
        cluster.add(m.text, (m.start_char, m.end_char), m.type, m.start, m.sure)
        self._mention_key[m.start] = key
        for i in range(m.start, m.end):
            self._token_key[i] = key

    def _persons(self) -> list[_Cluster]:
        return [c for c in self._clusters.values() if c.type == "Person"]

    def _compatible_person(self, parts: tuple[str, ...]) -> str | None:
        """An existing person whose name has the same surname and shares or contains the given names."""
        for cluster in self._persons():
            for other in cluster.parts:
                if len(other) >= 2 and other[-1] == parts[-1] and (set(other) <= set(parts) or set(parts) <= set(other)):
                    return cluster.key
        return None

    def _single_key(self, m: Mention) -> str:
        """Key for a one-word person name or a non-person name: surname matching, then the gazetteer."""
        parts = name_parts(m.text)
        if len(parts) == 1 and (m.type == "Person" or m.text[:1].isupper()):
            word = parts[0]
            candidates = [c for c in self._persons()
                          if any(len(p) >= 2 and (p[-1] == word or (m.type == "Person" and p[0] == word))
                                 for p in c.parts)]
            if candidates:
                return self._nearest(candidates, m.start).key
            if m.type == "Person":
                org = self._organisation_named(word)
                if org:
                    return org
                entry = self.gaz.short_name(m.text)
                if entry and self._country_in_article(entry):
                    if "gz:" + entry.id not in self._clusters:
                        self._clusters["gz:" + entry.id] = _Cluster("gz:" + entry.id, entry)
                    return "gz:" + entry.id
        folded = name_key(m.text)
        if m.type == "Person":
            key = "Person:" + " ".join(parts or (folded,))
            return key if key in self._clusters else self._same_name(folded) or key
        return self._same_name(folded) or self._acronym_of(m) or self._short_form_of(m) or f"{m.type}:{folded}"

    def _same_name(self, folded: str) -> str | None:
        """The entity already written with exactly this name and unknown to the gazetteer, whatever type NER gave
        that mention: one name is one entity within an article."""
        same = [c for c in self._clusters.values() if not c.gaz and any(name_key(f) == folded for f in c.forms)]
        return same[0].key if same else None

    def _acronym_of(self, m: Mention) -> str | None:
        """The one organisation whose name's initials the acronym spells ("MEF" for "Mobile Entertainment
        Forum", "WTTC" for "World Travel and Tourism Council")."""
        if not (2 <= len(m.text) <= 8 and m.text.isalpha() and m.text.isupper()):
            return None
        hits = {c.key for c in self._clusters.values() if c.type == "Organization"
                and any(len(f.split()) >= 2 and _initials(f) == m.text for f in c.forms)}
        return hits.pop() if len(hits) == 1 else None

    def _short_form_of(self, m: Mention) -> str | None:
        """The one organisation named earlier whose name this one shortens ("the Post" after "The Washington
        Post"), or which this one names with its country ("U.S. Supreme Court" after "Supreme Court"). A lone
        generic word ("House", "Council") is no short form."""
        if m.type != "Organization":
            return None
        words = name_key(m.text).split()
        if not words or (len(words) == 1 and words[0] in GENERIC_ORGANISATION_WORDS):
            return None
        without_country = words[1:] if len(words) >= 2 and self._is_country_word(m.text.split()[0]) else None
        hits = set()
        for c in self._clusters.values():
            if c.type != "Organization" or not c.first_token or min(c.first_token) > m.start:
                continue
            for f in c.forms:
                other = name_key(f).split()
                if (len(other) > len(words) and other[-len(words):] == words) or other == without_country:
                    hits.add(c.key)
        return hits.pop() if len(hits) == 1 else None

    def _is_country_word(self, word: str) -> bool:
        """ "U.S.", "British": a country's name or nationality word."""
        entry = self.gaz.lookup(word)
        return self.gaz.is_demonym(word) or (entry is not None and entry.category == "country")

    def _country_in_article(self, entry: GazEntry) -> bool:
        """Whether a well-known person's country comes up in the article (by name or nationality word), so a
        bare "McConnell" in a story about Scotland is not taken for the U.S. senator. Heads of state and
        government need no such hint."""
        if entry.country is None or entry.category in ("head-of-state", "head-of-government"):
            return True  # "Putin", "Zelensky": leaders are known by surname everywhere
        if self._countries is None:
            self._countries = {c.gaz.id for c in self._clusters.values() if c.gaz} | {
                e.id for t in self.doc if (e := self.gaz.demonym(t.text)) is not None}
            self._countries |= {self.gaz.entries[i].country for i in list(self._countries)
                                if i in self.gaz.entries and self.gaz.entries[i].country}
        return entry.country in self._countries

    def _organisation_named(self, word: str) -> str | None:
        """An organisation whose name starts with `word`: a lone "Altria" that NER took for a person is the
        "Altria Group" of the same article."""
        for c in sorted(self._clusters.values(), key=lambda c: c.key):
            if c.type == "Organization" and any(name_key(f).split()[:1] == [word] for f in c.forms):
                return c.key
        return None

    def _nearest(self, clusters: list[_Cluster], token: int) -> _Cluster:
        """The cluster mentioned closest before `token` (or, failing that, closest after it)."""
        def distance(c: _Cluster) -> tuple[int, int]:
            before = [token - t for t in c.first_token if t < token]
            after = [t - token for t in c.first_token if t > token]
            return (0, min(before)) if before else (1, min(after) if after else 10**9)
        return min(clusters, key=distance)

    # ----------------------------------------------------------------- answers
    def entities(self) -> tuple[Entity, ...]:
        """Every entity mentioned or referred to, with its canonical label and surface forms."""
        out = []
        for key, c in sorted(self._clusters.items()):
            forms = list(dict.fromkeys(c.forms + self._aliases.get(key, [])))
            out.append(Entity(key=_final_key(c), type=c.type, label=self._label(c), aliases=tuple(sorted(forms)),
                              wikidata=c.gaz.wikidata if c.gaz else None, mentions=tuple(sorted(c.spans))))
        return tuple(out)

    def final_key(self, key: str) -> str:
        """The key an entity carries outside this article (its type settles only after clustering)."""
        return _final_key(self._clusters[key])

    def _label(self, c: _Cluster) -> str:
        if c.label:
            return c.label
        if c.gaz:
            return c.gaz.label
        if not c.forms:
            return c.key.split(":", 1)[1]
        if c.type == "Person":
            return max(c.forms, key=lambda f: (len(name_parts(f)), c.forms.count(f), -c.forms.index(f)))
        return max(c.forms, key=lambda f: (not f.isupper(), c.forms.count(f), len(f), -c.forms.index(f)))

    def entity_of_token(self, i: int) -> str | None:
        """The entity a token belongs to: inside a name, or a nationality word for its country."""
        if i in self._token_key:
            return self._token_key[i]
        entry = self.gaz.demonym(self.doc[i].text)
        return self._gaz_key(entry) if entry else None

    def gazetteer_entity(self, entry_id: str) -> str:
        """A gazetteer entry as an entity of this article (a party named only by a tag, "(D-Wis.)")."""
        return self._gaz_key(self.gaz.entries[entry_id])

    def country_of(self, key: str) -> str | None:
        """The country of a person the gazetteer knows, when the article names it or its nationality word."""
        entry = self._clusters[key].gaz
        if entry is None or entry.country is None or entry.country not in self.gaz.entries:
            return None
        country = self._clusters.get("gz:" + entry.country)
        if (country is None or not country.forms) and not any(
                (e := self.gaz.demonym(t.text)) is not None and e.id == entry.country for t in self.doc):
            return None
        return self._gaz_key(self.gaz.entries[entry.country])

    def _gaz_key(self, entry: GazEntry) -> str:
        key = "gz:" + entry.id
        if key not in self._clusters:
            self._clusters[key] = _Cluster(key, entry)
        return key

    def type_of(self, key: str) -> EntityType:
        return self._clusters[key].type

    def sentence_of(self, i: int) -> int:
        return self._sent_of[i]

    def note_speaker(self, token: int, key: str, *, person: bool = False) -> None:
        """Record who spoke at `token`, so that a later "he added" finds them; `person`: an organisation that
        spoke through one unnamed person ("a spokesman for the bank"), whom "he" or "she" may continue."""
        self._speakers.append((token, key))
        if person:
            self._spoken_through.add(token)

    def add_alias(self, key: str, text: str) -> None:
        self._aliases.setdefault(key, []).append(text)

    def resolve(self, head: Token, *, new_names: bool = False) -> tuple[str, str] | None:
        """(entity key, how) for the noun phrase headed by `head`; how is name|pronoun|it|description|group
        ("it" for it/they, which point at an organisation or country less reliably than he/she at a person).
        With `new_names`, a proper name NER missed becomes an entity of its own (for the subjects of
        reporting verbs, which are people or organisations)."""
        if head.i in self._token_key:
            return self._token_key[head.i], "name"
        for t in _appositions(head) if head.lemma_.lower() not in WRITTEN_WORKS else ():  # "the book, Brown's Britain"
            if t.i in self._token_key:
                return self._token_key[t.i], "name"
        if new_names and head.lemma_.lower() not in WRITTEN_WORKS:
            for t in head.children:
                if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > head.i:
                    key = self._unrecognised_name(t, create=True)  # "the mayor, Ana Ruiz, said"
                    if key:
                        return key, "name"
        low = head.lower_
        if low in PERSON_PRONOUNS:
            key = self._antecedent(head, {"Person"}, self._pronoun_gender(head))
            return (key, "pronoun") if key else None
        if low in GROUP_PRONOUNS:
            key = self._antecedent(head, {"Organization", "Place"}, None)
            return (key, "it") if key else None
        if low in RELATIVE_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ in ("relcl", "acl"):
            return self.resolve(head.head.head)
        if head.pos_ == "PROPN":
            names = [t for t in head.subtree if t.i in self._token_key]
            if names and all(t.i in self._token_key for t in head.subtree if t.pos_ == "PROPN"):
                return self._token_key[names[-1].i], "name"
            if not names:
                key = self._unrecognised_name(head, create=new_names)
                if key:
                    return key, "name"
        return self._organisation(head) or self._author(head) or self._describe(head)

    def _author(self, head: Token) -> tuple[str, str] | None:
        """Who a written work speaks for: "the book by Robert Peston", "a statement by the ministry", "Trump's
        letter" (a work whose author is not named says nothing of anyone)."""
        if head.lemma_.lower() not in WRITTEN_WORKS:
            return None
        for t in head.children:
            objects = [o for o in t.children if o.dep_ == "pobj"] if t.dep_ == "prep" and t.lower_ == "by" else \
                [t] if t.dep_ == "poss" and t.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS else []
            for o in objects:
                found = self.resolve(o)
                if found:
                    return found[0], "description"
        return None

    def _unrecognised_name(self, head: Token, *, create: bool) -> str | None:
        """A name NER missed ("Stumpf said ..."): a known person's name or surname, the gazetteer, or (with
        `create`) a new person or, when it carries an organisation word, a new organisation (not in a heading or
        a reporting credit)."""
        run = [t for t in head.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"] + [head]
        honorific = bool(run) and run[0].lower_ in HONORIFICS  # "Mr. King" is a name, "President King" not
        while run and run[0].lower_ in HONORIFICS:
            run = run[1:]
        if not run:
            return None
        start, end = min(t.idx for t in run), head.idx + len(head)
        text = self.doc.text[start:end]
        if not text[:1].isupper() or any(t.lower_ in HONORIFICS or (t.lower_ in TITLE_HEADS and not honorific)
                                         for t in run):
            return None
        key = self.by_name(text, start)
        if key or not create or self.gaz.is_demonym(text) or not text.replace(" ", "").replace("-", "").isalpha() \
                or head.i in self._furniture:
            return key
        if any(t.lower_ in ORGANISATION_WORDS for t in run):
            return self._new_cluster("Organization", text, start, head.i)
        return self.new_person(text, start)

    def by_name(self, text: str, start: int) -> str | None:
        """The entity a name written at `start` denotes, outside any sentence structure (a transcript's
        "PENCE:", a vox pop's "― Sonya Herridge"): the mention there, else a known name or surname in any
        case, else the gazetteer."""
        span = self.doc.char_span(start, start + len(text), alignment_mode="expand")
        keys = [self._token_key[t.i] for t in span or () if t.i in self._token_key]
        if keys:
            return keys[-1]
        wanted = name_key(text)
        for c in sorted(self._clusters.values(), key=lambda c: c.key):
            if any(name_key(f) == wanted for f in c.forms):
                return c.key
        parts = name_parts(text)
        if len(parts) == 1:
            candidates = [c for c in self._persons() if any(len(p) >= 2 and p[-1] == parts[0] for p in c.parts)]
            if candidates:
                return self._nearest(candidates, span.start if span is not None else 0).key
        entry = self.gaz.lookup(text) or self.gaz.short_name(text.title())
        return self._gaz_key(entry) if entry else None

    def new_person(self, text: str, start: int) -> str:
        """A person named where only a person can stand (a vox pop's signature) that NER did not tag."""
        span = self.doc.char_span(start, start + len(text), alignment_mode="expand")
        return self._new_cluster("Person", text, start, span.start if span is not None else 0)

    def _new_cluster(self, etype: EntityType, text: str, start: int, token: int) -> str:
        """An entity for a name NER missed, known by its text from now on."""
        name = " ".join(name_parts(text)) if etype == "Person" else ""
        key = f"{etype}:" + (name or name_key(text))
        self._clusters.setdefault(key, _Cluster(key)).add(text, (start, start + len(text)), etype, token)
        return key

    def _organisation(self, head: Token) -> tuple[str, str] | None:
        """ "the Clinton campaign" (an organisation of its own), "the bank", "the network", "the campaign"
        (the closest fitting organisation named before)."""
        lemma = head.lemma_.lower()
        if lemma not in ORG_NOUNS:
            return None
        if lemma == "campaign":
            owner = next((self._token_key[t.i] for t in head.lefts if t.dep_ in ("compound", "poss")
                          and t.i in self._token_key and self.type_of(self._token_key[t.i]) == "Person"), None)
            if owner:
                return self._campaign(head, owner), "name"
        if not any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in head.lefts):
            return None
        if any(t.dep_ in ("compound", "amod", "poss") for t in head.lefts):
            return None
        categories = ORG_NOUNS[lemma]
        here = self._sent_of[head.i]
        near = [c for c in self._clusters.values() if c.type == "Organization" and c.first_token
                and min(c.first_token) < head.i
                and here - self._sent_of[max(t for t in c.first_token if t < head.i)] <= ORG_WINDOW]
        candidates = [c for c in near if categories is None or (c.gaz is not None and c.gaz.category in categories)
                      or (c.gaz is None and lemma == "campaign" and c.key.endswith(" campaign"))]
        if not candidates and categories:  # "the company", "the magazine": an organisation the gazetteer does not know
            candidates = [c for c in near if c.gaz is None and not c.key.endswith(" campaign")]
        if not candidates:
            return None
        return self._nearest(candidates, head.i).key, "description"

    def _campaign(self, head: Token, owner: str) -> str:
        """A candidate's campaign as an organisation of its own ("the Clinton campaign")."""
        return self.campaign(owner, self.doc[head.left_edge.i:head.i + 1])

    def campaign(self, owner: str, surface: Span) -> str:
        """The campaign of candidate `owner`, written as `surface` ("Trump campaign")."""
        label = f"{self._label(self._clusters[owner])} campaign"
        return self._described(label, "Organization", surface, surface.root.i)

    def _described(self, label: str, etype: EntityType, surface: Span, token: int) -> str:
        """An entity known by a description built from another one's name ("Clinton campaign", "aide to
        Volodymyr Zelenskyy"), with `surface` as written."""
        key = f"{etype}:" + name_key(label)
        cluster = self._clusters.setdefault(key, _Cluster(key, label=label))
        cluster.add(surface.text, (surface.start_char, surface.end_char), etype, token)
        return key

    # ----------------------------------------------------------------- pronouns
    def _antecedent(self, pronoun: Token, types: set[str], gender: str | None,
                    fits: Callable[[str], bool] = lambda key: True) -> str | None:
        """The closest fitting entity before a pronoun: the last speaker of the last two sentences, else the
        most salient mention of the nearest sentence that has one within PRONOUN_WINDOW sentences (a person of
        the pronoun's known gender first, then the subject of the main clause, its possessor, another subject,
        the latest); for he/she, failing that, the last speaker of the article with a fitting gender. A name
        standing as a place ("the MP for Birkenhead") is no antecedent of he/she, and neither is a baby nor a
        name quoted earlier in the pronoun's own sentence ('"Obama is wrong," he said')."""
        here = self._sent_of[pronoun.i]
        quoted = _quoted_tokens(self.doc[self._sent_start[here]:pronoun.i])
        for token, key in reversed(self._speakers):
            if token < pronoun.i and here - self._sent_of[token] <= 1 and fits(key) and (
                    (self.type_of(key) in types and self._gender_ok(key, gender))
                    or ("Person" in types and token in self._spoken_through)):
                return key
        budget, n = PRONOUN_WINDOW, here
        while n >= 0 and budget >= 0 and here - n <= 4 * PRONOUN_WINDOW:
            found: list[tuple[bool, int, bool, int, str | None]] = [
                (gender is not None and self._gender(k) == gender, self._salience(t), True, t, k)
                for t, k in self._mention_tokens(n)
                if t < pronoun.i and t not in quoted and self.type_of(k) in types and fits(k)
                and self._gender_ok(k, gender)
                and not ("Person" in types and (_placed(self.doc[t]) or self._infant(k)))]
            if "Person" in types:
                found += [(gender is not None and g == gender, self._salience(t.i), False, t.i, None)
                          for t in self._unnamed_people(n, pronoun.i) if t.i not in quoted
                          and (g := _noun_gender(t)) in (None, gender) and self._salience(t.i) >= 2]
            if found:
                best = max(found)
                if best[4] is None:  # "The woman said ... She added": an unnamed person, unless named before
                    named = self._definite_person(self.doc[best[3]])
                    return named[0] if named else None
                return best[4]
            if gender is None or not self._continues_chain(n, pronoun):
                budget -= 1  # sentences whose subject is the same pronoun ("She then ...") keep the chain going
            n -= 1
        if gender is not None:
            for token, key in reversed(self._speakers):
                if token < pronoun.i and self.type_of(key) == "Person" and self._gender(key) == gender and fits(key):
                    return key
        return None

    def _infant(self, key: str) -> bool:
        """A person the article introduces as a baby ("his newborn son Leo"): no antecedent of one who acts."""
        return any(t.lower_ in INFANT_WORDS for start in self._clusters[key].first_token
                   for t in self.doc[max(0, start - 3):start])

    @staticmethod
    def _pronoun_gender(pronoun: Token) -> str | None:
        return "m" if pronoun.lower_ in MALE_PRONOUNS else "f" if pronoun.lower_ in FEMALE_PRONOUNS else None

    def _gender_ok(self, key: str, gender: str | None) -> bool:
        """False only when the person is known to have the other gender."""
        if gender is None:
            return True
        known = self._gender(key)
        return known is None or known == gender

    def _gender(self, key: str) -> str | None:
        """The gender pronouns use for a person, when an honorific, a gendered title or kinship word just before
        a mention ("Mrs Maguire", "his father Giuseppe"), or a common given name tells it."""
        cluster = self._clusters[key]
        for start in cluster.first_token:
            for t in self.doc[max(0, start - 3):start]:
                if t.lower_ in MALE_WORDS:
                    return "m"
                if t.lower_ in FEMALE_WORDS:
                    return "f"
        given = {p[0] for p in cluster.parts if len(p) >= 2}
        if not given:
            given = {name_key(f) for f in cluster.forms if len(name_key(f).split()) == 1}  # "Melanie" alone
        if cluster.gaz is not None:
            given |= {name_parts(n)[0] for n in cluster.gaz.names if len(name_parts(n)) >= 2}
        if given & FEMALE_FIRST_NAMES and not given & MALE_FIRST_NAMES:
            return "f"
        if given & MALE_FIRST_NAMES and not given & FEMALE_FIRST_NAMES:
            return "m"
        return None

    def _mention_tokens(self, sentence: int) -> list[tuple[int, str]]:
        start = self._sent_start[sentence]
        end = self._sent_start[sentence + 1] if sentence + 1 < len(self._sent_start) else len(self.doc)
        return [(t, k) for t, k in self._mention_key.items() if start <= t < end]

    def _unnamed_people(self, sentence: int, before: int) -> list[Token]:
        """Common nouns for one person in a sentence, before token `before` ("the woman", "her boyfriend"), that
        are not in apposition with a name ("Ivanka Trump, the nominee's daughter")."""
        start = self._sent_start[sentence]
        end = min(before, self._sent_start[sentence + 1] if sentence + 1 < len(self._sent_start) else len(self.doc))
        return [t for t in self.doc[start:end] if t.pos_ == "NOUN" and t.tag_ == "NN" and t.i not in self._token_key
                and t.lemma_.lower() in PERSON_NOUNS | PEOPLE_NOUNS
                and not (t.dep_ == "appos" and t.head.i in self._token_key)
                and not any(c.dep_ == "appos" and c.i in self._token_key for c in t.children)]

    def _continues_chain(self, sentence: int, pronoun: Token) -> bool:
        """Whether a sentence's main subject is he or she like `pronoun` ("She then ...")."""
        start = self._sent_start[sentence]
        end = self._sent_start[sentence + 1] if sentence + 1 < len(self._sent_start) else len(self.doc)
        roots = [t for t in self.doc[start:end] if t.dep_ == "ROOT"]
        return any(c.dep_ in SUBJECT_DEPS and ({c.lower_, pronoun.lower_} <= MALE_PRONOUNS
                                               or {c.lower_, pronoun.lower_} <= FEMALE_PRONOUNS)
                   for r in roots for c in r.children)

    def _salience(self, i: int) -> int:
        """How likely a later pronoun points at the mention at token i: 3 for the subject of the main clause,
        2 for that subject's possessor ("Mr Campbell's e-mail suggested ..."), 1 for another subject, else 0."""
        token = self.doc[i]
        while token.dep_ in ("compound", "flat", "appos") and token.head.i != token.i:
            token = token.head
        possessor = token.dep_ == "poss"
        if possessor:
            token = token.head
        if token.dep_ not in SUBJECT_DEPS:
            return 0
        verb = token.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        main = verb.dep_ == "ROOT"
        return (2 if possessor else 3) if main else 0 if possessor else 1

    # ----------------------------------------------------------------- descriptions and groups
    def _describe(self, head: Token) -> tuple[str, str] | None:
        """ "A deputy Russian defense minister", "the Ukrainian president", "a spokesman for the Pentagon",
        "Ukrainian officials", "officials" (after Ukrainian officials were named)."""
        low = head.lower_
        lemma = head.lemma_.lower()
        if lemma not in TITLE_HEADS and low not in GROUP_NOUNS and lemma not in GROUP_NOUNS:
            return self._definite_person(head)
        left = [t for t in head.subtree if t.i < head.i and t.dep_ not in ("det", "punct", "case")]
        affiliation = self._affiliation(head)
        principal = self._principal(head)
        words = {_norm_word(t) for t in left if t.lower_ in TITLE_HEADS | TITLE_MODIFIERS
                 or (t.pos_ in ("ADJ", "NOUN") and t.i not in self._token_key and not self.gaz.is_demonym(t.text))}
        words.add(_norm_word(head))
        owner = self._owner(head) if lemma in DELEGATE_NOUNS else None
        if lemma in TITLE_HEADS and head.tag_ in ("NN", "NNP") and lemma not in ("official", "source"):
            person = self._person_with_title(words, owner or affiliation, head.i)
            if person:
                self.add_alias(person, _np_text(head))
                return person, "description"
        if owner and self.type_of(owner) != "Person":
            return owner, "group"  # "its spokesman", "the company's lawyers"
        if owner:  # "his lawyer", "Trump's spokesman": someone speaking for that person
            connector = "to" if lemma in ("aide", "adviser", "advisor") else "for"
            return self._delegate(head, connector, owner, self.doc[head.left_edge.i:head.i + 1]), "description"
        if principal and lemma in DELEGATE_NOUNS:
            key, prep = principal
            if self.type_of(key) == "Person":
                connector = "close to" if prep.head.lower_ == "close" else prep.lower_
                return self._delegate(head, connector, key, self.doc[head.left_edge.i:prep.right_edge.i + 1]), \
                    "description"
            return key, "group"
        if affiliation and (lemma in GROUP_NOUNS or low in GROUP_NOUNS or lemma in DELEGATE_NOUNS
                            or self._speaks_for(head, lemma, affiliation)):
            return affiliation, "group"
        if head.tag_ in ("NNS", "NNPS") and low in GROUP_NOUNS:
            for token, key in reversed(self._groups):
                if token < head.i and self._sent_of[head.i] - self._sent_of[token] <= PRONOUN_WINDOW:
                    return key, "group"
        return self._definite_person(head)

    def _definite_person(self, head: Token) -> tuple[str, str] | None:
        """ "the Labour MP for Birkenhead asked", "the businessman said": a definite description of one person
        that no title in the article matched refers back like "he" or "she" to the person in focus, unless the
        article gives that person other titles only ("the state attorney general" is not the campaign chairman
        named before)."""
        lemma = head.lemma_.lower()
        if head.tag_ not in ("NN", "NNP") or lemma not in TITLE_HEADS | PERSON_NOUNS or lemma in GROUP_NOUNS \
                or not any(t.dep_ == "det" and t.lower_ == "the" for t in head.lefts):
            return None
        gender = "m" if lemma in MALE_WORDS else "f" if lemma in FEMALE_WORDS else None
        word = _norm_word(head)

        def fits(key: str) -> bool:
            mine = [m for m in self.mentions if self._mention_key.get(m.start) == key]
            titles = [t.text.split() for m in mine for t in m.titles]
            titles += [[self.doc[m.end].text] for m in mine if m.end < len(self.doc)
                       and self.doc[m.end].lower_ in TITLE_HEADS]  # "Frank Field MP"
            return not titles or any(word in {_norm_word_text(w) for w in t} for t in titles)

        key = self._antecedent(head, {"Person"}, gender, fits)
        return (key, "pronoun") if key else None

    def _affiliation(self, head: Token) -> str | None:
        """The organisation or country in a noun phrase's modifiers: "Russia's", "Pentagon", "Ukrainian"."""
        for t in head.lefts:
            for x in t.subtree:
                if x.i in self._token_key and self.type_of(self._token_key[x.i]) != "Person":
                    return self._token_key[x.i]
                entry = self.gaz.demonym(x.text)
                if entry:
                    return self._gaz_key(entry)
        return None

    def _principal(self, head: Token) -> tuple[str, Token] | None:
        """Whom a delegate speaks for, and the preposition: "a spokesman for X", "an aide to X", "officials at
        X", "sources close to X"."""
        for t in head.rights:
            prep = t
            if t.lower_ == "close" and t.dep_ in ("amod", "acl", "advmod"):
                prep = next((x for x in t.children if x.lower_ == "to"), t)
            if prep.lower_ in ("for", "to", "at", "of", "in", "with") and prep.dep_ == "prep":
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    found = self.resolve(obj)
                    if found:
                        return found[0], prep
        return None

    def _speaks_for(self, head: Token, lemma: str, affiliation: str) -> bool:
        """Whether an unnamed title holder speaks for the organisation (or, in an office of state, the country)
        in the title: "a former DNC chairman", "Connecticut's tax commissioner", "an IMF economist" (not a
        party's "the Republican nominee", a person the article goes on to name)."""
        if lemma not in TITLE_HEADS or not any(
                (t.dep_ == "det" and t.lower_ in ("a", "an")) or t.dep_ == "poss" for t in head.lefts):
            return False
        cluster = self._clusters[affiliation]
        if cluster.type == "Organization":
            return not (cluster.gaz is not None and cluster.gaz.category == "political-party")
        return cluster.type == "Place" and lemma in STATE_TITLES

    def _owner(self, head: Token) -> str | None:
        """Whom a delegate noun belongs to by a possessive: "his lawyer", "Trump's spokesman", "its lawyers"."""
        for t in head.children:
            if t.dep_ == "poss":
                found = self.resolve(t)
                if found:
                    return found[0]
        return None

    def _delegate(self, head: Token, connector: str, principal: str, surface: Span) -> str:
        """An unnamed person speaking for a named one ("an aide to Zelensky", "his lawyer"): an entity of its
        own, labelled by the relation ("aide to Volodymyr Zelenskyy"), so the principal is not credited with
        the words."""
        noun = head.lemma_.lower() if head.tag_ == "NN" else head.lower_
        label = f"{noun} {connector} {self._label(self._clusters[principal])}"
        return self._described(label, "Person", surface, head.i)

    def _person_with_title(self, words: set[str], affiliation: str | None, near: int) -> str | None:
        """The person introduced in this article with a title containing `words` (and the same affiliation)."""
        candidates = []
        for m in self.mentions:
            if m.type != "Person" or m.start not in self._mention_key:
                continue
            for title in m.titles:
                title_words = {_norm_word_text(w) for w in title.text.split()}
                if not words <= title_words:
                    continue
                if affiliation:
                    role_aff = self.entity_of_token(title.affiliation) if title.affiliation is not None else None
                    if role_aff is not None and role_aff != affiliation:
                        continue
                candidates.append((abs(m.start - near), self._mention_key[m.start]))
        return min(candidates)[1] if candidates else None

    def _group_mentions(self) -> list[tuple[int, str]]:
        """Every "Ukrainian officials", "U.S. diplomats": plural group nouns with an affiliation, in order."""
        out = []
        for t in self.doc:
            if t.lower_ in GROUP_NOUNS and t.tag_ in ("NNS", "NNPS"):
                key = self._affiliation(t)
                if key:
                    out.append((t.i, key))
        return out


def _initials(name: str) -> str:
    """The capital initials of a name's words, connectors skipped: "World Travel and Tourism Council" -> "WTTC"."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'\u2019.-]*", name) if w[0].isupper())


def _final_key(c: _Cluster) -> str:
    if c.gaz:
        return c.key
    if c.key.startswith("Person:"):
        return c.key
    name = c.key.split(":", 1)[1]
    return f"{c.type}:{name}"


def _noun_gender(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    return "m" if lemma in MALE_WORDS else "f" if lemma in FEMALE_WORDS else None


def _quoted_tokens(span: Span) -> set[int]:
    """Tokens of `span` inside quotation marks opened within it."""
    inside, out = False, set()
    for t in span:
        if t.text in ("\u201c", "``"):
            inside = True
        elif t.text in ("\u201d", "''"):
            inside = False
        elif t.text == '"':
            inside = not inside
        elif inside:
            out.add(t.i)
    return out


def _placed(token: Token) -> bool:
    """A name that stands as a place: the object of "in"/"at"/"near", or of "for" after a title ("the MP for
    Birkenhead", "minister for Wales")."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and (prep.lower_ in ("in", "at", "near") or (
        prep.lower_ == "for" and prep.head.lemma_.lower() in TITLE_HEADS))


def _appositions(head: Token) -> list[Token]:
    """The names apposed to a noun phrase ("Russia's chief negotiator, Vladimir Medinsky"): each apposition's
    head and the words of its name, not other names inside it ("the book, Brown's Britain")."""
    return [x for t in head.children if t.dep_ == "appos"
            for x in (t, *(c for c in t.children if c.dep_ in ("compound", "flat")))]


def _norm_word(token: Token) -> str:
    return _norm_word_text(token.lemma_ if token.lower_ not in TITLE_ABBREVIATIONS else TITLE_ABBREVIATIONS[token.lower_])


def _norm_word_text(word: str) -> str:
    word = TITLE_ABBREVIATIONS.get(word.lower(), word).lower()
    word = SPELLING.get(word, word)
    return word[:-1] if word.endswith("s") and len(word) > 4 and not word.endswith("ss") else word


def _np_text(head: Token) -> str:
    """The noun phrase up to its head: "the Ukrainian president" (no relative clauses or appositions)."""
    left = [t for t in head.subtree if t.i <= head.i]
    start = left[0].i if left else head.i
    return head.doc[start:head.i + 1].text

