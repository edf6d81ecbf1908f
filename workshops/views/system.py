"""Pages of the app itself rather than of a workshop: the login lockout, the session keep-alive
and the health check."""

from __future__ import annotations

import datetime as dt

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..clientip import client_ip


def login_locked_out(request: HttpRequest, original_response=None, credentials=None):
    """The lockout page (axes' AXES_LOCKOUT_CALLABLE): 429, when the lock lifts, what to do."""
    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    username = get_client_username(request, credentials) or ""
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=client_ip(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    now = timezone.now()
    lifts_at = (last or now) + cool_off
    wait = max(1, int((lifts_at - now).total_seconds() + 0.999))
    response = render(
        request,
        "registration/locked_out.html",
        {
            "lifts_at": lifts_at,
            "minutes": max(1, (wait + 59) // 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """200 {"status": "ok"} when the database answers one `SELECT 1`, 503 otherwise.

    Touches no session, sets no cookie and says nothing about the request or the data.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
@login_required
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """204 for a logged-in user: the request itself counts as activity
    (`nopsa.sessions.StaffSessionTimeoutMiddleware`). Pages call it when the user chooses to
    continue a session that is about to end, and while they type (typing sends no request)."""
    return HttpResponse(status=204)
