"""The staff session's timeout warning (WCAG 2.2.1), on a page whose clock the test moves."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.get_by_role("heading", name="Työpajasarjat")).to_be_visible()
    _wait_for_activity_after(page, 0)


def _seen(page) -> int:
    return page.evaluate("Number(localStorage.getItem('nopsa-session-seen') || 0)")


def _wait_for_activity_after(page, before: int) -> None:
    """session.js keeps the time of the last activity in localStorage. The heading can show
    before the deferred script has run, and the keep-alive's answer comes after its request:
    moving the clock before either would measure from the wrong moment."""
    page.wait_for_function(
        "before => Number(localStorage.getItem('nopsa-session-seen') || 0) > before", arg=before
    )


def test_the_warning_comes_before_the_idle_end_and_the_session_can_be_continued(
    new_page, facilitator, settings, axe_check
):
    settings.NOPSA_SESSION_IDLE_MINUTES = 30
    page = new_page(width=320, height=640)
    page.clock.install()
    _login(page, facilitator)
    warning = page.locator("#session-timeout")
    expect(warning).to_be_hidden()

    page.clock.fast_forward("26:00")  # 29 min allowed (30 less the lag of "last seen")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("01:30")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Istuntosi päättyy kahden minuutin kuluttua")
    axe_check(page, "session warning at 320 px")
    # Focus stays where the user was; the button is reached by the keyboard.
    assert page.evaluate("document.activeElement === document.body")
    keep = page.get_by_role("button", name="Jatka istuntoa")
    keep.focus()
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()

    # Typing counts as activity: after five quiet minutes the next keystroke tells the server.
    page.goto("/series/new/")
    page.clock.fast_forward("06:00")
    before = _seen(page)
    with page.expect_request("**/accounts/session/"):
        page.locator("input[type=text]").first.type("Uusi sarja")
    _wait_for_activity_after(page, before)

    page.clock.fast_forward("30:00")
    expect(alert).to_contain_text("Istuntosi on päättynyt")
    expect(page.get_by_role("link", name="Kirjaudu uudelleen")).to_be_visible()
    expect(page.get_by_role("button", name="Jatka istuntoa")).to_be_hidden()
