"""The per-article cache: what was extracted from an article, kept on disk so a rebuild parses only what changed.

An entry's key is a hash of the article (its text and everything read with it, but not the file name, so a
renamed file or a shifted JSONL line still hits) and of the extractor: kg's version, a digest of kg's own
code and vocabulary files, spaCy's version and the model's name and version. Editing a rule, the gazetteer or
the model therefore misses the cache instead of returning stale results. The graph is always rebuilt from the
current articles' extractions, so an article removed from the input leaves no trace in it.

Entries live in a diskcache store (SQLite plus files, safe for concurrent builds), bounded in size: the least
recently stored entries go first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sqlite3
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import spacy

from kg import __version__
from kg.errors import KGError
from kg.model import Article, Extraction
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


class ExtractionCache:
    """Extractions on disk, keyed by article and extractor; the article itself is not stored twice."""

    def __init__(self, directory: Path, extractor: str) -> None:
        from diskcache import Cache

        self.directory = directory
        self.extractor = extractor
        self.writable = True
        try:
            self._store = Cache(str(directory), size_limit=SIZE_LIMIT)
        except (OSError, sqlite3.Error) as e:
            raise KGError(f"cannot use the cache folder {directory}: {e}; pass --cache DIR or --no-cache") from e

    def get(self, article: Article) -> Extraction | None:
        """The stored extraction of `article` (with this very `Article`, file name included), or None."""
        key = article_key(article, self.extractor)
        try:
            parts = self._store.get(key)
        except (OSError, sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as e:
            log.warning("cache entry for %s is unreadable (%s); parsing it again", article.source, e)
            return None
        if parts is None:
            return None
        entities, relations, roles = parts
        return Extraction(article, entities, relations, roles)

    def put(self, extraction: Extraction) -> None:
        """Store one article's extraction; a full or read-only disk only costs the speed-up, with one warning."""
        if not self.writable:
            return
        x = extraction
        try:
            self._store.set(article_key(x.article, self.extractor), (x.entities, x.relations, x.roles))
        except (OSError, sqlite3.Error) as e:
            self.writable = False
            log.warning("cannot write to the cache %s (%s); this build goes on without it", self.directory, e)

    def close(self) -> None:
        """Release the store's database connection."""
        self._store.close()
