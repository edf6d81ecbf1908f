"""Live suggestions under concurrency: needs PostgreSQL (skipped, with the reason, on SQLite)."""

import threading
import uuid

import pytest
from django.db import connection, connections

from cases.live import services as live_services
from cases.models import PathEvent, Suggestion
from workshops.live import services
from workshops.models import Participant, Step

from .factories import ServicePathFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DATA = {"what": "Soitti neuvontaan", "actor": "Kela", "experience": "neutral"}


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


@pytest.fixture
def path_step(workshop, series):
    step = Step.objects.create(
        workshop=workshop, position=1, kind="service_path", title="Polku", duration_minutes=20
    )
    workshop = services.workshop_go_live(workshop=workshop)
    path = ServicePathFactory(series=series)
    live_services.step_choose_artefact(workshop=workshop, step=step, public_id=path.public_id)
    participant, _token = services.participant_join(
        workshop=workshop, nickname="Anna", kind=Participant.Kind.PROFESSIONAL
    )
    return workshop, participant


def _race(function, times=20):
    barrier = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:  # every failure is reported by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_twenty_concurrent_retries_of_one_suggestion_make_one(path_step):
    workshop, participant = path_step
    client_id = uuid.uuid4()
    results, errors = _race(
        lambda: (
            live_services.suggestion_post(
                workshop=workshop,
                participant=participant,
                kind=Suggestion.Kind.PATH_EVENT,
                data=DATA,
                client_id=client_id,
            )[0].pk
        )
    )
    assert not errors
    assert len(set(results)) == 1
    assert Suggestion.objects.count() == 1


def test_a_suggestion_accepted_twice_at_once_is_written_once(path_step):
    workshop, participant = path_step
    suggestion, _created = live_services.suggestion_post(
        workshop=workshop,
        participant=participant,
        kind=Suggestion.Kind.PATH_EVENT,
        data=DATA,
        client_id=uuid.uuid4(),
    )
    results, errors = _race(lambda: live_services.suggestion_accept(suggestion=suggestion), 5)
    assert len(results) == 1
    assert len(errors) == 4
    assert all(error.code == "decided" for error in errors)
    assert PathEvent.objects.count() == 1
