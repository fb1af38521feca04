"""The joins kg left undone: corpus entities that look alike but stay apart, and why (`kg entities --merges`).

kg joins entities across articles only by the same key or by a bare surname that fits one person (kg.linking).
A user checking a corpus also wants to see the pairs it did not join that a reader might take for one thing,
to judge them: the same name given two types, people who share a surname, names that differ by a letter or
only in spacing and punctuation, and an acronym beside a name whose initials it is. Each candidate group is
found by grouping (never by comparing every pair), so this stays fast on tens of thousands of entities.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from kg.gazetteer import name_key
from kg.linking import Linking
from kg.mentions import name_parts
from kg.model import Entity

MIN_SPELLING_CHARS = 7
"""Names differing by one letter are reported only from this length on ("Zelensky"/"Zelenskyy", not "Li"/"Lu")."""
_STOPWORDS = frozenset({"of", "the", "and", "for", "de", "la", "du", "des", "der", "y", "&"})


@dataclass(frozen=True)
class Undone:
    """Corpus entities (`keys`, two or more) that were not joined, and why."""

    keys: tuple[str, ...]
    reason: str


def undone_joins(linking: Linking) -> list[Undone]:
    """Every group of corpus entities that look like one thing but were left apart, in a stable order."""
    entities = linking.corpus_entities()
    found = [*_same_name_other_type(entities), *_shared_surname(entities), *_spelling(entities),
             *_acronyms(entities)]
    return sorted(found, key=lambda u: u.keys)


def undone_rows(linking: Linking) -> list[dict[str, object]]:
    """One record per group left apart, as `kg entities --merges` lists them: the first entity's key, the others
    (`with`), the documents of all, and the reason naming each with its number of documents."""
    rows: list[dict[str, object]] = []
    for u in undone_joins(linking):
        names = ", ".join(f"{linking.entities[k].label} [{k}] ({len(linking.documents[k])} docs)" for k in u.keys)
        rows.append({"into": None, "label": None, "key": u.keys[0], "with": list(u.keys[1:]),
                     "documents": sorted({d for k in u.keys for d in linking.documents[k]}),
                     "reason": f"not joined: {names}: {u.reason}"})
    return rows


def _name(e: Entity) -> str:
    """The folded name of a corpus entity."""
    return name_key(e.label)


def _same_name_other_type(entities: list[Entity]) -> Iterator[Undone]:
    """The same name typed differently in different articles (a person and an organisation "Jordan")."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        groups[_name(e)].append(e)
    for name, group in sorted(groups.items()):
        types = sorted({e.type for e in group})
        if len(types) > 1:
            yield Undone(tuple(sorted(e.key for e in group)),
                         f"the same name is typed {' and '.join(types)}: kg joins entities of one type only")


def _shared_surname(entities: list[Entity]) -> Iterator[Undone]:
    """People named in full who share a surname: the same first name (another middle name) or other first
    names ("Bill" and "William"); kg joins full names only when they are the same."""
    groups: dict[str, list[tuple[tuple[str, ...], Entity]]] = defaultdict(list)
    for e in entities:
        parts = name_parts(e.label) if e.type == "Person" else ()
        if len(parts) >= 2:
            groups[parts[-1]].append((parts, e))
    for surname, group in sorted(groups.items()):
        if len(group) < 2:
            continue
        by_first: dict[str, list[Entity]] = defaultdict(list)
        for parts, e in group:
            by_first[parts[0]].append(e)
        same_first = [sorted(g, key=lambda e: e.key) for g in by_first.values() if len(g) > 1]
        for g in same_first:
            yield Undone(tuple(e.key for e in g), "same first name and surname, other middle names: kg joins full "
                                                  "names only when they are the same")
        if len(by_first) > 1:
            yield Undone(tuple(sorted(e.key for _, e in group)),
                         f"same surname ({surname}), other first names: kg joins full names only when they are "
                         "the same (a bare surname joins only when one person in the corpus has it)")


def _spelling(entities: list[Entity]) -> Iterator[Undone]:
    """Names that differ only in spacing and punctuation ("People 's"/"People's"), or by one letter in a name of
    at least MIN_SPELLING_CHARS characters ("Zelensky"/"Zelenskyy"), whatever types the articles gave them."""
    compact: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        compact[re.sub(r"[\W_]+", "", _name(e))].append(e)
    reported: set[frozenset[str]] = set()
    for letters, group in sorted(compact.items()):
        if letters and len({_name(e) for e in group}) > 1:
            keys = tuple(sorted(e.key for e in group))
            reported.add(frozenset(keys))
            yield Undone(keys, f"the names differ only in spacing or punctuation{_types(group)}: kg joins only the "
                               "same name (or gazetteer variants)")
    variants: dict[str, set[str]] = defaultdict(set)
    by_name: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        name = _name(e)
        if len(name) < MIN_SPELLING_CHARS:
            continue
        by_name[name].append(e)
        for i in range(len(name)):
            variants[name[:i] + name[i + 1:]].add(name)
        variants[name].add(name)
    pairs = {(a, b) for names in variants.values() for a in names for b in names if a < b and _one_edit(a, b)}
    for a, b in sorted(pairs):
        group = by_name[a] + by_name[b]
        keys = tuple(sorted(e.key for e in group))
        if frozenset(keys) not in reported:
            yield Undone(keys, f"the names differ by one letter{_types(group)}: kg joins only the same name (or "
                               "gazetteer variants)")


def _types(group: list[Entity]) -> str:
    """" and are typed Organization and Person" when the group's types differ, else nothing."""
    types = sorted({e.type for e in group})
    return f" and are typed {' and '.join(types)}" if len(types) > 1 else ""


def _one_edit(a: str, b: str) -> bool:
    """Whether one substitution, insertion or deletion turns `a` into `b`."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _acronyms(entities: list[Entity]) -> Iterator[Undone]:
    """An organisation or place written as an acronym ("NEP") beside one whose initials it is ("New Example
    Party"): kg joins an acronym to its expansion only where an article gives both."""
    initials: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in entities:
        words = [w for w in _name(e).split() if w not in _STOPWORDS]
        if e.type != "Person" and len(words) >= 2:
            initials[(e.type, "".join(w[0] for w in words))].append(e)
    for e in entities:
        letters = re.sub(r"[^A-Za-z]", "", e.label)
        if e.type != "Person" and 2 <= len(letters) <= 8 and letters.isupper() and " " not in e.label.strip():
            for full in sorted(initials.get((e.type, letters.lower()), []), key=lambda x: x.key):
                yield Undone((e.key, full.key), f"{e.label} may be the acronym of {full.label}: kg joins an acronym "
                                                "to its expansion only where an article gives both")
