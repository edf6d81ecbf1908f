"""The summary sections and comment targets that `workshops` itself provides.

Each builder drafts plain text from what one workshop produced, in the active language (the
series' language: `services.compile_sections` sets it), and names the outputs participants
can comment on. Other apps register theirs the same way (cases: case insights).
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import plugins
from ..models import (
    Note,
    Practice,
    PrioritisedChallenge,
    SeriesTask,
    Theme,
    WorkshopSummary,
)
from ..plugins import SummaryDraft, SummaryItem


def _challenges(workshop):
    challenges = list(PrioritisedChallenge.objects.filter(workshop=workshop).order_by("rank"))
    if not challenges:
        return None
    lines = [
        ngettext("%(rank)s. %(text)s (%(dots)s dot)", "%(rank)s. %(text)s (%(dots)s dots)", c.dots)
        % {"rank": c.rank, "text": c.text, "dots": c.dots}
        for c in challenges
    ]
    items = [SummaryItem("challenge", str(c.public_id), c.text) for c in challenges]
    return SummaryDraft("\n".join(lines), items)


def _themes(workshop):
    visible = Note.objects.filter(hidden_at__isnull=True).order_by("created_at")
    themes = list(
        Theme.objects.filter(workshop=workshop)
        .annotate(dot_count=Count("dots", distinct=True))
        .prefetch_related(Prefetch("notes", queryset=visible, to_attr="visible_notes"))
        .order_by("step__position", "created_at", "id")
    )
    if not themes:
        return None
    blocks = []
    for theme in themes:
        head = theme.name
        if theme.dot_count:
            head += " – " + ngettext("%(n)s dot", "%(n)s dots", theme.dot_count) % {
                "n": theme.dot_count
            }
        blocks.append("\n".join([head] + [f"- {note.text}" for note in theme.visible_notes]))
    items = [SummaryItem("theme", str(t.public_id), t.name) for t in themes]
    return SummaryDraft("\n\n".join(blocks), items)


def notes_draft(workshop, kind: str, *, ungrouped: bool = False):
    """The visible notes of the workshop's steps of `kind`, under step and category headings;
    other apps draft their notes with it too (case work)."""
    # Notes of a private step that was never revealed stay private.
    private = [
        step.pk
        for step in workshop.steps.filter(kind=kind, revealed_at__isnull=True)
        if (step.settings or {}).get("private_until_reveal")
    ]
    notes = (
        Note.objects.filter(workshop=workshop, step__kind=kind, hidden_at__isnull=True)
        .exclude(step_id__in=private)
        .select_related("step")
    )
    if ungrouped:
        notes = notes.filter(themes__isnull=True)
    notes = list(notes.order_by("step__position", "category", "created_at"))
    if not notes:
        return None
    lines, last = [], None
    for note in notes:
        heading = note.step.title + (f" – {note.category}" if note.category else "")
        if heading != last:
            if lines:
                lines.append("")
            lines.append(heading)
            last = heading
        lines.append(f"- {note.text}")
    return SummaryDraft("\n".join(lines))


def _ungrouped_notes(workshop):
    return notes_draft(workshop, "brainstorm", ungrouped=True)


def _warmup(workshop):
    return notes_draft(workshop, "warmup")


def _practices(workshop):
    practices = list(Practice.objects.filter(workshops=workshop).order_by("name"))
    if not practices:
        return None
    lines = [f"{p.name} ({p.get_status_display()})" for p in practices]
    items = [SummaryItem("practice", str(p.public_id), p.name) for p in practices]
    return SummaryDraft("\n".join(lines), items)


def _actions(workshop):
    tasks = list(SeriesTask.objects.filter(after_workshop=workshop).select_related("owner"))
    if not tasks:
        return None
    lines = []
    for task in tasks:
        who = (task.owner.get_full_name() or task.owner.username) if task.owner else ""
        who = ", ".join(x for x in [who, task.owner_role] if x)
        due = (
            _("due %(date)s") % {"date": date_format(task.due_date, "SHORT_DATE_FORMAT")}
            if task.due_date
            else ""
        )
        extra = ", ".join(x for x in [who, due] if x)
        lines.append(f"- {task.text}" + (f" ({extra})" if extra else ""))
    return SummaryDraft("\n".join(lines))


def _summary_label(series, public_id):
    summary = (
        WorkshopSummary.objects.select_related("workshop")
        .filter(public_id=public_id, workshop__series=series, published_at__isnull=False)
        .first()
    )
    return summary.workshop.title if summary else None


def register() -> None:
    for source in [
        plugins.SummarySource(
            "challenges", gettext_lazy("Prioritised challenges"), _challenges, position=10
        ),
        plugins.SummarySource(
            "themes", gettext_lazy("Themes and their notes"), _themes, position=20
        ),
        plugins.SummarySource("notes", gettext_lazy("Other notes"), _ungrouped_notes, position=30),
        plugins.SummarySource("practices", gettext_lazy("Practices"), _practices, position=60),
        plugins.SummarySource("actions", gettext_lazy("Actions"), _actions, position=70),
        # Warm-up answers are personal: shown only when the facilitator chooses.
        plugins.SummarySource(
            "warmup", gettext_lazy("Warm-up answers"), _warmup, included=False, position=90
        ),
    ]:
        plugins.register_summary_source(source)
    for target in [
        plugins.CommentTarget("summary", gettext_lazy("the summary"), _summary_label),
        plugins.CommentTarget(
            "challenge",
            gettext_lazy("prioritised challenge"),
            _challenge_label,
        ),
        plugins.CommentTarget("theme", gettext_lazy("theme"), _theme_label),
        plugins.CommentTarget("practice", gettext_lazy("practice"), _practice_label),
    ]:
        plugins.register_comment_target(target)


def _challenge_label(series, public_id):
    obj = PrioritisedChallenge.objects.filter(series=series, public_id=public_id).first()
    return obj.text if obj else None


def _theme_label(series, public_id):
    obj = Theme.objects.filter(workshop__series=series, public_id=public_id).first()
    return obj.name if obj else None


def _practice_label(series, public_id):
    obj = Practice.objects.filter(series=series, public_id=public_id).first()
    return obj.name if obj else None
