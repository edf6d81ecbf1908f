"""What the cases app adds to a workshop summary: the insights of case work and the personas,
service paths and causal maps the workshop worked on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workshops import plugins
from workshops.models import Note
from workshops.plugins import SummaryDraft

from .live.kinds import ARTEFACTS, chosen_artefact


def _case_insights(workshop):
    notes = list(
        Note.objects.filter(workshop=workshop, step__kind="case_work", hidden_at__isnull=True)
        .select_related("step")
        .order_by("step__position", "category", "created_at")
    )
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


def _artefacts(workshop):
    lines = []
    for step in workshop.steps.filter(kind__in=list(ARTEFACTS)).order_by("position"):
        artefact = chosen_artefact(step, workshop.series_id)
        if artefact is not None:
            lines.append(f"{step.kind_label}: {artefact}")
    return SummaryDraft("\n".join(lines)) if lines else None


def register() -> None:
    plugins.register_summary_source(
        plugins.SummarySource("cases", _("Case insights"), _case_insights, position=40)
    )
    plugins.register_summary_source(
        plugins.SummarySource(
            "artefacts", _("Personas, paths and maps worked on"), _artefacts, position=50
        )
    )
