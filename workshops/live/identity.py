"""Participants' identity: a random token in a signed cookie, one entry per series.

The cookie maps a series id to "<participant pk>:<token>" — the token made when the
participant joined on this device — or to "<participant pk>:<token>:link" when the device
came in through the participant's personal link (`models.PersonalLink`), whose token it then
holds. The signature makes the cookie tamper-proof, so the hot poll path can trust the
participant pk of a device token without a query; anything that reads or writes content
checks the token against the stored hash, and a link token is always checked (a link can be
revoked).

The cookie expires with the series: each entry is kept until the end of the day
NOPSA_PARTICIPANT_COOKIE_DAYS (default 30) days after the last workshop date of its series —
for the series being joined, its last date or today, whichever is later; undated workshops
count from today — and the cookie as a whole lives until the latest of its entries' ends.
Entries of series that ended longer ago are dropped whenever the cookie is written again (on
joining or coming in through a personal link).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Exists, Max, OuterRef
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ..models import Attendance, Participant, PersonalLink, Series, Workshop

COOKIE_SALT = "nopsa.participant"
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


LINK = "link"


@dataclass(frozen=True)
class Claim:
    """What the signed cookie says about this device in one series, unchecked."""

    participant_id: int
    token: str
    by_link: bool = False


def claimed_identity(request: HttpRequest, series_id: int) -> Claim | None:
    """The participant and token as the signed cookie states them, unchecked against the
    database."""
    entry = _entries(request).get(str(series_id))
    if not entry:
        return None
    pk, _, rest = entry.partition(":")
    token, _, origin = rest.partition(":")
    if not pk.isdigit() or not token:
        return None
    return Claim(int(pk), token, by_link=origin == LINK)


def participants_with_link_token(token: str):
    """Participants with a working (not revoked) personal link whose token is `token`."""
    token_hash = hash_token(token)
    return Participant.objects.filter(
        Exists(
            PersonalLink.objects.active().filter(participant=OuterRef("pk"), token_hash=token_hash)
        )
    )


def participant_for(request: HttpRequest, series: Series, *, attending=None) -> Participant | None:
    """The participant of `series` on this device, checked against the stored token hash (or
        the working personal link the device came in by); with `attending` (a workshop), only if
        they attend it (in the same query). Phone requests to a live workshop ask this with the
    workshop in one query (`permissions.get_live_participant`)."""
    claim = claimed_identity(request, series.pk)
    if claim is None:
        return None
    if claim.by_link:
        candidates = participants_with_link_token(claim.token)
    else:
        candidates = Participant.objects.filter(token_hash=hash_token(claim.token))
    if attending is not None:
        candidates = candidates.filter(
            Exists(Attendance.objects.filter(participant=OuterRef("pk"), workshop=attending))
        )
    return candidates.filter(pk=claim.participant_id, series=series).first()


def entry_ends(series_ids, joining_id: int) -> dict[int, dt.datetime]:
    """When each series' cookie entry ends: the end of the day NOPSA_PARTICIPANT_COOKIE_DAYS
    days after its last workshop date (for `joining_id`, not before today; a series whose
    workshops have no date counts from today). One query."""
    today = timezone.localdate()
    days = dt.timedelta(days=settings.NOPSA_PARTICIPANT_COOKIE_DAYS + 1)
    last_dates = dict(
        Workshop.objects.filter(series_id__in=series_ids)
        .values("series_id")
        .annotate(last=Max("date"))
        .values_list("series_id", "last")
    )
    ends = {}
    for series_id in series_ids:
        if series_id not in last_dates and series_id != joining_id:
            continue  # a series deleted since, or without workshops: its entry ends now
        last = last_dates.get(series_id) or today  # undated workshops: counted from today
        if series_id == joining_id:
            last = max(last, today)
        midnight = dt.datetime.combine(last + days, dt.time.min)
        ends[series_id] = timezone.make_aware(midnight)
    return ends


def remember(
    request: HttpRequest,
    response: HttpResponse,
    participant: Participant,
    token: str,
    *,
    by_link: bool = False,
):
    """Store the participant's token in the cookie, next to their other series; entries of
    series that ended (see the module's docstring) are dropped."""
    entries = _entries(request)
    entry = f"{participant.pk}:{token}"
    entries.pop(str(participant.series_id), None)
    entries[str(participant.series_id)] = f"{entry}:{LINK}" if by_link else entry
    if len(entries) > MAX_SERIES_IN_COOKIE:
        for key in list(entries)[: len(entries) - MAX_SERIES_IN_COOKIE]:
            del entries[key]
    ids = [int(key) for key in entries if key.isdigit()]
    now = timezone.now()
    ends = entry_ends(ids, participant.series_id)
    entries = {
        key: value
        for key, value in entries.items()
        if key.isdigit() and ends.get(int(key), now) > now
    }
    response.set_cookie(
        cookie_name(),
        signing.dumps(entries, salt=COOKIE_SALT, compress=True),
        max_age=int((max(ends.values()) - now).total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
