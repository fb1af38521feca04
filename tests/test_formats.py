"""PDF and Word input: text, headline and dates, paragraphs, and every way such a file can be bad or hostile.

The files are made here with pypdf and python-docx from sentences written for these tests: no fixture files.
"""

from __future__ import annotations

import io
import re
import textwrap
import time
import tracemalloc
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject
from rdflib import RDFS, Graph, Namespace
from typer.testing import CliRunner

from kg import documents
from kg.cli import app
from kg.documents import MAX_DOCX_XML_BYTES, MAX_PDF_PAGES, read_docx, read_pdf
from kg.ingest import Skipped, read_inputs
from kg.model import Article
from kg.nlp import analysed_text

from test_cli import one_line_error

KG = Namespace("https://kg.example/ns#")
SCHEMA = Namespace("https://schema.org/")
runner = CliRunner()

HEADLINE = "Harbour council approves new ferry line"
BODY = [
    "The harbour council of Port Elmridge approved a new ferry line to the islands on Tuesday after a long debate.",
    '"This line will carry ten thousand people a week," said Marta Lindqvist, the council chair, at a press '
    "conference in the town hall.",
    "Opposition leader Tomas Berglund rejected the plan and called the cost estimate false.",
]


# ---------------------------------------------------------------- making PDFs and Word files

def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _font(writer: PdfWriter) -> DictionaryObject:
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    return DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})


def page_stream(paragraphs: list[tuple[str, float]], *, top: float = 740) -> bytes:
    """Drawing operators that set each (text, font size) paragraph as wrapped lines, with a gap after each."""
    ops, y = [], top
    for text, size in paragraphs:
        for line in textwrap.wrap(text, int(900 / size)):
            ops.append(f"BT /F1 {size:g} Tf 72 {y:g} Td ({_escape(line)}) Tj ET")
            y -= size * 1.25
        y -= size * 0.9
    return "\n".join(ops).encode("cp1252")


def make_pdf(pages: list[list[tuple[str, float]]], *, metadata: dict[str, str] | None = None,
             user_password: str | None = None, compress: bool = False) -> bytes:
    """A PDF whose pages set the given paragraphs in Helvetica, its content streams deflated when `compress`."""
    writer = PdfWriter()
    for paragraphs in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = _font(writer)
        data = page_stream(paragraphs)
        if not compress:
            stream = DecodedStreamObject()
            stream.set_data(data)
        else:
            stream = StreamObject()
            stream.set_data(zlib.compress(data))
            stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        page[NameObject("/Contents")] = writer._add_object(stream)
    if metadata:
        writer.add_metadata(metadata)
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def article_pdf(**kw) -> bytes:
    return make_pdf([[(HEADLINE, 18), *((p, 11) for p in BODY)]], **kw)


def make_docx(paragraphs: list[str], *, title: str | None = None, created: str | None = None,
              table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.core_properties.title = title or ""
    document.core_properties.created = datetime.fromisoformat(created) if created else datetime(2000, 1, 1)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    return data if created else _without_created(data)


def _without_created(data: bytes) -> bytes:
    """The .docx with no creation date in its core properties (python-docx always writes one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:created[^>]*>[^<]*</dcterms:created>", b"", content)
            target.writestr(info, content)
    return out.getvalue()


def read_one(path: Path, **kw) -> Article | Skipped:
    (item,) = list(read_inputs([str(path)], **kw))
    return item


# ---------------------------------------------------------------- PDF

def test_pdf_text_layer_becomes_paragraphs_with_the_metadata_title_and_date(tmp_path):
    path = tmp_path / "ferry.pdf"
    path.write_bytes(article_pdf(metadata={"/Title": "Ferry line approved", "/CreationDate": "D:20250304101500+01'00'"}))
    a = read_one(path)
    assert isinstance(a, Article) and a.source == "ferry.pdf"
    assert a.title == "Ferry line approved" and a.published == "2025-03-04"
    assert a.text == "\n\n".join([HEADLINE, *BODY]), "wrapped lines are joined, paragraphs kept"
    assert a.text[a.body_start:].strip().startswith("The harbour council"), "the headline is not analysed"


def test_pdf_without_metadata_takes_its_headline_from_the_text_and_a_date_line_wins(tmp_path):
    data = make_pdf([[(HEADLINE, 18), ("Tuesday, 4 March 2025", 9), *((p, 11) for p in BODY)]],
                    metadata={"/CreationDate": "D:20260101000000Z"})
    (tmp_path / "a.pdf").write_bytes(data)
    a = read_one(tmp_path / "a.pdf", published="2020-01-01")
    assert a.title == HEADLINE and a.published == "2025-03-04"
    assert "4 March 2025" not in analysed_text(a) and "Port Elmridge" in analysed_text(a)


def test_pdf_file_names_from_producers_are_not_titles(tmp_path):
    (tmp_path / "a.pdf").write_bytes(article_pdf(metadata={"/Title": "Microsoft Word - draft3.docx"}))
    assert read_one(tmp_path / "a.pdf").title == HEADLINE


def test_pdf_pages_join_a_cut_paragraph_and_drop_page_numbers_and_running_heads(tmp_path):
    head = ("Port Elmridge Gazette - page 1", 8)
    first = [head, (HEADLINE, 18), (BODY[0], 11), ("The council chair said the first boats would run in", 11),
             ("1", 8)]
    second = [("Port Elmridge Gazette - page 2", 8), ("spring, weather permitting.", 11), (BODY[2], 11), ("2", 8)]
    (tmp_path / "a.pdf").write_bytes(make_pdf([first, second]))
    text = read_one(tmp_path / "a.pdf").text
    assert "Gazette" not in text and "\n\n1\n\n" not in text and not text.endswith("2")
    assert "would run in spring, weather permitting." in text


def test_pdf_compressed_streams_and_both_formats_on_stdin():
    (a,) = list(read_inputs(["-"], stdin=io.BytesIO(article_pdf(compress=True))))
    assert isinstance(a, Article) and a.source == "<stdin>" and "Marta Lindqvist" in a.text
    (b,) = list(read_inputs(["-"], stdin=io.BytesIO(make_docx([HEADLINE, *BODY]))))
    assert isinstance(b, Article) and b.title == HEADLINE and "Tomas Berglund" in b.text


def test_scanned_pdf_is_reported_as_having_no_text_layer(tmp_path):
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    image = StreamObject()
    image.set_data(bytes(range(256)) * 4)
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(32), NameObject("/Height"): NumberObject(32),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im1"): writer._add_object(image)})})
    content = DecodedStreamObject()
    content.set_data(b"q 400 0 0 600 100 100 cm /Im1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    (tmp_path / "scan.pdf").write_bytes(out.getvalue())
    item = read_one(tmp_path / "scan.pdf")
    assert isinstance(item, Skipped) and item.reason.startswith("no text layer (scanned?)")


def test_encrypted_pdf_needs_its_password_but_an_owner_password_alone_does_not_stop_reading(tmp_path):
    (tmp_path / "locked.pdf").write_bytes(article_pdf(user_password="letmein"))
    (tmp_path / "restricted.pdf").write_bytes(article_pdf(user_password=""))
    locked, restricted = read_one(tmp_path / "locked.pdf"), read_one(tmp_path / "restricted.pdf")
    assert isinstance(locked, Skipped) and locked.reason.startswith("encrypted PDF: it needs a password")
    assert isinstance(restricted, Article) and "Tomas Berglund" in restricted.text


def test_a_damaged_pdf_that_pypdf_repairs_is_read_and_its_complaints_stay_off_the_terminal(capfd):
    damaged = re.sub(rb"startxref\s+\d+", b"startxref\n9", article_pdf())
    assert "Marta Lindqvist" in read_pdf(damaged).text
    out, err = capfd.readouterr()
    assert out == err == "", "pypdf's own messages (which can quote the file) are not printed"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"%PDF-1.4\n" + bytes(range(256)) * 40,
                                  b"not a pdf at all"])
def test_corrupt_pdf_is_one_line(tmp_path, data):
    (tmp_path / "bad.pdf").write_bytes(data)
    item = read_one(tmp_path / "bad.pdf")
    assert isinstance(item, Skipped) and "\n" not in item.reason
    assert item.reason.startswith(("corrupt PDF", "no text layer"))


def test_a_pdf_with_too_many_pages_is_refused_before_its_pages_are_read(tmp_path, monkeypatch):
    writer = PdfWriter()
    for _ in range(MAX_PDF_PAGES + 1):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    read_pages = []
    monkeypatch.setattr(documents, "_page_lines", lambda page: read_pages.append(page) or [])
    with pytest.raises(documents.Unreadable, match=f"PDF has {MAX_PDF_PAGES + 1:,} pages; the limit is"):
        read_pdf(out.getvalue())
    assert not read_pages


def test_a_compression_bomb_in_a_pdf_stream_is_stopped_at_the_limit(tmp_path):
    """A 200 MB page stream compressed to a few hundred kilobytes: pypdf stops inflating at kg's limit."""
    bomb = StreamObject()
    bomb.set_data(zlib.compress(b"BT /F1 11 Tf 72 700 Td (x) Tj ET\n" + b" " * 200_000_000, 9))
    bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    page[NameObject("/Resources")] = _font(writer)
    page[NameObject("/Contents")] = writer._add_object(bomb)
    out = io.BytesIO()
    writer.write(out)
    assert len(out.getvalue()) < 1_000_000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(documents.Unreadable, match="safety limit"):
            read_pdf(out.getvalue())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * documents.MAX_PDF_STREAM_BYTES, f"peak {peak:,} bytes"
    assert time.perf_counter() - started < 30


def test_pdf_and_word_files_may_be_larger_than_text_files_but_not_without_limit(tmp_path):
    from kg.ingest import MAX_DOCUMENT_BYTES, MAX_FILE_BYTES

    big, huge = tmp_path / "big.pdf", tmp_path / "huge.docx"
    for path, size in ((big, MAX_FILE_BYTES + 1), (huge, MAX_DOCUMENT_BYTES + 1)):
        with path.open("wb") as f:
            f.truncate(size)  # sparse: no disk used
    assert read_one(big).reason.startswith("corrupt PDF"), "read, not refused for its size"
    assert read_one(huge).reason == f"file is {MAX_DOCUMENT_BYTES + 1:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,}"


def test_too_much_text_in_a_pdf_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 200)
    with pytest.raises(documents.Unreadable, match="more than 200 characters"):
        read_pdf(article_pdf())


# ---------------------------------------------------------------- Word

def test_docx_paragraphs_tables_title_and_creation_date(tmp_path):
    data = make_docx([HEADLINE, *BODY], title="Ferry line approved", created="2025-03-04T09:15:00",
                     table=[["Route", "Boats"], ["Port Elmridge - Skerry Isle", "3"]])
    (tmp_path / "ferry.docx").write_bytes(data)
    a = read_one(tmp_path / "ferry.docx", published="2020-01-01")
    assert a.title == "Ferry line approved" and a.published == "2025-03-04"
    assert a.text.startswith(f"{HEADLINE}\n\n{BODY[0]}\n\n")
    assert a.text.endswith("Route | Boats\n\nPort Elmridge - Skerry Isle | 3")


def test_docx_without_metadata_uses_the_headline_a_date_line_and_then_published(tmp_path):
    (tmp_path / "a.docx").write_bytes(make_docx([HEADLINE, "21 July 2017", *BODY]))
    (tmp_path / "b.docx").write_bytes(make_docx([HEADLINE, *BODY]))
    a, b = read_one(tmp_path / "a.docx", published="2020-01-01"), read_one(tmp_path / "b.docx", published="2020-01-01")
    assert (a.title, a.published) == (HEADLINE, "2017-07-21")
    assert (b.title, b.published) == (HEADLINE, "2020-01-01")


def test_a_zip_bomb_docx_is_refused_from_its_declared_size_without_inflating_it(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b" " * (MAX_DOCX_XML_BYTES + 1))
    assert len(out.getvalue()) < 200_000
    (tmp_path / "bomb.docx").write_bytes(out.getvalue())
    started = time.perf_counter()
    item = read_one(tmp_path / "bomb.docx")
    assert isinstance(item, Skipped) and item.reason.startswith(".docx text and markup decompress to 50,000,")
    assert time.perf_counter() - started < 1, "refused from the zip's directory, nothing inflated"
    pictures = io.BytesIO()
    with zipfile.ZipFile(pictures, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/image1.png", b"\0" * (documents.MAX_DOCX_BYTES + 1))
    with pytest.raises(documents.Unreadable, match=".docx decompresses to 250,000,"):
        read_docx(pictures.getvalue())


def test_a_docx_that_lies_about_its_sizes_is_corrupt_and_is_not_inflated(tmp_path):
    """The central directory says 1 KB, the member inflates to 60 MB: zipfile stops at the declared size."""
    honest = zipfile.ZipFile(io.BytesIO(make_docx(BODY)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in honest.infolist():
            data = honest.read(info.filename)
            z.writestr(info.filename, data + b" " * 60_000_000 if info.filename == "word/document.xml" else data)
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    real = info.file_size
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            if int.from_bytes(data[at + offset:at + offset + 4], "little") == real:
                data[at + offset:at + offset + 4] = (1024).to_bytes(4, "little")
            at += 4
    tracemalloc.start()
    try:
        with pytest.raises(documents.Unreadable, match="corrupt .docx"):
            read_docx(bytes(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"peak {peak:,} bytes"


def test_a_docx_with_too_many_members_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        for i in range(documents.MAX_DOCX_MEMBERS):
            z.writestr(f"x/{i}", "")
    with pytest.raises(documents.Unreadable, match="files; the limit is"):
        read_docx(out.getvalue())


@pytest.mark.parametrize(("data", "reason"), [
    (b"PK\x03\x04 truncated", "corrupt .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected or old-format Word file"),
    (b"just text", "corrupt .docx"),
])
def test_bad_docx_files_are_one_line(tmp_path, data, reason):
    (tmp_path / "bad.docx").write_bytes(data)
    item = read_one(tmp_path / "bad.docx")
    assert isinstance(item, Skipped) and item.reason.startswith(reason) and "\n" not in item.reason


def test_a_zip_that_is_not_a_word_document(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "hello")
    (tmp_path / "notes.docx").write_bytes(out.getvalue())
    assert "no word/document.xml" in read_one(tmp_path / "notes.docx").reason


def test_an_entity_bomb_in_the_document_xml_is_not_expanded(tmp_path):
    """Billion laughs: python-docx's parser does not resolve entities, so the text stays small."""
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{lol}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           "<w:p><w:r><w:t>Marta Lindqvist said hello. &l9;</w:t></w:r></w:p></w:body></w:document>")
    honest = zipfile.ZipFile(io.BytesIO(make_docx(["placeholder"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in honest.infolist():
            z.writestr(info.filename, xml if info.filename == "word/document.xml" else honest.read(info.filename))
    try:
        text = read_docx(out.getvalue()).text
    except documents.Unreadable as e:
        assert "corrupt .docx" in str(e)
        return
    assert len(text) < 1000 and "lollollol" not in text


# ---------------------------------------------------------------- what kg build says

def test_an_unsupported_file_named_explicitly_says_what_kg_reads(tmp_path):
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04 an OpenDocument file")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    for name in ("notes.odt", "old.doc"):
        error = one_line_error(runner.invoke(app, ["build", str(tmp_path / name), "--out", str(tmp_path / "o")]))
        suffix = Path(name).suffix
        assert f"unsupported format {suffix} (kg reads .txt .md .html .jsonl .pdf .docx)" in error
        assert "binary" not in error


def test_a_folder_walk_ignores_other_formats_silently(tmp_path):
    (tmp_path / "a.txt").write_text("Marta Lindqvist said hello.", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "notes.odt").write_bytes(b"PK")
    assert [i.source for i in read_inputs([str(tmp_path)])] == ["a.txt"]


@pytest.mark.model
def test_kg_build_reads_pdf_and_docx_into_one_graph_with_offsets_into_their_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.pdf").write_bytes(article_pdf(metadata={"/CreationDate": "D:20250304101500Z"}))
    (folder / "reply.docx").write_bytes(make_docx([
        "Opposition answers the council", "Wednesday, 5 March 2025",
        '"The estimate is simply wrong," Tomas Berglund told reporters in Port Elmridge on Wednesday.']))
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\ncorrupt")
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "o"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "documents: 2" in result.output and "scan.pdf: corrupt PDF" in result.output
    g = Graph().parse(tmp_path / "o" / "graph.ttl")
    docs = {str(g.value(d, KG.sourceName)): d for d in g.subjects(KG.sourceName, None)}
    assert set(docs) == {"ferry.pdf", "reply.docx"}
    assert str(g.value(docs["ferry.pdf"], SCHEMA.headline)) == HEADLINE
    assert str(g.value(docs["reply.docx"], SCHEMA.datePublished)) == "2025-03-05"
    speakers = {str(g.value(s, RDFS.label)) for s, _, _ in g.triples((None, KG.said, None))}
    assert {"Marta Lindqvist", "Tomas Berglund"} <= speakers
    for node in g.objects(None, KG.said):
        text = str(g.value(g.value(node, KG.document), SCHEMA.text))
        assert text[int(g.value(node, KG.start)):int(g.value(node, KG.end))] == str(g.value(node, KG.text))
