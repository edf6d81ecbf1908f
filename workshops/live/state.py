"""Reads for the three live views: what each viewer sees of the current state."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from ..models import Attendance, Note, Participant, Step, Workshop
from ..naturalsort import by_nickname
from .kinds import LiveKind, live_unit, step_categories
from .render import Viewer

_CODE_CACHE: dict[str, tuple[float, int, int]] = {}
_CODE_CACHE_TTL = 60.0
_CODE_CACHE_MAX = 5000


def poll_interval_ms() -> int:
    return int(getattr(settings, "NOPSA_POLL_INTERVAL_MS", 1000))


def workshop_ids_for_code(code: str) -> tuple[int, int] | None:
    """(workshop pk, series pk) for a public workshop code, cached briefly in the process.

    The mapping never changes for an existing workshop, so the cache holds no session state;
    it only saves the hot poll path a query.
    """
    now = time.monotonic()
    hit = _CODE_CACHE.get(code)
    if hit and now - hit[0] < _CODE_CACHE_TTL:
        return hit[1], hit[2]
    row = Workshop.objects.filter(code=code).order_by().values_list("pk", "series_id").first()
    if row is None:
        return None
    if len(_CODE_CACHE) >= _CODE_CACHE_MAX:
        _CODE_CACHE.clear()
    _CODE_CACHE[code] = (now, row[0], row[1])
    return row


def visible_notes(step: Step | None, viewer: Viewer):
    """Notes of the step that the viewer may see, oldest first."""
    if step is None:
        return Note.objects.none()
    notes = Note.objects.filter(step=step).order_by("created_at", "id")
    if viewer.role == "cockpit":
        return notes
    if viewer.role == "room":
        return notes.none() if step.is_private else notes.filter(hidden_at__isnull=True)
    own = Q(participant_id=viewer.participant_id)
    if step.is_private:
        return notes.filter(own)
    return notes.filter(own | Q(hidden_at__isnull=True))


def note_is_visible(note: Note, viewer: Viewer, current_step_id: int | None) -> bool:
    return note_visible(note, viewer, current_step_id, note.step.is_private)


def note_visible(
    note: Note, viewer: Viewer, current_step_id: int | None, step_private: bool
) -> bool:
    """Whether the viewer sees the note now: one rule for pages, polls and the memory path."""
    if note.step_id != current_step_id:
        return False
    if viewer.role == "cockpit":
        return True
    if viewer.role == "participant" and note.participant_id == viewer.participant_id:
        return True
    return not step_private and not note.hidden_at


@dataclass
class LiveState:
    workshop: Workshop
    viewer: Viewer
    step: Step | None
    unit: LiveKind
    notes: list = field(default_factory=list)
    note_count: int = 0
    steps: list = field(default_factory=list)
    people: list = field(default_factory=list)
    people_count: int = 0
    own_answer: Note | None = None

    @property
    def input_open(self) -> bool:
        return (
            self.workshop.state == Workshop.State.LIVE
            and self.step is not None
            and self.step.input_closed_at is None
            and self.unit.takes_notes
        )

    @property
    def categories(self) -> list[str]:
        if self.step is None or not self.unit.uses_categories:
            return []
        return step_categories(self.step)

    @property
    def timer_ends_at_iso(self) -> str:
        ends = self.workshop.timer_ends_at
        return ends.isoformat() if ends else ""


def input_state(workshop: Workshop, viewer: Viewer) -> LiveState:
    """What a phone's note form needs around a post: the step, its kind and, where a step takes
    one answer per person, that answer. Not the step's notes: a post's answer is only the form
    (the note itself is sent beside it), and reading every note on every post would make each
    post slower as the brainstorm grows."""
    step = workshop.current_step
    unit = live_unit(step)
    state = LiveState(workshop=workshop, viewer=viewer, step=step, unit=unit)
    if step is not None and unit.one_per_participant and viewer.participant_id:
        state.own_answer = (
            Note.objects.filter(step=step, participant_id=viewer.participant_id)
            .order_by("created_at", "id")
            .first()
        )
    return state


def live_state(workshop: Workshop, viewer: Viewer) -> LiveState:
    """Everything a view draws, in a fixed number of queries whatever the size."""
    step = workshop.current_step
    unit = live_unit(step)
    state = LiveState(workshop=workshop, viewer=viewer, step=step, unit=unit)
    if unit.takes_notes and step is not None:
        notes = list(visible_notes(step, viewer).select_related("step"))
        state.notes = notes
        state.note_count = (
            len(notes)
            if viewer.role != "room" or not step.is_private
            else Note.objects.filter(step=step, hidden_at__isnull=True).count()
        )
        if unit.one_per_participant and viewer.role == "participant":
            state.own_answer = next(
                (n for n in notes if n.participant_id == viewer.participant_id), None
            )
    if viewer.role == "cockpit":
        state.steps = list(workshop.steps.order_by("position", "id"))
    if viewer.role in ("cockpit", "room"):
        people = Participant.objects.filter(
            pk__in=Attendance.objects.filter(workshop=workshop).values("participant_id")
        )
        if viewer.role == "cockpit":
            if step is not None:
                people = people.annotate(
                    answered=Exists(Note.objects.filter(step=step, participant=OuterRef("pk"))),
                    note_total=Count("notes", filter=Q(notes__step=step)),
                )
            state.people = by_nickname(people.order_by())
            state.people_count = len(state.people)
        else:
            state.people_count = people.count()
    return state
