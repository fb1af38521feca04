"""Entities across articles: one node per real-world thing, joined by explicit, conservative rules.

Within an article, clustering (kg.entities) gives every entity a key: "gz:<gazetteer id>", "Person:<folded full
name>", "Person:<surname>" when only a surname was written, "Organization:<folded name>", "Place:<folded name>".
Across articles:

- the same key is the same entity (the same gazetteer id, or the same full name and type);
- a bare surname ("Person:trump") joins the one person in the corpus whose full name ends in it
  ("Person:donald trump"), and only when there is exactly one: a surname shared by two people stays apart;
- nothing else is merged (no fuzzy matching, no first names, no organisations by word overlap).

Every join is recorded as a `Merge` with its reason, and every refused one as an `Ambiguity`, so a user can
check them (`kg entities --merges`). The result does not depend on the order of the articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.graph import Minter
from kg.mentions import name_parts
from kg.model import Entity, EntityType, Extraction


@dataclass(frozen=True)
class Merge:
    """Entity `key` (as found in `documents`) is part of corpus entity `into`, for `reason`."""

    key: str
    into: str
    reason: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Ambiguity:
    """A bare surname left apart because several people in the corpus carry it."""

    key: str
    candidates: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Linking:
    """The corpus entities, indexed by every article-level key that denotes them, and how they were joined.

    `merges` holds a record for every article key that joins a corpus entity in more than one document or
    under another key; `documents` lists, per corpus key, the documents (ids) that mention it under any key.
    """

    entities: dict[str, Entity]
    documents: dict[str, tuple[str, ...]]
    merges: tuple[Merge, ...]
    ambiguities: tuple[Ambiguity, ...]

    def corpus_entities(self) -> list[Entity]:
        """Each corpus entity once, in key order."""
        return sorted({e.key: e for e in self.entities.values()}.values(), key=lambda e: e.key)


def _majority_type(found: list[Entity]) -> EntityType:
    """The type most articles give an entity (ties: the first in A-Z order), so the result is order-free."""
    counts = Counter(e.type for e in found)
    return min(counts, key=lambda t: (-counts[t], t))


def surname_of(key: str, entity: Entity) -> str | None:
    """The last name of a person named with at least two name parts ("Person:donald trump" -> "trump")."""
    if entity.type != "Person":
        return None
    parts = name_parts(entity.label if key.startswith("gz:") else key.split(":", 1)[1])
    return parts[-1] if len(parts) >= 2 else None


def _bare_surname(key: str, entity: Entity) -> str | None:
    """The one name of a person written with a single name ("Person:trump" -> "trump")."""
    name = key.split(":", 1)[1]
    if entity.type != "Person" or not key.startswith("Person:") or not name or " " in name:
        return None
    return name


def _same_key_reason(key: str, entity: Entity) -> str:
    if key.startswith("gz:"):
        return f"same gazetteer entry ({entity.wikidata})" if entity.wikidata else "same gazetteer entry"
    return "same full name" if entity.type == "Person" else f"same {entity.type.lower()} name"


def _label(key: str, found: list[Entity]) -> str:
    """The gazetteer's name; else the name with most name parts, then the commonest, the longest, A-Z."""
    if key.startswith("gz:"):
        return found[0].label
    counts = Counter(e.label for e in found)
    person = found[0].type == "Person"
    return min(counts, key=lambda s: (-len(name_parts(s)) if person else 0, -counts[s], -len(s), s))


def _corpus_entity(key: str, own: list[Entity], joined: list[Entity]) -> Entity:
    """One corpus entity from the article entities under its own key and those joined to it."""
    return Entity(key=key, type=_majority_type(own), label=_label(key, own),
                  aliases=tuple(sorted({a for e in own + joined for a in e.aliases})),
                  wikidata=min((e.wikidata for e in own if e.wikidata), default=None))


def link(extractions: Iterable[Extraction]) -> Linking:
    """Join the entities of all articles into corpus entities and record every join and refusal."""
    by_key: dict[str, list[Entity]] = defaultdict(list)
    docs: dict[str, set[str]] = defaultdict(set)
    for x in extractions:
        for e in x.entities:
            by_key[e.key].append(e)
            docs[e.key].add(x.article.doc_id)
    own = {key: _corpus_entity(key, found, []) for key, found in sorted(by_key.items())}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, e in own.items():
        surname = surname_of(key, e)
        if surname:
            by_surname[surname].append(key)

    into: dict[str, str] = {}
    merges: list[Merge] = []
    ambiguities: list[Ambiguity] = []
    for key, e in own.items():
        found_in = tuple(sorted(docs[key]))
        surname = _bare_surname(key, e)
        candidates = by_surname.get(surname, []) if surname else []
        if len(candidates) == 1:
            into[key] = target = candidates[0]
            reason = f"surname of {own[target].label}, the only person so named in the corpus"
            merges.append(Merge(key, target, reason, found_in))
            continue
        into[key] = key
        if len(candidates) > 1:
            ambiguities.append(Ambiguity(key, tuple(candidates), found_in))
        if len(found_in) > 1:
            merges.append(Merge(key, key, _same_key_reason(key, e), found_in))

    joined: dict[str, list[Entity]] = defaultdict(list)
    documents: dict[str, set[str]] = defaultdict(set)
    for key, target in into.items():
        documents[target] |= docs[key]
        if key != target:
            joined[target].extend(by_key[key])
    corpus = {key: _corpus_entity(key, by_key[key], joined[key]) if joined[key] else own[key]
              for key in own if into[key] == key}
    return Linking(entities={key: corpus[target] for key, target in into.items()},
                   documents={key: tuple(sorted(d)) for key, d in sorted(documents.items())},
                   merges=tuple(merges), ambiguities=tuple(ambiguities))


def entity_rows(linking: Linking, minter: Minter) -> list[dict[str, object]]:
    """One record per corpus entity, most documents first: what `kg entities` shows."""
    rows = [{"iri": str(minter.entity(e)), "key": e.key, "type": e.type, "label": e.label,
             "documents": len(linking.documents[e.key]), "wikidata": e.wikidata, "aliases": list(e.aliases)}
            for e in linking.corpus_entities()]
    return sorted(rows, key=lambda r: (-r["documents"], r["label"], r["key"]))  # type: ignore[operator]


def merge_rows(linking: Linking, minter: Minter) -> list[dict[str, object]]:
    """One record per join (an article key into a corpus entity), per refused join (a shared bare surname) and per
    group of look-alike entities left apart (kg.unjoined), grouped by entity."""
    rows: list[dict[str, object]] = []
    for m in sorted(linking.merges, key=lambda m: (m.into, m.key != m.into, m.key)):
        entity = linking.entities[m.into]
        rows.append({"into": str(minter.entity(entity)), "label": entity.label, "key": m.key, "reason": m.reason,
                     "documents": list(m.documents)})
    for a in linking.ambiguities:
        rows.append({"into": None, "label": None, "key": a.key, "with": list(a.candidates),
                     "documents": list(a.documents),
                     "reason": f"not merged: {len(a.candidates)} people are so named ("
                               + ", ".join(linking.entities[c].label for c in a.candidates) + ")"})
    from kg.unjoined import undone_rows  # the near misses: kg.unjoined builds on this module

    return rows + undone_rows(linking)


def format_entities(rows: list[dict[str, object]]) -> str:
    """The entity records as an aligned table."""
    lines = [f"{'docs':>5}  {'type':<12}  {'label':<40}  iri"]
    lines += [f"{r['documents']:>5}  {r['type']:<12}  {r['label']!s:<40}  {r['iri']}" for r in rows]
    return "\n".join(lines)


def format_merges(rows: list[dict[str, object]]) -> str:
    """The join records under the entity each joins, then the refused joins."""
    lines: list[str] = []
    current: object = ()  # no row's `into`: the first row always opens its group
    for r in rows:
        if r["into"] != current:
            current = r["into"]
            lines.append(f"{r['label']}  <{r['into']}>" if current else "left apart:")
        lines.append(f"  {r['key']}  ({len(r['documents'])} docs): {r['reason']}")  # type: ignore[arg-type]
    return "\n".join(lines) if lines else "no entity occurs in more than one article"
