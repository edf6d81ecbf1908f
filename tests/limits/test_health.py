"""The health endpoint (issue 9, item 8)."""

import json

import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_healthy_is_200_with_a_tiny_json_body_and_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok"}
    assert len(response.content) < 40
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_no_session_and_no_cookies(client):
    from django.contrib.sessions.models import Session

    response = client.get("/healthz")
    assert not response.cookies
    assert b"Set-Cookie" not in response.serialize_headers()
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_database_down_is_503(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server: secret-host")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable"}
    assert b"secret-host" not in response.content


@pytest.mark.django_db
def test_get_and_head_only(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_plain_http_health_checks_are_not_redirected_but_pages_are(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/join/").status_code == 301
