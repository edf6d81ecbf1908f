"""Reads of the converging steps: what each of the three views shows of themes, a vote and
the prioritised challenges, in a fixed number of queries whatever the number of notes, themes,
dots or participants."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Count
from django.template.loader import render_to_string

from ..models import (
    Dot,
    Note,
    Participant,
    PrioritisedChallenge,
    Step,
    Theme,
    ThemeNote,
    ThemeSuggestion,
)
from . import boardcache, fastread
from .converge import (
    DotResult,
    note_source_steps,
    top_n,
    vote_open,
    vote_settings,
    vote_step_before,
    workshop_themes,
)
from .kinds import live_unit

KINDS = (Participant.Kind.PROFESSIONAL, Participant.Kind.CLIENT)


@dataclass
class ResultRow:
    item: Theme | Note
    public_id: uuid.UUID
    name: str
    notes: list = field(default_factory=list)
    total: int = 0
    by_kind: dict = field(default_factory=dict)
    own: int = 0

    @property
    def notes_preview(self) -> list[str]:
        """The first notes, enough for the ballot's 160-character preview: a theme of a big
        room holds hundreds, and the ballot is drawn again for every dot."""
        shown, length = [], 0
        for text in self.notes:
            shown.append(text)
            length += len(text) + 3
            if length > 160:
                break
        return shown


def _themes_with_notes(themes: list[Theme]) -> None:
    """Attach `note_list` (texts of its visible notes) to each theme: one query."""
    by_theme: dict[int, list[Note]] = {t.pk: [] for t in themes}
    links = (
        ThemeNote.objects.filter(theme__in=themes, note__hidden_at__isnull=True)
        .select_related("note")
        .order_by("note__created_at", "note_id")
    )
    for link in links:
        by_theme[link.theme_id].append(link.note)
    for theme in themes:
        theme.note_list = by_theme[theme.pk]


def vote_items(
    step: Step, *, preview: bool = False, board_version: int | None = None
) -> list[ResultRow]:
    """The items of a vote step, in the order they were made (themes with their notes; with
    `preview`, only the first notes a ballot shows, in one query made once per process — the
    ballot is drawn by every phone when the vote opens and after each dot). `board_version`:
    see `boardcache.shared`."""
    settings_ = vote_settings(step)
    if settings_.target == "themes" and preview:
        themes = boardcache.shared(
            "ballot", step, lambda: fastread.ballot_themes(step), known_version=board_version
        )
        return [
            ResultRow(theme, theme.public_id, theme.name, notes=texts) for theme, texts in themes
        ]
    if settings_.target == "themes":
        themes = list(workshop_themes(step))
        # Only the texts: a ballot is drawn for every dot, and a big room's themes hold
        # hundreds of notes (model instances for them cost more than the rest of the request).
        texts: dict[int, list[str]] = {t.pk: [] for t in themes}
        links = (
            ThemeNote.objects.filter(theme__in=themes, note__hidden_at__isnull=True)
            .order_by("note__created_at", "note_id")
            .values_list("theme_id", "note__text")
        )
        for theme_id, text in links:
            texts[theme_id].append(text)
        return [ResultRow(t, t.public_id, t.name, notes=texts[t.pk]) for t in themes]
    ids = [s.pk for s in note_source_steps(step)]
    notes = Note.objects.filter(step_id__in=ids, hidden_at__isnull=True).order_by(
        "created_at", "id"
    )
    return [ResultRow(n, n.public_id, n.text) for n in notes]


def vote_results(
    step: Step,
    participant_id: int | None = None,
    totals: bool = True,
    preview: bool = False,
    known: DotResult | None = None,
) -> list[ResultRow]:
    """Items with their dots (in total and by participant type), most dots first; with
    `participant_id`, also that voter's own dots (`own`). `totals=False` skips counting
    everyone's dots (a voter's ballot while the results are hidden); `preview` reads only the
    notes a ballot shows. `known`: the voter's dots and the board's version as the voter's
    own dot transaction has just read them (the answer to a dot asks no more)."""
    field_name = "theme_id" if vote_settings(step).target == "themes" else "note_id"
    own: dict = {}
    board_version = None
    if known is not None:
        own, board_version = known.counts, known.board_version
    elif participant_id is not None and preview:
        # Every phone's ballot asks these: one round trip.
        own, board_version = fastread.own_dots_and_board_version(
            step.pk, participant_id, field_name, step.workshop_id
        )
    elif participant_id is not None:
        own = fastread.own_dots(step.pk, participant_id, field_name)
    rows = vote_items(step, preview=preview, board_version=board_version)
    by_pk = {row.item.pk: row for row in rows}
    counts = (
        Dot.objects.filter(step=step)
        .values(field_name, "participant__kind")
        .annotate(n=Count("id"))
        .order_by()
        if totals
        else []
    )
    for count in counts:
        row = by_pk.get(count[field_name])
        if row is None:
            continue
        row.total += count["n"]
        kind = count["participant__kind"]
        row.by_kind[kind] = row.by_kind.get(kind, 0) + count["n"]
    for item_id, n in own.items():
        row = by_pk.get(item_id)
        if row is not None:
            row.own = n
    for row in rows:
        row.by_kind = {kind: row.by_kind.get(kind, 0) for kind in KINDS}
    return sorted(rows, key=lambda r: -r.total)


@dataclass
class ConvergeBoard:
    """A converging step as one viewer sees it."""

    kind: str
    # themes
    themes: list = field(default_factory=list)
    ungrouped: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    own_suggestions: list = field(default_factory=list)
    private_sources: bool = False
    # vote
    settings: object = None
    items: list = field(default_factory=list)
    left: int = 0
    used: int = 0
    voters: int = 0
    results_visible: bool = False
    is_open: bool = False
    started: bool = False
    # prioritise
    vote_step: Step | None = None
    top_n: int = 0
    confirmed: list = field(default_factory=list)
    # themes, for the phone and the room: the drawings every viewer shares (`SharedThemes`)
    shared: object = None

    @property
    def note_groups(self) -> list:
        """The notes of the "suggest a theme" menu: those not in a theme yet first (theme
        None: most suggestions are for them), then each theme with its notes."""
        first = [(None, self.ungrouped)] if self.ungrouped else []
        return first + [(theme, theme.note_list) for theme in self.themes]

    @property
    def has_notes(self) -> bool:
        if self.shared is not None:
            return self.shared.has_notes
        return bool(self.ungrouped) or any(theme.note_list for theme in self.themes)


@dataclass(frozen=True)
class SharedThemes:
    """The themes step as every phone (or the room screen) shows it, drawn once per change."""

    theme_list: str
    note_options: str
    theme_options: str
    has_notes: bool


def _themes_content(step: Step, board: ConvergeBoard) -> None:
    """The themes with their notes, the notes not in a theme yet, and whether the notes of an
    earlier step are still private."""
    themes = list(Theme.objects.filter(step=step).order_by("created_at", "id"))
    _themes_with_notes(themes)
    board.themes = themes
    earlier = list(Step.objects.filter(workshop_id=step.workshop_id, position__lt=step.position))
    sources = note_source_steps(step, earlier)
    board.private_sources = any(live_unit(s).takes_notes and s.is_private for s in earlier)
    grouped = {n.pk for t in themes for n in t.note_list}
    notes = Note.objects.filter(
        step_id__in=[s.pk for s in sources], hidden_at__isnull=True
    ).order_by("created_at", "id")
    board.ungrouped = [n for n in notes if n.pk not in grouped]


def _shared_themes(state) -> SharedThemes:
    board = ConvergeBoard(kind="themes")
    _themes_content(state.step, board)
    context = {"board": board, "state": state}
    template = "live/kinds/themes.html#"
    return SharedThemes(
        theme_list=render_to_string(template + "theme-list", context),
        note_options=render_to_string(template + "note-options", context),
        theme_options=render_to_string(template + "theme-options", context),
        has_notes=board.has_notes,
    )


def _themes_board(state, board: ConvergeBoard, shared: bool) -> None:
    step = state.step
    role = state.viewer.role
    if shared and role in ("participant", "room"):
        board.shared = boardcache.shared(
            f"themes-{role}", step, lambda: _shared_themes(state), per_language=True
        )
    else:
        _themes_content(step, board)
    if role == "cockpit":
        board.waiting = list(
            ThemeSuggestion.objects.filter(step=step, state=ThemeSuggestion.State.OPEN)
            .select_related("participant", "note", "theme")
            .order_by("created_at", "id")
        )
    elif role == "participant":
        board.own_suggestions = list(
            ThemeSuggestion.objects.filter(step=step, participant_id=state.viewer.participant_id)
            .select_related("note", "theme")
            .order_by("-created_at", "-id")
        )


def _vote_board(state, board: ConvergeBoard, known: DotResult | None = None) -> None:
    step = state.step
    role = state.viewer.role
    settings_ = vote_settings(step)
    board.settings = settings_
    board.is_open = vote_open(state.workshop, step)
    board.results_visible = role == "cockpit" or not (
        settings_.hide_results and step.input_closed_at is None
    )
    participant_id = state.viewer.participant_id if role == "participant" else None
    rows = vote_results(
        step,
        participant_id,
        totals=board.results_visible or role == "room",
        preview=True,
        known=known if participant_id is not None else None,
    )
    if (board.results_visible and not board.is_open) or role == "cockpit":
        board.items = rows  # ranked by dots
    else:
        board.items = sorted(rows, key=lambda r: (r.item.created_at, r.item.pk))
    board.used = sum(r.own for r in rows)
    board.left = settings_.budget - board.used
    if role != "participant":
        board.started = any(r.total for r in rows)
        board.voters = Dot.objects.filter(step=step).values("participant_id").distinct().count()


def _prioritise_board(state, board: ConvergeBoard) -> None:
    step = state.step
    board.top_n = top_n(step)
    board.vote_step = vote_step_before(step)
    board.confirmed = list(PrioritisedChallenge.objects.filter(step=step).order_by("rank"))
    if state.viewer.role == "cockpit" and board.vote_step is not None:
        board.items = vote_results(board.vote_step)
        chosen = {c.theme_id or c.note_id: c for c in board.confirmed}
        for index, row in enumerate(board.items):
            confirmed = chosen.get(row.item.pk)
            row.checked = confirmed is not None if board.confirmed else index < board.top_n
            row.wording = confirmed.text if confirmed is not None else row.name[:200]


def converge_board(state, shared: bool = True, dots: DotResult | None = None) -> ConvergeBoard:
    """`shared=False` draws the whole board for this viewer (a form sent back with its
    choices selected); `dots`: the voter's own dot change just made (see `vote_results`)."""
    board = ConvergeBoard(kind=state.step.kind if state.step is not None else "")
    if board.kind == "themes":
        _themes_board(state, board, shared)
    elif board.kind == "vote":
        _vote_board(state, board, dots)
    elif board.kind == "prioritise":
        _prioritise_board(state, board)
    return board


def series_challenges(series_id: int) -> list[PrioritisedChallenge]:
    """The series' prioritised challenges with the workshop they came from, newest
    prioritising last: one query."""
    return list(
        PrioritisedChallenge.objects.filter(series_id=series_id)
        .select_related("workshop", "step")
        .order_by("workshop__position", "workshop_id", "step__position", "rank")
    )
