"""Publication date, in order of trust, with the source it came from.

1. the input's ``published`` field or ``--published``; 2. HTML metadata; 3. a dateline
("BAMAKO, 3 mars 2023 (AFP) -", "ASTANA, 18 avril (Xinhua) --"); 4. a page header
("Dernière mise à jour à 17h05 le 02/11", "Publié le 03/03/2023 à 10h12"); 5. the URL
("/2019/0516/", "2019-05-16"). A year-less header or dateline takes its year from the URL
when there is one, else the year stays unknown (``XXXX-05-16``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronique.dates import PartialDate
from chronique.lexicon.forms import fold

MONTHS = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
          "octobre", "novembre", "decembre"]
_MONTH = "|".join(MONTHS)
DATELINE = re.compile(
    rf"^\s*(?P<city>[A-ZÀ-Ý][A-ZÀ-Ý' \-]+),\s*(?:le\s+)?(?P<d>\d{{1,2}}|1er)\s+(?P<m>{_MONTH})"
    rf"(?:\s+(?P<y>\d{{4}}))?\s*\((?P<agency>[^)]{{1,40}})\)", re.IGNORECASE)
HEADER = re.compile(
    r"(?:mise a jour|publie|mis a jour|modifie|date)[^\n]{0,40}?\ble\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})"
    r"(?:/(?P<y>\d{4}))?")
URL_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{2})[/-]?(?P<d>\d{2})(?!\d)")
URL_PD = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})/")


@dataclass(frozen=True)
class Published:
    date: str | None
    source: str | None
    dateline_city: str | None = None
    dateline_span: tuple[int, int] | None = None


def find_published(text: str, *, given: str | None = None, html_date: str | None = None,
                   url: str | None = None) -> Published:
    """Publication date of a document and where it came from."""
    head = text[:600]
    folded = fold(head)
    dateline = DATELINE.search(head)
    city = dateline.group("city").strip().title() if dateline else None
    span = (dateline.start("city"), dateline.end("city")) if dateline else None
    for value, source in ((given, "given"), ((html_date or "")[:10], "html")):
        date = PartialDate.parse(value)
        if date is not None:
            return Published(date.iso(), source, city, span)
    url_date = _from_url(url or "")
    if dateline:
        d = 1 if dateline.group("d").lower() == "1er" else int(dateline.group("d"))
        m = MONTHS.index(fold(dateline.group("m"))) + 1
        y = int(dateline.group("y")) if dateline.group("y") else (
            url_date.year if url_date else None)
        date = PartialDate.checked(y, m, d)  # "31 février": not a date, look further
        if date is not None:
            return Published(date.iso(), "dateline", city, span)
    header = HEADER.search(folded)
    if header:
        y = int(header.group("y")) if header.group("y") else (url_date.year if url_date else None)
        date = PartialDate.checked(y, int(header.group("m")), int(header.group("d")))
        if date is not None:
            return Published(date.iso(), "header", city, span)
    if url_date:
        return Published(url_date.iso(), "url", city, span)
    return Published(None, None, city, span)


def _from_url(url: str) -> PartialDate | None:
    for regex in (URL_PD, URL_FULL):
        m = regex.search(url)
        if m:
            date = PartialDate.checked(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if date is not None:
                return date
    return None
