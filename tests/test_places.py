"""Place mentions in context: one test per row of tests/cases/places.tsv (id
``p<row>-<place>``), the rows missed today listed in tests/cases/places.known-misses (xfail),
and the table passes at >= 95% (tests/casedata.py says how to refresh the known misses)."""

from __future__ import annotations

import pytest
from casedata import CaseTable, check_row

from chronique.actors.resolve import Phrase
from chronique.nlp import parse

TABLE = CaseTable("places", "p", lambda row: row["place"], "tests/test_places.py")
CASES = TABLE.rows
# Issue 5: >= 95% (measured 96.4%, 242/251).
THRESHOLD = 0.95


def locate(coder, sentence: str, place: str):
    """The place the coder finds at ``place`` in ``sentence``, preferring the countries the
    sentence names (the same rule as in a document)."""
    start = sentence.find(place)
    parsed = parse(coder.nlp, sentence)
    for sent in parsed.sentences:
        mentions = coder.finder(sent.doc)
        phrase = Phrase(sent.offset, mentions)
        prefer = tuple(dict.fromkeys(m.actor.country for m in mentions.values()
                                     if m.actor.country and m.kind in {"country", "demonym"}))
        del phrase
        tokens = list(sent.tokens())
        found = coder.places(sent.doc, tokens, sent.offset, prefer)
        for mention in found:
            p = mention.place("test")
            if p.start <= start < p.end or start <= p.start < start + len(place):
                return p
    entry = coder.gazetteer.lookup(place, ())
    return entry


@pytest.fixture(scope="module")
def outcomes(coder) -> dict[str, tuple[dict, object, bool]]:
    """Row id -> (row, place found, right), every row located once."""
    out = {}
    for ident, case in TABLE.items():
        found = locate(coder, case["sentence"], case["place"])
        ok = found is not None and found.country == case["country"]
        out[ident] = (case, found, ok)
    TABLE.record({ident: ok for ident, (_, _, ok) in out.items()})
    return out


@pytest.mark.parametrize("ident, case", TABLE.params())
def test_place_row(outcomes, ident, case):
    _, found, ok = outcomes[ident]
    check_row(ok, (case["place"], case["country"], case["sentence"],
                   getattr(found, "country", None), getattr(found, "name", None)))


def test_place_known_misses_name_rows_of_the_table():
    assert not TABLE.stale_known_misses()


def test_place_table_accuracy(outcomes):
    failures = [(ident, c["place"], c["country"], getattr(f, "country", None),
                 getattr(f, "name", None))
                for ident, (c, f, ok) in outcomes.items() if not ok]
    accuracy = 1 - len(failures) / len(outcomes)
    print(f"\nplaces: {accuracy:.3f} of {len(outcomes)}")
    for failure in failures[:40]:
        print("  FAIL", failure)
    assert accuracy >= THRESHOLD


def test_place_table_size():
    assert len(CASES) >= 150
    assert len({c["country"] for c in CASES}) >= 50
