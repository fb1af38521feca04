"""Read files, folders and stdin into `Article`s: decode, find the headline, mark page furniture.

Supported: .txt/.text, .md/.markdown, .html/.htm, .jsonl (one article per line: text, title, url, published),
and "-" for standard input. A bad file yields a `Skipped` record instead of stopping the whole run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from kg.model import Article
from kg.outdir import MANIFEST, is_output_folder, is_own_output

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE", "AUTHORS"})
"""Files found in a folder that document the corpus rather than belong to it ("README.TXT" of a data set)."""

MAX_FILE_BYTES = 20_000_000
"""Larger files are refused: an article is never this long, and a JSONL corpus should be split."""

MAX_ARTICLE_CHARS = 10_000_000
"""Longer articles are refused with a message: even split into parts, they would take hours to build."""

PART_CHARS = 50_000
"""A longer article (twice the longest of 2,225 BBC articles) is built as parts of at most this many characters,
cut at paragraph breaks: kg's rules take more than linear time in an article's length, so a part's time is bounded."""

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
"""NUL (which C-string stores such as FalkorDB cannot hold) and half of a UTF-16 pair (which no UTF-8 output can
hold): a JSON string can escape either (`\\u0000`, `\\ud800`), and a NUL can follow a text file's first 8 KB."""


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, with the reason shown to the user."""

    source: str
    reason: str


def read_inputs(paths: Iterable[str], *, published: str | None = None, stdin: BinaryIO | None = None,
                follow_symlinks: bool = False, skip: Collection[Path] = ()) -> Iterator[Article | Skipped]:
    """Yield an `Article` (or a `Skipped`) for every article found under `paths`, in a stable order.

    kg never reads its own outputs back: folders in `skip` (the build's --out) and kg's output folders are passed
    over, as are the files kg wrote there when named. Symbolic links inside a folder that lead out of it are
    skipped with a reason unless `follow_symlinks` (see walk_folder)."""
    default_date = normalise_date(published) if published else None
    for raw in paths:
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _from_bytes(data, "<stdin>", None, default_date)
            continue
        path = Path(raw)
        if not path.exists():
            yield Skipped(raw, "broken symbolic link" if path.is_symlink() else "no such file or folder")
        elif path.is_dir():
            if is_output_folder(path):
                yield Skipped(raw, f"a folder kg wrote its outputs into ({MANIFEST}); kg does not read its outputs")
                continue
            files, passed_over = walk_folder(path, follow_symlinks=follow_symlinks, skip=skip)
            yield from passed_over
            if not files:
                yield Skipped(raw, "folder holds no articles (.txt .md .html .jsonl)")
            for file in files:
                if file.stem.upper() in NOT_ARTICLES:
                    yield Skipped(str(file), f"a {file.stem.upper()} file, not an article (name it to build it)")
                    continue
                yield from _from_file(file, default_date)
        elif is_own_output(path):
            yield Skipped(raw, "an output kg wrote (recorded in the folder's .kg-manifest.json), not an article")
        else:
            yield from _from_file(path, default_date)


def walk_folder(root: Path, *, follow_symlinks: bool = False,
                skip: Collection[Path] = ()) -> tuple[list[Path], list[Skipped]]:
    """The article files under `root` (a supported suffix, no hidden part), sorted, and what was passed over.

    Never entered: the folders in `skip` and kg's output folders. A symbolic link that leads outside `root` is
    skipped with a reason (an article folder from elsewhere must not make kg read, say, ~/.ssh into the graph)
    unless `follow_symlinks`; a link to a folder inside `root` is not entered (its files are read where they
    are), a broken link is reported. Every folder and file is read at most once, so link loops end."""
    real_root = Path(os.path.realpath(root))
    never = {Path(os.path.realpath(p)) for p in skip}
    found: list[tuple[Path, Path]] = []
    passed_over: list[Skipped] = []
    entered = {real_root}
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            passed_over.append(Skipped(str(folder), f"cannot read the folder: {e.strerror or e}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, real = Path(entry.path), Path(os.path.realpath(entry.path))
            link = entry.is_symlink()
            if link and not real.exists():
                passed_over.append(Skipped(str(path), "broken symbolic link"))
                continue
            if link and not follow_symlinks and not real.is_relative_to(real_root):
                passed_over.append(Skipped(str(path), "symbolic link to something outside the folder, not followed "
                                                      "(use --follow-symlinks to read it)"))
                continue
            if real.is_dir():
                if (link and not follow_symlinks) or real in never or is_output_folder(real):
                    continue
                if real in entered:
                    if link:
                        passed_over.append(Skipped(str(path), "symbolic link to a folder read already (a loop?)"))
                    continue
                entered.add(real)
                folders.append(path)
            elif real.is_file() and path.suffix.lower() in SUPPORTED:
                found.append((path, real))
    files: list[Path] = []
    read: set[Path] = set()
    for path, real in sorted(found):
        if real not in read:  # a file reached through links too is read once, under its first name
            read.add(real)
            files.append(path)
    return files, sorted(passed_over, key=lambda s: s.source)


def _from_file(path: Path, published: str | None) -> Iterator[Article | Skipped]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Skipped(str(path), f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Skipped(str(path), f"cannot read: {e.strerror or e}")
        return
    yield from _from_bytes(data, path.name, path.suffix.lower(), published)


def _from_bytes(data: bytes, source: str, suffix: str | None, published: str | None) -> Iterator[Article | Skipped]:
    text = decode(data, source)
    if isinstance(text, Skipped):
        yield text
        return
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(text, source, published)
        return
    if suffix in HTML_SUFFIXES or (suffix is None and _looks_like_html(text)):
        made = from_html(text, source=source, published=published)
    elif suffix in MARKDOWN_SUFFIXES:
        made = from_plain_text(markdown_to_text(text), source=source, published=published)
    else:
        made = from_plain_text(text, source=source, published=published)
    yield from in_parts(made)


def decode(data: bytes, source: str) -> str | Skipped:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252 with a warning; binary data is refused, and a
    NUL after the first 8 KB becomes U+FFFD."""
    sample = data[:8192]
    if b"\x00" in sample:
        return Skipped(source, "binary file (contains NUL bytes)")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.05:
        return Skipped(source, "binary file (mostly control bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        log.warning("%s: not valid UTF-8; decoded as Windows-1252", source)
    return _valid_unicode(text.replace("\r\n", "\n").replace("\r", "\n"))


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in text[:5000].lower() and "</p>" in text.lower())


def content_hash(text: str) -> str:
    """The article's identity: SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def from_plain_text(text: str, *, source: str, title: str | None = None, url: str | None = None,
                    published: str | None = None) -> Article | Skipped:
    """A plain-text article; a first line followed by a blank line is its headline."""
    if not text.strip():
        return Skipped(source, "empty article")
    if len(text) > MAX_ARTICLE_CHARS:
        return Skipped(source, f"article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    body_start = 0
    first = re.match(r"[ \t\n]*([^\n]+)\n[ \t]*\n", text)
    if title is None and first and len(first.group(1).strip()) <= 300 and text[first.end():].strip():
        title = first.group(1).strip()
        body_start = first.end(1)
    body_end, masked = find_furniture(text, body_start)
    return Article(text=text, source=source, content_hash=content_hash(text), title=title, url=url,
                   published=published, body_start=body_start, body_end=body_end, masked=masked)


def in_parts(item: Article | Skipped) -> Iterator[Article | Skipped]:
    """`item`, or for an article over PART_CHARS characters its parts, each an article of its own ("source part 2
    of 9", titled "headline (part 2 of 9)"), whose texts joined give the article's text."""
    limit = PART_CHARS
    if isinstance(item, Skipped) or len(item.text) <= limit:
        yield item
        return
    pieces = split_text(item.text, limit)
    n = len(pieces)
    title = item.title or item.source
    log.info("%s: %d characters, built in %d parts", item.source, len(item.text), n)
    for k, piece in enumerate(pieces, start=1):
        label = f"part {k} of {n}"
        headline = k == 1 and item.body_start > 0  # found again in the first part, and kept from spaCy as before
        part = from_plain_text(piece, source=f"{item.source} {label}", title=None if headline else f"{title} ({label})",
                               url=item.url, published=item.published)
        if isinstance(part, Article):
            yield replace(part, title=f"{title} ({label})") if headline else part


def split_text(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters that join back to it: after a paragraph break where
    there is one, else after a line break or a space, else at the limit."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((found + len(sep) for sep in ("\n\n", "\n", " ") if (found := window.rfind(sep)) > 0), limit)
        cut += start
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


# A line that opens the block of links, teasers and buttons that sites put after the article.
_TRAILER = re.compile(
    r"^[ \t]*(?:check also|related(?: articles| stories| coverage| content| news| posts| reading| topics| links)?|"
    r"read more|read also|also read|see also|more on this story|more from [^\n]{1,40}|you may also like|"
    r"you might also like|recommended(?: for you| stories| reading)?|most read|most popular|trending(?: now)?|"
    r"share(?: this)?(?: article| story| post)?|share on [^\n]{1,30}|tags|topics|comments|"
    r"leave a comment|sign up for [^\n]{1,60}|subscribe to [^\n]{1,60})[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE)
# Whole lines that are furniture wherever they stand: bylines, photo credits, ads, share buttons.
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:(?:by|written by|reporting by|words by)[ \t]+[A-Z][\w.'\u2019-]*(?:[ \t,]+(?:and[ \t]+)?"
    r"[A-Z][\w.'\u2019-]*){0,6}[ \t]*|"
    r"(?:photo|image|picture|video)(?: credit| copyright| caption)?s?[ \t]*[:/|][^\n]{0,200}|"
    r"image (?:copyright|caption)[^\n]{0,200}|"
    r"[^\n]{0,150}(?:getty images|ap photo|afp via getty|reuters/|/reuters|epa-efe|shutterstock|"
    r"/ap\b|\(ap\)$)[^\n]{0,60}|"
    r"\((?:reporting|writing|editing|additional reporting) by [^\n]{1,200}\)|"
    r"advertisement|share this (?:article|story)|click here to [^\n]{1,80}|"
    r"(?:updated|published|posted)[ \t]*:?[ \t]*[^\n]{0,40}\d{4}[^\n]{0,20})[ \t]*$",
    re.IGNORECASE | re.MULTILINE)


def find_furniture(text: str, body_start: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Where the trailing furniture block starts (-1 if none) and the furniture lines inside the body."""
    body_end = -1
    body_len = len(text) - body_start
    for m in _TRAILER.finditer(text, body_start):
        rest = len(text) - m.start()
        if m.start() > body_start and (rest <= 2000 or rest <= body_len / 3):
            body_end = m.start()
            break
    stop = len(text) if body_end < 0 else body_end
    masked = tuple((m.start(), m.end()) for m in _FURNITURE_LINE.finditer(text, body_start, stop)
                   if m.end() > m.start() and _standalone(text, m.start(), m.end()))
    return body_end, masked


def _standalone(text: str, start: int, end: int) -> bool:
    """A furniture line must be a paragraph of its own, not a line wrapped inside one."""
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    return (start == 0 or before.endswith("\n")) and (end == len(text) or after.startswith("\n"))


def markdown_to_text(md: str) -> str:
    """Reduce Markdown to plain text: keep link and emphasis text, drop markup, images and code fences."""
    text = re.sub(r"```.*?```", "", md, flags=re.DOTALL)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]+", "", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]{0,3}>[ \t]?", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text


def from_html(html: str, *, source: str, published: str | None = None) -> Article | Skipped:
    """An HTML page reduced to its article text by trafilatura (precision settings, no comments)."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(html, favor_precision=True, include_comments=False, include_tables=False,
                                      with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        return Skipped(source, "no article text found in the HTML page")
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    title = (doc.title or "").strip() or None
    text = "\n\n".join(paragraphs)
    if title and paragraphs and paragraphs[0] == title and len(paragraphs) > 1:
        text = "\n\n".join(paragraphs[1:])
    date_found = normalise_date(doc.date) if doc.date else None
    return from_plain_text(text, source=source, title=title, url=doc.url or None,
                           published=date_found or published)


def _from_jsonl(text: str, source: str, published: str | None) -> Iterator[Article | Skipped]:
    any_line = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skipped(where, f"not valid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Skipped(where, "a JSONL record needs a string field 'text'")
            continue
        when = record.get("published")
        try:
            day = normalise_date(str(when)) if when else published
        except ValueError:
            log.warning("%s: cannot read the date %r; using none", where, when)
            day = published
        title = record.get("title")
        url = record.get("url")
        yield from in_parts(from_plain_text(_valid_unicode(record["text"]).replace("\r\n", "\n"), source=where,
                                            title=_valid_unicode(title.strip()) if isinstance(title, str)
                                            and title.strip() else None,
                                            url=_valid_unicode(url) if isinstance(url, str) else None,
                                            published=day))
    if not any_line:
        yield Skipped(source, "empty JSONL file")


def _valid_unicode(value: str) -> str:
    """`value` with NULs and lone surrogates replaced by U+FFFD (same length, so offsets still hold)."""
    return UNSTORABLE.sub("\ufffd", value)


def normalise_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD) from an ISO date or timestamp or a written date; ValueError if unreadable."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    import dateparser  # lazily: slow to import, rarely needed

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise ValueError(f"cannot read {value!r} as a date")
    return parsed.date().isoformat()
