"""Calendars: an `.ics` file per workshop and a subscribable feed per series.

The feed's address is the series code signed with the app's secret: it can be shared with
everyone in the series, carries no personal data, and cannot be guessed from the code alone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ..models import Series, Workshop

FEED_SALT = "nopsa.calendar-feed"


def feed_key(series: Series) -> str:
    return signing.Signer(salt=FEED_SALT).sign(series.code)


def series_for_feed_key(key: str) -> Series | None:
    try:
        code = signing.Signer(salt=FEED_SALT).unsign(key)
    except signing.BadSignature:
        return None
    return Series.objects.filter(code=code).first()


def _event(workshop: Workshop, series: Series, host: str) -> Event | None:
    if workshop.date is None:
        return None
    event = Event()
    event.add("uid", f"{workshop.code}@{host}")
    event.add("summary", f"{workshop.title} – {series.title}")
    event.add("dtstamp", dt.datetime.now(tz=dt.UTC))
    if workshop.start_time is not None:
        zone = ZoneInfo(settings.TIME_ZONE)
        start = dt.datetime.combine(workshop.date, workshop.start_time, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=workshop.duration_minutes))
    else:
        event.add("dtstart", workshop.date)  # an all-day event until the time is known
    if workshop.place:
        event.add("location", workshop.place)
    if workshop.purpose:
        event.add("description", workshop.purpose)
    return event


def _calendar(series: Series) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Nopsa//Nopsa//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", series.title)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def workshop_ics(workshop: Workshop, host: str) -> bytes:
    series = workshop.series
    with translation.override(series.language):
        calendar = _calendar(series)
        event = _event(workshop, series, host)
        if event is not None:
            calendar.add_component(event)
    calendar.add_missing_timezones()  # RFC 5545: a TZID needs its VTIMEZONE
    return calendar.to_ical()


def series_ics(series: Series, workshops, host: str) -> bytes:
    with translation.override(series.language):
        calendar = _calendar(series)
        calendar.add(
            "x-wr-caldesc", _("Workshops of the series %(series)s") % {"series": series.title}
        )
        for workshop in workshops:
            event = _event(workshop, series, host)
            if event is not None:
                calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
