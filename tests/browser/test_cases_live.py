"""Case work and a service path step in a live workshop, in real browsers: the facilitator
chooses the case, two participants write notes against the guiding questions and suggest a
path event, the facilitator accepts it and it appears in the service path."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import PathEvent, Suggestion
from tests.cases.factories import CaseFactory, ServicePathFactory
from workshops.models import Step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = ["Mitä muutosta tavoitellaan?", "Kuka tekee mitä?"]


@pytest.fixture
def fast_polls(settings):
    settings.NOPSA_POLL_INTERVAL_MS = 500


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()


def _join(new_page, code, nickname):
    page = new_page(width=320, height=740)
    page.goto("/join/")
    page.get_by_label("Työpajan koodi").fill(code)
    page.get_by_role("button", name="Jatka").click()
    page.get_by_label("Nimimerkki").fill(nickname)
    page.get_by_label("Ammattilainen").check()
    page.get_by_role("button", name="Liity").click()
    return page


def test_case_work_and_a_suggested_path_event(
    fast_polls, new_page, axe_check, facilitator, series, workshop
):
    case = CaseFactory(
        series=series,
        title="Monen palvelun asiakas",
        situation="Asiakas asioi viidessä palvelussa eikä kukaan kokoa kokonaisuutta.",
        client_goal="Päästä takaisin töihin",
    )
    path = ServicePathFactory(series=series, case=case, title="Asiakkaan polku")
    Step.objects.create(
        workshop=workshop,
        position=1,
        kind="case_work",
        title="Tapauksen työstäminen",
        duration_minutes=30,
        settings={"questions": QUESTIONS},
    )
    path_step = Step.objects.create(
        workshop=workshop,
        position=2,
        kind="service_path",
        title="Polun tapahtumat",
        duration_minutes=20,
    )

    cockpit = new_page()
    _login(cockpit, facilitator)
    cockpit.goto(f"/series/{series.code}/workshops/{workshop.code}/")
    cockpit.get_by_role("button", name="Aloita työpaja").click()
    expect(cockpit.get_by_role("heading", name="Tapauksen työstäminen", level=2)).to_be_visible()
    workshop.refresh_from_db()
    code = workshop.join_code_display

    room = new_page(width=1920, height=1080)
    room.context.add_cookies(cockpit.context.cookies())
    room.goto(f"/series/{series.code}/workshops/{workshop.code}/room/")

    anna = _join(new_page, code, "Anna")
    ville = _join(new_page, code, "Ville")

    # The facilitator chooses the case; the room and the phones show it.
    cockpit.get_by_label("Tämän vaiheen asiakastapaus").select_option(label=case.title)
    cockpit.get_by_role("button", name="Valitse", exact=True).click()
    for screen in (room, anna, ville):
        expect(screen.get_by_role("heading", name=re.compile(case.title))).to_be_visible()
    expect(room.get_by_text("Päästä takaisin töihin")).to_be_visible()

    notes = {
        anna: ("Työkokeilu ensin", QUESTIONS[0]),
        ville: ("Omatyöntekijä kokoaa", QUESTIONS[1]),
    }
    for phone, (text, question) in notes.items():
        phone.get_by_label("Kysymys").select_option(label=question)
        phone.get_by_role("textbox", name="Muistiinpanosi").fill(text)
        phone.get_by_role("button", name="Lähetä").click()
        expect(phone.locator("#notes-list")).to_contain_text(text)
    for text, question in notes.values():
        expect(room.locator("#notes-list")).to_contain_text(text)
        expect(room.locator("#notes-list")).to_contain_text(question)
    axe_check(anna, "participant case work at 320px")
    axe_check(room, "room screen with the case")
    axe_check(cockpit, "cockpit with the case")

    # The service path step: choose the path, a participant suggests an event.
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {path_step.title}").click()
    expect(cockpit.get_by_role("heading", name=path_step.title, level=2)).to_be_visible()
    cockpit.get_by_label("Tämän vaiheen palvelupolku").select_option(label=path.title)
    cockpit.get_by_role("button", name="Valitse", exact=True).click()
    expect(room.get_by_role("heading", name=re.compile(path.title))).to_be_visible()

    expect(ville.get_by_role("heading", name=path_step.title, level=1)).to_be_visible()
    # The phone has redrawn for the chosen path, so no redraw races the click below.
    expect(ville.get_by_text(f"Palvelupolku: {path.title}")).to_be_visible()
    ville.get_by_label("Mitä tapahtui").fill("Hakemus palautettiin täydennettäväksi")
    ville.get_by_label("Mikä toimija tai palvelu").fill("Kela")
    ville.get_by_label("vaikea").check()
    ville.get_by_role("button", name="Lähetä ehdotus").click()
    expect(ville.locator("#suggest-region")).to_contain_text("Odottaa")
    expect(ville.get_by_label("Mitä tapahtui")).to_have_value("")
    axe_check(ville, "participant suggestion at 320px")

    waiting = cockpit.locator("#suggestion-" + str(Suggestion.objects.get().public_id))
    expect(waiting).to_contain_text("Hakemus palautettiin täydennettäväksi")
    axe_check(cockpit, "cockpit with a waiting suggestion")
    cockpit.get_by_role("button", name=re.compile("^Hyväksy")).click()

    expect(room.locator("#live-path-events")).to_contain_text(
        "Hakemus palautettiin täydennettäväksi"
    )
    expect(ville.locator("#suggest-region")).to_contain_text("Hyväksytty")
    axe_check(room, "room screen with the path")
    event = PathEvent.objects.get(path=path)
    assert (event.actor, event.experience) == ("Kela", "difficult")

    # It is in the service path and in its diagram.
    cockpit.goto(f"/series/{series.code}/cases/path/{path.public_id}/")
    expect(cockpit.locator("svg")).to_contain_text("Kela")
    expect(cockpit.get_by_text("Hakemus palautettiin täydennettäväksi").first).to_be_visible()
