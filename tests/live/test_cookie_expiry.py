"""A participant's identity cookie expires with the series it was made for."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.workshops.factories import SeriesFactory, WorkshopFactory
from workshops.live import identity, services

from .conftest import join

pytestmark = pytest.mark.django_db

HELSINKI_NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 30))


@pytest.fixture
def frozen(monkeypatch, settings):
    """Helsinki time 2 March 2026 9.30; `frozen.move(days=...)` moves it forward."""
    settings.NOPSA_PARTICIPANT_COOKIE_DAYS = 30

    class Clock:
        at = HELSINKI_NOW

        def move(self, **delta):
            self.at += dt.timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.at)
    return clock


def _date(workshop, date):
    type(workshop).objects.filter(pk=workshop.pk).update(date=date)


def _cookie(client):
    return client.cookies[identity.cookie_name()]


def test_the_cookie_lives_until_30_days_after_the_last_workshop(client, live_workshop, frozen):
    _date(live_workshop, dt.date(2026, 3, 2))
    WorkshopFactory(series=live_workshop.series, position=2, date=dt.date(2026, 4, 15))
    join(client, live_workshop)
    # The end of 15 May 2026 (Helsinki): 30 days after the last workshop.
    end = timezone.make_aware(dt.datetime(2026, 5, 16))
    assert _cookie(client)["max-age"] == int((end - HELSINKI_NOW).total_seconds())


def test_a_workshop_dated_in_the_past_counts_from_the_day_of_joining(client, live_workshop, frozen):
    _date(live_workshop, dt.date(2025, 1, 10))
    join(client, live_workshop)
    end = timezone.make_aware(dt.datetime(2026, 4, 2))  # end of 1 April: today + 30 days
    assert _cookie(client)["max-age"] == int((end - HELSINKI_NOW).total_seconds())


def test_an_ended_series_is_dropped_when_the_cookie_is_written_again(
    client, live_workshop, frozen, facilitator
):
    _date(live_workshop, dt.date(2026, 3, 2))
    anna = join(client, live_workshop)
    assert str(live_workshop.series_id) in _entries(client)

    # Forty days on, Anna joins a workshop of another series: the first series ended
    # 30 days after its last workshop, so its entry is gone from the new cookie.
    frozen.move(days=40)
    later = SeriesFactory(organisation=live_workshop.series.organisation)
    workshop = services.workshop_go_live(
        workshop=WorkshopFactory(series=later, position=1, date=timezone.localdate())
    )
    join(client, workshop, nickname="Anna")
    entries = _entries(client)
    assert str(later.pk) in entries
    assert str(live_workshop.series_id) not in entries
    assert anna.pk not in {int(v.split(":")[0]) for v in entries.values()}


def test_a_series_still_running_keeps_its_entry(client, live_workshop, frozen):
    _date(live_workshop, dt.date(2026, 3, 2))
    WorkshopFactory(series=live_workshop.series, position=2, date=dt.date(2026, 6, 1))
    join(client, live_workshop)
    frozen.move(days=40)
    later = SeriesFactory(organisation=live_workshop.series.organisation)
    workshop = services.workshop_go_live(
        workshop=WorkshopFactory(series=later, position=1, date=timezone.localdate())
    )
    join(client, workshop, nickname="Anna")
    entries = _entries(client)
    assert {str(later.pk), str(live_workshop.series_id)} <= set(entries)
    # The cookie lives as long as its longest series: to the end of 1 July 2026.
    end = timezone.make_aware(dt.datetime(2026, 7, 2))
    assert _cookie(client)["max-age"] == int((end - frozen.at).total_seconds())


def _entries(client):
    from django.core import signing

    return signing.loads(_cookie(client).value, salt=identity.COOKIE_SALT)
