"""Workshop summaries and comments (issue 6, items 1 and 2)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.live.conftest import join
from tests.workshops.factories import SeriesFactory, StepFactory, WorkshopFactory
from workshops.live import services as live_services
from workshops.models import Comment, PrioritisedChallenge, WorkshopSummary
from workshops.people import services as people_services

from .conftest import staff_client


def _edit_url(workshop):
    return reverse("workshops:summary", args=[workshop.series.code, workshop.code])


def _page_url(workshop):
    return reverse("people:summary", args=[workshop.series.code, workshop.code])


def _comment_url(workshop):
    return reverse("people:comment", args=[workshop.series.code, workshop.code])


def _form_data(response, **changes):
    form = response.context["form"]
    data = {"intro": form.initial.get("intro", ""), "version": form.initial.get("version", 0)}
    for section in form.sections:
        data[f"text_{section['key']}"] = section["text"]
        if section["included"]:
            data[f"include_{section['key']}"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _publish(staff, workshop, **changes):
    page = staff.get(_edit_url(workshop))
    response = staff.post(_edit_url(workshop), {**_form_data(page, **changes), "publish": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return WorkshopSummary.objects.get(workshop=workshop)


def test_the_draft_is_compiled_from_what_the_workshop_produced(held, anna_client, facilitator):
    page = staff_client(facilitator).get(_edit_url(held["workshop"]))
    assert page.status_code == 200
    sections = {s["key"]: s for s in page.context["form"].sections}
    assert "Tieto ei kulje vuorojen välillä (7 pistettä)" in sections["challenges"]["text"]
    assert sections["challenges"]["items"][0]["id"] == str(anna_client.challenge.public_id)
    assert "Tiedonkulku" in sections["themes"]["text"]
    assert "Lähetteet jonossa" in sections["notes"]["text"]  # not in any theme
    assert "Tieto ei kulje" not in sections["notes"]["text"]  # grouped into a theme
    assert sections["warmup"]["included"] is False, "warm-up answers only if chosen"
    assert sections["challenges"]["included"] is True
    assert not WorkshopSummary.objects.exists(), "a draft is not stored until saved"


def test_publishing_mails_those_with_an_address_and_opens_the_page(held, anna_client, facilitator):
    workshop = held["workshop"]
    assert anna_client.get(_page_url(workshop)).status_code == 404, "not before publishing"
    other = Client()
    people_services.set_email(anna_client.anna, "anna@example.fi")
    summary = _publish(staff_client(facilitator), workshop, intro="Kiitos osallistumisesta!")
    assert summary.published_at is not None
    assert [m.to for m in mail.outbox] == [["anna@example.fi"]]
    assert _page_url(workshop) in mail.outbox[0].body
    page = anna_client.get(_page_url(workshop))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kiitos osallistumisesta!" in body
    assert "Tieto ei kulje vuorojen välillä" in body
    assert "Hyvä mieli tänään" not in body, "warm-up answers were not chosen"
    assert other.get(_page_url(workshop)).status_code == 404


def test_a_participant_comments_on_a_challenge_and_staff_reply(held, anna_client, facilitator):
    workshop = held["workshop"]
    staff = staff_client(facilitator)
    _publish(staff, workshop)
    challenge = anna_client.challenge
    response = anna_client.post(
        _comment_url(workshop),
        {"kind": "challenge", "target": str(challenge.public_id), "text": "Tämä on tärkein!"},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.participant, comment.target_label) == (anna_client.anna, challenge.text)
    comments_page = staff.get(reverse("workshops:comments", args=[workshop.series.code]))
    assert "Tämä on tärkein!" in comments_page.content.decode()
    reply_url = reverse("workshops:comment-reply", args=[workshop.series.code, comment.public_id])
    assert (
        staff.post(
            reply_url, {"text": "Otetaan ensimmäiseksi.", "kind": "x", "target": "x"}
        ).status_code
        == 302
    )
    comment.refresh_from_db()
    assert comment.addressed_at is not None
    reply = Comment.objects.get(parent=comment)
    assert reply.author == facilitator and reply.target_kind == "challenge"
    page = anna_client.get(_page_url(workshop)).content.decode()
    assert "Otetaan ensimmäiseksi." in page
    assert facilitator.first_name not in page, "staff replies are shown as the facilitator's"
    url = reverse("workshops:comment-addressed", args=[workshop.series.code, comment.public_id])
    staff.post(url, {"addressed": "0"})
    comment.refresh_from_db()
    assert comment.addressed_at is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Kirjoita ensin kommenttisi"),
        ("   ", "Kirjoita ensin kommenttisi"),
        ("k" * 2001, "enintään"),
        ("Soittakaa minulle 040 123 4567", "040 123 4567"),
    ],
)
def test_a_bad_comment_is_refused_and_kept(held, anna_client, facilitator, text, message):
    workshop = held["workshop"]
    _publish(staff_client(facilitator), workshop)
    response = anna_client.post(
        _comment_url(workshop),
        {"kind": "challenge", "target": str(anna_client.challenge.public_id), "text": text},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    if text.strip():
        assert text[:100] in body
    assert not Comment.objects.exists()


def test_comments_on_outputs_of_another_series_are_refused(
    held, anna_client, facilitator, organisation
):
    workshop = held["workshop"]
    _publish(staff_client(facilitator), workshop)
    other_series = SeriesFactory(organisation=organisation)
    other_workshop = WorkshopFactory(series=other_series, position=1)
    foreign = PrioritisedChallenge.objects.create(
        series=other_series,
        workshop=other_workshop,
        step=StepFactory(workshop=other_workshop, position=1, kind="prioritise"),
        rank=1,
        text="Toisen sarjan haaste",
    )
    for kind, target in [
        ("challenge", foreign.public_id),
        ("nonsense", anna_client.challenge.public_id),
        ("challenge", "not-a-uuid"),
    ]:
        response = anna_client.post(
            _comment_url(workshop), {"kind": kind, "target": str(target), "text": "Kommentti"}
        )
        assert response.status_code == 422
        assert "Kommentti" in response.content.decode()
    assert not Comment.objects.exists()


def test_concurrent_summary_edits_are_not_overwritten(held, anna_client, facilitator, colleague):
    workshop = held["workshop"]
    workshop.series.facilitators.add(colleague)
    first, second = staff_client(facilitator), staff_client(colleague)
    page_a, page_b = first.get(_edit_url(workshop)), second.get(_edit_url(workshop))
    assert (
        first.post(_edit_url(workshop), _form_data(page_a, intro="Ensimmäinen")).status_code == 302
    )
    response = second.post(_edit_url(workshop), _form_data(page_b, intro="Toinen"))
    assert response.status_code == 422
    body = response.content.decode()
    assert "Joku muu tallensi" in body and "Ensimmäinen" in body and "Toinen" in body
    assert WorkshopSummary.objects.get().intro == "Ensimmäinen"


def test_drafting_again_keeps_edited_texts(held, anna_client, facilitator):
    workshop = held["workshop"]
    staff = staff_client(facilitator)
    page = staff.get(_edit_url(workshop))
    staff.post(_edit_url(workshop), _form_data(page, text_themes="Oma tiivistys teemoista"))
    page = staff.get(_edit_url(workshop))
    response = staff.post(_edit_url(workshop), {**_form_data(page), "refresh": "1"})
    assert response.status_code == 302
    sections = {s["key"]: s for s in WorkshopSummary.objects.get().sections}
    assert sections["themes"]["text"] == "Oma tiivistys teemoista"
    assert "Tieto ei kulje" in sections["challenges"]["text"]


def test_the_next_cockpit_shows_comments_since_last_time(held, anna_client, facilitator):
    workshop = held["workshop"]
    staff = staff_client(facilitator)
    _publish(staff, workshop)
    anna_client.post(
        _comment_url(workshop),
        {
            "kind": "challenge",
            "target": str(anna_client.challenge.public_id),
            "text": "Muistakaa tämä",
        },
    )
    nxt = WorkshopFactory(series=workshop.series, position=2, title="Ratkaisupaja")
    cockpit = reverse("workshops:cockpit", args=[workshop.series.code, nxt.code])
    body = staff.get(cockpit).content.decode()
    assert "Edellisen kerran jälkeen" in body and "Muistakaa tämä" in body and "avoin" in body
    live_services.workshop_go_live(workshop=nxt)
    body = staff.get(cockpit).content.decode()
    assert "Muistakaa tämä" in body


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_coordinator", "colleague"])
def test_outsiders_cannot_edit_summaries_or_handle_comments(
    held, anna_client, facilitator, who, request
):
    workshop = held["workshop"]
    _publish(staff_client(facilitator), workshop)
    anna_client.post(
        _comment_url(workshop),
        {"kind": "summary", "target": str(WorkshopSummary.objects.get().public_id), "text": "Hyvä"},
    )
    comment = Comment.objects.get()
    client = Client() if who == "anonymous" else staff_client(request.getfixturevalue(who))
    code = workshop.series.code
    assert client.get(_edit_url(workshop)).status_code in (302, 404)
    assert client.post(
        _edit_url(workshop), {"intro": "Kaapattu", "version": 1, "publish": "1"}
    ).status_code in (302, 404)
    assert client.get(reverse("workshops:comments", args=[code])).status_code in (302, 404)
    for name, data in [
        ("workshops:comment-reply", {"text": "Kaapattu"}),
        ("workshops:comment-addressed", {"addressed": "1"}),
    ]:
        assert client.post(reverse(name, args=[code, comment.public_id]), data).status_code in (
            302,
            404,
        )
    assert WorkshopSummary.objects.get().intro != "Kaapattu"
    assert Comment.objects.count() == 1
    comment.refresh_from_db()
    assert comment.addressed_at is None


def test_participants_of_other_series_and_revoked_links_get_nothing(
    held, anna_client, facilitator, organisation
):
    workshop = held["workshop"]
    _publish(staff_client(facilitator), workshop)
    stranger = Client()
    other = live_services.workshop_go_live(
        workshop=WorkshopFactory(series=SeriesFactory(organisation=organisation), position=1)
    )
    join(stranger, other, "Vieras")
    target = {"kind": "challenge", "target": str(anna_client.challenge.public_id), "text": "x"}
    assert stranger.get(_page_url(workshop)).status_code == 404
    assert stranger.post(_comment_url(workshop), target).status_code == 404
    token = people_services.issue_link(anna_client.anna, by=facilitator)
    device = Client()
    device.get(reverse("people:return", args=[token]))
    assert device.get(_page_url(workshop)).status_code == 200
    people_services.revoke_link(anna_client.anna, by=facilitator)
    assert device.get(_page_url(workshop)).status_code == 404
    assert device.post(_comment_url(workshop), target).status_code == 404
    assert not Comment.objects.exists()


def test_write_endpoints_refuse_get(held, anna_client, facilitator):
    workshop = held["workshop"]
    _publish(staff_client(facilitator), workshop)
    assert anna_client.get(_comment_url(workshop)).status_code == 405


def test_pages_have_bounded_queries(held, anna_client, facilitator, django_assert_max_num_queries):
    workshop = held["workshop"]
    staff = staff_client(facilitator)
    _publish(staff, workshop)
    for i in range(6):
        anna_client.post(
            _comment_url(workshop),
            {"kind": "challenge", "target": str(anna_client.challenge.public_id), "text": f"K{i}"},
        )
    with django_assert_max_num_queries(20):
        assert staff.get(_edit_url(workshop)).status_code == 200
    with django_assert_max_num_queries(8):
        assert (
            staff.get(reverse("workshops:comments", args=[workshop.series.code])).status_code == 200
        )
    with django_assert_max_num_queries(8):
        assert anna_client.get(_page_url(workshop)).status_code == 200
