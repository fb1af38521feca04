"""Reading inputs: headlines, furniture, encodings, formats, and bad input."""

import io
import json

import pytest

from kg.ingest import Skipped, from_plain_text, read_inputs
from kg.model import Article
from kg.nlp import analysed_text

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


def test_bylines_and_photo_credits_are_not_analysed():
    text = ("Headline\n\nBy Jane Smith\n\nThe minister spoke on Monday.\n\n"
            "Photo: John Doe/Getty Images\n\nShe then left.\n")
    a = from_plain_text(text, source="t")
    assert a.text[:a.body_start].rstrip().endswith("By Jane Smith"), "a byline under the headline is header"
    assert [a.text[s:e] for s, e in a.masked] == ["Photo: John Doe/Getty Images"]
    assert analysed_text(a).split() == "The minister spoke on Monday. She then left.".split()


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
    (tmp_path / "notes.odt").write_bytes(b"PK")
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


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, codec):
    p = tmp_path / "notes.txt"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(codec, b"")
    p.write_bytes(bom + "Ferry fares\n\nAnna Żak said the fares would rise.\n".encode(codec))
    (a,) = read(p)
    assert a.title == "Ferry fares" and a.text.endswith("Anna Żak said the fares would rise.\n")


def test_broken_utf16_is_refused_by_name(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_bytes(b"\xff\xfe" + "Ferry fares".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    (s,) = read(p)
    assert isinstance(s, Skipped) and s.reason.startswith("not valid UTF-16")


def test_a_jsonl_file_of_broken_lines_gives_a_few_warnings_not_one_per_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(["{broken"] * 100_000 + [json.dumps({"text": "Kirby said hi."})]), encoding="utf-8")
    items = read(p)
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(skipped) == 11 and sum(s.count for s in skipped) == 100_000
    assert skipped[-1].reason.startswith("99,990 more bad lines, 11 to 100,000") and len(skipped[-1].reason) < 120
    assert [i.source for i in items if not isinstance(i, Skipped)] == ["feed.jsonl:100001"]


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


# ---------------------------------------------------------------- headline and date line

@pytest.mark.parametrize(("line", "day"), [
    ("Friday, July 21, 2017", "2017-07-21"),
    ("21 July 2017", "2017-07-21"),
    ("July 21, 2017 3:45 PM EDT", "2017-07-21"),
    ("Updated: 2017-07-21", "2017-07-21"),
    ("Fri 21 Jul 2017 10.30 BST", "2017-07-21"),
    ("Published 21/07/2017 | Updated 22/07/2017", "2017-07-21"),
    ("2017-07-21T15:45:00Z", "2017-07-21"),
    ("Last updated on 4 March 2025, 14:05 GMT", "2025-03-04"),
    ("Tuesday 4th of March, 2025", "2025-03-04"),
    ("Sept. 9, 2016 at 10:00 a.m.", "2016-09-09"),
])
def test_a_headline_directly_over_a_date_line_gives_title_and_date(line, day):
    a = from_plain_text(f"Council backs new bridge\n{line}\nThe council voted on Tuesday.\n", source="t")
    assert (a.title, a.published) == ("Council backs new bridge", day)
    assert analysed_text(a).strip() == "The council voted on Tuesday."


def test_the_articles_own_date_line_wins_over_published_but_not_over_metadata(tmp_path):
    text = "Council backs new bridge\nFriday, July 21, 2017\n\nThe council voted.\n"
    assert from_plain_text(text, source="t", default_date="2020-01-01").published == "2017-07-21"
    assert from_plain_text(text, source="t", published="2017-07-20").published == "2017-07-20"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Council backs new bridge\n\nThe council voted.\n", encoding="utf-8")
    a, b = read(tmp_path / "a.txt", tmp_path / "b.txt", published="2020-01-01")
    assert (a.published, b.published) == ("2017-07-21", "2020-01-01")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": text, "published": "2017-07-20"}), encoding="utf-8")
    (c,) = read(feed)
    assert c.published == "2017-07-20" and "July 21" not in analysed_text(c)


def test_header_of_bylines_outlet_lines_and_dates_is_not_analysed():
    text = ("Minister rejects rail fare rise\nBy Daniel Hoyle\nPolitical correspondent\nPublished 3 June 2024\n\n"
            "By JANE ROE and SAM POE, Associated Press\n\nThe minister spoke.\n")
    a = from_plain_text(text, source="t")
    assert (a.title, a.published) == ("Minister rejects rail fare rise", "2024-06-03")
    assert analysed_text(a).strip() == "The minister spoke."


def test_a_date_whose_day_and_month_can_be_swapped_is_furniture_but_no_date():
    a = from_plain_text("Council backs bridge\n03/04/2017\n\nThe council voted.\n", source="t", default_date="2020-01-01")
    assert a.title == "Council backs bridge" and a.published == "2020-01-01"


def test_lines_that_only_look_like_a_header_stay_content():
    two_line_headline = "Candidates vie for support;\nBoth point out their credentials.\n\nThe debate began.\n"
    a = from_plain_text(two_line_headline, source="t")
    assert a.title is None and a.body_start == 0
    b = from_plain_text("The talks ended.\nBy Monday, the talks had collapsed.\n", source="t")
    assert b.title is None and not b.masked


# ---------------------------------------------------------------- page furniture

@pytest.mark.parametrize("line", [
    "Image: The new bridge at dawn", "Photo: Reuters", "Picture: Jane Roe", "Credit: Getty Images",
    "(Photo: Jane Roe/Getty Images)", "(AP Photo/Lena Holt)", "Image caption The minister at the depot",
    "Image copyright Getty Images", "Image source, EPA", "Media caption Watch the vote",
    "Jane Roe/Getty Images", "AFP via Getty Images", "REUTERS/Jane Roe", "Getty Images",
    "Workers marched past the harbour office. Photograph: Colin Ashby/Reuters",
    "Protesters outside the court on Monday (Photo: Jane Roe/AFP)",
    "By Jane Doe, BBC News", "By JANE ROE | Reuters", "Written by Sam Poe and Ann Lee",
    "(Reporting by Ann Lee; Editing by Sam Poe)", "Reporting by Ann Lee in Geneva",
    "Ann Lee and Sam Poe contributed reporting.",
    "Share this article", "Share on Facebook", "Facebook Twitter Email", "Share | Tweet | Email", "Copy link",
    "Advertisement", "Story continues below advertisement", "READ MORE: Drought hits farms",
    "Related: Council approves bridge", "Tags: water, senate, rural towns", "Categories: Politics, Transport",
    "Updated 3 hours ago", "Published: 21 July 2017", "TALKS STALL.", "FULL TEXT.",
    "Follow Jane Roe on Twitter @janeroe.", '"Follow Jane Roe on Twitter @janeroe."', "Follow us on Facebook",
    "You can follow Sam Poe on X at @sampoe", "Follow @janeroe",
])
def test_furniture_lines_are_masked(line):
    a = from_plain_text(f"Headline\n\nThe council voted.\n\n{line}\n\nThe mayor left the hall after the vote.\n",
                        source="t")
    assert [a.text[s:e] for s, e in a.masked] == [line]
    assert analysed_text(a).split() == "The council voted. The mayor left the hall after the vote.".split()


@pytest.mark.parametrize("dateline", [
    "WASHINGTON -- ", "WASHINGTON (AP) \u2014 ", "MANCHESTER, N.H. - ", "ST. LOUIS \u2014 ", "NEW YORK (Reuters) - ",
    "(CNN) \u2014 ", "TRENTON, N.J. (AP) \u2015 ",
])
def test_a_dateline_opening_the_first_paragraph_is_masked(dateline):
    text = f"Headline\n\n{dateline}Senator Ann Cole said the tax would go.\n\nNEW TAX - Second paragraph stays.\n"
    a = from_plain_text(text, source="t")
    assert [a.text[s:e] for s, e in a.masked] == [dateline.rstrip()]
    assert analysed_text(a).split() == "Senator Ann Cole said the tax would go. NEW TAX - Second paragraph stays.".split()


@pytest.mark.parametrize("line", [
    "NATO - the alliance met in Brussels.", "UK-based firms said the rules were unclear.", "US - and EU - talks resumed.",
    "The FBI - which declined to comment - said nothing.",
])
def test_a_first_paragraph_that_only_starts_in_capitals_keeps_its_words(line):
    a = from_plain_text(f"Headline\n\n{line}\n", source="t")
    assert not a.masked and line in analysed_text(a)


@pytest.mark.parametrize("line", [
    "Photo opportunities were rare during the strike, the mayor said.",
    "By Monday, the talks had collapsed.",
    "Getty Images said it would cut 300 jobs at its London office.",
    "Credit card debt rose by 4% last year, the bank said.",
    "Sources close to the minister said she would resign.",
    "Images of the flood were shared widely on Monday.",
    "Related talks in Geneva ended without a deal.",
    "The Reuters news agency reported the deal first.",
    "Share prices fell by 3% on Monday.",
    "Updated figures from 2017 show a rise.",
    "Follow the money, the senator said on Twitter.",
    "Follow-up talks on Twitter's future were held in May.",
])
def test_content_that_starts_like_furniture_is_kept(line):
    a = from_plain_text(f"Headline\n\nThe council voted.\n\n{line}\n\nThe mayor left.\n", source="t")
    assert not a.masked and a.body_end == -1 and line in analysed_text(a)


def test_a_sources_block_at_the_end_is_cut_and_a_related_box_inside_is_masked():
    text = ("Harbour strike ends\n\nDock workers returned to work on Friday.\n\n"
            "Related articles\nDockers vote to strike\nPort traffic halted\n\n"
            '"This is a fair deal," said Ruth Okafor.\n\n'
            "Sources\nElmridge Evening Post - Dockers accept pay offer\nCoastal Times: Strike over at last\n"
            "https://example.org/docks\n")
    a = from_plain_text(text, source="t")
    assert a.text[a.body_stop:].startswith("Sources\n")
    assert [a.text[s:e] for s, e in a.masked] == ["Related articles", "Dockers vote to strike", "Port traffic halted"]
    assert analysed_text(a).split() == 'Dock workers returned to work on Friday. "This is a fair deal," said Ruth ' \
                                       'Okafor.'.split()


def test_a_links_heading_followed_by_prose_masks_only_the_heading():
    text = "Headline\n\nThe council voted.\n\nSee also\n\nThe mayor said the bridge would open in May.\n"
    a = from_plain_text(text, source="t")
    assert [a.text[s:e] for s, e in a.masked] == ["See also"] and a.body_end == -1


OUTLETS = {
    "broadsheet.txt": """Harbour strike ends after pay deal
Friday, 14 March 2025
By Ellen Marsh, transport correspondent

Dock workers in Port Elmridge returned to work on Friday after their union accepted a new pay offer from the port authority.

"This is a fair deal for every family on the docks," said Ruth Okafor, the general secretary of the Dockers Union.

Workers marched past the harbour office on Thursday. Photograph: Colin Ashby/Reuters

Photo opportunities were rare during the strike, harbour master Ivo Petrak told reporters.

Share this article
Facebook Twitter Email

Sources
Elmridge Evening Post - Dockers accept pay offer
Coastal Times: Strike over at last
https://example.org/docks
""",
    "broadcaster.txt": """Minister rejects rail fare rise
By Daniel Hoyle
Political correspondent
Published 3 June 2024

Image caption The minister visited the Northfield depot on Monday
Image copyright Getty Images

Transport minister Priya Nandakumar has rejected a proposed rise in rail fares for next year.

"Passengers have paid enough," she told MPs in the Commons.

Related articles
Rail operators warn of losses
Strike ballot at Westbury depot

More on this story
Fares to rise in Kingsmoor
""",
    "wire.txt": """Senate panel backs water bill
July 21, 2017 3:45 PM EDT
By JANE ROE and SAM POE, Associated Press

A Senate committee on Thursday approved a bill to fund water pipes in rural towns.

Senator Carla Mendes, who wrote the bill, said the money would reach towns within a year.

(AP Photo/Lena Holt)

Senator Brian Kessler denied that the bill would raise taxes.

READ MORE: Drought hits farms in Dunmore Valley

Tags: water, senate, rural towns
""",
}
"""Articles written for this test in three outlets' styles: headline, date line, byline, body with quotes, a
picture credit in the middle, related links and sources at the end."""
FURNITURE_NAMES = ("Ellen Marsh", "Colin Ashby", "Reuters", "Elmridge Evening Post", "Coastal Times", "Daniel Hoyle",
                   "Getty Images", "Northfield", "Westbury", "Kingsmoor", "Jane Roe", "Sam Poe", "Associated Press",
                   "Lena Holt", "Dunmore Valley")


@pytest.mark.model
def test_nothing_in_page_furniture_becomes_an_entity_or_a_fact_and_the_body_facts_are_found(tmp_path):
    from rdflib import RDFS, SKOS, Graph, Namespace
    from typer.testing import CliRunner

    from kg.cli import app

    kg, schema = Namespace("https://kg.example/ns#"), Namespace("https://schema.org/")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in OUTLETS.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "o"), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    g = Graph().parse(tmp_path / "o" / "graph.ttl")
    names = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in g.objects(None, p)}
    assert not [n for n in names if any(f in n for f in FURNITURE_NAMES)], sorted(names)
    facts = [str(o) for n in {o for p in (kg.said, kg.denies, kg.proposes, kg.hosted, kg.holdsRole)
                              for o in g.objects(None, p)}
             for q in (kg.text, kg.sentence) for o in g.objects(n, q)]
    assert not [f for f in facts if any(x in f for x in (*FURNITURE_NAMES, "Photograph", "READ MORE", "Tags"))], facts
    speakers = {str(g.value(s, RDFS.label)): str(g.value(o, kg.text)) for s, o in g.subject_objects(kg.said)}
    assert speakers["Ruth Okafor"] == "This is a fair deal for every family on the docks"
    assert speakers["Ivo Petrak"].startswith("Photo opportunities were rare"), "content that looks like a credit"
    assert {"Priya Nandakumar", "Carla Mendes"} <= set(speakers)
    assert {str(g.value(s, RDFS.label)) for s in g.subjects(kg.denies, None)} >= {"Brian Kessler", "Priya Nandakumar"}
    dates = {str(g.value(d, schema.headline)): str(g.value(d, schema.datePublished))
             for d in g.subjects(kg.sourceName, None)}
    assert dates == {"Harbour strike ends after pay deal": "2025-03-14", "Minister rejects rail fare rise": "2024-06-03",
                     "Senate panel backs water bill": "2017-07-21"}
