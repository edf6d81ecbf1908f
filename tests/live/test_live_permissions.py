"""Nobody outside a live workshop can read or write it; participants cannot steer it."""

import uuid

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from workshops.live import identity, services
from workshops.models import LiveEvent, Note, Step, Workshop

from .conftest import go_to, join


def _snapshot():
    return (
        list(Note.objects.values_list("text", "hidden_at")),
        list(Workshop.objects.values_list("state", "current_step_id", "timer_ends_at")),
        list(Step.objects.values_list("revealed_at", "input_closed_at")),
        LiveEvent.objects.count(),
    )


@pytest.fixture
def note(client, live_workshop, anna):
    step = go_to(live_workshop, "brainstorm")
    services.step_reveal(step=step)
    client.post(
        reverse("live:note-post", args=[live_workshop.code]),
        {"text": "Annan muistiinpano", "client_id": str(uuid.uuid4())},
    )
    return Note.objects.get()


def participant_urls(workshop, note):
    w = workshop.code
    return [
        ("get", reverse("live:participant", args=[w]), None),
        ("get", reverse("live:poll", args=[w]) + "?since=0", None),
        (
            "post",
            reverse("live:note-post", args=[w]),
            {"text": "Hei", "client_id": str(uuid.uuid4())},
        ),
        ("get", reverse("live:note-edit", args=[w, note.public_id]), None),
        ("post", reverse("live:note-edit", args=[w, note.public_id]), {"text": "Muutettu"}),
        ("post", reverse("live:note-delete", args=[w, note.public_id]), {}),
    ]


def staff_urls(workshop, note):
    s, w = workshop.series.code, workshop.code
    step = workshop.steps.first()
    return [
        ("get", reverse("workshops:cockpit", args=[s, w]), None),
        ("get", reverse("workshops:room", args=[s, w]), None),
        ("get", reverse("workshops:live-poll", args=[s, w]) + "?since=0", None),
        ("post", reverse("workshops:go-live", args=[s, w]), {}),
        ("post", reverse("workshops:live-end", args=[s, w]), {}),
        ("post", reverse("workshops:live-step-go", args=[s, w, step.public_id]), {}),
        ("post", reverse("workshops:live-step-move", args=[s, w, "next"]), {}),
        ("post", reverse("workshops:live-timer", args=[s, w, "start"]), {}),
        ("post", reverse("workshops:live-timer", args=[s, w, "add"]), {"minutes": "5"}),
        ("post", reverse("workshops:live-timer", args=[s, w, "pause"]), {}),
        ("post", reverse("workshops:live-step-control", args=[s, w, "close"]), {}),
        ("post", reverse("workshops:live-step-control", args=[s, w, "unreveal"]), {}),
        ("post", reverse("workshops:live-note-hide", args=[s, w, note.public_id]), {}),
    ]


def _call(client, method, url, data):
    return getattr(client, method)(url, data or {})


def test_a_participant_of_another_workshop_can_neither_read_nor_write(
    live_workshop, note, organisation, workshop_factory, series_factory, facilitator
):
    other_series = series_factory(organisation=organisation, facilitators=[facilitator])
    other = services.workshop_go_live(workshop=workshop_factory(series=other_series))
    stranger = Client()
    join(stranger, other, "Vieras")
    before = _snapshot()
    for method, url, data in participant_urls(live_workshop, note):
        response = _call(stranger, method, url, data)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert "Annan muistiinpano" not in response.content.decode()
    assert _snapshot() == before


def test_a_stale_or_forged_cookie_gets_nothing(live_workshop, note):
    stale = Client()
    stale.cookies[identity.cookie_name()] = signing.dumps(
        {str(live_workshop.series_id): f"{note.participant_id}:wrong-token"},
        salt=identity.COOKIE_SALT,
    )
    forged = Client()
    forged.cookies[identity.cookie_name()] = "eyJ4IjoiMTox"  # not signed by us
    before = _snapshot()
    for client in (stale, forged):
        for method, url, data in participant_urls(live_workshop, note):
            if "poll" in url and client is stale:
                continue  # an unchanged poll may answer 204 from the signature alone
            response = _call(client, method, url, data)
            assert response.status_code in (403, 404), (url, response.status_code)
            assert "Annan muistiinpano" not in response.content.decode()
    assert _snapshot() == before


def test_a_stale_cookie_poll_reveals_no_content(live_workshop, note):
    stale = Client()
    stale.cookies[identity.cookie_name()] = signing.dumps(
        {str(live_workshop.series_id): f"{note.participant_id}:wrong-token"},
        salt=identity.COOKIE_SALT,
    )
    response = stale.get(reverse("live:poll", args=[live_workshop.code]), {"since": 0})
    assert response.status_code in (204, 403, 404)
    assert "Annan muistiinpano" not in response.content.decode()


def test_a_non_participant_is_shown_the_join_form_without_the_code(live_workshop, note):
    response = Client().get(reverse("live:participant", args=[live_workshop.code]))
    assert response.status_code == 404
    assert "Liity koodilla" in response.text
    assert live_workshop.join_code not in response.text
    assert Client().get(reverse("live:poll", args=[live_workshop.code])).status_code == 404


def test_a_participant_cannot_edit_someone_elses_note(live_workshop, note):
    ville = Client()
    join(ville, live_workshop, "Ville")
    url = reverse("live:note-edit", args=[live_workshop.code, note.public_id])
    assert ville.post(url, {"text": "Kaappaus"}).status_code == 404
    assert Note.objects.get().text == "Annan muistiinpano"


@pytest.mark.parametrize("actor", [None, "outsider", "other_coordinator", "colleague"])
def test_staff_outside_the_series_and_anonymous_get_nothing_from_the_cockpit(
    client, live_workshop, note, actor, request
):
    if actor:
        client.force_login(request.getfixturevalue(actor))
    before = _snapshot()
    for method, url, data in staff_urls(live_workshop, note):
        response = _call(client, method, url, data)
        if actor is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404, (url, response.status_code)
    assert _snapshot() == before


def test_a_participant_cannot_use_cockpit_actions(client, live_workshop, note):
    # `client` carries Anna's participant cookie.
    before = _snapshot()
    for method, url, data in staff_urls(live_workshop, note):
        response = _call(client, method, url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _snapshot() == before


@pytest.mark.parametrize("actor", ["facilitator", "coordinator"])
def test_facilitator_and_coordinator_may_run_the_workshop(live_workshop, note, actor, request):
    staff = Client()
    staff.force_login(request.getfixturevalue(actor))
    for method, url, data in staff_urls(live_workshop, note):
        if url.endswith("/live/end/"):
            continue
        response = _call(staff, method, url, data)
        assert response.status_code in (200, 204, 302), (url, response.status_code)
    assert Note.objects.get().hidden_at is not None
    response = staff.post(
        reverse("workshops:live-end", args=[live_workshop.series.code, live_workshop.code])
    )
    assert response.status_code == 302
    assert Workshop.objects.get(pk=live_workshop.pk).state == Workshop.State.HELD


@pytest.mark.parametrize("url_name", ["live:note-post", "live:note-delete"])
def test_participant_write_endpoints_refuse_get(client, live_workshop, note, url_name):
    args = [live_workshop.code] + ([note.public_id] if url_name == "live:note-delete" else [])
    assert client.get(reverse(url_name, args=args)).status_code == 405


def test_the_poll_does_not_tell_an_outsider_which_workshop_codes_exist(live_workshop):
    """An existing workshop and a made-up code answer the same to a device that has not joined:
    outsiders get 404 everywhere, so that they cannot learn what exists."""
    existing = Client().get(reverse("live:poll", args=[live_workshop.code]), {"since": 0})
    made_up = Client().get(reverse("live:poll", args=["ZZZZZZZZ"]), {"since": 0})
    assert existing.status_code == made_up.status_code == 404
    assert existing.content == made_up.content == b""
