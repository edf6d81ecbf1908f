"""A participant's phone rides out a database restart (issue 9, item 7): needs PostgreSQL.

Anna types a note; the database goes away (tests/live/outage.py) and she presses Send. The page
says politely that the connection was lost, her text stays in the field, and when the database
is back the page recovers by itself, sends the note (its client id unchanged) and stores it once.
"""

import pytest
from django.db import connection
from playwright.sync_api import expect

from tests.live.outage import database_down
from workshops.live import services
from workshops.models import Note, Step

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEXT = "Tieto ei kulje yksiköstä toiseen"


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def test_the_phone_keeps_the_text_says_so_and_sends_it_once_when_the_database_is_back(
    workshop, new_page, settings
):
    settings.NOPSA_POLL_INTERVAL_MS = 400
    Step.objects.create(
        workshop=workshop, position=1, kind="brainstorm", title="Ideointi", duration_minutes=20
    )
    workshop = services.workshop_go_live(workshop=workshop)
    page = new_page(width=360, height=740)
    page.goto(f"/join/{workshop.join_code}/")
    page.get_by_label("Nimimerkki").fill("Anna")
    page.get_by_label("Ammattilainen").check()
    page.get_by_role("button", name="Liity").click()
    field = page.get_by_label("Muistiinpanosi")
    field.fill(TEXT)
    status = page.locator("#connection-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")

    with database_down():
        page.get_by_role("button", name="Lähetä").click()
        expect(status).to_contain_text("Yhteys katkesi", timeout=5000)
        expect(field).to_have_value(TEXT)
        # Polls keep failing meanwhile; the page stays as it was.
        page.wait_for_timeout(1500)
        expect(field).to_have_value(TEXT)
        expect(page.locator("#notes-list")).not_to_contain_text(TEXT)

    # Back: the next poll succeeds, the note is resent by itself and shown.
    expect(status).to_contain_text("Yhteys palasi", timeout=20_000)
    expect(page.locator("#notes-list")).to_contain_text(TEXT, timeout=10_000)
    expect(field).to_have_value("")
    page.wait_for_timeout(1500)  # later polls change nothing
    assert Note.objects.filter(text=TEXT).count() == 1
