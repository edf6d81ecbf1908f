"""Retention's acts are in the audit log: closing, reopening, the data export, the purge and a
participant deleting their own content — by code and id, never by content (issue 9, item 5)."""

from __future__ import annotations

import io

import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.retention.conftest import NOTE_TEXTS, T0, days_later, device
from workshops.models import AuditEntry

Action = AuditEntry.Action


def entries(series) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(series_id=series.pk)
        .order_by("id")
        .values_list("actor__username", "action", "object_kind", "object_id")
    )


def test_closing_exporting_reopening_and_the_purge_are_recorded(content, coordinator, client):
    series = content.series
    with time_machine.travel(T0, tick=False):
        client.force_login(coordinator)
        client.post(reverse("workshops:series-close", args=[series.code]), {"close-confirm": "on"})
        client.post(reverse("workshops:series-reopen", args=[series.code]))
        client.post(reverse("workshops:series-close", args=[series.code]), {"close-confirm": "on"})
        assert client.get(reverse("workshops:series-export", args=[series.code])).status_code == 200
    who = coordinator.username
    assert entries(series) == [
        (who, Action.SERIES_CLOSED, "series", series.code),
        (who, Action.SERIES_REOPENED, "series", series.code),
        (who, Action.SERIES_CLOSED, "series", series.code),
        (who, Action.SERIES_EXPORTED, "series", series.code),
    ]
    with time_machine.travel(days_later(T0, 400), tick=False):
        call_command("purge_expired", "--dry-run", stdout=io.StringIO())
        assert len(entries(series)) == 4  # a dry run changes nothing, the log included
        call_command("purge_expired", stdout=io.StringIO())
        call_command("purge_expired", stdout=io.StringIO())  # nothing more to purge
    assert entries(series)[4:] == [(None, Action.SERIES_PURGED, "series", series.code)]


def test_a_refused_close_writes_no_entry(content, facilitator, client):
    client.force_login(facilitator)  # facilitators may not close a series
    client.post(
        reverse("workshops:series-close", args=[content.series.code]), {"close-confirm": "on"}
    )
    assert entries(content.series) == []


def test_a_participant_deleting_their_content_is_recorded_by_their_id_only(content):
    phone = device(content.anna, content.anna_token)
    url = reverse("people:my-delete", args=[content.series.code])
    phone.post(url, {"what": "contributions"})  # not confirmed: nothing deleted, nothing logged
    assert entries(content.series) == []
    phone.post(url, {"what": "contributions", "contributions-confirm": "on"})
    assert entries(content.series) == [
        (None, Action.OWN_CONTENT_DELETED, "participant", str(content.anna.public_id))
    ]
    logged = " ".join(str(v) for v in AuditEntry.objects.values_list())
    for text in [*NOTE_TEXTS, content.anna.nickname, content.anna_token]:
        assert text not in logged
