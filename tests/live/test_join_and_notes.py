"""Joining, posting and polling from a participant's phone, including bad input."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from workshops.live import services
from workshops.models import Attendance, LiveEvent, Note, Participant, Workshop

from .conftest import go_to, join


def _post(client, workshop, text, client_id=None, category="", htmx=True):
    data = {"text": text, "client_id": str(client_id or uuid.uuid4()), "category": category}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("live:note-post", args=[workshop.code]), data, **headers)


def test_join_code_is_short_unambiguous_and_readable(live_workshop):
    code = live_workshop.join_code
    assert len(code) == 6
    assert not set(code) & set("01OIL58BS")
    assert live_workshop.join_code_display == f"{code[:3]} {code[3:]}"


def test_join_accepts_the_code_typed_loosely(client, live_workshop):
    loose = live_workshop.join_code_display.lower()
    response = client.post(reverse("live:join"), {"code": loose})
    assert response["Location"] == reverse("live:join-workshop", args=[live_workshop.join_code])


def test_a_wrong_code_gets_a_finnish_message_and_keeps_the_code(client, live_workshop):
    response = client.post(reverse("live:join"), {"code": "ZZZ-999"})
    assert response.status_code == 422
    assert "Tällä koodilla ei ole käynnissä olevaa työpajaa" in response.text
    assert 'value="ZZZ-999"' in response.text


def test_an_ended_workshops_code_no_longer_works(client, live_workshop):
    code = live_workshop.join_code
    services.workshop_end(workshop=live_workshop)
    response = client.get(reverse("live:join-workshop", args=[code]))
    assert response.status_code == 404
    assert "ei ole käynnissä olevaa työpajaa" in response.text


@pytest.mark.parametrize(
    ("nickname", "message"),
    [
        ("", "Tämä kenttä vaaditaan."),
        ("   ", "Tämä kenttä vaaditaan."),
        ("A", "Kirjoita vähintään kahden merkin nimimerkki."),
        ("1234", "Nimimerkissä on oltava ainakin yksi kirjain."),
        ("x" * 500, "enintään 40 merkkiä"),
    ],
)
def test_an_empty_or_absurd_nickname_is_refused(client, live_workshop, nickname, message):
    response = client.post(
        reverse("live:join-workshop", args=[live_workshop.join_code]),
        {"nickname": nickname, "kind": "client", "organisation_name": "Kotihoito"},
    )
    assert response.status_code == 422
    assert message in response.text
    assert 'value="Kotihoito"' in response.text
    assert not Participant.objects.exists()


def test_joining_sets_a_cookie_and_the_same_device_is_recognised_next_time(
    client, live_workshop, workshop_factory
):
    anna = join(client, live_workshop, "Anna", Participant.Kind.CLIENT)
    assert anna.kind == Participant.Kind.CLIENT
    services.workshop_end(workshop=live_workshop)
    second = workshop_factory(series=live_workshop.series, position=2)
    second = services.workshop_go_live(workshop=second)
    page = client.get(reverse("live:join-workshop", args=[second.join_code]))
    assert "Tervetuloa takaisin, Anna!" in page.text
    client.post(
        reverse("live:join-workshop", args=[second.join_code]),
        {"nickname": "Anna", "kind": "client"},
    )
    assert Participant.objects.count() == 1
    assert Attendance.objects.filter(participant=anna).count() == 2


def test_the_token_is_stored_only_as_a_hash(client, live_workshop):
    join(client, live_workshop)
    cookie = client.cookies["nopsa_participant"].value
    participant = Participant.objects.get()
    assert len(participant.token_hash) == 64
    assert participant.token_hash not in cookie


def test_a_note_appears_for_its_author_and_is_private_until_revealed(client, live_workshop, anna):
    step = go_to(live_workshop, "brainstorm")
    response = _post(client, live_workshop, "Tieto ei kulje", category="Odottaminen")
    assert response.status_code == 200
    note = Note.objects.get()
    assert note.step == step and note.category == "Odottaminen"
    assert f'id="note-{note.public_id}"' in response.text
    other = Client()
    join(other, live_workshop, "Ville")
    page = other.get(reverse("live:participant", args=[live_workshop.code]))
    assert "Tieto ei kulje" not in page.text
    services.step_reveal(step=step)
    page = other.get(reverse("live:participant", args=[live_workshop.code]))
    assert "Tieto ei kulje" in page.text
    assert "Anna" not in page.text.split('id="notes-list"')[1]


def test_a_retried_post_with_the_same_client_id_makes_one_note(client, live_workshop, anna):
    go_to(live_workshop, "brainstorm")
    client_id = uuid.uuid4()
    for _ in range(3):
        assert _post(client, live_workshop, "Sama muistiinpano", client_id).status_code == 200
    assert Note.objects.count() == 1


def test_a_warmup_takes_one_answer_per_participant(client, live_workshop, anna):
    first = _post(client, live_workshop, "Ensimmäinen vastaus")
    # The form that comes back offers to change the answer just given.
    assert "Muuta vastaustasi" in first.text
    _post(client, live_workshop, "Toinen vastaus")
    assert list(Note.objects.values_list("text", flat=True)) == ["Toinen vastaus"]


def test_a_post_reads_no_other_notes_so_it_costs_the_same_in_a_big_room(
    client, live_workshop, anna, django_assert_max_num_queries
):
    """A post's answer is the form and the new note: reading every note of the step on every
    post made posts slower as the brainstorm grew (the 300-person benchmark's post p95)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    step = go_to(live_workshop, "brainstorm")
    step.settings = {**step.settings, "private_until_reveal": False}  # everyone sees all notes
    step.save(update_fields=["settings"])
    others = [
        Participant.objects.create(
            series=live_workshop.series, nickname=f"Muu {i}", token_hash=f"h{i}"
        )
        for i in range(3)
    ]
    Note.objects.bulk_create(
        Note(
            workshop=live_workshop,
            step=step,
            participant=others[i % 3],
            client_id=uuid.uuid4(),
            text=f"Muiden havainto {i}",
        )
        for i in range(200)
    )
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, live_workshop, "Oma havainto")
    assert response.status_code == 200 and response["X-Nopsa-Note"]
    note_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and '"workshops_note"' in q["sql"].split(" WHERE ")[0]
    ]
    assert note_reads  # the idempotency check reads the author's own note by client id
    # ... and only theirs: no read of the notes others may see ("own OR not hidden").
    assert all('"participant_id" = ' in sql and " OR " not in sql for sql in note_reads)
    with django_assert_max_num_queries(12):
        _post(client, live_workshop, "Toinen oma havainto")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Kirjoita ensin jotain."),
        ("   \n\t ", "Kirjoita ensin jotain."),
        ("x" * 10_000, "enintään 1000 merkkiä"),
    ],
)
def test_bad_notes_get_a_clear_message_and_the_text_is_kept(
    client, live_workshop, anna, text, message
):
    go_to(live_workshop, "brainstorm")
    response = _post(client, live_workshop, text)
    assert response.status_code == 200
    assert message in response.text
    if text.strip():
        assert text in response.text
    assert not Note.objects.exists()


def test_a_script_carrying_note_is_stored_as_text_and_shown_escaped(client, live_workshop, anna):
    go_to(live_workshop, "brainstorm")
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = _post(client, live_workshop, evil)
    assert Note.objects.get().text == evil
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text


def test_a_note_posted_after_the_step_closed_is_refused_and_kept(client, live_workshop, anna):
    step = go_to(live_workshop, "brainstorm")
    services.step_set_input_open(step=step, open_=False)
    response = _post(client, live_workshop, "Myöhässä, mutta tärkeä")
    assert "Tämä vaihe on suljettu" in response.text
    assert "Myöhässä, mutta tärkeä" in response.text
    assert not Note.objects.exists()


def test_a_note_posted_after_the_workshop_ended_is_refused_and_kept(client, live_workshop, anna):
    go_to(live_workshop, "brainstorm")
    services.workshop_end(workshop=live_workshop)
    response = _post(client, live_workshop, "Vielä yksi ajatus", htmx=False)
    assert response.status_code in (404, 422)
    assert not Note.objects.exists()


def test_authors_can_edit_and_delete_their_notes_while_the_step_is_open(
    client, live_workshop, anna
):
    go_to(live_workshop, "brainstorm")
    _post(client, live_workshop, "Alkuperäinen")
    note = Note.objects.get()
    url = reverse("live:note-edit", args=[live_workshop.code, note.public_id])
    assert client.post(url, {"text": "Korjattu"}, HTTP_HX_REQUEST="true").status_code == 200
    note.refresh_from_db()
    assert note.text == "Korjattu"
    response = client.post(url, {"text": ""}, HTTP_HX_REQUEST="true")
    assert "Kirjoita ensin jotain." in response.text
    client.post(reverse("live:note-delete", args=[live_workshop.code, note.public_id]))
    assert not Note.objects.exists()
    assert LiveEvent.objects.filter(kind=LiveEvent.Kind.NOTE_GONE).exists()


def test_the_note_editor_without_htmx_is_a_whole_page_and_keeps_a_refused_text(
    client, live_workshop, anna
):
    """The Edit link has a real address: opened without HTMX it must be a page of its own
    (language, title, heading), not the bare list item that HTMX swaps in."""
    go_to(live_workshop, "brainstorm")
    _post(client, live_workshop, "Alkuperäinen")
    note = Note.objects.get()
    url = reverse("live:note-edit", args=[live_workshop.code, note.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert page.text.lstrip().startswith("<!DOCTYPE html>")
    assert "<title>Muokkaa muistiinpanoasi" in page.text
    assert "<h1>Muokkaa muistiinpanoasi</h1>" in page.text
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.text.lstrip().startswith("<li ")
    refused = client.post(url, {"text": ""})
    assert refused.status_code == 422
    assert "<h1>Muokkaa muistiinpanoasi</h1>" in refused.text
    assert "Kirjoita ensin jotain." in refused.text
    note.refresh_from_db()
    assert note.text == "Alkuperäinen"


def test_unchanged_poll_answers_204_and_a_change_returns_the_new_note(client, live_workshop, anna):
    step = go_to(live_workshop, "brainstorm")
    services.step_reveal(step=step)
    page = client.get(reverse("live:participant", args=[live_workshop.code]))
    marker = page.context["marker"]
    poll = reverse("live:poll", args=[live_workshop.code])
    sv = LiveEvent.objects.latest("id").id
    assert client.get(poll, {"since": marker, "sv": sv}).status_code == 204
    other = Client()
    join(other, live_workshop, "Ville")
    _post(other, live_workshop, "Toisen muistiinpano")
    response = client.get(poll, {"since": marker, "sv": sv})
    assert response.status_code == 200
    assert "Toisen muistiinpano" in response.text
    assert 'data-upsert="notes-list"' in response.text


def test_a_timer_change_redraws_the_cockpits_timer_buttons_but_not_the_other_screens(
    live_workshop, facilitator
):
    """After "Start timer" the cockpit must offer "Pause timer" (WCAG 2.2.1): its buttons are
    on the stage, so a timer event redraws the cockpit's stage; phones and the room screen
    only get the new time."""
    go_to(live_workshop, "discussion")
    staff = Client()
    staff.force_login(facilitator)
    marker = LiveEvent.objects.latest("id").id
    services.timer_start(workshop=live_workshop)
    url = reverse("workshops:live-poll", args=[live_workshop.series.code, live_workshop.code])
    cockpit = staff.get(url, {"view": "cockpit", "since": marker, "sv": marker}).text
    assert 'id="live-stage"' in cockpit and 'id="live-timer"' in cockpit
    assert "Keskeytä ajastin" in cockpit and "Käynnistä ajastin" not in cockpit
    room = staff.get(url, {"view": "room", "since": marker, "sv": marker}).text
    assert 'id="live-timer"' in room and 'id="live-stage"' not in room


def test_hidden_note_disappears_from_others_and_the_room(client, live_workshop, anna):
    step = go_to(live_workshop, "brainstorm")
    services.step_reveal(step=step)
    _post(client, live_workshop, "Asiaton kommentti")
    note = Note.objects.get()
    services.note_set_hidden(note=note, hidden=True)
    other = Client()
    join(other, live_workshop, "Ville")
    assert (
        "Asiaton kommentti"
        not in other.get(reverse("live:participant", args=[live_workshop.code])).text
    )


def test_ending_the_workshop_closes_joining(client, live_workshop):
    code = live_workshop.join_code
    services.workshop_end(workshop=live_workshop)
    assert Workshop.objects.get().join_code is None
    response = client.post(
        reverse("live:join-workshop", args=[code]), {"nickname": "Anna", "kind": "client"}
    )
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_the_room_qr_code_scales_to_its_box(live_workshop, facilitator):
    """The QR code is drawn in a viewBox, so CSS can make it big enough to scan across a room
    (without one the drawing stayed 29 px in a 256 px box)."""
    from django.test import Client

    staff = Client()
    staff.force_login(facilitator)
    url = reverse("workshops:room", args=[live_workshop.series.code, live_workshop.code])
    body = staff.get(url).content.decode()
    svg = body[body.index('<svg role="img"') :]
    svg = svg[: svg.index(">")]
    assert 'viewBox="0 0 ' in svg
    assert "width=" not in svg and "height=" not in svg
