"""Faults (issue 9, item 7): an unreachable database answers 503, and the logs carry no client
data — no exception messages (a database error can quote a row), no request bodies, no tokens
from addresses. The logs are read from the handler that settings.LOGGING configures, so the
test sees what an operator would."""

import io
import logging
import uuid

import pytest
from django.test import Client

from nopsa.faults import RedactingFilter

pytestmark = pytest.mark.urls("tests.limits.urls_boom")

MARKER = "Asiakas-Anna-0101"


@pytest.fixture
def quiet_client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.fixture
def app_log():
    """What the app's configured console handler writes, while the test runs."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactingFilter) for f in h.filters)
    ]
    assert handlers, "settings.LOGGING's console handler has lost its redacting filter"
    buffer = io.StringIO()
    old = [h.setStream(buffer) for h in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, old, strict=True):
            handler.setStream(stream)


def test_a_database_outage_met_in_a_view_gives_503_and_one_quiet_log_line(quiet_client, app_log):
    response = quiet_client.post("/database-down/", {"text": MARKER})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "<h1>Lyhyt tauko</h1>" in response.text
    assert 'href="/static/css/nopsa.css"' in response.text
    log = app_log.getvalue()
    assert "database unavailable: OperationalError (message withheld)" in log
    assert "Traceback" not in log  # an outage is not a bug: no traceback per request
    assert "connection to server failed" not in log
    assert MARKER not in log


def test_a_database_outage_met_before_the_view_gives_503_too(quiet_client, settings, app_log):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.limits.urls_boom.DatabaseDownMiddleware"]
    response = quiet_client.post("/middleware-database-down/", {"text": MARKER})
    assert response.status_code == 503
    assert "<h1>Lyhyt tauko</h1>" in response.text
    for leak in (MARKER, "Traceback", "OperationalError"):
        assert leak not in response.text
    log = app_log.getvalue()
    assert MARKER not in log
    assert "OperationalError (message withheld)" in log


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_503_page_speaks_the_visitors_language(quiet_client, language):
    heading = {"fi": "Lyhyt tauko", "sv": "En kort paus", "en": "A short break"}[language]
    response = quiet_client.get("/database-down/", HTTP_ACCEPT_LANGUAGE=language)
    assert f"<h1>{heading}</h1>" in response.text
    assert f'<html lang="{language}">' in response.text


def test_a_database_error_quoting_posted_text_leaves_it_out_of_the_log_and_the_page(
    quiet_client, app_log
):
    response = quiet_client.post("/duplicate/", {"text": f"<b>{MARKER}</b>"})
    assert response.status_code == 500
    assert MARKER not in response.text
    log = app_log.getvalue()
    # The operator still learns what failed and where ...
    assert "Internal Server Error: /duplicate/" in log
    assert "Traceback (most recent call last):" in log
    assert 'urls_boom.py", line' in log
    assert "IntegrityError (message withheld)" in log
    # ... but not the row's values.
    assert MARKER not in log
    assert "Key (text)" not in log


def test_any_exception_message_is_withheld(quiet_client, app_log):
    response = quiet_client.post("/boom/", {"text": MARKER})
    assert response.status_code == 500
    log = app_log.getvalue()
    assert "RuntimeError (message withheld)" in log
    assert MARKER not in log


def test_a_chained_database_error_keeps_its_sqlstate_but_not_its_message(app_log):
    class FakePgError(Exception):
        sqlstate = "23505"

    from django.db import IntegrityError

    try:
        try:
            raise FakePgError(f"Key (text)=({MARKER}) already exists")
        except FakePgError as exc:
            raise IntegrityError(f"Key (text)=({MARKER}) already exists") from exc
    except IntegrityError:
        logging.getLogger("django.request").exception("Internal Server Error: %s", "/x/")
    log = app_log.getvalue()
    assert "IntegrityError (message withheld, SQLSTATE 23505)" in log
    assert "The above exception was the direct cause" in log
    assert MARKER not in log


def test_a_token_in_an_address_stays_out_of_the_404_log_line(quiet_client, db, app_log):
    token = f"{uuid.uuid4().hex}{uuid.uuid4().hex}"[:43]
    response = quiet_client.get(f"/p/{token}/")
    assert response.status_code == 404
    log = app_log.getvalue()
    assert "Not Found: /p/<str:token>/" in log
    assert token not in log


def test_an_unmatched_address_is_not_echoed_into_the_log(quiet_client, db, app_log):
    quiet_client.get(f"/ei-ole/{MARKER}/")
    log = app_log.getvalue()
    assert "Not Found: (an unmatched address)" in log
    assert MARKER not in log
