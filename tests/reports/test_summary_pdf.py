"""The published summary of a workshop in print: who may download it, and what it holds."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.live.conftest import join
from tests.summaries.conftest import staff_client
from tests.workshops.factories import SeriesFactory, StepFactory, WorkshopFactory
from workshops.live import services as live_services
from workshops.summaries import services

pytestmark = pytest.mark.django_db


def _staff_url(workshop):
    return reverse("workshops:summary-pdf", args=[workshop.series.code, workshop.code])


def _participant_url(workshop):
    return reverse("people:summary-pdf", args=[workshop.series.code, workshop.code])


def _publish(workshop, by, intro='Kiitos osallistumisesta! <img src="file:///etc/passwd">'):
    draft = services.summary_for(workshop)
    summary = services.summary_save(
        workshop, intro=intro, sections=draft.sections, version=0, by=by
    )
    services.summary_publish(summary, by=by, url="https://nopsa.example/")
    return summary


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_staff_and_the_participants_print_the_published_summary(
    held, anna_client, facilitator, coordinator
):
    workshop = held["workshop"]
    _publish(workshop, facilitator)
    for client in (staff_client(facilitator), staff_client(coordinator)):
        text = _text(client.get(_staff_url(workshop)))
        assert "Kiitos osallistumisesta!" in text
        assert "Tieto ei kulje vuorojen välillä" in text  # the prioritised challenge
        assert '<img src="file:///etc/passwd">' in text, "markup is printed as text"
        assert "Hyvä mieli tänään" not in text, "warm-up answers were not chosen"
    text = _text(anna_client.get(_participant_url(workshop)))
    assert "Kiitos osallistumisesta!" in text and workshop.series.title in text
    # Both pages link it.
    assert (
        _participant_url(workshop)
        in anna_client.get(
            reverse("people:summary", args=[workshop.series.code, workshop.code])
        ).text
    )
    assert (
        _staff_url(workshop)
        in staff_client(facilitator)
        .get(reverse("workshops:summary", args=[workshop.series.code, workshop.code]))
        .text
    )


def test_a_summary_that_is_not_published_is_not_printable(held, anna_client, facilitator):
    workshop = held["workshop"]
    draft = services.summary_for(workshop)
    services.summary_save(workshop, intro="Luonnos", sections=draft.sections, version=0, by=None)
    assert anna_client.get(_participant_url(workshop)).status_code == 404
    assert staff_client(facilitator).get(_staff_url(workshop)).status_code == 404


@pytest.mark.parametrize("who", ["colleague", "outsider", "other_coordinator"])
def test_other_staff_get_404(request, held, facilitator, who):
    workshop = held["workshop"]
    _publish(workshop, facilitator)
    client = staff_client(request.getfixturevalue(who))
    assert client.get(_staff_url(workshop)).status_code == 404
    assert client.get(_participant_url(workshop)).status_code == 404


def test_participants_of_another_series_and_strangers_get_404(held, facilitator, organisation):
    workshop = held["workshop"]
    _publish(workshop, facilitator)
    other_series = SeriesFactory(organisation=organisation)
    other_workshop = WorkshopFactory(series=other_series, position=1)
    StepFactory(workshop=other_workshop, position=1, kind="brainstorm")
    live_services.workshop_go_live(workshop=other_workshop)
    other_workshop.refresh_from_db()
    bertta = Client()
    join(bertta, other_workshop, "Bertta")
    assert bertta.get(_participant_url(workshop)).status_code == 404
    stranger = Client()
    assert stranger.get(_participant_url(workshop)).status_code == 404
    # Without an account, the staff address asks for a login.
    response = stranger.get(_staff_url(workshop))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_summary_pdf_is_rendered_within_the_limits(held, facilitator, settings):
    workshop = held["workshop"]
    _publish(workshop, facilitator)
    settings.NOPSA_REPORT_TIMEOUT = 0
    client = staff_client(facilitator)
    response = client.get(_staff_url(workshop))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workshops:summary", args=[workshop.series.code, workshop.code]
    )
    page = client.get(response["Location"])
    assert "Vienti pysäytettiin" in page.text, "the limit's message is shown"


def test_the_summary_pdf_queries_are_bounded(
    held, anna_client, facilitator, django_assert_max_num_queries
):
    workshop = held["workshop"]
    _publish(workshop, facilitator)
    client = staff_client(facilitator)
    with django_assert_max_num_queries(8, info="a summary prints from its stored sections"):
        assert client.get(_staff_url(workshop)).status_code == 200
    with django_assert_max_num_queries(8, info="a participant's print is the same"):
        assert anna_client.get(_participant_url(workshop)).status_code == 200
