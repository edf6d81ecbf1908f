"""axe-core on the between-workshops pages — summary, comments, practice, action, pre-work — at
320 px and at desktop width, with data on them."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.workshops.factories import WorkshopFactory
from workshops import services as workshop_services
from workshops.people import services as people_services
from workshops.practices import services as practice_services
from workshops.summaries import services as summary_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()


@pytest.mark.parametrize("width", [320, 1280])
def test_between_pages_have_no_serious_violations(
    new_page, axe_check, facilitator, held, anna_client, width
):
    workshop = held["workshop"]
    series = workshop.series
    summary = summary_services.summary_save(
        workshop,
        intro="Kiitos!",
        sections=summary_services.compile_sections(workshop),
        version=0,
        by=facilitator,
    )
    summary_services.summary_publish(summary, by=facilitator, url="http://testserver/")
    summary_services.comment_add(
        series,
        kind="challenge",
        target_id=anna_client.challenge.public_id,
        text="Tärkeä asia",
        participant=anna_client.anna,
    )
    practice = practice_services.practice_create(
        series, by=facilitator, name="Kotiutuspalaveri", elements="Palaveri\nAsiakas mukana"
    )
    task = workshop_services.task_add(
        series=series,
        text="Sovi pilotti",
        owner=facilitator,
        due_date=timezone.localdate() + dt.timedelta(days=7),
        practice=practice,
    )
    nxt = WorkshopFactory(series=series, position=2, title="Ratkaisupaja")
    people_services.prework_add(nxt, text="Mitä ratkaisuja olet nähnyt muualla?")
    token = people_services.issue_link(anna_client.anna, by=facilitator)

    staff = new_page(width=width)
    _login(staff, facilitator)
    for url, label in [
        (f"/series/{series.code}/workshops/{workshop.code}/summary/", "summary editor"),
        (f"/series/{series.code}/comments/", "comments"),
        (f"/series/{series.code}/practices/{practice.public_id}/", "practice"),
        (f"/series/{series.code}/tasks/{task.public_id}/edit/", "action"),
        (f"/series/{series.code}/", "series page with actions"),
        (f"/series/{series.code}/workshops/{nxt.code}/", "workshop page with pre-work"),
        (f"/series/{series.code}/workshops/{nxt.code}/cockpit/", "cockpit since last time"),
        (f"/series/{series.code}/participants/", "participants"),
    ]:
        assert staff.goto(url).ok, url
        assert "/accounts/login/" not in staff.url
        axe_check(staff, f"{label} at {width}px")

    phone = new_page(width=width)
    assert phone.goto(f"/p/{token}/").ok
    axe_check(phone, f"participant's series page at {width}px")
    for url, label in [
        (f"/my/{series.code}/summaries/{workshop.code}/", "published summary"),
        (f"/my/{series.code}/prework/{nxt.code}/", "pre-work"),
    ]:
        assert phone.goto(url).ok, url
        axe_check(phone, f"{label} at {width}px")
