"""roles: a person's job title and affiliation as written next to the name: "Pentagon spokesperson John
Kirby", "U.S. Secretary of State Antony Blinken", "Russia's chief negotiator, Vladimir Medinsky"."""

from __future__ import annotations

from collections.abc import Iterator

from kg.relations import Context, Found, rule


@rule("roles", version=1, predicate="role")
def roles(ctx: Context) -> Iterator[Found]:
    """One finding per titled person mention; the affiliation must be an organisation or a place ("Trump
    campaign manager Kellyanne Conway" works for the Trump campaign, not for Trump)."""
    resolver = ctx.resolver
    for mention in resolver.mentions:
        title = mention.title
        person = resolver.entity_of_token(mention.start)
        if title is None or person is None or resolver.type_of(person) != "Person":
            continue
        affiliation = resolver.entity_of_token(title.affiliation) if title.affiliation is not None else None
        if affiliation is not None and affiliation != person and resolver.type_of(affiliation) == "Person" \
                and title.text.lower().startswith("campaign"):
            doc = ctx.doc
            first = title.affiliation
            while first > 0 and doc[first - 1].ent_type_ == "PERSON":
                first -= 1
            campaign_word = next(t for t in doc[title.affiliation:] if t.lower_ == "campaign")
            affiliation = resolver.campaign(affiliation, doc[first:campaign_word.i + 1])
        if affiliation is not None and (affiliation == person or resolver.type_of(affiliation) == "Person"):
            affiliation = None
        confidence = 0.85 if affiliation else 0.75
        yield Found(person, (title.start, title.end), confidence, label=title.text, affiliation=affiliation)
