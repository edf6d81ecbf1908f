"""The cases app's part of retention (see `workshops/retention.py`).

Client cases are the most sensitive content of a series: at the purge every case goes, and
with it the service paths mapped from it (their events, critical points and solutions).
Personas (made up), causal maps, actor networks and flowcharts are the group's outputs and
stay. Participants' live suggestions go, at the purge and when a participant deletes their
own contributions.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from workshops import plugins
from workshops.retention import iso

from .models import Case, ServicePath, Suggestion


def purge_series(series) -> dict[str, int]:
    suggestions = Suggestion.objects.filter(workshop__series=series).delete()[0]
    _total, by_model = Case.objects.filter(series=series).delete()
    return {
        "cases": by_model.get(Case._meta.label, 0),
        "case_paths": by_model.get(ServicePath._meta.label, 0),
        "suggestions": suggestions,
    }


def purge_participant(participant) -> dict[str, int]:
    return {"suggestions": Suggestion.objects.filter(participant=participant).delete()[0]}


def count_participant(participant) -> list[tuple[str, int]]:
    return [(_("suggestions"), Suggestion.objects.filter(participant=participant).count())]


def export(series) -> dict:
    """The series' cases with the paths mapped from them, and the live suggestions; a fixed
    number of queries."""
    paths = ServicePath.objects.prefetch_related("events", "critical_points", "solutions")
    cases = (
        Case.objects.filter(series=series)
        .prefetch_related(Prefetch("paths", queryset=paths))
        .order_by("created_at", "id")
    )
    suggestions = (
        Suggestion.objects.filter(workshop__series=series)
        .select_related("participant", "workshop")
        .order_by("created_at", "id")
    )
    return {
        "cases": [
            {
                "id": str(case.public_id),
                "title": case.title,
                "situation": case.situation,
                "life_areas": case.life_areas,
                "services_involved": case.services_involved,
                "tried": case.tried,
                "client_goal": case.client_goal,
                "anonymised_confirmed_at": iso(case.anonymised_confirmed_at),
                "service_paths": [
                    {
                        "title": path.title,
                        "events": [
                            {
                                "when": e.when,
                                "what": e.what,
                                "actor": e.actor,
                                "channel": e.channel,
                                "experience": e.experience,
                            }
                            for e in path.events.all()
                        ],
                        "critical_points": [
                            {"title": p.title, "notes": p.notes} for p in path.critical_points.all()
                        ],
                        "solutions": [{"text": s.text} for s in path.solutions.all()],
                    }
                    for path in case.paths.all()
                ],
            }
            for case in cases
        ],
        "suggestions": [
            {
                "workshop": s.workshop.code,
                "participant": str(s.participant.public_id),
                "kind": s.kind,
                "data": s.data,
                "state": s.state,
                "created_at": iso(s.created_at),
            }
            for s in suggestions
        ],
    }


def register() -> None:
    plugins.register_content_keeper(
        plugins.ContentKeeper(
            key="cases",
            purge_series=purge_series,
            purge_participant=purge_participant,
            count_participant=count_participant,
            export=export,
            position=10,
        )
    )
