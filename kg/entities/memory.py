"""What the relation rules propose beside their findings, and the Memory of the proposals applied so far.

Resolving a noun phrase changes nothing: when its answer is an entity clustering did not make (a name NER missed,
"the Clinton campaign", "an aide to Zelensky"), or names one by a description to keep as an alias, it returns the
proposals that would make it so (`Resolved.proposes`). A rule puts them, with the speaker and statement facts
later rules read, into its finding; kg.relations.extract applies a finding's proposals as it arrives, in the
declared rule order, so a proposal whose finding never comes leaves nothing behind. `Memory.after` is the one
place they are applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from spacy.tokens import Span

from kg.entities.table import Cluster, EntityTable, words_before
from kg.gazetteer import name_key
from kg.mentions import name_parts
from kg.model import EntityType


@dataclass(frozen=True)
class NewEntity:
    """A surface form of an entity clustering did not make, under the key it gets (the same key again adds a
    form to that entity); `label` names an entity known by a description ("aide to Volodymyr Zelenskyy")."""

    key: str
    type: EntityType
    text: str
    span: tuple[int, int]
    token: int
    label: str | None = None

    @classmethod
    def named(cls, etype: EntityType, text: str, start: int, token: int) -> NewEntity:
        """A name NER missed, written at character `start` (token `token`), known by its text from then on."""
        name = " ".join(name_parts(text)) if etype == "Person" else ""
        return cls(f"{etype}:" + (name or name_key(text)), etype, text, (start, start + len(text)), token)

    @classmethod
    def described(cls, label: str, etype: EntityType, surface: Span, token: int) -> NewEntity:
        """An entity known by a description built from another one's name ("Clinton campaign", "aide to
        Volodymyr Zelenskyy"), with `surface` as written."""
        return cls(f"{etype}:" + name_key(label), etype, surface.text, (surface.start_char, surface.end_char), token,
                   label)


@dataclass(frozen=True)
class Alias:
    """Another name of an entity: the description that resolved to it ("the Ukrainian president")."""

    key: str
    text: str


@dataclass(frozen=True)
class Speaker:
    """Who spoke at token `token`, so that a later "he added" finds them; `person`: an organisation that spoke
    through one unnamed person ("a spokesman for the bank"), whom "he" or "she" may continue."""

    token: int
    key: str
    person: bool = False


@dataclass(frozen=True)
class Statement:
    """Who said the text [start, end): "I" or "we" inside it is that speaker, and what it denies or proposes is
    theirs."""

    start: int
    end: int
    key: str


Proposal = NewEntity | Alias | Speaker | Statement


@dataclass(frozen=True)
class Resolved:
    """What a noun phrase denotes: an entity key, how it was found (name, description, pronoun, group, or "it"
    for it/they), and the proposals the answer rests on."""

    key: str
    how: str
    proposes: tuple[Proposal, ...] = ()


@dataclass(frozen=True)
class Memory:
    """The proposals applied so far: entities added or extended (`clusters`, shadowing the table's), aliases,
    speakers in the order they spoke, and statements."""

    clusters: Mapping[str, Cluster] = field(default_factory=lambda: MappingProxyType({}))
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    speakers: tuple[tuple[int, str], ...] = ()
    spoken_through: frozenset[int] = frozenset()
    statements: tuple[tuple[int, int, str], ...] = ()

    def after(self, proposals: Iterable[Proposal], table: EntityTable) -> Memory:
        """This memory with `proposals` applied in order (a new Memory: this one does not change)."""
        clusters, aliases = dict(self.clusters), dict(self.aliases)
        speakers, through, statements = list(self.speakers), set(self.spoken_through), list(self.statements)
        for p in proposals:
            if isinstance(p, NewEntity):
                cluster = clusters.get(p.key) or table.clusters.get(p.key) or Cluster(p.key, described=p.label)
                clusters[p.key] = cluster.added(p.text, p.span, p.type, p.token, words_before(table.doc, p.token))
            elif isinstance(p, Alias):
                aliases[p.key] = (*aliases.get(p.key, ()), p.text)
            elif isinstance(p, Speaker):
                speakers.append((p.token, p.key))
                if p.person:
                    through.add(p.token)
            else:
                statements.append((p.start, p.end, p.key))
        return Memory(MappingProxyType(clusters), MappingProxyType(aliases), tuple(speakers), frozenset(through),
                      tuple(statements))
