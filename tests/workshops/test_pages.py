"""Pages render in Finnish by default, and in Swedish and English on request."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from workshops.models import Membership, Method, Organisation, Series


def test_front_page_is_finnish_for_visitors(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fi">' in response.text
    assert "Kirjaudu" in response.text


def test_logged_in_user_goes_from_front_page_to_their_series(client, facilitator):
    client.force_login(facilitator)
    response = client.get("/")
    assert response["Location"] == reverse("workshops:dashboard")


def test_login_with_a_wrong_password_says_so_in_finnish_and_keeps_the_username(client, facilitator):
    response = client.post(reverse("login"), {"username": "fanni", "password": "väärä"})
    assert response.status_code == 200
    assert "Käyttäjätunnus tai salasana on väärin." in response.text
    assert 'value="fanni"' in response.text


def test_login_through_the_form_leads_to_the_dashboard(client, facilitator):
    response = client.post(reverse("login"), {"username": "fanni", "password": "salasana-123"})
    assert response["Location"] == reverse("workshops:dashboard")


@pytest.mark.parametrize(
    ("language", "word"), [("sv", "Metoder"), ("en", "Methods"), ("fi", "Menetelmät")]
)
def test_method_catalogue_in_each_language(client, facilitator, language, word):
    client.force_login(facilitator)
    client.cookies["django_language"] = language
    response = client.get(reverse("workshops:method-list"))
    assert f'<html lang="{language}">' in response.text
    assert word in response.text
    method = Method.objects.get(slug="paku")
    assert getattr(method, f"name_{language}") in response.text


def test_method_detail_lists_workshops_steps_and_times(client, facilitator):
    client.force_login(facilitator)
    method = Method.objects.get(slug="hukkapaja-ratkaisupaja")
    response = client.get(reverse("workshops:method-detail", args=[method.slug]))
    for workshop in method.workshops.all():
        assert workshop.name_fi in response.text
        for step in workshop.steps.all():
            assert step.title_fi in response.text


@pytest.mark.django_db
def test_seed_demo_creates_the_demo_once(settings, capsys):
    settings.DEBUG = True
    from workshops.models import Comment, Practice, WorkshopSummary

    def counts():
        return (
            Organisation.objects.count(),
            Series.objects.count(),
            Membership.objects.count(),
            Practice.objects.count(),
            Comment.objects.count(),
            WorkshopSummary.objects.count(),
        )

    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    # The PAKU series in progress shows the work between workshops: a practice, a published
    # summary with comments; the complete PAKU series has its 20 practices.
    assert first[3:] == (21, 3, 1)
    assert Series.objects.count() == 5
    assert set(Series.objects.values_list("method__slug", flat=True)) == {
        "hukkapaja-ratkaisupaja",
        "nopsa",
        "paku",
        "palveluintegraatio",
    }
    out = capsys.readouterr().out
    assert "nopsa-demo" in out
    for code in Series.objects.values_list("code", flat=True):
        assert code in out


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_demo_facilitator_sees_the_four_demo_series(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    # axes needs the request that the login form would give authenticate().
    assert client.login(
        request=RequestFactory().post("/"), username="fasilitaattori", password="nopsa-demo"
    )
    response = client.get(reverse("workshops:dashboard"))
    for series in Series.objects.all():
        assert series.title in response.text
