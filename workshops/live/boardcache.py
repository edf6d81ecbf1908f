"""What a board shows every viewer alike, made once per version and kept in the cache.

In a big room every phone draws the same themes with the same notes, and the same ballot
items, whenever the board changes: hundreds of identical reads and drawings within a second
(the themes step of a 300-person workshop cost about 60 ms of CPU per phone). The board's
version is the id of the workshop's newest event of a kind that changes what everyone sees
(`models.live.BOARD_KINDS`: notes, themes, the step, the workshop's state), read with one
indexed query. Each write of such a change appends its event in the same transaction, so a new
version means a new key, and an entry is never trusted for longer than
`NOPSA_BOARD_CACHE_SECONDS` in any case (a change made outside the live services, such as a
participant deleting their own contributions, shows within that time).

The version is read before the board: a change that commits in between makes the entry newer
than its key, never older. The cache is Django's (per process unless CACHES says otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

T = TypeVar("T")

# The partial index `workshops_liveevent_board` has this very condition (BOARD_KINDS; a test
# holds the two together).
VERSION_SQL = (
    "SELECT COALESCE(MAX(id), 0) FROM workshops_liveevent WHERE workshop_id = %s "
    "AND kind IN ('state', 'step', 'note', 'note_gone', 'theme')"
)


def enabled() -> bool:
    return settings.NOPSA_BOARD_CACHE_SECONDS > 0


def version(workshop_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, [workshop_id])
        return cursor.fetchone()[0]


def shared(name: str, step, make: Callable[[], T], *, per_language: bool = False) -> T:
    """`make()` as it was at the board's current version: from the cache when this version of
    the step's board has been made already. `step` keys it by its random public id (ids of
    rows repeat between test databases; public ids do not)."""
    if not enabled():
        return make()
    parts = [name, str(step.public_id), str(step.position), str(version(step.workshop_id))]
    if per_language:
        parts.append(translation.get_language() or "")
    key = "nopsa-board:" + ":".join(parts)
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, settings.NOPSA_BOARD_CACHE_SECONDS)
    return value
