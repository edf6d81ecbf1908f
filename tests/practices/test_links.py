"""What is behind a practice and what an action serves: challenges, cases, solutions."""

import uuid

from django.test import Client
from django.urls import reverse

from tests.cases.factories import (
    CaseFactory,
    CriticalPointFactory,
    ServicePathFactory,
    SolutionFactory,
)
from tests.workshops.factories import StepFactory
from workshops.models import Note, PrioritisedChallenge, SeriesTask
from workshops.practices import services
from workshops.summaries.services import compile_sections


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


def _challenge(workshop, text="Tieto ei kulje"):
    step = StepFactory(workshop=workshop, position=9, kind="prioritise")
    return PrioritisedChallenge.objects.create(
        series=workshop.series, workshop=workshop, step=step, rank=1, text=text
    )


def test_practice_lists_its_challenges_cases_and_solutions(series, workshop, facilitator):
    challenge = _challenge(workshop)
    client = staff_client(facilitator)
    response = client.post(
        reverse("workshops:practice-create", args=[series.code]),
        {"name": "Kotiutuspalaveri", "challenges": [challenge.pk]},
    )
    assert response.status_code == 302
    practice = series.practices.get()
    assert list(practice.challenges.all()) == [challenge]
    case = CaseFactory(series=series, title="Monia palveluja käyttävä mies")
    case.practices.add(practice)
    path = ServicePathFactory(series=series, case=case)
    SolutionFactory(
        critical_point=CriticalPointFactory(path=path), text="Yhteinen soitto", practice=practice
    )
    page = client.get(response["Location"]).content.decode()
    assert "Tieto ei kulje" in page
    assert "Monia palveluja käyttävä mies" in page
    assert "Yhteinen soitto" in page


def test_a_case_form_links_practices_of_its_own_series_only(series, facilitator, organisation):
    practice = services.practice_create(series, by=facilitator, name="Omatyöntekijä")
    client = staff_client(facilitator)
    response = client.post(
        reverse("cases:create", args=[series.code, "case"]),
        {
            "title": "Nuori aikuinen",
            "situation": "Nuori aikuinen, jolla on monta palvelua.",
            "practices": [practice.pk],
            "confirmed": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(practice.cases.values_list("title", flat=True)) == ["Nuori aikuinen"]


def test_an_action_serves_a_challenge_or_a_practice(series, workshop, facilitator):
    challenge = _challenge(workshop)
    practice = services.practice_create(series, by=facilitator, name="Omatyöntekijä")
    client = staff_client(facilitator)
    response = client.post(
        reverse("workshops:task-add", args=[series.code]),
        {"text": "Sovi pilotin aloitus", "challenge": challenge.pk, "practice": practice.pk},
    )
    assert response.status_code == 302
    task = SeriesTask.objects.get(text="Sovi pilotin aloitus")
    assert (task.challenge, task.practice) == (challenge, practice)
    page = client.get(reverse("workshops:series-detail", args=[series.code])).content.decode()
    assert "Tieto ei kulje" in page and "Omatyöntekijä" in page


def test_an_action_cannot_serve_another_series_challenge(
    series, workshop, facilitator, organisation
):
    from tests.workshops.factories import SeriesFactory, WorkshopFactory

    other = SeriesFactory(organisation=organisation)
    foreign = _challenge(WorkshopFactory(series=other, position=1), text="Vieras haaste")
    response = staff_client(facilitator).post(
        reverse("workshops:task-add", args=[series.code]),
        {"text": "Vieras linkki", "challenge": foreign.pk},
    )
    assert response.status_code == 422
    assert not SeriesTask.objects.filter(text="Vieras linkki").exists()


def test_the_summary_gets_case_insights_from_the_cases_app(series, workshop):
    step = StepFactory(workshop=workshop, position=1, kind="case_work", title="Tapaustyö")
    Note.objects.create(
        workshop=workshop,
        step=step,
        client_id=uuid.uuid4(),
        text="Asiakas jää väliin",
        category="Missä asiakas jää väliin?",
    )
    sections = {s["key"]: s for s in compile_sections(workshop)}
    assert "Asiakas jää väliin" in sections["cases"]["text"]
    assert "Missä asiakas jää väliin?" in sections["cases"]["text"]


def test_the_summary_names_the_paths_worked_on_and_their_solutions(series, workshop):
    path = ServicePathFactory(series=series, title="Kotiutuksen polku")
    SolutionFactory(
        critical_point=CriticalPointFactory(path=path, title="Jonotus"),
        text="Soitto ennen kotiutusta",
    )
    StepFactory(
        workshop=workshop,
        position=2,
        kind="service_path",
        title="Polku",
        settings={"path": str(path.public_id)},
    )
    sections = {s["key"]: s for s in compile_sections(workshop)}
    text = sections["artefacts"]["text"]
    assert "Kotiutuksen polku" in text
    assert "Soitto ennen kotiutusta" in text and "Jonotus" in text
