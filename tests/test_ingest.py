"""Reading inputs: headlines, furniture, encodings, formats, and bad input."""

import io
import json

from kg.ingest import Skipped, from_plain_text, read_inputs
from kg.model import Article

from conftest import SEED


def read(*paths, **kw) -> list:
    return list(read_inputs([str(p) for p in paths], **kw))


def test_first_line_before_blank_line_is_the_headline():
    a = from_plain_text("Big news today\n\nThe minister spoke.\n", source="t")
    assert a.title == "Big news today"
    assert a.text[a.body_start:].strip() == "The minister spoke."


def test_no_blank_line_means_no_headline():
    a = from_plain_text("The minister spoke.\nThen he left.\n", source="t")
    assert a.title is None and a.body_start == 0


def test_seed_check_also_block_is_furniture():
    (a,) = read(SEED)
    assert a.title.startswith("In Peace Talks")
    assert a.text[a.body_stop:].startswith("Check Also")
    assert "Russian Offensive Campaign Assessment" not in a.text[:a.body_stop]


def test_bylines_and_photo_credits_are_masked():
    text = ("Headline\n\nBy Jane Smith\n\nThe minister spoke on Monday.\n\n"
            "Photo: John Doe/Getty Images\n\nShe then left.\n")
    a = from_plain_text(text, source="t")
    masked = [a.text[s:e] for s, e in a.masked]
    assert masked == ["By Jane Smith", "Photo: John Doe/Getty Images"]


def test_offsets_refer_to_the_file_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title\n\nKirby said the convoy stopped.\n", encoding="utf-8")
    (a,) = read(p)
    assert a.text == p.read_text(encoding="utf-8")
    assert a.source == "a.txt" and len(a.content_hash) == 64


def test_windows_1252_falls_back_with_a_warning(tmp_path, caplog):
    p = tmp_path / "old.txt"
    p.write_bytes("Caf\u00e9 owners said prices rose.".encode("cp1252"))
    (a,) = read(p)
    assert isinstance(a, Article) and a.text.startswith("Caf\u00e9")
    assert "not valid UTF-8" in caplog.text


def test_binary_empty_and_missing_are_skipped_with_reasons(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    items = read(tmp_path / "bin.txt", tmp_path / "empty.txt", tmp_path / "missing.txt")
    assert [type(i) for i in items] == [Skipped, Skipped, Skipped]
    assert ["binary" in items[0].reason, "empty" in items[1].reason, "no such" in items[2].reason] == [True] * 3


def test_folder_is_read_recursively_in_order_and_other_files_ignored(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two said hi.", encoding="utf-8")
    (tmp_path / "1.md").write_text("# One\n\nOne said **hello** to [the press](http://x).", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = read(tmp_path)
    assert [i.source for i in items] == ["1.md", "2.txt"]
    assert items[0].title == "One" and "said hello to the press" in items[0].text


def test_a_corpus_readme_is_not_an_article_unless_named(tmp_path):
    (tmp_path / "001.txt").write_text("Kirby said hi.", encoding="utf-8")
    (tmp_path / "README.TXT").write_text("Consists of 2225 documents.", encoding="utf-8")
    article, readme = read(tmp_path)
    assert article.source == "001.txt" and isinstance(readme, Skipped) and "not an article" in readme.reason
    (named,) = read(tmp_path / "README.TXT")
    assert named.source == "README.TXT"


def test_empty_folder_is_reported(tmp_path):
    (item,) = read(tmp_path)
    assert isinstance(item, Skipped) and "no articles" in item.reason


def test_jsonl_records_and_bad_lines(tmp_path):
    p = tmp_path / "feed.jsonl"
    rows = [{"text": "Kirby said hi.", "title": "T", "url": "https://x.test/a", "published": "2022-03-29T10:00:00Z"},
            {"title": "no text"}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    a, missing, broken = read(p)
    assert (a.title, a.url, a.published, a.source) == ("T", "https://x.test/a", "2022-03-29", "feed.jsonl:1")
    assert "'text'" in missing.reason and "not valid JSON" in broken.reason


def test_published_default_applies_only_when_missing(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text(json.dumps({"text": "A said b."}) + "\n" + json.dumps({"text": "C said d.", "published": "2020-01-02"}),
                 encoding="utf-8")
    a, b = read(p, published="2022-03-29")
    assert (a.published, b.published) == ("2022-03-29", "2020-01-02")


def test_html_is_reduced_to_the_article(tmp_path):
    body = " ".join(["Kirby said the convoy had stopped near the capital on Monday."] * 4)
    html = (f"<html><head><title>Convoy stops</title><meta property='article:published_time' "
            f"content='2022-03-29T08:00:00Z'></head><body><nav>Home | World | Sport</nav><article><h1>Convoy stops"
            f"</h1><p>{body}</p><p>{body}</p></article><footer>Copyright 2022</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (a,) = read(tmp_path / "page.html")
    assert a.title == "Convoy stops" and a.published == "2022-03-29"
    assert "Home | World" not in a.text and "Copyright" not in a.text and a.text.startswith("Kirby said")


def test_stdin():
    (a,) = list(read_inputs(["-"], stdin=io.BytesIO("Headline\n\nKirby said so.".encode())))
    assert a.source == "<stdin>" and a.title == "Headline"


def test_nul_and_lone_surrogates_become_replacement_characters(tmp_path):
    """A JSON escape can carry a NUL or half a surrogate pair, and a NUL can follow a file's first 8 KB: no output
    can hold them, so they become U+FFFD in place (offsets keep)."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Kirby\u0000 said \ud800 hi.", "title": "T\ud800", "url": "x\u0000"}),
                    encoding="utf-8")
    late = tmp_path / "late.txt"
    late.write_bytes(b"Kirby said hi. " * 600 + b"\x00 end.")
    a, b = read(feed), read(late)
    assert (a[0].text, a[0].title, a[0].url) == ("Kirby\ufffd said \ufffd hi.", "T\ufffd", "x\ufffd")
    assert b[0].text.endswith("\ufffd end.") and len(b[0].text) == 15 * 600 + 6
