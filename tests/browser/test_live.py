"""A live Hukkapaja in real browsers: a facilitator, three participants on phones."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from workshops.models import Note, Series, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    settings.NOPSA_POLL_INTERVAL_MS = 500


def _login(page, username="fasilitaattori"):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill("nopsa-demo")
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.get_by_role("heading", name="Työpajasarjat")).to_be_visible()


def _join(new_page, code, nickname, kind_label):
    page = new_page(width=360, height=740)
    page.goto("/join/")
    page.get_by_label("Työpajan koodi").fill(code)
    page.get_by_role("button", name="Jatka").click()
    page.get_by_label("Nimimerkki").fill(nickname)
    page.get_by_label(kind_label).check()
    page.get_by_role("button", name="Liity").click()
    return page


def test_facilitator_runs_warmup_and_private_brainstorm_with_three_participants(
    demo, new_page, axe_check
):
    series = Series.objects.get(method__slug="hukkapaja-ratkaisupaja")
    workshop = series.workshops.get(position=1)
    cockpit = new_page()
    _login(cockpit)
    cockpit.goto(f"/series/{series.code}/workshops/{workshop.code}/")
    cockpit.get_by_role("button", name="Aloita työpaja").click()
    expect(cockpit.get_by_role("heading", name=re.compile("Hukkapaja"), level=1)).to_be_visible()
    workshop.refresh_from_db()
    code = workshop.join_code_display
    expect(cockpit.locator(".join-code")).to_have_text(code)
    axe_check(cockpit, "cockpit")

    room = new_page(width=1920, height=1080)
    room.context.add_cookies(cockpit.context.cookies())
    room.goto(f"/series/{series.code}/workshops/{workshop.code}/room/")
    expect(room.locator(".room-join__code")).to_contain_text(code)
    expect(room.locator("svg.qr")).to_be_visible()
    axe_check(room, "room screen")

    join_page = new_page(width=320)
    join_page.goto("/join/")
    axe_check(join_page, "join page")
    join_page.get_by_label("Työpajan koodi").fill("ZZZ ZZZ")
    join_page.get_by_role("button", name="Jatka").click()
    expect(join_page.locator("#id_code_error")).to_contain_text(
        "Tällä koodilla ei ole käynnissä olevaa työpajaa"
    )
    expect(join_page.get_by_label("Työpajan koodi")).to_have_value("ZZZ ZZZ")

    anna = _join(new_page, code, "Anna", "Ammattilainen")
    ville = _join(new_page, code, "Ville", "Ammattilainen")
    kaija = _join(new_page, code, "Kaija", "Asiakasedustaja")
    expect(cockpit.locator("#live-people")).to_contain_text("3 osallistujaa")
    expect(room.locator(".room-people")).to_contain_text("3 osallistujaa")

    # Go to the warm-up step; every phone follows without a reload.
    warmup = workshop.steps.get(kind="warmup")
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {warmup.title}").click()
    for phone in (anna, ville, kaija):
        expect(phone.get_by_role("heading", name=warmup.title, level=1)).to_be_visible()
    axe_check(kaija, "participant view at 320px")

    answers = {anna: "Hyvä kahvi", ville: "Uusi yhteinen kalenteri", kaija: "Minut kuunneltiin"}
    for phone, answer in answers.items():
        phone.get_by_role("textbox", name="Vastauksesi").fill(answer)
        phone.get_by_role("button", name="Lähetä").click()
        expect(phone.locator("#notes-list")).to_contain_text(answer)
    expect(cockpit.locator("#live-people")).to_contain_text("✓ vastannut")
    for answer in answers.values():
        expect(room.locator("#notes-list")).to_contain_text(answer)

    # Private brainstorm: each phone sees only its own notes until the reveal.
    brainstorm = workshop.steps.get(kind="brainstorm")
    assert brainstorm.settings.get("private_until_reveal")
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {brainstorm.title}").click()
    notes = {
        anna: "Tieto ei kulje vuorojen välillä",
        ville: "Päällekkäiset kirjaukset",
        kaija: "Joudun kertomaan asiani monta kertaa",
    }
    for phone, text in notes.items():
        expect(phone.get_by_role("heading", name=brainstorm.title, level=1)).to_be_visible()
        phone.get_by_role("textbox", name="Muistiinpanosi").fill(text)
        phone.get_by_role("button", name="Lähetä").click()
        expect(phone.locator("#notes-list")).to_contain_text(text)
    expect(room.locator(".room-count")).to_contain_text("3 muistiinpanoa")
    expect(anna.locator("#notes-list")).not_to_contain_text(notes[ville])
    axe_check(anna, "participant brainstorm")

    cockpit.get_by_role("button", name="Paljasta muistiinpanot kaikille").click()
    for phone in (anna, ville, kaija):
        for text in notes.values():
            expect(phone.locator("#notes-list")).to_contain_text(text)
    for text in notes.values():
        expect(room.locator("#notes-list")).to_contain_text(text)
    axe_check(room, "room screen with notes")
    axe_check(cockpit, "cockpit with notes")

    # Keyboard only: Tab to the note field, type, Tab to "Lähetä", Enter. A note arriving
    # from someone else meanwhile does not move the focus.
    ville.locator("body").focus()
    for _ in range(30):
        ville.keyboard.press("Tab")
        if ville.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
    ville.keyboard.type("Näppäimistöllä kirjoitettu")
    anna.get_by_role("textbox", name="Muistiinpanosi").fill("Samaan aikaan toiselta")
    anna.get_by_role("button", name="Lähetä").click()
    expect(ville.locator("#notes-list")).to_contain_text("Samaan aikaan toiselta")
    assert ville.evaluate("document.activeElement.tagName") == "TEXTAREA"
    assert ville.evaluate("document.activeElement.value") == "Näppäimistöllä kirjoitettu"
    ville.keyboard.press("Tab")
    ville.keyboard.press("Enter")
    expect(ville.locator("#notes-list")).to_contain_text("Näppäimistöllä kirjoitettu")
    expect(ville.get_by_role("textbox", name="Muistiinpanosi")).to_have_value("")
    # The polite region says the note was sent (or, a moment later, that new notes came).
    expect(ville.locator("#announcer")).to_contain_text(
        re.compile("Muistiinpano lähetetty|Uusia muistiinpanoja")
    )

    # A note written after the step closed is refused, and the text stays in the field.
    kaija.get_by_role("textbox", name="Muistiinpanosi").fill("Vielä yksi ajatus")
    cockpit.get_by_role("button", name="Sulje syöttö").click()
    expect(anna.get_by_text("Tämä vaihe ei ota enää vastaan")).to_be_visible()
    # Kaija's unsent text stays on her screen after the step closed.
    expect(kaija.get_by_text("Tämä vaihe ei ota enää vastaan")).to_be_visible()
    draft = kaija.locator(f"#note-text-{brainstorm.public_id}")
    expect(draft).to_be_visible()
    expect(draft).to_have_value("Vielä yksi ajatus")
    assert not Note.objects.filter(text="Vielä yksi ajatus").exists()
    assert Note.objects.filter(step=brainstorm).count() == 5
    assert Workshop.objects.get(pk=workshop.pk).state == Workshop.State.LIVE
