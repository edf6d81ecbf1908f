"""Login lockout (issue 9, item 4): django-axes, per username and address, behind a proxy."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from workshops.clientip import client_ip

HOME = "192.0.2.10"
ELSEWHERE = "192.0.2.99"


@pytest.fixture
def fanni(facilitator):
    facilitator.set_password("oikea-salasana-123")
    facilitator.save()
    return facilitator


def _login(client, password, username="fanni", addr=HOME, **extra):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=addr,
        **extra,
    )


def _lock(client, **kwargs):
    for _ in range(5):
        response = _login(client, "väärä", **kwargs)
        assert response.status_code in (200, 429)
    return response


def test_four_failures_do_not_lock_and_the_fifth_does(client, fanni):
    for _ in range(4):
        response = _login(client, "väärä")
        assert response.status_code == 200
        assert "Käyttäjätunnus tai salasana on väärin" in response.text
    response = _login(client, "väärä")
    assert response.status_code == 429
    assert "Kirjautuminen on keskeytetty" in response.text
    assert int(response["Retry-After"]) == 15 * 60
    assert "Account locked" not in response.text  # not axes' own text


def test_the_right_password_is_refused_while_locked(client, fanni):
    _lock(client)
    response = _login(client, "oikea-salasana-123")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_the_cool_off(client, fanni):
    _lock(client)
    # Move time forward: every recorded failure 16 minutes into the past.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=16))
    response = _login(client, "oikea-salasana-123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(fanni.pk)


def test_the_lock_has_not_lifted_before_the_cool_off(client, fanni):
    _lock(client)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=14))
    response = _login(client, "oikea-salasana-123")
    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 60


def test_another_address_is_not_locked(client, fanni):
    _lock(client)
    response = _login(client, "oikea-salasana-123", addr=ELSEWHERE)
    assert response.status_code == 302


def test_another_username_from_the_same_address_is_not_locked(client, fanni, colleague):
    _lock(client)
    colleague.set_password("kallen-salasana-456")
    colleague.save()
    assert _login(client, "kallen-salasana-456", username="kalle").status_code == 302


def test_the_lockout_page_speaks_swedish_and_english(client, fanni):
    _lock(client)
    sv = _login(client, "väärä", HTTP_ACCEPT_LANGUAGE="sv")
    assert "Inloggningen är pausad" in sv.text
    en = _login(client, "väärä", HTTP_ACCEPT_LANGUAGE="en")
    assert "Logging in is paused" in en.text


def test_the_lockout_page_costs_few_queries(client, fanni, django_assert_max_num_queries):
    _lock(client)
    with django_assert_max_num_queries(8):
        assert _login(client, "väärä").status_code == 429


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(settings):
    settings.NOPSA_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "10.0.0.2"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        # One proxy (nginx) appends the address it saw: the right-most entry is the client.
        (1, "198.51.100.20", "198.51.100.20"),
        # A client's forged entries on the left are not believed.
        (1, "6.6.6.6, 198.51.100.20", "198.51.100.20"),
        (1, "6.6.6.6, 7.7.7.7, 198.51.100.20", "198.51.100.20"),
        # A load balancer in front of nginx: the client is two from the right.
        (2, "6.6.6.6, 198.51.100.20, 10.0.0.5", "198.51.100.20"),
        # Too short (the request skipped a proxy) or not an address: REMOTE_ADDR.
        (2, "198.51.100.20", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "6.6.6.6, <script>", "10.0.0.2"),
    ],
)
def test_with_trusted_proxies_the_address_comes_from_x_forwarded_for(
    settings, count, forwarded, expected
):
    settings.NOPSA_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_a_proxy_the_lock_follows_the_client_not_the_proxy(client, fanni, settings):
    settings.NOPSA_TRUSTED_PROXY_COUNT = 1
    _lock(client, addr="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.20"
    assert (
        _login(
            client, "oikea-salasana-123", addr="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20"
        ).status_code
        == 429
    )
    # Another client through the same proxy logs in.
    other = _login(
        client, "oikea-salasana-123", addr="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.21"
    )
    assert other.status_code == 302


def test_a_request_without_an_address_has_none(settings):
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) is None


@pytest.mark.parametrize("username", ["f" * 151, "x" * 5000, "fan\x00ni"])
def test_an_impossible_username_gets_a_message_and_is_not_counted(client, fanni, username):
    """Found by tests/test_fuzz_text.py on PostgreSQL: an over-long username reached
    authenticate(), and axes' record of the failure (varchar(255)) failed with a 500."""
    response = _login(client, "väärä", username=username)
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not AccessAttempt.objects.exists()
