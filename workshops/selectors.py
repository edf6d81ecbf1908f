"""Reads shared by pages of the workshops app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from . import plugins
from .models import (
    Method,
    Note,
    Participant,
    PersonalLink,
    PreworkQuestion,
    Series,
    SeriesTask,
    Step,
    Workshop,
)
from .naturalsort import by_nickname


def dashboard_series(user) -> QuerySet[Series]:
    """The user's series with counts for the list; a fixed number of queries for any length."""
    today = timezone.localdate()
    return (
        Series.objects.for_user(user)
        .select_related("organisation", "method")
        .annotate(
            workshop_count=Count("workshops", distinct=True),
            held_count=Count(
                "workshops", filter=Q(workshops__state=Workshop.State.HELD), distinct=True
            ),
            next_date=Min("workshops__date", filter=Q(workshops__date__gte=today)),
        )
        .order_by("-created_at")
    )


def catalogue_methods() -> QuerySet[Method]:
    return Method.objects.annotate(workshop_count=Count("workshops")).order_by("position")


def method_with_agenda(slug: str) -> Method | None:
    return (
        Method.objects.filter(slug=slug)
        .prefetch_related("workshops__steps", "workshops__tasks")
        .first()
    )


def series_timeline(series: Series) -> list[Workshop]:
    """Workshops with their agenda totals and the tasks that follow each (prefetched)."""
    return list(
        series.workshops.with_agenda_totals().prefetch_related(
            Prefetch(
                "tasks_after",
                queryset=SeriesTask.objects.select_related(
                    "owner", "challenge", "practice"
                ).order_by("position", "id"),
            )
        )
    )


@dataclass
class AgendaRow:
    step: Step
    starts: dt.time | None
    ends: dt.time | None
    offset_minutes: int


@dataclass
class Agenda:
    rows: list[AgendaRow]
    total_minutes: int
    planned_minutes: int

    @property
    def overrun_minutes(self) -> int:
        return max(0, self.total_minutes - self.planned_minutes)

    @property
    def remaining_minutes(self) -> int:
        return max(0, self.planned_minutes - self.total_minutes)


def workshop_agenda(workshop: Workshop) -> Agenda:
    """The steps with the running clock time of each (from the workshop's start time)."""
    steps = list(workshop.steps.order_by("position", "id"))
    start = (
        dt.datetime.combine(dt.date(2000, 1, 1), workshop.start_time)
        if workshop.start_time
        else None
    )
    rows = []
    offset = 0
    for step in steps:
        starts = (start + dt.timedelta(minutes=offset)).time() if start else None
        offset += step.duration_minutes
        ends = (start + dt.timedelta(minutes=offset)).time() if start else None
        rows.append(AgendaRow(step=step, starts=starts, ends=ends, offset_minutes=offset))
    return Agenda(rows=rows, total_minutes=offset, planned_minutes=workshop.duration_minutes)


def series_participants(series: Series) -> list:
    """The series' participants for its staff: workshops attended and personal link, one query."""
    active = PersonalLink.objects.active().filter(participant=OuterRef("pk"))
    return by_nickname(
        Participant.objects.filter(series=series).annotate(
            attended=Count("attendances", distinct=True),
            link_created_at=Subquery(active.values("created_at")[:1]),
            link_used_at=Subquery(active.values("last_used_at")[:1]),
        )
    )


def participant_series_page(series: Series, participant) -> dict:
    """What a participant sees of their series between workshops: its workshops and their own
    notes, two queries."""
    workshops = list(
        series.workshops.annotate(
            prework_count=Count("prework", distinct=True),
            prework_answered=Count(
                "prework__answers",
                filter=Q(prework__answers__participant=participant),
                distinct=True,
            ),
            summary_published=Q(summary__published_at__isnull=False),
        ).order_by("position")
    )
    notes = list(
        Note.objects.filter(participant=participant, hidden_at__isnull=True)
        .select_related("step")
        .order_by("created_at")
    )
    by_workshop: dict[int, list] = {}
    for note in notes:
        by_workshop.setdefault(note.workshop_id, []).append(note)
    links = plugins.participant_workshop_links(workshops, participant)
    for workshop in workshops:
        workshop.own_notes = by_workshop.get(workshop.pk, [])
        workshop.app_links = links.get(workshop.pk, [])
    return {"workshops": workshops}


def prework_with_answers(workshop: Workshop) -> list:
    """The workshop's pre-work questions, each with `answer_list` (no names); 2 queries."""
    return list(
        PreworkQuestion.objects.filter(workshop=workshop).prefetch_related(
            Prefetch("answers", to_attr="answer_list")
        )
    )


def workshop_prework(workshop: Workshop) -> dict:
    """The pre-work for the workshop page: questions with answers, and how many participants
    can be e-mailed."""
    return {
        "prework": prework_with_answers(workshop),
        "prework_recipients": workshop.series.participants.exclude(email="").count(),
    }


def cockpit_between(workshop: Workshop) -> dict:
    """What the cockpit shows from between the workshops: participants' comments since the
    previous workshop and how they were handled, pre-work answers, overdue actions."""
    from .summaries.services import since_last_time

    recent = since_last_time(workshop)
    return {
        **recent,
        "prework": prework_with_answers(workshop),
        "overdue": list(workshop.series.tasks.overdue().select_related("owner")),
    }
