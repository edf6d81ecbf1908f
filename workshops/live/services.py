"""Writes of a live workshop. Each one appends its LiveEvent in the same transaction."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..codes import random_code
from ..models import (
    NOTE_MAX,
    Attendance,
    Dot,
    LiveEvent,
    Note,
    Participant,
    Series,
    Step,
    Workshop,
)
from ..textguard import validate_text
from . import fastread, identity, signals
from .kinds import live_unit, step_categories

JOIN_CODE_LENGTH = 6
TIMER_MAX_SECONDS = 8 * 60 * 60

Audience = LiveEvent.Audience
Kind = LiveEvent.Kind


class LiveError(ValidationError):
    """A live action that is not possible now; its message is shown to the user."""


def validate_live_text(text: str) -> None:
    """The text validators (workshops/textguard.py) for live actions, whose views show a
    LiveError's message: a refused text is a LiveError too, never an uncaught error."""
    try:
        validate_text(text)
    except LiveError:
        raise
    except ValidationError as exc:
        raise LiveError(exc.messages, code="text") from exc


# Advisory-lock namespace of live events ("NO" in ASCII).
EVENT_LOCK_NAMESPACE = 0x4E4F


def _event(
    workshop: Workshop,
    kind: str,
    audience: int = Audience.EVERYONE,
    participant: Participant | None = None,
    note: Note | None = None,
    *,
    commit: bool = False,
    writes: list[tuple[str, list]] = (),
) -> LiveEvent:
    """Append the change to the workshop's log: the last write of its transaction.

    On PostgreSQL an event id is taken at insert but seen by others only at commit, so two
    writers could become visible out of id order and a poll could skip the earlier one. A
    transaction-scoped advisory lock per workshop, held from here to the commit, makes the
    events of one workshop commit in id order. It locks no row (nothing is updated), and
    different workshops never wait for each other. SQLite writes one transaction at a time.

    `commit=True` (for the busiest writes, a dot): when this is the outermost transaction,
    commit it here, in the same round trip as the insert (psycopg's pipeline), so that the
    lock is held only while the server works. Held across a round trip, it was held for as
    long as the thread waited for the GIL on its return, and at ~150 dots a second every dot of
    the room queued behind it. Nothing may be written after such an event. `writes`: the
    transaction's own last writes (SQL and parameters, see `fastread.batch`), sent before the
    event in the same round trip.
    """
    if connection.vendor != "postgresql":
        if writes:
            fastread.batch(list(writes))
        return LiveEvent.objects.create(
            workshop=workshop,
            kind=kind,
            audience=audience,
            participant=participant,
            note_public_id=note.public_id if note else None,
        )
    context = None
    # Staff-only events are not notified: no phone shows them, and staff screens read the
    # database at each poll (`poll.changes_since`). A hidden vote's dots are such events:
    # notified, each one woke every worker's listener and moved every phone's marker on, so
    # that in a 300-person vote every phone's poll was an answer instead of a 204.
    notify = signals.enabled() and audience != Audience.STAFF
    if notify and kind in (Kind.STEP, Kind.STATE):
        # What the phones' polls depend on, read under the lock (it is taken again below:
        # advisory locks of one transaction stack).
        _lock_events(workshop.pk)
        context = workshop_context(workshop.pk)
    event = LiveEvent(
        workshop=workshop,
        kind=str(kind),
        audience=int(audience),
        participant=participant,
        note_public_id=note.public_id if note else None,
        created_at=timezone.now(),
    )
    params = [
        EVENT_LOCK_NAMESPACE,
        workshop.pk,
        workshop.pk,
        event.kind,
        event.audience,
        event.participant_id,
        event.note_public_id,
        event.created_at,
    ]
    # Lock, insert and notification in one statement: the lock is held from here to the
    # commit, and every round trip under it (each one a wait for the GIL on its return, in a
    # threaded worker) would make every other writer of the workshop wait too.
    sql = _INSERT_EVENT
    if notify:
        payload_note = note if note is not None and note.pk is not None else None
        rest = signals.payload_without_id(event, note=payload_note, context=context)
        sql, params = _INSERT_EVENT_NOTIFY, [*params, signals.CHANNEL, rest]
    rows = fastread.batch([*writes, (sql, params)], commit=commit)
    event.pk = rows[-1][0][0]
    event._state.adding = False
    event._state.db = connection.alias
    return event


def _lock_events(workshop_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [EVENT_LOCK_NAMESPACE, workshop_id])


_INSERT_EVENT = (
    "WITH held AS (SELECT pg_advisory_xact_lock(%s, %s)), "
    "inserted AS (INSERT INTO workshops_liveevent (workshop_id, kind, audience, participant_id, "
    "note_public_id, created_at) SELECT %s, %s, %s, %s, %s, %s FROM held RETURNING id) "
    "SELECT id FROM inserted"
)
# The same with the notification, whose JSON is the event's without its id: only the insert
# knows the id.
_INSERT_EVENT_NOTIFY = (
    "WITH held AS (SELECT pg_advisory_xact_lock(%s, %s)), "
    "inserted AS (INSERT INTO workshops_liveevent (workshop_id, kind, audience, participant_id, "
    "note_public_id, created_at) SELECT %s, %s, %s, %s, %s, %s FROM held RETURNING id) "
    "SELECT id, pg_notify(%s, '{\"e\":' || id || ',' || %s) FROM inserted"
)


def workshop_context(workshop_id: int) -> dict:
    """State, current step and whether it is private: what a participant's poll depends on."""
    row = (
        Workshop.objects.filter(pk=workshop_id)
        .values("state", "current_step_id", "current_step__settings", "current_step__revealed_at")
        .get()
    )
    settings_ = row["current_step__settings"] or {}
    return {
        "state": row["state"],
        "step": row["current_step_id"],
        "private": bool(settings_.get("private_until_reveal"))
        and row["current_step__revealed_at"] is None,
    }


def event_record(
    *,
    workshop: Workshop,
    kind: str,
    audience: int = Audience.EVERYONE,
    participant: Participant | None = None,
) -> LiveEvent:
    """Record a change that another app made in a live workshop, so that screens redraw.

    For apps that plug in their own live step kinds (`cases`). Call it inside the transaction
    of the change, as its last write; a `Kind.STEP` event redraws the stage of each view that
    may see it (`audience`, and `participant` for `Audience.PERSONAL`).
    """
    return _event(workshop, kind, audience, participant)


# --- Going live -------------------------------------------------------------------------------


@transaction.atomic
def workshop_go_live(*, workshop: Workshop) -> Workshop:
    """Open the workshop for joining with a fresh join code; the first step becomes current."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.state == Workshop.State.LIVE:
        return workshop
    if workshop.state == Workshop.State.HELD:
        raise LiveError(_("This workshop has already been held."))
    # A closed series' content is on its way to the purge (workshops/retention.py). The series
    # row is locked, as closing locks it, so closing and going live never cross.
    closed_at = (
        Series.objects.select_for_update()
        .filter(pk=workshop.series_id)
        .values_list("closed_at", flat=True)
        .first()
    )
    if closed_at is not None:
        raise LiveError(_("The series is closed. A coordinator can open it again."))
    for _attempt in range(10):
        code = random_code(JOIN_CODE_LENGTH)
        if not Workshop.objects.filter(join_code=code).exists():
            break
    workshop.join_code = code
    workshop.state = Workshop.State.LIVE
    workshop.started_at = timezone.now()
    workshop.current_step = workshop.steps.order_by("position", "id").first()
    workshop.timer_ends_at = None
    workshop.timer_paused_seconds = None
    workshop.save(
        update_fields=[
            "join_code",
            "state",
            "started_at",
            "current_step",
            "timer_ends_at",
            "timer_paused_seconds",
        ]
    )
    _event(workshop, Kind.STATE)
    return workshop


@transaction.atomic
def workshop_end(*, workshop: Workshop) -> Workshop:
    """Close joining and input. The code is freed; what was produced stays."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.state != Workshop.State.LIVE:
        return workshop
    workshop.state = Workshop.State.HELD
    workshop.ended_at = timezone.now()
    workshop.join_code = None
    workshop.timer_ends_at = None
    workshop.timer_paused_seconds = None
    workshop.save(
        update_fields=["state", "ended_at", "join_code", "timer_ends_at", "timer_paused_seconds"]
    )
    _event(workshop, Kind.STATE)
    return workshop


# --- Steps and timer --------------------------------------------------------------------------


def _require_live(workshop: Workshop) -> None:
    if workshop.state != Workshop.State.LIVE:
        raise LiveError(_("The workshop is not live."))


@transaction.atomic
def step_go(*, workshop: Workshop, step: Step) -> Workshop:
    _require_live(workshop)
    if step.workshop_id != workshop.pk:
        raise LiveError(_("The step is not part of this workshop."))
    workshop.current_step = step
    workshop.timer_ends_at = None
    workshop.timer_paused_seconds = None
    workshop.save(update_fields=["current_step", "timer_ends_at", "timer_paused_seconds"])
    _event(workshop, Kind.STEP)
    return workshop


def step_neighbour(*, workshop: Workshop, offset: int) -> Step | None:
    steps = list(workshop.steps.order_by("position", "id"))
    if not steps:
        return None
    ids = [s.pk for s in steps]
    index = ids.index(workshop.current_step_id) if workshop.current_step_id in ids else -1
    target = index + offset
    return steps[target] if 0 <= target < len(steps) else None


@transaction.atomic
def step_reveal(*, step: Step, revealed: bool = True) -> Step:
    _require_live(step.workshop)
    step.revealed_at = timezone.now() if revealed else None
    step.save(update_fields=["revealed_at"])
    _event(step.workshop, Kind.STEP)
    return step


@transaction.atomic
def step_set_input_open(*, step: Step, open_: bool) -> Step:
    _require_live(step.workshop)
    step.input_closed_at = None if open_ else timezone.now()
    step.save(update_fields=["input_closed_at"])
    _event(step.workshop, Kind.STEP)
    return step


def timer_seconds_left(workshop: Workshop, now: dt.datetime | None = None) -> int | None:
    if workshop.timer_paused_seconds is not None:
        return workshop.timer_paused_seconds
    if workshop.timer_ends_at is None:
        return None
    now = now or timezone.now()
    return max(0, int((workshop.timer_ends_at - now).total_seconds()))


@transaction.atomic
def timer_start(*, workshop: Workshop) -> Workshop:
    """Start (or resume) the timer: from where it was paused, else the step's duration."""
    _require_live(workshop)
    now = timezone.now()
    if workshop.timer_paused_seconds is not None:
        seconds = workshop.timer_paused_seconds
    elif workshop.timer_ends_at is not None and workshop.timer_ends_at > now:
        return workshop
    else:
        step = workshop.current_step
        seconds = (step.duration_minutes if step else 10) * 60
    workshop.timer_ends_at = now + dt.timedelta(seconds=seconds)
    workshop.timer_paused_seconds = None
    workshop.save(update_fields=["timer_ends_at", "timer_paused_seconds"])
    _event(workshop, Kind.TIMER)
    return workshop


@transaction.atomic
def timer_pause(*, workshop: Workshop) -> Workshop:
    _require_live(workshop)
    if workshop.timer_ends_at is None:
        return workshop
    workshop.timer_paused_seconds = timer_seconds_left(workshop)
    workshop.timer_ends_at = None
    workshop.save(update_fields=["timer_ends_at", "timer_paused_seconds"])
    _event(workshop, Kind.TIMER)
    return workshop


@transaction.atomic
def timer_add(*, workshop: Workshop, minutes: int) -> Workshop:
    """Give more time (WCAG 2.2.1): running, paused or stopped alike."""
    _require_live(workshop)
    if not 1 <= minutes <= 60:
        raise LiveError(_("Add between 1 and 60 minutes."))
    left = timer_seconds_left(workshop) or 0
    seconds = min(TIMER_MAX_SECONDS, left + minutes * 60)
    if workshop.timer_paused_seconds is not None or workshop.timer_ends_at is None:
        workshop.timer_paused_seconds = seconds
        workshop.timer_ends_at = None
    else:
        workshop.timer_ends_at = timezone.now() + dt.timedelta(seconds=seconds)
    workshop.save(update_fields=["timer_ends_at", "timer_paused_seconds"])
    _event(workshop, Kind.TIMER)
    return workshop


# --- Participants -----------------------------------------------------------------------------


def find_live_workshop(join_code: str) -> Workshop | None:
    code = "".join(join_code.split()).upper().replace("-", "")
    if not code:
        return None
    return (
        Workshop.objects.select_related("series")
        .filter(join_code=code, state=Workshop.State.LIVE)
        .first()
    )


@transaction.atomic
def participant_join(
    *,
    workshop: Workshop,
    nickname: str,
    kind: str,
    organisation_name: str = "",
    existing: Participant | None = None,
) -> tuple[Participant, str | None]:
    """Put a person into a live workshop. Returns the participant and a new token (None when
    the device already belongs to a participant of this series, who is recognised)."""
    if workshop.state != Workshop.State.LIVE:
        raise LiveError(_("The workshop has ended, so it cannot be joined any more."))
    token = None
    if existing is not None and existing.series_id == workshop.series_id:
        participant = existing
        changed = []
        for field, value in (
            ("nickname", nickname),
            ("kind", kind),
            ("organisation_name", organisation_name),
        ):
            if value and getattr(participant, field) != value:
                setattr(participant, field, value)
                changed.append(field)
        if changed:
            participant.full_clean()
            participant.save(update_fields=changed)
    else:
        token = identity.new_token()
        participant = Participant(
            series=workshop.series,
            token_hash=identity.hash_token(token),
            nickname=nickname,
            kind=kind,
            organisation_name=organisation_name,
        )
        participant.full_clean()
        participant.save()
    _attendance, created = Attendance.objects.get_or_create(
        participant=participant, workshop=workshop
    )
    if created:
        _event(workshop, Kind.PEOPLE, audience=Audience.STAFF)
    return participant, token


# --- Notes ------------------------------------------------------------------------------------


def _clean_note_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise LiveError(_("Write something first."), code="empty")
    if len(text) > NOTE_MAX:
        raise LiveError(
            _("A note can be at most %(max)s characters (now %(length)s). Shorten it a little.")
            % {"max": NOTE_MAX, "length": len(text)},
            code="too_long",
        )
    validate_live_text(text)
    return text


def _check_open(workshop: Workshop, step: Step) -> None:
    if workshop.state != Workshop.State.LIVE:
        raise LiveError(_("The workshop has ended. Your text was not sent."), code="ended")
    if workshop.current_step_id != step.pk or step.input_closed_at is not None:
        raise LiveError(
            _("This step is closed, so it takes no more notes. Your text was not sent."),
            code="closed",
        )
    if not live_unit(step).takes_notes:
        raise LiveError(_("This step takes no notes."), code="no_notes")


def _note_audience(step: Step) -> int:
    return Audience.PERSONAL if step.is_private else Audience.EVERYONE


def note_post(
    *,
    workshop: Workshop,
    participant: Participant,
    text: str,
    client_id: uuid.UUID,
    category: str = "",
) -> tuple[Note, bool]:
    """Post a note to the current step. Idempotent on `client_id`: a retried POST returns the
    note the first attempt made (and False for "created")."""
    existing = Note.objects.filter(participant=participant, client_id=client_id).first()
    if existing is not None:
        return existing, False
    step = workshop.current_step
    if step is None:
        raise LiveError(_("There is no step to post to."), code="no_step")
    _check_open(workshop, step)
    text = _clean_note_text(text)
    unit = live_unit(step)
    if category and category not in step_categories(step):
        raise LiveError(_("Choose a category from the list."), code="category")
    try:
        with transaction.atomic():
            if unit.one_per_participant:
                answer = (
                    Note.objects.select_for_update()
                    .filter(step=step, participant=participant)
                    .first()
                )
                if answer is not None:
                    answer.text = text
                    answer.client_id = client_id
                    answer.save(update_fields=["text", "client_id", "updated_at"])
                    _event(workshop, Kind.NOTE, _note_audience(step), participant, answer)
                    return answer, True
            note = Note.objects.create(
                workshop=workshop,
                step=step,
                participant=participant,
                client_id=client_id,
                text=text,
                category=category,
            )
            _event(workshop, Kind.NOTE, _note_audience(step), participant, note)
            return note, True
    except IntegrityError:
        # A concurrent retry of the same POST won the race; return what it stored.
        return Note.objects.get(participant=participant, client_id=client_id), False


@transaction.atomic
def note_edit(*, note: Note, participant: Participant, text: str, category: str = "") -> Note:
    if note.participant_id != participant.pk:
        raise LiveError(_("Only the author can edit a note."), code="not_author")
    _check_open(note.workshop, note.step)
    note.text = _clean_note_text(text)
    if category != note.category:
        if category and category not in step_categories(note.step):
            raise LiveError(_("Choose a category from the list."), code="category")
        note.category = category
    note.save(update_fields=["text", "category", "updated_at"])
    _event(note.workshop, Kind.NOTE, _note_audience(note.step), participant, note)
    return note


@transaction.atomic
def note_delete(*, note: Note, participant: Participant) -> None:
    if note.participant_id != participant.pk:
        raise LiveError(_("Only the author can delete a note."), code="not_author")
    _check_open(note.workshop, note.step)
    note_copy = Note(public_id=note.public_id)
    note.delete()
    _event(note.workshop, Kind.NOTE_GONE, _note_audience(note.step), participant, note_copy)


@transaction.atomic
def note_set_hidden(*, note: Note, hidden: bool) -> Note:
    """The facilitator hides an inappropriate note from everyone else (or shows it again).

    Dots on a hidden note in a vote still open go back to their voters: nobody can see the
    note to take them back. A closed vote's dots stay as they were counted."""
    note.hidden_at = timezone.now() if hidden else None
    note.save(update_fields=["hidden_at", "updated_at"])
    if hidden:
        Dot.objects.filter(note=note, step__input_closed_at__isnull=True).delete()
    _event(note.workshop, Kind.NOTE_GONE if hidden else Kind.NOTE, Audience.EVERYONE, None, note)
    current = note.workshop.current_step
    if current is not None and current.kind == "vote":
        # A vote on notes loses (or regains) an item, and voters may have their dots back.
        _event(note.workshop, Kind.VOTE)
    return note
