"""The gazetteer (ontology/gazetteer.ttl): known entities, their spellings, demonyms and Wikidata ids.

Entries are `kg:GazetteerEntry` nodes with a `kg:entityType` (not instances of kg:Person etc.): they describe
things an article may mention; only what an article mentions becomes an entity of the graph.

It is general knowledge (countries, cities, governments and their metonyms, international organisations,
media, heads of state); it fixes NER types and merges spelling variants, it holds no answers for any article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import RDFS, SKOS, Graph

from kg.errors import GraphError
from kg.model import EntityType
from kg.spec import KG, SCHEMA

GZ = "https://kg.example/gazetteer/"


@dataclass(frozen=True)
class GazEntry:
    """One known entity."""

    id: str
    type: EntityType
    label: str
    names: tuple[str, ...]
    short_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    category: str | None = None
    country: str | None = None
    wikidata: str | None = None


def fold(text: str) -> str:
    """Matching form of a name: no diacritics, straight apostrophes, "'s" joined to its word, no leading
    "the", single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\s+'s\b", "'s", text)  # "People 's Party" as some sources tokenise it
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    return " ".join(text.split())


def name_key(text: str) -> str:
    """Identity form of a name: folded, lower case, words of letters and digits only ("World Cross-Country
    Championships" and "World Cross Country Championships" are one name)."""
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", fold(text).lower()))


class Gazetteer:
    """Lookups over the gazetteer entries by name, short name and demonym."""

    def __init__(self, entries: list[GazEntry]) -> None:
        self.entries = {e.id: e for e in entries}
        self._names: dict[str, str] = {}
        self._lower: dict[str, set[str]] = {}
        self._short: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        for e in sorted(entries, key=lambda x: x.id):
            for name in e.names:
                self._names.setdefault(fold(name), e.id)
                self._lower.setdefault(fold(name).lower(), set()).add(e.id)
            for name in e.short_names:
                self._short.setdefault(fold(name), e.id)
            for name in e.demonyms:
                self._demonyms.setdefault(fold(name), e.id)

    def lookup(self, name: str) -> GazEntry | None:
        """The entry a full name or alias denotes: exact (folded) match, else a unique case-insensitive one."""
        key = fold(name)
        if key in self._names:
            return self.entries[self._names[key]]
        ids = self._lower.get(key.lower(), set())
        if len(ids) == 1 and len(key) > 3:
            return self.entries[next(iter(ids))]
        return None

    def short_name(self, name: str) -> GazEntry | None:
        """The person a bare surname denotes ("Putin"), if the gazetteer lists it as unambiguous."""
        entry_id = self._short.get(fold(name))
        return self.entries[entry_id] if entry_id else None

    def demonym(self, word: str) -> GazEntry | None:
        """The country or union a nationality word belongs to ("Russian" -> Russia)."""
        entry_id = self._demonyms.get(fold(word))
        return self.entries[entry_id] if entry_id else None

    def is_demonym(self, word: str) -> bool:
        return fold(word) in self._demonyms

    def patterns(self) -> list[dict[str, str]]:
        """EntityRuler patterns for every name, short name and plural demonym-free alias, with spaCy labels."""
        label = {"Person": "PERSON", "Organization": "ORG", "Place": "GPE"}
        out = []
        for e in sorted(self.entries.values(), key=lambda x: x.id):
            for name in sorted(set(e.names) | set(e.short_names)):
                out.append({"label": label[e.type], "pattern": name, "id": e.id})
        return out


def load(path: Path | None = None) -> Gazetteer:
    """Read the gazetteer Turtle file (the packaged one by default)."""
    if path is None:
        return _packaged()
    return _parse(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _packaged() -> Gazetteer:
    text = resources.files("kg.ontology").joinpath("gazetteer.ttl").read_text(encoding="utf-8")
    return _parse(text, "gazetteer.ttl")


def _parse(text: str, where: str) -> Gazetteer:
    g = Graph()
    try:
        g.parse(data=text, format="turtle")
    except Exception as e:  # rdflib raises many types for bad Turtle
        raise GraphError(f"{where}: not valid Turtle: {e}") from e
    types: dict[object, EntityType] = {KG.Person: "Person", KG.Organization: "Organization", KG.Place: "Place"}
    entries = []
    for subject, cls in sorted(g.subject_objects(KG.entityType)):
        if cls not in types or not str(subject).startswith(GZ):
            continue
        label = str(g.value(subject, RDFS.label))
        names = (label, *sorted(str(o) for o in g.objects(subject, SKOS.altLabel)))
        same = [str(o) for o in g.objects(subject, SCHEMA.sameAs) if "wikidata.org/entity/Q" in str(o)]
        country = g.value(subject, KG.country)
        category = g.value(subject, KG.category)
        entries.append(GazEntry(
            id=str(subject)[len(GZ):], type=types[cls], label=label, names=names,
            short_names=tuple(sorted(str(o) for o in g.objects(subject, KG.shortName))),
            demonyms=tuple(sorted(str(o) for o in g.objects(subject, KG.demonym))),
            category=str(category) if category else None,
            country=str(country)[len(GZ):] if country else None,
            wikidata=sorted(same)[0].rsplit("/", 1)[1] if same else None))
    return Gazetteer(entries)
