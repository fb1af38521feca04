"""roles: titles before names and in apposition, with their affiliation."""

from conftest import extract

import texts
from kg.relations import load_rules


def roles(text: str) -> list[tuple[str, str, str | None]]:
    x = extract(text)
    labels = {e.key: e.label for e in x.entities}
    return [(labels[r.person], r.title, labels.get(r.affiliation)) for r in x.roles]


def test_title_before_name_with_organisation():
    assert roles(texts.ROLES_PREMODIFIER) == [("John Kirby", "spokesperson", "United States Department of Defense")]


def test_title_with_of_and_country():
    assert roles(texts.ROLES_OF) == [("Antony Blinken", "Secretary of State", "United States")]


def test_apposition_before_name():
    assert roles(texts.ROLES_APPOSITION_BEFORE) == [("Vladimir Medinsky", "chief negotiator", "Russia")]


def test_apposition_after_name():
    assert roles(texts.ROLES_APPOSITION_AFTER) == [("John Kirby", "spokesman", "United States Department of Defense")]


def test_abbreviated_title_is_spelled_out():
    assert roles(texts.ROLES_ABBREVIATION) == [("Elizabeth Warren", "Senator", None)]


def test_hyphenated_title_keeps_its_hyphen():
    assert roles(texts.ROLES_HYPHENATED) == [("Ant\u00f3nio Guterres", "Secretary-General", "United Nations")]


def test_campaign_title_belongs_to_the_campaign():
    assert roles(texts.ROLES_CAMPAIGN) == [("Kellyanne Conway", "campaign manager", "Donald Trump campaign")]


def test_subject_of_a_report_is_not_an_apposition():
    assert roles(texts.ROLES_NOT_APPOSITION) == []


def test_role_carries_evidence():
    x = extract(texts.ROLES_PREMODIFIER)
    (role,) = x.roles
    assert x.article.text[role.span.start:role.span.end] == role.span.text == "Pentagon spokesperson"
    assert role.evidence.rule == load_rules()["roles"].id


def test_title_keeps_its_qualifying_words():
    assert roles(texts.ROLES_QUALIFIED_TITLE) == [("Anne Porter", "Former welfare minister", None)]


def test_of_phrase_belongs_to_the_title_and_at_gives_the_organisation():
    assert roles(texts.ROLES_OF_PHRASE_AT) == [("Tom Reyes", "head of consumer services", "Vodafone")]


def test_spokesman_for_an_organisation_named_in_apposition():
    assert roles(texts.ROLES_SPOKESMAN_FOR_NAME) == [("Ravindran", "spokesman", "Acme Builders")]


def test_title_in_a_who_clause():
    assert roles(texts.ROLES_WHO_SERVED) == [("Derek Lowe", "ambassador", "United States")]


def test_party_tag_gives_the_party():
    assert roles(texts.ROLES_PARTY_TAG) == [("Ann Kuster", "Representative", "Democratic Party")]


def test_no_organisation_is_named_after_a_title():
    x = extract(texts.ROLES_TITLE_NAMED_AFTER_ORG)
    assert roles(texts.ROLES_TITLE_NAMED_AFTER_ORG) == [
        ("Ned Price", "Spokesperson", "United States Department of State")]
    assert sorted(e.label for e in x.entities) == ["Ned Price", "United States Department of State"]


def test_a_role_needs_a_named_person():
    assert roles(texts.ROLES_NO_NAMED_PERSON) == []


def test_two_titles_joined_by_and_are_two_roles():
    assert roles(texts.ROLES_TWO_TITLES) == [("Paul Newland", "Veteran actor", None),
                                             ("Paul Newland", "director", None)]


def test_national_office_belongs_to_the_country_the_article_names():
    assert roles(texts.ROLES_HEAD_OF_STATE_COUNTRY) == [("Barack Obama", "President", "United States")]
    assert roles(texts.ROLES_HEAD_OF_STATE_NO_COUNTRY) == [("Barack Obama", "President", None)]


def test_title_after_the_name():
    assert roles(texts.ROLES_AFTER_NAME) == [("Frank Dobson", "MP", None)]


def test_personal_staff_work_for_a_person():
    assert roles(texts.ROLES_PERSONAL_STAFF) == [("Dominic Cummings", "former adviser", "Boris Johnson")]


def test_former_roles_count():
    assert roles(texts.ROLES_FORMER) == [("Tony Blair", "Former Prime Minister", None)]


def test_a_name_ner_missed_before_a_job_title_is_the_employer():
    """NER tags "Clara Furse" but not "LSE"; the job title between them makes LSE her employer."""
    assert roles(texts.ROLE_EMPLOYER_BEFORE_TITLE) == [("Clara Furse", "boss", "LSE")]


def test_a_work_or_a_capitalised_common_word_before_a_title_is_no_employer():
    """ "Silent Harbour actress": actors and producers work on films; "Rock singer": a capital that only starts a
    sentence."""
    assert [org for _, _, org in roles(texts.ROLE_WORK_BEFORE_TITLE)] == [None, None, None]


def test_an_office_of_a_state_belongs_to_the_state_not_the_party():
    """ "the Democratic attorney general of Nevada": the party word qualifies the title; the office is Nevada's.
    A party's spokesman "for" a ministry speaks for the party."""
    assert roles(texts.ROLE_PARTY_OFFICE_OF_A_STATE) == [("Maria Lopez", "Democratic attorney general", "Nevada"),
                                                         ("Ian Hope", "Conservative spokesman", "Conservative Party")]


def test_an_armed_service_before_a_title_is_the_employer():
    """ "Air Force", "Army" are title words ("Army chief") but, tagged as an organisation, name the service."""
    assert roles(texts.ROLE_ARMED_SERVICE_BEFORE_TITLE) == [("Carl Ruiz", "Air Force general", "Air Force"),
                                                            ("Tim Shaw", "Army spokesman", "Army")]
