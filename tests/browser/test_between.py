"""Between workshops in real browsers: the facilitator publishes a Hukkapaja's summary, a
participant comes back by their personal link in a fresh browser and comments on a
prioritised challenge, and the facilitator sees the comment in the next workshop's cockpit."""

import pytest
from playwright.sync_api import expect

from tests.workshops.factories import WorkshopFactory
from workshops.models import Comment
from workshops.people import services as people_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()


def test_summary_comment_and_since_last_time(new_page, axe_check, facilitator, held, anna_client):
    workshop = held["workshop"]
    series = workshop.series
    challenge = anna_client.challenge
    ratkaisupaja = WorkshopFactory(series=series, position=2, title="Ratkaisupaja")

    staff = new_page()
    _login(staff, facilitator)
    staff.goto(f"/series/{series.code}/workshops/{workshop.code}/")
    staff.get_by_role("link", name="Yhteenveto").click()
    expect(staff.get_by_label("Näytä yhteenvedossa").first).to_be_checked()
    axe_check(staff, "summary editor")
    staff.get_by_label("Johdanto").fill("Kiitos kaikille! Seuraavaksi ratkaisupaja.")
    staff.get_by_role("button", name="Tallenna ja julkaise").click()
    expect(staff.locator(".messages")).to_contain_text("Yhteenveto julkaistiin")

    token = people_services.issue_link(anna_client.anna, by=facilitator)
    phone = new_page(width=320, height=640)
    phone.goto(f"/p/{token}/")
    assert token not in phone.url
    phone.get_by_role("link", name="Lue yhteenveto ja kommentoi").click()
    expect(phone.get_by_text("Kiitos kaikille! Seuraavaksi ratkaisupaja.")).to_be_visible()
    axe_check(phone, "published summary at 320 px")
    phone.get_by_text(f"Kommentoi: ”{challenge.text}”").click()
    box = phone.get_by_role("textbox", name="Kommenttisi").first
    box.fill("")
    phone.get_by_role("button", name="Lähetä kommentti").first.click()
    expect(phone.locator("#comment-errors")).to_contain_text("Kirjoita ensin kommenttisi")
    axe_check(phone, "comment with an error at 320 px")
    phone.get_by_role("textbox", name="Kommenttisi").first.fill("Tämä kannattaa ratkaista ensin.")
    phone.get_by_role("button", name="Lähetä kommentti").first.click()
    expect(phone.locator(".messages")).to_contain_text("Kommenttisi tallennettiin")
    expect(phone.locator(".thread")).to_contain_text("Tämä kannattaa ratkaista ensin.")
    assert Comment.objects.get().target_label == challenge.text

    staff.goto(f"/series/{series.code}/workshops/{ratkaisupaja.code}/cockpit/")
    panel = staff.locator(".cockpit-between")
    expect(panel).to_contain_text("Edellisen kerran jälkeen")
    expect(panel).to_contain_text("Tämä kannattaa ratkaista ensin.")
    expect(panel).to_contain_text("avoin")
    axe_check(staff, "cockpit before the workshop, with comments since last time")
    staff.get_by_role("link", name="Kaikki kommentit").click()
    axe_check(staff, "comments page")
    staff.get_by_role("button", name="Merkitse käsitellyksi").click()
    expect(staff.locator(".messages")).to_contain_text("käsitellyksi")
