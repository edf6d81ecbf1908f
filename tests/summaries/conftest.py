import pytest
from django.test import Client
from django.utils import timezone

from tests.live.conftest import join
from tests.workshops.factories import StepFactory, WorkshopFactory
from workshops.live import services as live_services
from workshops.models import Note, PrioritisedChallenge, Theme, ThemeNote, Workshop


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def held(series):
    """A Hukkapaja that has been held: warm-up answers, notes, a theme, a prioritised
    challenge. Its participant Anna joined on `anna_client`."""
    workshop = WorkshopFactory(series=series, position=1, title="Hukkapaja")
    warmup = StepFactory(workshop=workshop, position=1, kind="warmup", title="Lämmittely")
    brainstorm = StepFactory(workshop=workshop, position=2, kind="brainstorm", title="Hukat")
    themes = StepFactory(workshop=workshop, position=3, kind="themes", title="Teemoittelu")
    vote = StepFactory(workshop=workshop, position=4, kind="vote", title="Äänestys")
    prioritise = StepFactory(workshop=workshop, position=5, kind="prioritise", title="Valinta")
    live_services.workshop_go_live(workshop=workshop)
    workshop.refresh_from_db()
    return {
        "workshop": workshop,
        "steps": (warmup, brainstorm, themes, vote, prioritise),
    }


@pytest.fixture
def anna_client(held):
    client = Client()
    anna = join(client, held["workshop"], "Anna")
    workshop = held["workshop"]
    warmup, brainstorm, themes, vote, prioritise = held["steps"]
    import uuid

    Note.objects.create(
        workshop=workshop,
        step=warmup,
        participant=anna,
        client_id=uuid.uuid4(),
        text="Hyvä mieli tänään",
    )
    note = Note.objects.create(
        workshop=workshop,
        step=brainstorm,
        participant=anna,
        client_id=uuid.uuid4(),
        text="Tieto ei kulje vuorojen välillä",
        category="Odottaminen",
    )
    Note.objects.create(
        workshop=workshop,
        step=brainstorm,
        participant=anna,
        client_id=uuid.uuid4(),
        text="Lähetteet jonossa",
    )
    theme = Theme.objects.create(workshop=workshop, step=themes, name="Tiedonkulku")
    ThemeNote.objects.create(theme=theme, note=note, step=themes)
    challenge = PrioritisedChallenge.objects.create(
        series=workshop.series,
        workshop=workshop,
        step=prioritise,
        vote_step=vote,
        rank=1,
        text="Tieto ei kulje vuorojen välillä",
        theme=theme,
        dots=7,
    )
    live_services.workshop_end(workshop=workshop)
    Workshop.objects.filter(pk=workshop.pk).update(
        ended_at=timezone.now() - timezone.timedelta(hours=2)
    )
    client.anna = anna
    client.challenge = challenge
    client.theme = theme
    return client
