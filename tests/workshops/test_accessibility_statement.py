"""The accessibility statement (issue 10, item 3): public, in the three languages, with what
the Act on the Provision of Digital Services (306/2019) asks for, and linked from the footer of
every page — staff pages, participants' pages, the room screen and the error pages."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests.live.conftest import join
from workshops.live import services as live_services
from workshops.models import Step

URL = "/accessibility/"


def test_the_address_is_the_one_the_footer_links_to():
    assert reverse("workshops:accessibility") == URL


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "fi",
            [
                "<h1>Saavutettavuusseloste</h1>",
                "täyttää saavutettavuusvaatimukset osittain",
                "Ei-saavutettava sisältö",
                "laadittu 3. joulukuuta 2026",
                "itsearviointiin",
                "axe-core",
                "näppäimistötesteihin",
                "Etelä-Suomen aluehallintovirasto",
                "Saavutettavuuden valvonnan yksikkö",
                "www.saavutettavuusvaatimukset.fi",
                "Puhelin (vaihde) 0295 016 000",
            ],
        ),
        (
            "sv",
            [
                "<h1>Tillgänglighetsutlåtande</h1>",
                "uppfyller tillgänglighetskraven delvis",
                "utarbetats 3 december 2026",
                "Regionförvaltningsverket i Södra Finland",
                "www.tillganglighetskrav.fi",
            ],
        ),
        (
            "en",
            [
                "<h1>Accessibility statement</h1>",
                "partially meets the accessibility requirements",
                "prepared on 3 December 2026",
                "Regional State Administrative Agency for Southern Finland",
                "www.webaccessibility.fi",
            ],
        ),
    ],
)
def test_the_statement_is_public_in_each_language(client, db, language, texts, settings):
    settings.NOPSA_ACCESSIBILITY_ASSESSED = dt.date(2026, 12, 3)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(URL)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    for text in texts:
        assert text in response.text
    assert 'href="mailto:saavutettavuus@avi.fi"' in response.text
    assert "WCAG 2.1" in response.text
    assert "306/2019" in response.text


def test_organisation_feedback_address_and_session_length_come_from_settings(client, db, settings):
    settings.NOPSA_ORGANISATION_NAME = "Esimerkin hyvinvointialue"
    settings.NOPSA_ACCESSIBILITY_CONTACT = "saavutettavuus@esimerkki.fi"
    settings.NOPSA_SESSION_MAX_HOURS = 8
    page = client.get(URL).text
    assert "Esimerkin hyvinvointialue pyrkii siihen" in page
    assert '<a href="mailto:saavutettavuus@esimerkki.fi">saavutettavuus@esimerkki.fi</a>' in page
    assert "viimeistään 8 tunnin kuluttua kirjautumisesta" in page


def test_without_an_organisation_name_the_statement_names_the_provider_generally(
    client, db, settings
):
    settings.NOPSA_ORGANISATION_NAME = ""
    settings.NOPSA_ACCESSIBILITY_CONTACT = "nopsa@example.fi"
    page = client.get(URL).text
    assert "Tämän palvelun tarjoaja pyrkii siihen" in page
    assert 'href="mailto:nopsa@example.fi"' in page


def test_the_statement_reads_nothing_from_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200


def test_the_statement_refuses_post(client, db):
    assert client.post(URL).status_code == 405


FOOTER_LINK = f'<a href="{URL}">'


def test_staff_pages_link_to_the_statement(client, facilitator, series):
    client.force_login(facilitator)
    for url in (
        reverse("workshops:dashboard"),
        reverse("workshops:series-detail", args=[series.code]),
        reverse("workshops:method-list"),
    ):
        assert FOOTER_LINK in client.get(url).text, url


def test_public_and_error_pages_link_to_the_statement(client, db):
    assert FOOTER_LINK in client.get("/").text
    assert FOOTER_LINK in client.get(reverse("login")).text
    assert FOOTER_LINK in client.get(reverse("live:join")).text
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    assert FOOTER_LINK in not_found.text
    # 500.html repeats the footer (it is rendered without context processors).
    with translation.override("sv"):
        server_error = render_to_string("500.html")
    assert f"{FOOTER_LINK}Tillgänglighetsutlåtande</a>" in server_error


def test_the_participants_page_and_the_room_screen_link_to_the_statement(
    client, facilitator, series, workshop
):
    Step.objects.create(
        workshop=workshop, position=1, kind="warmup", title="Lämmittely", duration_minutes=10
    )
    workshop = live_services.workshop_go_live(workshop=workshop)
    join(client, workshop, "Anna")
    assert FOOTER_LINK in client.get(reverse("live:participant", args=[workshop.code])).text
    # The room screen is projected for the whole room: the stylesheet hides its header and
    # footer (body.room), but the link stays in the page for anyone who opens it on a screen.
    client.force_login(facilitator)
    room = client.get(reverse("workshops:room", args=[series.code, workshop.code])).text
    assert "<body hx-headers" in room and 'class="room"' in room
    assert FOOTER_LINK in room
