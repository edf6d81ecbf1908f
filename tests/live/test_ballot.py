"""The ballot's drawing (workshops/live/ballot.py): voters with the same dots share one drawing,
and each gets it with their own CSRF token, their own dots and their own messages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from workshops.live import ballot, converge
from workshops.models import Dot, Theme

from .conftest import join
from .converge_fixtures import go, step_of

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _dot(client, workshop, theme, action="add"):
    response = client.post(
        reverse("live:dot", args=[workshop.code]),
        {"item": theme.public_id, "action": action},
        **HTMX,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_two_voters_with_the_same_dots_share_a_drawing_but_not_a_token(converging):
    workshop = converging["workshop"]
    go(workshop, "vote")
    waiting, flow = converging["themes"]
    pia, olli = Client(), Client()
    join(pia, workshop, "Pia")
    join(olli, workshop, "Olli")
    ballot._drawn.clear()
    first = _dot(pia, workshop, waiting)
    assert len(ballot._drawn) == 1
    second = _dot(olli, workshop, waiting)
    assert len(ballot._drawn) == 1  # the same dots: the same drawing, not drawn again
    tokens = {TOKEN.findall(first)[0], TOKEN.findall(second)[0]}
    assert len(tokens) == 2 and ballot._TOKEN not in first + second
    assert TOKEN.sub("", first) == TOKEN.sub("", second)
    # Each voter's token is their own and works: the next dot goes through with it.
    for client, html in ((pia, first), (olli, second)):
        response = client.post(
            reverse("live:dot", args=[workshop.code]),
            {
                "item": flow.public_id,
                "action": "add",
                "csrfmiddlewaretoken": TOKEN.findall(html)[0],
            },
            **HTMX,
        )
        assert response.status_code == 200
    assert Dot.objects.filter(theme=flow).count() == 2


def test_different_dots_and_a_changed_board_are_different_drawings(converging):
    workshop = converging["workshop"]
    vote = go(workshop, "vote")
    waiting, flow = converging["themes"]
    pia = Client()
    join(pia, workshop, "Pia")
    one = _dot(pia, workshop, waiting)
    assert "Sinulla on 2 pistettä jäljellä" in one and f'id="dot-remove-{waiting.public_id}"' in one
    two = _dot(pia, workshop, waiting)
    assert "Sinulla on 1 piste jäljellä" in two
    back = _dot(pia, workshop, waiting, "remove")
    assert TOKEN.sub("", back) == TOKEN.sub("", one)
    # A theme's notes shown on the ballot change: the next drawing shows it.
    note = converging["notes"][0]
    from workshops.live import services

    services.note_set_hidden(note=note, hidden=True)
    after = _dot(pia, workshop, flow)
    assert note.text not in after and converging["notes"][2].text in after
    assert step_of(workshop, "vote").pk == vote.pk


def test_a_refusal_is_said_on_the_shared_drawing(converging):
    workshop = converging["workshop"]
    go(workshop, "vote")
    waiting, _flow = converging["themes"]
    pia = Client()
    join(pia, workshop, "Pia")
    html = _dot(pia, workshop, waiting, "remove")
    assert 'id="vote-error"' in html and "Sinulla ei ole pistettä tässä kohdassa" in html
    again = _dot(pia, workshop, waiting)
    assert 'id="vote-error"' not in again  # the message was not drawn into the shared part


def test_a_theme_named_like_the_placeholder_is_shown_as_text(converging):
    workshop = converging["workshop"]
    themes_step = step_of(workshop, "themes")
    waiting, _flow = converging["themes"]
    converge.theme_rename(
        workshop=workshop, step=themes_step, theme_id=waiting.public_id, name=ballot._TOKEN
    )
    go(workshop, "vote")
    pia = Client()
    join(pia, workshop, "Pia")
    html = _dot(pia, workshop, Theme.objects.get(pk=waiting.pk))
    assert "&lt;nopsa-csrf-token&gt;" in html
    assert ballot._TOKEN not in html


def test_while_totals_show_during_the_vote_nothing_is_kept(workshop):
    from workshops.live import services

    from .converge_fixtures import make_converge_workshop, person, post_notes

    workshop = make_converge_workshop(workshop, hide=False)
    anna = person(workshop, "Anna")
    go(workshop, "brainstorm")
    notes = post_notes(workshop, anna, ["Odotamme lähetteitä"])
    services.step_reveal(step=step_of(workshop, "brainstorm"))
    themes_step = go(workshop, "themes")
    theme = converge.notes_group(
        workshop=workshop, step=themes_step, note_ids=[notes[0].public_id], new_name="Jonot"
    )
    go(workshop, "vote")
    pia = Client()
    join(pia, workshop, "Pia")
    ballot._drawn.clear()
    html = _dot(pia, workshop, theme)
    assert "yhteensä 1 piste" in html
    assert ballot._drawn == {}
