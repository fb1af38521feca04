"""roles/v1: titles before names and in apposition, with their affiliation."""

from conftest import extract

import texts


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
    assert role.evidence.rule == "roles/v1"
