"""Participants' identity: a random token in a signed cookie, one entry per series.

The cookie maps a series id to "<participant pk>:<token>". The signature makes it
tamper-proof, so the hot poll path can trust the participant pk without a query; anything
that reads or writes content also checks the token against the stored hash.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from ..models import Participant, Series

COOKIE_SALT = "nopsa.participant"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
MAX_SERIES_IN_COOKIE = 20


def cookie_name() -> str:
    return getattr(settings, "NOPSA_PARTICIPANT_COOKIE", "nopsa_participant")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _entries(request: HttpRequest) -> dict[str, str]:
    value = request.COOKIES.get(cookie_name())
    if not value:
        return {}
    try:
        entries = signing.loads(value, salt=COOKIE_SALT)
    except signing.BadSignature:
        return {}
    return entries if isinstance(entries, dict) else {}


def claimed_identity(request: HttpRequest, series_id: int) -> tuple[int, str] | None:
    """(participant pk, token) as the signed cookie states them, unchecked against the database."""
    entry = _entries(request).get(str(series_id))
    if not entry:
        return None
    pk, _, token = entry.partition(":")
    return (int(pk), token) if pk.isdigit() and token else None


def participant_for(request: HttpRequest, series: Series) -> Participant | None:
    """The participant of `series` on this device, checked against the stored token hash."""
    entry = _entries(request).get(str(series.pk))
    if not entry:
        return None
    pk, _, token = entry.partition(":")
    if not pk.isdigit() or not token:
        return None
    return Participant.objects.filter(
        pk=int(pk), series=series, token_hash=hash_token(token)
    ).first()


def remember(request: HttpRequest, response: HttpResponse, participant: Participant, token: str):
    """Store the participant's token in the cookie, next to their other series."""
    entries = _entries(request)
    entries[str(participant.series_id)] = f"{participant.pk}:{token}"
    if len(entries) > MAX_SERIES_IN_COOKIE:
        for key in list(entries)[: len(entries) - MAX_SERIES_IN_COOKIE]:
            del entries[key]
    response.set_cookie(
        cookie_name(),
        signing.dumps(entries, salt=COOKIE_SALT, compress=True),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
