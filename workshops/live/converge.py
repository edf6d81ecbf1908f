"""Converging in a live workshop: themes, dot voting and prioritised challenges (writes).

Each write appends its LiveEvent in the same transaction (`services._event`), so the cockpit,
the room screen and the phones follow by polling. Who sees which change:

- themes (formed, renamed, a note moved): everyone;
- a participant's theme suggestion: staff; its decision: staff and its author;
- a dot: staff while the results are hidden (the voter has the answer to the request),
  everyone once they are shown;
- confirmed prioritised challenges: everyone.

The vote's limits hold in the database (`models.Dot`); `dot_change` also locks the voter's
row, so one voter's concurrent requests queue rather than fail.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    BUDGET_MAX,
    THEME_NAME_MAX,
    TITLE_MAX,
    TOP_N_MAX,
    Dot,
    LiveEvent,
    Note,
    Participant,
    PrioritisedChallenge,
    Step,
    Theme,
    ThemeNote,
    ThemeSuggestion,
    Workshop,
)
from . import fastread
from .kinds import live_unit
from .services import LiveError, _event, validate_live_text

Audience = LiveEvent.Audience
Kind = LiveEvent.Kind

DEFAULT_BUDGET = 3
DEFAULT_TOP_N = 2
TARGETS = ("themes", "notes")


# --- Settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteSettings:
    budget: int
    max_per_item: int
    hide_results: bool
    target: str


def _int_setting(value, default: int, low: int, high: int) -> int:
    """A stored setting, or the default when it is missing or out of range (settings come
    from methods and may be edited by hand; a bad value must not break the live step)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return default
    return value


def vote_settings(step: Step) -> VoteSettings:
    settings_ = step.settings or {}
    budget = _int_setting(settings_.get("budget"), DEFAULT_BUDGET, 1, BUDGET_MAX)
    target = settings_.get("target")
    return VoteSettings(
        budget=budget,
        max_per_item=_int_setting(settings_.get("max_per_item"), budget, 1, budget),
        hide_results=bool(settings_.get("hide_results_until_closed")),
        target=target if target in TARGETS else "themes",
    )


def top_n(step: Step) -> int:
    return _int_setting((step.settings or {}).get("top_n"), DEFAULT_TOP_N, 1, TOP_N_MAX)


def _parse_int(raw, label: str, low: int, high: int) -> int:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:
        raise LiveError(
            _("%(label)s must be a whole number from %(low)s to %(high)s.")
            % {"label": label, "low": low, "high": high},
            code="range",
        )
    return value


def _require_live(workshop: Workshop) -> None:
    if workshop.state != Workshop.State.LIVE:
        raise LiveError(_("The workshop is not live."), code="ended")


def _require_kind(workshop: Workshop, step: Step, kind: str) -> None:
    if step.workshop_id != workshop.pk or step.kind != kind:
        raise LiveError(_("The step is not part of this workshop."), code="step")


@transaction.atomic
def vote_settings_save(
    *, workshop: Workshop, step: Step, budget, max_per_item, hide_results: bool, target: str
) -> Step:
    """Change a vote's settings. Only before the first dot: a budget that changed under the
    voters' hands would be unfair, and dots already cast carry the old limits."""
    _require_live(workshop)
    _require_kind(workshop, step, "vote")
    budget = _parse_int(budget, _("Dots per participant"), 1, BUDGET_MAX)
    max_per_item = _parse_int(max_per_item, _("Dots per item at most"), 1, BUDGET_MAX)
    if max_per_item > budget:
        raise LiveError(
            _("Dots per item cannot be more than the dots per participant (%(budget)s).")
            % {"budget": budget},
            code="range",
        )
    if target not in TARGETS:
        raise LiveError(_("Choose from the list."), code="choice")
    step = Step.objects.select_for_update().get(pk=step.pk)
    if Dot.objects.filter(step=step).exists():
        raise LiveError(
            _("Dots have been cast already, so the vote's settings can no longer change."),
            code="started",
        )
    step.settings = {
        **(step.settings or {}),
        "budget": budget,
        "max_per_item": max_per_item,
        "hide_results_until_closed": bool(hide_results),
        "target": target,
    }
    step.save(update_fields=["settings"])
    _event(workshop, Kind.VOTE)
    return step


# --- What can be grouped and voted on ---------------------------------------------------------


def note_source_steps(step: Step, earlier: list[Step] | None = None) -> list[Step]:
    """The earlier steps of the workshop whose notes the step converges: steps that take
    notes (not warm-up answers) and whose notes everyone sees (not private, or revealed).
    `earlier` saves the query when the caller has the workshop's earlier steps."""
    if earlier is None:
        earlier = list(
            Step.objects.filter(workshop_id=step.workshop_id, position__lt=step.position)
        )
    steps = sorted(earlier, key=lambda s: (s.position, s.pk))
    return [
        s
        for s in steps
        if live_unit(s).takes_notes and not live_unit(s).one_per_participant and not s.is_private
    ]


def source_notes(step: Step):
    """Notes that the step may group or vote on: revealed and not hidden, oldest first."""
    ids = [s.pk for s in note_source_steps(step)]
    return Note.objects.filter(step_id__in=ids, hidden_at__isnull=True).order_by("created_at", "id")


def workshop_themes(step: Step):
    """The themes formed in the workshop's earlier themes steps (or in this one)."""
    return Theme.objects.filter(
        workshop_id=step.workshop_id, step__position__lte=step.position
    ).order_by("created_at", "id")


def _groupable_note(step: Step, public_id) -> Note:
    note = source_notes(step).filter(public_id=public_id).first()
    if note is None:
        raise LiveError(
            _("This note is hidden or no longer there, so it cannot be grouped."),
            code="note",
        )
    return note


# --- Themes -----------------------------------------------------------------------------------


def clean_theme_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise LiveError(_("Give the theme a name."), code="empty")
    if len(name) > THEME_NAME_MAX:
        raise LiveError(
            _("A theme's name can be at most %(max)s characters (now %(length)s).")
            % {"max": THEME_NAME_MAX, "length": len(name)},
            code="too_long",
        )
    validate_live_text(name)
    return name


def _themes_step(workshop: Workshop, step: Step) -> None:
    _require_live(workshop)
    _require_kind(workshop, step, "themes")


def _theme_of(step: Step, public_id) -> Theme:
    theme = Theme.objects.filter(step=step, public_id=public_id).first()
    if theme is None:
        raise LiveError(_("This theme is no longer there."), code="theme")
    return theme


def _put(step: Step, theme: Theme, notes: list[Note]) -> None:
    ThemeNote.objects.filter(step=step, note__in=notes).delete()
    ThemeNote.objects.bulk_create([ThemeNote(theme=theme, note=n, step=step) for n in notes])


@transaction.atomic
def notes_group(
    *,
    workshop: Workshop,
    step: Step,
    note_ids: list,
    theme_id=None,
    new_name: str = "",
) -> Theme:
    """Put the chosen notes into a theme: an existing one, or a new one named `new_name`."""
    _themes_step(workshop, step)
    if not note_ids:
        raise LiveError(_("Choose at least one note first."), code="no_notes")
    notes = list(source_notes(step).filter(public_id__in=note_ids))
    if len(notes) != len(set(note_ids)):
        raise LiveError(
            _("A chosen note is hidden or no longer there. Nothing was grouped."), code="note"
        )
    if theme_id:
        theme = _theme_of(step, theme_id)
    else:
        theme = Theme.objects.create(workshop=workshop, step=step, name=clean_theme_name(new_name))
    _put(step, theme, notes)
    _event(workshop, Kind.THEME)
    return theme


@transaction.atomic
def theme_rename(*, workshop: Workshop, step: Step, theme_id, name: str) -> Theme:
    _themes_step(workshop, step)
    theme = _theme_of(step, theme_id)
    theme.name = clean_theme_name(name)
    theme.save(update_fields=["name"])
    _event(workshop, Kind.THEME)
    return theme


@transaction.atomic
def theme_delete(*, workshop: Workshop, step: Step, theme_id) -> None:
    """Remove a theme; its notes become ungrouped again (the notes themselves stay)."""
    _themes_step(workshop, step)
    theme = _theme_of(step, theme_id)
    if theme.dots.exists():
        raise LiveError(_("This theme has been voted on, so it cannot be removed."), code="voted")
    theme.delete()
    _event(workshop, Kind.THEME)


@transaction.atomic
def note_ungroup(*, workshop: Workshop, step: Step, note_id) -> None:
    _themes_step(workshop, step)
    ThemeNote.objects.filter(step=step, note__public_id=note_id).delete()
    _event(workshop, Kind.THEME)


def theme_suggest(
    *,
    workshop: Workshop,
    participant: Participant,
    note_id,
    theme_id=None,
    new_name: str = "",
    client_id: uuid.UUID,
) -> tuple[ThemeSuggestion, bool]:
    """A participant suggests a theme (existing or new) for a note; the facilitator decides.
    Idempotent on `client_id`."""
    existing = ThemeSuggestion.objects.filter(participant=participant, client_id=client_id).first()
    if existing is not None:
        return existing, False
    step = workshop.current_step
    if workshop.state != Workshop.State.LIVE:
        raise LiveError(_("The workshop has ended. Your suggestion was not sent."), code="ended")
    if step is None or step.kind != "themes" or step.input_closed_at is not None:
        raise LiveError(
            _("This step takes no theme suggestions now. Your suggestion was not sent."),
            code="closed",
        )
    note = _groupable_note(step, note_id)
    theme = _theme_of(step, theme_id) if theme_id else None
    name = "" if theme is not None else clean_theme_name(new_name)
    try:
        with transaction.atomic():
            suggestion = ThemeSuggestion.objects.create(
                workshop=workshop,
                step=step,
                participant=participant,
                client_id=client_id,
                note=note,
                theme=theme,
                new_name=name,
            )
            _event(workshop, Kind.THEME, Audience.STAFF)
            return suggestion, True
    except IntegrityError:
        return ThemeSuggestion.objects.get(participant=participant, client_id=client_id), False


def _open_suggestion(workshop: Workshop, public_id) -> ThemeSuggestion:
    suggestion = (
        ThemeSuggestion.objects.select_for_update()
        .filter(workshop=workshop, public_id=public_id)
        .first()
    )
    if suggestion is None:
        raise LiveError(_("This suggestion is no longer there."), code="gone")
    if suggestion.state != ThemeSuggestion.State.OPEN:
        raise LiveError(_("This suggestion has already been handled."), code="decided")
    return suggestion


def _decide(workshop: Workshop, suggestion: ThemeSuggestion, state: str) -> None:
    suggestion.state = state
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["state", "decided_at"])
    # Accepting changes the themes everyone sees; dismissing concerns the author only.
    if state == ThemeSuggestion.State.ACCEPTED:
        _event(workshop, Kind.THEME)
    else:
        _event(workshop, Kind.THEME, Audience.PERSONAL, suggestion.participant)


@transaction.atomic
def theme_suggestion_accept(*, workshop: Workshop, suggestion_id) -> Theme:
    _require_live(workshop)
    suggestion = _open_suggestion(workshop, suggestion_id)
    step = suggestion.step
    note = _groupable_note(step, suggestion.note.public_id)
    if suggestion.theme_id:
        theme = suggestion.theme
    else:
        # A theme of that name may have been made meanwhile: join it rather than a twin.
        theme = Theme.objects.filter(step=step, name__iexact=suggestion.new_name).first()
        if theme is None:
            theme = Theme.objects.create(workshop=workshop, step=step, name=suggestion.new_name)
    _put(step, theme, [note])
    _decide(workshop, suggestion, ThemeSuggestion.State.ACCEPTED)
    return theme


@transaction.atomic
def theme_suggestion_dismiss(*, workshop: Workshop, suggestion_id) -> ThemeSuggestion:
    _require_live(workshop)
    suggestion = _open_suggestion(workshop, suggestion_id)
    _decide(workshop, suggestion, ThemeSuggestion.State.DISMISSED)
    return suggestion


# --- Dot voting -------------------------------------------------------------------------------


@dataclass
class DotResult:
    """What a voter has after a change: dots left, and their dots per item."""

    left: int
    own: dict  # item public id -> number of own dots
    item_name: str = ""
    step: Step | None = None  # the step as read under the lock (closed or not)
    counts: dict = field(default_factory=dict)  # item pk -> own dots, on every item
    board_version: int | None = None  # the board as read in the transaction (`boardcache`)


def vote_open(workshop: Workshop, step: Step) -> bool:
    return (
        workshop.state == Workshop.State.LIVE
        and workshop.current_step_id == step.pk
        and step.input_closed_at is None
    )


def _vote_item(step: Step, target: str, public_id, themes: dict) -> Theme | Note:
    """The item a dot goes to; `themes`: the vote's themes already read by public id."""
    if target == "themes":
        item = themes.get(public_id)
        if item is None:
            raise LiveError(_("This theme is no longer there. Your dot was not cast."), code="item")
        return item
    item = source_notes(step).filter(public_id=public_id).first()
    if item is None:
        raise LiveError(
            _("This note is hidden or no longer there, so it cannot be voted on."), code="item"
        )
    return item


def _own_counts(dots: list[Dot]) -> dict:
    counts: dict = {}
    for dot in dots:
        key = dot.theme_id or dot.note_id
        counts[key] = counts.get(key, 0) + 1
    return counts


def _dot_field(target: str) -> str:
    return "theme" if target == "themes" else "note"


def _free(taken: set[int], limit: int) -> int | None:
    return next((n for n in range(1, limit + 1) if n not in taken), None)


def dot_change(
    *,
    workshop: Workshop,
    step: Step,
    participant: Participant,
    action: str,
    item_id,
    from_id=None,
) -> DotResult:
    """Cast (`add`), take back (`remove`) or move (`move`, from `from_id`) one dot.

    One transaction: the voter's row is locked, the voter's dots of the step read, one dot
    written, one event appended. A request that would break a limit gets a LiveError with a
    clear message; one that slipped past anyway is stopped by the constraints (IntegrityError
    becomes the same message)."""
    if action not in ("add", "remove", "move"):
        raise LiveError(_("Unknown action."), code="action")
    try:
        with transaction.atomic():
            return _dot_change(workshop, step, participant, action, item_id, from_id)
    except IntegrityError as exc:
        raise LiveError(
            _("You have no dots left for this. Take a dot back from another item first."),
            code="limit",
        ) from exc


def _dot_change(workshop, step, participant, action, item_id, from_id) -> DotResult:
    # Two round trips on PostgreSQL (see `fastread.batch`): the voter's lock with everything
    # the rules need, then the dot's write with its event and the commit. The lock serialises
    # one voter's requests (any step); other voters never wait for it.
    reads = fastread.dot_reads(
        participant_id=participant.pk,
        step_id=step.pk,
        workshop_id=workshop.pk,
        item_ids=[i for i in (item_id, from_id) if i is not None],
    )
    step = reads.step  # as committed now: closed or not
    if step is None or step.kind != "vote" or step.workshop_id != workshop.pk:
        raise LiveError(_("There is no vote on now."), code="closed")
    if not vote_open(workshop, step):
        raise LiveError(_("The vote has closed. Your dot was not cast."), code="closed")
    settings_ = vote_settings(step)
    field_name = _dot_field(settings_.target)
    item = _vote_item(step, settings_.target, item_id, reads.themes)
    dots = reads.dots
    on_item = [d for d in dots if getattr(d, f"{field_name}_id") == item.pk]
    if action == "remove":
        if not on_item:
            raise LiveError(_("You have no dot on this item."), code="none")
        dot = max(on_item, key=lambda d: d.item_slot)
        write = fastread.delete_statement(dot)
        dots.remove(dot)
    else:
        item_slot = _free({d.item_slot for d in on_item}, settings_.max_per_item)
        if item_slot is None:
            raise LiveError(
                _("You can give at most %(max)s dots to one item.")
                % {"max": settings_.max_per_item},
                code="item_limit",
            )
        if action == "add":
            slot = _free({d.slot for d in dots}, settings_.budget)
            if slot is None:
                raise LiveError(
                    _("You have used all your dots. Take a dot back from another item first."),
                    code="budget",
                )
            dot = Dot(
                step=step,
                participant=participant,
                slot=slot,
                budget=settings_.budget,
                item_slot=item_slot,
                max_per_item=settings_.max_per_item,
                **{field_name: item},
            )
            write = fastread.insert_statement(dot)
            dots.append(dot)
        else:
            source = _vote_item(step, settings_.target, from_id, reads.themes)
            moving = [d for d in dots if getattr(d, f"{field_name}_id") == source.pk]
            if not moving:
                raise LiveError(_("You have no dot on that item to move."), code="none")
            if source.pk == item.pk:
                raise LiveError(_("Choose a different item to move the dot to."), code="same")
            dot = max(moving, key=lambda d: d.item_slot)
            setattr(dot, field_name, item)
            dot.item_slot = item_slot
            write = fastread.update_statement(dot, [field_name, "item_slot"])
    # While the results are hidden only staff screens follow the dots: the voter's own phone
    # has its ballot from the answer to this request, and every other phone's poll stays a
    # 204 (a staff-only event is not notified, see `services._event`).
    hidden = settings_.hide_results and step.input_closed_at is None
    # The dot's write goes with its event, the transaction's last write (see `_event`).
    _event(
        workshop,
        Kind.VOTE,
        Audience.STAFF if hidden else Audience.EVERYONE,
        participant,
        commit=True,
        writes=[write],
    )
    counts = _own_counts(dots)
    return DotResult(
        left=settings_.budget - len(dots),
        own={item.public_id: counts.get(item.pk, 0)},
        item_name=item.name if isinstance(item, Theme) else item.text[:60],
        step=step,
        counts=counts,
        board_version=reads.board_version,
    )


# --- Prioritising -----------------------------------------------------------------------------


def vote_step_before(step: Step) -> Step | None:
    """The vote whose results a prioritise step works from: the workshop's last one before it."""
    return (
        Step.objects.filter(workshop_id=step.workshop_id, kind="vote", position__lt=step.position)
        .order_by("-position", "-id")
        .first()
    )


@transaction.atomic
def challenges_confirm(*, workshop: Workshop, step: Step, user, rows: list[tuple]) -> list:
    """Confirm the series' prioritised challenges from the vote before this step.

    `rows` are (item public id, wording) in rank order. Confirming again replaces what this
    step confirmed before (the facilitator may correct a wording)."""
    from .converge_board import vote_results

    _require_live(workshop)
    _require_kind(workshop, step, "prioritise")
    if not rows:
        raise LiveError(_("Choose at least one challenge."), code="empty")
    if len(rows) > TOP_N_MAX:
        raise LiveError(
            _("Choose at most %(max)s challenges.") % {"max": TOP_N_MAX}, code="too_many"
        )
    vote_step = vote_step_before(step)
    if vote_step is None:
        raise LiveError(_("There is no vote before this step to prioritise from."), code="no_vote")
    results = {row.public_id: row for row in vote_results(vote_step)}
    challenges = []
    seen = set()
    for rank, (item_id, text) in enumerate(rows, start=1):
        row = results.get(item_id)
        if row is None or item_id in seen:
            raise LiveError(_("Choose from the vote's results."), code="choice")
        seen.add(item_id)
        text = " ".join((text or "").split())
        if not text:
            raise LiveError(
                _("Write the wording of challenge %(rank)s.") % {"rank": rank}, code="empty"
            )
        if len(text) > TITLE_MAX:
            raise LiveError(
                _("A challenge can be at most %(max)s characters (now %(length)s).")
                % {"max": TITLE_MAX, "length": len(text)},
                code="too_long",
            )
        validate_live_text(text)
        challenges.append(
            PrioritisedChallenge(
                series_id=workshop.series_id,
                workshop=workshop,
                step=step,
                vote_step=vote_step,
                rank=rank,
                text=text,
                theme=row.item if isinstance(row.item, Theme) else None,
                note=row.item if isinstance(row.item, Note) else None,
                dots=row.total,
                source={
                    "kind": "theme" if isinstance(row.item, Theme) else "note",
                    "name": row.name,
                    "notes": row.notes,
                    "dots": row.total,
                    "dots_by_kind": row.by_kind,
                    "vote_step": vote_step.title,
                },
                confirmed_by=user if getattr(user, "is_authenticated", False) else None,
            )
        )
    PrioritisedChallenge.objects.filter(step=step).delete()
    PrioritisedChallenge.objects.bulk_create(challenges)
    _event(workshop, Kind.CHALLENGE)
    return challenges
