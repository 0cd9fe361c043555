"""Datelines and page headers of francophone outlets: one test per row of
tests/cases/datelines.tsv (publication date, where it came from, the dateline city)."""

from __future__ import annotations

import pytest
from casedata import read_cases

from chronique.documents.published import find_published

CASES = read_cases("datelines.tsv")


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_dateline_case(case):
    found = find_published(case["text"].replace("\\n", "\n"))
    expect = lambda value: None if value == "-" else value  # noqa: E731
    assert found.date == expect(case["date"])
    assert found.source == expect(case["source"])
    assert found.dateline_city == expect(case["city"])


def test_the_dateline_does_not_date_the_event():
    """The dateline gives the publication day; "mercredi" in the lead dates the event."""
    from chronique.pipeline import Coder

    text = ("Haïti : un chef de gang arrêté\nPort-au-Prince, 8 février 2024 – La police "
            "nationale haïtienne a arrêté mercredi un chef de gang à Port-au-Prince.")
    events = Coder().code_text(text)
    body = [e for e in events if e.sentence.index == 1]
    assert body and body[0].date == "2024-02-07" and body[0].date_text == "mercredi"
