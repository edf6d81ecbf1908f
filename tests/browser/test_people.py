"""A facilitator invites a participant; the personal link brings them back on another device."""

import pytest
from playwright.sync_api import expect

from workshops.models import PersonalLink

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()


def test_invite_link_return_and_revoke(new_page, axe_check, facilitator, series, workshop):
    staff = new_page()
    _login(staff, facilitator)
    staff.goto(f"/series/{series.code}/")
    staff.get_by_role("link", name="Osallistujat").click()
    axe_check(staff, "participants page")
    # A bad address: the message names the field and nothing typed is lost.
    staff.get_by_label("Nimimerkki").fill("Maija")
    staff.get_by_label("asiakasedustaja").check()
    staff.get_by_label("Sähköpostiosoite (vapaaehtoinen)").fill("maija@")
    staff.get_by_role("button", name="Kutsu", exact=True).click()
    expect(staff.locator(".error-summary")).to_contain_text("Sähköpostiosoite")
    expect(staff.get_by_label("Nimimerkki")).to_have_value("Maija")
    axe_check(staff, "participants page with errors")
    staff.get_by_label("Sähköpostiosoite (vapaaehtoinen)").fill("")
    staff.get_by_role("button", name="Kutsu", exact=True).click()
    link = staff.locator("#new-link-url").input_value()
    assert "/p/" in link

    phone = new_page(width=320, height=640)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text(series.title)
    assert "/p/" not in phone.url, "the token must leave the address bar"
    expect(phone.get_by_text("Osallistut nimellä Maija")).to_be_visible()
    axe_check(phone, "participant's series page at 320 px")
    phone.get_by_label("Sähköpostiosoite").fill("maija@example.fi")
    phone.get_by_role("button", name="Tallenna osoite").click()
    expect(phone.locator(".messages")).to_contain_text("tallennettiin")

    staff.goto(f"/series/{series.code}/participants/")
    staff.get_by_role("button", name="Peru – Maija").click()
    expect(staff.locator(".messages")).to_contain_text("ei enää toimi")
    assert not PersonalLink.objects.active().exists()
    phone.reload()
    expect(phone.get_by_role("heading", level=1)).not_to_have_text(series.title)


def test_pre_work_is_asked_answered_and_seen_without_names(
    new_page, axe_check, facilitator, series, workshop
):
    staff = new_page()
    _login(staff, facilitator)
    staff.goto(f"/series/{series.code}/workshops/{workshop.code}/")
    staff.get_by_role("button", name="Lisää kysymys").click()
    expect(staff.locator("#prework-errors")).to_contain_text("Kirjoita ensin kysymys")
    axe_check(staff, "workshop page with a pre-work error")
    staff.get_by_role("textbox", name="Kysymys").fill("Mistä aiheista haluat keskustella?")
    staff.get_by_role("button", name="Lisää kysymys").click()
    expect(staff.locator("#prework")).to_contain_text("Mistä aiheista haluat keskustella?")

    staff.goto(f"/series/{series.code}/participants/")
    staff.get_by_label("Nimimerkki").fill("Maija")
    staff.get_by_label("ammattilainen").check()
    staff.get_by_role("button", name="Kutsu", exact=True).click()
    link = staff.locator("#new-link-url").input_value()

    phone = new_page(width=320, height=640)
    phone.goto(link)
    phone.get_by_role("link", name="Vastaa ennakkotehtävään").click()
    axe_check(phone, "pre-work form at 320 px")
    phone.keyboard.press("Tab")
    phone.get_by_label("Mistä aiheista haluat keskustella?").fill(
        "Kotihoidon ja sairaalan yhteistyö"
    )
    phone.get_by_role("button", name="Tallenna vastaukset").click()
    expect(phone.locator(".messages")).to_contain_text("Vastauksesi tallennettiin")

    staff.goto(f"/series/{series.code}/workshops/{workshop.code}/")
    expect(staff.locator("#prework")).to_contain_text("Kotihoidon ja sairaalan yhteistyö")
    expect(staff.locator("#prework")).not_to_contain_text("Maija")
