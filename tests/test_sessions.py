"""Staff sessions: idle and absolute timeouts, a new session key on login."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session

from nopsa import sessions

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, start=1_800_000_000.0):
        self.at = start

    def __call__(self):
        return self.at

    def forward(self, minutes=0, hours=0):
        self.at += minutes * 60 + hours * 3600


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sessions, "now", clock)
    return clock


def _login(client, user):
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "salasana-123"}
    )
    assert response.status_code == 302, response.content
    return response


def test_a_new_session_key_on_login(client, facilitator):
    session = client.session
    session["marker"] = "before"
    session.save()
    before = session.session_key
    _login(client, facilitator)
    after = client.session.session_key
    assert after and after != before
    # The anonymous session's key is no longer valid.
    assert not Session.objects.filter(session_key=before).exists()


def test_activity_within_the_idle_limit_keeps_the_session(client, facilitator, clock, settings):
    settings.NOPSA_SESSION_IDLE_MINUTES = 30
    _login(client, facilitator)
    for _ in range(4):
        clock.forward(minutes=25)
        assert client.get("/series/").status_code == 200
    assert "_auth_user_id" in client.session


def test_an_idle_session_ends_with_a_finnish_message(client, facilitator, clock, settings):
    settings.NOPSA_SESSION_IDLE_MINUTES = 30
    _login(client, facilitator)
    assert client.get("/series/").status_code == 200
    clock.forward(minutes=31)
    response = client.get("/series/?page=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/series/%3Fpage%3D1"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "Sinut kirjattiin ulos, koska et ollut aktiivinen 30 minuuttiin." in text
    # Once logged out, the next page asks for a login as any anonymous request.
    assert client.get("/series/").status_code == 302


def test_the_absolute_limit_ends_even_an_active_session(client, facilitator, clock, settings):
    settings.NOPSA_SESSION_IDLE_MINUTES = 30
    settings.NOPSA_SESSION_MAX_HOURS = 10
    _login(client, facilitator)
    for _ in range(10 * 3):  # a request every 20 minutes for 10 hours
        clock.forward(minutes=20)
        assert client.get("/series/").status_code == 200
    clock.forward(minutes=1)  # seen a minute ago, logged in 10 h 1 min ago
    response = client.get("/series/")
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        "Sinut kirjattiin ulos, koska kirjautumisestasi on kulunut 10 tuntia. "
        "Kirjaudu sisään uudelleen."
    ]


def test_an_expired_htmx_request_redirects_the_whole_page(client, facilitator, clock):
    _login(client, facilitator)
    clock.forward(hours=11)
    response = client.get("/series/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/"


def test_an_expired_post_changes_nothing(client, facilitator, clock, series):
    from workshops.models import Series

    _login(client, facilitator)
    title = series.title
    clock.forward(hours=11)
    response = client.post(f"/series/{series.code}/edit/", {"title": "Uusi nimi"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert Series.objects.get(pk=series.pk).title == title


def test_polls_are_activity_but_write_the_session_at_most_once_a_minute(client, facilitator, clock):
    _login(client, facilitator)
    client.get("/series/")
    seen = client.session[sessions.SEEN_AT]
    clock.forward(minutes=0.5)
    client.get("/series/")
    assert client.session[sessions.SEEN_AT] == seen
    clock.forward(minutes=1)
    client.get("/series/")
    assert client.session[sessions.SEEN_AT] == clock.at


def test_requests_without_a_session_cookie_are_untouched(client, clock, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/join/")
    assert response.status_code == 200


# --- The warning before a session ends (WCAG 2.2.1) ------------------------------------------


def test_the_keepalive_counts_as_activity(client, facilitator, clock, settings):
    settings.NOPSA_SESSION_IDLE_MINUTES = 30
    _login(client, facilitator)
    clock.forward(minutes=28)
    response = client.get("/accounts/session/")
    assert response.status_code == 204
    assert response["Cache-Control"].startswith("max-age=0")
    clock.forward(minutes=28)  # 56 minutes after login, 28 after the keep-alive
    assert client.get("/series/").status_code == 200


def test_the_keepalive_is_refused_to_anonymous_users_and_to_post(client, facilitator):
    response = client.get("/accounts/session/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    _login(client, facilitator)
    assert client.post("/accounts/session/").status_code == 405


def test_the_keepalive_does_not_revive_an_ended_session(client, facilitator, clock, settings):
    settings.NOPSA_SESSION_IDLE_MINUTES = 30
    _login(client, facilitator)
    clock.forward(minutes=31)
    response = client.get("/accounts/session/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_staff_pages_carry_the_warning_with_the_times_left(client, facilitator, clock, settings):
    settings.NOPSA_SESSION_IDLE_MINUTES = 30
    settings.NOPSA_SESSION_MAX_HOURS = 10
    _login(client, facilitator)
    for _ in range(4):  # two hours, active all along
        clock.forward(minutes=30)
        assert client.get("/accounts/session/").status_code == 204
    page = client.get("/series/").content.decode()
    # Idle: 30 minutes less the minute "last seen" may lag; absolute: 8 hours left.
    assert 'data-idle-seconds="1740"' in page
    assert 'data-absolute-seconds="28800"' in page
    assert "Istuntosi päättyy kahden minuutin kuluttua" in page
    assert 'src="/static/js/session.js"' in page


def test_pages_without_a_login_carry_no_warning(client):
    page = client.get("/join/").content.decode()
    assert "session-timeout" not in page and "session.js" not in page
