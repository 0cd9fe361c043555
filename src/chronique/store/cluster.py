"""Cross-article event clustering: reports of the same happening share a ``cluster_id``.

Two events are reports of one happening when
- they have the same PLOVER type, the same negation and the same kind of modality
  (asserted/reported vs intended vs requested vs hypothetical);
- their participants agree: the sets of participant keys (country, or organisation id for
  international actors) are equal, or one contains the other and the smaller names at least
  two; an event naming one participant only counts the country of its place as a second
  one ("Lavrov's visit to Mali" is RUS + MLI); for directed types, an actor of one
  is not only a recipient of the other (mutual accusations are two happenings);
- their days are within ``DAY_WINDOW`` day(s) where both are known (an event whose date was
  only the publication date is compared by publication date, within ``PUB_WINDOW`` days);
- their places are compatible: two places given by the text itself (clause or sentence)
  must be in the same country and, when both have coordinates, within ``PLACE_KM`` km
  (the Élysée and Paris agree; Paris and Lyon do not).

Clustering is complete-link and greedy in a fixed order (type, day, publication, document,
position), so the result does not depend on the order documents were coded in: a new event
joins the closest cluster all of whose members it agrees with, or starts its own.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

DAY_WINDOW = 1
PUB_WINDOW = 2
PLACE_KM = 50.0
#: CONSULT (meetings) is reported from either side: visitor -> host or host <- visitor
UNDIRECTED_TYPES = frozenset({"CONSULT"})
#: places the text gives for the event itself (not the dateline, not the article's first place)
STRONG_PLACE_REASONS = frozenset({"clause", "sentence"})
_MODALITY_KIND = {"asserted": "fact", "reported": "fact", "intended": "intended",
                  "requested": "requested", "hypothetical": "hypothetical"}


@dataclass
class Mention:
    """One event as clustering sees it."""

    doc_id: str
    seq: int
    event_id: str
    event_type: str
    polarity: tuple[bool, str]
    actors: frozenset[str]
    recipients: frozenset[str]
    day: date | None            # the event's own date, when the text gives a full date
    published: date | None
    place_country: str | None = None
    place_point: tuple[float, float] | None = None
    place_strong: bool = False

    @property
    def keys(self) -> frozenset[str]:
        return self.actors | self.recipients

    @property
    def implied_keys(self) -> frozenset[str]:
        """The keys, plus the country of a place the text gives when only one is named."""
        keys = self.keys
        if len(keys) == 1 and self.place_strong and self.place_country:
            return keys | {self.place_country}
        return keys

    @property
    def anchor(self) -> date | None:
        return self.day or self.published


@dataclass
class Cluster:
    members: list[Mention] = field(default_factory=list)

    @property
    def cluster_id(self) -> str:
        first = min(m.event_id for m in self.members)
        return "c" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:15]

    @property
    def day(self) -> date | None:
        days = [m.day for m in self.members if m.day] or \
            [m.published for m in self.members if m.published]
        return min(days) if days else None


def participants_agree(a: Mention, b: Mention) -> bool:
    ka, kb = a.implied_keys, b.implied_keys
    if not ka or not kb:
        return False
    if ka != kb:
        small, large = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
        if len(small) < 2 or not small <= large:
            return False
    if a.event_type in UNDIRECTED_TYPES:
        return True
    if a.recipients and b.recipients:
        # a directed event seen from the other side is another happening (mutual accusations)
        if not (a.actors & b.actors) and (a.actors & b.recipients) and (b.actors & a.recipients):
            return False
    return True


def days_agree(a: Mention, b: Mention) -> bool:
    if a.day and b.day:
        return abs((a.day - b.day).days) <= DAY_WINDOW
    if a.anchor and b.anchor:
        return abs((a.anchor - b.anchor).days) <= PUB_WINDOW
    return True


def places_agree(a: Mention, b: Mention) -> bool:
    if not (a.place_strong and b.place_strong):
        return True
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    if a.place_point and b.place_point and km(a.place_point, b.place_point) > PLACE_KM:
        return False
    return True


def km(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_happening(a: Mention, b: Mention) -> bool:
    return (a.event_type == b.event_type and a.polarity == b.polarity
            and participants_agree(a, b) and days_agree(a, b) and places_agree(a, b))


def cluster_mentions(mentions: Iterable[Mention]) -> list[Cluster]:
    """Greedy complete-link clustering; the order of the input does not matter."""
    ordered = sorted(mentions, key=lambda m: (m.event_type, m.anchor or date.max,
                                              m.published or date.max, m.doc_id, m.seq))
    clusters: list[Cluster] = []
    by_key: dict[tuple, list[Cluster]] = defaultdict(list)
    for mention in ordered:
        block = (mention.event_type, mention.polarity)
        candidates = {id(c): c for key in mention.keys for c in by_key[(*block, key)]}
        best, best_gap = None, None
        for cluster in candidates.values():
            if not all(same_happening(mention, other) for other in cluster.members):
                continue
            gap = min(abs((mention.anchor - o.anchor).days) if mention.anchor and o.anchor
                      else PUB_WINDOW for o in cluster.members)
            if best is None or gap < best_gap:
                best, best_gap = cluster, gap
        if best is None:
            best = Cluster()
            clusters.append(best)
        best.members.append(mention)
        for key in mention.keys:
            if best not in by_key[(*block, key)]:
                by_key[(*block, key)].append(best)
    return clusters


def mention_of_row(row: dict) -> Mention:
    """A ``Mention`` from a row of the ``events_clustered`` view."""
    day = row["event_date"] if row.get("date_reason") not in {None, "publication"} else None
    loc = row.get("location") or {}
    # a country-level place (no admin1) says only the country
    point = (loc["lat"], loc["lon"]) if loc.get("admin1") and loc.get("lat") is not None \
        and loc.get("lon") is not None else None
    return Mention(
        doc_id=row["doc_id"], seq=row["seq"], event_id=row["event_id"],
        event_type=row["event_type"],
        polarity=(bool(row.get("negated")),
                  _MODALITY_KIND.get(row.get("modality") or "asserted", "fact")),
        actors=frozenset(row.get("actor_codes") or ()),
        recipients=frozenset(row.get("recipient_codes") or ()),
        day=day, published=row.get("published_date"),
        place_country=loc.get("country"), place_point=point,
        place_strong=(loc.get("reason") in STRONG_PLACE_REASONS))
