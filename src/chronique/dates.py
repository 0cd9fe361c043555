"""Event dates from French temporal expressions, resolved against the publication date.

Reads ``data/fr/dates.yaml`` (weekday and month names, number words, relative words with
their offsets, the expressions as patterns over those words, the stated rules).
``DateResolver.find(text)`` returns the expressions of a sentence with their resolved ISO
date (unknown parts as X, ``XXXX-05-15``) and the id of the rule used. Every rule is plain
calendar arithmetic written out here over the offsets the data gives.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from string import Template

from chronique.lexicon.files import DATA_DIR, read_yaml
from chronique.lexicon.forms import fold

LEAP_YEAR = 2000  # stands in for an unknown year in day arithmetic


#: a date as chronique reads and writes it: unknown parts as X, the day may be left out
DATE_FORM = re.compile(r"(\d{4}|X{4})-(\d{2}|XX)(?:-(\d{2}|XX))?")
DATE_HELP = "expected YYYY-MM-DD, X for unknown parts (2021-03-XX, XXXX-05-16)"


def _impossible(year: int | None, month: int | None, day: int | None) -> str | None:
    """Why these parts are not a date on the calendar, or None when they can be one."""
    if year is not None and year < 1:
        return "there is no year 0000"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day is None:
        return None
    if month is None:
        return None if 1 <= day <= 31 else f"no month has a day {day:02d}"
    last = calendar.monthrange(year or LEAP_YEAR, month)[1]
    if not 1 <= day <= last:
        when = f"{calendar.month_name[month]} {year}" if year else calendar.month_name[month]
        return f"{when} has {last} days"
    return None


def date_problem(value: str | None) -> str | None:
    """Why ``value`` is not a date chronique accepts (a message for people), or None."""
    if value is None or not value.strip():
        return f"empty date: {DATE_HELP}"
    m = DATE_FORM.fullmatch(value.strip())
    if not m:
        return f"{value!r} is not a date: {DATE_HELP}"
    year, month, day = (None if not g or "X" in g else int(g) for g in m.groups())
    why = _impossible(year, month, day)
    return f"{value.strip()} is not a date on the calendar ({why})" if why else None


def day_problem(value: str) -> str | None:
    """Why ``value`` is not a complete day YYYY-MM-DD on the calendar, or None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f"{value!r} is not a day: expected YYYY-MM-DD"
    return date_problem(value)


@dataclass(frozen=True)
class PartialDate:
    """A date whose year, month or day may be unknown."""

    year: int | None
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, value: str | None) -> PartialDate | None:
        """The date ``YYYY-MM-DD`` (X for unknown parts, the day may be left out) when it is
        one on the calendar; None otherwise (``2024-02-30``, ``2024-13-01``, ``16 mai``)."""
        if not value:
            return None
        m = DATE_FORM.fullmatch(value.strip())
        if not m:
            return None
        year, month, day = (None if not g or "X" in g else int(g) for g in m.groups())
        return cls.checked(year, month, day)

    @classmethod
    def checked(cls, year: int | None, month: int | None, day: int | None
                ) -> PartialDate | None:
        """The date when it can exist (an unknown year stands for a leap year), else None."""
        return cls(year, month, day) if _impossible(year, month, day) is None else None

    def iso(self) -> str:
        return "-".join([f"{self.year:04d}" if self.year else "XXXX",
                         f"{self.month:02d}" if self.month else "XX",
                         f"{self.day:02d}" if self.day else "XX"])

    @property
    def complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def as_date(self) -> dt.date | None:
        if self.month and self.day:
            try:
                return dt.date(self.year or LEAP_YEAR, self.month, self.day)
            except ValueError:
                return None
        return None


def _full_day(date: str | None) -> bool:
    return bool(date) and "X" not in date and len(date) == 10


@dataclass(frozen=True)
class DateExpression:
    text: str
    start: int  # offset in the text given to find()
    end: int
    date: str | None
    rule: str


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_yaml(DATA_DIR / "fr" / "dates.yaml")


class DateResolver:
    """Find and resolve temporal expressions; built once."""

    def __init__(self) -> None:
        data = _data()
        self.weekdays = [fold(w) for w in data["weekdays"]]
        self.article_day_within = int(data.get("article_day_within", 14))
        self.future_governors = frozenset(fold(w) for w in data.get("future_governors", ()))
        self.months = [fold(m) for m in data["months"]]
        self.numbers = {fold(k): int(v) for k, v in data["numbers"].items()}
        self.rules = {r["id"]: r["rule"] for r in data["rules"]}
        self.first_day = frozenset(fold(str(w)) for w in data["first_day"])
        self.relative_days = {fold(k): int(v) for k, v in data["relative_days"].items()}
        self.anchored_days = {fold(k): int(v) for k, v in data["anchored_days"].items()}
        self.relative = {kind: {fold(k): int(v) for k, v in table.items()}
                         for kind, table in data["relative"].items()}
        self.ago_units = {fold(k): v for k, v in data["ago_units"].items()}
        alternatives = {
            "weekday": self.weekdays, "month": self.months,
            "number": sorted(self.numbers, key=len, reverse=True),
            "first_day": [fold(str(w)) for w in data["first_day"]],
            "day_part": [fold(w) for w in data["day_parts"]],
            "relative_day": list(self.relative_days),
            "anchored_day": list(self.anchored_days),
            "ago_unit": sorted(self.ago_units, key=len, reverse=True),
            **{f"{kind}_rel": list(table) for kind, table in self.relative.items()}}
        words = {name: "|".join(alts) for name, alts in alternatives.items()}
        self._patterns = [(rid, Template(pattern).substitute(words))
                          for rid, pattern in data["expressions"]]
        self._compiled = [(rid, re.compile(p)) for rid, p in self._patterns]
        tail = data.get("events_before_tail", "$")
        self._before = [(re.compile(Template(pattern).substitute(words) + tail), days)
                        for pattern, days in data.get("events_before", ())]

    def event_before(self, prefix: str) -> int | None:
        """The days between an act and the clause it depends on when the words just before
        it (``prefix``, the sentence up to the act) date it from there: "au lendemain de la"
        is -1, "deux jours après" -2 (rule event-before); None when they do not."""
        folded = fold(prefix)
        for regex, days in self._before:
            m = regex.search(folded)
            if m:
                n = m.groupdict().get("n")
                return days * (1 if not n else int(n) if n.isdigit() else self.numbers[n])
        return None

    def find(self, text: str, published: PartialDate | None,
             anchor: PartialDate | None = None) -> list[DateExpression]:
        """Temporal expressions in ``text`` (one sentence), left to right, resolved. "la
        veille" and "le lendemain" count from the last full day named before them in the
        sentence, else from ``anchor``, else from the publication date (rule anchored-day)."""
        folded = fold(text)
        taken: list[tuple[int, int]] = []
        out: list[DateExpression] = []
        anchored: list[re.Match] = []
        for rid, regex in self._compiled:
            for m in regex.finditer(folded):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if rid == "anchored-day":  # resolved once the days before it are known
                    taken.append((m.start(), m.end()))
                    anchored.append(m)
                    continue
                date, rule = self._resolve(rid, m, published)
                if rule is None:
                    continue
                taken.append((m.start(), m.end()))
                out.append(DateExpression(text[m.start():m.end()], m.start(), m.end(), date, rule))
        for m in anchored:
            days = [e for e in out if e.end <= m.start() and _full_day(e.date)]
            base = PartialDate.parse(days[-1].date) if days else anchor or published
            date, rule = self._resolve("anchored-day", m, base)
            out.append(DateExpression(text[m.start():m.end()], m.start(), m.end(), date, rule))
        return sorted(out, key=lambda e: e.start)

    def resolve(self, expression: str, published: str | None) -> str | None:
        """Resolve one expression: ``resolve("mercredi", "2019-05-16") == "2019-05-15"``."""
        found = self.find(expression, PartialDate.parse(published))
        return found[0].date if found else None

    # -- resolution ----------------------------------------------------------------------
    def _resolve(self, rid: str, m: re.Match, pub: PartialDate | None):
        g = m.groupdict()
        if rid in {"weekday-date", "numeric"}:
            return self._day_month(g, pub, rid)
        if rid == "month-part":
            month = self.months.index(g["m"]) + 1
            year = int(g["y"]) if g.get("y") else self._year_for(month, None, pub)
            return PartialDate(year, month, None).iso(), "month-part"
        if rid == "year":
            return PartialDate(int(g["y"]), None, None).iso(), "year"
        if pub is None:
            return None, rid
        if rid in {"weekday", "night-of", "weekday-rel"}:
            return self._weekday(self.weekdays.index(g["wd"]), g.get("rel"), pub, rid)
        if rid == "relative-day":
            return self._shift(pub, self.relative_days[g["rel"]]), "relative-day"
        if rid == "anchored-day":
            return self._shift(pub, self.anchored_days[g["anc"]]), "anchored-day"
        if rid == "ago":
            return self._ago(g, pub), "ago"
        if rid == "last-week":
            base = pub.as_date()
            if base is None or pub.year is None:
                return None, rid
            monday = base - dt.timedelta(days=base.weekday())
            delta = 7 * self.relative["week"][g["rel"]]
            return (monday + dt.timedelta(days=delta)).isoformat(), "last-week"
        if rid == "last-month":
            if g.get("mrel") and pub.month:
                step = self.relative["month"][g["mrel"]]
                month = (pub.month - 1 + step) % 12 + 1
                year = pub.year + ((pub.month - 1 + step) // 12) if pub.year else None
                return PartialDate(year, month, None).iso(), "last-month"
            if g.get("yrel") and pub.year:
                step = self.relative["year"][g["yrel"]]
                return PartialDate(pub.year + step, None, None).iso(), "last-month"
            return None, rid
        return None, None

    def _day_month(self, g: dict, pub: PartialDate | None, rid: str):
        raw_day = g["d"]
        day = 1 if raw_day in self.first_day else int(raw_day)
        if rid == "numeric":
            month = int(g["m"])
        else:
            month = self.months.index(g["m"]) + 1
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None, None
        year = None
        if g.get("y"):
            year = int(g["y"])
            if year < 100:
                year += 2000 if year < 50 else 1900
        else:
            year = self._year_for(month, day, pub)
        try:
            dt.date(year or LEAP_YEAR, month, day)
        except ValueError:
            return None, None
        return PartialDate(year, month, day).iso(), "day-month"

    @staticmethod
    def _year_for(month: int, day: int | None, pub: PartialDate | None) -> int | None:
        if pub is None or pub.year is None:
            return None
        if pub.month is None:
            return pub.year
        later = (month, day or 1) > (pub.month, pub.day or 31)
        return pub.year - 1 if later else pub.year

    def _weekday(self, weekday: int, rel: str | None, pub: PartialDate, rid: str):
        base = pub.as_date()
        if base is None:
            return None, rid
        direction = self.relative["weekday"].get(rel) if rel else None
        if pub.year is None:
            if direction == 1:
                return None, rid
            return self._shift(pub, -1), "weekday-no-year"
        diff = (base.weekday() - weekday) % 7
        if direction == -1:
            diff = diff or 7
            return (base - dt.timedelta(days=diff)).isoformat(), "weekday-last"
        if direction == 1:
            ahead = (weekday - base.weekday()) % 7 or 7
            return (base + dt.timedelta(days=ahead)).isoformat(), "weekday-next"
        return (base - dt.timedelta(days=diff)).isoformat(), \
            ("night-of" if rid == "night-of" else "weekday")

    @staticmethod
    def shift(date: str, days: int) -> str:
        """``date`` moved by ``days`` when it is a full day, else itself."""
        day = PartialDate.parse(date)
        if day is None or day.day is None:
            return date
        return DateResolver._shift(day, days) or date

    @staticmethod
    def _shift(pub: PartialDate, days: int) -> str | None:
        base = pub.as_date()
        if base is None:
            return PartialDate(pub.year, pub.month, None).iso() if pub.month else None
        new = base + dt.timedelta(days=days)
        return PartialDate(new.year if pub.year else None, new.month, new.day).iso()

    def _ago(self, g: dict, pub: PartialDate) -> str | None:
        base = pub.as_date()
        if base is None or pub.year is None:
            return None
        n = g["n"]
        count = int(n) if n.isdigit() else self.numbers.get(n, 1)
        unit = self.ago_units[g["u"]]
        if unit == "month":
            months = base.year * 12 + base.month - 1 - count
            return PartialDate(months // 12, months % 12 + 1, None).iso()
        if unit == "year":
            return PartialDate(base.year - count, None, None).iso()
        days = 7 * count if unit == "week" else count  # day
        return (base - dt.timedelta(days=days)).isoformat()
