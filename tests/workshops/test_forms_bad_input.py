"""Bad input gets a clear Finnish message, and everything the user typed comes back."""

import pytest
from django.urls import reverse

from workshops.models import Series, Step, Workshop

HUGE = "x" * 100_000


@pytest.fixture
def logged_in(client, facilitator):
    client.force_login(facilitator)
    return client


def _create_data(facilitator, **overrides):
    data = {
        "organisation": facilitator.memberships.get().organisation_id,
        "title": "Hukkapaja terveysasemalla",
        "goal": "Tavoite, jonka käyttäjä kirjoitti huolella.",
        "target_group": "Terveysaseman henkilöstö",
        "language": "fi",
        "facilitators": [facilitator.pk],
        "method": "",
        "first_date": "",
        "start_time": "",
        "place": "",
    }
    data.update(overrides)
    return data


def test_empty_series_title_is_refused_and_the_rest_is_kept(logged_in, facilitator):
    response = logged_in.post(
        reverse("workshops:series-create"), _create_data(facilitator, title="   ")
    )
    assert response.status_code == 200
    assert "Tämä kenttä vaaditaan." in response.text
    assert "Tavoite, jonka käyttäjä kirjoitti huolella." in response.text
    assert not Series.objects.exists()


def test_a_100000_character_goal_is_refused_with_its_length_and_kept(logged_in, facilitator):
    response = logged_in.post(
        reverse("workshops:series-create"), _create_data(facilitator, goal=HUGE)
    )
    assert "enintään 5000 merkkiä" in response.text
    assert "100000" in response.text
    assert HUGE in response.text
    assert not Series.objects.exists()


def test_a_date_in_the_wrong_format_gets_a_finnish_message(logged_in, facilitator):
    response = logged_in.post(
        reverse("workshops:series-create"), _create_data(facilitator, first_date="31/02/2027")
    )
    assert "Anna päivämäärä muodossa pp.kk.vvvv" in response.text
    assert 'value="31/02/2027"' in response.text
    assert not Series.objects.exists()


def test_a_finnish_date_is_accepted(logged_in, facilitator):
    response = logged_in.post(
        reverse("workshops:series-create"),
        _create_data(facilitator, first_date="15.3.2027", start_time="9.30"),
    )
    assert response.status_code == 302
    assert Series.objects.get().title == "Hukkapaja terveysasemalla"


def test_a_facilitator_outside_the_organisation_cannot_be_assigned(
    logged_in, facilitator, outsider
):
    response = logged_in.post(
        reverse("workshops:series-create"),
        _create_data(facilitator, facilitators=[facilitator.pk, outsider.pk]),
    )
    assert response.status_code == 200
    assert not Series.objects.exists()


@pytest.mark.parametrize(
    ("duration", "message"),
    [
        ("-30", "Keston on oltava vähintään 15 minuuttia."),
        ("0", "Keston on oltava vähintään 15 minuuttia."),
        ("100000", "Kesto voi olla enintään 720 minuuttia."),
        ("kaksi tuntia", "Anna kesto kokonaisina minuutteina."),
        ("", "Tämä kenttä vaaditaan."),
    ],
)
def test_absurd_workshop_durations_are_refused(logged_in, series, workshop, duration, message):
    url = reverse("workshops:workshop-edit", args=[series.code, workshop.code])
    response = logged_in.post(
        url, {"title": "Hukkapaja", "purpose": "Tarkoitus säilyy", "duration_minutes": duration}
    )
    assert response.status_code == 200
    assert message in response.text
    assert "Tarkoitus säilyy" in response.text
    workshop.refresh_from_db()
    assert workshop.duration_minutes == 120
    assert workshop.title != "Hukkapaja"


@pytest.mark.parametrize(
    ("duration", "message"),
    [
        ("-5", "Keston on oltava vähintään 1 minuuttia."),
        ("481", "Kesto voi olla enintään 480 minuuttia."),
        ("1e9", "Anna kesto kokonaisina minuutteina."),
    ],
)
def test_absurd_step_durations_are_refused_and_the_typed_step_kept(
    logged_in, series, workshop, step, duration, message
):
    url = reverse("workshops:step-add", args=[series.code, workshop.code])
    data = {
        "add-kind": "brainstorm",
        "add-title": "Ideointi",
        "add-duration_minutes": duration,
        "add-instructions": "Ohjeet, joita ei saa hukata",
    }
    response = logged_in.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert message in response.text
    assert "Ohjeet, joita ei saa hukata" in response.text
    assert Step.objects.count() == 1


def test_an_empty_step_title_and_unknown_kind_are_refused(logged_in, series, workshop, step):
    url = reverse("workshops:step-edit", args=[series.code, workshop.code, step.public_id])
    prefix = f"s-{step.public_id}"
    response = logged_in.post(
        url,
        {
            f"{prefix}-kind": "teleportation",
            f"{prefix}-title": "",
            f"{prefix}-duration_minutes": "20",
            f"{prefix}-instructions": "Tärkeät ohjeet",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Tämä kenttä vaaditaan." in response.text
    assert "Valitse vaiheen laji luettelosta." in response.text
    assert "Tärkeät ohjeet" in response.text
    step.refresh_from_db()
    assert step.title.startswith("Vaihe")


def test_a_100000_character_step_title_is_refused(logged_in, series, workshop):
    url = reverse("workshops:step-add", args=[series.code, workshop.code])
    response = logged_in.post(
        url,
        {"add-kind": "break", "add-title": HUGE, "add-duration_minutes": "10"},
    )
    assert response.status_code == 422
    assert "enintään 200 merkkiä" in response.text
    assert HUGE in response.text
    assert not Step.objects.exists()


@pytest.mark.parametrize("bad", ["Paja\x07", "Paja\x1b[31m"])
def test_control_characters_are_refused(logged_in, series, workshop, bad):
    url = reverse("workshops:workshop-edit", args=[series.code, workshop.code])
    response = logged_in.post(url, {"title": bad, "duration_minutes": "90"})
    assert "näkymättömiä ohjausmerkkejä" in response.text
    assert Workshop.objects.get().title != bad


def test_a_null_character_is_refused(logged_in, series, workshop):
    url = reverse("workshops:workshop-edit", args=[series.code, workshop.code])
    response = logged_in.post(url, {"title": "Paja\x00", "duration_minutes": "90"})
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert Workshop.objects.get().title != "Paja\x00"


def test_an_empty_task_is_refused_on_the_series_page(logged_in, series):
    response = logged_in.post(reverse("workshops:task-add", args=[series.code]), {"text": " "})
    assert response.status_code == 422
    assert "Kirjoita, mitä pitää tehdä." in response.text


def test_a_series_whose_creator_account_is_gone_can_still_be_edited(logged_in, series, facilitator):
    """Found by tests/test_fuzz_text.py: `created_by` is emptied when the account is deleted,
    and the edit's full_clean() refused the empty field with a 500."""
    Series.objects.filter(pk=series.pk).update(created_by=None)
    response = logged_in.post(
        reverse("workshops:series-edit", args=[series.code]),
        {"title": "Uusi nimi", "language": "fi", "facilitators": [facilitator.pk]},
    )
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.title == "Uusi nimi"
