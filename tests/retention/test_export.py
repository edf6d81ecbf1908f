"""The series' content as a download before the purge (issue 9, item 6): for the
organisation's coordinators and the series' facilitators; no tokens or e-mail addresses."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.retention.conftest import NOTE_TEXTS, T0, days_later, device
from tests.workshops.factories import UserFactory
from workshops import retention
from workshops.models import Note, Participant, PersonalLink


def url(content):
    return reverse("workshops:series-export", args=[content.series.code])


def download(user, content):
    client = Client()
    client.force_login(user)
    return client.get(url(content))


@pytest.mark.parametrize("who", ["coordinator", "facilitator"])
def test_staff_of_the_series_download_its_content(content, other, who, request):
    response = download(request.getfixturevalue(who), content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="nopsa-{content.series.code}-'
    )
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["format"] == "nopsa-series-export" and data["version"] == 1
    assert data["series"]["code"] == content.series.code
    assert sorted(n["text"] for n in data["notes"]) == sorted(NOTE_TEXTS)
    assert {p["nickname"]: p["kind"] for p in data["participants"]} == {
        "Anna": "professional",
        "Ben": "client",
    }
    anna = next(p for p in data["participants"] if p["nickname"] == "Anna")
    assert anna["workshops"] == [content.workshop.code]
    assert data["prework"][0]["answers"][0] == {
        "participant": anna["id"],
        "text": "Haluan puhua jonoista",
    }
    assert [c["text"] for c in data["comments"]] == ["Hyvä yhteenveto", "Kiitos, korjataan"]
    assert data["themes"][0]["notes"] == [str(content.anna_note.public_id)]
    assert data["themes"][0]["dots"] == 2
    assert data["prioritised_challenges"][0]["text"] == "Tiedonkulku katkeaa"
    assert any(a["text"] == "Liian lyhyt aika" for r in data["feedback"] for a in r["answers"])
    assert data["cases"]["cases"][0]["title"] == "Asiakas A"
    assert len(data["cases"]["cases"][0]["service_paths"]) == 1
    assert data["cases"]["suggestions"][0]["participant"] == anna["id"]
    # Only this series: the other series' participants are not in it.
    other_ids = {str(p.public_id) for p in Participant.objects.filter(series=other.series)}
    assert other_ids.isdisjoint({p["id"] for p in data["participants"]})


def test_the_export_holds_no_tokens_or_e_mail_addresses(content, coordinator):
    body = download(coordinator, content).content.decode()
    anna = Participant.objects.get(pk=content.anna.pk)
    link = PersonalLink.objects.get(participant=anna)
    for secret in [
        "anna@example.fi",
        content.anna_token,
        anna.token_hash,
        content.link_token,
        link.token_hash,
    ]:
        assert secret not in body


@pytest.mark.parametrize("who", ["colleague", "other_coordinator", "outsider"])
def test_other_staff_get_404(content, who, request):
    assert download(request.getfixturevalue(who), content).status_code == 404


def test_anonymous_gets_the_login_page(content, client):
    response = client.get(url(content))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_participant_gets_the_login_page(content):
    response = device(content.anna, content.anna_token).get(url(content))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_export_is_refused_to_post(content, coordinator):
    client = Client()
    client.force_login(coordinator)
    assert client.post(url(content)).status_code == 405


def test_after_the_purge_the_export_holds_no_participant_content(content, coordinator):
    series = retention.series_close(series=content.series, by=coordinator, now=T0)
    retention.series_purge(series=series, now=days_later(T0, 366))
    data = json.loads(download(coordinator, content).content)
    assert data["notes"] == [] and data["comments"] == []
    assert data["cases"] == {"cases": [], "suggestions": []}
    assert {p["nickname"] for p in data["participants"]} == {""}
    assert data["series"]["content_removed_at"] == days_later(T0, 366).isoformat()
    body = json.dumps(data, ensure_ascii=False)
    for text in [*NOTE_TEXTS, "Anna", "Liian lyhyt aika", "Hyvä yhteenveto"]:
        assert text not in body


def test_the_export_reads_a_bounded_number_of_queries(
    content, coordinator, django_assert_max_num_queries
):
    client = Client()
    client.force_login(coordinator)
    client.get(url(content))  # warm the session and the user
    for i in range(30):
        person = Participant.objects.create(
            series=content.series,
            token_hash=uuid.uuid4().hex * 2,
            nickname=f"P{i}",
            kind=Participant.Kind.PROFESSIONAL,
        )
        Note.objects.create(
            workshop=content.workshop,
            step=content.steps["brainstorm"],
            participant=person,
            client_id=uuid.uuid4(),
            text=f"Lappu {i}",
        )
    # One query per kind of content however many participants wrote, and the audit entry: a
    # series of 300 must export as quickly as one of 3.
    with django_assert_max_num_queries(27):
        response = client.get(url(content))
    assert response.status_code == 200
    assert len(json.loads(response.content)["notes"]) == 33


def test_staff_of_a_series_see_the_download_link_and_only_coordinators_the_close_button(
    content, coordinator, facilitator
):
    for user, may_close in [(coordinator, True), (facilitator, False)]:
        client = Client()
        client.force_login(user)
        page = client.get(reverse("workshops:series-detail", args=[content.series.code]))
        html = page.content.decode()
        assert url(content) in html
        assert ("Sulje sarja" in html) is may_close


def test_a_user_without_any_membership_gets_404(content):
    assert download(UserFactory(), content).status_code == 404
