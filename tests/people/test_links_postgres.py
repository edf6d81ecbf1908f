"""A revoked personal link on the hot path: needs PostgreSQL, where polls are answered from
each process's memory (skipped, with the reason, on SQLite)."""

import time
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.live.conftest import join
from workshops.live import poll, services, signals
from workshops.models import Step
from workshops.people import services as people_services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def _wait(predicate, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_device_of_a_revoked_link_gets_no_notes_even_from_memory(workshop, facilitator, settings):
    settings.NOPSA_LIVE_NOTIFY = True
    Step.objects.create(
        workshop=workshop, position=1, kind="brainstorm", title="Ideointi", duration_minutes=20
    )
    workshop = services.workshop_go_live(workshop=workshop)
    phone = Client()
    anna = join(phone, workshop, "Anna")
    ville = join(Client(), workshop, "Ville")
    device = Client()
    device.get(reverse("people:return", args=[people_services.issue_link(anna, by=facilitator)]))
    _wait(lambda: signals.generation() is not None)
    poll.start_covering(workshop.pk)
    url = reverse("live:poll", args=[workshop.code])
    marker = poll.latest_marker(workshop_id=workshop.pk)
    sv = marker
    people_services.revoke_link(anna, by=facilitator)
    services.note_post(workshop=workshop, participant=ville, text="Uusi", client_id=uuid.uuid4())
    _wait(lambda: signals.known_latest(workshop.pk) != marker)
    # The phone that joined with the code is answered (from memory) with the new note...
    answer = phone.get(url, {"since": marker, "sv": sv})
    assert answer.status_code == 200 and "Uusi" in answer.content.decode()
    # ...the device of the revoked link is not, though the process has the note in memory.
    refused = device.get(url, {"since": marker, "sv": sv})
    assert refused.status_code == 404  # as for any outsider: the poll tells nothing
    assert "Uusi" not in refused.content.decode()
