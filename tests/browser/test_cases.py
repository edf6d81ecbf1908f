"""A facilitator writes an anonymised case and maps its service path in a real browser."""

import pytest
from playwright.sync_api import expect

from cases.anonymise import hetu_check_char
from cases.models import Case, PathEvent
from tests.cases.factories import (
    ActorFactory,
    ActorNetworkFactory,
    CausalLinkFactory,
    CausalMapFactory,
    PersonaFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HETU = "010190-123" + hetu_check_char("010190", "123")


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()


def test_facilitator_writes_a_case_and_maps_its_path(new_page, axe_check, facilitator, series):
    page = new_page()
    _login(page, facilitator)
    page.goto(f"/series/{series.code}/cases/case/new/")
    title = "Monia palveluja käyttävä mies"
    situation = (
        f"Asiakkaan tunnus {HETU} näkyi lähetteessä, ja hän soitti numerosta 040 123 4567. "
        "Hän on 45-vuotias ja asunut yksin vuodesta 2019."
    )
    page.locator("#id_title").fill(title)
    page.locator("#id_situation").fill(situation)
    page.locator("#id_client_goal").fill("Päästä takaisin töihin")
    page.locator("#id_confirmed").check()
    page.locator("form.card button[type=submit]").click()

    # Both places are shown, and nothing typed is lost.
    errors = page.locator(".field.has-error .errorlist")
    expect(errors.locator("mark", has_text=HETU)).to_be_visible()
    expect(errors.locator("mark", has_text="040 123 4567")).to_be_visible()
    expect(page.locator("#id_situation")).to_have_value(situation)
    expect(page.locator("#id_title")).to_have_value(title)
    expect(page.locator("#id_client_goal")).to_have_value("Päästä takaisin töihin")
    assert not Case.objects.exists()

    fixed = "Asiakkaan tunnus näkyi lähetteessä, ja hän soitti. Hän on 45-vuotias."
    page.locator("#id_situation").fill(fixed)
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    assert Case.objects.get().situation == fixed
    axe_check(page, "case page")

    # A service path for the case, with events added inline.
    page.goto(f"/series/{series.code}/cases/path/new/")
    page.locator("#id_title").fill("Kevään polku")
    page.locator("#id_subject").select_option(index=1)
    page.locator("form.card button[type=submit]").click()
    events = [
        ("vk 1", "Terveysasema", "Vastaanotto väsymyksen takia", "neutral"),
        ("vk 3", "Sosiaalityö", "Jonotus sosiaalityöhön", "difficult"),
        ("vk 5", "Sosiaalityö", "Asiakas tuli kuulluksi", "meaningful"),
    ]
    for when, actor, what, experience in events:
        page.locator("#id_add-event-when").fill(when)
        page.locator("#id_add-event-actor").fill(actor)
        page.locator("#id_add-event-what").fill(what)
        page.locator("#id_add-event-experience").select_option(experience)
        page.locator("#add-event-heading ~ form button[type=submit]").click()
        expect(page.locator("ol.items > li").last).to_contain_text(what)

    diagram = page.locator("svg.diagram-svg")
    expect(diagram).to_be_visible()
    texts = diagram.locator("text").all_text_contents()
    joined = " ".join(texts)
    positions = [joined.index(what.split()[0]) for _, _, what, _ in events]
    assert positions == sorted(positions), joined
    # The text alternative is on the page.
    expect(page.locator("ol.items > li")).to_have_count(3)
    axe_check(page, "service path page")

    # Reorder by keyboard: the last event up; focus stays on its Up button.
    up = page.get_by_role("button", name="Ylös: Asiakas tuli kuulluksi")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("ol.items > li").nth(1)).to_contain_text("Asiakas tuli kuulluksi")
    expect(page.get_by_role("button", name="Ylös: Asiakas tuli kuulluksi")).to_be_focused()
    assert list(PathEvent.objects.order_by("position").values_list("what", flat=True))[1] == (
        "Asiakas tuli kuulluksi"
    )


def test_persona_map_and_network_pages_are_accessible(new_page, axe_check, facilitator, series):
    persona = PersonaFactory(series=series, value_social="Tulla kuulluksi")
    link = CausalLinkFactory(causal_map=CausalMapFactory(series=series), sign="reinforcing")
    network = ActorNetworkFactory(series=series)
    ActorFactory(network=network, name="Kela", role="Etuudet")
    page = new_page()
    _login(page, facilitator)

    page.goto(f"/series/{series.code}/cases/persona/{persona.public_id}/")
    expect(page.get_by_role("heading", name=persona.name, level=1)).to_be_visible()
    axe_check(page, "persona page")

    page.goto(f"/series/{series.code}/cases/map/{link.causal_map.public_id}/")
    expect(page.locator("svg.diagram-svg")).to_be_visible()
    expect(page.locator("#link-list-heading + ul.items")).to_contain_text(link.cause.name)
    axe_check(page, "causal map page")

    page.goto(f"/series/{series.code}/cases/network/{network.public_id}/")
    expect(page.locator("svg.diagram-svg")).to_be_visible()
    expect(page.locator("#actor-list-heading + ul.items")).to_contain_text("Etuudet")
    axe_check(page, "actor network page")

    page.goto(f"/series/{series.code}/cases/")
    axe_check(page, "cases index")
