"""[Mention] -> EntityTable: which mentions of one article name one entity, made once and never changed.

Clustering joins a surname to the full name it shortens (the one mentioned closest before it), spelling
variants through the gazetteer, acronyms to the name whose initials they spell, short forms ("the Post") to the
organisation named before, and one name written twice to one entity whatever type NER gave each. What the
relation rules add later (names NER missed, campaigns, delegates, aliases) is kept apart, in
kg.entities.memory, and kg.entities.view reads the two together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

from spacy.tokens import Doc, Token

from kg.entities.names import initials, norm_word_text
from kg.entities.sentences import Sentences, index_sentences
from kg.gazetteer import Gazetteer, GazEntry, name_key
from kg.lexicon import (FEMALE_FIRST_NAMES, FEMALE_WORDS, GROUP_NOUNS, INFANT_WORDS, KINSHIP_WORDS, MALE_FIRST_NAMES,
                        MALE_WORDS, ORGANISATION_WORDS, TITLE_HEADS)
from kg.mentions import Mention, furniture_tokens, name_parts
from kg.model import EntityType

GENERIC_ORGANISATION_WORDS = ORGANISATION_WORDS | frozenset(
    "house court senate congress parliament assembly government administration cabinet times news".split())
"""Words too generic to stand alone for an organisation named earlier ("the House" is not "the White House")."""


@dataclass(frozen=True)
class Cluster:
    """One entity: its key, gazetteer entry, and every surface form with its span, type and first token (and the
    three words before it, which may tell a person's gender). `described` labels an entity known by a
    description ("Trump campaign"); `sure_types` are the types that come from a mention's context, not NER."""

    key: str
    gaz: GazEntry | None = None
    forms: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    types: tuple[EntityType, ...] = ()
    parts: frozenset[tuple[str, ...]] = frozenset()
    first_token: tuple[int, ...] = ()
    before: tuple[tuple[str, ...], ...] = ()
    described: str | None = None
    sure_types: tuple[EntityType, ...] = ()

    def added(self, text: str, span: tuple[int, int], etype: EntityType, token: int, before: tuple[str, ...],
              sure: bool = False) -> Cluster:
        """This entity with one more surface form (`sure`: its type comes from the context, not NER)."""
        parts = self.parts | {name_parts(text)} if etype == "Person" and name_parts(text) else self.parts
        return replace(self, forms=(*self.forms, text), spans=(*self.spans, span), types=(*self.types, etype),
                       parts=parts, first_token=(*self.first_token, token), before=(*self.before, before),
                       sure_types=(*self.sure_types, etype) if sure else self.sure_types)

    @cached_property
    def type(self) -> EntityType:
        """The gazetteer's type; else the commonest among the mentions whose context proves a type ("Ms", "firm
        Zed", "Bolton boss Sam Allardyce"); else a person when the entity was founded on a person's full name
        (NER often takes a surname alone for an organisation or a place), and an organisation when it was founded
        on an organisation's name of two or more words and only one-word forms were taken for a person; else the
        commonest, a person on a tie."""
        if self.gaz:
            return self.gaz.type
        if self.sure_types:
            return _commonest(self.sure_types)
        if len(self.key.split()) >= 2 and self.key.startswith("Person:") and "Person" in self.types:
            return "Person"
        if len(self.key.split()) >= 2 and self.key.startswith("Organization:") and all(
                len(f.split()) == 1 for f, t in zip(self.forms, self.types) if t == "Person"):
            return "Organization"  # "Bayline said" after "Bayline Ferries": NER took the short form for a person
        return _commonest(self.types)

    @cached_property
    def label(self) -> str:
        """The name shown for the entity: its description, the gazetteer's label, else its fullest form (a
        person) or its commonest form not in capitals (an organisation or place)."""
        if self.described:
            return self.described
        if self.gaz:
            return self.gaz.label
        if not self.forms:
            return self.key.split(":", 1)[1]
        forms = self.forms
        if self.type == "Person":
            return max(forms, key=lambda f: (len(name_parts(f)), forms.count(f), -forms.index(f)))
        return max(forms, key=lambda f: (not f.isupper(), forms.count(f), len(f), -forms.index(f)))

    @property
    def final_key(self) -> str:
        """The key the entity carries outside its article (its type settles only after clustering)."""
        if self.gaz or self.key.startswith("Person:"):
            return self.key
        return f"{self.type}:{self.key.split(':', 1)[1]}"

    @cached_property
    def gender(self) -> str | None:
        """The gender pronouns use for a person, when an honorific, a gendered title or kinship word just before
        a mention ("Mrs Maguire", "his father Giuseppe"), or a common given name tells it."""
        for words in self.before:
            for w in words:
                if w in MALE_WORDS:
                    return "m"
                if w in FEMALE_WORDS:
                    return "f"
        given = {p[0] for p in self.parts if len(p) >= 2}
        if not given:
            given = {name_key(f) for f in self.forms if len(name_key(f).split()) == 1}  # "Melanie" alone
        if self.gaz is not None:
            given |= {name_parts(n)[0] for n in self.gaz.names if len(name_parts(n)) >= 2}
        if given & FEMALE_FIRST_NAMES and not given & MALE_FIRST_NAMES:
            return "f"
        if given & MALE_FIRST_NAMES and not given & FEMALE_FIRST_NAMES:
            return "m"
        return None

    @cached_property
    def relative(self) -> bool:
        """Whether the article introduces the person as someone's relative ("daughter Chelsea Clinton")."""
        return any(w in KINSHIP_WORDS for words in self.before for w in words)

    @cached_property
    def infant(self) -> bool:
        """Whether the article introduces the person as a baby ("his newborn son Leo"): no one who acts."""
        return any(w in INFANT_WORDS for words in self.before for w in words)


def _commonest(types: tuple[EntityType, ...]) -> EntityType:
    """The most frequent type, a person on a tie, else the first written."""
    counts = Counter(types)
    return max(counts, key=lambda t: (counts[t], t == "Person", -types.index(t)))


def words_before(doc: Doc, token: int) -> tuple[str, ...]:
    """The lower-case words of the three tokens before `token` (where gender and infancy cues stand)."""
    return tuple(t.lower_ for t in doc[max(0, token - 3):token])


def nearest(clusters: list[Cluster], token: int) -> Cluster:
    """The cluster mentioned closest before `token` (or, failing that, closest after it)."""
    def distance(c: Cluster) -> tuple[int, int]:
        before = [token - t for t in c.first_token if t < token]
        after = [t - token for t in c.first_token if t > token]
        return (0, min(before)) if before else (1, min(after) if after else 10**9)
    return min(clusters, key=distance)


def affiliation(head: Token, token_key: Mapping[int, str], type_of: Callable[[str], EntityType],
                gaz: Gazetteer) -> str | None:
    """The organisation or country in a noun phrase's modifiers: "Russia's", "Pentagon", "Ukrainian"."""
    for t in head.lefts:
        for x in t.subtree:
            if x.i in token_key and type_of(token_key[x.i]) != "Person":
                return token_key[x.i]
            entry = gaz.demonym(x.text)
            if entry:
                return "gz:" + entry.id
    return None


@dataclass(frozen=True)
class Titled:
    """A person mention's title, for descriptions that name the person by it ("the Ukrainian president")."""

    token: int
    key: str
    words: frozenset[str]
    affiliation: int | None


@dataclass(frozen=True, eq=False)
class EntityTable:
    """What clustering made of one article's mentions, with the indexes resolution reads; never changed."""

    doc: Doc
    gaz: Gazetteer
    mentions: tuple[Mention, ...]
    clusters: Mapping[str, Cluster]
    token_key: Mapping[int, str]
    """The entity of every token inside a name."""
    mention_key: Mapping[int, str]
    """The entity of every mention, by its first token."""
    sentences: Sentences
    furniture: frozenset[int]
    """Tokens of headings and reporting credits (no name there becomes an entity)."""
    groups: tuple[tuple[int, str], ...]
    """Every "Ukrainian officials", "U.S. diplomats": plural group nouns with an affiliation, in order."""
    titled: tuple[Titled, ...]
    """The titles of person mentions, in order."""
    title_words: Mapping[str, tuple[frozenset[str], ...]]
    """Per entity, the words of every title written with its mentions (and "MP" after a name)."""

    @cached_property
    def demonyms(self) -> Mapping[int, str]:
        """The country (its entity key) of every nationality word of the article, by token."""
        return MappingProxyType(demonyms(self.doc, self.gaz))

    @cached_property
    def demonym_countries(self) -> frozenset[str]:
        """The gazetteer ids of the countries whose nationality words the article uses."""
        return frozenset(key[3:] for key in self.demonyms.values())


def demonyms(doc: Doc, gaz: Gazetteer) -> dict[int, str]:
    """The country (its entity key) of every nationality word of `doc`, by token ("Russian" -> gz:russia)."""
    return {t.i: "gz:" + e.id for t in doc if (e := gaz.demonym(t.text)) is not None}


def entity_table(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> EntityTable:
    """Cluster the mentions of one parsed article into its entity table."""
    made = _Clustering(doc, mentions, gaz)
    clusters, token_key = MappingProxyType(made.clusters), MappingProxyType(made.token_key)
    mention_key = MappingProxyType(made.mention_key)

    def type_of(key: str) -> EntityType:
        """The type of an entity of the table, or of a gazetteer entry no mention names."""
        return clusters[key].type if key in clusters else gaz.entries[key[3:]].type

    groups = tuple((t.i, key) for t in doc if t.lower_ in GROUP_NOUNS and t.tag_ in ("NNS", "NNPS")
                   and (key := affiliation(t, token_key, type_of, gaz)))
    titled = tuple(Titled(m.start, mention_key[m.start], frozenset(norm_word_text(w) for w in title.text.split()),
                          title.affiliation)
                   for m in mentions if m.type == "Person" and m.start in mention_key for title in m.titles)
    title_words: dict[str, list[frozenset[str]]] = {}
    for m in mentions:
        words = [t.text.split() for t in m.titles]
        if m.end < len(doc) and doc[m.end].lower_ in TITLE_HEADS:
            words.append([doc[m.end].text])  # "Frank Field MP"
        title_words.setdefault(mention_key[m.start], []).extend(frozenset(norm_word_text(w) for w in t) for t in words)
    return EntityTable(doc, gaz, tuple(mentions), clusters, token_key, mention_key,
                       index_sentences(doc, mention_key, token_key), frozenset(furniture_tokens(doc)), groups, titled,
                       MappingProxyType({k: tuple(v) for k, v in title_words.items()}))


class _Clustering:
    """The clustering of one article's mentions (see the module docstring); `clusters` holds the result."""

    def __init__(self, doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
        self.doc, self.gaz, self.mentions = doc, gaz, mentions
        self.clusters: dict[str, Cluster] = {}
        self.token_key: dict[int, str] = {}
        self.mention_key: dict[int, str] = {}
        self._countries: set[str] | None = None
        persons = [m for m in mentions if m.type == "Person" and not m.gaz_id and len(name_parts(m.text)) >= 2]
        singles = [m for m in mentions if not m.gaz_id and m not in persons]
        for m in (m for m in mentions if m.gaz_id):
            self._add(m, "gz:" + m.gaz_id, gaz.entries[m.gaz_id])
        for m in sorted(persons, key=lambda m: (-len(name_parts(m.text)), m.start)):
            parts = name_parts(m.text)
            self._add(m, self._compatible_person(parts) or "Person:" + " ".join(parts))
        for m in singles:
            self._add(m, self._single_key(m))

    def _add(self, m: Mention, key: str, entry: GazEntry | None = None) -> None:
        """Mention `m` as a form of the entity `key` (made, with gazetteer entry `entry`, if new)."""
        cluster = self.clusters.get(key)
        if cluster is None:
            cluster = Cluster(key, entry)
            if entry and entry.type == "Person":
                cluster = replace(cluster, parts=frozenset(name_parts(n) for n in (*entry.names, *entry.short_names)))
        self.clusters[key] = cluster.added(m.text, (m.start_char, m.end_char), m.type, m.start,
                                           words_before(self.doc, m.start), m.sure)
        self.mention_key[m.start] = key
        for i in range(m.start, m.end):
            self.token_key[i] = key

    def _persons(self) -> list[Cluster]:
        """The people clustered so far."""
        return [c for c in self.clusters.values() if c.type == "Person"]

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
                principal = [c for c in candidates if not c.relative]
                return nearest(principal or candidates, m.start).key
            if m.type == "Person":
                org = self._organisation_named(word)
                if org:
                    return org
                entry = self.gaz.short_name(m.text)
                if entry and self._country_in_article(entry):
                    self.clusters.setdefault("gz:" + entry.id, Cluster("gz:" + entry.id, entry))
                    return "gz:" + entry.id
        folded = name_key(m.text)
        if m.type == "Person":
            key = "Person:" + " ".join(parts or (folded,))
            return key if key in self.clusters else self._same_name(folded) or key
        return self._same_name(folded) or self._acronym_of(m) or self._short_form_of(m) or f"{m.type}:{folded}"

    def _same_name(self, folded: str) -> str | None:
        """The entity already written with exactly this name and unknown to the gazetteer, whatever type NER gave
        that mention: one name is one entity within an article."""
        same = [c for c in self.clusters.values() if not c.gaz and any(name_key(f) == folded for f in c.forms)]
        return same[0].key if same else None

    def _acronym_of(self, m: Mention) -> str | None:
        """The one organisation whose name's initials the acronym spells ("MEF" for "Mobile Entertainment
        Forum", "WTTC" for "World Travel and Tourism Council")."""
        if not (2 <= len(m.text) <= 8 and m.text.isalpha() and m.text.isupper()):
            return None
        hits = {c.key for c in self.clusters.values() if c.type == "Organization"
                and any(len(f.split()) >= 2 and initials(f) == m.text for f in c.forms)}
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
        for c in self.clusters.values():
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
            self._countries = {c.gaz.id for c in self.clusters.values() if c.gaz} | {
                key[3:] for key in demonyms(self.doc, self.gaz).values()}
            self._countries |= {self.gaz.entries[i].country for i in list(self._countries)
                                if i in self.gaz.entries and self.gaz.entries[i].country}
        return entry.country in self._countries

    def _organisation_named(self, word: str) -> str | None:
        """An organisation whose name starts with `word`: a lone "Altria" that NER took for a person is the
        "Altria Group" of the same article."""
        for c in sorted(self.clusters.values(), key=lambda c: c.key):
            if c.type == "Organization" and any(name_key(f).split()[:1] == [word] for f in c.forms):
                return c.key
        return None
