"""Reads of the cases app's live steps: what each of the three views shows, in a fixed number
of queries whatever the number of suggestions or items."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from ..models import PathEvent, Suggestion
from .forms import FORMS
from .kinds import ARTEFACTS, PERSONA_PARTS, SUGGESTION_KINDS, chosen_artefact


@dataclass
class Board:
    """A live step of the cases app as one viewer sees it."""

    kind: str
    artefact: object = None
    url_kind: str = ""
    # cockpit: what the facilitator can choose from, and the suggestions waiting
    choices: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    # participant: their own suggestions on this step, and the form for a new one
    own: list = field(default_factory=list)
    form: object = None
    error: str = ""
    # cockpit and room: what the artefact holds now
    events: list = field(default_factory=list)
    factors: list = field(default_factory=list)
    links: list = field(default_factory=list)
    parts: list = field(default_factory=list)


def suggestion_form(step, own_count: int, data=None):
    """The step's suggestion form. Field ids change with each sent suggestion, so the fields
    of a new form start empty while a redraw keeps what is being typed (hx-preserve)."""
    form_class = FORMS.get(step.kind)
    if form_class is None:
        return None
    return form_class(
        data, initial={"client_id": uuid.uuid4()}, auto_id=f"s-{step.pk}-{own_count}-%s"
    )


def _contents(board: Board, artefact) -> None:
    if board.kind == "service_path":
        board.events = list(artefact.events.all())
    elif board.kind == "causal_map":
        board.factors = list(artefact.factors.all())
        board.links = list(artefact.links.select_related("cause", "effect"))
    elif board.kind == "persona":
        board.parts = [
            (label, [line for line in (getattr(artefact, name) or "").splitlines() if line.strip()])
            for name, label in PERSONA_PARTS
        ]


def live_board(state, form=None, error: str = "") -> Board:
    step = state.step
    role = state.viewer.role
    _key, model, url_kind = ARTEFACTS[step.kind]
    series_id = state.workshop.series_id
    board = Board(kind=step.kind, url_kind=url_kind)
    board.artefact = chosen_artefact(step, series_id)
    suggests = step.kind in SUGGESTION_KINDS
    if role == "cockpit":
        board.choices = list(model.objects.filter(series_id=series_id).order_by("created_at", "id"))
    if role == "cockpit" and suggests:
        board.waiting = list(
            Suggestion.objects.filter(step=step, state=Suggestion.State.OPEN)
            .select_related("participant")
            .order_by("created_at", "id")
        )
    if role == "participant" and suggests:
        board.own = list(
            Suggestion.objects.filter(
                step=step, participant_id=state.viewer.participant_id
            ).order_by("-created_at", "-id")
        )
        board.form = form or suggestion_form(step, len(board.own))
    board.error = error
    parts = dict(PERSONA_PARTS)
    experiences = dict(PathEvent.Experience.choices)
    for suggestion in board.waiting + board.own:
        data = suggestion.data or {}
        suggestion.part_label = parts.get(data.get("part"), "")
        suggestion.experience_label = experiences.get(data.get("experience"), "")
    if board.artefact is not None and role in ("cockpit", "room"):
        _contents(board, board.artefact)
    return board
