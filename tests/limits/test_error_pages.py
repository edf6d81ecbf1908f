"""Friendly 404 and 500 pages (issue 9, item 7): the app's look, no stack trace, no request data."""

import pytest
from django.test import Client

pytestmark = pytest.mark.urls("tests.limits.urls_boom")

SECRET = "Matti Meikäläinen 010190-123A"


@pytest.fixture
def quiet_client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Jotain meni vikaan"), ("sv", "Något gick fel"), ("en", "Something went wrong")],
)
def test_an_exception_gives_the_500_page_in_the_visitors_language(quiet_client, language, heading):
    response = quiet_client.post(
        f"/boom/?q={SECRET}", {"text": SECRET}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in response.text
    assert f'<html lang="{language}">' in response.text
    assert 'href="/static/css/nopsa.css"' in response.text
    for leak in ("Traceback", "RuntimeError", "salainen-asiakastieto", "Meikäläinen", "010190"):
        assert leak not in response.text


def test_the_500_page_needs_no_database(quiet_client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = quiet_client.get("/boom/")
    assert response.status_code == 500
    assert "Jotain meni vikaan" in response.text


def test_an_unreachable_database_gives_the_503_page_without_the_database(
    quiet_client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = quiet_client.get("/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "<h1>Lyhyt tauko</h1>" in response.text
    assert "connection to server" not in response.text


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Sivua ei löydy"), ("sv", "Sidan hittades inte"), ("en", "Page not found")],
)
def test_an_unknown_address_gives_the_404_page(quiet_client, db, language, heading):
    response = quiet_client.get(f"/ei-ole-tallaista/?q={SECRET}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in response.text
    assert 'class="site-header"' in response.text
    assert "Meikäläinen" not in response.text
    assert "Page not found at" not in response.text  # not Django's debug page


def test_the_404_page_echoes_nothing_unescaped(quiet_client, db):
    response = quiet_client.get("/<script>alert(1)</script>/")
    assert response.status_code == 404
    assert "<script>alert(1)</script>" not in response.text


def test_a_404_from_a_view_uses_the_same_page(quiet_client, db, facilitator):
    quiet_client.force_login(facilitator)
    response = quiet_client.get("/series/ZZZZZZZZ/")
    assert response.status_code == 404
    assert "<h1>Sivua ei löydy</h1>" in response.text


def test_the_404_page_costs_few_queries(quiet_client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert quiet_client.get("/ei-ole-tallaista/").status_code == 404
