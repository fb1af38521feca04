"""Entities: the entity table and the memory of applied proposals, read together and never changed.

This is what a relation rule sees of an article's entities (kg.relations.Context.entities): which entity a token
belongs to, an entity's type and label, a name looked up outside any sentence structure, who said a span. Every
method is a query; `adding` returns new Entities with proposals applied, for a resolution that must look at an
entity it is about to propose ("an aide to the Clinton campaign" asks the campaign's type).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from kg.entities.memory import Memory, Proposal
from kg.entities.table import Cluster, EntityTable, nearest
from kg.gazetteer import Gazetteer, name_key
from kg.mentions import Mention, name_parts
from kg.model import Entity, EntityType


@dataclass(frozen=True)
class Entities:
    """The entities of one article as the findings applied so far left them (see the module docstring)."""

    table: EntityTable
    memory: Memory = field(default_factory=Memory)

    @property
    def doc(self) -> Doc:
        """The parse of the article."""
        return self.table.doc

    @property
    def gaz(self) -> Gazetteer:
        """The gazetteer the article's names were looked up in."""
        return self.table.gaz

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """The article's entity mentions, in text order."""
        return self.table.mentions

    def adding(self, proposals: Iterable[Proposal]) -> Entities:
        """These entities with `proposals` applied (the same object when there are none)."""
        proposals = tuple(proposals)
        return replace(self, memory=self.memory.after(proposals, self.table)) if proposals else self

    def cluster(self, key: str) -> Cluster:
        """The entity `key`: as a rule extended it, as clustering made it, or a gazetteer entry no mention names
        (a country known from a nationality word)."""
        found = self.memory.clusters.get(key) or self.table.clusters.get(key)
        if found is None:
            found = Cluster(key, self.gaz.entries[key[3:]]) if key.startswith("gz:") else None
        if found is None:
            raise KeyError(key)
        return found

    def clusters(self) -> Iterator[Cluster]:
        """Every entity with a mention, those of clustering first, in the order they were made."""
        added = self.memory.clusters
        yield from (added.get(key, c) for key, c in self.table.clusters.items())
        yield from (c for key, c in added.items() if key not in self.table.clusters)

    def persons(self) -> list[Cluster]:
        """Every person with a mention."""
        return [c for c in self.clusters() if c.type == "Person"]

    def type_of(self, key: str) -> EntityType:
        """Person, Organization or Place."""
        return self.cluster(key).type

    def label(self, key: str) -> str:
        """The name shown for an entity."""
        return self.cluster(key).label

    def final_key(self, key: str) -> str:
        """The key an entity carries outside this article."""
        return self.cluster(key).final_key

    def entity_of_token(self, i: int) -> str | None:
        """The entity a token belongs to: inside a name, or a nationality word for its country."""
        return self.table.token_key.get(i) or self.table.demonyms.get(i)

    def named_in(self, start: int, end: int) -> set[str]:
        """The entities named by tokens [start, end) (nationality words only tell affiliation: they do not count)."""
        token_key, demonyms = self.table.token_key, self.table.demonyms
        return {token_key[i] for i in range(start, end) if i in token_key and i not in demonyms}

    def gazetteer_entity(self, entry_id: str) -> str:
        """A gazetteer entry as an entity of this article (a party named only by a tag, "(D-Wis.)")."""
        return "gz:" + self.gaz.entries[entry_id].id

    def country_of(self, key: str) -> str | None:
        """The country of a person the gazetteer knows, when the article names it or its nationality word."""
        entry = self.cluster(key).gaz
        if entry is None or entry.country is None or entry.country not in self.gaz.entries:
            return None
        if "gz:" + entry.country not in self.table.clusters and entry.country not in self.table.demonym_countries:
            return None
        return "gz:" + entry.country

    def by_name(self, text: str, start: int) -> str | None:
        """The entity a name written at `start` denotes, outside any sentence structure (a transcript's
        "PENCE:", a vox pop's "― Sonya Herridge"): the mention there, else a known name or surname in any
        case, else the gazetteer."""
        span = self.doc.char_span(start, start + len(text), alignment_mode="expand")
        keys = [self.table.token_key[t.i] for t in span or () if t.i in self.table.token_key]
        if keys:
            return keys[-1]
        wanted = name_key(text)
        for c in sorted(self.clusters(), key=lambda c: c.key):
            if any(name_key(f) == wanted for f in c.forms):
                return c.key
        parts = name_parts(text)
        if len(parts) == 1:
            candidates = [c for c in self.persons() if any(len(p) >= 2 and p[-1] == parts[0] for p in c.parts)]
            if candidates:
                return nearest(candidates, span.start if span is not None else 0).key
        entry = self.gaz.lookup(text) or self.gaz.short_name(text.title())
        return "gz:" + entry.id if entry else None

    def speaker_at(self, start: int, end: int) -> str | None:
        """Who said the statement containing [start, end), if a finding applied before says so."""
        best = [(e - s, who) for s, e, who in self.memory.statements if s <= start and end <= e]
        return min(best)[1] if best else None

    def entities(self, keep: set[str]) -> tuple[Entity, ...]:
        """Every entity mentioned, and those of `keep` (final keys the facts use) no mention names, with their
        canonical labels and surface forms."""
        keys = {*self.table.clusters, *self.memory.clusters}
        keys |= {k for k in keep if k.startswith("gz:")}
        out = []
        for key in sorted(keys):
            c = self.cluster(key)
            if not c.spans and c.final_key not in keep:
                continue
            forms = dict.fromkeys((*c.forms, *self.memory.aliases.get(key, ())))
            out.append(Entity(key=c.final_key, type=c.type, label=c.label, aliases=tuple(sorted(forms)),
                              wikidata=c.gaz.wikidata if c.gaz else None, mentions=tuple(sorted(c.spans))))
        return tuple(out)
