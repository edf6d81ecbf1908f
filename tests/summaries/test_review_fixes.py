"""Rules found in review: what may be commented on, private notes, CRLF texts, replies,
failing mail, calendars, version bumps."""

import uuid

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tests.workshops.factories import WorkshopFactory
from workshops.models import Comment, Theme, WorkshopSummary
from workshops.people import calendar
from workshops.people import services as people_services
from workshops.practices import services as practice_services
from workshops.summaries import services

from .conftest import staff_client
from .test_summaries import _comment_url, _edit_url, _form_data, _publish


def test_only_outputs_shown_in_this_summary_can_be_commented(held, anna_client, facilitator):
    workshop = held["workshop"]
    staff = staff_client(facilitator)
    # The facilitator leaves the challenges out of the published summary.
    page = staff.get(_edit_url(workshop))
    data = _form_data(page)
    data.pop("include_challenges")
    staff.post(_edit_url(workshop), {**data, "publish": "1"})
    # A theme of another workshop (no summary published) is not commentable either.
    other = WorkshopFactory(series=workshop.series, position=3)
    hidden_theme = Theme.objects.create(workshop=other, step=held["steps"][2], name="Piilossa")
    for kind, target in [
        ("challenge", anna_client.challenge.public_id),
        ("theme", hidden_theme.public_id),
        ("summary", uuid.uuid4()),
    ]:
        response = anna_client.post(
            _comment_url(workshop), {"kind": kind, "target": str(target), "text": "Ohitus"}
        )
        assert response.status_code == 422
        assert "Ohitus" in response.content.decode()
    # A theme shown in the summary can be.
    response = anna_client.post(
        _comment_url(workshop),
        {"kind": "theme", "target": str(anna_client.theme.public_id), "text": "Sallittu"},
    )
    assert response.status_code == 302
    assert list(Comment.objects.values_list("text", flat=True)) == ["Sallittu"]


def test_notes_of_a_private_step_never_revealed_stay_out(held, anna_client):
    workshop = held["workshop"]
    brainstorm = held["steps"][1]
    brainstorm.settings = {"private_until_reveal": True}
    brainstorm.save()
    sections = {s["key"]: s for s in services.compile_sections(workshop)}
    assert "notes" not in sections, "the unrevealed notes are not drafted"


def test_browser_line_ends_do_not_count_as_edits(held, anna_client, facilitator):
    workshop = held["workshop"]
    staff = staff_client(facilitator)
    page = staff.get(_edit_url(workshop))
    crlf = {
        k: v.replace("\n", "\r\n") if k.startswith("text_") else v
        for k, v in _form_data(page).items()
    }
    staff.post(_edit_url(workshop), crlf)
    assert not any(s.get("edited") for s in WorkshopSummary.objects.get().sections)


def test_a_reply_to_a_reply_joins_the_thread(held, anna_client, facilitator):
    workshop = held["workshop"]
    summary = _publish(staff_client(facilitator), workshop)
    top = services.comment_add(
        workshop.series,
        kind="summary",
        target_id=summary.public_id,
        text="Ylin",
        participant=anna_client.anna,
    )
    reply = services.comment_add(
        workshop.series, kind="", target_id=None, text="V1", author=facilitator, parent=top
    )
    nested = services.comment_add(
        workshop.series,
        kind="",
        target_id=None,
        text="V2",
        participant=anna_client.anna,
        parent=reply,
    )
    assert nested.parent == top
    response = anna_client.post(
        _comment_url(workshop),
        {
            "kind": "summary",
            "target": str(summary.public_id),
            "text": "Orpo",
            "parent": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 422
    assert not Comment.objects.filter(text="Orpo").exists()


def test_staff_comment_list_does_not_show_the_participant_type(held, anna_client, facilitator):
    workshop = held["workshop"]
    summary = _publish(staff_client(facilitator), workshop)
    anna_client.anna.kind = "client"
    anna_client.anna.save()
    services.comment_add(
        workshop.series,
        kind="summary",
        target_id=summary.public_id,
        text="Asiakkaan ääni",
        participant=anna_client.anna,
    )
    page = staff_client(facilitator).get(reverse("workshops:comments", args=[workshop.series.code]))
    assert "Asiakkaan ääni" in page.content.decode()
    assert "asiakasedustaja" not in page.content.decode().lower()


def test_failing_mail_keeps_the_new_link_on_the_page(held, anna_client, facilitator, settings):
    settings.EMAIL_BACKEND = "tests.people.failing_mail.EmailBackend"
    people_services.set_email(anna_client.anna, "anna@example.fi")
    staff = staff_client(facilitator)
    url = reverse(
        "workshops:participant-link",
        args=[held["workshop"].series.code, anna_client.anna.public_id],
    )
    response = staff.post(url, {"send": "1"})
    assert response.status_code == 200
    assert "/p/" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    summary = _publish(staff, held["workshop"])
    assert summary.published_at is not None


def test_calendar_files_carry_their_time_zone(held):
    workshop = held["workshop"]
    key = calendar.feed_key(workshop.series)
    body = Client().get(reverse("people:calendar-feed", args=[key])).content
    parsed = Calendar.from_ical(body)
    assert [tz["tzid"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Helsinki"]


def test_recording_a_status_is_not_a_text_conflict(series, facilitator):
    from django.utils import timezone

    practice = practice_services.practice_create(series, by=facilitator, name="Malli")
    version = practice.version
    practice_services.practice_set_status(
        practice, status="prototype", date=timezone.localdate(), by=facilitator
    )
    practice_services.practice_update(practice, version=version, name="Malli 2")
    practice.refresh_from_db()
    assert practice.name == "Malli 2" and practice.status == "prototype"


def test_since_last_time_counts_all_and_lists_the_newest(held, anna_client, facilitator):
    workshop = held["workshop"]
    summary = _publish(staff_client(facilitator), workshop)
    for i in range(services.SINCE_LAST_TIME_SHOWN + 5):
        services.comment_add(
            workshop.series,
            kind="summary",
            target_id=summary.public_id,
            text=f"K{i}",
            participant=anna_client.anna,
        )
    nxt = WorkshopFactory(series=workshop.series, position=2)
    recent = services.since_last_time(nxt)
    assert recent["total"] == services.SINCE_LAST_TIME_SHOWN + 5
    assert len(recent["comments"]) == services.SINCE_LAST_TIME_SHOWN
    assert recent["comments"][-1].text == f"K{services.SINCE_LAST_TIME_SHOWN + 4}"


def test_a_summary_of_a_workshop_not_held_cannot_be_published(series, facilitator):
    planned = WorkshopFactory(series=series, position=5)
    staff = staff_client(facilitator)
    page = staff.get(_edit_url(planned))
    response = staff.post(_edit_url(planned), {**_form_data(page), "publish": "1"})
    assert response.status_code == 302
    assert WorkshopSummary.objects.get(workshop=planned).published_at is None
    assert "ei ole vielä pidetty" in staff.get(_edit_url(planned)).content.decode()
