"""Retention in the browser: a coordinator closes a series; a participant deletes their e-mail
address and contributions, each after a confirmation. axe-core on both pages, at 320 px and at
desktop width; the `new_page` fixture fails on any CSP violation."""

import pytest

from workshops.models import Participant, Series
from workshops.people import services as people_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill("salasana-123")
    page.get_by_role("button", name="Kirjaudu").click()


@pytest.mark.parametrize("width", [320, 1280])
def test_a_coordinator_closes_a_series_after_confirming(
    new_page, axe_check, coordinator, series, width
):
    page = new_page(width=width)
    _login(page, coordinator)
    assert page.goto(f"/series/{series.code}/").ok
    axe_check(page, f"series page, open, at {width}px")
    page.get_by_role("button", name="Sulje sarja").click()
    assert page.get_by_text("Vahvista rastittamalla ruutu.").first.is_visible()
    assert Series.objects.get(pk=series.pk).closed_at is None
    page.get_by_label("Ymmärrän, että sarjan osallistujien sisältö poistetaan").check()
    page.get_by_role("button", name="Sulje sarja").click()
    assert page.get_by_text("Sarja suljettiin.").first.is_visible()
    assert Series.objects.get(pk=series.pk).closed_at is not None
    axe_check(page, f"series page, closed, at {width}px")


@pytest.mark.parametrize("width", [320, 1280])
def test_a_participant_deletes_their_e_mail_address_after_confirming(
    new_page, axe_check, facilitator, series, width
):
    anna, token = people_services.invite(
        series, nickname="Anna", kind="professional", email="anna@example.fi", by=facilitator
    )
    phone = new_page(width=width)
    assert phone.goto(f"/p/{token}/").ok
    phone.get_by_role("link", name="Poista kirjoittamani tai sähköpostiosoitteeni").click()
    axe_check(phone, f"deleting one's data at {width}px")
    phone.get_by_role("button", name="Poista sähköpostiosoitteeni").click()
    assert phone.get_by_text("Vahvista rastittamalla ruutu.").first.is_visible()
    assert Participant.objects.get(pk=anna.pk).email == "anna@example.fi"
    phone.get_by_label("Haluan poistaa sähköpostiosoitteeni.").check()
    phone.get_by_role("button", name="Poista sähköpostiosoitteeni").click()
    assert phone.get_by_text("Sähköpostiosoitteesi poistettiin.").first.is_visible()
    assert Participant.objects.get(pk=anna.pk).email == ""
