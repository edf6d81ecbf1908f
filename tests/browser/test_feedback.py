"""The live feedback step in real browsers: a facilitator and three participants on phones,
one of them a client representative; then the results, published to the participants."""

import os
import re

import pytest
from playwright.sync_api import expect

from workshops.feedback.models import FeedbackResponse
from workshops.models import Series

from .test_live import _join, _login, demo  # noqa: F401 — the demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NOPSA_SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _answer(phone, values, best=""):
    for question, value in values.items():
        group = phone.get_by_role("group", name=question)
        group.get_by_role("radio", name=re.compile(rf"^{value}( |$)")).check()
    if best:
        phone.get_by_label("Mikä työpajassa oli parasta?").fill(best)
    phone.get_by_role("button", name="Lähetä").click()


def test_participants_answer_the_feedback_step_on_their_phones(demo, new_page, axe_check):  # noqa: F811
    series = Series.objects.get(method__slug="hukkapaja-ratkaisupaja")
    workshop = series.workshops.get(position=1)
    feedback = workshop.steps.get(kind="feedback")
    cockpit = new_page()
    _login(cockpit)
    cockpit.goto(f"/series/{series.code}/workshops/{workshop.code}/")
    cockpit.get_by_role("button", name="Aloita työpaja").click()
    workshop.refresh_from_db()
    code = workshop.join_code_display

    anna = _join(new_page, code, "Anna", "Ammattilainen")
    ville = _join(new_page, code, "Ville", "Ammattilainen")
    kaija = _join(new_page, code, "Kaija", "Asiakasedustaja")
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {feedback.title}").click()
    for phone in (anna, ville, kaija):
        expect(phone.get_by_role("heading", name=feedback.title, level=1)).to_be_visible()
    kaija.set_viewport_size({"width": 320, "height": 740})
    axe_check(kaija, "feedback form at 320px")
    _shot(kaija, "feedback-form-320")

    heard = "Minun näkemykseni tuli kuulluksi. (pakollinen)"
    useful = "Työpaja oli hyödyllinen minulle tai työlleni. (pakollinen)"
    recommend = "Suosittelisin tällaista työpajaa muillekin. (pakollinen)"
    # A required item missing: a clear message, the other answers stay chosen.
    _answer(kaija, {useful: 5}, best="Minut kuunneltiin")
    expect(kaija.locator(".error-summary")).to_be_visible()
    expect(kaija.get_by_label("Mikä työpajassa oli parasta?")).to_have_value("Minut kuunneltiin")
    chosen = kaija.get_by_role("group", name=useful).get_by_role("radio", name=re.compile("^5"))
    expect(chosen).to_be_checked()
    _shot(kaija, "feedback-form-error-320")
    axe_check(kaija, "feedback form with errors")
    _answer(kaija, {heard: 5, recommend: 5})
    expect(kaija.locator("#feedback-region-status")).to_contain_text("Kiitos")

    _answer(anna, {heard: 4, useful: 4, recommend: 3}, best="Hyvä keskustelu")
    _answer(ville, {heard: 2, useful: 3, recommend: 2})
    for phone in (anna, ville):
        expect(phone.locator("#feedback-region-status")).to_contain_text("Kiitos")
    expect(cockpit.locator(".feedback-count")).to_contain_text("3 vastausta")
    _shot(cockpit, "cockpit-feedback")

    # Ville changes his mind: the second submission updates his answer, no new one.
    with ville.expect_response(lambda r: r.url.endswith("/feedback/") and r.ok):
        _answer(ville, {heard: 3})
    expect(ville.locator("#feedback-region-status")).to_contain_text("Kiitos")
    assert FeedbackResponse.objects.filter(form__step=feedback).count() == 3
    ville_response = FeedbackResponse.objects.get(participant__nickname="Ville")
    assert ville_response.answers.get(item__key="heard").value == 3

    # The results: one client representative, so nothing is split by type.
    results = new_page()
    results.context.add_cookies(cockpit.context.cookies())
    results.goto(f"/series/{series.code}/workshops/{workshop.code}/feedback/")
    expect(results.get_by_text("3 vastaajaa")).to_be_visible()
    expect(results.locator("svg.chart").first).to_be_visible()
    expect(results.get_by_text("Hyvä keskustelu")).to_be_visible()
    assert "Kaija" not in results.content() and "Ville" not in results.content()
    axe_check(results, "workshop results")
    _shot(results, "feedback-results")
    results.get_by_role("button", name="Julkaise tulokset osallistujille").click()
    expect(results.get_by_text("Osallistujat näkevät nämä tulokset.")).to_be_visible()

    expect(anna.get_by_role("link", name="Katso palautteen tulokset")).to_be_visible()
    anna.get_by_role("link", name="Katso palautteen tulokset").click()
    expect(anna.get_by_role("heading", level=1)).to_contain_text("Palaute")
    axe_check(anna, "participant results")
    _shot(anna, "participant-results")

    series_page = new_page()
    series_page.context.add_cookies(cockpit.context.cookies())
    series_page.goto(f"/series/{series.code}/feedback/")
    axe_check(series_page, "series feedback page")
    _shot(series_page, "feedback-series")


def test_form_editing_and_indicator_pages_pass_axe(demo, new_page, axe_check):  # noqa: F811
    # The PAKU series in progress (the complete one is the second PAKU series).
    series = Series.objects.filter(method__slug="paku").order_by("created_at").first()
    page = new_page()
    _login(page, "koordinaattori")
    page.goto(f"/series/{series.code}/feedback/")
    expect(page.get_by_role("heading", name="Seurantamittarit")).to_be_visible()
    axe_check(page, "series feedback page with demo answers and indicators")
    _shot(page, "feedback-series-demo")
    page.get_by_role("link", name="Henkilöstötunnit asiakasta kohden").click()
    expect(page.locator("svg.chart--trend")).to_be_visible()
    expect(page.locator(".change--good").first).to_have_text("parempi")
    axe_check(page, "indicator page")
    _shot(page, "indicator")
    # Bad input keeps what was typed, with a message by the field.
    page.get_by_label("Päivämäärä").fill("2027-09-01")
    page.get_by_label("Arvo").fill("paljon")
    page.get_by_label("Lähde").fill("Työajanseuranta 9/2027")
    page.get_by_role("button", name="Kirjaa", exact=True).click()
    expect(page.get_by_text("Kirjoita luku, esim. 12,5.").first).to_be_visible()
    expect(page.get_by_label("Lähde")).to_have_value("Työajanseuranta 9/2027")
    axe_check(page, "indicator page with errors")

    workshop = series.workshops.filter(state="planned").order_by("position").first()
    step = workshop.steps.filter(kind="feedback").first()
    page.goto(f"/series/{series.code}/workshops/{workshop.code}/feedback/{step.public_id}/edit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Palautelomake")
    axe_check(page, "form editing")
    _shot(page, "form-edit")
