"""A solution links the series' prioritised challenge it answers (and keeps its wording)."""

import pytest
from django.urls import reverse

from cases.models import Solution
from tests.workshops.factories import SeriesFactory, StepFactory, WorkshopFactory
from workshops.models import PrioritisedChallenge

from .factories import CriticalPointFactory, ServicePathFactory

pytestmark = pytest.mark.django_db


def _challenge(series, text):
    workshop = WorkshopFactory(series=series, position=1)
    step = StepFactory(workshop=workshop, position=1, kind="prioritise", duration_minutes=10)
    return PrioritisedChallenge.objects.create(
        series=series, workshop=workshop, step=step, rank=1, text=text
    )


def test_a_solution_links_a_prioritised_challenge_of_its_series(client, facilitator, series):
    client.force_login(facilitator)
    challenge = _challenge(series, "Tieto ei kulje")
    path = ServicePathFactory(series=series, case__series=series)
    point = CriticalPointFactory(path=path)
    url = reverse("cases:item-add", args=[series.code, "path", path.public_id, "solution"])
    response = client.post(
        url,
        {
            "add-solution-critical_point": point.pk,
            "add-solution-text": "Yhteinen kirjaus",
            "add-solution-prioritised_challenge": challenge.pk,
        },
    )
    assert response.status_code == 302
    solution = Solution.objects.get()
    assert solution.prioritised_challenge == challenge
    assert solution.challenge == "Tieto ei kulje"  # the wording stays if the link goes
    page = client.get(reverse("cases:detail", args=[series.code, "path", path.public_id]))
    assert "Tieto ei kulje" in page.content.decode()
    challenge.delete()
    solution.refresh_from_db()
    assert solution.prioritised_challenge is None and solution.challenge == "Tieto ei kulje"


def test_another_series_challenge_cannot_be_linked(client, facilitator, series, organisation):
    client.force_login(facilitator)
    foreign = _challenge(SeriesFactory(organisation=organisation), "Vieras haaste")
    path = ServicePathFactory(series=series, case__series=series)
    point = CriticalPointFactory(path=path)
    url = reverse("cases:item-add", args=[series.code, "path", path.public_id, "solution"])
    response = client.post(
        url,
        {
            "add-solution-critical_point": point.pk,
            "add-solution-text": "Yhteinen kirjaus",
            "add-solution-prioritised_challenge": foreign.pk,
        },
    )
    assert response.status_code == 422
    assert not Solution.objects.exists()
