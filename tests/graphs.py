"""Small kg graphs built by hand through kg's own RDF model (kg.graph), for the view and page tests.

`small_graph` has one of each relation type, a fact with no target, a self-reference and an isolated entity;
`hostile_graph` puts script, markup, quotes, backslashes and line separators into every string a page shows.
"""

from __future__ import annotations

import hashlib

from rdflib import Graph

from kg.graph import Minter, build_graph
from kg.model import Article, Entity, Evidence, Extraction, Relation, Role, Span

HOSTILE = {
    "person": "</script><script>window.__xss='label'</script>Ivan",
    "alias": "<img src=x onerror=\"window.__xss='alias'\">",
    "org": "O'Brien \"Group\" \\ </style><svg onload=window.__xss='org'>",
    "place": "Line\nbreak\u2028and\u2029<!-- comment -->",
    "quote": "<img src=x onerror=window.__xss='quote'> \\\" '); window.__xss='js'; ('",
    "headline": "<b onmouseover=window.__xss='headline'>Bold</b> & </SCRIPT>",
}


def _article(text: str, title: str) -> Article:
    return Article(text=text, source="hand-made.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   title=title, published="2025-05-16")


def _relation(predicate: str, subject: Entity, text: str, sentence: str, confidence: float, *,
              about: tuple[Entity, ...] = (), place: Entity | None = None) -> Relation:
    start = max(sentence.find(text), 0)
    return Relation(predicate, subject.key, Span(start, start + len(text), text),
                    Evidence(Span(0, len(sentence), sentence), f"{predicate}/v1", confidence),
                    about=tuple(e.key for e in about), place=place.key if place else None)


def small_graph() -> Graph:
    """Seven entities and seven facts from one article, folded by the page into five edges."""
    putin = Entity("person:vladimir putin", "Person", "Vladimir Putin", aliases=("Putin",), wikidata="Q7747")
    peskov = Entity("person:dmitry peskov", "Person", "Dmitry Peskov")
    kremlin = Entity("gz:kremlin", "Organization", "Kremlin")
    ukraine = Entity("gz:ukraine", "Place", "Ukraine")
    istanbul = Entity("gz:istanbul", "Place", "Istanbul")
    erdogan = Entity("person:recep erdogan", "Person", "Recep Erdogan")
    morocco = Entity("gz:morocco", "Place", "Morocco")
    s1 = 'Putin said "Ukraine must talk" on Tuesday.'
    s2 = "Putin said that Ukraine had agreed."
    s3 = "Kremlin spokesman Dmitry Peskov said Ukraine was ready."
    s4 = "Erdogan hosted the talks in Istanbul."
    s5 = "The Kremlin denied the report."
    s6 = "Putin proposed a ceasefire."
    relations = (
        _relation("said", putin, "Ukraine must talk", s1, 0.9, about=(ukraine,)),
        _relation("said", putin, "Ukraine had agreed", s2, 0.8, about=(ukraine,)),
        _relation("said", peskov, "Ukraine was ready", s3, 0.7, about=(ukraine,)),
        _relation("hosted", erdogan, "the talks", s4, 0.81, place=istanbul),
        _relation("denies", kremlin, "the report about the Kremlin", s5, 0.6, about=(kremlin,)),
        _relation("proposes", putin, "a ceasefire", s6, 0.75),
    )
    role = Role(peskov.key, "spokesman", Span(8, 17, "spokesman"), Evidence(Span(0, len(s3), s3), "role/v1", 0.95),
                affiliation=kremlin.key)
    entities = (putin, peskov, kremlin, ukraine, istanbul, erdogan, morocco)
    article = _article(" ".join([s1, s2, s3, s4, s5, s6]), "Talks in Istanbul")
    return build_graph([Extraction(article, entities, relations, (role,))], {e.key: e for e in entities},
                       minter=Minter())


def hostile_graph() -> Graph:
    """Names, an alias, a quote and a headline that try to end the script, inject markup or break strings."""
    person = Entity("person:hostile", "Person", HOSTILE["person"], aliases=(HOSTILE["alias"],))
    org = Entity("organization:hostile", "Organization", HOSTILE["org"])
    place = Entity("place:hostile", "Place", HOSTILE["place"])
    sentence = f'"{HOSTILE["quote"]}," said the man.'
    relations = (_relation("said", person, HOSTILE["quote"], sentence, 0.9, about=(org, place)),)
    role = Role(person.key, HOSTILE["alias"], Span(0, 3, "man"), Evidence(Span(0, len(sentence), sentence),
                                                                          "role/v1", 0.9), affiliation=org.key)
    entities = (person, org, place)
    return build_graph([Extraction(_article(sentence, HOSTILE["headline"]), entities, relations, (role,))],
                       {e.key: e for e in entities}, minter=Minter())




def lookup_graph() -> Graph:
    """Entities whose names exercise every rule of kg.readback.find_entity: a surname one person has and another's
    first name, a surname two people share, a name that is another entity's other name, an accented name, a name
    two entities of different types share, a name with "the"."""
    kirby, smith, jane, tom, erdogan, washington, government, georgia_place, georgia_person, kremlin = (
        Entity(f"{kind.lower()}:{name.lower()}", kind, name, aliases=aliases) for kind, name, aliases in (
            ("Person", "John Kirby", ()), ("Person", "Kirby Smith", ()), ("Person", "Jane Harris", ()),
            ("Person", "Tom Harris", ()), ("Person", "Recep Tayyip Erdoğan", ()), ("Place", "Washington", ()),
            ("Organization", "US Government", ("Washington",)), ("Place", "Georgia", ()), ("Person", "Georgia", ()),
            ("Organization", "Kremlin", ())))
    s1 = "John Kirby said Washington would answer."
    s2 = "Kirby Smith said the Kremlin was silent."
    s3 = "Government spokeswoman Jane Harris declined to comment."
    relations = (_relation("said", kirby, "Washington would answer", s1, 0.9, about=(washington,)),
                 _relation("said", smith, "the Kremlin was silent", s2, 0.8, about=(kremlin,)))
    role = Role(jane.key, "spokeswoman", Span(11, 22, "spokeswoman"), Evidence(Span(0, len(s3), s3), "role/v1", 0.9),
                affiliation=government.key)
    entities = (kirby, smith, jane, tom, erdogan, washington, government, georgia_place, georgia_person, kremlin)
    return build_graph([Extraction(_article(" ".join([s1, s2, s3]), "Names"), entities, relations, (role,))],
                       {e.key: e for e in entities}, minter=Minter())
