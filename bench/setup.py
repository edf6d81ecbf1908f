"""Runs inside `manage.py shell` for the benchmark: creates its data and reads the outcome."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Count

from workshops import services
from workshops.live import identity
from workshops.live import services as live
from workshops.models import Membership, Note, Organisation, Participant, Step, Workshop


def setup(participants: int) -> dict:
    organisation = Organisation.objects.create(name="Benchmark")
    user = get_user_model().objects.create_user("bench", password="bench-password-123")  # noqa: S106 — throw-away
    Membership.objects.create(organisation=organisation, user=user, role="facilitator")
    series = services.series_create(
        organisation=organisation,
        method=None,
        title="Benchmark",
        facilitators=[user],
        created_by=user,
    )
    workshop = services.workshop_add(series=series, title="Kuormitustesti")
    Step.objects.create(
        workshop=workshop,
        position=1,
        kind="brainstorm",
        title="Ideointi",
        duration_minutes=30,
        settings={},
    )
    workshop = live.workshop_go_live(workshop=workshop)
    cookies = []
    for index in range(participants):
        participant, token = live.participant_join(
            workshop=workshop,
            nickname=f"Osallistuja {index}",
            kind=Participant.Kind.CLIENT if index % 5 == 0 else Participant.Kind.PROFESSIONAL,
        )
        cookies.append(
            signing.dumps(
                {str(series.pk): f"{participant.pk}:{token}"},
                salt=identity.COOKIE_SALT,
                compress=True,
            )
        )
    # A database in use has planner statistics; a freshly filled one gets them now.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"workshop": workshop.code, "cookies": cookies}


def outcome(workshop_code: str) -> dict:
    workshop = Workshop.objects.get(code=workshop_code)
    notes = Note.objects.filter(workshop=workshop)
    # Every simulated post has a unique text: a text stored twice is a duplicated note.
    duplicates = notes.values("text").annotate(n=Count("id")).filter(n__gt=1).count()
    return {
        "note_ids": [str(n) for n in notes.values_list("public_id", flat=True)],
        "duplicates": duplicates,
    }
