"""The joins left undone that `kg entities --merges` lists: look-alike corpus entities kg keeps apart, and why.
Extractions are built by hand: no model needed."""

from __future__ import annotations

import hashlib

from kg.graph import Minter
from kg.linking import format_merges, link, merge_rows
from kg.model import Article, Entity, Extraction
from kg.unjoined import undone_joins


def article(text: str, *entities: Entity) -> Extraction:
    a = Article(text=text, source=f"{text[:12]}.txt", content_hash=hashlib.sha256(text.encode()).hexdigest())
    return Extraction(a, entities)


def entity(key: str, label: str) -> Entity:
    return Entity(key, key.split(":")[0] if not key.startswith("gz:") else "Place", label, (label,),
                  mentions=((0, len(label)),))


CORPUS = [
    article("Volodymyr Zelensky spoke.", entity("Person:volodymyr zelensky", "Volodymyr Zelensky")),
    article("Volodymyr Zelenskyy replied.", entity("Person:volodymyr zelenskyy", "Volodymyr Zelenskyy")),
    article("Jordan said it would help.", entity("Organization:jordan", "Jordan")),
    article("Jordan scored twice.", entity("Person:jordan", "Jordan")),
    article("The NEP said no.", entity("Organization:nep", "NEP")),
    article("The New Example Party said yes.", entity("Organization:new example party", "New Example Party")),
    article("E.ON raised prices.", entity("Organization:e.on", "E.ON")),
    article("EON raised them again.", entity("Organization:eon", "EON")),
    article("John Smith spoke.", entity("Person:john smith", "John Smith")),
    article("Anna Smith replied.", entity("Person:anna smith", "Anna Smith")),
    article("John Fitzgerald Smith wrote.", entity("Person:john fitzgerald smith", "John Fitzgerald Smith")),
    article("Lena Holt spoke.", entity("Person:lena holt", "Lena Holt")),
    article("Lena Holt spoke again.", entity("Person:lena holt", "Lena Holt")),
    article("Li and Lu met.", entity("Person:li", "Li"), entity("Person:lu", "Lu")),
]


def reasons() -> dict[tuple[str, ...], str]:
    return {u.keys: u.reason for u in undone_joins(link(CORPUS))}


def test_each_kind_of_look_alike_is_reported_with_its_reason():
    found = reasons()
    assert "differ by one letter" in found[("Person:volodymyr zelensky", "Person:volodymyr zelenskyy")]
    assert "typed Organization and Person" in found[("Organization:jordan", "Person:jordan")]
    assert "acronym of New Example Party" in found[("Organization:nep", "Organization:new example party")]
    assert "spacing or punctuation" in found[("Organization:e.on", "Organization:eon")]
    assert "other first names" in found[("Person:anna smith", "Person:john fitzgerald smith", "Person:john smith")]
    assert "other middle names" in found[("Person:john fitzgerald smith", "Person:john smith")]


def test_joined_entities_and_short_names_are_not_reported():
    keys = {k for group in reasons() for k in group}
    assert "Person:lena holt" not in keys, "the same full name was joined: nothing undone"
    assert "Person:li" not in keys and "Person:lu" not in keys, "one letter apart, but too short to mean a typo"


def test_merges_listing_shows_them_under_left_apart_with_their_documents():
    linking = link(CORPUS)
    rows = merge_rows(linking, Minter())
    undone = [r for r in rows if r["into"] is None]
    zelensky = next(r for r in undone if r["key"] == "Person:volodymyr zelensky")
    assert zelensky["with"] == ["Person:volodymyr zelenskyy"] and len(zelensky["documents"]) == 2
    text = format_merges(rows)
    assert "left apart:" in text
    assert "not joined: Volodymyr Zelensky [Person:volodymyr zelensky] (1 docs), Volodymyr Zelenskyy " in text
    assert text.index("Lena Holt") < text.index("left apart:"), "a join made is listed above"


def test_the_report_does_not_depend_on_article_order():
    assert undone_joins(link(CORPUS)) == undone_joins(link(list(reversed(CORPUS))))
