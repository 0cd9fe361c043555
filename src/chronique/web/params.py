"""Query parameters of the corpus endpoints, read into the store's ``Filters``."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import HTTPException, Query

from chronique.dates import day_problem
from chronique.events.ontology import TYPES as PLOVER_TYPES
from chronique.store.queries import Filters

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{1,15}$"
CODE_RE = re.compile(CODE_PATTERN)
#: a code or a country name ("Côte d'Ivoire", "Bosnie-Herzégovine"): no commas, no controls
NAME_PATTERN = r"^[^,\x00-\x1f]{2,60}$"
DYAD_PATTERN = r"^[^,\x00-\x1f]{2,60},[^,\x00-\x1f]{2,60}$"


def corpus_filters(
    type: Annotated[list[str] | None, Query(
        description="PLOVER event type(s); repeat or separate with commas")] = None,
    country: Annotated[str | None, Query(
        pattern=NAME_PATTERN,
        description="ISO 3166 alpha-3 code or organisation id (or a country name, French or "
                    "English), on either side")] = None,
    dyad: Annotated[str | None, Query(
        pattern=DYAD_PATTERN, description="two codes (or country names) A,B: events between "
                                          "A and B, either direction (a meeting of both "
                                          "counts too)")] = None,
    date_from: Annotated[str | None, Query(
        alias="from", pattern=DATE_PATTERN,
        description="first day YYYY-MM-DD (events with a full date)")] = None,
    date_to: Annotated[str | None, Query(
        alias="to", pattern=DATE_PATTERN, description="last day YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(
        max_length=200, description="words in the sentence, trigger or participants "
                                    "(case and accents ignored)")] = None,
    quad_class: Annotated[int | None, Query(
        ge=1, le=4, description="1 verbal cooperation, 2 material cooperation, 3 verbal "
                                "conflict, 4 material conflict")] = None,
    doc_id: Annotated[str | None, Query(
        max_length=500, description="one document's events")] = None,
) -> Filters:
    """The filters of ``GET /api/events`` and ``/api/stats`` (422 with a message when one is
    wrong); negated events are in (``/api/stats`` leaves them out unless asked)."""
    types = event_types(type)
    pair = tuple(code_of(c, "dyad") for c in dyad.split(",")) if dyad else None
    country = code_of(country, "country") if country else None
    for name, value in (("from", date_from), ("to", date_to)):
        if value and day_problem(value):
            raise HTTPException(422, f"{name}: {day_problem(value)}")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"from ({date_from}) is after to ({date_to})")
    return Filters(types=types, country=country, dyad=pair, directed=False, since=date_from,
                   until=date_to, q=q.strip() if q and q.strip() else None, quad=quad_class,
                   doc_id=doc_id, include_negated=True)


def event_types(values: list[str] | None) -> tuple[str, ...]:
    """PLOVER types from repeated or comma-separated values (422 for an unknown one)."""
    types: list[str] = []
    for value in values or ():
        types.extend(t.strip().upper() for t in value.split(",") if t.strip())
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if unknown:
        raise HTTPException(422, f"unknown event type {unknown[0]!r}; one of "
                                 f"{', '.join(PLOVER_TYPES)}")
    return tuple(dict.fromkeys(types))


def code_of(value: str, name: str) -> str:
    """A country or organisation code from a code or a country name; a value written in
    capitals that chronique does not know is taken as a code (a user lexicon's organisation),
    anything else unknown is a 422 saying what is expected."""
    from chronique.codes import CodeError, resolve_code

    def written_as_code(code: str) -> bool:
        return value.strip() == code and CODE_RE.fullmatch(code) is not None

    try:
        return resolve_code(value, present=written_as_code)
    except CodeError as exc:
        raise HTTPException(422, f"{name}: {exc}") from exc
