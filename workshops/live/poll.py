"""The hot path: "what changed for this screen since event X?" in one indexed query.

On PostgreSQL, event ids are taken at insert but become visible at commit, so a later id can
be seen before an earlier one. The marker handed back to a screen therefore stops before
events younger than `commit_lag()`; those are sent again on the next poll, and screens apply
them idempotently (by element id).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..models import LiveEvent

EVENTS_PER_POLL = 300
STRUCTURAL = {LiveEvent.Kind.STATE, LiveEvent.Kind.STEP}

_TABLE = LiveEvent._meta.db_table
_STAFF_SQL = (
    f"SELECT id, kind, note_public_id, created_at FROM {_TABLE} "  # noqa: S608 — constant names
    "WHERE workshop_id = %s AND id > %s ORDER BY id LIMIT %s"
)
_PARTICIPANT_SQL = (
    f"SELECT id, kind, note_public_id, created_at FROM {_TABLE} "  # noqa: S608
    "WHERE workshop_id = %s AND audience = 0 AND id > %s "
    "UNION ALL "
    f"SELECT id, kind, note_public_id, created_at FROM {_TABLE} "
    "WHERE participant_id = %s AND workshop_id = %s AND id > %s "
    "ORDER BY 1 LIMIT %s"
)


def commit_lag() -> dt.timedelta:
    """How long an event may stay invisible after its id was taken (0 where writes are serial)."""
    default = 0.0 if connection.vendor == "sqlite" else 2.0
    return dt.timedelta(seconds=getattr(settings, "NOPSA_LIVE_COMMIT_LAG_SECONDS", default))


@dataclass
class Event:
    id: int
    kind: str
    note_id: uuid.UUID | None
    created_at: dt.datetime


@dataclass
class Changes:
    events: list[Event]
    marker: int
    truncated: bool

    @property
    def structural_ids(self) -> list[int]:
        return [e.id for e in self.events if e.kind in STRUCTURAL]

    def has(self, kind: str) -> bool:
        return any(e.kind == kind for e in self.events)

    def note_ids(self, kind: str | None = None) -> list[uuid.UUID]:
        seen = []
        for e in self.events:
            if e.note_id is not None and (kind is None or e.kind == kind) and e.note_id not in seen:
                seen.append(e.note_id)
        return seen


def _to_event(row) -> Event:
    note_id = row[2]
    if note_id is not None and not isinstance(note_id, uuid.UUID):
        note_id = uuid.UUID(str(note_id))
    created = row[3]
    if isinstance(created, str):
        created = parse_datetime(created)
        if created is not None and timezone.is_naive(created):
            created = timezone.make_aware(created, dt.UTC)
    return Event(id=row[0], kind=row[1], note_id=note_id, created_at=created)


def changes_since(
    *, workshop_id: int, since: int, participant_id: int | None = None, staff: bool = False
) -> Changes | None:
    """Events after `since` for a staff screen or for one participant; None when nothing."""
    with connection.cursor() as cursor:
        if staff:
            cursor.execute(_STAFF_SQL, [workshop_id, since, EVENTS_PER_POLL])
        else:
            cursor.execute(
                _PARTICIPANT_SQL,
                [workshop_id, since, participant_id, workshop_id, since, EVENTS_PER_POLL],
            )
        rows = cursor.fetchall()
    if not rows:
        return None
    events = [_to_event(row) for row in rows]
    lag = commit_lag()
    marker = since
    if lag:
        settled_before = timezone.now() - lag
        for event in events:
            if event.created_at > settled_before:
                break
            marker = event.id
    else:
        marker = events[-1].id
    return Changes(events=events, marker=marker, truncated=len(rows) >= EVENTS_PER_POLL)


def latest_marker(*, workshop_id: int) -> int:
    """The marker for a page that renders the whole state now: the newest settled event."""
    settled_before = timezone.now() - commit_lag()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {_TABLE} WHERE workshop_id = %s AND created_at <= %s "  # noqa: S608
            "ORDER BY id DESC LIMIT 1",
            [workshop_id, settled_before],
        )
        row = cursor.fetchone()
    return row[0] if row else 0
