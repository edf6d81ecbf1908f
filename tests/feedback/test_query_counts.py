"""Every page of the feedback app costs a bounded number of queries, whatever the number of
answers, measurements or notes: the same with 5 respondents as with 60."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.live.conftest import join
from workshops.feedback import services
from workshops.models import Participant

from .conftest import held, live_at, make_participant, post_data

pytestmark = pytest.mark.django_db


def add_answers(form, workshop, count, rng):
    items = list(form.items.all())
    for i in range(count):
        kind = Participant.Kind.CLIENT if i % 4 == 0 else Participant.Kind.PROFESSIONAL
        answers = {
            item.pk: (rng.randint(1, 5) if item.is_scale else f"Vastaus {i}") for item in items
        }
        services.response_submit(
            form=form,
            workshop=workshop,
            participant=make_participant(workshop, kind, f"P{i}-{rng.random()}"),
            answers=answers,
            live=False,
        )


def add_measurements(series, count):
    indicator = series.indicators.first() or services.indicator_create(
        series=series, name="Hyvinvointi", direction="up"
    )
    for i in range(count):
        services.measurement_add(
            indicator=indicator,
            date=dt.date(2027, 1, 1) + dt.timedelta(days=30 * (i + indicator.measurements.count())),
            value=Decimal(i),
        )


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page", ["series", "results", "form-edit", "export-xlsx", "export-csv", "indicator"]
)
def test_staff_pages_cost_the_same_with_5_or_60_answers(
    client, coordinator, series, workshop, feedback_step, form, page
):
    workshop = held(workshop)
    rng = random.Random(1)
    add_measurements(series, 2)
    indicator = series.indicators.first()
    urls = {
        "series": reverse("feedback:series", args=[series.code]),
        "results": reverse("feedback:workshop-results", args=[series.code, workshop.code]),
        "form-edit": reverse(
            "feedback:form-edit", args=[series.code, workshop.code, feedback_step.public_id]
        ),
        "export-xlsx": reverse("feedback:export", args=[series.code, "kaikki", "xlsx"]),
        "export-csv": reverse("feedback:export", args=[series.code, "feedback", "csv"]),
        "indicator": reverse("feedback:indicator", args=[series.code, indicator.public_id]),
    }
    client.force_login(coordinator)
    add_answers(form, workshop, 5, rng)
    small = count(client, urls[page])
    add_answers(form, workshop, 55, rng)
    add_measurements(series, 20)
    large = count(client, urls[page])
    assert large == small, f"{page}: {small} queries with 5 answers, {large} with 60 (N+1?)"
    assert large <= 20, f"{page} takes {large} queries"


def test_participant_pages_are_bounded(client, workshop, feedback_step, form):
    live = live_at(workshop, feedback_step)
    join(client, live, "Kaija")
    url = reverse("live:participant", args=[live.code])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert len(ctx.captured_queries) <= 20, "the phone view at a feedback step"
    with CaptureQueriesContext(connection) as ctx:
        client.post(
            reverse("feedback:live-submit", args=[live.code]),
            post_data(form, {"heard": 4, "useful": 5, "recommend": 3}),
            HTTP_HX_REQUEST="true",
        )
    assert len(ctx.captured_queries) <= 25, "sending the answers"
    held(live)
    services.form_set_published(form=form, published=True)
    add_answers(form, live, 30, random.Random(2))
    for name in ("feedback:afterwards", "feedback:participant-results"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name, args=[live.code])).status_code == 200
        assert len(ctx.captured_queries) <= 15, name
