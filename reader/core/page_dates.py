"""A web page's publication day: the day the page states, in its own time zone, never a placeholder.

Contract: ``publication_day(stamp, markup, url) -> "YYYY-MM-DD" | None``, where ``stamp`` is
htmldate's original publication date of the page as ``STAMP_FORMAT`` ("2019-11-20T04:26:47+0000",
or "2019-11-20T00:00:00" when the page gives no time and zone).

- The day is the one the page states in its own time zone. A stamp that carries a non-UTC offset
  is read as written (22:31 -05:00 on the 9th stays the 9th). A UTC stamp ("Z", +00:00: how many
  content systems write every time) is moved into the zone the page's readers see, when the page
  says which: a clock time with a zone abbreviation next to a date in its text ("11:26 pm EST,
  Tuesday, November 19, 2019"; the commonest zone wins) or another timestamp of the page that
  writes the same moment with its offset. Without such evidence the UTC day stands.
- Never a placeholder: a day before ``EARLIEST_DATE`` (year 1, the Unix epoch, 1900) or after
  tomorrow is dropped (``plausible_date``), and so is a 1 January that only a bare year backs
  (htmldate's extensive search turns "© 2024" into 2024-01-01): it is kept only when htmldate
  finds the same day without guessing from years.
Pure functions; must not import Qt.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

#: How htmldate is asked to write the date: with the time and offset, so the day can be moved
#: into the page's own time zone.
STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
#: Dates before this are placeholders or errors, not publication dates: the web's news sites
#: start in the mid-1990s, and content systems write year 1, 1900 or the Unix epoch for "no date".
EARLIEST_DATE = datetime.date(1995, 1, 1)
#: How far (characters) from a zoned clock time a date must be written for the zone to count as
#: the page's dateline, not a time mentioned in the story ("kick-off at 8 pm ET").
DATELINE_REACH = 60
#: Two timestamps this close (seconds) name the same moment (one may drop the seconds).
SAME_INSTANT_S = 60
#: Zone abbreviations a dateline uses, and the zone each names (daylight saving comes from the
#: zone database, so "ET" is right in winter and summer alike).
ZONES = {
    "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
    "CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago",
    "MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver",
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "HST": "Pacific/Honolulu",
    "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}

_STAMP_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})([+-]\d{4})?)?")
_ZONED_CLOCK_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*\(?(" + "|".join(ZONES) + r")\)?(?![\w])")
_DATE_WORD_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|"
                           r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|"
                           r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_ISO_OFFSET_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?[+-]\d{2}:?\d{2}\b")


def publication_day(stamp: str | None, markup: str, url: str | None = None,
                    today: datetime.date | None = None) -> str | None:
    """The day the page was published, in its own time zone; ``None`` without a trustworthy one."""
    m = _STAMP_RE.match((stamp or "").strip())
    if not m:
        return None
    day = m.group(0)[:10]
    if day.endswith("-01-01") and not _stated_without_guessing(markup, url, day):
        return None
    if m[7] in ("+0000", "-0000"):
        instant = datetime.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6]),
                                    tzinfo=datetime.UTC)
        zone = page_zone(markup, instant)
        if zone is not None:
            day = instant.astimezone(zone).date().isoformat()
    return plausible_date(day, today)


def plausible_date(value: str | None, today: datetime.date | None = None) -> str | None:
    """``YYYY-MM-DD`` of ``value`` (an ISO date or timestamp, read as written), or ``None`` when
    it is unreadable, a placeholder (before ``EARLIEST_DATE``) or after ``today`` and a day."""
    m = _STAMP_RE.match((value or "").strip())
    if not m:
        return None
    try:
        day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    # A page may be a few hours ahead of this machine's clock (its time zone is east of ours).
    latest = (today or datetime.date.today()) + datetime.timedelta(days=1)
    return day.isoformat() if EARLIEST_DATE <= day <= latest else None


def page_zone(markup: str, instant: datetime.datetime | None = None) -> datetime.tzinfo | None:
    """The time zone the page's readers see its times in, when the page says; else ``None``.

    First the offset of another timestamp of the page that writes ``instant`` itself with an
    offset (JSON-LD "2019-11-20T04:31:13-06:00" beside a meta tag's "…+00:00"); then the zone of
    the commonest zoned clock time written next to a date.
    """
    if instant is not None:
        for m in _ISO_OFFSET_RE.finditer(markup):
            try:
                other = datetime.datetime.fromisoformat(m[0])
            except ValueError:
                continue
            if other.utcoffset() and abs((other - instant).total_seconds()) <= SAME_INSTANT_S:
                return other.tzinfo
    named = Counter(ZONES[m[1]] for m in _ZONED_CLOCK_RE.finditer(markup) if _DATE_WORD_RE.search(
        markup, max(0, m.start() - DATELINE_REACH), m.end() + DATELINE_REACH))
    if not named:
        return None
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(named.most_common(1)[0][0])
    except (ImportError, LookupError, ValueError, OSError):  # no zone database on this system
        return None


def _stated_without_guessing(markup: str, url: str | None, day: str) -> bool:
    from htmldate import find_date

    try:
        return find_date(markup, url=url, extensive_search=False, original_date=True) == day
    except Exception:  # noqa: BLE001 - no second opinion means no evidence
        return False
