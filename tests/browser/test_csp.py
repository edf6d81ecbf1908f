"""The main flows under the strict Content Security Policy, with zero violations.

Every page opened with `new_page` records `securitypolicyviolation` events (see conftest);
this test walks the staff pages, a live workshop on a cockpit, a room screen and phones
(a note, a theme, a vote) and the report page, and checks that nothing was blocked.
"""

import pytest
from playwright.sync_api import expect

from workshops.models import Series

from .test_live import _join, _login, demo  # noqa: F401 — the demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_recorder_sees_a_violation(live_server, new_page, csp_violations):
    page = new_page()
    response = page.goto("/join/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # An inline style attribute set by script is blocked and reported.
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_function("() => true")
    expect(page.locator("body")).not_to_have_css("color", "rgb(255, 0, 0)")
    page.wait_for_timeout(200)
    assert any(v.startswith("style-src-attr") for v in csp_violations), csp_violations
    csp_violations.clear()


def test_main_flows_meet_no_csp_violation(demo, new_page, csp_violations):  # noqa: F811
    series = Series.objects.get(method__slug="hukkapaja-ratkaisupaja")
    workshop = series.workshops.get(position=1)
    cockpit = new_page()
    _login(cockpit)
    cockpit.goto("/methods/")
    cockpit.goto(f"/series/{series.code}/")
    expect(cockpit.get_by_role("heading", level=1)).to_contain_text(series.title)
    cockpit.goto(f"/series/{series.code}/workshops/{workshop.code}/")
    cockpit.get_by_role("button", name="Aloita työpaja").click()
    workshop.refresh_from_db()
    code = workshop.join_code_display
    expect(cockpit.locator(".join-code")).to_have_text(code)

    room = new_page(width=1920, height=1080)
    room.context.add_cookies(cockpit.context.cookies())
    room.goto(f"/series/{series.code}/workshops/{workshop.code}/room/")
    expect(room.locator("svg.qr")).to_be_visible()

    anna = _join(new_page, code, "Anna", "Ammattilainen")
    ville = _join(new_page, code, "Ville", "Asiakasedustaja")
    expect(cockpit.locator("#live-people")).to_contain_text("2 osallistujaa")

    brainstorm = workshop.steps.get(kind="brainstorm")
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {brainstorm.title}").click()
    notes = {anna: "Tieto ei kulje vuorojen välillä", ville: "Odotan soittoa viikkoja"}
    for phone, text in notes.items():
        expect(phone.get_by_role("heading", name=brainstorm.title, level=1)).to_be_visible()
        phone.get_by_role("textbox", name="Muistiinpanosi").fill(text)
        phone.get_by_role("button", name="Lähetä").click()
        expect(phone.locator("#notes-list")).to_contain_text(text)
    cockpit.get_by_role("button", name="Paljasta muistiinpanot kaikille").click()
    expect(room.locator("#notes-list")).to_contain_text(notes[ville])

    themes = workshop.steps.get(kind="themes")
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {themes.title}").click()
    expect(
        cockpit.get_by_role("heading", name="Ryhmittele muistiinpanoja teemaksi")
    ).to_be_visible()
    for name, text in (("Tiedonkulku", notes[anna]), ("Odottaminen", notes[ville])):
        cockpit.get_by_role("checkbox", name=text).check()
        cockpit.get_by_label("Uuden teeman nimi").fill(name)
        cockpit.get_by_role("button", name="Siirrä rastitut muistiinpanot teemaan").click()
        expect(room.locator(".theme", has_text=name)).to_contain_text(text)

    vote = workshop.steps.get(kind="vote")
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {vote.title}").click()
    for phone in (anna, ville):
        expect(phone.locator("#dots-left")).to_contain_text("Sinulla on 3 pistettä jäljellä")
        phone.get_by_role("button", name="Lisää piste: Tiedonkulku").click()
        expect(phone.locator("#dots-left")).to_contain_text("Sinulla on 2 pistettä")
        phone.get_by_role("button", name="Lisää piste: Odottaminen").click()
        expect(phone.locator("#dots-left")).to_contain_text("Sinulla on 1 piste")
    expect(room.locator(".room-count")).to_contain_text("2 osallistujaa on äänestänyt")
    cockpit.get_by_role("button", name="Sulje äänestys").click()
    expect(room.locator(".results-table")).to_contain_text("Tiedonkulku")
    expect(anna.get_by_text("Äänestys on suljettu.")).to_be_visible()

    cockpit.goto(f"/series/{series.code}/report/")
    expect(cockpit.get_by_role("heading", level=1)).to_be_visible()
    # Let the polling pages run a few rounds more under the policy.
    room.wait_for_timeout(1500)
    assert csp_violations == []
