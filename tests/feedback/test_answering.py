"""Answering: live on the phone and afterwards, one response per participant, and bad input."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.live.conftest import join
from workshops.feedback import services
from workshops.feedback.models import FeedbackAnswer, FeedbackResponse
from workshops.models import Participant

from .conftest import held, live_at, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(workshop, feedback_step, form):
    return live_at(workshop, feedback_step)


def submit(client, workshop, data, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("feedback:live-submit", args=[workshop.code]), data, **headers)


def test_the_phone_shows_the_form_with_labelled_scales(client, live, form):
    join(client, live, "Kaija", Participant.Kind.CLIENT)
    page = client.get(reverse("live:participant", args=[live.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<fieldset" in html and "<legend>" in html
    assert "Minun näkemykseni tuli kuulluksi." in html
    assert "Täysin eri mieltä" in html and "Täysin samaa mieltä" in html


def test_a_participant_answers_live_and_a_second_submission_updates_the_answer(client, live, form):
    participant = join(client, live, "Kaija", Participant.Kind.CLIENT)
    values = {"heard": 4, "useful": 5, "recommend": 3}
    response = submit(client, live, post_data(form, values, {"best": "Hyvä keskustelu"}))
    assert response.status_code == 200
    assert "Kiitos" in response.content.decode()
    assert FeedbackResponse.objects.get(form=form).participant_kind == Participant.Kind.CLIENT

    response = submit(client, live, post_data(form, {"heard": 2, "useful": 5, "recommend": 3}))
    assert response.status_code == 200
    [stored] = FeedbackResponse.objects.filter(form=form, participant=participant)
    values = {a.item.key: a.value for a in stored.answers.select_related("item") if a.value}
    assert values == {"heard": 2, "useful": 5, "recommend": 3}
    # The open answer of the first submission was replaced too: the second one had none.
    assert not FeedbackAnswer.objects.filter(response=stored, text__gt="").exists()


def test_the_form_shows_the_participants_earlier_answers(client, live, form):
    join(client, live, "Kaija")
    submit(client, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}))
    html = client.get(reverse("live:participant", args=[live.code])).content.decode()
    assert "Olet jo vastannut" in html or "already" in html
    heard = form.items.get(key="heard")
    assert f'id="fb-{form.pk}-item-{heard.public_id}-4" checked' in html


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", "kolme", "99999999999999999999"])
def test_out_of_range_numbers_are_refused_and_the_other_answers_stay(client, live, form, value):
    join(client, live, "Kaija")
    data = post_data(form, {"heard": value, "useful": 5, "recommend": 3}, {"best": "Kahvi"})
    response = submit(client, live, data)
    html = response.content.decode()
    assert "Valitse arvo 1–5" in html or "Choose a value from 1 to 5" in html
    assert "Kahvi" in html  # the open answer is still in its field
    useful = form.items.get(key="useful")
    assert f'id="fb-{form.pk}-item-{useful.public_id}-5" checked' in html
    assert not FeedbackResponse.objects.exists()


def test_missing_required_items_get_a_message_and_nothing_is_lost(client, live, form):
    join(client, live, "Kaija")
    response = submit(client, live, post_data(form, {"useful": 5}, {"improve": "Lisää aikaa"}))
    html = response.content.decode()
    assert html.count('class="errorlist"') >= 2  # heard and recommend are required
    assert "Lisää aikaa" in html
    assert not FeedbackResponse.objects.exists()


def test_a_huge_text_is_refused_with_its_length_and_kept(client, live, form):
    join(client, live, "Kaija")
    huge = "pitkä " * 1000
    response = submit(
        client, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}, {"best": huge})
    )
    html = response.content.decode()
    assert "2000" in html
    assert huge.strip()[:200] in html
    assert not FeedbackResponse.objects.exists()


def test_identifying_data_in_an_open_answer_is_refused_by_the_guard_and_kept(client, live, form):
    join(client, live, "Kaija")
    text = "Soittakaa minulle 040 123 4567, olen Matti"
    response = submit(
        client, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}, {"best": text})
    )
    html = response.content.decode()
    assert "<mark>040 123 4567</mark>" in html
    assert "olen Matti" in html  # the text is kept in the field
    assert not FeedbackResponse.objects.exists()


def test_a_closed_step_refuses_answers_and_shows_them_back(client, live, form, feedback_step):
    join(client, live, "Kaija")
    page = client.get(reverse("live:participant", args=[live.code]))
    assert page.status_code == 200
    from workshops.live import services as live_services

    feedback_step.workshop = live
    live_services.step_set_input_open(step=feedback_step, open_=False)
    response = submit(client, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}))
    html = response.content.decode()
    assert "ei ota enää vastauksia" in html or "takes no more answers" in html
    assert not FeedbackResponse.objects.exists()


def test_the_non_htmx_post_works_too(client, live, form):
    join(client, live, "Kaija")
    response = submit(
        client, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}), htmx=False
    )
    assert response.status_code == 302
    response = submit(client, live, post_data(form, {"heard": 9}), htmx=False)
    assert response.status_code == 422


def test_afterwards_the_same_form_is_answered_by_the_participant_cookie(client, live, form):
    participant = join(client, live, "Ville")
    workshop = held(live)
    url = reverse("feedback:afterwards", args=[workshop.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Minun näkemykseni tuli kuulluksi." in page.content.decode()
    response = client.post(url, post_data(form, {"heard": 5, "useful": 4, "recommend": 5}))
    assert response.status_code == 200
    response_obj = FeedbackResponse.objects.get(participant=participant)
    assert response_obj.channel == FeedbackResponse.Channel.AFTERWARDS
    # A second submission updates the same response.
    client.post(url, post_data(form, {"heard": 1, "useful": 4, "recommend": 5}))
    assert FeedbackResponse.objects.count() == 1
    assert response_obj.answers.get(item__key="heard").value == 1


def test_the_series_page_says_when_the_feedback_is_already_given(client, live, form):
    join(client, live, "Ville")
    workshop = held(live)
    my_page = reverse("people:my-series", args=[workshop.series.code])
    before = client.get(my_page).text
    assert "Anna palautetta" in before and "Vastattu" not in before
    client.post(
        reverse("feedback:afterwards", args=[workshop.code]),
        post_data(form, {"heard": 5, "useful": 4, "recommend": 5}),
    )
    after = client.get(my_page).text
    assert "Anna palautetta" in after  # answers can still be changed
    assert "Vastattu – voit vielä muuttaa vastauksiasi" in after


def test_a_closed_form_takes_no_answers_afterwards(client, live, form):
    join(client, live, "Ville")
    workshop = held(live)
    services.form_set_closed(form=form, closed=True)
    url = reverse("feedback:afterwards", args=[workshop.code])
    response = client.post(url, post_data(form, {"heard": 5, "useful": 4, "recommend": 5}))
    assert response.status_code == 422
    assert not FeedbackResponse.objects.exists()


def test_a_possible_identity_code_asks_for_confirmation_and_then_saves(client, live, form):
    join(client, live, "Kaija")
    text = "Numero 131052-308U ei ole kenenkään"  # the right shape, a wrong checksum
    data = post_data(form, {"heard": 4, "useful": 5, "recommend": 3}, {"best": text})
    html = submit(client, live, data).content.decode()
    assert "Olen tarkistanut" in html or "I have checked" in html
    assert not FeedbackResponse.objects.exists()
    best = form.items.get(key="best")
    data[f"item-{best.public_id}__checked"] = "on"
    html = submit(client, live, data).content.decode()
    assert "Kiitos" in html
    assert FeedbackAnswer.objects.get(item=best).text == text


def test_staff_edit_the_form_before_answers_and_not_after(client, facilitator, workshop, form):
    client.force_login(facilitator)
    step = form.step
    base = [workshop.series.code, workshop.code, step.public_id]
    add = reverse("feedback:item-add", args=base)
    # Bad input: no question, a scale without its end labels.
    response = client.post(add, {"kind": "open", "text": ""})
    assert response.status_code == 422
    response = client.post(add, {"kind": "scale", "text": "Oliko tila toimiva?"})
    assert response.status_code == 422
    assert "Oliko tila toimiva?" in response.content.decode()
    assert "selitteet" in response.content.decode()
    response = client.post(
        add,
        {"kind": "scale", "text": "Oliko tila toimiva?", "low_label": "Ei", "high_label": "Oli"},
    )
    assert response.status_code == 302
    assert form.items.filter(text="Oliko tila toimiva?").exists()

    item = form.items.get(key="clear")
    client.post(reverse("feedback:item-delete", args=[*base, item.public_id]))
    assert not form.items.filter(key="clear").exists()

    participant = join_held(workshop)
    services.response_submit(
        form=form,
        workshop=workshop,
        participant=participant,
        answers={i.pk: 3 for i in form.items.all() if i.is_scale},
        live=False,
    )
    heard = form.items.get(key="heard")
    response = client.post(
        reverse("feedback:item-save", args=[*base, heard.public_id]),
        {"kind": "scale", "text": "Muutettu", "low_label": "a", "high_label": "b"},
    )
    assert response.status_code == 422
    heard.refresh_from_db()
    assert heard.text == "Minun näkemykseni tuli kuulluksi."
    page = client.get(reverse("feedback:form-edit", args=base)).content.decode()
    assert "ei voi enää muuttaa" in page


def join_held(workshop):
    from .conftest import make_participant

    held(workshop)
    return make_participant(workshop)


def test_the_cockpit_and_the_room_show_how_many_have_answered_without_names(
    client, facilitator, live, form
):
    other = Client()
    join(other, live, "Kaija")
    submit(other, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}))
    client.force_login(facilitator)
    for name in ("workshops:cockpit", "workshops:room"):
        html = client.get(reverse(name, args=[live.series.code, live.code])).content.decode()
        assert "1 vastaus" in html, name
    room = client.get(reverse("workshops:room", args=[live.series.code, live.code]))
    assert "Kaija" not in room.content.decode()


def test_results_print_through_weasyprint(client, facilitator, live, form):
    """The results page, charts and all, renders to PDF as the final report will."""
    from workshops.reports import limits

    other = Client()
    join(other, live, "Kaija")
    submit(other, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}))
    client.force_login(facilitator)
    html = client.get(
        reverse("feedback:workshop-results", args=[live.series.code, live.code])
    ).content.decode()
    # As the report does: in a child process, fetching only our own static files.
    rendered = limits.render_limited(html)
    assert rendered.pdf.startswith(b"%PDF") and rendered.pages >= 1


def test_answers_sent_after_the_step_moved_on_are_kept_and_can_be_sent_again(
    client, live, form, workshop
):
    from workshops.live import services as live_services

    join(client, live, "Kaija")
    brainstorm = live.steps.get(kind="brainstorm")
    live_services.step_go(workshop=live, step=brainstorm)
    data = post_data(form, {"heard": 4, "useful": 5, "recommend": 3})
    for htmx in (True, False):
        response = submit(client, live, data, htmx=htmx)
        html = response.content.decode()
        assert "siirtynyt eteenpäin" in html
        heard = form.items.get(key="heard")
        assert f'id="fb-{form.pk}-item-{heard.public_id}-4" checked' in html
        assert reverse("feedback:afterwards", args=[live.code]) in html
    assert not FeedbackResponse.objects.exists()
    # Sent again from there, the answers are saved.
    client.post(reverse("feedback:afterwards", args=[live.code]), data)
    assert FeedbackResponse.objects.get().channel == FeedbackResponse.Channel.AFTERWARDS


def test_answers_sent_after_the_workshop_ended_point_to_nothing_lost(client, live, form):
    from workshops.live import services as live_services

    join(client, live, "Kaija")
    live_services.workshop_end(workshop=live)
    response = submit(client, live, post_data(form, {"heard": 4, "useful": 5, "recommend": 3}))
    html = response.content.decode()
    assert "siirtynyt eteenpäin" in html
    heard = form.items.get(key="heard")
    assert f'id="fb-{form.pk}-item-{heard.public_id}-4" checked' in html  # still chosen
    assert not FeedbackResponse.objects.exists()


def test_the_personal_link_leads_to_the_afterwards_form_and_revoking_it_closes_it(
    client, facilitator, live, form
):
    """Issue 6's personal link sets the same identity the live views use, on any device."""
    from django.test import Client as Browser

    from workshops.people import services as people

    participant = join(Browser(), live, "Ville")  # joined on the phone
    workshop = held(live)
    token = people.issue_link(participant, by=facilitator)
    laptop = Browser()
    assert laptop.get(reverse("people:return", args=[token])).status_code == 302
    url = reverse("feedback:afterwards", args=[workshop.code])
    assert laptop.get(url).status_code == 200
    laptop.post(url, post_data(form, {"heard": 5, "useful": 4, "recommend": 5}))
    assert FeedbackResponse.objects.get(participant=participant).channel == "afterwards"
    people.revoke_link(participant, by=facilitator)
    assert laptop.get(url).status_code == 404
