"""Entity resolution within an article: surnames, spelling variants, pronouns, nationality words, titles."""

from conftest import _english_vocab, entity, extract, facts
from spacy.tokens import Doc

import texts
from kg.gazetteer import load
from kg.mentions import find_mentions


def test_surname_joins_the_full_name():
    x = extract(texts.ENTITIES_SURNAME)
    people = [e for e in x.entities if e.type == "Person"]
    assert len(people) == 1
    assert set(people[0].aliases) >= {"Volodymyr Zelensky", "Zelensky"}


def test_spelling_variants_are_one_place_with_a_wikidata_id():
    x = extract(texts.ENTITIES_VARIANTS)
    kyiv = entity(x, "Kyiv")
    assert kyiv.type == "Place" and {"Kiev", "Kyiv"} <= set(kyiv.aliases)
    assert kyiv.wikidata == "Q1899"
    assert [e.label for e in x.entities if e.type == "Place"] == ["Kyiv"]


def test_pronoun_speaker_is_resolved():
    assert facts(extract(texts.ENTITIES_PRONOUN), "said")[-1] == ("John Kirby", "It is not moving any more")


def test_she_skips_a_nearer_man():
    assert facts(extract(texts.ENTITIES_PRONOUN_GENDER), "said")[-1] == ("Hillary Clinton", "I was ready for it")


def test_a_famous_surname_needs_its_country_in_the_article():
    assert facts(extract(texts.ENTITIES_SURNAME_ELSEWHERE), "said")[0][0] == "McConnell"
    assert facts(extract(texts.ENTITIES_SURNAME_IN_CONTEXT), "said")[0][0] == "Mitch McConnell"


def test_nationality_words_are_not_entities():
    x = extract(texts.ENTITIES_NATIONALITY)
    assert [e.label for e in x.entities] == ["Istanbul"]


def test_title_description_resolves_to_its_holder():
    x = extract(texts.ENTITIES_TITLE_DESCRIPTION)
    assert facts(x, "said") == [("Volodymyr Zelenskyy", "the front was stable")]
    assert "The Ukrainian president" in entity(x, "Volodymyr Zelenskyy").aliases


def labels(x, etype: str) -> list[str]:
    return sorted(e.label for e in x.entities if e.type == etype)


def test_surname_that_is_a_country_stays_the_person():
    x = extract(texts.ENTITIES_SURNAME_NOT_PLACE)
    assert labels(x, "Place") == []
    assert set(entity(x, "Jim Jordan").aliases) == {"Jim Jordan", "Jordan"}
    assert facts(x, "said") == [("Jim Jordan", "the agency had misled Congress")]


def test_country_after_in_stays_the_country_beside_a_namesake():
    x = extract(texts.ENTITIES_PLACE_AFTER_IN)
    assert labels(x, "Place") == ["Amman", "Jordan"]
    assert labels(x, "Person") == ["Jim Jordan"]


def test_honorific_makes_a_city_name_a_person():
    x = extract(texts.ENTITIES_HONORIFIC_NOT_PLACE)
    assert [(e.label, e.type) for e in x.entities] == [("Lyon", "Person")]
    assert facts(x, "said") == [("Lyon", "the firm had asked her to work without pay")]


def test_city_without_person_cues_stays_a_place():
    x = extract(texts.ENTITIES_CITY)
    assert [(e.label, e.type, e.wikidata is not None or e.key.startswith("gz:")) for e in x.entities] == [
        ("Lyon", "Place", True)]


def test_surname_after_honorific_joins_the_person():
    x = extract(texts.ENTITIES_HONORIFIC_SURNAME)
    assert [(e.label, e.type) for e in x.entities] == [("Graham Porter", "Person")]


def test_acronym_in_brackets_joins_its_expansion():
    x = extract(texts.ENTITIES_ACRONYM)
    assert [(e.label, e.type, e.aliases) for e in x.entities] == [
        ("New Example Party", "Organization", ("NEP", "New Example Party"))]
    assert facts(x, "said") == [("New Example Party", "it would form a government")]


def test_acronym_rebuilds_a_name_ner_split():
    x = extract(texts.ENTITIES_ACRONYM_SPLIT_NAME)
    assert [(e.label, e.aliases) for e in x.entities] == [
        ("World Sailing and Rowing Council", ("WSRC", "World Sailing and Rowing Council"))]


def test_short_form_joins_the_organisation_named_before():
    x = extract(texts.ENTITIES_SHORT_FORM)
    (post,) = x.entities
    assert set(post.aliases) == {"Post", "Washington Post"}


def test_laws_events_and_works_are_not_entities():
    assert labels(extract(texts.ENTITIES_LAW_AND_EVENT), "Organization") == []
    assert [e.label for e in extract(texts.ENTITIES_LAW_AND_EVENT).entities] == ["Ottawa"]
    assert extract(texts.ENTITIES_WORKS).entities == ()
    assert extract(texts.ENTITIES_SHOW_TAGGED_AS_VERB).entities == ()


def test_title_case_heading_is_not_a_name():
    assert extract(texts.ENTITIES_HEADING).entities == ()


def test_reporting_credit_names_no_entity():
    assert extract(texts.ENTITIES_CREDIT_LINE).entities == ()


def test_names_only_used_as_modifiers_are_not_entities():
    assert [e.label for e in extract(texts.ENTITIES_MODIFIERS).entities] == ["Hong Kong"]


def test_acronym_of_a_common_noun_is_not_an_entity():
    assert extract(texts.ENTITIES_LOWER_CASE_ACRONYM).entities == ()


def test_organisation_noun_types_the_name_after_it():
    x = extract(texts.ENTITIES_ORGANISATION_NOUN)
    assert labels(x, "Organization") == ["Skyjet", "Zentel"]
    assert labels(x, "Person") == ["Dana Ortiz"]


def test_title_in_apposition_makes_a_person():
    x = extract(texts.ENTITIES_APPOSITION_PERSON)
    assert labels(x, "Person") == ["Boris Johnson", "Dominic Cummings"]
    assert labels(x, "Organization") == []


def test_spaced_possessive_is_the_same_name():
    x = extract(texts.ENTITIES_SPACED_APOSTROPHE)
    assert len(x.entities) == 1 and x.entities[0].type == "Organization"


def test_possessive_between_two_names_makes_two_entities():
    x = extract(texts.ENTITIES_POSSESSIVE_BETWEEN)
    assert labels(x, "Organization") == ["Alphabet Inc.", "Google"]
    assert facts(x, "said") == [("Google", "it would appeal the ruling")]


def test_photo_credit_words_are_not_part_of_a_name():
    assert [(e.label, e.type) for e in extract(texts.ENTITIES_PHOTO_CREDIT_WORD).entities] == [("Carla Diaz", "Person")]


def test_newspaper_in_apposition_makes_an_organisation():
    x = extract(texts.ENTITIES_NEWSPAPER_APPOSITION)
    assert [(e.label, e.type) for e in x.entities] == [("Il Nuovo Corriere", "Organization")]


def test_spaced_dash_ends_a_name():
    assert [e.label for e in extract(texts.ENTITIES_SPACED_DASH).entities] == ["Maria Keller"]


def test_a_name_span_that_starts_with_a_possessive_is_cut_without_error():
    """NER sometimes starts a span at the possessive ("Heer ’s Clinton" tagged "’s Clinton"): once an
    IndexError that stopped the article."""
    words = ["Heer", "\u2019s", "Clinton", "spoke", "."]
    doc = Doc(_english_vocab(), words=words, spaces=[False, True, True, False, False],
              pos=["PROPN", "PART", "PROPN", "VERB", "PUNCT"], heads=[2, 0, 3, 3, 3],
              deps=["poss", "case", "nsubj", "ROOT", "punct"], ents=["O", "B-PERSON", "I-PERSON", "O", "O"])
    assert [(m.text, m.type) for m in find_mentions(doc, load())] == [("Clinton", "Person")]


def test_a_person_named_by_initials_only_is_kept_without_error():
    """ "Mr J. said no": a name of initials alone has no surname (once an IndexError that stopped the article)."""
    words = ["Mr", "J.", "said", "no", "."]
    doc = Doc(_english_vocab(), words=words, spaces=[True, True, True, False, False],
              pos=["PROPN", "PROPN", "VERB", "INTJ", "PUNCT"], heads=[1, 2, 2, 2, 2],
              deps=["compound", "nsubj", "ROOT", "dobj", "punct"], ents=["O", "B-PERSON", "O", "O", "O"])
    assert [(m.text, m.type) for m in find_mentions(doc, load())] == [("J.", "Person")]


def test_a_surname_speaker_takes_the_full_name_ner_missed_before():
    x = extract(texts.ENTITIES_FULL_NAME_NER_MISSED)
    assert facts(x, "said") == [("Tomasz Wielgoszewski", "We cannot keep the prices where they are")]
    assert set(entity(x, "Tomasz Wielgoszewski").aliases) == {"Tomasz Wielgoszewski", "Wielgoszewski"}


def test_a_law_that_proposes_is_no_person():
    x = extract(texts.ENTITIES_LAW_AS_SUBJECT)
    assert labels(x, "Person") == [] and facts(x, "proposes") == []


def test_a_short_form_ner_took_for_a_person_stays_the_organisation():
    x = extract(texts.ENTITIES_ORG_SHORT_FORM_AS_PERSON)
    assert [(e.label, e.type) for e in x.entities] == [("Bayline Ferries", "Organization")]
    assert facts(x, "said") == [("Bayline Ferries", "the increase was needed to cover fuel costs")]


def test_a_name_apposed_to_a_title_is_a_person_with_that_role():
    x = extract(texts.ENTITIES_NAME_APPOSED_TO_TITLE)
    assert facts(x, "hosted") == [("Ana Ruiz", "a meeting with residents at the town hall")]
    assert facts(x, "proposes") == [("Ana Ruiz", "a fare freeze")]  # "She" is the mayor, not the councillor
    assert sorted((r.person, r.title) for r in x.roles) == [("Person:ana ruiz", "mayor"),
                                                            ("Person:maria okafor", "Councillor")]


def test_a_one_word_name_apposed_to_a_title_is_not_made_a_person():
    x = extract(texts.ENTITIES_ONE_WORD_APPOSED_TO_TITLE)  # "analysts IDC": a firm as often as a person
    assert labels(x, "Person") == []


def test_an_acronym_apposed_to_a_union_is_an_organisation():
    x = extract(texts.ENTITIES_ACRONYM_APPOSED_TO_UNION)
    assert entity(x, "BALPA").type == "Organization" and facts(x, "proposes") == [("BALPA", "talks")]


def test_the_company_is_not_a_court_or_an_agency_named_before_and_a_river_is_a_place():
    x = extract(texts.ENTITIES_COMPANY_AFTER_A_COURT)
    assert facts(x, "denies") == []  # the water company is never named: no one to give the denial to
    assert entity(x, "River Wend").type == "Place"
