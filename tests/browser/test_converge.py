"""Converging in real browsers: a facilitator and four participants run a demo Hukkapaja's
brainstorm → themes → vote → prioritise, and the two top challenges show up in the
Ratkaisupaja's cockpit."""

import re

import pytest
from playwright.sync_api import expect

from workshops.models import Dot, PrioritisedChallenge, Series

from .test_live import _join, _login, demo  # noqa: F401 — the demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _go(cockpit, step):
    cockpit.get_by_role("button", name=f"Siirry vaiheeseen: {step.title}").click()


def _grouped(cockpit, said):
    """The cockpit has its answer to a grouping: announced, the typed name cleared."""
    expect(cockpit.locator("#announcer")).to_contain_text(said)
    expect(cockpit.get_by_label("Uuden teeman nimi")).to_have_value("")


def _item(phone, name):
    return phone.locator(".vote-item", has_text=name)


def test_hukkapaja_converges_and_the_ratkaisupaja_sees_the_top_two(demo, new_page, axe_check):  # noqa: F811
    series = Series.objects.get(method__slug="hukkapaja-ratkaisupaja")
    hukkapaja = series.workshops.get(position=1)
    ratkaisupaja = series.workshops.get(position=2)
    cockpit = new_page()
    _login(cockpit)
    cockpit.goto(f"/series/{series.code}/workshops/{hukkapaja.code}/")
    cockpit.get_by_role("button", name="Aloita työpaja").click()
    hukkapaja.refresh_from_db()
    code = hukkapaja.join_code_display
    room = new_page(width=1920, height=1080)
    room.context.add_cookies(cockpit.context.cookies())
    room.goto(f"/series/{series.code}/workshops/{hukkapaja.code}/room/")

    people = [
        ("Anna", "Ammattilainen"),
        ("Ville", "Ammattilainen"),
        ("Kaija", "Asiakasedustaja"),
        ("Pekka", "Ammattilainen"),
    ]
    phones = {name: _join(new_page, code, name, kind) for name, kind in people}
    expect(cockpit.locator("#live-people")).to_contain_text("4 osallistujaa")

    # Brainstorm: one note each, then revealed.
    brainstorm = hukkapaja.steps.get(kind="brainstorm")
    _go(cockpit, brainstorm)
    notes = {
        "Anna": "Tieto ei kulje vuorojen välillä",
        "Ville": "Kirjaukset jäävät tekemättä",
        "Kaija": "Odotan soittoa viikkoja",
        "Pekka": "Lähetteet jonossa",
    }
    for name, text in notes.items():
        phone = phones[name]
        expect(phone.get_by_role("heading", name=brainstorm.title, level=1)).to_be_visible()
        phone.get_by_role("textbox", name="Muistiinpanosi").fill(text)
        phone.get_by_role("button", name="Lähetä").click()
        expect(phone.locator("#notes-list")).to_contain_text(text)
    cockpit.get_by_role("button", name="Paljasta muistiinpanot kaikille").click()
    expect(room.locator("#notes-list")).to_contain_text(notes["Pekka"])

    # Themes: the facilitator ticks notes and names a theme, by label only.
    themes = hukkapaja.steps.get(kind="themes")
    _go(cockpit, themes)
    expect(
        cockpit.get_by_role("heading", name="Ryhmittele muistiinpanoja teemaksi")
    ).to_be_visible()
    axe_check(cockpit, "cockpit, themes step")
    for text in (notes["Anna"], notes["Ville"]):
        cockpit.get_by_label(text).check()
    cockpit.get_by_label("Uuden teeman nimi").fill("Tiedonkulku")
    # The answer to the first grouping is slow to come back (a venue's Wi-Fi): the server has
    # done it and the room shows it, while the cockpit polls on and the facilitator ticks the
    # next note. The cockpit must not redraw the form under the request — the answer, its
    # message and the clearing of what was grouped would be lost — nor lose the new tick.
    held = []

    def hold(route):
        held.append(route)

    cockpit.route("**/themes/group/", hold)
    cockpit.get_by_role("button", name="Siirrä rastitut muistiinpanot teemaan").click()
    for _ in range(50):
        if held:
            break
        cockpit.wait_for_timeout(100)
    answer = held[0].fetch()
    expect(room.locator(".theme", has_text="Tiedonkulku")).to_contain_text(notes["Ville"])
    cockpit.get_by_label(notes["Kaija"]).check()
    cockpit.wait_for_timeout(2500)  # two and a half polls of the cockpit
    held[0].fulfill(response=answer)
    cockpit.unroute("**/themes/group/")
    _grouped(cockpit, "muistiinpanoa siirretty teemaan Tiedonkulku")
    expect(cockpit.get_by_role("checkbox", name=notes["Kaija"])).to_be_checked()
    expect(cockpit.locator(".theme", has_text="Tiedonkulku")).to_contain_text(notes["Anna"])
    cockpit.get_by_label("Uuden teeman nimi").fill("Odottaminen")
    cockpit.get_by_role("button", name="Siirrä rastitut muistiinpanot teemaan").click()
    expect(room.locator(".theme", has_text="Odottaminen")).to_contain_text(notes["Kaija"])
    _grouped(cockpit, "muistiinpano siirretty teemaan Odottaminen")
    # The first grouping's ticks were cleared: those notes stayed in their theme.
    expect(room.locator(".theme", has_text="Tiedonkulku")).to_contain_text(notes["Ville"])
    # An empty name is refused with a message; nothing is grouped.
    cockpit.get_by_label(notes["Pekka"]).check()
    cockpit.get_by_role("button", name="Siirrä rastitut muistiinpanot teemaan").click()
    expect(cockpit.locator("#converge-problem")).to_contain_text("Anna teemalle nimi")
    # A participant suggests the theme of the last note; the facilitator accepts.
    pekka = phones["Pekka"]
    expect(pekka.get_by_role("heading", name="Ehdota teemaa muistiinpanolle")).to_be_visible()
    pekka.get_by_label("Muistiinpano", exact=True).select_option(label=notes["Pekka"])
    pekka.get_by_label("Teema", exact=True).select_option(label="Odottaminen")
    pekka.get_by_role("button", name="Lähetä ehdotus").click()
    expect(pekka.locator("#suggest-region")).to_contain_text("Odottaa")
    axe_check(pekka, "phone, themes step at 360px")
    accept = cockpit.get_by_role("button", name=f"Hyväksy: {notes['Pekka']}")
    expect(accept).to_be_visible()
    # The suggestion redrew the cockpit; the facilitator's tick survived it.
    expect(cockpit.get_by_role("checkbox", name=notes["Pekka"])).to_be_checked()
    accept.click()
    expect(room.locator(".theme", has_text="Odottaminen")).to_contain_text(notes["Pekka"])
    axe_check(room, "room screen, themes")

    # Vote on the themes: three dots each, at most two per theme, results hidden until close.
    vote = hukkapaja.steps.get(kind="vote")
    _go(cockpit, vote)
    kaija = phones["Kaija"]
    expect(kaija.locator("#dots-left")).to_contain_text("Sinulla on 3 pistettä jäljellä")
    axe_check(kaija, "phone, vote")
    # Kaija votes by keyboard alone: Tab to "Lisää piste: Odottaminen", Enter, and again.
    kaija.locator("body").focus()
    target = "Lisää piste: Odottaminen"
    for _ in range(80):
        kaija.keyboard.press("Tab")
        if kaija.evaluate("document.activeElement.getAttribute('aria-label')") == target:
            break
    else:
        pytest.fail(f"Tab never reached {target!r}")
    kaija.keyboard.press("Enter")
    expect(kaija.locator("#dots-left")).to_contain_text("Sinulla on 2 pistettä jäljellä")
    expect(kaija.locator("#announcer")).to_contain_text("Sinulla on 2 pistettä jäljellä")
    expect(kaija.locator("#dots-left")).to_contain_text("2 pistettä")
    # Focus stays on the same button, so Enter again adds the second dot.
    expect(kaija.get_by_role("button", name=target)).to_be_focused()
    kaija.keyboard.press("Enter")
    expect(kaija.locator("#announcer")).to_contain_text("Sinulla on 1 piste jäljellä")
    # A third dot on the same theme is over the limit: said, not cast.
    kaija.keyboard.press("Enter")
    expect(kaija.locator("#vote-error")).to_contain_text("enintään 2 pistettä")
    _item(kaija, "Tiedonkulku").get_by_role("button", name="Lisää piste: Tiedonkulku").click()
    expect(kaija.locator("#dots-left")).to_contain_text("0 pistettä")

    for name in ("Anna", "Ville", "Pekka"):
        phone = phones[name]
        for left, theme in ((2, "Tiedonkulku"), (1, "Tiedonkulku"), (0, "Odottaminen")):
            phone.get_by_role("button", name=f"Lisää piste: {theme}").click()
            # Each answer redraws the ballot: wait for it before the next click.
            expect(phone.locator("#dots-left")).to_contain_text(f"Sinulla on {left} piste")
    # Moving a dot: take one back and put it elsewhere.
    anna = phones["Anna"]
    anna.get_by_role("button", name="Ota piste pois: Odottaminen").click()
    expect(anna.locator("#dots-left")).to_contain_text("1 piste")
    anna.get_by_role("button", name="Lisää piste: Odottaminen").click()
    expect(anna.locator("#dots-left")).to_contain_text("0 pistettä")
    # Or with the move form: over the item limit is refused; a move there and back is not.
    ville = phones["Ville"]
    ville.get_by_label("Mistä").select_option(label="Odottaminen (1)")
    ville.get_by_label("Mihin").select_option(label="Tiedonkulku")
    ville.get_by_role("button", name="Siirrä piste").click()
    expect(ville.locator("#vote-error")).to_contain_text("enintään 2 pistettä")
    ville.get_by_label("Mistä").select_option(label="Tiedonkulku (2)")
    ville.get_by_label("Mihin").select_option(label="Odottaminen")
    ville.get_by_role("button", name="Siirrä piste").click()
    expect(_item(ville, "Odottaminen")).to_contain_text("Sinun pisteesi: 2")
    ville.get_by_label("Mistä").select_option(label="Odottaminen (2)")
    ville.get_by_label("Mihin").select_option(label="Tiedonkulku")
    ville.get_by_role("button", name="Siirrä piste").click()
    expect(_item(ville, "Tiedonkulku")).to_contain_text("Sinun pisteesi: 2")
    expect(ville.locator("#dots-left")).to_contain_text("0 pistettä")
    assert Dot.objects.filter(step=vote).count() == 12
    expect(room.locator(".room-count")).to_contain_text("4 osallistujaa on äänestänyt")
    expect(room.locator(".results-table")).to_have_count(0)
    axe_check(room, "room screen, vote open with hidden results")
    kaija.set_viewport_size({"width": 320, "height": 740})
    axe_check(kaija, "phone, vote spent, at 320px")

    cockpit.get_by_role("button", name="Sulje äänestys").click()
    expect(room.locator(".results-table")).to_contain_text("Tiedonkulku")
    expect(kaija.get_by_text("Äänestys on suljettu.")).to_be_visible()
    axe_check(room, "room screen, vote results")
    axe_check(cockpit, "cockpit, vote results")

    # Prioritise: the top two are ticked; the facilitator edits the first wording.
    prioritise = hukkapaja.steps.get(kind="prioritise")
    _go(cockpit, prioritise)
    wording = cockpit.get_by_label(re.compile("Haasteen sanamuoto: Tiedonkulku"))
    expect(wording).to_have_value("Tiedonkulku")
    wording.fill("Tieto ei kulje ammattilaisten välillä")
    axe_check(cockpit, "cockpit, prioritise")
    cockpit.get_by_role("button", name="Vahvista priorisoidut haasteet").click()
    expect(room.locator(".challenges__list")).to_contain_text(
        "Tieto ei kulje ammattilaisten välillä"
    )
    expect(phones["Ville"].locator(".challenges__list")).to_contain_text("Odottaminen")
    axe_check(phones["Ville"], "phone, prioritised challenges")
    texts = list(
        PrioritisedChallenge.objects.filter(series=series)
        .order_by("rank")
        .values_list("text", flat=True)
    )
    assert texts == ["Tieto ei kulje ammattilaisten välillä", "Odottaminen"]

    # The Ratkaisupaja: its agenda and cockpit show the two prioritised challenges.
    cockpit.goto(f"/series/{series.code}/workshops/{ratkaisupaja.code}/")
    expect(cockpit.locator(".challenges")).to_contain_text("Odottaminen")
    cockpit.get_by_role("button", name="Aloita työpaja").click()
    room.goto(f"/series/{series.code}/workshops/{ratkaisupaja.code}/room/")
    # The opening step recaps them on the room screen.
    expect(room.locator(".challenges")).to_contain_text("Tieto ei kulje ammattilaisten välillä")
    challenges = cockpit.locator(".cockpit-agenda .challenges__list li")
    expect(challenges).to_have_count(2)
    expect(challenges.nth(0)).to_contain_text("Tieto ei kulje ammattilaisten välillä")
    expect(challenges.nth(1)).to_contain_text("Odottaminen")
    axe_check(cockpit, "Ratkaisupaja cockpit with the challenges")
