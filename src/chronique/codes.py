"""Country and organisation codes as people type them.

Events name their participants by ISO 3166 alpha-3 code (``FRA``, ``MLI``, ``CIV``) or, for
international organisations, by organisation id (``UN``, ``ECOWAS``). Filters (``chronique
stats --country/--dyad``, ``GET /api/events?country=&dyad=``) take those codes in any case,
and country names in French or English too (``France``, ``Côte d'Ivoire``, ``Germany``). A
value that is neither is an error that says what is expected, never an empty answer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from chronique.errors import ChroniqueError

EXPECTED = ("codes are ISO 3166 alpha-3 (FRA, MLI, CIV) or organisation ids (UN, ECOWAS); "
            "country names in French or English are accepted too (France, Côte d'Ivoire)")


class CodeError(ChroniqueError, ValueError):
    """A country or organisation that chronique does not know."""


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded country name (French, English, and the lexicon's variants) -> alpha-3."""
    import pycountry
    from babel import Locale

    from chronique.lexicon import _iso3
    from chronique.lexicon.files import load_table
    from chronique.lexicon.forms import fold

    names: dict[str, str] = {}
    for language in ("fr", "en"):
        for alpha2, name in Locale(language).territories.items():
            code = _iso3(alpha2) if alpha2.isalpha() else None
            if code:
                names.setdefault(fold(name), code)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if getattr(country, attribute, None):
                names.setdefault(fold(getattr(country, attribute)), country.alpha_3)
    for row in load_table("countries.tsv", lambda r: r["iso3"]):
        for variant in row.alternatives("variants"):
            names.setdefault(fold(variant), row["iso3"].upper())
    return names


@lru_cache(maxsize=1)
def _known_codes() -> frozenset[str]:
    import pycountry

    from chronique.lexicon import HISTORICAL
    from chronique.lexicon.files import load_table

    codes = {c.alpha_3 for c in pycountry.countries} | set(HISTORICAL)
    codes |= {row["id"].upper() for row in load_table("organisations.tsv", lambda r: r["id"])}
    return frozenset(codes)


def resolve_code(value: str, present: Callable[[str], bool] | None = None) -> str:
    """The code of a country or organisation typed as a code (any case) or a country name;
    ``present(code)`` may accept codes the shipped data does not know (a user lexicon's
    organisations found in a corpus). Raises ``CodeError`` saying what is expected."""
    from chronique.lexicon.forms import fold

    text = value.strip()
    upper = text.upper()
    if upper in _known_codes():
        return upper
    code = _names().get(fold(text)) if text else None
    if code:
        return code
    if text and present is not None and present(upper):
        return upper
    raise CodeError(f"unknown country or organisation {text!r}: {EXPECTED}")
