"""Personal links, the participant's series page, e-mail and calendars (issue 6, items 3 and 7).

Who may: the series' facilitators and the organisation's coordinators manage links; the
participant on a device that joined or came in by a working link sees their series page.
Who may not: anonymous, staff of other series or organisations, another series' participants,
a revoked link and every device that came in by it.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tests.live.conftest import go_to, join
from tests.workshops.factories import SeriesFactory, WorkshopFactory
from workshops.live import services as live_services
from workshops.models import LiveEvent, Participant, PersonalLink
from workshops.people import calendar
from workshops.people import services as people_services

LINK = re.compile(r'value="(http://testserver/p/[^"/]+/)"')


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


def issue(staff, participant, **data):
    url = reverse(
        "workshops:participant-link", args=[participant.series.code, participant.public_id]
    )
    response = staff.post(url, data)
    assert response.status_code == 200
    return LINK.search(response.content.decode()).group(1)


@pytest.fixture
def staff(facilitator):
    return staff_client(facilitator)


def test_a_personal_link_brings_the_participant_back_without_the_token_in_the_address(
    client, live_workshop, anna, staff
):
    url = issue(staff, anna)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert PersonalLink.objects.get(participant=anna).token_hash != token  # only the hash
    fresh = Client()  # another device
    response = fresh.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:my-series", args=[anna.series.code])
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = fresh.get(response["Location"])
    assert page.status_code == 200
    assert "Anna" in page.content.decode()
    assert PersonalLink.objects.get(participant=anna).last_used_at is not None


def test_the_device_that_came_by_link_is_recognised_in_a_live_workshop(
    client, live_workshop, anna, staff
):
    url = issue(staff, anna)
    fresh = Client()
    fresh.get(url)
    page = fresh.get(reverse("live:join-workshop", args=[live_workshop.join_code]))
    assert page.context["existing"] == anna


def test_a_new_link_revokes_the_old_one_and_its_devices(client, live_workshop, anna, staff):
    first = issue(staff, anna)
    device = Client()
    device.get(first)
    my_page = reverse("people:my-series", args=[anna.series.code])
    assert device.get(my_page).status_code == 200
    second = issue(staff, anna)
    assert first != second
    assert Client().get(first).status_code == 404
    assert device.get(my_page).status_code == 404, "a device of the revoked link lost access"
    assert PersonalLink.objects.filter(participant=anna, revoked_at__isnull=True).count() == 1


def test_revoking_stops_the_link_and_the_live_poll_of_its_devices(
    client, live_workshop, anna, staff
):
    url = issue(staff, anna)
    device = Client()
    device.get(url)
    step = go_to(live_workshop, "brainstorm")
    live_services.step_reveal(step=step)
    poll = reverse("live:poll", args=[live_workshop.code])
    assert device.get(poll, {"since": 0, "sv": 0}).status_code == 200
    response = staff.post(
        reverse("workshops:participant-revoke", args=[anna.series.code, anna.public_id])
    )
    assert response.status_code == 302
    assert Client().get(url).status_code == 404
    assert device.get(poll, {"since": 0, "sv": 0}).status_code == 404
    # The phone that joined with the code keeps working: revoking a link is not expelling.
    assert client.get(poll, {"since": 0, "sv": 0}).status_code == 200


def test_an_unknown_or_malformed_link_gets_a_clear_page(client, db):
    for token in ["x" * 43, "lyhyt", "a" * 300]:
        response = client.get(reverse("people:return", args=[token]))
        assert response.status_code == 404
        assert "Linkki ei toimi" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_coordinator", "colleague"])
def test_outsiders_cannot_list_issue_or_revoke(live_workshop, anna, who, request):
    client = Client() if who == "anonymous" else staff_client(request.getfixturevalue(who))
    code = anna.series.code
    before = PersonalLink.objects.count()
    assert client.get(reverse("workshops:participant-list", args=[code])).status_code in (302, 404)
    for name in ["workshops:participant-link", "workshops:participant-revoke"]:
        response = client.post(reverse(name, args=[code, anna.public_id]))
        assert response.status_code in (302, 404)
    response = client.post(
        reverse("workshops:participant-invite", args=[code]),
        {"nickname": "Tunkeilija", "kind": "professional"},
    )
    assert response.status_code in (302, 404)
    assert PersonalLink.objects.count() == before
    assert not Participant.objects.filter(nickname="Tunkeilija").exists()


@pytest.mark.parametrize("who", ["facilitator", "coordinator"])
def test_the_series_staff_may_manage_links(live_workshop, anna, who, request):
    client = staff_client(request.getfixturevalue(who))
    page = client.get(reverse("workshops:participant-list", args=[anna.series.code]))
    assert page.status_code == 200
    assert "Anna" in page.content.decode()
    issue(client, anna)


def test_a_participant_of_another_series_gets_nothing(client, live_workshop, anna, facilitator):
    other_series = SeriesFactory(organisation=live_workshop.series.organisation)
    other = live_services.workshop_go_live(workshop=WorkshopFactory(series=other_series))
    stranger = Client()
    join(stranger, other, "Vieras")
    assert stranger.get(reverse("people:my-series", args=[anna.series.code])).status_code == 404
    assert Client().get(reverse("people:my-series", args=[anna.series.code])).status_code == 404
    # A participant id of another series in a staff URL is refused too.
    staff = staff_client(facilitator)
    vieras = Participant.objects.get(nickname="Vieras")
    url = reverse("workshops:participant-link", args=[anna.series.code, vieras.public_id])
    assert staff.post(url).status_code == 404
    assert not PersonalLink.objects.filter(participant=vieras).exists()


def test_write_endpoints_refuse_get(client, live_workshop, anna, staff):
    code = anna.series.code
    for url in [
        reverse("workshops:participant-link", args=[code, anna.public_id]),
        reverse("workshops:participant-revoke", args=[code, anna.public_id]),
        reverse("workshops:participant-invite", args=[code]),
    ]:
        assert staff.get(url).status_code == 405
    assert client.get(reverse("people:my-email", args=[code])).status_code == 405


def test_invite_sends_the_link_by_email_in_the_series_language(live_workshop, staff):
    series = live_workshop.series
    series.language = "sv"
    series.save()
    response = staff.post(
        reverse("workshops:participant-invite", args=[series.code]),
        {"nickname": "Maija", "kind": "client", "email": "maija@example.fi"},
    )
    assert response.status_code == 200
    url = LINK.search(response.content.decode()).group(1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maija@example.fi"]
    assert url in message.body
    assert "personliga länk" in message.subject
    maija = Participant.objects.get(nickname="Maija")
    assert maija.kind == "client"
    assert Client().get(url).status_code == 302


def test_no_email_is_sent_without_an_address(live_workshop, anna, staff):
    issue(staff, anna, send="1")
    staff.post(
        reverse("workshops:participant-invite", args=[anna.series.code]),
        {"nickname": "Ville", "kind": "professional"},
    )
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"nickname": "", "kind": "client"}, "Tämä kenttä vaaditaan"),
        ({"nickname": "Maija", "kind": ""}, "ammattilaisena vai asiakasedustajana"),
        ({"nickname": "Maija", "kind": "client", "email": "maija@"}, "name@example.fi"),
        ({"nickname": "Maija", "kind": "client", "email": "x" * 300 + "@example.fi"}, "enintään"),
    ],
)
def test_a_bad_invitation_is_refused_and_the_input_kept(live_workshop, staff, data, message):
    response = staff.post(
        reverse("workshops:participant-invite", args=[live_workshop.series.code]), data
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    if data["nickname"]:
        assert f'value="{data["nickname"]}"' in body  # what was written is kept
    if data.get("email"):
        assert f'value="{data["email"]}"' in body
    assert not Participant.objects.filter(nickname="Maija").exists()
    assert mail.outbox == []


def test_a_participant_saves_and_deletes_their_email(client, live_workshop, anna):
    url = reverse("people:my-email", args=[anna.series.code])
    response = client.post(url, {"email": "anna@"})
    assert response.status_code == 422
    assert "name@example.fi" in response.content.decode()
    assert 'value="anna@"' in response.content.decode()
    anna.refresh_from_db()
    assert anna.email == ""
    assert client.post(url, {"email": "anna@example.fi"}).status_code == 302
    anna.refresh_from_db()
    assert anna.email == "anna@example.fi"
    assert client.post(url, {"delete": "1"}).status_code == 302
    anna.refresh_from_db()
    assert anna.email == ""


def test_calendar_files_hold_the_workshops_and_no_personal_data(client, live_workshop, anna):
    series = live_workshop.series
    planned = WorkshopFactory(series=series, position=2, place="Kirjasto, sali 2")
    key = calendar.feed_key(series)
    feed = client.get(reverse("people:calendar-feed", args=[key]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    parsed = Calendar.from_ical(feed.content)
    events = parsed.walk("VEVENT")
    assert {str(e["uid"]).split("@")[0] for e in events} <= {live_workshop.code, planned.code}
    assert any(str(e.get("location")) == "Kirjasto, sali 2" for e in events)
    assert "Anna" not in feed.content.decode()
    one = client.get(reverse("people:calendar-workshop", args=[key, planned.code]))
    assert one.status_code == 200
    assert len(Calendar.from_ical(one.content).walk("VEVENT")) == (1 if planned.date else 0)
    # Another series' feed key cannot be made from a code, and a forged key is refused.
    assert client.get(reverse("people:calendar-feed", args=[series.code + ":x"])).status_code == 404
    other = WorkshopFactory(series=SeriesFactory(organisation=series.organisation), position=1)
    url = reverse("people:calendar-workshop", args=[key, other.code])
    assert client.get(url).status_code == 404


def test_pages_have_bounded_queries(
    client, live_workshop, anna, staff, django_assert_max_num_queries
):
    for i in range(10):
        live_services.participant_join(
            workshop=live_workshop, nickname=f"Osallistuja {i}", kind="professional"
        )
    with django_assert_max_num_queries(12):
        assert (
            staff.get(reverse("workshops:participant-list", args=[anna.series.code])).status_code
            == 200
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("people:my-series", args=[anna.series.code])).status_code == 200
    key = calendar.feed_key(anna.series)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("people:calendar-feed", args=[key])).status_code == 200
    with django_assert_max_num_queries(3):
        url = reverse("people:calendar-workshop", args=[key, live_workshop.code])
        assert client.get(url).status_code == 200
    token = people_services.issue_link(anna, by=None)
    with django_assert_max_num_queries(3, info="a link is one lookup and one 'last used'"):
        assert Client().get(reverse("people:return", args=[token])).status_code == 302
    assert LiveEvent.objects.exists()


def test_the_series_page_links_the_feedback_form_of_a_held_workshop(client, live_workshop, anna):
    from tests.workshops.factories import StepFactory

    StepFactory(workshop=live_workshop, position=9, kind="feedback", title="Palaute")
    page = client.get(reverse("people:my-series", args=[anna.series.code])).content.decode()
    assert reverse("feedback:afterwards", args=[live_workshop.code]) in page
    assert "Anna palautetta" in page


def test_a_link_of_one_series_opens_nothing_of_another(client, live_workshop, anna, staff):
    other = SeriesFactory(organisation=live_workshop.series.organisation)
    other_workshop = live_services.workshop_go_live(workshop=WorkshopFactory(series=other))
    device = Client()
    device.get(issue(staff, anna))
    assert device.get(reverse("people:my-series", args=[anna.series.code])).status_code == 200
    assert device.get(reverse("people:my-series", args=[other.code])).status_code == 404
    poll = reverse("live:poll", args=[other_workshop.code])
    assert device.get(poll, {"since": 0, "sv": 0}).status_code == 404


def test_the_feedback_link_is_offered_only_for_workshops_attended(client, live_workshop, anna):
    from tests.workshops.factories import StepFactory

    other = WorkshopFactory(series=live_workshop.series, position=2)
    StepFactory(workshop=other, position=1, kind="feedback", title="Palaute")
    live_services.workshop_go_live(workshop=other)
    page = client.get(reverse("people:my-series", args=[anna.series.code])).content.decode()
    assert reverse("feedback:afterwards", args=[other.code]) not in page
