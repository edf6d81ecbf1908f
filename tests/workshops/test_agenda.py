"""Series planning: copying a method, the agenda editor, running times and the overrun warning."""

import datetime as dt

import pytest
from django.urls import reverse

from workshops import selectors, services
from workshops.methods_data import METHODS
from workshops.models import Method, Series, Step


@pytest.fixture
def logged_in(client, facilitator):
    client.force_login(facilitator)
    return client


def test_the_four_builtin_methods_are_in_the_catalogue(db):
    slugs = set(Method.objects.filter(is_builtin=True).values_list("slug", flat=True))
    assert slugs == {"hukkapaja-ratkaisupaja", "nopsa", "paku", "palveluintegraatio"}


def test_builtin_methods_have_all_three_languages(db):
    for method in Method.objects.prefetch_related("workshops__steps"):
        assert method.name_fi and method.name_sv and method.name_en
        for workshop in method.workshops.all():
            for step in workshop.steps.all():
                assert step.title_fi and step.title_sv and step.title_en, step


def test_every_method_workshop_agenda_fits_its_duration():
    for method in METHODS:
        for workshop in method["workshops"]:
            total = sum(step["duration_minutes"] for step in workshop["steps"])
            assert total == workshop["duration_minutes"], (method["slug"], workshop["name"]["fi"])


def test_methods_sync_is_idempotent(db):
    before = Method.objects.count()
    services.methods_sync_builtin()
    services.methods_sync_builtin()
    assert Method.objects.count() == before


def test_series_from_hukkapaja_copies_workshops_steps_and_tasks_in_its_language(
    organisation, facilitator
):
    method = Method.objects.get(slug="hukkapaja-ratkaisupaja")
    series = services.series_create(
        organisation=organisation,
        method=method,
        title="Testisarja",
        language=Series.Language.SV,
        facilitators=[facilitator],
        created_by=facilitator,
        first_date=dt.date(2027, 3, 2),
        start_time=dt.time(9, 0),
    )
    workshops = list(series.workshops.order_by("position"))
    assert len(workshops) == 2
    assert workshops[0].title == method.workshops.get(position=1).name_sv
    assert workshops[1].date == dt.date(2027, 3, 16)
    steps = list(workshops[0].steps.order_by("position"))
    expected = list(method.workshops.get(position=1).steps.order_by("position"))
    assert [s.title for s in steps] == [m.title_sv for m in expected]
    assert [s.kind for s in steps] == [m.kind for m in expected]
    assert series.tasks.filter(after_workshop=workshops[0]).exists()
    brainstorm = next(s for s in steps if s.kind == "brainstorm")
    # Language-keyed settings are picked in the series language.
    categories = brainstorm.settings.get("categories")
    if categories is not None:
        assert isinstance(categories, list)


def test_running_times_follow_the_start_time(workshop):
    Step.objects.create(
        workshop=workshop, position=1, kind="warmup", title="A", duration_minutes=15
    )
    Step.objects.create(
        workshop=workshop, position=2, kind="brainstorm", title="B", duration_minutes=45
    )
    agenda = selectors.workshop_agenda(workshop)
    assert [(r.starts, r.ends) for r in agenda.rows] == [
        (dt.time(9, 0), dt.time(9, 15)),
        (dt.time(9, 15), dt.time(10, 0)),
    ]
    assert agenda.total_minutes == 60
    assert agenda.overrun_minutes == 0


def test_the_overrun_warning_appears_when_steps_exceed_the_plan(logged_in, series, workshop):
    Step.objects.create(
        workshop=workshop, position=1, kind="brainstorm", title="A", duration_minutes=100
    )
    url = reverse("workshops:workshop-detail", args=[series.code, workshop.code])
    assert "pidempiä kuin suunniteltu kesto" not in logged_in.get(url).text
    response = logged_in.post(
        reverse("workshops:step-add", args=[series.code, workshop.code]),
        {"add-kind": "break", "add-title": "Pitkä tauko", "add-duration_minutes": "35"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Vaiheet ovat 15 minuuttia pidempiä kuin suunniteltu kesto." in response.text
    assert "15 minuuttia suunniteltua pidempi" in response["HX-Trigger"]


def test_moving_a_step_reorders_and_keeps_positions_dense(logged_in, series, workshop):
    a = Step.objects.create(
        workshop=workshop, position=1, kind="warmup", title="A", duration_minutes=5
    )
    b = Step.objects.create(
        workshop=workshop, position=2, kind="brainstorm", title="B", duration_minutes=5
    )
    c = Step.objects.create(
        workshop=workshop, position=3, kind="vote", title="C", duration_minutes=5
    )
    url = reverse("workshops:step-move", args=[series.code, workshop.code, c.public_id, "up"])
    response = logged_in.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    order = list(workshop.steps.order_by("position").values_list("title", "position"))
    assert order == [("A", 1), ("C", 2), ("B", 3)]
    assert f"step-{c.public_id}-up" in response["HX-Trigger-After-Settle"]
    # Moving the first step further up changes nothing and says so.
    url = reverse("workshops:step-move", args=[series.code, workshop.code, a.public_id, "up"])
    response = logged_in.post(url, HTTP_HX_REQUEST="true")
    assert list(workshop.steps.order_by("position").values_list("title", flat=True)) == [
        "A",
        "C",
        "B",
    ]
    assert f"step-{a.public_id}-down" in response["HX-Trigger-After-Settle"]
    assert b.pk


def test_deleting_a_step_closes_the_gap(logged_in, series, workshop):
    steps = [
        Step.objects.create(
            workshop=workshop, position=i, kind="break", title=t, duration_minutes=5
        )
        for i, t in enumerate("ABC", start=1)
    ]
    url = reverse("workshops:step-delete", args=[series.code, workshop.code, steps[0].public_id])
    logged_in.post(url)
    assert list(workshop.steps.values_list("title", "position")) == [("B", 1), ("C", 2)]


def test_editing_a_step_without_javascript_shows_the_form_on_the_page(
    logged_in, series, workshop, step
):
    url = reverse("workshops:step-edit", args=[series.code, workshop.code, step.public_id])
    response = logged_in.get(url)
    assert response.status_code == 200
    assert "Tallenna vaihe" in response.text
    response = logged_in.post(
        url,
        {
            f"s-{step.public_id}-kind": "discussion",
            f"s-{step.public_id}-title": "Keskustelu",
            f"s-{step.public_id}-duration_minutes": "25",
            f"s-{step.public_id}-instructions": "",
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.kind, step.title, step.duration_minutes) == ("discussion", "Keskustelu", 25)


def test_series_create_page_offers_the_methods_and_creates_a_series(logged_in, facilitator):
    response = logged_in.get(reverse("workshops:series-create") + "?method=paku")
    assert response.status_code == 200
    paku = Method.objects.get(slug="paku")
    response = logged_in.post(
        reverse("workshops:series-create"),
        {
            "method": paku.pk,
            "organisation": facilitator.memberships.get().organisation_id,
            "title": "PAKU-sarja",
            "language": "fi",
            "facilitators": [facilitator.pk],
        },
    )
    series = Series.objects.get(title="PAKU-sarja")
    assert response["Location"] == reverse("workshops:series-detail", args=[series.code])
    assert series.workshops.count() == paku.workshops.count()
    assert list(series.facilitators.all()) == [facilitator]


def test_task_can_be_marked_done_and_undone(logged_in, series, task):
    url = reverse("workshops:task-toggle", args=[series.code, task.public_id])
    logged_in.post(url, HTTP_HX_REQUEST="true")
    task.refresh_from_db()
    assert task.done_at is not None
    logged_in.post(url)
    task.refresh_from_db()
    assert task.done_at is None


def test_series_codes_are_unambiguous_and_case_insensitive_in_urls(logged_in, series):
    assert not set(series.code) & set("01OIL58BS")
    response = logged_in.get(f"/series/{series.code.lower()}/")
    assert response.status_code == 200
