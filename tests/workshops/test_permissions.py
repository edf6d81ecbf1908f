"""Who may open and use each view of the workshops app.

Anonymous users are sent to the login page; staff outside the series (a facilitator of
another organisation, a coordinator of another organisation, a colleague not assigned to the
series) get 404 and change nothing; the series' facilitator and the organisation's
coordinator get through.
"""

import pytest
from django.urls import reverse

from workshops.models import Series, SeriesTask, Step, Workshop


def _object_urls(series, workshop, step, task):
    s, w = series.code, workshop.code
    return {
        # name: (method, url, POST data)
        "series-detail": ("get", reverse("workshops:series-detail", args=[s]), None),
        "series-edit": ("get", reverse("workshops:series-edit", args=[s]), None),
        "series-edit-post": (
            "post",
            reverse("workshops:series-edit", args=[s]),
            {"title": "Muutettu", "language": "fi", "facilitators": []},
        ),
        "workshop-add": ("post", reverse("workshops:workshop-add", args=[s]), {}),
        "task-add": ("post", reverse("workshops:task-add", args=[s]), {"text": "Uusi tehtävä"}),
        "task-toggle": (
            "post",
            reverse("workshops:task-toggle", args=[s, task.public_id]),
            {},
        ),
        "task-delete": (
            "post",
            reverse("workshops:task-delete", args=[s, task.public_id]),
            {},
        ),
        "workshop-detail": ("get", reverse("workshops:workshop-detail", args=[s, w]), None),
        "workshop-edit": ("get", reverse("workshops:workshop-edit", args=[s, w]), None),
        "workshop-edit-post": (
            "post",
            reverse("workshops:workshop-edit", args=[s, w]),
            {"title": "Muutettu", "duration_minutes": "90"},
        ),
        "step-add": (
            "post",
            reverse("workshops:step-add", args=[s, w]),
            {"add-kind": "break", "add-title": "Tauko", "add-duration_minutes": "10"},
        ),
        "step-edit": (
            "get",
            reverse("workshops:step-edit", args=[s, w, step.public_id]),
            None,
        ),
        "step-delete": (
            "post",
            reverse("workshops:step-delete", args=[s, w, step.public_id]),
            {},
        ),
        "step-move": (
            "post",
            reverse("workshops:step-move", args=[s, w, step.public_id, "down"]),
            {},
        ),
    }


OBJECT_VIEWS = [
    "series-detail",
    "series-edit",
    "series-edit-post",
    "workshop-add",
    "task-add",
    "task-toggle",
    "task-delete",
    "workshop-detail",
    "workshop-edit",
    "workshop-edit-post",
    "step-add",
    "step-edit",
    "step-delete",
    "step-move",
]


def _snapshot():
    return (
        list(Series.objects.values_list("title", "updated_at")),
        list(Workshop.objects.values_list("title", "duration_minutes", "position")),
        list(Step.objects.values_list("title", "position")),
        list(SeriesTask.objects.values_list("text", "done_at")),
    )


@pytest.fixture
def urls(series, workshop, step, task):
    # A second step, so that moving the first one down changes something.
    Step.objects.create(
        workshop=workshop, position=2, kind="break", title="Tauko", duration_minutes=10
    )
    return _object_urls(series, workshop, step, task)


@pytest.mark.parametrize("view", OBJECT_VIEWS)
def test_anonymous_user_is_sent_to_login(client, urls, view):
    method, url, data = urls[view]
    before = _snapshot()
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert _snapshot() == before


@pytest.mark.parametrize("view", OBJECT_VIEWS)
@pytest.mark.parametrize("actor", ["outsider", "other_coordinator", "colleague"])
def test_staff_outside_the_series_get_404_and_change_nothing(client, urls, view, actor, request):
    client.force_login(request.getfixturevalue(actor))
    method, url, data = urls[view]
    before = _snapshot()
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("view", OBJECT_VIEWS)
@pytest.mark.parametrize("actor", ["facilitator", "coordinator"])
def test_facilitator_and_coordinator_of_the_series_may_use_it(client, urls, view, actor, request):
    client.force_login(request.getfixturevalue(actor))
    method, url, data = urls[view]
    response = getattr(client, method)(url, data or {})
    # Successful POSTs redirect; GETs and forms with errors render.
    assert response.status_code in (200, 302, 422)
    assert response.status_code != 404


@pytest.mark.parametrize(
    "url_name", ["workshops:dashboard", "workshops:method-list", "workshops:series-create"]
)
def test_staff_pages_need_login(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_method_detail_needs_login(client, db):
    response = client.get(reverse("workshops:method-detail", args=["paku"]))
    assert response.status_code == 302


def test_user_without_an_organisation_cannot_create_series(client, db, user_factory):
    client.force_login(user_factory(username="nobody"))
    assert client.get(reverse("workshops:series-create")).status_code == 404


def test_dashboard_lists_only_the_users_series(
    client, series, facilitator, outsider, other_organisation, series_factory
):
    foreign = series_factory(organisation=other_organisation, facilitators=[outsider])
    client.force_login(facilitator)
    response = client.get(reverse("workshops:dashboard"))
    assert series.title in response.text
    assert foreign.title not in response.text


def test_coordinator_sees_every_series_of_the_organisation_but_no_other(
    client, series, coordinator, organisation, other_organisation, series_factory
):
    unassigned = series_factory(organisation=organisation)
    foreign = series_factory(organisation=other_organisation)
    client.force_login(coordinator)
    response = client.get(reverse("workshops:dashboard"))
    assert series.title in response.text
    assert unassigned.title in response.text
    assert foreign.title not in response.text


@pytest.mark.parametrize("view", ["step-add", "step-edit", "step-delete", "step-move"])
def test_agenda_of_a_held_workshop_cannot_be_changed(client, urls, view, facilitator, workshop):
    workshop.state = Workshop.State.HELD
    workshop.save()
    client.force_login(facilitator)
    method, url, data = urls[view]
    before = _snapshot()
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("view", ["workshop-add", "task-add", "step-add", "step-delete"])
def test_write_endpoints_refuse_get(client, urls, view, facilitator):
    client.force_login(facilitator)
    _method, url, _data = urls[view]
    assert client.get(url).status_code == 405
