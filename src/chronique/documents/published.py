"""Publication date, in order of trust, with the source it came from.

1. the input's ``published`` field or ``--published``; 2. HTML metadata; 3. a dateline
("BAMAKO, 3 mars 2023 (AFP) -", "ASTANA, 18 avril (Xinhua) --"); 4. a page header
("Dernière mise à jour à 17h05 le 02/11", "Publié le 03/03/2023 à 10h12"); 5. the URL
("/2019/0516/", "2019-05-16"). A year-less header or dateline takes its year from the URL
when there is one, else the year stays unknown (``XXXX-05-16``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from chronique.dates import PartialDate
from chronique.lang import table
from chronique.lexicon.forms import fold

_WORDS = table("published")
MONTHS = [fold(m) for m in table("dates")["months"]]
ABBREVIATIONS = {fold(k): int(v) for k, v in _WORDS["month_abbreviations"].items()}
FIRST_DAY = frozenset(fold(str(w)) for w in table("dates")["first_day"])
_WEEKDAY = rf"(?i:{'|'.join(fold(w) for w in table('dates')['weekdays'])})"
# a day and month (and year), in words or digits: "14 avril 2024", "1er mai", "3 déc. 2019",
# "14/04/2024" (the month word is checked by ``month_number``)
_DATE = (rf"(?:{_WEEKDAY}\s+)?(?:(?P<d>\d{{1,2}}|1er)\s+(?P<m>[^\W\d_]{{3,9}}\.?)"
         r"(?:\s+(?P<y>\d{4}))?|(?P<nd>\d{1,2})[/.-](?P<nm>\d{1,2})(?:[/.-](?P<ny>\d{4}))?)")
# a city as datelines write it: "BAMAKO", "Port-au-Prince", "N'DJAMENA", "Le Caire"
_CITY = r"(?P<city>[A-ZÀ-Ý][\w'’]+(?:-[\w'’]+)*(?: [A-ZÀ-Ý][\w'’]+(?:-[\w'’]+)*){0,2})"
_AGENCY = r"\((?P<agency>[^)\n]{1,40})\)"
_DASH = r"\s*(?:/[^/\n]{1,20}/\s*)?[-–—]{1,2}"
# the region or country a dateline may put after its city: "CÚCUTA (Colombie), 24 février"
_REGION = r"(?:\s*\((?P<region>[^)\n]{2,30})\))?"
# a second city a joint dateline names after a slash: "NEW DELHI/OTTAWA, 19 septembre"
_ALSO = r"(?:\s*/\s*[A-ZÀ-Ý][\w'’]+(?:[- ][A-ZÀ-Ý][\w'’]+){0,2})?"
# "BAMAKO, 3 mars 2023 (AFP) -", "Port-au-Prince, 8 février 2024 –", "QUÉBEC, le 5 mai 2023
# /CNW/ -", "ASTANA, 18 avril (Xinhua) --", "Kinshasa, 12/03/2019 -", "GOMA (RDC), 3 mai -":
# a city (and its region), a date, then an agency or a dash, at the start of a line
DATELINE = re.compile(
    rf"^[ \t]*{_CITY}{_ALSO}{_REGION}\s*,\s*(?:(?i:{'|'.join(_WORDS['dateline_articles'])})\s+)?{_DATE}\s*(?:{_AGENCY}\s*[-–—]{{0,2}}|{_DASH})",
    re.MULTILINE)
# "ABIDJAN (AFP) -", "Genève (ATS) –": a city and an agency, no date
CITY_LINE = re.compile(rf"^[ \t]*{_CITY}\s*(?:,\s*)?{_AGENCY}\s*[-–—]{{1,2}}", re.MULTILINE)
# "RABAT - Emmanuel Macron a ...", "GOMA (RDC) – Les combats ...": a city in capitals and a
# dash, no date nor agency
CAPS_LINE = re.compile(
    r"^[ \t]*(?P<city>[A-ZÀ-Ý][A-ZÀ-Ý'’]{2,}(?:[- ][A-ZÀ-Ý][A-ZÀ-Ý'’]+){0,2})"
    r"(?:\s*\((?P<region>[^)\n]{2,30})\))?\s*[-–—]{1,2}\s", re.MULTILINE)
# "Publié le 14 avril 2024 à 10h12", "Mis à jour le 14/04/2024", "Dernière mise à jour à 17h05
# le 02/11", "Publié le lundi 14.04.2024", "Mis en ligne le 3 déc. 2019": on folded text
HEADER = re.compile(
    rf"(?:{'|'.join(fold(w) for w in _WORDS['header_words'])})[^\n]{{0,40}}?"
    rf"\b(?:{'|'.join(_WORDS['header_articles'])})\s+" + _DATE.replace("(?P<", "(?P<h"),
    re.IGNORECASE)
URL_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{2})[/-]?(?P<d>\d{2})(?!\d)")
URL_PD = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})/")


@dataclass(frozen=True)
class Published:
    date: str | None
    source: str | None
    dateline_city: str | None = None
    dateline_span: tuple[int, int] | None = None  # the dateline's characters, city to dash
    header_span: tuple[int, int] | None = None  # the page header's line ("Publié le ...")
    dateline_region: str | None = None  # "(Colombie)" after the city: where it is


def find_published(text: str, *, given: str | None = None, html_date: str | None = None,
                   url: str | None = None) -> Published:
    """Publication date of a document and where it came from."""
    head = text[:600]
    dateline = DATELINE.search(head[:400])
    city_line = dateline or CITY_LINE.search(head[:400]) or CAPS_LINE.search(head[:400])
    city = _city(city_line.group("city")) if city_line else None
    span = (city_line.start("city"), city_line.end()) if city_line else None
    region = (city_line.groupdict().get("region") or "").strip() if city_line else ""
    header = HEADER.search(fold(head))
    lines = city, span, _line_span(text, header.start()) if header else None, region or None
    for value, source in ((given, "given"), ((html_date or "")[:10], "html")):
        date = PartialDate.parse(value)
        if date is not None:
            return Published(date.iso(), source, *lines)
    url_date = _from_url(url or "")
    year = url_date.year if url_date else None
    found = _date(dateline, "", year) if dateline else None
    if found:
        return Published(found.iso(), "dateline", *lines)
    found = _date(header, "h", year) if header else None
    if found:
        return Published(found.iso(), "header", *lines)
    if url_date:
        return Published(url_date.iso(), "url", *lines)
    return Published(None, None, *lines)


def _line_span(text: str, offset: int) -> tuple[int, int]:
    """The line holding ``offset`` (folding keeps the line breaks where they were)."""
    number = fold(text[:600])[:offset].count("\n")
    start = 0
    for _ in range(number):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _city(words: str) -> str:
    """A dateline city as it is named ("PORT-AU-PRINCE" -> "Port-Au-Prince" for lookup)."""
    return words.strip().title() if words.isupper() else words.strip()


def _date(match: re.Match, prefix: str, year: int | None) -> PartialDate | None:
    """The calendar-valid date of a dateline or header match (None when impossible)."""
    g = {k[len(prefix):]: v for k, v in match.groupdict().items() if k.startswith(prefix)}
    if g.get("d"):
        d = 1 if g["d"].lower() in FIRST_DAY else int(g["d"])
        m = month_number(g["m"])
        if m is None:
            return None
        y = int(g["y"]) if g.get("y") else year
    else:
        d, m = int(g["nd"]), int(g["nm"])
        y = int(g["ny"]) if g.get("ny") else year
    try:
        datetime.date(y or 2000, m, d)
    except ValueError:
        return None
    return PartialDate(y, m, d)


def month_number(word: str) -> int | None:
    """1..12 for a French month name or its usual abbreviation ("févr.", "déc."), else None."""
    key = fold(word).rstrip(".")
    if key in MONTHS:
        return MONTHS.index(key) + 1
    return ABBREVIATIONS.get(key)


def _from_url(url: str) -> PartialDate | None:
    for regex in (URL_PD, URL_FULL):
        m = regex.search(url)
        if m:
            date = PartialDate.checked(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if date is not None:
                return date
    return None
