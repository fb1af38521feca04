"""Plain data passed between the stages: frozen, comparable with ==, picklable to worker processes.

spaCy objects never get here: the extraction stage turns them into these records before returning.
All character offsets are code points into `Article.text`, end exclusive, so `text[start:end]` slices back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntityType = Literal["Person", "Organization", "Place"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organization", "Place")


@dataclass(frozen=True)
class Article:
    """One news article as read from its source, before any language processing.

    `body_start`/`body_end` bound the part that is content: the headline before it and page furniture
    (a trailing "Related" block) after it are kept in `text` so offsets stay valid, but never analysed.
    `masked` lists further (start, end) spans inside the body that are furniture (bylines, photo credits).
    """

    text: str
    source: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    body_start: int = 0
    body_end: int = -1
    masked: tuple[tuple[int, int], ...] = ()

    @property
    def doc_id(self) -> str:
        """Short, content-derived identifier used in IRIs and file names."""
        return self.content_hash[:16]

    @property
    def body_stop(self) -> int:
        """`body_end` with -1 resolved to the end of the text."""
        return len(self.text) if self.body_end < 0 else self.body_end


@dataclass(frozen=True)
class Span:
    """A piece of the article text with its offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place in one article (or, after linking, in the corpus).

    `key` is the identity used for merging: a gazetteer id ("gz:russia") or the type and folded name.
    """

    key: str
    type: EntityType
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class TimeRef:
    """A time expression as written and, when it could be resolved, the ISO date it denotes."""

    expression: str
    date: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the sentence(s) it was read in, the rule that read it, and how sure it is."""

    sentence: Span
    rule: str
    confidence: float


@dataclass(frozen=True)
class Relation:
    """`subject predicate object`: the object is a statement, event, claim or proposal with its own text."""

    predicate: str
    subject: str
    object: Span
    evidence: Evidence
    cue: Span | None = None
    about: tuple[str, ...] = ()
    time: TimeRef | None = None
    place: str | None = None


@dataclass(frozen=True)
class Role:
    """A person's job title and, when the text gives it, the organisation or country it belongs to."""

    person: str
    title: str
    span: Span
    evidence: Evidence
    affiliation: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article; the unit that is cached and sent between processes."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    roles: tuple[Role, ...] = ()
