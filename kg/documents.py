"""PDF and Word (.docx) articles: their text, title and date, read within limits a hostile file cannot push.

A PDF is read from its text layer with pypdf: lines are put back together into paragraphs from their positions
on the page (a gap wider than the page's usual line spacing, or a change of font size, starts a paragraph;
lines of a paragraph are joined with a space), and bare page numbers and running headers are left out. A .docx
is read with python-docx: its paragraphs and table rows in document order, headers and footers left out. Each
paragraph of either ends up separated by a blank line, so the text reads like a plain-text article.

Both formats compress their content, so a few kilobytes can expand to gigabytes, and a PDF can make a reader
loop over millions of drawing operators. The work is bounded before it is done: pages, the decoded size and
parsing work of each PDF stream, form XObjects per page, the declared decompressed size and member count of a
.docx, and the characters of text either may yield. A file over a limit is refused with the limit named.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

MAX_PDF_PAGES = 1_000
"""A PDF with more pages is refused: a news article, even a long report, has far fewer."""
MAX_PDF_STREAM_BYTES = 20_000_000
"""Decoded bytes of one PDF stream (a page's drawing operators, a font): pypdf stops decoding beyond this."""
MAX_PDF_OPERATIONS = 500_000
"""Operands and operators pypdf may parse in one content stream."""
MAX_PDF_FORMS = 200
"""Form XObjects pypdf may draw per page while extracting text (a form can draw forms, each decoded again)."""
MAX_DOCX_XML_BYTES = 50_000_000
"""Declared decompressed size of the XML members of a .docx (a zip), the ones python-docx parses."""
MAX_DOCX_BYTES = 250_000_000
"""Declared decompressed size of all its members, pictures included (python-docx holds every member in memory).
Each member is inflated in small pieces and must match its declared size and checksum before python-docx reads
it, so these bound the real sizes."""
MAX_DOCX_MEMBERS = 5_000
"""Members of a .docx: a Word file has tens; a zip of a million empty members is an attack on the reader."""
MAX_TEXT_CHARS = 10_000_000
"""Characters of text a PDF or .docx may yield (kg's limit for any article)."""

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""A legacy .doc, or a .docx saved with a password (Word then wraps it in an OLE container)."""

_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-\u2013\u2014 ]*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-\u2013\u2014 ]*",
                          re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?:;\"\u201d\u2019')\]]$")
_JUNK_TITLE = re.compile(r"(?:microsoft (?:word|powerpoint) - .*|untitled.*|document\d*|.*\.(?:docx?|pdf|txt|rtf|odt))",
                         re.IGNORECASE)
"""Metadata titles that name the file or its template, not the article."""
_LIGATURES = re.compile("[\ufb00-\ufb06]")


class Unreadable(Exception):
    """A PDF or .docx that kg cannot or will not read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Document:
    """The text of a PDF or .docx (paragraphs separated by blank lines) with its metadata title and date."""

    text: str
    title: str | None = None
    created: str | None = None


def read_pdf(data: bytes) -> Document:
    """The text layer of a PDF, its /Title and the date of its /CreationDate; Unreadable when it is encrypted
    with a password, has no text layer, is corrupt or goes over a limit."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    with _pypdf_limits(), _silenced("pypdf"):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                _decrypt(reader)
            pages = len(reader.pages)
            if pages > MAX_PDF_PAGES:
                raise Unreadable(f"PDF has {pages:,} pages; the limit is {MAX_PDF_PAGES:,}")
            paragraphs = _pdf_paragraphs(reader)
            info = _pdf_info(reader)
        except Unreadable:
            raise
        except LimitReachedError as e:
            raise Unreadable(f"PDF goes over a safety limit ({_first_line(e)})") from e
        except RecursionError as e:
            raise Unreadable("corrupt PDF (its objects nest without end)") from e
        except Exception as e:  # pypdf raises many types on damaged files; any of them means "cannot read"
            raise Unreadable(f"corrupt PDF ({type(e).__name__}: {_first_line(e)})") from e
    if not any(p.strip() for p in paragraphs):
        raise Unreadable("no text layer (scanned?): kg reads the text of a PDF, it does not run OCR")
    return Document(_clean("\n\n".join(paragraphs)), *info)


def read_docx(data: bytes) -> Document:
    """The paragraphs and table rows of a Word .docx, its core title and creation date; Unreadable when it is not
    a .docx, is corrupt, encrypted, or goes over a limit."""
    if data.startswith(OLE_MAGIC):
        raise Unreadable("password-protected or old-format Word file (save it as an unprotected .docx)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
        raise Unreadable(f"corrupt .docx (not a readable zip: {_first_line(e)})") from e
    if len(members) > MAX_DOCX_MEMBERS:
        raise Unreadable(f".docx holds {len(members):,} files; the limit is {MAX_DOCX_MEMBERS:,}")
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if xml > MAX_DOCX_XML_BYTES:
        raise Unreadable(f".docx text and markup decompress to {xml:,} bytes; the limit is {MAX_DOCX_XML_BYTES:,}")
    declared = sum(m.file_size for m in members)
    if declared > MAX_DOCX_BYTES:
        raise Unreadable(f".docx decompresses to {declared:,} bytes; the limit is {MAX_DOCX_BYTES:,}")
    if "word/document.xml" not in {m.filename for m in members}:
        raise Unreadable("not a Word document (the zip has no word/document.xml)")
    _check_sizes(archive, members)
    import docx

    with _silenced("docx"):
        try:
            document = docx.Document(io.BytesIO(data))
            paragraphs = list(_docx_paragraphs(document))
            properties = document.core_properties
            title = _plausible_title(properties.title)
            created = properties.created.date().isoformat() if properties.created else None
        except Unreadable:
            raise
        except Exception as e:  # zipfile, lxml and python-docx raise many types on damaged files
            raise Unreadable(f"corrupt .docx ({type(e).__name__}: {_first_line(e)})") from e
    if not any(p.strip() for p in paragraphs):
        raise Unreadable("the Word document holds no text")
    return Document(_clean("\n\n".join(paragraphs)), title, created)


def _check_sizes(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Inflate every member in small pieces and check it against its declared size and checksum, so that
    python-docx, which reads each member whole (zipfile then inflates all of it before comparing), only ever reads
    members whose declared sizes, bounded above, are true. Unreadable if one is not."""
    for member in members:
        try:
            with archive.open(member) as stream:
                while stream.read(1 << 16):
                    pass
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError,
                RuntimeError) as e:
            raise Unreadable(f"corrupt .docx ({member.filename[:80]}: {_first_line(e)})") from e


@contextmanager
def _pypdf_limits() -> Iterator[None]:
    """pypdf's resource limits, lowered to what an article needs, for the reads inside the block."""
    from pypdf import apply_configuration

    streams = {name: MAX_PDF_STREAM_BYTES for name in (
        "maximum_declared_stream_length", "array_based_stream_maximum_output_length", "jbig2_maximum_output_length",
        "lzw_maximum_output_length", "run_length_maximum_output_length", "zlib_maximum_output_length",
        "brotli_maximum_output_length", "image_maximum_buffer_size", "stream_decoding_work_maximum_length",
        "xfa_decoding_work_maximum_length")}
    with apply_configuration(stream_parsing_work_maximum_count=MAX_PDF_OPERATIONS,
                             xform_maximum_invocations_per_extraction=MAX_PDF_FORMS,
                             page_tree_maximum_entries=MAX_PDF_PAGES * 10, jbig2dec_binary=None, **streams):
        yield


def _decrypt(reader: Any) -> None:
    """Open an encrypted PDF with the empty user password, which PDFs that only restrict printing or copying
    have; Unreadable when it needs a real one or uses a scheme pypdf cannot open."""
    try:
        opened = reader.decrypt("")
    except Exception as e:  # an unknown security handler, a missing algorithm
        raise Unreadable(f"encrypted PDF kg cannot decrypt ({type(e).__name__}: {_first_line(e)})") from e
    if not opened:
        raise Unreadable("encrypted PDF: it needs a password (save an unprotected copy to build it)")


@contextmanager
def _silenced(name: str) -> Iterator[None]:
    """Keep what the library `name` logs or warns inside the block from stderr: its messages about a damaged
    file can quote the hostile file, and what matters reaches the user as the one-line reason of a refusal."""
    logger = logging.getLogger(name)
    handler, propagate = logging.NullHandler(), logger.propagate
    logger.addHandler(handler)  # without a handler, logging would print warnings through its last resort
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return (text.splitlines()[0] if text else type(e).__name__)[:160]


def _pdf_info(reader: Any) -> tuple[str | None, str | None]:
    """The document information's title (unless it only names a file) and the date of its creation date."""
    try:
        info = reader.metadata
    except Exception:  # a damaged information dictionary only loses the metadata
        return None, None
    if info is None:
        return None, None
    try:
        title = _plausible_title(info.title)
    except Exception:
        title = None
    try:
        created = info.creation_date
    except Exception:  # a malformed date string
        created = None
    return title, created.date().isoformat() if isinstance(created, datetime) else None


def _plausible_title(value: object) -> str | None:
    """A metadata title worth keeping: text, not empty, not a file or template name."""
    if not isinstance(value, str):
        return None
    title = " ".join(value.split())
    return title if title and len(title) <= 300 and not _JUNK_TITLE.fullmatch(title) else None


@dataclass
class _Line:
    """One line of a PDF page as pypdf extracts it, with where it stands."""

    text: str
    y: float | None = None
    size: float = 0.0


def _page_lines(page: Any) -> list[_Line]:
    """The lines pypdf extracts from `page`, each with the height on the page and the font size of its text."""
    lines = [_Line("")]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        for k, part in enumerate(text.split("\n")):
            if k:
                lines.append(_Line(""))
            line = lines[-1]
            if part.strip() and line.y is None:
                line.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                line.size = abs(size * ((tm[2] * cm[0] + tm[3] * cm[2]) ** 2
                                        + (tm[2] * cm[1] + tm[3] * cm[3]) ** 2) ** 0.5) or abs(size)
            line.text += part

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text.strip()]


def _paragraphs_of(lines: list[_Line]) -> list[list[_Line]]:
    """The page's lines grouped into paragraphs: a new one starts after a gap clearly wider than the page's usual
    (commonest) line spacing, when the text moves up (a new column or box) or when the font size changes."""
    gaps = Counter(round(a.y - b.y) for a, b in zip(lines, lines[1:])
                   if a.y is not None and b.y is not None and 0.5 * a.size < a.y - b.y < 3 * a.size)
    usual = min(gaps, key=lambda g: (-gaps[g], g)) if gaps else None  # the commonest spacing: within paragraphs
    out: list[list[_Line]] = []
    for line in lines:
        prev = out[-1][-1] if out else None
        if prev is None or prev.y is None or line.y is None:
            new = prev is None
        else:
            gap = prev.y - line.y
            size_changed = abs(line.size - prev.size) > 0.15 * max(line.size, prev.size, 1.0)
            new = gap < -0.5 * prev.size or size_changed or gap > (1.3 * usual if usual else 1.6 * prev.size)
        if new:
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _join_lines(lines: list[_Line]) -> str:
    """One paragraph's lines as one line: joined with a space, or with nothing after a hyphen that breaks a
    word across lines ("cross-" + "border" stays "cross-border")."""
    text = ""
    for line in lines:
        part = " ".join(line.text.split())
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


def _pdf_paragraphs(reader: Any) -> list[str]:
    """Every page's paragraphs in reading order; a paragraph cut by a page break is joined again, and page
    numbers and running headers or footers (the same first or last line on several pages) are left out."""
    pages = [_paragraphs_of(_page_lines(page)) for page in reader.pages]
    repeated = Counter(_shape(page[k]) for page in pages for k in {0, len(page) - 1} if page and len(page[k]) == 1)
    out: list[str] = []
    size = 0
    for page in pages:
        first = True
        for k, paragraph in enumerate(page):
            edge = k == 0 or k == len(page) - 1
            text = _join_lines(paragraph)
            if edge and len(paragraph) == 1 and (_PAGE_NUMBER.fullmatch(text) or
                                                  (len(pages) > 1 and repeated[_shape(paragraph)] > 1)):
                continue
            if first and out and not _ENDS_SENTENCE.search(out[-1]) and text[:1].islower():
                out[-1] = f"{out[-1]} {text}"
            else:
                out.append(text)
            first = False
            size += len(text) + 2
            if size > MAX_TEXT_CHARS:
                raise Unreadable(f"PDF holds more than {MAX_TEXT_CHARS:,} characters of text; the limit is "
                                 f"{MAX_TEXT_CHARS:,}")
    return out


def _shape(paragraph: list[_Line]) -> str:
    """A one-line paragraph with its digits blanked: running headers differ only in their page number."""
    return re.sub(r"\d+", "#", " ".join(paragraph[0].text.split())).lower()


def _docx_paragraphs(document: Any) -> Iterator[str]:
    """The body's paragraphs, and each table row as one paragraph of its cells (a merged cell once)."""
    from docx.table import Table

    size = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            texts = []
            for row in block.rows:
                cells = {c._tc: c for c in row.cells}  # a merged cell appears once per grid column it spans
                texts.append(" | ".join(" ".join(c.text.split()) for c in cells.values()))
        else:
            texts = [block.text]
        for text in texts:
            text = text.strip()
            if text:
                size += len(text) + 2
                if size > MAX_TEXT_CHARS:
                    raise Unreadable(f"the Word document holds more than {MAX_TEXT_CHARS:,} characters of text; "
                                     f"the limit is {MAX_TEXT_CHARS:,}")
                yield text


def _clean(text: str) -> str:
    """Typographic ligatures (U+FB00-FB06, as PDFs often encode "fi") spelled out, carriage returns as newlines."""
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
