import pytest
from django.urls import reverse

from workshops.live import services
from workshops.models import Participant, Step


@pytest.fixture
def live_workshop(workshop):
    Step.objects.create(
        workshop=workshop,
        position=1,
        kind="warmup",
        title="Lämmittely",
        duration_minutes=10,
        settings={"question": "Mikä sujuu hyvin?"},
    )
    Step.objects.create(
        workshop=workshop,
        position=2,
        kind="brainstorm",
        title="Hukat",
        duration_minutes=20,
        settings={"categories": ["Odottaminen", "Päällekkäinen työ"], "private_until_reveal": True},
    )
    Step.objects.create(
        workshop=workshop, position=3, kind="discussion", title="Keskustelu", duration_minutes=20
    )
    return services.workshop_go_live(workshop=workshop)


def join(client, workshop, nickname="Anna", kind=Participant.Kind.PROFESSIONAL):
    """Join through the real join form; the client keeps the cookie."""
    response = client.post(
        reverse("live:join-workshop", args=[workshop.join_code]),
        {"nickname": nickname, "kind": kind, "organisation_name": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Participant.objects.filter(nickname=nickname, series=workshop.series).latest("id")


@pytest.fixture
def anna(client, live_workshop):
    participant = join(client, live_workshop, "Anna")
    return participant


def go_to(workshop, kind):
    step = workshop.steps.get(kind=kind)
    services.step_go(workshop=workshop, step=step)
    workshop.refresh_from_db()
    return step


from .converge_fixtures import converging  # noqa: E402, F401 — the converging workshop
