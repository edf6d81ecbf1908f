"""The hot path: "what changed for this screen since event X?" in one indexed query.

Events of one workshop become visible in id order (see `services._event`), so a screen that
has seen event X has seen every event before it, and the id is a complete marker.

A participant's poll is one query whether or not anything changed: the range scan of the
workshop's events after the marker, joined with the notes they name and with one row of
context (the current step, whether it is private, whether the participant's token — or, for a
device that came in by a personal link, that link — is still valid). On a 2-core machine every extra
round trip to the database is a context switch.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from django.db import connection

from ..models import LiveEvent, Note, PersonalLink
from . import fastread, signals

EVENTS_PER_POLL = 300
STRUCTURAL = {LiveEvent.Kind.STATE, LiveEvent.Kind.STEP}
# Changes within a step that redraw the stage of whoever sees them (themes, dots, challenges),
# without the "Now: <step>" announcement of a structural change.
REDRAW = {LiveEvent.Kind.THEME, LiveEvent.Kind.VOTE, LiveEvent.Kind.CHALLENGE}
# What the memory path can answer; anything else visible goes to the database path.
MEMORY_KINDS = {LiveEvent.Kind.NOTE, LiveEvent.Kind.NOTE_GONE, LiveEvent.Kind.PEOPLE}

_EVENTS = LiveEvent._meta.db_table
_NOTES = Note._meta.db_table
_LINKS = PersonalLink._meta.db_table

_STAFF_SQL = (
    "SELECT e.id, e.kind, e.note_public_id, e.audience, e.participant_id "  # noqa: S608
    f"FROM {_EVENTS} e WHERE e.workshop_id = %s AND e.id > %s ORDER BY e.id LIMIT %s"
)

# Staff-only events are left out in SQL: they are not notified (see `services._event`), so
# a phone's marker stays behind them, and a poll that goes to the database after a busy
# hidden vote must not walk through its dots. Others' private notes are filtered in Python,
# and the marker moves past them.
# `{valid}` checks the device's claim: the participant's own token, or (a device that came in
# by a personal link) a link of theirs that has not been revoked.
_PARTICIPANT_SQL = (
    "SELECT e.id, e.kind, e.note_public_id, e.audience, e.participant_id, "  # noqa: S608
    "n.step_id, n.participant_id, n.text, n.category, n.hidden_at, "
    "ctx.state, ctx.current_step_id, ctx.settings, ctx.revealed_at, ctx.valid "
    f"FROM {_EVENTS} e "
    f"LEFT JOIN {_NOTES} n ON n.public_id = e.note_public_id "
    "CROSS JOIN ("
    "  SELECT w.state, w.current_step_id, s.settings, s.revealed_at, "
    "  EXISTS (SELECT 1 FROM workshops_participant p WHERE p.id = %s "
    "          AND p.series_id = w.series_id AND {valid}) AS valid "
    "  FROM workshops_workshop w LEFT JOIN workshops_step s ON s.id = w.current_step_id "
    "  WHERE w.id = %s"
    ") ctx "
    f"WHERE e.workshop_id = %s AND e.id > %s AND e.audience <> {int(LiveEvent.Audience.STAFF)} "
    "ORDER BY e.id LIMIT %s"
)
_DEVICE_SQL = _PARTICIPANT_SQL.replace("{valid}", "p.token_hash = %s")
_LINK_SQL = _PARTICIPANT_SQL.replace(
    "{valid}",
    f"EXISTS (SELECT 1 FROM {_LINKS} l WHERE l.participant_id = p.id "  # noqa: S608
    "AND l.token_hash = %s AND l.revoked_at IS NULL)",
)


@dataclass
class Event:
    id: int
    kind: str
    note_id: uuid.UUID | None


@dataclass
class ParticipantContext:
    """The workshop as a participant's poll needs it."""

    state: str
    current_step_id: int | None
    step_private: bool
    valid: bool


@dataclass
class Changes:
    events: list[Event]
    marker: int
    truncated: bool
    context: ParticipantContext | None = None
    # Notes named by the events, as they are now (absent when deleted).
    notes: dict[uuid.UUID, Note] = field(default_factory=dict)

    @property
    def structural_ids(self) -> list[int]:
        return [e.id for e in self.events if e.kind in STRUCTURAL]

    @property
    def redraws(self) -> bool:
        return any(e.kind in REDRAW for e in self.events)

    def has(self, kind: str) -> bool:
        return any(e.kind == kind for e in self.events)

    def note_ids(self) -> list[uuid.UUID]:
        seen: list[uuid.UUID] = []
        for event in self.events:
            if event.note_id is not None and event.note_id not in seen:
                seen.append(event.note_id)
        return seen


def _uuid(value) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))  # SQLite stores UUIDs as text


def _visible_to(row, participant_id: int | None) -> bool:
    audience, owner = row[3], row[4]
    return audience == LiveEvent.Audience.EVERYONE or (
        audience == LiveEvent.Audience.PERSONAL and owner == participant_id
    )


def _changes(rows: list, visible) -> Changes:
    """The events of `rows` that `visible` keeps; the marker moves past all of them."""
    return Changes(
        events=[Event(id=row[0], kind=row[1], note_id=_uuid(row[2])) for row in visible],
        marker=rows[-1][0],
        truncated=len(rows) >= EVENTS_PER_POLL,
    )


def staff_changes_since(*, workshop_id: int, since: int) -> Changes | None:
    """Every event after `since`, for a staff screen; None when there is none (204).

    Always the database: staff-only events (a hidden vote's dots, joins) are not notified,
    so this process cannot know of them. A few staff screens per workshop."""
    rows = fastread.fetch(_STAFF_SQL, [workshop_id, since, EVENTS_PER_POLL])
    return _changes(rows, rows) if rows else None


def changes_since(
    *,
    workshop_id: int,
    since: int,
    participant_id: int | None = None,
    token_hash: str = "",
    by_link: bool = False,
) -> Changes | None:
    """Events after `since` that one participant may see.

    None when there is nothing new at all (the poll answers 204). Otherwise the visible
    events (possibly none: the marker still moves on), the notes the events name and the
    workshop's context.
    """
    listening = signals.generation()
    known = signals.known_latest(workshop_id, listening) if listening is not None else None
    if known is not None and since >= known:
        return None  # this process knows that nothing newer for phones has been committed
    rows = fastread.fetch(
        _LINK_SQL if by_link else _DEVICE_SQL,
        [participant_id, token_hash, workshop_id, workshop_id, since, EVENTS_PER_POLL],
    )
    if listening is not None and not signals.covered(workshop_id):
        # A workshop this process does not buffer yet: learn where it stands once, so that
        # the next polls are answered from memory.
        start_covering(workshop_id)
    if not rows:
        return None
    signals.remember(workshop_id, rows[-1][0], listening)
    changes = _changes(rows, [row for row in rows if _visible_to(row, participant_id)])
    state, step_id, step_settings, revealed_at, valid = rows[0][10:15]
    if isinstance(step_settings, str):
        step_settings = json.loads(step_settings)
    changes.context = ParticipantContext(
        state=state,
        current_step_id=step_id,
        step_private=bool((step_settings or {}).get("private_until_reveal"))
        and revealed_at is None,
        valid=bool(valid),
    )
    for row in rows:
        note_id = _uuid(row[2])
        if note_id is None or row[7] is None or not _visible_to(row, participant_id):
            continue
        changes.notes[note_id] = Note(
            public_id=note_id,
            workshop_id=workshop_id,
            step_id=row[5],
            participant_id=row[6],
            text=row[7],
            category=row[8],
            hidden_at=row[9],
        )
    return changes


def start_covering(workshop_id: int) -> None:
    """Read the newest event a phone can see and the workshop's context, and let this process
    buffer the workshop's events from there (see `signals.cover`)."""
    from .services import workshop_context

    listening = signals.generation()
    if listening is None:
        return
    from django.db import transaction

    with transaction.atomic():  # one snapshot for both reads
        marker = latest_marker(workshop_id=workshop_id)
        context = workshop_context(workshop_id)
    signals.cover(workshop_id, listening, marker, context)


def recent_from_memory(*, workshop_id: int, since: int, participant_id: int) -> Changes | None:
    """A participant's changes from this process's buffer, or None when it cannot be sure.

    Only note events are served here; anything else goes to the database path.
    """
    buffered = signals.recent_changes(workshop_id, since)
    if buffered is None:
        return None
    view, events = buffered
    if not events:
        return None
    changes = Changes(
        events=[],
        marker=events[-1].id,
        truncated=False,
        context=ParticipantContext(
            state=view.state,
            current_step_id=view.current_step_id,
            step_private=view.step_private,
            valid=True,
        ),
    )
    for event in events:
        visible = event.audience == LiveEvent.Audience.EVERYONE or (
            event.audience == LiveEvent.Audience.PERSONAL and event.participant_id == participant_id
        )
        if not visible:
            # Only moves the marker on, whatever its kind (someone else's private note):
            # the database path would skip it the same way.
            continue
        if event.kind not in MEMORY_KINDS:
            return None  # a change of step, state, timer, themes or dots: the database path
        note_id = uuid.UUID(event.note_public_id) if event.note_public_id else None
        if event.note is not None:
            _public_id, step_id, author, text, category, hidden = event.note
            changes.notes[note_id] = Note(
                public_id=note_id,
                workshop_id=workshop_id,
                step_id=step_id,
                participant_id=author,
                text=text,
                category=category,
                hidden_at=hidden or None,
            )
        elif note_id is not None:
            changes.notes.pop(note_id, None)  # deleted since an earlier event of this batch
        changes.events.append(Event(id=event.id, kind=event.kind, note_id=note_id))
    return changes


def latest_marker(*, workshop_id: int, staff: bool = False) -> int:
    """The marker for a page that renders the whole state now: the newest event that its
    viewer's polls read (for a participant's page, staff-only events are not among them)."""
    listening = signals.generation()
    phones = "" if staff else f" AND audience <> {int(LiveEvent.Audience.STAFF)}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(id) FROM {_EVENTS} WHERE workshop_id = %s{phones}",  # noqa: S608
            [workshop_id],
        )
        row = cursor.fetchone()
    marker = row[0] or 0
    if marker and not staff:
        # Only what is notified: a staff-only event's id would make the phones' markers,
        # which stay behind such events, look out of date.
        signals.remember(workshop_id, marker, listening)
    return marker
