"""A GDELT-style event table (tab-separated), one row per cluster (happening).

GDELT 1.0/2.0 event columns that chronique can fill, in GDELT's order and names, with two
differences stated here and in docs/store.md: actor and place country codes are ISO 3166
alpha-3 (GDELT uses CAMEO/FIPS codes), and ``GLOBALEVENTID`` is the cluster id (a string).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from chronique.record import INTERNATIONAL

#: (column, meaning) — the documented column list
COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "cluster id (one row per happening)"),
    ("SQLDATE", "event day YYYYMMDD (earliest day given by the reports)"),
    ("MonthYear", "YYYYMM"),
    ("Year", "YYYY"),
    ("FractionDate", "year + day-of-year / 365"),
    ("Actor1Code", "first actor's code: country ISO3 + sector (e.g. CHNGOV), or organisation id"),
    ("Actor1Name", "first actor's resolved name or mention"),
    ("Actor1CountryCode", "ISO 3166 alpha-3 (IGO/NGO/MNC for international actors)"),
    ("Actor1KnownGroupCode", "organisation id (UN, EU, AU...) when known"),
    ("Actor1Type1Code", "CAMEO/PLOVER sector (GOV, MIL, REB, CVL...)"),
    ("Actor2Code", "first recipient's code (empty for reciprocal events: see Actor1Code)"),
    ("Actor2Name", "first recipient's name"),
    ("Actor2CountryCode", "ISO 3166 alpha-3"),
    ("Actor2KnownGroupCode", "organisation id"),
    ("Actor2Type1Code", "sector"),
    ("IsRootEvent", "1 when the event is in the first sentence of its first report"),
    ("EventCode", "CAMEO code"),
    ("EventBaseCode", "CAMEO code, first three digits"),
    ("EventRootCode", "CAMEO code, first two digits"),
    ("PloverType", "PLOVER event type (chronique addition)"),
    ("PloverMode", "PLOVER mode (chronique addition)"),
    ("QuadClass", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    ("GoldsteinScale", "Goldstein score of the CAMEO code"),
    ("NumMentions", "events (mentions) in the cluster"),
    ("NumSources", "distinct source web sites (URL hosts) among the reports"),
    ("NumArticles", "distinct documents reporting it"),
    ("AvgTone", "empty (chronique does not score tone)"),
    ("ActionGeo_Type", "1 country, 4 city or place (GDELT's codes), empty when unknown"),
    ("ActionGeo_FullName", "place name"),
    ("ActionGeo_CountryCode", "ISO 3166 alpha-3"),
    ("ActionGeo_ADM1Code", "GeoNames admin1 code"),
    ("ActionGeo_Lat", "latitude"),
    ("ActionGeo_Long", "longitude"),
    ("ActionGeo_FeatureID", "GeoNames id"),
    ("DATEADDED", "when the first report was coded, YYYYMMDDHHMMSS"),
    ("SOURCEURL", "URL of the first report (else its document id)"),
]
HEADER = [name for name, _ in COLUMNS]


def _code(e: dict[str, Any] | None) -> tuple[str, str, str, str, str]:
    if not e:
        return "", "", "", "", ""
    country, org, sector = e.get("country") or "", e.get("id") or "", e.get("sector") or ""
    code = org if country in INTERNATIONAL and org else country + sector
    return code, e.get("name") or e.get("text") or "", country, org, sector


def gdelt_row(rep: dict[str, Any], cluster: dict[str, Any]) -> list[Any]:
    """The row of one cluster, from its representative event row and cluster aggregates."""
    day = cluster.get("day")
    actor = (rep.get("actor") or [None])[0]
    recipient = (rep.get("recipient") or [None])[0]
    loc = rep.get("location") or {}
    cameo = rep.get("cameo") or ""
    hosts = {urlparse(u).netloc for u in cluster.get("urls") or [] if u}
    added = cluster.get("coded_at")
    sentence = rep.get("sentence") or {}
    return [
        rep.get("cluster_id") or rep.get("event_id"),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else "",
        *_code(actor), *_code(recipient),
        1 if sentence.get("index") == 0 else 0,
        cameo, cameo[:3], cameo[:2], rep.get("event_type") or "", rep.get("mode") or "",
        rep.get("quad_class") or "", rep.get("goldstein") if rep.get("goldstein") is not None else "",
        cluster.get("mentions") or 1, len(hosts) or 1, cluster.get("documents") or 1, "",
        (4 if loc.get("admin1") else 1) if loc else "", loc.get("name") or "",
        loc.get("country") or "", loc.get("admin1") or "",
        loc.get("lat") if loc.get("lat") is not None else "",
        loc.get("lon") if loc.get("lon") is not None else "",
        loc.get("geonames_id") or "",
        added.strftime("%Y%m%d%H%M%S") if added else "",
        rep.get("url") or rep.get("doc_id"),
    ]
