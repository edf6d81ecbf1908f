"""A facilitator describes a practice and the series' near-term vision in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()


@pytest.mark.parametrize("width", [320, 1280])
def test_practice_and_vision_pages(new_page, axe_check, facilitator, series, workshop, width):
    page = new_page(width=width)
    _login(page, facilitator)
    page.goto(f"/series/{series.code}/")
    page.get_by_role("link", name="Toimintatavat").click()
    axe_check(page, f"practice list at {width}px")
    page.get_by_role("link", name="Uusi toimintatapa").click()
    page.get_by_label("Osat").fill("Palaveri ennen kotiutusta\nAsiakas mukana")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".error-summary")).to_contain_text("Anna toimintatavalle nimi")
    expect(page.get_by_label("Osat")).to_have_value("Palaveri ennen kotiutusta\nAsiakas mukana")
    axe_check(page, f"practice form with errors at {width}px")
    page.get_by_label("Nimi").fill("Yhteinen kotiutuspalaveri")
    page.get_by_label(workshop.title).check()
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Yhteinen kotiutuspalaveri")
    page.get_by_label("Uusi tila").select_option("prototype")
    page.get_by_role("button", name="Kirjaa tila").click()
    expect(page.locator(".messages")).to_contain_text("prototyyppi")
    axe_check(page, f"practice page at {width}px")
    page.goto(f"/series/{series.code}/documents/vision/")
    page.get_by_label("Teksti").fill("Vuoden päästä kotiutus sujuu ilman katkoja.")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_label("Teksti")).to_have_value("Vuoden päästä kotiutus sujuu ilman katkoja.")
    axe_check(page, f"near-term vision at {width}px")
