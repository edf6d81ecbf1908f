"""People are listed as a person reads the list, in the cockpit and on the series' page."""

from django.urls import reverse

from workshops.live import services
from workshops.models import Attendance, Participant
from workshops.naturalsort import natural_key


def test_numbers_sort_as_numbers_and_case_does_not_matter():
    names = ["Osallistuja 10", "osallistuja 2", "Osallistuja 1", "Anna", "Ähtäri 3", "2 Ville"]
    assert sorted(names, key=natural_key) == [
        "2 Ville",
        "Anna",
        "Osallistuja 1",
        "osallistuja 2",
        "Osallistuja 10",
        "Ähtäri 3",
    ]


def test_the_cockpit_lists_participants_in_natural_order(client, facilitator, workshop):
    from workshops.models import Step

    Step.objects.create(
        workshop=workshop, position=1, kind="discussion", title="Keskustelu", duration_minutes=10
    )
    workshop = services.workshop_go_live(workshop=workshop)
    for name in ["Osallistuja 10", "Osallistuja 2", "Osallistuja 1"]:
        person = Participant.objects.create(series=workshop.series, nickname=name, token_hash=name)
        Attendance.objects.create(participant=person, workshop=workshop)
    client.force_login(facilitator)
    page = client.get(reverse("workshops:cockpit", args=[workshop.series.code, workshop.code])).text
    positions = [
        page.index(f"<li>{name} ") for name in ["Osallistuja 1", "Osallistuja 2", "Osallistuja 10"]
    ]
    assert positions == sorted(positions)
