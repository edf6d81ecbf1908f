"""Retention: a closed series' participant content is purged NOPSA_RETENTION_DAYS after closing
(issue 9, item 6), by `manage.py purge_expired` from a daily timer; with time moved forward."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.retention.conftest import (
    NOTE_TEXTS,
    T0,
    days_later,
    device,
    participant_content,
    record,
)
from workshops import retention
from workshops.models import PrioritisedChallenge, Series, Workshop

NOTHING = {
    "notes": 0,
    "theme_suggestions": 0,
    "prework_answers": 0,
    "comments": 0,
    "links": 0,
    "nicknames": 0,
    "emails": 0,
    "feedback_texts": 0,
    "cases": 0,
    "case_paths": 0,
    "case_suggestions": 0,
    "live_events": 0,
    "report_pdfs": 0,
}


def close_at(series, coordinator, moment):
    with time_machine.travel(moment, tick=False):
        retention.series_close(series=series, by=coordinator)
    series.refresh_from_db()
    return series


def purge_command(moment, *args) -> str:
    out = io.StringIO()
    with time_machine.travel(moment, tick=False):
        call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


def test_the_daily_command_purges_a_series_a_year_after_it_was_closed(
    content, other, coordinator, caplog
):
    series = close_at(content.series, coordinator, T0)
    before = participant_content(series)
    assert all(before.values()), before  # every kind of content is there to be purged
    kept = record(series)
    other_before = participant_content(other.series), record(other.series)

    with caplog.at_level(logging.INFO, logger="workshops.retention"):
        output = purge_command(days_later(T0, 365) + dt.timedelta(minutes=1))

    series.refresh_from_db()
    assert series.purged_at == days_later(T0, 365) + dt.timedelta(minutes=1)
    assert participant_content(series) == NOTHING
    assert record(series) == kept  # the anonymous and the staff's record stays whole
    assert (participant_content(other.series), record(other.series)) == other_before
    assert f"purged {series.code}: " in output and "notes=3" in output
    assert "1 series purged (retention 365 days after closing)" in output
    # Counts only: no content in the command's output or the log.
    logged = caplog.text + output
    for text in [*NOTE_TEXTS, "Anna", "anna@example.fi", "Liian lyhyt aika", "Asiakas A"]:
        assert text not in logged


def test_nothing_is_purged_before_the_retention_period_has_passed(content, coordinator):
    series = close_at(content.series, coordinator, T0)
    before = participant_content(series)
    output = purge_command(days_later(T0, 365) - dt.timedelta(minutes=1))
    series.refresh_from_db()
    assert series.purged_at is None
    assert participant_content(series) == before
    assert "0 series purged" in output


def test_a_series_that_was_never_closed_is_never_purged(content):
    before = participant_content(content.series)
    purge_command(days_later(T0, 3650))
    content.series.refresh_from_db()
    assert content.series.purged_at is None
    assert participant_content(content.series) == before


def test_a_reopened_series_is_not_purged(content, coordinator):
    series = close_at(content.series, coordinator, T0)
    retention.series_reopen(series=series)
    before = participant_content(series)
    purge_command(days_later(T0, 400))
    series.refresh_from_db()
    assert series.purged_at is None and series.closed_at is None
    assert participant_content(series) == before


def test_a_second_run_changes_nothing(content, coordinator):
    series = close_at(content.series, coordinator, T0)
    purge_command(days_later(T0, 366))
    series.refresh_from_db()
    first = series.purged_at
    output = purge_command(days_later(T0, 367))
    series.refresh_from_db()
    assert series.purged_at == first
    assert "0 series purged" in output
    assert retention.series_purge(series=series) is None


def test_a_dry_run_prints_counts_and_changes_nothing(content, coordinator):
    series = close_at(content.series, coordinator, T0)
    before = participant_content(series)
    output = purge_command(days_later(T0, 366), "--dry-run")
    series.refresh_from_db()
    assert series.purged_at is None
    assert participant_content(series) == before
    assert f"would purge {series.code}: " in output
    assert "notes=3" in output and "cases.cases=1" in output
    assert "feedback.texts=" in output and "feedback.texts=0" not in output
    assert "nothing changed" in output
    for text in [*NOTE_TEXTS, "Anna", "anna@example.fi"]:
        assert text not in output


def test_the_retention_period_comes_from_the_setting(content, coordinator, settings):
    settings.NOPSA_RETENTION_DAYS = 30
    series = close_at(content.series, coordinator, T0)
    assert retention.purge_due_at(series) == days_later(T0, 30)
    purge_command(days_later(T0, 29))
    series.refresh_from_db()
    assert series.purged_at is None
    purge_command(days_later(T0, 31))
    series.refresh_from_db()
    assert series.purged_at is not None


def test_the_purge_removes_the_notes_behind_confirmed_challenges(content, coordinator):
    series = close_at(content.series, coordinator, T0)
    retention.series_purge(series=series, now=days_later(T0, 366))
    challenge = PrioritisedChallenge.objects.get(pk=content.challenge.pk)
    assert challenge.source["notes"] == []
    assert challenge.source["dots_by_kind"] == {"professional": 1, "client": 1}
    assert challenge.text == "Tiedonkulku katkeaa"


def test_a_purged_participants_device_and_personal_link_no_longer_work(
    content, coordinator, client
):
    phone = device(content.anna, content.anna_token)
    my_series = reverse("people:my-series", args=[content.series.code])
    assert phone.get(my_series).status_code == 200
    series = close_at(content.series, coordinator, T0)
    retention.series_purge(series=series, now=days_later(T0, 366))
    assert phone.get(my_series).status_code == 404
    assert client.get(reverse("people:return", args=[content.link_token])).status_code == 404


# --- Closing and reopening (the coordinator's) ---------------------------------------------------


def test_a_coordinator_closes_the_series_after_confirming(content, coordinator, client):
    client.force_login(coordinator)
    url = reverse("workshops:series-close", args=[content.series.code])
    response = client.post(url, {"close-confirm": "on"})
    assert response.status_code == 302
    content.series.refresh_from_db()
    assert content.series.closed_at is not None
    assert content.series.closed_by == coordinator
    page = client.get(reverse("workshops:series-detail", args=[content.series.code]))
    due = timezone.localtime(retention.purge_due_at(content.series))  # as the page shows it
    assert f"Sen osallistujien sisältö poistetaan {due:%-d.%-m.%Y}" in page.content.decode()


def test_closing_without_the_confirmation_is_refused_with_a_message(content, coordinator, client):
    client.force_login(coordinator)
    url = reverse("workshops:series-close", args=[content.series.code])
    response = client.post(url, {})
    assert response.status_code == 422
    assert "Vahvista rastittamalla ruutu." in response.content.decode()
    content.series.refresh_from_db()
    assert content.series.closed_at is None


def test_a_series_with_a_live_workshop_cannot_be_closed(content, coordinator, client):
    Workshop.objects.filter(pk=content.planned.pk).update(state=Workshop.State.LIVE)
    client.force_login(coordinator)
    url = reverse("workshops:series-close", args=[content.series.code])
    response = client.post(url, {"close-confirm": "on"})
    assert response.status_code == 422
    assert "Sarjan työpaja on käynnissä." in response.content.decode()
    assert Series.objects.get(pk=content.series.pk).closed_at is None


def test_a_facilitator_may_not_close_or_reopen_the_series(content, facilitator, client):
    client.force_login(facilitator)
    code = content.series.code
    assert (
        client.post(
            reverse("workshops:series-close", args=[code]), {"close-confirm": "on"}
        ).status_code
        == 403
    )
    assert client.post(reverse("workshops:series-reopen", args=[code])).status_code == 403
    assert Series.objects.get(pk=content.series.pk).closed_at is None


def test_a_coordinator_reopens_a_closed_series_but_not_a_purged_one(content, coordinator, client):
    client.force_login(coordinator)
    series = close_at(content.series, coordinator, T0)
    url = reverse("workshops:series-reopen", args=[series.code])
    assert client.post(url).status_code == 302
    series.refresh_from_db()
    assert series.closed_at is None

    series = close_at(series, coordinator, T0)
    retention.series_purge(series=series, now=days_later(T0, 366))
    response = client.post(url, follow=True)
    assert "sisältö on poistettu" in response.content.decode()
    series.refresh_from_db()
    assert series.closed_at is not None and series.purged_at is not None


def test_the_series_page_says_when_the_content_was_removed(content, coordinator, client):
    series = close_at(content.series, coordinator, T0)
    retention.series_purge(series=series, now=days_later(T0, 366))
    client.force_login(coordinator)
    page = client.get(reverse("workshops:series-detail", args=[series.code])).content.decode()
    assert "poistettiin 3.3.2027" in page
    assert "Sulje sarja" not in page  # no close button on a purged series


@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_retention_period_below_one_day_is_refused_at_start(value):
    from tests.test_settings import _load_settings

    result = _load_settings(DEBUG="true", NOPSA_RETENTION_DAYS=value)
    assert result.returncode != 0
    assert "NOPSA_RETENTION_DAYS must be at least 1" in result.stderr


def test_a_workshop_of_a_closed_series_cannot_go_live(content, coordinator, client):
    series = close_at(content.series, coordinator, T0)
    client.force_login(coordinator)
    url = reverse("workshops:go-live", args=[series.code, content.planned.code])
    response = client.post(url, follow=True)
    assert "Sarja on suljettu. Koordinaattori voi avata sen uudelleen." in response.content.decode()
    assert Workshop.objects.get(pk=content.planned.pk).state == Workshop.State.PLANNED
