"""Polls and live pages run a fixed number of queries, whatever the number of notes or people."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from workshops.live import services
from workshops.models import LiveEvent, Note, Participant

from .conftest import go_to, join


def _crowd(workshop, step, people, notes_each):
    for i in range(people):
        participant, _token = services.participant_join(
            workshop=workshop, nickname=f"Osallistuja {i}", kind=Participant.Kind.PROFESSIONAL
        )
        for j in range(notes_each):
            services.note_post(
                workshop=workshop,
                participant=participant,
                text=f"Muistiinpano {i}-{j}",
                client_id=uuid.uuid4(),
            )


@pytest.mark.parametrize("people", [2, 30])
def test_participant_page_and_polls_are_bounded(
    client, live_workshop, anna, people, django_assert_max_num_queries
):
    step = go_to(live_workshop, "brainstorm")
    services.step_reveal(step=step)
    _crowd(live_workshop, step, people, 2)
    url = reverse("live:participant", args=[live_workshop.code])
    with django_assert_max_num_queries(8, info="the phone view must not query per note"):
        page = client.get(url)
    marker = page.context["marker"]
    sv = LiveEvent.objects.latest("id").id
    poll = reverse("live:poll", args=[live_workshop.code])
    latest = LiveEvent.objects.latest("id").id
    client.get(poll, {"since": latest, "sv": sv})  # the workshop code is now cached
    with django_assert_max_num_queries(1, info="an unchanged poll is one indexed query"):
        assert client.get(poll, {"since": latest, "sv": sv}).status_code == 204
    with django_assert_max_num_queries(1, info="a poll that brings notes is still one query"):
        assert client.get(poll, {"since": marker - people, "sv": sv}).status_code == 200


@pytest.mark.parametrize("people", [2, 30])
def test_cockpit_room_and_staff_polls_are_bounded(
    live_workshop, facilitator, people, django_assert_max_num_queries
):
    step = go_to(live_workshop, "brainstorm")
    _crowd(live_workshop, step, people, 2)
    staff = Client()
    staff.force_login(facilitator)
    s, w = live_workshop.series.code, live_workshop.code
    # +5 over the live state: the "since last time" panel (previous workshop, comments, pre-work
    # questions and answers, overdue actions), whatever their number.
    with django_assert_max_num_queries(19, info="the cockpit must not query per note or person"):
        assert staff.get(reverse("workshops:cockpit", args=[s, w])).status_code == 200
    with django_assert_max_num_queries(12):
        assert staff.get(reverse("workshops:room", args=[s, w])).status_code == 200
    poll = reverse("workshops:live-poll", args=[s, w])
    with django_assert_max_num_queries(14):
        assert staff.get(poll, {"since": 0, "sv": 0}).status_code == 200
    latest = LiveEvent.objects.latest("id").id
    with django_assert_max_num_queries(8):
        assert staff.get(poll, {"since": latest, "sv": latest}).status_code == 204
    assert Note.objects.count() == people * 2


def test_join_pages_are_bounded(live_workshop, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(2):
        client.get(reverse("live:join"))
    with django_assert_max_num_queries(3):
        client.get(reverse("live:join-workshop", args=[live_workshop.join_code]))
    # 17: the cookie's expiry reads the last workshop date of its series (one query).
    with django_assert_max_num_queries(17, info="joining is a fixed set of writes"):
        join(client, live_workshop, "Anna")
