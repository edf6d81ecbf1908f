"""Every page's query count is bounded and does not grow with the number of series or steps."""

import pytest
from django.urls import reverse

from workshops.models import Method, Step

from .factories import SeriesFactory, SeriesTaskFactory, StepFactory, WorkshopFactory


def _grow(series, organisation, facilitator, n):
    for _ in range(n):
        other = SeriesFactory(organisation=organisation, facilitators=[facilitator])
        WorkshopFactory(series=other)
    for position in range(n):
        workshop = WorkshopFactory(series=series, position=position + 10)
        SeriesTaskFactory(series=series, after_workshop=workshop)
        for step_position in range(n):
            StepFactory(workshop=workshop, position=step_position + 1)


@pytest.mark.parametrize("size", [1, 12])
def test_dashboard_queries_do_not_grow_with_series(
    client, series, organisation, facilitator, size, django_assert_max_num_queries
):
    _grow(series, organisation, facilitator, size)
    client.force_login(facilitator)
    # Session, user, then one query for the list with its counts; a longer list adds none.
    with django_assert_max_num_queries(4, info="dashboard must stay N+1 free"):
        assert client.get(reverse("workshops:dashboard")).status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_series_page_queries_do_not_grow_with_workshops_or_tasks(
    client, series, organisation, facilitator, size, django_assert_max_num_queries
):
    _grow(series, organisation, facilitator, size)
    client.force_login(facilitator)
    url = reverse("workshops:series-detail", args=[series.code])
    # 15: prioritised challenges (issue 4), overdue actions and the choices of the action form
    # (owner, challenge, practice; issue 6), a running export of the final report (issue 8).
    with django_assert_max_num_queries(16, info="series timeline must prefetch its tasks"):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 40])
def test_workshop_agenda_queries_do_not_grow_with_steps(
    client, series, workshop, facilitator, size, django_assert_max_num_queries
):
    for position in range(size):
        Step.objects.create(
            workshop=workshop, position=position + 1, kind="break", title="T", duration_minutes=5
        )
    client.force_login(facilitator)
    url = reverse("workshops:workshop-detail", args=[series.code, workshop.code])
    with django_assert_max_num_queries(11, info="agenda rows and pre-work must not query per item"):
        assert client.get(url).status_code == 200
    step = workshop.steps.last()
    url = reverse("workshops:step-move", args=[series.code, workshop.code, step.public_id, "up"])
    with django_assert_max_num_queries(14, info="moving a step rewrites positions in one query"):
        client.post(url, HTTP_HX_REQUEST="true")


def test_method_pages_have_a_fixed_number_of_queries(
    client, facilitator, django_assert_max_num_queries
):
    client.force_login(facilitator)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("workshops:method-list")).status_code == 200
    for method in Method.objects.all():
        with django_assert_max_num_queries(6, info="steps and tasks are prefetched"):
            assert (
                client.get(reverse("workshops:method-detail", args=[method.slug])).status_code
                == 200
            )


def test_series_create_and_edit_pages_are_bounded(
    client, series, facilitator, django_assert_max_num_queries
):
    client.force_login(facilitator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("workshops:series-create")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("workshops:series-edit", args=[series.code])).status_code == 200


def test_front_login_and_workshop_edit_pages_are_bounded(
    client, series, workshop, facilitator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("login")).status_code == 200
    client.force_login(facilitator)
    url = reverse("workshops:workshop-edit", args=[series.code, workshop.code])
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
