"""Practices, the near-term vision and leadership agreements (issue 6, item 5)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.workshops.factories import SeriesFactory
from workshops.models import Practice, PracticeStatusChange, SeriesDocument
from workshops.practices import services


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def practice(series, facilitator):
    return services.practice_create(
        series,
        by=facilitator,
        name="Yhteinen kotiutuspalaveri",
        description="Sairaala ja kotihoito sopivat kotiutuksesta yhdessä asiakkaan kanssa.",
        elements="Palaveri ennen kotiutusta\nAsiakas mukana",
        owners="kotihoidon esihenkilö",
    )


def _url(name, practice, **kwargs):
    return reverse(name, args=[practice.series.code, practice.public_id])


def test_a_facilitator_creates_and_edits_a_practice(series, workshop, facilitator):
    client = staff_client(facilitator)
    response = client.post(
        reverse("workshops:practice-create", args=[series.code]),
        {
            "name": "Omatyöntekijä",
            "elements": "Yksi nimetty työntekijä\nSoittaa viikoittain",
            "principles": "Asiakas tuntee yhden ihmisen",
            "owners": "palveluohjaaja",
            "workshops": [workshop.pk],
        },
    )
    assert response.status_code == 302
    practice = Practice.objects.get(name="Omatyöntekijä")
    assert list(practice.workshops.all()) == [workshop]
    assert practice.history.get().status == Practice.Status.IDEA
    page = client.get(response["Location"]).content.decode()
    assert "Soittaa viikoittain" in page and workshop.title in page


def test_status_changes_are_recorded_with_dates(practice, facilitator):
    client = staff_client(facilitator)
    day = timezone.localdate() - dt.timedelta(days=7)
    response = client.post(
        _url("workshops:practice-status", practice),
        {"status": "prototype", "date": day.isoformat(), "note": "Kokeillaan osastolla 3"},
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == "prototype"
    # The history is in date order: the prototype was backdated to before the idea was recorded.
    assert list(practice.history.values_list("status", "date")) == [
        ("prototype", day),
        ("idea", timezone.localdate()),
    ]


def test_a_future_status_date_is_refused(practice, facilitator):
    future = timezone.localdate() + dt.timedelta(days=3)
    response = staff_client(facilitator).post(
        _url("workshops:practice-status", practice),
        {"status": "in_use", "date": future.isoformat(), "note": "Tuleva"},
    )
    assert response.status_code == 422
    assert "tulevaisuudessa" in response.content.decode()
    assert 'value="Tuleva"' in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == "idea"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Anna toimintatavalle nimi"),
        ({"name": "x" * 201}, "enintään"),
        ({"name": "Hyvä", "elements": "e" * 5001}, "enintään"),
        ({"name": "Hyvä", "description": "Asiakas Matti, puh. 040 123 4567"}, "040 123 4567"),
    ],
)
def test_bad_practice_input_is_refused_and_kept(series, facilitator, data, message):
    response = staff_client(facilitator).post(
        reverse("workshops:practice-create", args=[series.code]), data
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Practice.objects.exists()


def test_concurrent_edits_do_not_overwrite_silently(practice, facilitator, colleague):
    series = practice.series
    series.facilitators.add(colleague)
    first, second = staff_client(facilitator), staff_client(colleague)
    url = _url("workshops:practice-edit", practice)
    version = first.get(url).context["form"].initial["version"]
    assert second.get(url).status_code == 200
    assert (
        first.post(
            url, {"name": "Ensimmäisen nimi", "tips": "Aloita pienestä", "version": version}
        ).status_code
        == 302
    )
    response = second.post(url, {"name": "Toisen nimi", "tips": "Sovi ajat", "version": version})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Joku muu tallensi" in body
    assert "Ensimmäisen nimi" in body and "Aloita pienestä" in body  # what is stored
    assert 'value="Toisen nimi"' in body and "Sovi ajat" in body  # what they typed
    practice.refresh_from_db()
    assert practice.name == "Ensimmäisen nimi"
    # Saving again, now over the version they have seen, works.
    new_version = response.context["form"].data["version"]
    response = second.post(url, {"name": "Yhdistetty nimi", "version": new_version})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.name == "Yhdistetty nimi"


def test_a_practice_taken_into_another_series_keeps_the_link(practice, facilitator, organisation):
    second = SeriesFactory(organisation=organisation, facilitators=[facilitator])
    services.practice_set_status(
        practice, status="prototype", date=timezone.localdate(), by=facilitator
    )
    client = staff_client(facilitator)
    response = client.post(_url("workshops:practice-adopt", practice), {"into": second.pk})
    assert response.status_code == 302
    copy = Practice.objects.get(series=second)
    assert copy.origin == practice
    assert copy.name == practice.name and copy.status == "prototype"
    assert copy.history.get().note == f"Otettu sarjasta {practice.series.title}"
    page = client.get(_url("workshops:practice-detail", practice)).content.decode()
    assert second.title in page


def test_a_practice_cannot_be_taken_into_a_series_of_another_organisation(
    practice, facilitator, outsider
):
    foreign = SeriesFactory(facilitators=[outsider])
    response = staff_client(facilitator).post(
        _url("workshops:practice-adopt", practice), {"into": foreign.pk}
    )
    assert response.status_code == 422
    assert not Practice.objects.filter(series=foreign).exists()


def test_vision_and_agreements_are_documents_with_conflict_detection(
    series, facilitator, colleague
):
    series.facilitators.add(colleague)
    first, second = staff_client(facilitator), staff_client(colleague)
    url = reverse("workshops:document", args=[series.code, "vision"])
    assert first.get(url).status_code == 200
    assert (
        first.post(url, {"text": "Vuoden päästä kotiutus sujuu.", "version": 0}).status_code == 302
    )
    response = second.post(url, {"text": "Toinen visio", "version": 0})
    assert response.status_code == 422
    assert "Vuoden päästä kotiutus sujuu." in response.content.decode()
    assert "Toinen visio" in response.content.decode()
    assert SeriesDocument.objects.get(series=series, kind="vision").text == (
        "Vuoden päästä kotiutus sujuu."
    )
    agreements = reverse("workshops:document", args=[series.code, "agreements"])
    assert (
        first.post(agreements, {"text": "Esihenkilöt varaavat ajan.", "version": 0}).status_code
        == 302
    )
    assert reverse("workshops:document", args=[series.code, "secret"])
    assert first.get(reverse("workshops:document", args=[series.code, "secret"])).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_coordinator", "colleague"])
def test_outsiders_cannot_read_or_write_practices(practice, who, request):
    client = Client() if who == "anonymous" else staff_client(request.getfixturevalue(who))
    code = practice.series.code
    reads = [
        reverse("workshops:practice-list", args=[code]),
        _url("workshops:practice-detail", practice),
        _url("workshops:practice-edit", practice),
        reverse("workshops:practice-create", args=[code]),
        reverse("workshops:document", args=[code, "vision"]),
    ]
    for url in reads:
        assert client.get(url).status_code in (302, 404), url
    writes = {
        _url("workshops:practice-edit", practice): {"name": "Kaapattu", "version": 1},
        _url("workshops:practice-status", practice): {"status": "in_use", "date": "1.1.2026"},
        reverse("workshops:practice-create", args=[code]): {"name": "Kaapattu"},
        reverse("workshops:document", args=[code, "vision"]): {"text": "Kaapattu", "version": 0},
    }
    for url, data in writes.items():
        assert client.post(url, data).status_code in (302, 404), url
    practice.refresh_from_db()
    assert practice.name != "Kaapattu" and practice.status == "idea"
    assert not SeriesDocument.objects.exists()
    assert PracticeStatusChange.objects.count() == 1


def test_coordinator_may_edit_practices(practice, coordinator):
    response = staff_client(coordinator).post(
        _url("workshops:practice-edit", practice), {"name": "Koordinaattorin", "version": 1}
    )
    assert response.status_code == 302


def test_write_endpoints_refuse_get(practice, facilitator):
    client = staff_client(facilitator)
    for name in ["workshops:practice-status", "workshops:practice-adopt"]:
        assert client.get(_url(name, practice)).status_code == 405


def test_pages_have_bounded_queries(practice, facilitator, series, django_assert_max_num_queries):
    for i in range(10):
        services.practice_create(series, by=facilitator, name=f"Toimintatapa {i}")
    client = staff_client(facilitator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("workshops:practice-list", args=[series.code])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(_url("workshops:practice-detail", practice)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(_url("workshops:practice-edit", practice)).status_code == 200
    with django_assert_max_num_queries(8):
        assert (
            client.get(reverse("workshops:document", args=[series.code, "vision"])).status_code
            == 200
        )
