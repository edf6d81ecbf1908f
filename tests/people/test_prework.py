"""Pre-work (issue 6, item 4): questions sent ahead, answered before the workshop, shown to staff
without names."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.live.conftest import join
from workshops.live import services as live_services
from workshops.models import PreworkAnswer, PreworkQuestion
from workshops.people import services


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def planned(series):
    from tests.workshops.factories import WorkshopFactory

    return WorkshopFactory(series=series, position=2, title="Ratkaisupaja")


@pytest.fixture
def question(planned):
    return services.prework_add(planned, text="Mistä aiheista haluat keskustella?")


@pytest.fixture
def member(client, live_workshop):
    """Anna joined the first workshop on this client's device."""
    return join(client, live_workshop, "Anna")


def _urls(workshop, question=None):
    s, w = workshop.series.code, workshop.code
    urls = {
        "add": reverse("workshops:prework-add", args=[s, w]),
        "send": reverse("workshops:prework-send", args=[s, w]),
        "answer": reverse("people:prework", args=[s, w]),
        "page": reverse("workshops:workshop-detail", args=[s, w]),
    }
    if question is not None:
        urls["delete"] = reverse("workshops:prework-delete", args=[s, w, question.public_id])
    return urls


def test_facilitator_adds_questions_and_sees_answers_without_names(
    client, facilitator, planned, member
):
    staff = staff_client(facilitator)
    urls = _urls(planned)
    response = staff.post(urls["add"], {"prework-text": "Mitä toivot työpajalta?"})
    assert response.status_code == 302
    question = PreworkQuestion.objects.get(workshop=planned)
    field = f"q_{question.public_id.hex}"
    assert (
        client.post(urls["answer"], {field: "  Yhteistyötä kotihoidon kanssa  "}).status_code == 302
    )
    answer = PreworkAnswer.objects.get(question=question)
    assert answer.text == "Yhteistyötä kotihoidon kanssa"
    assert answer.participant == member
    page = staff.get(urls["page"]).content.decode()
    assert "Yhteistyötä kotihoidon kanssa" in page
    assert "Anna" not in page
    # A second answer replaces the first; an empty one deletes it.
    client.post(urls["answer"], {field: "Toinen ajatus"})
    assert PreworkAnswer.objects.get(question=question).text == "Toinen ajatus"
    client.post(urls["answer"], {field: ""})
    assert not PreworkAnswer.objects.exists()


def test_the_participant_page_offers_the_pre_work(client, question, member):
    page = client.get(reverse("people:my-series", args=[question.workshop.series.code]))
    assert _urls(question.workshop)["answer"] in page.content.decode()


def test_sending_mails_only_those_with_an_address(
    client, facilitator, question, member, live_workshop
):
    other = Client()
    join(other, live_workshop, "Ville")
    services.set_email(member, "anna@example.fi")
    staff = staff_client(facilitator)
    response = staff.post(_urls(question.workshop)["send"])
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["anna@example.fi"]]
    assert question.text in mail.outbox[0].body
    assert _urls(question.workshop)["answer"] in mail.outbox[0].body
    question.refresh_from_db()
    assert question.sent_at is not None


def test_sending_without_questions_is_refused_clearly(facilitator, planned):
    response = staff_client(facilitator).post(_urls(planned)["send"])
    assert response.status_code == 422
    assert "Lisää ensin kysymys" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Kirjoita ensin kysymys"), ("   ", "Kirjoita ensin kysymys"), ("k" * 501, "enintään")],
)
def test_a_bad_question_is_refused_and_kept(facilitator, planned, text, message):
    response = staff_client(facilitator).post(_urls(planned)["add"], {"prework-text": text})
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    if text.strip():
        assert text in body
    assert not PreworkQuestion.objects.exists()


def test_identifying_data_in_an_answer_is_refused_and_kept(client, question, member):
    field = f"q_{question.public_id.hex}"
    text = "Soita minulle numeroon 040 123 4567"
    response = client.post(_urls(question.workshop)["answer"], {field: text})
    assert response.status_code == 422
    assert "040 123 4567" in response.content.decode()
    assert not PreworkAnswer.objects.exists()


def test_an_answer_after_the_workshop_started_is_refused_and_kept(client, question, member):
    workshop = question.workshop
    live_services.workshop_go_live(workshop=workshop)
    field = f"q_{question.public_id.hex}"
    response = client.post(_urls(workshop)["answer"], {field: "Myöhästynyt vastaus"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Myöhästynyt vastaus" in body
    assert "on jo alkanut" in body
    assert not PreworkAnswer.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_coordinator", "colleague"])
def test_outsiders_cannot_manage_pre_work(question, who, request):
    client = Client() if who == "anonymous" else staff_client(request.getfixturevalue(who))
    urls = _urls(question.workshop, question)
    assert client.get(urls["page"]).status_code in (302, 404)
    for name in ["add", "delete", "send"]:
        assert client.post(urls[name], {"prework-text": "Tunkeilija"}).status_code in (302, 404)
    assert list(PreworkQuestion.objects.values_list("text", flat=True)) == [question.text]
    assert mail.outbox == []


def test_only_the_series_participants_may_answer(question, live_workshop):
    from tests.workshops.factories import SeriesFactory, WorkshopFactory

    field = f"q_{question.public_id.hex}"
    urls = _urls(question.workshop)
    assert Client().get(urls["answer"]).status_code == 404
    assert Client().post(urls["answer"], {field: "x"}).status_code == 404
    stranger = Client()
    other = WorkshopFactory(series=SeriesFactory(organisation=live_workshop.series.organisation))
    join(stranger, live_services.workshop_go_live(workshop=other), "Vieras")
    assert stranger.post(urls["answer"], {field: "x"}).status_code == 404
    assert not PreworkAnswer.objects.exists()


def test_write_endpoints_refuse_get(facilitator, question):
    staff = staff_client(facilitator)
    urls = _urls(question.workshop, question)
    for name in ["add", "delete", "send"]:
        assert staff.get(urls[name]).status_code == 405


def test_pages_have_bounded_queries(
    client, facilitator, question, member, live_workshop, django_assert_max_num_queries
):
    for i in range(8):
        person = Client()
        join(person, live_workshop, f"Osallistuja {i}")
        person.post(_urls(question.workshop)["answer"], {f"q_{question.public_id.hex}": f"V{i}"})
    staff = staff_client(facilitator)
    with django_assert_max_num_queries(16):
        assert staff.get(_urls(question.workshop)["page"]).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(_urls(question.workshop)["answer"]).status_code == 200
