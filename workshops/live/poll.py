"""The hot path: "what changed for this screen since event X?" in one indexed query.

Events of one workshop become visible in id order (see `services._event`), so a screen that
has seen event X has seen every event before it, and the id is a complete marker.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..models import LiveEvent

EVENTS_PER_POLL = 300
STRUCTURAL = {LiveEvent.Kind.STATE, LiveEvent.Kind.STEP}

_TABLE = LiveEvent._meta.db_table
# One range scan on (workshop_id, id). Events a participant may not see (others' private
# notes, staff-only events) are filtered in Python, and the marker still moves past them,
# so nobody rescans them on the next poll.
_EVENTS_SQL = (
    "SELECT id, kind, note_public_id, created_at, audience, participant_id "  # noqa: S608
    f"FROM {_TABLE} WHERE workshop_id = %s AND id > %s ORDER BY id LIMIT %s"
)


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


def _created(value) -> dt.datetime:
    if isinstance(value, str):  # SQLite
        value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, dt.UTC)
    return value


def _to_event(row) -> Event:
    note_id = row[2]
    if note_id is not None and not isinstance(note_id, uuid.UUID):
        note_id = uuid.UUID(str(note_id))
    return Event(id=row[0], kind=row[1], note_id=note_id, created_at=_created(row[3]))


def changes_since(
    *, workshop_id: int, since: int, participant_id: int | None = None, staff: bool = False
) -> Changes | None:
    """Events after `since` that a staff screen or one participant may see.

    None when there is nothing new at all (the poll answers 204). Otherwise the visible
    events (possibly none) and the marker to poll from next.
    """
    with connection.cursor() as cursor:
        cursor.execute(_EVENTS_SQL, [workshop_id, since, EVENTS_PER_POLL])
        rows = cursor.fetchall()
    if not rows:
        return None
    marker = rows[-1][0]
    visible = [
        _to_event(row)
        for row in rows
        if staff
        or row[4] == LiveEvent.Audience.EVERYONE
        or (row[4] == LiveEvent.Audience.PERSONAL and row[5] == participant_id)
    ]
    return Changes(events=visible, marker=marker, truncated=len(rows) >= EVENTS_PER_POLL)


def latest_marker(*, workshop_id: int) -> int:
    """The marker for a page that renders the whole state now: the newest event."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(id) FROM {_TABLE} WHERE workshop_id = %s",  # noqa: S608
            [workshop_id],
        )
        row = cursor.fetchone()
    return row[0] or 0


@dataclass
class ParticipantContext:
    """What a changed poll needs to know, read in one query."""

    state: str
    current_step_id: int | None
    step_private: bool
    valid: bool


_CONTEXT_SQL = (
    "SELECT w.state, w.current_step_id, s.settings, s.revealed_at, "
    "EXISTS (SELECT 1 FROM workshops_participant p WHERE p.id = %s AND p.token_hash = %s "
    "AND p.series_id = w.series_id) "
    "FROM workshops_workshop w LEFT JOIN workshops_step s ON s.id = w.current_step_id "
    "WHERE w.id = %s"
)


def participant_context(
    *, workshop_id: int, participant_id: int, token_hash: str
) -> ParticipantContext | None:
    import json

    with connection.cursor() as cursor:
        cursor.execute(_CONTEXT_SQL, [participant_id, token_hash, workshop_id])
        row = cursor.fetchone()
    if row is None:
        return None
    state, step_id, step_settings, revealed_at, valid = row
    if isinstance(step_settings, str):
        step_settings = json.loads(step_settings)
    private = bool((step_settings or {}).get("private_until_reveal")) and revealed_at is None
    return ParticipantContext(
        state=state, current_step_id=step_id, step_private=private, valid=bool(valid)
    )
