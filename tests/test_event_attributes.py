"""When and where the main event of a short news text happened: one test per row of
tests/cases/event_dates.tsv and event_places.tsv (written for the project by a writer who saw
neither the coder nor the dev data).

The main event is the text's first event outside a headline line. Rows the coder gets wrong
today are listed in ``*.known-misses`` (by row id, ``d<row>-<rule>`` / ``p<row>-<rule>``) and
marked xfail, so a regression of any other row fails by name and a fixed row shows as XPASS;
the floors keep the share measured. tests/casedata.py says how to refresh the known misses.
"""

from __future__ import annotations

import pytest
from casedata import CaseTable, check_row

DATES = CaseTable("event_dates", "d", lambda row: row["rule"], "tests/test_event_attributes.py")
PLACES = CaseTable("event_places", "p", lambda row: row["rule"],
                   "tests/test_event_attributes.py")
#: measured with the shipped model (docs/evaluation.md); floors a little under
DATE_FLOOR = 0.48  # measured 0.496 (183/369; 124 rows: no event found)
PLACE_FLOOR = 0.65  # measured 0.675 (158/234; 36 rows: no event found)


def _main_events(coder, table: CaseTable) -> dict:
    """Row id -> the main event of the row's text (None: no event), all rows in one batch,
    every event written (``--min-confidence 0``): the tables test when and where, not which
    events are sure enough to write (tests/test_events.py does)."""
    from chronique.documents.readers import make_document

    docs = [make_document(f"row-{i}", c["text"].replace("\\n", "\n"),
                          published=c.get("published") or None, lang="fr")
            for i, c in enumerate(table.rows)]
    out = []
    floor, coder.build.min_confidence = coder.build.min_confidence, 0.0
    try:
        for document, events in coder.code_documents(docs):
            body = [e for e in events if not (e.sentence.index == 0 and "\n" in document.text)]
            out.append((body or events or [None])[0])
    finally:
        coder.build.min_confidence = floor
    return dict(zip(table.ids, out, strict=True))


def _record(table: CaseTable, events: dict, ok) -> None:
    missing = sum(event is None for event in events.values())
    table.record({ident: ok(case, events[ident]) for ident, case in table.items()},
                 note=f"{missing} rows with no event found at all")


@pytest.fixture(scope="module")
def dated(coder):
    events = _main_events(coder, DATES)
    _record(DATES, events, _date_ok)
    return events


@pytest.fixture(scope="module")
def placed(coder):
    events = _main_events(coder, PLACES)
    _record(PLACES, events, _place_ok)
    return events


def _date_ok(case: dict, event) -> bool:
    expected = None if case["expected"] == "null" else case["expected"]
    return event is not None and event.date == expected


def _place_ok(case: dict, event) -> bool:
    expected = None if case["country"] == "null" else case["country"]
    got = event.location.country if event is not None and event.location else None
    return event is not None and got == expected


@pytest.mark.parametrize("ident, case", DATES.params())
def test_event_date(dated, ident, case):
    event = dated[ident]
    check_row(_date_ok(case, event), (case["note"], event and (event.date, event.date_text)))


@pytest.mark.parametrize("ident, case", PLACES.params())
def test_event_place(placed, ident, case):
    event = placed[ident]
    check_row(_place_ok(case, event), (case["note"], event and event.location))


def test_known_misses_name_rows_of_the_tables():
    assert not DATES.stale_known_misses() and not PLACES.stale_known_misses()


def test_date_and_place_tables_hold_their_floor(dated, placed):
    dates = sum(_date_ok(case, dated[ident]) for ident, case in DATES.items())
    places = sum(_place_ok(case, placed[ident]) for ident, case in PLACES.items())
    assert len(DATES) >= 300 and len(PLACES) >= 200
    assert dates / len(DATES) >= DATE_FLOOR
    assert places / len(PLACES) >= PLACE_FLOOR
