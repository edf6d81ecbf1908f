"""What the cases app adds to a workshop summary: the insights of case work and the personas,
service paths and causal maps the workshop worked on."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workshops import plugins
from workshops.plugins import SummaryDraft
from workshops.summaries.sources import notes_draft

from .live.kinds import ARTEFACTS, chosen_artefact
from .models import Persona, ServicePath


def _case_insights(workshop):
    return notes_draft(workshop, "case_work")


def _artefacts(workshop):
    """The personas, service paths (with their solutions) and causal maps the workshop's steps
    worked on — a few queries per such step, and a workshop has a handful."""
    lines = []
    for step in workshop.steps.filter(kind__in=list(ARTEFACTS)).order_by("position"):
        artefact = chosen_artefact(step, workshop.series_id)
        if artefact is None:
            continue
        lines.append(f"{step.kind_label}: {artefact}")
        if isinstance(artefact, Persona):
            for label, text in [(_("Needs"), artefact.needs), (_("Goals"), artefact.goals)]:
                if text:
                    lines.append(f"  {label}: {' '.join(text.split())}")
        if isinstance(artefact, ServicePath):
            for solution in artefact.solutions.select_related("critical_point"):
                lines.append(
                    "  – "
                    + _("Solution to “%(point)s”: %(text)s")
                    % {"point": solution.critical_point.title, "text": solution.text}
                )
    return SummaryDraft("\n".join(lines)) if lines else None


def register() -> None:
    plugins.register_summary_source(
        plugins.SummarySource("cases", gettext_lazy("Case insights"), _case_insights, position=40)
    )
    plugins.register_summary_source(
        plugins.SummarySource(
            "artefacts",
            gettext_lazy("Personas, paths and maps worked on"),
            _artefacts,
            position=50,
        )
    )
