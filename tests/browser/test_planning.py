"""The demo facilitator plans a Hukkapaja series in a real browser, by keyboard."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from workshops.models import Series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def test_facilitator_plans_a_hukkapaja_series_by_keyboard(demo, new_page, axe_check):
    page = new_page()
    page.goto("/")
    axe_check(page, "front page")
    page.get_by_role("link", name="Kirjaudu fasilitaattorina tai koordinaattorina").click()
    axe_check(page, "login")
    page.get_by_label("Käyttäjätunnus").fill("fasilitaattori")
    page.get_by_label("Salasana").fill("nopsa-demo")
    page.get_by_role("button", name="Kirjaudu").click()

    expect(page.get_by_role("heading", name="Työpajasarjat")).to_be_visible()
    for title in Series.objects.values_list("title", flat=True):
        expect(page.get_by_role("link", name=title)).to_be_visible()
    axe_check(page, "dashboard")

    page.get_by_role("link", name="Uusi sarja").click()
    expect(page.get_by_role("heading", name="Uusi sarja", level=1)).to_be_visible()
    page.get_by_label("Hukkapaja → Ratkaisupaja").check()
    page.get_by_label("Otsikko").fill("Hukkapaja kotihoidossa")
    page.get_by_label("Tavoite").fill("Yhteistyön hukat näkyviin ja pois")
    page.get_by_label("Ensimmäisen työpajan päivämäärä").fill("2027-03-16")
    page.get_by_label("Alkamisaika").fill("09:00")
    axe_check(page, "new series form")
    page.get_by_role("button", name="Luo sarja").click()

    expect(page.get_by_role("heading", name="Hukkapaja kotihoidossa", level=1)).to_be_visible()
    axe_check(page, "series page")
    page.get_by_role("link", name="Hukkapaja", exact=True).click()
    expect(page.get_by_role("heading", name="Ohjelma")).to_be_visible()
    axe_check(page, "workshop agenda")

    steps = page.locator("ol.agenda > li")
    first_title = steps.nth(0).locator("h3").inner_text()
    second_title = steps.nth(1).locator("h3").inner_text()

    # Edit the first step by keyboard: focus its Edit link, Enter, type, Enter to save.
    page.get_by_role("link", name=re.compile(f"^Muokkaa: {re.escape(first_title)}")).focus()
    page.keyboard.press("Enter")
    title_input = page.get_by_label("Otsikko").first
    expect(title_input).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Lämmittely: mikä sujuu jo hyvin?")
    page.keyboard.press("Tab")  # kind
    page.keyboard.press("Tab")  # duration
    page.keyboard.press("Control+A")
    page.keyboard.type("60")
    page.keyboard.press("Enter")

    expect(steps.nth(0).locator("h3")).to_have_text("Lämmittely: mikä sujuu jo hyvin?")
    warning = page.locator("#overrun-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("pidempiä kuin suunniteltu kesto")
    axe_check(page, "agenda with overrun warning")

    # Reorder by keyboard: move the edited step down twice; focus stays on its Down button.
    down = page.get_by_role("button", name="Alas: Lämmittely: mikä sujuu jo hyvin?")
    down.focus()
    page.keyboard.press("Enter")
    expect(steps.nth(1).locator("h3")).to_have_text("Lämmittely: mikä sujuu jo hyvin?")
    expect(steps.nth(0).locator("h3")).to_have_text(second_title)
    expect(
        page.get_by_role("button", name="Alas: Lämmittely: mikä sujuu jo hyvin?")
    ).to_be_focused()
    expect(page.locator("#announcer")).to_contain_text("siirretty kohtaan 2")
    # Pressed at once: the swapped-in form must already be htmx's (no settle delay), or the
    # browser would submit it natively and reload the page.
    page.keyboard.press("Enter")
    expect(steps.nth(2).locator("h3")).to_have_text("Lämmittely: mikä sujuu jo hyvin?")
    expect(page.locator("#announcer")).to_contain_text("siirretty kohtaan 3")

    # The database agrees with the screen.
    series = Series.objects.get(title="Hukkapaja kotihoidossa")
    titles = list(
        series.workshops.get(position=1).steps.order_by("position").values_list("title", flat=True)
    )
    assert titles[2] == "Lämmittely: mikä sujuu jo hyvin?"
    assert titles[0] == second_title
