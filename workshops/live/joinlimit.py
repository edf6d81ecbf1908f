"""The limit on wrong join codes: after `NOPSA_JOIN_CODE_LIMIT` (10) wrong codes within one
minute from one address, every join by code from that address is answered 429 until the
minute is over. Right codes are never counted.

Why this makes join codes impossible to enumerate: a join code is 6 characters from an
alphabet of 27 (`workshops.codes.ALPHABET`), so there are 27**6 = 387,420,489 codes. An
address gets at most 10 guesses a minute = 14,400 a day. With even 100 workshops live at the
same moment, one guess hits one of them with probability 100 / 387,420,489, so a day of
guessing from one address finds a live workshop with probability about
14,400 × 100 / 387,420,489 ≈ 0.37 %, and a workshop is live only for its few hours. An ended or
unknown code gets the same answer (the join code is freed when a workshop ends), so a guess
learns nothing but "no". (`tests/live/test_join_limit.py` checks these figures.)

The counter is a database row per (address, minute), written with one atomic upsert, so every
app process sharing the database counts together; the address is stored only as a keyed hash.
The limit slides: the previous minute's count weighs by how much of it still lies within the
last 60 seconds, so a burst at a minute's edge is held like any other.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from ..clientip import client_ip
from ..models import RateCount

SCOPE = "join-code"
PERIOD = 60
# Rows older than this are deleted when a new window's row is written.
KEEP_SECONDS = 3600


def _clock() -> float:
    return time.time()


def limit() -> int:
    return int(getattr(settings, "NOPSA_JOIN_CODE_LIMIT", 10))


def _client(request: HttpRequest) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (client_ip(request) or "").encode(), hashlib.sha256).hexdigest()


def _window(now: float) -> int:
    return int(now // PERIOD) * PERIOD


def retry_after(request: HttpRequest) -> int | None:
    """Seconds until this address may try a code again, or None when it may now (one query).

    The wrong codes of the last 60 seconds are estimated as this minute's count plus the
    previous minute's, weighted by the share of it still within the last 60 seconds."""
    now = _clock()
    window = _window(now)
    counts = dict(
        RateCount.objects.filter(
            scope=SCOPE, client=_client(request), window_start__in=[window - PERIOD, window]
        ).values_list("window_start", "hits")
    )
    current, previous = counts.get(window, 0), counts.get(window - PERIOD, 0)
    passed = (now - window) / PERIOD  # of this minute
    # Rounded up: a guess counts until it has wholly slid out of the last 60 seconds.
    if current + math.ceil(previous * (1 - passed)) < limit():
        return None
    if current >= limit():
        return max(1, int(window + PERIOD - now + 0.999))
    # Held by the previous minute's count: until enough of it has slid out.
    free_at = 1 - (limit() - current) / previous  # share of this minute
    return max(1, int((free_at - passed) * PERIOD + 0.999))


def count_wrong_code(request: HttpRequest) -> int:
    """Count one wrong code from this address in the current window; returns the count."""
    window = _window(_clock())
    table = connection.ops.quote_name(RateCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, client, window_start, hits) VALUES (%s, %s, %s, 1) "  # noqa: S608
            "ON CONFLICT (scope, client, window_start) "
            f"DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [SCOPE, _client(request), window],
        )
        hits = cursor.fetchone()[0]
    if hits == 1:
        RateCount.objects.filter(window_start__lt=window - KEEP_SECONDS).delete()
    return hits
