"""Themes, dot voting and prioritising through HTTP: who may do what, bad input, query counts,
and the prioritised challenges carried into the next workshop."""

import json
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.workshops.factories import WorkshopFactory
from workshops.live import converge, services
from workshops.models import (
    Dot,
    LiveEvent,
    Participant,
    PrioritisedChallenge,
    Step,
    Theme,
    ThemeNote,
    ThemeSuggestion,
)

from .conftest import join
from .converge_fixtures import go, person, step_of

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _snapshot():
    return (
        list(Theme.objects.values_list("name", flat=True).order_by("id")),
        list(ThemeNote.objects.values_list("theme_id", "note_id").order_by("id")),
        list(ThemeSuggestion.objects.values_list("state", flat=True)),
        list(Dot.objects.values_list("participant_id", "theme_id", "slot").order_by("id")),
        list(PrioritisedChallenge.objects.values_list("text", flat=True)),
        list(Step.objects.values_list("settings", "input_closed_at").order_by("id")),
        LiveEvent.objects.count(),
    )


def _staff(user):
    client = Client()
    client.force_login(user)
    return client


def _staff_posts(converging):
    workshop = converging["workshop"]
    s, w = workshop.series.code, workshop.code
    themes, vote, prio = (step_of(workshop, k).public_id for k in ("themes", "vote", "prioritise"))
    theme = converging["themes"][0].public_id
    kept = converging["themes"][1].public_id
    note = converging["notes"][1].public_id
    suggestion, dismissed = (
        converge.theme_suggest(
            workshop=workshop,
            participant=converging["anna"],
            note_id=note,
            new_name="Ehdotus",
            client_id=uuid.uuid4(),
        )[0]
        for _ in range(2)
    )
    return [
        (reverse("workshops:live-group", args=[s, w, themes]), {"notes": [note], "new_name": "U"}),
        (reverse("workshops:live-theme-rename", args=[s, w, themes, theme]), {"name": "Uusi"}),
        (reverse("workshops:live-theme-delete", args=[s, w, themes, theme]), {}),
        (reverse("workshops:live-ungroup", args=[s, w, themes, note]), {}),
        (reverse("workshops:live-theme-accept", args=[s, w, suggestion.public_id]), {}),
        (reverse("workshops:live-theme-dismiss", args=[s, w, dismissed.public_id]), {}),
        (
            reverse("workshops:live-vote-settings", args=[s, w, vote]),
            {"budget": "5", "max_per_item": "2", "target": "themes"},
        ),
        (reverse("workshops:live-step-control", args=[s, w, "close"]), {}),
        (
            reverse("workshops:live-prioritise", args=[s, w, prio]),
            {"items": [str(kept)], f"text-{kept}": "Haaste"},
        ),
    ]


def test_participants_and_outsiders_cannot_group_close_votes_or_prioritise(
    converging, client, colleague, outsider, other_coordinator
):
    posts = _staff_posts(converging)
    join(client, converging["workshop"], "Pia")  # a participant of this very workshop
    before = _snapshot()
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302 and "/login/" in response["Location"], url
        for user in (colleague, outsider, other_coordinator):
            assert _staff(user).post(url, data, **HTMX).status_code == 404, (user, url)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["facilitator", "coordinator"])
def test_those_who_run_the_workshop_may_converge(converging, who, request):
    user = request.getfixturevalue(who)
    staff = _staff(user)
    for url, data in _staff_posts(converging):
        response = staff.post(url, data, **HTMX)
        assert response.status_code == 204, (url, response.content.decode())
    assert Theme.objects.filter(name="U").exists()
    assert ThemeSuggestion.objects.filter(state="dismissed").count() == 1
    assert step_of(converging["workshop"], "vote").settings["budget"] == 5
    assert PrioritisedChallenge.objects.filter(text="Haaste").exists()


def test_another_workshops_participant_cannot_vote_or_suggest(converging, series):
    workshop = converging["workshop"]
    go(workshop, "vote")
    other = WorkshopFactory(series=series, position=2)
    Step.objects.create(
        workshop=other, position=1, kind="discussion", title="Muu", duration_minutes=10
    )
    other = services.workshop_go_live(workshop=other)
    stranger = Client()
    join(stranger, other, "Vieras")
    theme = converging["themes"][0].public_id
    note = converging["notes"][0].public_id
    before = _snapshot()
    for url, data in [
        (reverse("live:dot", args=[workshop.code]), {"item": theme, "action": "add"}),
        (reverse("live:theme-suggest", args=[workshop.code]), {"note": note, "new_name": "X"}),
    ]:
        assert stranger.post(url, data, **HTMX).status_code == 404
        assert Client().post(url, data, **HTMX).status_code == 404
    assert _snapshot() == before


def test_a_dot_by_keyboard_form_announces_the_dots_left(converging, client):
    workshop = converging["workshop"]
    go(workshop, "vote")
    join(client, workshop, "Pia")
    theme = converging["themes"][1]
    url = reverse("live:dot", args=[workshop.code])
    response = client.post(url, {"item": theme.public_id, "action": "add"}, **HTMX)
    assert response.status_code == 200
    announced = json.loads(response["HX-Trigger-After-Settle"])["nopsa:announce"]["message"]
    assert announced == "Tiedonkulku: pisteesi 1. Sinulla on 2 pistettä jäljellä."
    html = response.content.decode()
    assert 'id="ballot"' in html and f'id="dot-remove-{theme.public_id}"' in html
    # Without JavaScript the form posts and comes back to the page.
    response = client.post(url, {"item": theme.public_id, "action": "add"})
    assert response.status_code == 302
    assert Dot.objects.filter(theme=theme).count() == 2


def test_voting_after_close_says_so_and_keeps_the_dots(converging, client):
    workshop = converging["workshop"]
    vote = go(workshop, "vote")
    pia = join(client, workshop, "Pia")
    theme = converging["themes"][0]
    url = reverse("live:dot", args=[workshop.code])
    client.post(url, {"item": theme.public_id, "action": "add"}, **HTMX)
    services.step_set_input_open(step=vote, open_=False)
    response = client.post(url, {"item": theme.public_id, "action": "remove"}, **HTMX)
    assert 'role="alert"' in response.content.decode()
    assert Dot.objects.filter(participant=pia).count() == 1
    response = client.post(url, {"item": theme.public_id, "action": "add"})
    assert response.status_code == 422
    assert Dot.objects.filter(participant=pia).count() == 1


def test_a_dot_after_the_facilitator_moved_on_says_so_and_writes_nothing(converging, client):
    workshop = converging["workshop"]  # at the themes step
    join(client, workshop, "Pia")
    before = _snapshot()
    url = reverse("live:dot", args=[workshop.code])
    response = client.post(
        url, {"item": converging["themes"][0].public_id, "action": "add"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="ballot"' in html and "Äänestystä ei ole nyt käynnissä" in html
    assert client.post(url, {"item": "ei-uuid", "action": "add"}).status_code == 302
    assert _snapshot() == before


def test_bad_input_from_the_cockpit_gets_a_clear_message_and_nothing_changes(
    converging, facilitator
):
    workshop = converging["workshop"]
    s, w = workshop.series.code, workshop.code
    staff = _staff(facilitator)
    themes = step_of(workshop, "themes").public_id
    vote = step_of(workshop, "vote").public_id
    note = converging["notes"][0].public_id
    services.note_set_hidden(note=converging["notes"][3], hidden=True)
    hidden = converging["notes"][3].public_id
    before = _snapshot()
    cases = [
        (reverse("workshops:live-group", args=[s, w, themes]), {"notes": [note], "new_name": ""}),
        (
            reverse("workshops:live-group", args=[s, w, themes]),
            {"notes": [hidden], "new_name": "Piilo"},
        ),
        (reverse("workshops:live-group", args=[s, w, themes]), {"notes": ["x"], "new_name": "A"}),
        (reverse("workshops:live-group", args=[s, w, themes]), {"new_name": "Tyhjä"}),
        (
            reverse("workshops:live-vote-settings", args=[s, w, vote]),
            {"budget": "-3", "max_per_item": "1", "target": "themes"},
        ),
        (
            reverse("workshops:live-vote-settings", args=[s, w, vote]),
            {"budget": "99999999999", "max_per_item": "1", "target": "themes"},
        ),
        (
            reverse("workshops:live-vote-settings", args=[s, w, vote]),
            {"budget": "3", "max_per_item": "1", "target": "kaikki"},
        ),
    ]
    for url, data in cases:
        response = staff.post(url, data, **HTMX)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'role="alert"' in html and 'id="converge-problem"' in html, data
        response = staff.post(url, data)
        assert response.status_code == 302  # back to the cockpit, with the message
    assert _snapshot() == before


def test_a_theme_suggestion_with_an_empty_name_keeps_the_choice(converging, client):
    workshop = converging["workshop"]
    join(client, workshop, "Pia")
    note = converging["notes"][0].public_id
    client_id = str(uuid.uuid4())
    response = client.post(
        reverse("live:theme-suggest", args=[workshop.code]),
        {"note": note, "new_name": "  ", "client_id": client_id},
        **HTMX,
    )
    html = response.content.decode()
    assert 'id="suggest-error"' in html
    assert f'value="{note}" selected' in html and client_id in html
    assert not ThemeSuggestion.objects.exists()
    response = client.post(
        reverse("live:theme-suggest", args=[workshop.code]),
        {"note": note, "new_name": "Jonot", "client_id": client_id},
        **HTMX,
    )
    assert ThemeSuggestion.objects.get().new_name == "Jonot"


def test_a_hidden_dot_leaves_other_phones_unchanged(converging, client):
    """Another voter's hidden dot is a staff-only event: the phone's poll is a 204 and its
    marker stays where it was."""
    workshop = converging["workshop"]
    go(workshop, "vote")
    join(client, workshop, "Pia")
    marker = LiveEvent.objects.latest("id").id
    converge.dot_change(
        workshop=workshop,
        step=workshop.current_step,
        participant=converging["anna"],
        action="add",
        item_id=converging["themes"][0].public_id,
    )
    assert LiveEvent.objects.latest("id").id > marker
    poll = reverse("live:poll", args=[workshop.code])
    assert client.get(poll, {"since": marker, "sv": marker}).status_code == 204


def test_a_phone_behind_many_hidden_dots_gets_the_next_change_in_one_poll(converging, client):
    """The dots of a big hidden vote lie between the phone's marker and the next change it
    can see. Its poll goes past them in one step: not a batch of staff events at a time,
    each answered with a whole redraw."""
    from workshops.live.poll import EVENTS_PER_POLL

    workshop = converging["workshop"]
    go(workshop, "vote")
    join(client, workshop, "Pia")
    marker = LiveEvent.objects.latest("id").id
    LiveEvent.objects.bulk_create(
        LiveEvent(
            workshop=workshop,
            kind=LiveEvent.Kind.VOTE,
            audience=LiveEvent.Audience.STAFF,
            participant=converging["anna"],
        )
        for _ in range(EVENTS_PER_POLL + 5)
    )
    workshop = services.timer_start(workshop=workshop)
    timer_event = LiveEvent.objects.latest("id").id
    poll = reverse("live:poll", args=[workshop.code])
    response = client.get(poll, {"since": marker, "sv": marker}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"since={timer_event}&amp;" in html  # the marker at the timer's event
    assert 'id="live-stage"' not in html  # a timer's change, not a whole redraw


def test_staff_polls_redraw_the_vote_as_dots_come(converging, facilitator):
    workshop = converging["workshop"]
    go(workshop, "vote")
    marker = LiveEvent.objects.latest("id").id
    converge.dot_change(
        workshop=workshop,
        step=workshop.current_step,
        participant=converging["ville"],
        action="add",
        item_id=converging["themes"][1].public_id,
    )
    staff = _staff(facilitator)
    url = reverse("workshops:live-poll", args=[workshop.series.code, workshop.code])
    html = staff.get(url, {"since": marker, "sv": marker}).content.decode()
    assert 'id="live-stage"' in html and "Tiedonkulku" in html
    assert "1/2 osallistujasta on äänestänyt" in html


# --- Query counts -----------------------------------------------------------------------------


def _crowd(workshop, people):
    for i in range(people):
        kind = Participant.Kind.CLIENT if i % 3 == 0 else Participant.Kind.PROFESSIONAL
        person(workshop, f"Osallistuja {i}", kind)


@pytest.mark.parametrize("people", [2, 30])
@pytest.mark.parametrize("kind", ["themes", "vote", "prioritise"])
def test_the_three_views_of_each_step_are_bounded(
    converging, facilitator, client, people, kind, django_assert_max_num_queries
):
    workshop = converging["workshop"]
    _crowd(workshop, people)
    pia = join(client, workshop, "Pia")
    step = go(workshop, kind)
    if kind == "vote":
        for participant in Participant.objects.all():
            converge.dot_change(
                workshop=workshop,
                step=step,
                participant=participant,
                action="add",
                item_id=converging["themes"][participant.pk % 2].public_id,
            )
    staff = _staff(facilitator)
    s, w = workshop.series.code, workshop.code
    with django_assert_max_num_queries(21, info="the cockpit must not query per note or dot"):
        assert staff.get(reverse("workshops:cockpit", args=[s, w])).status_code == 200
    with django_assert_max_num_queries(14, info="the room screen must not query per theme"):
        assert staff.get(reverse("workshops:room", args=[s, w])).status_code == 200
    with django_assert_max_num_queries(9, info="the phone must not query per item"):
        assert client.get(reverse("live:participant", args=[w])).status_code == 200
    assert pia.pk


def test_a_dot_is_a_few_queries_in_one_transaction(
    converging, client, django_assert_max_num_queries
):
    """The vote endpoint of the benchmark: cheap whatever the number of voters and items."""
    workshop = converging["workshop"]
    go(workshop, "vote")
    join(client, workshop, "Pia")
    url = reverse("live:dot", args=[workshop.code])
    theme = converging["themes"][0].public_id
    # The device's participant with the workshop; the voter's lock with the step, the items,
    # the voter's dots and the board's version; the dot with its event (and on PostgreSQL the
    # commit): on PostgreSQL three round trips (`fastread.batch`). The ballot asks nothing more.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("live:participant", args=[workshop.code]))  # the process knows the code
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"item": theme, "action": "add"}, **HTMX)
    assert response.status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in statements if "SAVEPOINT" not in s]) <= 8, statements
    assert not [s for s in statements if "COUNT(" in s.upper()]  # no own-dots count after


# --- Carry-over -------------------------------------------------------------------------------


def test_the_next_workshop_shows_the_prioritised_challenges(converging, facilitator, series):
    workshop = converging["workshop"]
    prio = go(workshop, "prioritise")
    flow = converging["themes"][1]
    converge.challenges_confirm(
        workshop=workshop, step=prio, user=facilitator, rows=[(flow.public_id, "Tieto ei kulje")]
    )
    services.workshop_end(workshop=workshop)
    nxt = WorkshopFactory(series=series, position=2, title="Ratkaisupaja")
    Step.objects.create(
        workshop=nxt, position=1, kind="solutions", title="Ratkaisut", duration_minutes=20
    )
    staff = _staff(facilitator)
    s = series.code
    detail = staff.get(reverse("workshops:workshop-detail", args=[s, nxt.code])).content.decode()
    assert "Tieto ei kulje" in detail
    nxt = services.workshop_go_live(workshop=nxt)
    for name in ("workshops:cockpit", "workshops:room"):
        assert "Tieto ei kulje" in staff.get(reverse(name, args=[s, nxt.code])).content.decode()
    phone = Client()
    join(phone, nxt, "Pia")
    assert (
        "Tieto ei kulje" in phone.get(reverse("live:participant", args=[nxt.code])).content.decode()
    )
    page = staff.get(reverse("workshops:series-detail", args=[s])).content.decode()
    assert "Tieto ei kulje" in page and "Tiedonkulku" in page  # with where it came from


def test_the_phone_heads_its_themes_apart_from_its_own_suggestions(converging, facilitator, client):
    """On the phone the themes follow the participant's own suggestions: without a heading of
    their own they read as more suggestions. The list's heading is "Teemat", not the step
    kind's name ("Teemoittelu")."""
    workshop = converging["workshop"]
    go(workshop, "themes")
    join(client, workshop, "Pia")
    phone = client.get(reverse("live:participant", args=[workshop.code])).content.decode()
    heading = '<h2 id="themes-heading-participant">Teemat</h2>'
    assert heading in phone
    assert phone.index(heading) < phone.index('<h3 class="theme__name">')
    staff = _staff(facilitator)
    s, w = workshop.series.code, workshop.code
    room = staff.get(reverse("workshops:room", args=[s, w])).content.decode()
    assert "themes-heading" not in room and '<h2 class="theme__name">' in room
    cockpit = staff.get(reverse("workshops:cockpit", args=[s, w])).content.decode()
    assert '<h3 id="cockpit-themes-heading">Teemat (' in cockpit


def test_a_grouping_tells_the_cockpit_what_it_grouped_so_only_that_is_cleared(
    converging, facilitator
):
    workshop = converging["workshop"]
    s, w = workshop.series.code, workshop.code
    themes = step_of(workshop, "themes").public_id
    first, second = (str(note.public_id) for note in converging["notes"][:2])
    url = reverse("workshops:live-group", args=[s, w, themes])
    response = _staff(facilitator).post(
        url, {"notes": [first, second], "new_name": "  Lähetteiden jono "}, **HTMX
    )
    assert response.status_code == 204
    said = json.loads(response["HX-Trigger"])
    assert said["nopsa:grouped"] == {"notes": [first, second], "name": "Lähetteiden jono"}
    assert "Lähetteiden jono" in said["nopsa:announce"]["message"]
    assert "nopsa:poll-now" in said
    # Into an existing theme: no typed name was used, so none is cleared.
    third = str(converging["notes"][2].public_id)
    theme = str(Theme.objects.get(name="Lähetteiden jono").public_id)
    response = _staff(facilitator).post(
        url, {"notes": [third], "theme": theme, "new_name": "Kesken"}, **HTMX
    )
    assert json.loads(response["HX-Trigger"])["nopsa:grouped"] == {"notes": [third], "name": ""}


def test_a_new_step_is_announced_after_the_poll_is_drawn(converging, facilitator, client):
    """The step's name is said once the poll's redraw has settled: a poll the screen does not
    draw (an action of the user's own is on its way) says nothing, the next one says it."""
    workshop = converging["workshop"]
    join(client, workshop, "Pia")
    marker = LiveEvent.objects.latest("id").id
    vote = go(workshop, "vote")
    staff = _staff(facilitator)
    for screen, url in (
        (staff, reverse("workshops:live-poll", args=[workshop.series.code, workshop.code])),
        (client, reverse("live:poll", args=[workshop.code])),
    ):
        response = screen.get(url, {"since": marker, "sv": marker}, **HTMX)
        assert "HX-Trigger" not in response, url
        said = json.loads(response["HX-Trigger-After-Settle"])["nopsa:announce"]
        assert said == {"message": f"Nyt: {vote.title}", "step": True}, url


def test_the_phone_offers_the_notes_not_in_a_theme_first(converging, client, settings):
    """The "suggest a theme" menu groups its notes: those not in a theme yet first (most
    suggestions are for them), then each theme's notes under its name. The same with the
    board drawn once for every phone and drawn for this phone alone."""
    workshop = converging["workshop"]
    step = go(workshop, "themes")
    lonely = converging["notes"][3]
    converge.note_ungroup(workshop=workshop, step=step, note_id=lonely.public_id)
    join(client, workshop, "Pia")
    for seconds in (60, 0):
        settings.NOPSA_BOARD_CACHE_SECONDS = seconds
        phone = client.get(reverse("live:participant", args=[workshop.code])).content.decode()
        menu = phone[
            phone.index('name="note"') : phone.index("</select>", phone.index('name="note"'))
        ]
        groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', menu)
        assert [label for label, _options in groups] == [
            "Ei vielä teemassa",
            "Teema: Odottaminen",
            "Teema: Tiedonkulku",
        ], seconds
        assert lonely.text in groups[0][1]
        assert "Jonot puhelimessa" in groups[1][1] and "Tieto ei kulje" in groups[2][1]
