"""roles: a person's job title and affiliation as written next to the name: "Pentagon spokesperson John
Kirby", "U.S. Secretary of State Antony Blinken", "Russia's chief negotiator, Vladimir Medinsky", "Jeremy Flynn,
head of third party services at Vodafone", "Rep. Gwen Moore (D-Wis.)"."""

from __future__ import annotations

from collections.abc import Iterator

from kg.entities.memory import Resolved
from kg.entities.organisations import campaign
from kg.lexicon import NATIONAL_TITLE_HEADS, PERSONAL_STAFF_TITLES
from kg.mentions import Mention
from kg.relations import ROLE, Context, Found, rule
from kg.titles import Title


@rule("roles", version=4, predicate=ROLE)
def roles(ctx: Context) -> Iterator[Found]:
    """One finding per person and title (the mention that gives an affiliation wins over those that do not).
    The affiliation is an organisation or a place; a person only for personal staff ("Margaret Thatcher's
    press secretary") and a candidate's campaign staff work for the campaign ("Trump campaign manager Kellyanne
    Conway")."""
    entities = ctx.entities
    best: dict[tuple[str, str], Found] = {}
    for mention in entities.mentions:
        person = entities.entity_of_token(mention.start)
        if person is None or entities.type_of(person) != "Person":
            continue
        for title in mention.titles:
            affiliation = _affiliation(ctx, mention, person, title)
            key = (person, title.text.lower())
            if key not in best or (best[key].affiliation is None and affiliation is not None):
                best[key] = Found(person, (title.start, title.end), 0.85 if affiliation else 0.75, label=title.text,
                                  affiliation=affiliation.key if affiliation else None,
                                  proposes=affiliation.proposes if affiliation else ())
    yield from best.values()


def _affiliation(ctx: Context, mention: Mention, person: str, title: Title) -> Resolved | None:
    """Whom the title belongs to: the name written with it, the party of a party tag, or, for a national office
    held by a person the gazetteer knows ("President Barack Obama"), their country when the article names it."""
    entities = ctx.entities
    head = title.text.lower().split()[-1]
    affiliation = entities.entity_of_token(title.affiliation) if title.affiliation is not None else None
    if affiliation is not None and affiliation != person and entities.type_of(affiliation) == "Person":
        if title.text.lower().startswith("campaign"):
            return _campaign(ctx, affiliation, title)
        return Resolved(affiliation, "name") if head in PERSONAL_STAFF_TITLES else None
    if affiliation is not None and affiliation != person:
        return Resolved(affiliation, "name")
    if title.party is not None:
        return Resolved(entities.gazetteer_entity(title.party), "name")
    if head in NATIONAL_TITLE_HEADS or title.text.lower().endswith("secretary of state"):
        country = entities.country_of(person)
        return Resolved(country, "name") if country else None
    return None


def _campaign(ctx: Context, candidate: str, title: Title) -> Resolved:
    """The campaign of the candidate named before a campaign title ("Trump campaign manager"), proposed as an
    organisation of its own."""
    doc = ctx.doc
    first = title.affiliation or 0
    while first > 0 and doc[first - 1].ent_type_ == "PERSON":
        first -= 1
    campaign_word = next(t for t in doc[title.affiliation:] if t.lower_ == "campaign")
    return campaign(ctx.entities, candidate, doc[first:campaign_word.i + 1])
