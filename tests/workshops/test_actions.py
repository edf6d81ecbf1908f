"""Actions of a series (issue 6, item 6): what, who, by when, status; overdue ones stand out."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from workshops import services
from workshops.models import SeriesTask


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


def _today():
    return timezone.localdate()


def test_an_action_with_owner_role_and_due_date(series, workshop, facilitator):
    client = staff_client(facilitator)
    due = _today() + dt.timedelta(days=14)
    response = client.post(
        reverse("workshops:task-add", args=[series.code]),
        {
            "text": "Kokeillaan yhteistä kotiutuspalaveria",
            "owner": facilitator.pk,
            "owner_role": "kotihoidon esihenkilö",
            "due_date": due.strftime("%d.%m.%Y"),
            "after_workshop": workshop.pk,
        },
    )
    assert response.status_code == 302
    task = SeriesTask.objects.get(text="Kokeillaan yhteistä kotiutuspalaveria")
    assert (task.owner, task.owner_role, task.due_date) == (
        facilitator,
        "kotihoidon esihenkilö",
        due,
    )
    assert task.status == SeriesTask.Status.OPEN
    page = client.get(reverse("workshops:series-detail", args=[series.code])).content.decode()
    assert "kotihoidon esihenkilö" in page
    assert due.strftime("%-d.%-m.%Y") in page


def test_a_past_due_date_is_refused_and_the_text_kept(series, facilitator):
    client = staff_client(facilitator)
    past = _today() - dt.timedelta(days=1)
    response = client.post(
        reverse("workshops:task-add", args=[series.code]),
        {"text": "Myöhässä alkava", "due_date": past.isoformat()},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Eräpäivä on jo mennyt" in body
    assert "Myöhässä alkava" in body
    assert not SeriesTask.objects.filter(text="Myöhässä alkava").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "x" * 1001}, "enintään"),
        ({"text": "Hyvä", "due_date": "31.2.2027"}, "15.3.2027"),
        ({"text": "Hyvä", "owner": "999999"}, "Valitse"),
        ({"text": "Hyvä", "owner_role": "r" * 101}, "enintään"),
    ],
)
def test_bad_action_input_gets_a_clear_message(series, facilitator, data, message):
    client = staff_client(facilitator)
    response = client.post(reverse("workshops:task-add", args=[series.code]), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not series.tasks.filter(text__startswith=data["text"][:4]).exists()


def test_overdue_actions_are_highlighted_in_words_not_colour_alone(series, facilitator):
    overdue = services.task_add(series=series, text="Selvitä kotiutuskäytäntö")
    SeriesTask.objects.filter(pk=overdue.pk).update(due_date=_today() - dt.timedelta(days=3))
    done = services.task_add(series=series, text="Valmis jo")
    SeriesTask.objects.filter(pk=done.pk).update(due_date=_today() - dt.timedelta(days=3))
    services.task_set_done(task=SeriesTask.objects.get(pk=done.pk), done=True)
    page = staff_client(facilitator).get(reverse("workshops:series-detail", args=[series.code]))
    body = page.content.decode()
    assert "1 toimenpide on myöhässä" in body
    assert "Selvitä kotiutuskäytäntö" in body
    assert "myöhässä, eräpäivä oli" in body
    assert list(series.tasks.overdue()) == [SeriesTask.objects.get(pk=overdue.pk)]


def test_editing_sets_the_status_and_keeps_an_unchanged_past_date(series, facilitator):
    task = services.task_add(series=series, text="Pilotoidaan")
    SeriesTask.objects.filter(pk=task.pk).update(due_date=_today() - dt.timedelta(days=2))
    task.refresh_from_db()
    client = staff_client(facilitator)
    url = reverse("workshops:task-edit", args=[series.code, task.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"text": "Pilotoidaan", "status": "in_progress", "due_date": task.due_date.isoformat()},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "in_progress" and task.done_at is None
    client.post(
        url, {"text": "Pilotoidaan", "status": "done", "due_date": task.due_date.isoformat()}
    )
    task.refresh_from_db()
    assert task.status == "done" and task.done_at is not None
    # Moving the date to another past day is refused, with the edit kept.
    response = client.post(
        url,
        {
            "text": "Pilotoidaan uudelleen",
            "status": "done",
            "due_date": (_today() - dt.timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert "Pilotoidaan uudelleen" in response.content.decode()
    task.refresh_from_db()
    assert task.text == "Pilotoidaan"


def test_toggling_done_keeps_status_in_step(series, facilitator, task):
    client = staff_client(facilitator)
    url = reverse("workshops:task-toggle", args=[series.code, task.public_id])
    client.post(url)
    task.refresh_from_db()
    assert task.status == "done"
    client.post(url)
    task.refresh_from_db()
    assert task.status == "open" and task.done_at is None


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_coordinator", "colleague"])
def test_outsiders_cannot_see_or_edit_actions(task, who, request):
    client = Client() if who == "anonymous" else staff_client(request.getfixturevalue(who))
    url = reverse("workshops:task-edit", args=[task.series.code, task.public_id])
    assert client.get(url).status_code in (302, 404)
    response = client.post(url, {"text": "Muutettu", "status": "done"})
    assert response.status_code in (302, 404)
    task.refresh_from_db()
    assert task.text != "Muutettu" and task.status == "open"


def test_coordinator_may_edit_actions(task, coordinator):
    url = reverse("workshops:task-edit", args=[task.series.code, task.public_id])
    response = staff_client(coordinator).post(
        url, {"text": "Koordinaattorin muokkaus", "status": "open"}
    )
    assert response.status_code == 302


def test_edit_page_queries_are_bounded(task, facilitator, django_assert_max_num_queries):
    client = staff_client(facilitator)
    url = reverse("workshops:task-edit", args=[task.series.code, task.public_id])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
