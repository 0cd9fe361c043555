"""The lexicon: everything a political scientist edits, loaded once from ``data/``.

Country names come from CLDR (Babel) and ISO 3166 (pycountry); our files add what they lack
(articles, variants, demonyms, metonyms, organisations, persons, titles, group nouns,
triggers, modality cues). A user lexicon folder (``--lexicon DIR``) is laid over the shipped one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale

from chronique.errors import DataFileError
from chronique.lexicon.files import DATA_DIR, Row, load_table, read_tsv, read_yaml
from chronique.lexicon.forms import adjective_forms, fold, noun_plural

EXTRA_CODES = {"XK": "XKX"}
HISTORICAL = {"SUN", "YUG", "CSK", "DDR", "XKX", "IGO", "NGO", "MNC"}


@dataclass(frozen=True)
class Actor:
    """What a lexicon entry says of an actor."""

    country: str | None = None
    sector: str | None = None
    id: str | None = None
    name: str | None = None
    role: str | None = None
    kind: str = ""
    source: str = ""
    #: the years of the office a person's row gives (persons.tsv valid_from, valid_to)
    term: tuple[int | None, int | None] | None = None

    def holds_office(self, year: int | None) -> bool:
        """Whether a person held the office of their row in ``year`` (unknown: yes). Only an
        international organisation's official (IGO, NGO) is read by the term: a national
        leader stays of their country after office."""
        if year is None or self.term is None or self.country not in {"IGO", "NGO"}:
            return True
        start, end = self.term
        return (start is None or year >= start) and (end is None or year <= end)


@dataclass
class Lexicon:
    """Indexes over the data files, keyed by folded French forms."""

    country_names: dict[str, str] = field(default_factory=dict)      # folded name -> iso3
    country_article: dict[str, str] = field(default_factory=dict)    # iso3 -> article
    country_label: dict[str, str] = field(default_factory=dict)      # iso3 -> French name
    demonyms: dict[str, str] = field(default_factory=dict)           # folded form -> iso3
    prefixes: dict[str, str] = field(default_factory=dict)           # folded prefix -> iso3
    peoples: set[str] = field(default_factory=set)                   # folded forms, kind=people
    metonyms: dict[str, Actor] = field(default_factory=dict)         # folded form -> actor
    organisations: dict[str, Actor] = field(default_factory=dict)    # folded name -> actor
    acronyms: dict[str, Actor] = field(default_factory=dict)         # exact acronym -> actor
    persons: dict[str, Actor] = field(default_factory=dict)          # folded name -> actor
    titles: dict[str, Actor] = field(default_factory=dict)           # folded form -> actor
    groups: dict[str, str] = field(default_factory=dict)             # folded lemma -> sector
    anaphors: dict[str, tuple[str, int]] = field(default_factory=dict)
    triggers: list[dict[str, Any]] = field(default_factory=list)
    cues: dict[str, Any] = field(default_factory=dict)
    ontology: dict[str, Any] = field(default_factory=dict)
    cameo: list[Row] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    lowercase_names: set[str] = field(default_factory=set)  # organisations written lowercase

    @classmethod
    def load(cls, user_dirs: Iterable[Path] = ()) -> Lexicon:
        return _load(tuple(Path(d).resolve() for d in user_dirs))

    def cue_words(self, key: str, part: str = "lemmas") -> frozenset[str]:
        """The folded words of one list of cues.yaml (``cue_words("leaders")``)."""
        return frozenset(fold(str(w)) for w in (self.cues.get(key) or {}).get(part) or [])

    def capitals(self) -> dict[str, str]:
        """ISO3 -> the (folded) name of its capital: the first capital metonyms.tsv gives."""
        out: dict[str, str] = {}
        for form, actor in self.metonyms.items():
            if actor.kind == "capital" and actor.country:
                out.setdefault(actor.country, form)
        return out


def _iso3(alpha2: str) -> str | None:
    if alpha2 in EXTRA_CODES:
        return EXTRA_CODES[alpha2]
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _valid_code(code: str) -> bool:
    return code in HISTORICAL or pycountry.countries.get(alpha_3=code) is not None


@lru_cache(maxsize=4)
def _load(user_dirs: tuple[Path, ...]) -> Lexicon:
    lex = Lexicon()
    _load_countries(lex, user_dirs)
    _load_demonyms(lex, user_dirs)
    _load_actors(lex, user_dirs)
    _load_events(lex, user_dirs)
    return lex


def _check_code(row: Row, column: str) -> str:
    code = row[column].upper()
    if code and not _valid_code(code):
        raise DataFileError(f"{row.source}:{row.line}: unknown country code {code!r}")
    return code


def _load_countries(lex: Lexicon, user_dirs: tuple[Path, ...]) -> None:
    for alpha2, name in Locale("fr").territories.items():
        if not alpha2.isalpha():
            continue
        code = _iso3(alpha2)
        if code:
            lex.country_names.setdefault(fold(name), code)
            lex.country_label.setdefault(code, name)
    for country in pycountry.countries:
        lex.country_names.setdefault(fold(country.name), country.alpha_3)
    rows = load_table("countries.tsv", lambda r: r["iso3"], user_dirs)
    for row in rows:
        code = _check_code(row, "iso3")
        lex.country_article[code] = row["article"].strip()
        for variant in row.alternatives("variants"):
            lex.country_names[fold(variant)] = code
            if variant[:1].islower():
                lex.lowercase_names.add(variant)  # "pays du Cèdre": written so on purpose
            lex.country_label.setdefault(code, variant)
    lex.sizes["countries"] = len(set(lex.country_names.values()))
    lex.sizes["country_names"] = len(lex.country_names)


def _load_demonyms(lex: Lexicon, user_dirs: tuple[Path, ...]) -> None:
    rows = load_table("demonyms.tsv", lambda r: (r["iso3"], r["masc"]), user_dirs)
    for row in rows:
        code = _check_code(row, "iso3")
        for form in adjective_forms(row["masc"], row["fem"], row["plural_irregular"]):
            if fold(form) not in lex.demonyms and row["kind"] == "people":
                lex.peoples.add(fold(form))
            lex.demonyms.setdefault(fold(form), code)
        for prefix in row.alternatives("prefix"):
            lex.prefixes.setdefault(fold(prefix).rstrip("-"), code)
    lex.sizes["demonym_rows"] = len(rows)
    lex.sizes["demonym_forms"] = len(lex.demonyms)


def _load_actors(lex: Lexicon, user_dirs: tuple[Path, ...]) -> None:
    for row in load_table("metonyms.tsv", lambda r: fold((r.alternatives("form") or [""])[0]),
                          user_dirs):
        actor = Actor(_check_code(row, "iso3"), row["sector"] or "GOV", kind=row["kind"],
                      source="metonyms")
        for form in row.alternatives("form"):
            lex.metonyms[fold(form)] = actor
            if form[:1].islower():
                lex.lowercase_names.add(form)
    orgs = load_table("organisations.tsv", lambda r: r["id"], user_dirs)
    for row in orgs:
        actor = Actor(row["country"].upper() or None, row["sector"] or None,
                      row["code"] or row["id"],
                      name=(row.alternatives("names") or [row["id"]])[0], kind="organisation",
                      source="organisations")
        for name in row.alternatives("names"):
            lex.organisations[fold(name)] = actor
            if name.islower():
                lex.lowercase_names.add(name)
        for acronym in row.alternatives("acronyms"):
            lex.acronyms[acronym] = actor
    persons = load_table("persons.tsv", lambda r: r["name"], user_dirs)
    for row in persons:
        actor = Actor(row["iso3"].upper() or None, row["sector"] or None,
                      row["org"] or None, row["name"],
                      row["role"] or None, kind="person", source="persons",
                      term=(_year(row["valid_from"]), _year(row["valid_to"])))
        for name in [row["name"], *row.alternatives("variants")]:
            lex.persons[fold(name)] = actor
            if name[:1].islower():
                lex.lowercase_names.add(name)  # "roi Hussein", "el-Béchir", "de Klerk"
    titles = load_table("titles.tsv", lambda r: r["forms"], user_dirs)
    from chronique.lang import words as word_file  # lang reads through lexicon.files
    function_words = word_file("function_words")
    for row in titles:
        forms = row.alternatives("forms")
        actor = Actor(_check_code(row, "iso3") or None if row["iso3"] else None,
                      row["sector"] or None, role=row["role"] or (forms or [""])[0],
                      kind="title", source="titles")
        for form in forms:
            lex.titles[fold(form)] = actor
            head, _, rest = fold(form).partition(" ")
            lex.titles.setdefault(" ".join(filter(None, [noun_plural(head), rest])), actor)
            words = fold(form).split()
            if 1 < len(words) <= 3 and not set(words) & function_words and "'" not in form:
                # "chef rebelle" -> "chefs rebelles", "haut fonctionnaire" -> "hauts fonctionnaires"
                lex.titles.setdefault(" ".join(noun_plural(w) for w in words), actor)
    groups = load_table("groups.tsv", lambda r: r["lemmas"], user_dirs)
    for row in groups:
        for lemma in row.alternatives("lemmas"):
            lex.groups[fold(lemma)] = row["sector"]
    for row in load_table("anaphors.tsv", lambda r: r["form"], user_dirs):
        lex.anaphors[fold(row["form"])] = (row["refers_to"], int(row["count"] or 1))
    lex.sizes.update(metonyms=len(lex.metonyms), organisations=len(orgs), persons=len(persons),
                     titles=len(titles), group_lemmas=len(lex.groups))


def _load_events(lex: Lexicon, user_dirs: tuple[Path, ...]) -> None:
    folders = [DATA_DIR / "fr" / "triggers", *(d / "triggers" for d in user_dirs)]
    by_id: dict[str, dict[str, Any]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.exists() else []:
            data = read_yaml(path) or {}
            etype = data.get("type")
            for number, pattern in enumerate(data.get("patterns") or []):
                if "id" not in pattern or "lemma" not in pattern:
                    raise DataFileError(f"{path}: pattern {number} needs an id and a lemma")
                if pattern.get("disabled"):
                    by_id.pop(pattern["id"], None)
                    continue
                by_id[pattern["id"]] = {**pattern, "type": pattern.get("type", etype),
                                        "source": f"{path.name}#{pattern['id']}"}
    lex.triggers = list(by_id.values())
    lex.sizes["trigger_patterns"] = len(lex.triggers)
    cues = read_yaml(DATA_DIR / "fr" / "cues.yaml") or {}
    for folder in user_dirs:
        if (folder / "cues.yaml").exists():
            for key, value in (read_yaml(folder / "cues.yaml") or {}).items():
                cues[key] = value
    lex.cues = cues
    lex.ontology = read_yaml(DATA_DIR / "ontology" / "plover.yaml") or {}
    path = DATA_DIR / "ontology" / "cameo.tsv"
    lex.cameo = read_tsv(path) if path.exists() else []


def _year(cell: str) -> int | None:
    return int(cell) if cell.strip().isdigit() else None
