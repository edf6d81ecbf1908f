"""Staff sessions end when idle and at the latest some hours after login.

A logged-in user's session remembers when they logged in and when they were last seen. A request
after NOPSA_SESSION_IDLE_MINUTES without one, or NOPSA_SESSION_MAX_HOURS after login, logs them
out and sends them to the login page with a message saying why (htmx requests get a client-side
redirect, so that a poll on an open page lands there too). Polls count as activity: a cockpit
left open during a long workshop keeps its facilitator logged in until the absolute limit.

"Last seen" is written at most once a minute, so that polling pages do not write the session
on every request. Participants have no session (their identity is a signed cookie), and a
request without a session cookie is passed on untouched.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

LOGIN_AT = "nopsa_login_at"
SEEN_AT = "nopsa_seen_at"
# Seconds between two writes of "last seen".
SEEN_GRANULARITY = 60


def now() -> float:
    """The clock (seconds since the epoch); tests move it forward."""
    return time.time()


@receiver(user_logged_in, dispatch_uid="nopsa.sessions.login_time")
def _remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        stamp = now()
        request.session[LOGIN_AT] = stamp
        request.session[SEEN_AT] = stamp


def expiry_reason(session, at: float) -> str | None:
    """Why a staff session has ended at time `at`, or None while it is valid."""
    idle = settings.NOPSA_SESSION_IDLE_MINUTES
    max_hours = settings.NOPSA_SESSION_MAX_HOURS
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if login_at is not None and at - login_at > max_hours * 3600:
        return _(
            "You were logged out because %(hours)s hours have passed since you logged in. "
            "Please log in again."
        ) % {"hours": max_hours}
    if seen_at is not None and at - seen_at > idle * 60:
        return _(
            "You were logged out after %(minutes)s minutes without activity. Please log in again."
        ) % {"minutes": idle}
    return None


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            expired = self._check(request)
            if expired is not None:
                return expired
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        session = request.session
        at = now()
        reason = expiry_reason(session, at)
        if reason is not None:
            logout(request)
            messages.info(request, reason)
            login = resolve_url(settings.LOGIN_URL)
            if request.headers.get("HX-Request") == "true":
                return HttpResponseClientRedirect(login)
            target = request.get_full_path() if request.method == "GET" else ""
            return HttpResponseRedirect(f"{login}?next={quote(target)}" if target else login)
        if session.get(LOGIN_AT) is None:
            session[LOGIN_AT] = at
        if at - session.get(SEEN_AT, 0) >= SEEN_GRANULARITY:
            session[SEEN_AT] = at
        return None
