"""The per-article cache: what was extracted from an article, kept on disk so a rebuild parses only what changed.

An entry's key is a hash of the article (its text and everything read with it, but not the file name, so a
renamed file or a shifted JSONL line still hits) and of the extractor: kg's version, a digest of kg's own
code and vocabulary files, spaCy's version and the model's name and version. Editing a rule, the gazetteer or
the model therefore misses the cache instead of returning stale results. The graph is always rebuilt from the
current articles' extractions, so an article removed from the input leaves no trace in it.

Entries live in a diskcache store (SQLite, safe for concurrent builds), bounded in size: the least recently
stored entries go first. An entry is plain data: MessagePack of the frozen dataclasses with a schema name and
version, decoded by msgspec against their types. Reading one never runs code (diskcache would unpickle, and
would open or delete any file its database names: `PlainDisk` refuses both), and an entry that does not decode
is a cache miss with a warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import msgspec
import spacy
from diskcache import UNKNOWN, Cache, Disk
from diskcache.core import MODE_RAW

from kg import __version__
from kg.errors import KGError
from kg.model import Article, Entity, Extraction, Relation, Role
from kg.nlp import model_version

log = logging.getLogger(__name__)

SIZE_LIMIT = 2**30
"""Bytes the cache may hold (1 GiB; a year of news takes well under a tenth of it)."""


def default_directory() -> Path:
    """Where the cache lives unless told otherwise: `$KG_CACHE_DIR`, else the user's cache folder."""
    from platformdirs import user_cache_path

    env = os.environ.get("KG_CACHE_DIR")
    return Path(env) if env else user_cache_path("kg") / "extractions"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over kg's Python modules and vocabulary files: any change to a rule or the gazetteer changes it."""
    digest = hashlib.sha256()
    for package in ("kg", "kg.ontology"):
        root = resources.files(package)
        for name, file in sorted(_files(root), key=lambda item: item[0]):
            digest.update(f"{package}/{name}\x00".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _files(root: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    """(relative name, file) for every .py and .ttl file under a package folder, recursively."""
    out: list[tuple[str, Traversable]] = []
    for item in root.iterdir():
        name = f"{prefix}{item.name}"
        if item.is_dir() and item.name != "__pycache__":
            out.extend(_files(item, name + "/"))
        elif item.is_file() and item.name.endswith((".py", ".ttl")):
            out.append((name, item))
    return out


def fingerprint(model: str) -> str:
    """Identity of the extractor: kg's version and code, spaCy's version, the model. Cheap: nothing is loaded."""
    return f"kg {__version__} {code_digest()[:16]} spacy {spacy.__version__} {model_version(model)}"


def article_key(article: Article, extractor: str) -> str:
    """The cache key of one article under one extractor fingerprint."""
    fields = asdict(article)
    del fields["source"]
    data = json.dumps([extractor, fields], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


SCHEMA = "kg-extraction"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """What the cache holds for one article: its extraction less the article (which the key stands for)."""

    schema: str
    version: int
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    roles: tuple[Role, ...]


def encode(x: Extraction) -> bytes:
    """An extraction's cache entry: MessagePack of its entities, relations and roles, with the schema."""
    return msgspec.msgpack.encode(Entry(SCHEMA, SCHEMA_VERSION, x.entities, x.relations, x.roles))


def decode(data: bytes, article: Article) -> Extraction:
    """The extraction of `article` from its cache entry; ValueError (msgspec.DecodeError) unless the entry is
    exactly this schema's plain data, each field of its declared type."""
    entry = msgspec.msgpack.decode(data, type=Entry)
    if (entry.schema, entry.version) != (SCHEMA, SCHEMA_VERSION):
        raise ValueError(f"schema {entry.schema!r} version {entry.version}, not {SCHEMA!r} {SCHEMA_VERSION}")
    return Extraction(article, entry.entities, entry.relations, entry.roles)


class UnsafeEntry(ValueError):
    """A cache row that is not plain bytes in the database (pickled, or naming a file): never read."""


class PlainDisk(Disk):
    """diskcache's storage reduced to bytes held in the database itself.

    diskcache unpickles rows marked as pickles and opens (and, when evicting, deletes) the files rows name, so a
    planted row could run code or reach any file; these rows are refused instead."""

    def store(self, value: object, read: bool, key: object = UNKNOWN) -> tuple[int, int, None, sqlite3.Binary]:
        """Keep `value` (bytes) in the database row, whatever its size."""
        if type(value) is not bytes or read:
            raise TypeError("the extraction cache stores bytes only")
        return 0, MODE_RAW, None, sqlite3.Binary(value)

    def fetch(self, mode: int, filename: str | None, value: object, read: bool) -> bytes:
        """The row's bytes; UnsafeEntry for anything else."""
        if mode != MODE_RAW or filename is not None or type(value) is not bytes or read:
            raise UnsafeEntry("not plain data")
        return value

    def get(self, key: object, raw: bool) -> object:
        """A stored key, when it is plain (kg's keys are hex strings); UnsafeEntry for a pickled one."""
        if not raw:
            raise UnsafeEntry("a pickled key")
        return super().get(key, raw)

    def remove(self, file_path: str) -> None:
        """Nothing: kg's rows name no file, so a file name in the database was planted and is left alone."""
        log.warning("the cache names a file (%r) it never wrote; not removing it", file_path)


class ExtractionCache:
    """Extractions on disk, keyed by article and extractor; the article itself is not stored twice."""

    def __init__(self, directory: Path, extractor: str) -> None:
        self.directory = directory
        self.extractor = extractor
        self.writable = True
        try:
            self._store = Cache(str(directory), size_limit=SIZE_LIMIT, disk=PlainDisk)
        except (OSError, sqlite3.Error) as e:
            raise KGError(f"cannot use the cache folder {directory}: {e}; pass --cache DIR or --no-cache") from e

    def get(self, article: Article) -> Extraction | None:
        """The stored extraction of `article` (with this very `Article`, file name included), or None."""
        key = article_key(article, self.extractor)
        try:
            data = self._store.get(key)
            return None if data is None else decode(data, article)
        except (OSError, sqlite3.Error, ValueError) as e:  # msgspec.DecodeError is a ValueError
            log.warning("cache entry for %s is unreadable (%s); parsing it again", article.source, e)
            return None

    def put(self, extraction: Extraction) -> None:
        """Store one article's extraction; a full or read-only disk only costs the speed-up, with one warning."""
        if not self.writable:
            return
        x = extraction
        try:
            self._store.set(article_key(x.article, self.extractor), encode(x))
        except (OSError, sqlite3.Error) as e:
            self.writable = False
            log.warning("cannot write to the cache %s (%s); this build goes on without it", self.directory, e)

    def close(self) -> None:
        """Release the store's database connection."""
        self._store.close()
