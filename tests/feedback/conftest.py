import pytest
from django.conf import settings
from django.utils import translation

from workshops.feedback import services
from workshops.live import identity
from workshops.live import services as live_services
from workshops.models import Attendance, Participant, Step, Workshop


@pytest.fixture(autouse=True)
def _language_back_to_default():
    """A request in another language leaves it active in the thread; later tests expect the
    default (Finnish)."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def feedback_step(workshop):
    Step.objects.create(
        workshop=workshop, position=1, kind="brainstorm", title="Hukat", duration_minutes=20
    )
    return Step.objects.create(
        workshop=workshop, position=2, kind="feedback", title="Palaute", duration_minutes=5
    )


@pytest.fixture
def form(feedback_step):
    return services.form_ensure(step=feedback_step)


def make_participant(workshop, kind=Participant.Kind.PROFESSIONAL, nickname="Anna"):
    participant = Participant.objects.create(
        series=workshop.series,
        token_hash=identity.hash_token(identity.new_token()),
        nickname=nickname,
        kind=kind,
    )
    Attendance.objects.create(participant=participant, workshop=workshop)
    return participant


def held(workshop):
    Workshop.objects.filter(pk=workshop.pk).update(state=Workshop.State.HELD)
    workshop.refresh_from_db()
    return workshop


def live_at(workshop, step):
    workshop = live_services.workshop_go_live(workshop=workshop)
    return live_services.step_go(workshop=workshop, step=step)


def scale_items(form):
    return [i for i in form.items.all() if i.is_scale]


def post_data(form, values: dict, texts: dict | None = None) -> dict:
    """POST data for the answer form: {item key: value}."""
    data = {"form": str(form.public_id)}
    for item in form.items.all():
        if item.key in values:
            data[f"item-{item.public_id}"] = str(values[item.key])
        if texts and item.key in texts:
            data[f"item-{item.public_id}"] = texts[item.key]
    return data
