"""Retention: what happens to the participants' content of a series when its work is done.

A coordinator **closes** a series. `NOPSA_RETENTION_DAYS` (default 365) after that, the daily
`manage.py purge_expired` **purges** it: everything participants (and client
representatives) contributed is deleted or blanked — notes and warm-up answers, theme
suggestions, pre-work answers, comments (with the staff's replies to them), nicknames,
organisation names and e-mail addresses, personal links and device tokens, stored final-report
PDFs (they quote notes) — and so is what other apps keep for the series (feedback texts, client
cases: `plugins.ContentKeeper`).

What stays is the organisation's record of the series, written or confirmed by its staff:
workshops and agendas, themes, prioritised challenges (their wording, the dot counts by
participant type, but no longer the notes behind them), practices, actions, summaries, the
report's texts, numeric feedback, indicators, and one anonymous row per participant (its type
and attendance), so that counts of professionals and client representatives still add up.
Dots on themes stay; dots on notes go with the notes (the confirmed challenges keep their
counts).

A participant can delete what they wrote themselves at any time (but not while a workshop of
the series is live): their notes, answers, suggestions, comments and feedback texts (and
the series' stored report PDFs, which may quote them). Their
dots stay, anonymous, so that results others saw stay as they were; their e-mail address is
deleted separately.

Before the purge a coordinator (or a facilitator of the series) can download the series'
content (`series_export`). Logs name series by code and say counts only, never content.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Count, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from . import plugins
from .models import (
    Attendance,
    Comment,
    Dot,
    LiveEvent,
    Note,
    Participant,
    PersonalLink,
    PreworkAnswer,
    PreworkQuestion,
    PrioritisedChallenge,
    ReportExport,
    Series,
    Theme,
    ThemeSuggestion,
    Workshop,
)

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "nopsa-series-export"
EXPORT_VERSION = 1


class RetentionError(Exception):
    """A rule refused the change; the message is for the user."""


# --- Dates ------------------------------------------------------------------------------------


def retention_days() -> int:
    return settings.NOPSA_RETENTION_DAYS


def purge_due_at(series: Series) -> dt.datetime | None:
    """When the series' content is purged: `retention_days()` after it was closed."""
    if series.closed_at is None:
        return None
    return series.closed_at + dt.timedelta(days=retention_days())


def due_for_purge(now: dt.datetime | None = None):
    """Closed series whose retention has ended and that are not purged yet."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=retention_days())
    return Series.objects.filter(
        closed_at__isnull=False, closed_at__lte=cutoff, purged_at__isnull=True
    ).order_by("closed_at", "id")


# --- Closing ----------------------------------------------------------------------------------


def series_close(*, series: Series, by, now: dt.datetime | None = None) -> Series:
    """Close the series: its retention period starts now."""
    with transaction.atomic():
        locked = Series.objects.select_for_update().get(pk=series.pk)
        if locked.closed_at is not None:
            raise RetentionError(_("The series is already closed."))
        if Workshop.objects.filter(series=locked, state=Workshop.State.LIVE).exists():
            raise RetentionError(_("A workshop of the series is live. End it first."))
        locked.closed_at = now or timezone.now()
        locked.closed_by = by
        locked.save(update_fields=["closed_at", "closed_by", "updated_at"])
    series.closed_at, series.closed_by = locked.closed_at, locked.closed_by
    return series


def series_reopen(*, series: Series) -> Series:
    """Open a closed series again (before its content is purged): the retention period no
    longer runs."""
    with transaction.atomic():
        locked = Series.objects.select_for_update().get(pk=series.pk)
        if locked.purged_at is not None:
            raise RetentionError(
                _(
                    "The participants' content of this series has been removed; "
                    "it cannot be opened again."
                )
            )
        if locked.closed_at is None:
            raise RetentionError(_("The series is not closed."))
        locked.closed_at = None
        locked.closed_by = None
        locked.save(update_fields=["closed_at", "closed_by", "updated_at"])
    series.closed_at = series.closed_by = None
    return series


# --- The purge --------------------------------------------------------------------------------


def _strip_challenge_sources(challenges, texts: set[str] | None = None) -> int:
    """Remove the notes behind confirmed challenges from their `source` (all of them, or
    those with the given texts). Returns how many challenges changed."""
    changed = 0
    for challenge in challenges:
        source = dict(challenge.source or {})
        notes = list(source.get("notes") or [])
        kept = [] if texts is None else [t for t in notes if t not in texts]
        name_is_note = source.get("kind") == "note" and (
            texts is None or source.get("name") in texts
        )
        if kept == notes and not (name_is_note and source.get("name")):
            continue
        source["notes"] = kept
        if name_is_note:
            source["name"] = ""
        challenge.source = source
        challenge.save(update_fields=["source"])
        changed += 1
    return changed


def _deleted(queryset) -> int:
    """How many rows of the queryset's own model were deleted (cascades not counted)."""
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def _drop_report_pdfs(series: Series) -> int:
    """A stored final report may quote the removed texts (its themes list their notes): the
    finished exports go, and the next press renders from what is left. One that is running is
    left to finish (the worker owns its row)."""
    return _deleted(
        ReportExport.objects.filter(series=series).exclude(state__in=ReportExport.ACTIVE)
    )


def _purge_core(series: Series) -> dict[str, int]:
    workshops = Workshop.objects.filter(series=series)
    participants = Participant.objects.filter(series=series)
    counts: dict[str, int] = {}
    counts["theme_suggestions"] = _deleted(ThemeSuggestion.objects.filter(workshop__in=workshops))
    counts["dots_on_notes"] = _deleted(Dot.objects.filter(note__workshop__in=workshops))
    counts["notes"] = _deleted(Note.objects.filter(workshop__in=workshops))
    counts["prework_answers"] = _deleted(PreworkAnswer.objects.filter(participant__in=participants))
    # Staff replies go with the comments they answer.
    counts["comments"] = _deleted(Comment.objects.filter(series=series))
    counts["personal_links"] = _deleted(PersonalLink.objects.filter(participant__in=participants))
    counts["live_events"] = _deleted(LiveEvent.objects.filter(workshop__in=workshops))
    counts["report_pdfs"] = _drop_report_pdfs(series)
    counts["challenge_sources"] = _strip_challenge_sources(
        PrioritisedChallenge.objects.filter(series=series)
    )
    # The rows stay, anonymous: their type and attendance keep the report's counts. A stored
    # token hash is 64 hex digits; "purged-<id>" is never one, so no device matches it again.
    counts["participants"] = participants.update(
        nickname="",
        organisation_name="",
        email="",
        token_hash=Concat(Value("purged-"), Cast("id", output_field=CharField())),
    )
    return counts


def series_purge(*, series: Series, now: dt.datetime | None = None) -> dict[str, int] | None:
    """Purge the participants' content of the series, in one transaction, and mark it purged.

    Returns {what: count}; None when the series was purged already (a second run changes
    nothing)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Series.objects.select_for_update().filter(pk=series.pk).first()
        if locked is None or locked.purged_at is not None or locked.closed_at is None:
            return None
        counts = _purge_core(locked)
        for keeper in plugins.content_keepers():
            for what, count in keeper.purge_series(locked).items():
                counts[f"{keeper.key}.{what}"] = count
        locked.purged_at = now
        locked.save(update_fields=["purged_at", "updated_at"])
    series.purged_at = now
    return counts


class _DryRun(Exception):
    pass


def purge_due(
    *, now: dt.datetime | None = None, dry_run: bool = False
) -> list[tuple[str, dict[str, int]]]:
    """Purge every series whose retention has ended; (series code, counts) for each.

    A dry run purges each in a transaction that is rolled back, so its counts are exactly
    what a real run would remove, and nothing changes."""
    now = now or timezone.now()
    done = []
    for series in list(due_for_purge(now)):
        if dry_run:
            try:
                with transaction.atomic():
                    counts = series_purge(series=series, now=now)
                    raise _DryRun
            except _DryRun:
                pass
        else:
            counts = series_purge(series=series, now=now)
            if counts is not None:
                logger.info(
                    "Retention: purged series %s (closed %s): %s",
                    series.code,
                    series.closed_at.date().isoformat(),
                    ", ".join(f"{k}={v}" for k, v in sorted(counts.items())),
                )
        if counts is not None:
            done.append((series.code, counts))
    return done


# --- A participant's own request --------------------------------------------------------------


def participant_contribution_counts(participant: Participant) -> list[tuple[str, int]]:
    """What the participant has written in the series, as (label, count) for the confirmation
    page; only kinds they have. One query here, one per other app."""
    core = Participant.objects.filter(pk=participant.pk).aggregate(
        notes=Count("notes", distinct=True),
        prework=Count("prework_answers", distinct=True),
        suggestions=Count("theme_suggestions", distinct=True),
        comments=Count("comments", distinct=True),
    )
    rows = [
        (_("notes and warm-up answers"), core["notes"]),
        (_("pre-work answers"), core["prework"]),
        (_("theme suggestions"), core["suggestions"]),
        (_("comments"), core["comments"]),
    ]
    for keeper in plugins.content_keepers():
        rows.extend(keeper.count_participant(participant))
    return [(label, count) for label, count in rows if count]


def participant_erase_contributions(*, participant: Participant) -> dict[str, int]:
    """Delete what the participant wrote in the series. Their dots stay (anonymous counts
    that others already saw); their nickname stays until the series is purged."""
    series = participant.series
    if Workshop.objects.filter(series=series, state=Workshop.State.LIVE).exists():
        raise RetentionError(
            _("A workshop of the series is live. You can delete your contributions after it.")
        )
    with transaction.atomic():
        notes = Note.objects.filter(participant=participant)
        texts = set(notes.values_list("text", flat=True))
        counts: dict[str, int] = {}
        counts["theme_suggestions"] = _deleted(
            ThemeSuggestion.objects.filter(participant=participant)
        )
        counts["notes"] = _deleted(notes)
        counts["prework_answers"] = _deleted(PreworkAnswer.objects.filter(participant=participant))
        counts["comments"] = _deleted(Comment.objects.filter(participant=participant))
        if texts:
            counts["challenge_sources"] = _strip_challenge_sources(
                PrioritisedChallenge.objects.filter(series_id=series.pk), texts
            )
        counts["report_pdfs"] = _drop_report_pdfs(series)
        for keeper in plugins.content_keepers():
            for what, count in keeper.purge_participant(participant).items():
                counts[f"{keeper.key}.{what}"] = count
    logger.info(
        "Retention: a participant of series %s deleted their contributions: %s",
        series.code,
        ", ".join(f"{k}={v}" for k, v in sorted(counts.items())),
    )
    return counts


# --- Export -----------------------------------------------------------------------------------


def iso(value) -> str | None:
    """A date or time for the series' export (the apps' parts of it use this too)."""
    return value.isoformat() if value else None


def series_export(series: Series, *, now: dt.datetime | None = None) -> dict:
    """The series' content as JSON-ready data, for the coordinator to keep before the purge.

    Participants appear by a random public id, nickname, type and organisation; no e-mail
    addresses, tokens or personal links. A bounded number of queries: one per kind of
    content here, and a few per other app."""
    workshops = list(
        Workshop.objects.filter(series=series).prefetch_related("steps").order_by("position")
    )
    workshop_code = {w.pk: w.code for w in workshops}
    step_id = {s.pk: str(s.public_id) for w in workshops for s in w.steps.all()}
    attended: dict[int, list[str]] = {}
    for participant_id, workshop_id in Attendance.objects.filter(
        workshop__series=series
    ).values_list("participant_id", "workshop_id"):
        attended.setdefault(participant_id, []).append(workshop_code.get(workshop_id))
    participants = list(Participant.objects.filter(series=series).order_by("created_at", "id"))
    person = {p.pk: str(p.public_id) for p in participants}

    notes = Note.objects.filter(workshop__series=series).order_by("created_at", "id")
    themes = (
        Theme.objects.filter(workshop__series=series)
        .annotate(dot_count=Count("dots", distinct=True))
        .prefetch_related("memberships__note")
        .order_by("workshop__position", "created_at", "id")
    )
    note_dots = dict(
        Dot.objects.filter(note__workshop__series=series)
        .values("note_id")
        .annotate(n=Count("id"))
        .values_list("note_id", "n")
    )
    questions = (
        PreworkQuestion.objects.filter(workshop__series=series)
        .prefetch_related("answers")
        .order_by("workshop__position", "position", "id")
    )
    comments = Comment.objects.filter(series=series).select_related("author", "parent")
    data = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": iso(now or timezone.now()),
        "series": {
            "code": series.code,
            "title": series.title,
            "organisation": series.organisation.name,
            "method": series.method.name_fi if series.method_id else None,
            "goal": series.goal,
            "target_group": series.target_group,
            "language": series.language,
            "created_at": iso(series.created_at),
            "closed_at": iso(series.closed_at),
            "content_removed_at": iso(series.purged_at),
            "content_removed_after": iso(purge_due_at(series)),
        },
        "workshops": [
            {
                "code": w.code,
                "position": w.position,
                "title": w.title,
                "purpose": w.purpose,
                "date": iso(w.date),
                "start_time": iso(w.start_time),
                "duration_minutes": w.duration_minutes,
                "place": w.place,
                "state": w.state,
                "steps": [
                    {
                        "id": str(s.public_id),
                        "position": s.position,
                        "kind": s.kind,
                        "title": s.title,
                        "instructions": s.instructions,
                    }
                    for s in w.steps.all()
                ],
            }
            for w in workshops
        ],
        "participants": [
            {
                "id": str(p.public_id),
                "nickname": p.nickname,
                "kind": p.kind,
                "organisation": p.organisation_name,
                "joined_at": iso(p.created_at),
                "workshops": sorted(attended.get(p.pk, [])),
            }
            for p in participants
        ],
        "notes": [
            {
                "id": str(n.public_id),
                "workshop": workshop_code.get(n.workshop_id),
                "step": step_id.get(n.step_id),
                "participant": person.get(n.participant_id),
                "text": n.text,
                "category": n.category,
                "hidden": n.hidden_at is not None,
                "dots": note_dots.get(n.pk, 0),
                "created_at": iso(n.created_at),
            }
            for n in notes
        ],
        "themes": [
            {
                "id": str(t.public_id),
                "workshop": workshop_code.get(t.workshop_id),
                "step": step_id.get(t.step_id),
                "name": t.name,
                "dots": t.dot_count,
                "notes": [str(m.note.public_id) for m in t.memberships.all()],
            }
            for t in themes
        ],
        "prioritised_challenges": [
            {
                "workshop": workshop_code.get(c.workshop_id),
                "rank": c.rank,
                "text": c.text,
                "dots": c.dots,
                "source": c.source,
                "confirmed_at": iso(c.confirmed_at),
            }
            for c in PrioritisedChallenge.objects.filter(series=series).order_by(
                "confirmed_at", "rank", "id"
            )
        ],
        "prework": [
            {
                "workshop": workshop_code.get(q.workshop_id),
                "question": q.text,
                "answers": [
                    {"participant": person.get(a.participant_id), "text": a.text}
                    for a in q.answers.all()
                ],
            }
            for q in questions
        ],
        "comments": [
            {
                "id": str(c.public_id),
                "on": {"kind": c.target_kind, "id": str(c.target_id), "label": c.target_label},
                "participant": person.get(c.participant_id),
                "staff": (c.author.get_full_name() or c.author.username) if c.author else None,
                "reply_to": str(c.parent.public_id) if c.parent_id else None,
                "text": c.text,
                "created_at": iso(c.created_at),
                "addressed_at": iso(c.addressed_at),
            }
            for c in comments
        ],
    }
    for keeper in plugins.content_keepers():
        data[keeper.key] = keeper.export(series)
    return data
