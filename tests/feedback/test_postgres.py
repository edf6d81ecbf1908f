"""Concurrency: needs PostgreSQL (skipped, with the reason, on SQLite)."""

import threading

import pytest
from django.db import connection, connections

from workshops.feedback import services
from workshops.feedback.models import FeedbackAnswer, FeedbackForm, FeedbackResponse

from .conftest import held, make_participant

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def test_ten_concurrent_submissions_by_one_participant_make_one_response(workshop, feedback_step):
    workshop = held(workshop)
    form = services.form_ensure(step=feedback_step)
    participant = make_participant(workshop)
    items = {i.key: i for i in form.items.all()}
    barrier = threading.Barrier(10)
    errors = []

    def submit(value):
        try:
            barrier.wait()
            services.response_submit(
                form=form,
                workshop=workshop,
                participant=participant,
                answers={items[k].pk: value for k in ("heard", "useful", "recommend")},
                live=False,
            )
        except Exception as exc:  # every failure is reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(1 + i % 5,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert FeedbackResponse.objects.filter(form=form).count() == 1
    # One submission's answers in full, never a mix or a duplicate.
    values = list(
        FeedbackAnswer.objects.filter(response__form=form).values_list("value", flat=True)
    )
    assert len(values) == 3 and len(set(values)) == 1


def test_concurrent_first_use_makes_one_form(workshop, feedback_step):
    barrier = threading.Barrier(6)
    errors = []

    def ensure():
        try:
            barrier.wait()
            services.form_ensure(step=feedback_step)
        except Exception as exc:  # every failure is reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ensure) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert FeedbackForm.objects.filter(step=feedback_step).count() == 1
