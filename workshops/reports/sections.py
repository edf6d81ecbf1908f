"""The report sections that `workshops` itself provides.

Each builder reads the series' data in the active language (the series' language: the
renderer sets it) and returns its template's context, or None when there is nothing to show.
Other apps register their sections the same way (cases, feedback).
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy

from .. import plugins
from ..models import (
    Attendance,
    Note,
    Participant,
    Practice,
    PracticeStatusChange,
    PrioritisedChallenge,
    SeriesDocument,
    SeriesTask,
    Theme,
    Workshop,
)
from ..smallgroups import MIN_GROUP, named_groups


def _held(series) -> list[Workshop]:
    return list(
        series.workshops.exclude(state=Workshop.State.PLANNED).order_by("position", "date", "id")
    )


def _cover(series):
    dates = [w.date for w in series.workshops.all() if w.date]
    return {
        "organisation": series.organisation.name,
        "method": series.method.name if series.method_id else "",
        "first": min(dates) if dates else None,
        "last": max(dates) if dates else None,
        "goal": series.goal,
    }


def _workshops(series):
    """The method and the workshops held: dates and participants counted by type and by
    organisation (never names). An organisation with fewer than MIN_GROUP participants in a
    workshop is not named there; it counts under "other organisations" (`named_groups`)."""
    held = _held(series)
    method = series.method
    if not held and method is None:
        return None
    rows = (
        Attendance.objects.filter(workshop__in=held)
        .values_list("workshop_id", "participant__kind", "participant__organisation_name")
        .order_by()
    )
    by_workshop: dict[int, Counter] = {w.pk: Counter() for w in held}
    organisations: dict[int, Counter] = {w.pk: Counter() for w in held}
    unnamed: Counter = Counter()
    kinds = dict(Participant.Kind.choices)
    for workshop_id, kind, organisation in rows:
        by_workshop[workshop_id][kind] += 1
        if organisation.strip():
            organisations[workshop_id][organisation.strip()] += 1
        else:
            unnamed[workshop_id] += 1
    workshops = []
    for w in held:
        counts = by_workshop[w.pk]
        named, other = named_groups(organisations[w.pk])
        workshops.append(
            {
                "workshop": w,
                "total": sum(counts.values()),
                "kinds": [(str(label), counts.get(kind, 0)) for kind, label in kinds.items()],
                "organisations": named,
                "other": other,
                "not_given": unnamed[w.pk],
            }
        )
    return {"method": method, "workshops": workshops, "min_group": MIN_GROUP}


def _challenges(series):
    challenges = list(
        PrioritisedChallenge.objects.filter(series=series)
        .select_related("workshop")
        .order_by("workshop__position", "rank", "id")
    )
    return {"challenges": challenges} if challenges else None


def _themes(series):
    visible = Note.objects.filter(hidden_at__isnull=True).order_by("created_at")
    themes = list(
        Theme.objects.filter(workshop__series=series)
        .select_related("workshop")
        .annotate(dot_count=Count("dots", distinct=True))
        .prefetch_related(Prefetch("notes", queryset=visible, to_attr="visible_notes"))
        .order_by("workshop__position", "step__position", "created_at", "id")
    )
    return {"themes": themes} if themes else None


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def _practices(series):
    """Each practice with its status history, and its elements and principles as lists (they
    are written one per line)."""
    practices = list(
        Practice.objects.filter(series=series)
        .prefetch_related(
            Prefetch("history", queryset=PracticeStatusChange.objects.order_by("date", "id"))
        )
        .order_by("name", "id")
    )
    for practice in practices:
        practice.element_lines = _lines(practice.elements)
        practice.principle_lines = _lines(practice.principles)
    return {"practices": practices} if practices else None


def _document(kind):
    def build(series):
        document = SeriesDocument.objects.filter(series=series, kind=kind).first()
        if document is None or not document.text.strip():
            return None
        return {"text": document.text}

    return build


def _actions(series):
    tasks = list(
        SeriesTask.objects.filter(series=series)
        .select_related("owner", "after_workshop")
        .order_by("after_workshop__position", "position", "id")
    )
    return {"tasks": tasks} if tasks else None


def register() -> None:
    for section in [
        plugins.ReportSection(
            "cover",
            gettext_lazy("Cover"),
            _cover,
            "reports/sections/cover.html",
            position=0,
            in_contents=False,
        ),
        plugins.ReportSection(
            "workshops",
            gettext_lazy("The method and the workshops held"),
            _workshops,
            "reports/sections/workshops.html",
            position=200,
        ),
        plugins.ReportSection(
            "challenges",
            gettext_lazy("Prioritised challenges"),
            _challenges,
            "reports/sections/challenges.html",
            position=210,
        ),
        plugins.ReportSection(
            "themes",
            gettext_lazy("Themes"),
            _themes,
            "reports/sections/themes.html",
            position=220,
        ),
        plugins.ReportSection(
            "practices",
            gettext_lazy("Practices"),
            _practices,
            "reports/sections/practices.html",
            position=400,
        ),
        plugins.ReportSection(
            "vision",
            gettext_lazy("Near-term vision"),
            _document(SeriesDocument.Kind.VISION),
            "reports/sections/text.html",
            position=410,
        ),
        plugins.ReportSection(
            "agreements",
            gettext_lazy("Leadership agreements"),
            _document(SeriesDocument.Kind.AGREEMENTS),
            "reports/sections/text.html",
            position=420,
        ),
        plugins.ReportSection(
            "actions",
            gettext_lazy("Actions"),
            _actions,
            "reports/sections/actions.html",
            position=430,
        ),
    ]:
        plugins.register_report_section(section)
