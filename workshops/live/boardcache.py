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
than its key, never older. The cache is Django's (per process unless CACHES says otherwise),
with the process's own last drawings in front of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
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
    from .fastread import fetch  # prepared on PostgreSQL

    return fetch(VERSION_SQL, [workshop_id])[0][0]


def shared(
    name: str,
    step,
    make: Callable[[], T],
    *,
    per_language: bool = False,
    known_version: int | None = None,
) -> T:
    """`make()` as it was at the board's current version: from the cache when this version of
    the step's board has been made already. `step` keys it by its random public id (ids of
    rows repeat between test databases; public ids do not). `known_version`: the version as
    the caller has just read it (in a round trip it made anyway)."""
    if not enabled():
        return make()
    current = version(step.workshop_id) if known_version is None else known_version
    parts = [name, str(step.public_id), str(step.position), str(current)]
    if per_language:
        parts.append(translation.get_language() or "")
    key = "nopsa-board:" + ":".join(parts)
    now = time.time()
    held = _memo.get(key)
    if held is None or held[0] <= now:
        held = cache.get(key)  # (made until, drawing): the memo keeps the same end
        if held is None or held[0] <= now:
            seconds = settings.NOPSA_BOARD_CACHE_SECONDS
            held = (now + seconds, make())
            cache.set(key, held, seconds)
        if len(_memo) >= MEMO_MAX:
            _memo.clear()
        _memo[key] = held
    return held[1]


# The drawings this process used last, as objects: Django's cache pickles, and unpickling a
# ballot's themes for every phone cost more than drawing the ballot. Entries are only ever
# added whole and read (a dict's single operations need no lock), the key holds the version,
# and an entry ends when the cache's entry it came from ends. The drawings are shared between
# threads: nothing may change them.
_memo: dict[str, tuple[float, object]] = {}
MEMO_MAX = 256
