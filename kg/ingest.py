"""Read files, folders and stdin into `Article`s: decode, find the headline and date line, mark page furniture.

Supported: .txt/.text, .md/.markdown, .html/.htm, .jsonl (one article per line: text, title, url, published),
.pdf (its text layer), .docx, and "-" for standard input (a PDF or .docx there is recognised by its first
bytes). A bad file yields a `Skipped` record instead of stopping the whole run.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.model import Article
from kg.outdir import MANIFEST, is_output_folder, is_own_output

if TYPE_CHECKING:
    from kg.documents import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
READS = ".txt .md .html .jsonl .pdf .docx"
"""The formats named in messages (each also has the other spellings above)."""

NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE", "AUTHORS"})
"""Files found in a folder that document the corpus rather than belong to it ("README.TXT" of a data set)."""

MAX_FILE_BYTES = 20_000_000
"""Larger files are refused: an article is never this long, and a JSONL corpus should be split."""
MAX_DOCUMENT_BYTES = 200_000_000
"""The same for a PDF or .docx, whose pictures and fonts take room the text does not (kg.documents bounds what
is decompressed and read inside them)."""

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
    """An input that could not be used, with the reason shown to the user; `count`: how many inputs it stands for
    (the bad lines of a JSONL file past the first few are one Skipped)."""

    source: str
    reason: str
    count: int = 1


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
                yield Skipped(raw, f"folder holds no articles ({READS})")
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
    suffix = path.suffix.lower()
    if suffix and suffix not in SUPPORTED:
        yield Skipped(str(path), f"unsupported format {suffix} (kg reads {READS})")
        return
    try:
        size = path.stat().st_size
        limit = MAX_DOCUMENT_BYTES if suffix in PDF_SUFFIXES | DOCX_SUFFIXES else MAX_FILE_BYTES
        if size > limit:
            yield Skipped(str(path), f"file is {size:,} bytes; the limit is {limit:,}")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Skipped(str(path), f"cannot read: {e.strerror or e}")
        return
    yield from _from_bytes(data, path.name, suffix or None, published)


def _from_bytes(data: bytes, source: str, suffix: str | None, published: str | None) -> Iterator[Article | Skipped]:
    """The articles in one file's bytes; `suffix` None (standard input, a file without extension) means the
    format is told by the first bytes: a PDF, a zip (a .docx), else text."""
    from kg.documents import PDF_MAGIC, ZIP_MAGIC, read_docx, read_pdf

    if suffix in PDF_SUFFIXES or (suffix is None and PDF_MAGIC in data[:1024]):
        yield from in_parts(from_document(read_pdf, data, source=source, published=published))
        return
    if suffix in DOCX_SUFFIXES or (suffix is None and data.startswith(ZIP_MAGIC)):
        yield from in_parts(from_document(read_docx, data, source=source, published=published))
        return
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
        made = from_plain_text(markdown_to_text(text), source=source, default_date=published)
    else:
        made = from_plain_text(text, source=source, default_date=published)
    yield from in_parts(made)


def from_document(read: Callable[[bytes], Document], data: bytes, *, source: str,
                  published: str | None = None) -> Article | Skipped:
    """A PDF or .docx article (`read` is kg.documents.read_pdf or read_docx): its text as a plain-text article,
    titled by the file's metadata title when it has one, dated by a date line in the text, else by the file's
    creation date, else by `published`."""
    from kg.documents import Unreadable

    try:
        document = read(data)
    except Unreadable as e:
        return Skipped(source, str(e))
    made = from_plain_text(_valid_unicode(document.text), source=source,
                           default_date=document.created or published)
    return replace(made, title=document.title) if isinstance(made, Article) and document.title else made


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
              (codecs.BOM_UTF16_BE, "utf-16"))
"""Byte-order marks of the wide encodings (UTF-32's first: its little-endian mark starts like UTF-16's)."""


def decode(data: bytes, source: str) -> str | Skipped:
    """Bytes to text: UTF-16 or UTF-32 when a byte-order mark says so, else UTF-8 (with or without BOM), else
    Windows-1252 with a warning; binary data is refused, and a NUL after the first 8 KB becomes U+FFFD."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                data = data.decode(codec).encode("utf-8")
            except UnicodeDecodeError as e:
                return Skipped(source, f"not valid {codec.upper()} (bad bytes at {e.start:,})")
            break
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
                    published: str | None = None, default_date: str | None = None) -> Article | Skipped:
    """A plain-text article. Its header is a first line followed by a blank line or by a date line (the
    headline; not when `title` is given), then any date lines and bylines: the header is never analysed, and its
    first date line sets the publication date unless `published` (a date the source's metadata gives) is
    known. `default_date` (--published) dates an article that gives no date of its own."""
    if not text.strip():
        return Skipped(source, "empty article")
    if len(text) > MAX_ARTICLE_CHARS:
        return Skipped(source, f"article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    headline, body_start, dated = read_header(text, headline=title is None)
    body_end, masked = find_furniture(text, body_start)
    return Article(text=text, source=source, content_hash=content_hash(text), title=title or headline, url=url,
                   published=published or dated or default_date, body_start=body_start, body_end=body_end,
                   masked=masked)


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


_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME = (r"(?:\d{1,2}(?:[:.]\d{2}){0,2}[ \t]*+[ap]\.?m\.?|\d{1,2}(?:[:.]\d{2}){1,2}(?:[ \t]*+h(?:rs)?)?)"
         r"(?:[ \t]*+(?:(?:utc|gmt)(?:[ \t]*+[+-][ \t]*+\d{1,2}(?::?\d{2})?)?|[a-z]{2,4}t|\([a-z]{2,5}\)))?")


def _date_core(named: bool) -> str:
    """A written date: "July 21, 2017", "21 July 2017", "2017-07-21", "21/07/2017" (groups named when `named`)."""
    def g(name: str, pattern: str) -> str:
        return f"(?P<{name}>{pattern})" if named else f"(?:{pattern})"
    year, number = r"\d{4}", r"\d{1,2}"
    return (rf"(?:{g('m1', _MONTH)}[ \t]++{g('d1', _DAY)},?[ \t]++{g('y1', year)}"
            rf"|{g('d2', _DAY)}[ \t]++(?:of[ \t]++)?{g('m2', _MONTH)},?[ \t]++{g('y2', year)}"
            rf"|{g('y3', year)}-{g('m3', number)}-{g('d3', number)}"
            r"(?:t\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?)?"
            rf"|{g('a4', number)}[/.]{g('b4', number)}[/.]{g('y4', year)}"
            rf"|{g('y5', year)}/{g('m5', number)}/{g('d5', number)})")


_DATE_LABEL = (r"(?:(?:(?:last|first)[ \t]++)?(?:updated|published|posted|modified|created)|dated?|as[ \t]++of)"
               r"(?:[ \t]++on)?(?:[ \t]*+[:\-\u2013\u2014][ \t]*+|[ \t]++)")


def _after(separators: str) -> str:
    """Spaces, or one of `separators` with optional spaces around it. Runs of spaces in these patterns are
    possessive (`*+`, `++`: never given back), so a failing match cannot try every way of splitting a long run."""
    return rf"(?:[ \t]*+(?:{separators})[ \t]*+|[ \t]++)"


_BEFORE_DATE = _after(r",|on|-|\u2013|\u2014|\|")
_BEFORE_TIME = _after(r",|at|-|\u2013|\u2014|\||\u00b7|\u2022")
_DATE_ENTRY = (rf"(?:{_DATE_LABEL})?(?:{_WEEKDAY},?[ \t]++)?(?:{_TIME}{_BEFORE_DATE})?"
               rf"(?:{_WEEKDAY},?[ \t]++)?{_date_core(False)}(?:{_BEFORE_TIME}{_TIME})?")
_DATE_LINE = re.compile(rf"{_DATE_ENTRY}(?:[ \t]*+(?:\||;|,|\u00b7|\u2022|-|\u2013|\u2014)[ \t]*+{_DATE_ENTRY})*\.?",
                        re.IGNORECASE)
"""A line that is only a date, with a label, weekday and time as sites print them ("Friday, July 21, 2017",
"21 July 2017", "July 21, 2017 3:45 PM EDT", "Updated: 2017-07-21", "Published 21/07/2017 | Updated ...")."""
_DATE_IN_LINE = re.compile(rf"(?<![\w/.-]){_date_core(True)}(?![\w/-])", re.IGNORECASE)
_RELATIVE_DATE_LINE = re.compile(r"(?:(?:last[ \t]++)?(?:updated|published|posted))[ \t]*+:?[ \t]*+(?:\d+|an?|one)"
                                 r"[ \t]++(?:second|minute|hour|day|week|month|year)s?[ \t]++ago", re.IGNORECASE)

_NAME_WORD = r"[A-Z][\w.'\u2019-]*"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|de|van|von|der|den|da|di|du|la|le|bin|al|el)){{0,4}}"
_NAMES = rf"{_NAME}(?:[ \t]*(?:,|&|(?i:and))[ \t]*{_NAME}){{0,3}}"
_BYLINE = re.compile(
    rf"(?:(?i:by|written[ \t]+by|words[ \t]+by|story[ \t]+by|text[ \t]+by)[ \t]+{_NAMES}"
    r"(?:[ \t]*[,|\u2013\u2014-][ \t]*[^\n.!?]{1,80})?"
    r"|(?i:(?:additional[ \t]+)?(?:reporting|writing|editing|compiled|produced)[ \t]+by)[ \t]+[^\n]{1,200}"
    rf"|{_NAMES}[ \t]+(?i:contributed[ \t]+(?:reporting|research|to[ \t]+this[ \t]+(?:report|article|story)))"
    r"[^\n]{0,80}"
    r"|\((?i:(?:additional[ \t]+)?(?:reporting|writing|editing|compiled|produced))[ \t]+(?i:by)[ \t]+[^\n]{1,200}\))")
"""A byline: "By Jane Doe, BBC News", "By JANE DOE and JOHN ROE | Reuters", "(Reporting by ...; Editing by ...)",
"Jane Doe contributed reporting." (names capitalised, so "By Monday, the talks had ended." is content)."""

_AGENCY = (r"(?i:getty[ \t]+images|getty|afp|reuters|ap|associated[ \t]+press|epa(?:-efe)?|pa(?:[ \t]+(?:media|wire|"
           r"images))?|press[ \t]+association|shutterstock|bloomberg|anadolu(?:[ \t]+agency)?|xinhua|alamy|"
           r"rex(?:/shutterstock)?|eyevine|nurphoto|sopa[ \t]+images|zuma(?:[ \t]+press)?)(?:[ \t]+(?i:photo|images?))?")
_CREDITED = rf"{_NAME}[ \t]*/[ \t]*{_AGENCY}|{_AGENCY}[ \t]*/[ \t]*{_NAME}|{_AGENCY}[ \t]+(?i:via)[ \t]+{_AGENCY}"
"""A picture credit: "Jane Roe/Getty Images", "REUTERS/Jane Roe", "AFP via Getty Images"."""
_PICTURE_LABEL = (r"(?i:(?:photo(?:graph)?|image|picture|pic|video|illustration|graphic|credit|caption)s?"
                  r"(?:[ \t]+(?:credit|copyright|caption|source)s?)?)")
_CREDIT_LINE = re.compile(
    rf"{_PICTURE_LABEL}[ \t]*[:|][ \t]*\S[^\n]{{0,200}}"
    r"|(?i:(?:image|media|video|photo)[ \t]+(?:caption|copyright|source|credit)),?[ \t]+\S[^\n]{0,200}"
    rf"|\({_PICTURE_LABEL}(?:[ \t]+(?i:by|courtesy[ \t]+of))?[ \t]*[:/]?[ \t]*[^()\n]{{1,150}}\)"
    rf"|\((?:{_CREDITED}|{_AGENCY})\)"
    rf"|{_AGENCY}|{_CREDITED}"
    rf"|[^\n]{{1,300}}?[ \t(\[]{_PICTURE_LABEL}[ \t]*:[ \t]*[^\n:]{{1,80}}/[^\n/]{{1,60}}"
    rf"|[^\n]{{1,300}}?[ \t.(\[](?:{_CREDITED})[)\]]?"
    r"|[^\n]{1,300}?[ \t]\((?i:ap|afp|reuters|epa|getty images)(?:[ \t]+(?i:photo))?\)")
"""A picture credit or caption line: "Photo: ...", "Image caption ...", "(Photo: X/Getty Images)", "Credit: ...",
"Jane Roe/Reuters", or a caption ending in such a credit. "Photo opportunities were..." is content: a label
must be followed by a colon (or be BBC's "Image caption"/"Image copyright")."""
_SHARE_WORDS = frozenset("share shares sharing tweet email e-mail mail facebook twitter x whatsapp linkedin pinterest "
                         "reddit messenger telegram flipboard sms print copy link save this article story page post "
                         "on via to with comment comments click opens in new window".split())
_SHARE_CORE = frozenset("share tweet email e-mail facebook twitter whatsapp linkedin pinterest reddit print copy".split())
_OTHER_LINE = re.compile(
    r"(?i:advertisement(?:[ \t]*[-\u2013\u2014:][ \t]*[^\n]{0,40})?|skip[ \t]+advertisement|"
    r"story[ \t]+continues[ \t]+below(?:[ \t]+(?:this[ \t]+)?advertisement)?|continue[ \t]+reading(?:[ \t]+the[ \t]+main"
    r"[ \t]+story)?|click[ \t]+here[ \t]+to[^\n]{1,80}|(?:read[ \t]+more|read[ \t]+also|also[ \t]+read|see[ \t]+also|"
    r"related|watch|listen|recommended)[ \t]*:[ \t]*[^\n]{1,200}|(?:categories|category|tags|topics|filed[ \t]+under|"
    r"posted[ \t]+in)[ \t]*:[ \t]*[^\n]{1,300}|"
    r"[\"\u201c]?(?:you[ \t]+can[ \t]+)?follow[ \t]+(?:(?:us|me|"
    r"(?-i:[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4}))[ \t]+on[ \t]+"
    r"(?:twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok|mastodon)(?:[ \t]+(?:at[ \t]+)?@\w{1,30})?"
    r"|@\w{1,30})[ \t]*\.?[\"\u201d]?)")
"""Teasers, ads, tag lines and the reporter's handles: "READ MORE: ...", "Advertisement", "Tags: ...",
"Categories: ...", "Follow Jane Roe on Twitter @janeroe"."""
_CROSSHEAD = re.compile(r"(?=[^\n]*[A-Z]{3})[A-Z0-9][A-Z0-9 ,'\u2019&:-]{1,60}\.?")
"""An all-capitals line of a few words: a crosshead ("TALKS STALL."), or a database export's section marker
("ABSTRACT.", "FULL TEXT."): never article sentences, and NER reads names in capitals badly."""

_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\u2019-]+(?:[ \t]+[A-Z][A-Z.'\u2019-]+){0,3}"
    r"(?:,[ \t]+[A-Z][A-Za-z.]{1,14}(?:[ \t]+[A-Z][A-Za-z.]{1,14})?)?"
    r"(?:[ \t]+\([A-Z][A-Za-z.]{1,14}(?:[ \t]+[A-Z][A-Za-z.]{1,14}){0,2}\))?"
    r"|\([A-Z][A-Za-z.]{1,14}(?:[ \t]+[A-Z][A-Za-z.]{1,14}){0,2}\))"
    r"[ \t]*(?:--|[-\u2013\u2014\u2015])[ \t]+(?=[\"\u201c\u2018'A-Z])")
"""The dateline that opens a wire story's first paragraph: "WASHINGTON -- ", "MANCHESTER, N.H. - ", "NEW YORK (AP)
\u2014 ", "(CNN) \u2014 ". Not a sentence: parsed, the city becomes the subject of the first sentence's verb."""

_BLOCK_HEADING = re.compile(
    r"(?:check also|related(?: articles| stories| coverage| content| news| posts| reading| topics| links"
    r"| internet links)?|read more|read also|also read|see also|more on this story|more from [^\n]{1,40}|"
    r"more stories|top stories|most read|most popular|trending(?: now)?|you may also like|you might also like|"
    r"recommended(?: for you| stories| reading)?|around the web|further reading|external links|sources?|"
    r"references|categories|tags|topics|comments|leave a comment|share(?: this)?(?: article| story| post)?|"
    r"share on [^\n]{1,30}|sign up for [^\n]{1,60}|subscribe to [^\n]{1,60})[ \t]*:?",
    re.IGNORECASE)
"""A heading that opens a block of links, teasers or sources ("Related articles", "Sources", "See also")."""
_FURNITURE_CHARS = 500
"""No longer line is furniture (a caption with its credit is shorter); the patterns are never tried on one, so a
hostile line of spaces and digits cannot make them backtrack for long."""
_BLOCK_LINE_CHARS = 400
"""Lines of such a block (a newspaper name and a headline, a link) are short."""
_ITEM_CHARS = 150
"""Lines of a box of links inside the article are shorter still (headlines)."""
_HEADER_LINES = 200
"""The header is looked for in the first lines only."""


def date_line_date(line: str) -> str | None:
    """The ISO date a date line or byline gives first ("Friday, July 21, 2017" -> "2017-07-21"), if it is a real
    date; day and month written as numbers count only when they cannot be swapped ("21/07/2017", not "03/04/2017")."""
    for m in _DATE_IN_LINE.finditer(line):
        g = m.groupdict()
        try:
            if g["y1"] or g["y2"]:
                month = _MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
                day, year = int(re.sub(r"\D", "", g["d1"] or g["d2"])), int(g["y1"] or g["y2"])
            elif g["y3"] or g["y5"]:
                year, month, day = int(g["y3"] or g["y5"]), int(g["m3"] or g["m5"]), int(g["d3"] or g["d5"])
            else:
                a, b, year = int(g["a4"]), int(g["b4"]), int(g["y4"])
                if (a > 12) == (b > 12):
                    continue  # "03/04/2017": the order of day and month is unknown
                day, month = (a, b) if a > 12 else (b, a)
            return date(year, month, day).isoformat()
        except (KeyError, ValueError):
            continue
    return None


def _lines(text: str, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of `text[start:stop]`, without its newline."""
    stop = len(text) if stop is None else stop
    while start < stop:
        end = text.find("\n", start, stop)
        end = stop if end < 0 else end
        yield start, end
        start = end + 1


def _header_kind(line: str, after_byline: bool) -> str | None:
    """What a line of an article's header is: "date" (a date line), "byline", "tail" (the outlet or role on the
    line directly under a byline: "BBC News, Washington", "Political correspondent"), or None (not header)."""
    if len(line) > _FURNITURE_CHARS:
        return None
    if _DATE_LINE.fullmatch(line) or _RELATIVE_DATE_LINE.fullmatch(line):
        return "date"
    if _BYLINE.fullmatch(line):
        return "byline"
    if after_byline and len(line) <= 60 and not re.search(r"[\d.!?:;\"\u201d]", line) and line[:1].isupper():
        return "tail"
    return None


def _header_lines(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, str | None]]:
    """(end offset, kind) of the header lines that open `lines` (kind None for a blank line), up to the first line
    that is not header."""
    after_byline = False
    for s, e in lines:
        line = text[s:e].strip()
        if not line:
            after_byline = False
            yield e, None
            continue
        kind = _header_kind(line, after_byline)
        if kind is None:
            return
        after_byline = kind == "byline"
        yield e, kind


def read_header(text: str, *, headline: bool = True) -> tuple[str | None, int, str | None]:
    """The headline (when `headline`), where the body starts, and the date the header's first date line gives.

    The headline is a first line of at most 300 characters followed by a blank line, or directly by bylines and
    date lines that hold a date line or end in a blank line; date lines and bylines after it (or at the very top)
    belong to the header too, blank lines between allowed."""
    lines = list(islice(_lines(text), _HEADER_LINES))
    k = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), len(lines))
    if k == len(lines):
        return None, 0, None
    title, body_start, dated = None, 0, None
    first = text[slice(*lines[k])].strip()
    if _header_kind(first, False) is None:
        if not (headline and len(first) <= 300 and _ends_headline(text, lines[k + 1:])):
            return None, 0, None
        title, body_start, k = first, lines[k][1], k + 1
    for end, kind in _header_lines(text, lines[k:]):
        if kind is not None:
            body_start = end
        if kind == "date":
            dated = dated or date_line_date(text[text.rfind("\n", 0, end) + 1:end])
    if not text[body_start:].strip():
        return None, 0, None
    return title, body_start, dated


def _ends_headline(text: str, after: list[tuple[int, int]]) -> bool:
    """Whether the lines `after` a first line make it a headline: a blank line, or directly a run of bylines
    and date lines that holds a date line or ends in a blank line ("By Jane Doe" then "Friday, July 21, 2017")."""
    for _, kind in _header_lines(text, after):
        if kind is None or kind == "date":
            return True
    return False


def _furniture_line(line: str) -> bool:
    """A whole line that is page furniture wherever it stands: a credit, caption, byline, date line, share
    buttons, an ad or teaser, a crosshead."""
    if len(line) > _FURNITURE_CHARS:
        return False
    if _header_kind(line, False) or _CREDIT_LINE.fullmatch(line) or _OTHER_LINE.fullmatch(line) \
            or _CROSSHEAD.fullmatch(line):
        return True
    words = re.findall(r"[\w-]+", line.lower())
    return (len(line) <= 80 and bool(words) and all(w in _SHARE_WORDS for w in words)
            and any(w in _SHARE_CORE for w in words) and not re.search(r"[^\w\s|/,\u00b7\u2022():-]", line))


def _block_item(line: str, limit: int = _ITEM_CHARS) -> bool:
    """A line of a links or sources block: a link, or a line of at most `limit` characters that does not end a
    sentence (a newspaper name and a headline, a teaser cut with an ellipsis)."""
    return bool(re.match(r"(?:https?://|www\.)\S+$", line)) or (
        len(line) <= limit and not re.search(r"[.!?:;\"\u201d\u2019]$", line))


def find_furniture(text: str, body_start: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Where the trailing furniture block starts (-1 if none) and the furniture inside the body.

    The trailing block is a links/sources heading in the last 2,000 characters (or the last third) of the body
    followed only by links and lines that end no sentence. Inside the body, furniture lines are masked, and so is a heading of such a
    block with the short item lines after it (a "Related" box in the middle of an article)."""
    body_end = -1
    body_len = len(text) - body_start
    tail = max(body_start, len(text) - max(2000, int(body_len / 3)))  # where a trailing block may start
    lines = list(_lines(text, text.rfind("\n", 0, tail) + 1 if tail > body_start else body_start))
    items_after = [True] * (len(lines) + 1)  # whether every line after line i is a block item (blank lines are)
    for i in range(len(lines) - 1, -1, -1):
        line = text[slice(*lines[i])].strip()
        items_after[i] = items_after[i + 1] and (not line or _block_item(line, _BLOCK_LINE_CHARS))
    for i, (s, e) in enumerate(lines):
        rest = len(text) - s
        if s > body_start and (rest <= 2000 or rest <= body_len / 3) and items_after[i + 1] \
                and len(text[s:e]) <= _FURNITURE_CHARS and _BLOCK_HEADING.fullmatch(text[s:e].strip()):
            body_end = s
            break
    stop = len(text) if body_end < 0 else body_end
    masked: list[tuple[int, int]] = []
    in_block = after_byline = False
    first = True  # the first paragraph of text, where a dateline may stand
    for s, e in _lines(text, body_start, stop):
        raw = text[s:e]
        line = raw.strip()
        if not line:
            after_byline = False
            continue
        start = s + len(raw) - len(raw.lstrip())
        span = (start, start + len(line))
        kind = _header_kind(line, after_byline)
        after_byline = kind == "byline"
        if len(line) <= _FURNITURE_CHARS and _BLOCK_HEADING.fullmatch(line):
            in_block = True
            masked.append(span)
        elif (in_block and _block_item(line)) or kind or _furniture_line(line):
            masked.append(span)
        else:
            in_block = False
            dateline = _DATELINE.match(line[:120]) if first else None
            if dateline:
                masked.append((start, start + len(dateline.group().rstrip())))
            first = False
    return body_end, tuple(masked)


def markdown_to_text(md: str) -> str:
    """Reduce Markdown to plain text: keep link and emphasis text, drop markup, images and code fences."""
    # Hand-written on purpose, not markdown-it-py (installed with rich): measured on 12 common constructs, a
    # CommonMark rendering gives this text for 4 (among them the test inputs) and another for 8: it drops escapes'
    # backslashes, `_emphasis_` marks, inline-code backticks, setext underlines, list markers, hard-break spaces and
    # indentation, and reads `[a](b c)` as text; its tokens carry line ranges, not character offsets, so the text
    # could not be kept line for line either. Switching would change the text, and every offset, of .md articles.
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
    return from_plain_text(text, source=source, title=title, url=doc.url or None, published=date_found,
                           default_date=published)


JSONL_BAD_LINES_SHOWN = 10
"""Bad lines of one JSONL file reported one by one; the rest are counted in one line, so a file of 100,000
broken lines gives a dozen lines of warnings, not 100,000 (or one of 10 MB)."""


def _from_jsonl(text: str, source: str, published: str | None) -> Iterator[Article | Skipped]:
    """The articles of a JSONL file, one per line with a string field 'text'; bad lines are skipped, the first
    JSONL_BAD_LINES_SHOWN by number and reason, the others counted in one Skipped at the end."""
    any_line = False
    bad: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
            reason = None if isinstance(record, dict) and isinstance(record.get("text"), str) else \
                "a JSONL record needs a string field 'text'"
        except json.JSONDecodeError as e:
            reason = f"not valid JSON ({e.msg} at column {e.colno})"
        if reason is not None:
            bad.append(number)
            if len(bad) <= JSONL_BAD_LINES_SHOWN:
                yield Skipped(where, reason)
            continue
        when = record.get("published")
        try:
            day = normalise_date(str(when)) if when else None
        except ValueError:
            log.warning("%s: cannot read the date %r; using none", where, when)
            day = None
        title = record.get("title")
        url = record.get("url")
        yield from in_parts(from_plain_text(_valid_unicode(record["text"]).replace("\r\n", "\n"), source=where,
                                            title=_valid_unicode(title.strip()) if isinstance(title, str)
                                            and title.strip() else None,
                                            url=_valid_unicode(url) if isinstance(url, str) else None,
                                            published=day, default_date=published))
    if len(bad) > JSONL_BAD_LINES_SHOWN:
        rest = bad[JSONL_BAD_LINES_SHOWN:]
        yield Skipped(source, f"{len(rest):,} more bad lines, {rest[0]:,} to {rest[-1]:,} (not valid JSON or no "
                              "string field 'text')", len(rest))
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
