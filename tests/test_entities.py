"""Entity resolution within an article: surnames, spelling variants, pronouns, nationality words, titles."""

from conftest import entity, extract, facts

import texts


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
